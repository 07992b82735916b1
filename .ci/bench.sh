#!/usr/bin/env bash
# Reproduces the table in BENCHMARKS.md: medians of whole-process runs of kg
# on a synthetic corpus from ../shared/bench/gen_corpus.py, with peak RSS,
# and checks answers against the corpus's truth.jsonl.
#
#   .ci/bench.sh            # 10,000 recaps (66 MB)
#   N=100000 .ci/bench.sh   # 100,000 recaps
#   RUNS=5 .ci/bench.sh     # more runs per median (quick queries: at least 9)
#   REUSE=1 .ci/bench.sh    # time the queries on the database a run left
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/kg-bench}
SHARED=${SHARED:-../shared}
mkdir -p "$WORK"
KG="$WORK/kg"
go build -o "$KG" ./cmd/kg
CORPUS="$WORK/corpus-$N"
if [ ! -f "$CORPUS/truth.jsonl" ]; then
  python3 "$SHARED/bench/gen_corpus.py" --out "$CORPUS" --docs "$N" --landscape "$SHARED/data/cncf-landscape.yml"
fi
DB="$WORK/db-$N"

# measure NAME SETUP CMD...: RUNS runs of CMD (SETUP before each), prints
# "NAME  median-seconds  max-rss-MB". Wall time is taken around GNU time
# (whose own figure has 10 ms steps), so it includes its ~1 ms of start-up.
measure() {
  local name=$1 setup=$2; shift 2
  local times=() rss=0
  for _ in $(seq "$RUNS"); do
    eval "$setup"
    local start end
    start=$(date +%s%N)
    /usr/bin/time -o "$WORK/time.txt" -f "%M" "$@" >/dev/null 2>"$WORK/stderr.txt" || { echo "failed: $*"; cat "$WORK/stderr.txt"; }
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000 ))")
    local r
    r=$(tail -1 "$WORK/time.txt")
    (( r > rss )) && rss=$r
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-48s %8.3f s %7d MB\n' "$name" "$(awk -v us="$med" 'BEGIN {print us / 1e6}')" $((rss / 1024))
}

# quick MEASURE-ARGS...: measure with at least 9 runs, for commands that
# take milliseconds.
quick() {
  local saved=$RUNS
  RUNS=$(( RUNS > 9 ? RUNS : 9 ))
  measure "$@"
  RUNS=$saved
}

echo "corpus: $N recaps, $(du -sLm "$CORPUS" | cut -f1) MB on disk; $(nproc) cores; runs per median: $RUNS"
# The corpus draws its project names from the CNCF landscape, so kg learns
# them first (a few hundred ms, not timed): without it, "Fabric8
# Kubernetes Client" would count as a mention of Kubernetes.
fresh="rm -rf $DB && $KG --db $DB catalog import $SHARED/data/cncf-landscape.yml >/dev/null"
if [ "${REUSE:-0}" = 1 ] && [ -d "$DB" ]; then
  echo "(REUSE=1: queries on the existing $DB, no fresh ingest)"
else
  measure "kg ingest (empty database)" "$fresh" "$KG" --db "$DB" ingest -q "$CORPUS"
fi
quick "kg ingest again (unchanged)" ":" "$KG" --db "$DB" ingest -q "$CORPUS"
quick "kg talks --mentions Cilium" ":" "$KG" --db "$DB" talks --mentions Cilium
if command -v rg >/dev/null; then
  quick "rg -l Cilium (raw corpus)" ":" rg -l Cilium "$CORPUS"
else
  quick "grep -rl Cilium (raw corpus; rg not installed)" ":" grep -rl Cilium "$CORPUS"
fi
quick "kg speakers --tech eBPF --format json" ":" "$KG" --db "$DB" speakers --tech eBPF --format json
quick "kg export --format dot --focus Cilium --depth 1" ":" "$KG" --db "$DB" export --format dot --focus Cilium --depth 1
measure "kg export --format json (whole graph)" ":" "$KG" --db "$DB" export --format json
if "$KG" rank --help >/dev/null 2>&1; then
  measure "kg rank --by pagerank" ":" "$KG" --db "$DB" rank --by pagerank
fi
echo "database size: $(du -sm "$DB" | cut -f1) MB"
# The key layout: keys and bytes by kind of record, and per talk.
"$KG" --db "$DB" check --space | tail -n +3
"$KG" --db "$DB" check --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
talks = int(sys.argv[1])
keys = sum(s["keys"] for s in r["space"]); kb = sum(s["key_bytes"] for s in r["space"]); vb = sum(s["value_bytes"] for s in r["space"])
print("per talk (%d talks): %.1f keys, %.0f key bytes, %.0f value bytes" % (talks, keys / talks, kb / talks, vb / talks))' \
  "$("$KG" --db "$DB" talks --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

# Answers must match the truth: talks that mention a project (exactly, not
# through part_of) against the truth file's count, and its count of
# distinct talks (recaps of one event that describe a talk of the same
# title describe one talk, which kg stores once).
for p in Cilium Kubernetes Falco Prometheus; do
  got=$("$KG" --db "$DB" talks --mentions "$p" --exact --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo "error")
  want=$(python3 -c '
import json, sys
p, n, distinct = sys.argv[1], 0, set()
for l in open(sys.argv[2]):
    r = json.loads(l)
    for t in r["talks"]:
        if p in t["projects"]:
            n += 1
            distinct.add((r["event"]["name"], t["title"].lower()))
print(n, "(%d distinct talks)" % len(distinct))' "$p" "$CORPUS/truth.jsonl")
  echo "truth check: talks mentioning $p: kg $got, truth $want"
done
