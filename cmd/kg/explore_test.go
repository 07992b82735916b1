package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// exploreRun runs kg in-process and returns stdout, stderr and the exit code.
func exploreRun(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"kg"}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// exploreJSON runs kg with --format json added and decodes stdout into v.
func exploreJSON(t *testing.T, db string, v any, args ...string) {
	t.Helper()
	full := append([]string{"--db", db, args[0], "--format", "json"}, args[1:]...)
	out, errs, code := exploreRun(t, full...)
	if code != 0 {
		t.Fatalf("kg %s: exit %d: %s", strings.Join(full, " "), code, errs)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("kg %s: %v\n%s", strings.Join(full, " "), err, out)
	}
}

// exploreDB ingests the recaps in dir into a fresh database.
func exploreDB(t *testing.T, dir string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "db")
	if _, errs, code := exploreRun(t, "--db", db, "ingest", dir); code != 0 {
		t.Fatalf("ingest %s: exit %d: %s", dir, code, errs)
	}
	return db
}

type jsonRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type jsonEvidence struct {
	Source string `json:"source"`
	Line   int    `json:"line"`
	Text   string `json:"text"`
}

type jsonPaths struct {
	From  jsonRef `json:"from"`
	To    jsonRef `json:"to"`
	Paths []struct {
		Length int `json:"length"`
		Hops   []struct {
			From      jsonRef      `json:"from"`
			To        jsonRef      `json:"to"`
			Kind      string       `json:"kind"`
			Direction string       `json:"direction"`
			Evidence  jsonEvidence `json:"evidence"`
		} `json:"hops"`
	} `json:"paths"`
}

// checkPaths fails unless every path leads from a to b and every hop has
// evidence read from text.
func checkPaths(t *testing.T, r jsonPaths, a, b string) {
	t.Helper()
	if len(r.Paths) == 0 {
		t.Fatalf("no path from %s to %s", a, b)
	}
	if r.From.ID != a || r.To.ID != b {
		t.Errorf("path ends %s, %s; want %s, %s", r.From.ID, r.To.ID, a, b)
	}
	for i, p := range r.Paths {
		if len(p.Hops) != p.Length || p.Length == 0 {
			t.Errorf("path %d: length %d with %d hops", i+1, p.Length, len(p.Hops))
			continue
		}
		at := a
		for j, h := range p.Hops {
			if h.From.ID != at {
				t.Errorf("path %d hop %d starts at %s, not %s", i+1, j+1, h.From.ID, at)
			}
			at = h.To.ID
			if h.Kind == "" || (h.Direction != "out" && h.Direction != "in") {
				t.Errorf("path %d hop %d: kind %q direction %q", i+1, j+1, h.Kind, h.Direction)
			}
			if h.Evidence.Source == "" || h.Evidence.Text == "" {
				t.Errorf("path %d hop %d (%s %s %s) has no evidence", i+1, j+1, h.From.ID, h.Kind, h.To.ID)
			}
		}
		if at != b {
			t.Errorf("path %d ends at %s", i+1, at)
		}
	}
}

func TestExploreCommands(t *testing.T) {
	db := exploreDB(t, "testdata/explore")

	t.Run("show", func(t *testing.T) {
		type detail struct {
			Node struct {
				jsonRef
				Aliases []string       `json:"aliases"`
				Attrs   map[string]any `json:"attrs"`
			} `json:"node"`
			Edges []struct {
				Kind      string `json:"kind"`
				Direction string `json:"direction"`
				Count     int    `json:"count"`
				Links     []struct {
					Node          jsonRef        `json:"node"`
					Evidence      []jsonEvidence `json:"evidence"`
					EvidenceCount int            `json:"evidence_count"`
				} `json:"links"`
			} `json:"edges"`
		}
		for _, all := range []bool{false, true} {
			var d detail
			args := []string{"show", "cilium"}
			if all {
				args = []string{"show", "--evidence", "cilium"}
			}
			exploreJSON(t, db, &d, args...)
			if d.Node.ID != "project:cilium" || d.Node.Name != "Cilium" || d.Node.Kind != "project" || len(d.Node.Aliases) == 0 {
				t.Fatalf("node %+v", d.Node)
			}
			groups := map[string][]string{}
			for _, g := range d.Edges {
				if g.Count != len(g.Links) {
					t.Errorf("%s/%s: count %d, %d links", g.Kind, g.Direction, g.Count, len(g.Links))
				}
				for _, l := range g.Links {
					groups[g.Kind+"/"+g.Direction] = append(groups[g.Kind+"/"+g.Direction], l.Node.ID)
					want := 1
					if all {
						want = l.EvidenceCount
					}
					if len(l.Evidence) != want || l.Evidence[0].Source == "" {
						t.Errorf("%s %s: %d evidence records of %d, want %d", g.Kind, l.Node.ID, len(l.Evidence), l.EvidenceCount, want)
					}
				}
			}
			if got := groups["part_of/in"]; !slices.Equal(got, []string{"project:hubble", "project:tetragon"}) {
				t.Errorf("parts of Cilium: %v", got)
			}
			if len(groups["mentions/in"]) < 3 {
				t.Errorf("talks mentioning Cilium: %v", groups["mentions/in"])
			}
		}
		out, _, code := exploreRun(t, "--db", db, "show", "--limit", "1", "Cilium")
		if code != 0 || !strings.Contains(out, "Cilium (project)") || !strings.Contains(out, "more (raise --limit)") {
			t.Errorf("show table:\n%s", out)
		}
	})

	t.Run("neighbors", func(t *testing.T) {
		var rows []struct {
			jsonRef
			Depth     int    `json:"depth"`
			From      string `json:"from"`
			Via       string `json:"via"`
			Direction string `json:"direction"`
		}
		exploreJSON(t, db, &rows, "neighbors", "--depth", "2", "--kind", "person", "--kind", "org", "Falco")
		var ids []string
		for _, r := range rows {
			ids = append(ids, r.ID)
			if r.Depth != 2 || r.From == "" || r.Via == "" || (r.Kind != "person" && r.Kind != "org") {
				t.Errorf("row %+v", r)
			}
		}
		for _, want := range []string{"person:tomas-berg", "person:pavel-novak"} {
			if !slices.Contains(ids, want) {
				t.Errorf("Falco's neighbourhood %v lacks %s", ids, want)
			}
		}
		rows = nil
		exploreJSON(t, db, &rows, "neighbors", "Tetragon")
		for _, r := range rows {
			if r.Depth != 1 || r.Kind == "source" {
				t.Errorf("one hop from Tetragon: %+v", r)
			}
		}
	})

	t.Run("path", func(t *testing.T) {
		var r jsonPaths
		exploreJSON(t, db, &r, "path", "--k", "3", "Nadia Okafor", "Pavel Novak")
		checkPaths(t, r, "person:nadia-okafor", "person:pavel-novak")
		if len(r.Paths) != 3 || r.Paths[0].Length > r.Paths[2].Length {
			t.Errorf("want 3 paths, shortest first: %+v", r.Paths)
		}
		exploreJSON(t, db, &r, "path", "--k", "1", "Tetragon", "Hubble")
		checkPaths(t, r, "project:tetragon", "project:hubble")
		if h := r.Paths[0].Hops; len(h) != 2 || h[0].Kind != "part_of" || h[0].Direction != "out" || h[1].Direction != "in" {
			t.Errorf("Tetragon to Hubble: %+v", h)
		}
		out, _, code := exploreRun(t, "--db", db, "path", "--format", "csv", "Tetragon", "Hubble")
		if code != 0 || !strings.HasPrefix(out, "path,hop,from,kind,direction,to,source,line,text\n") {
			t.Errorf("path csv:\n%s", out)
		}
	})

	t.Run("related", func(t *testing.T) {
		var rows []struct {
			jsonRef
			Talks int      `json:"talks"`
			Score float64  `json:"score"`
			Links []string `json:"links"`
		}
		exploreJSON(t, db, &rows, "related", "Cilium")
		if len(rows) < 3 {
			t.Fatalf("related Cilium: %+v", rows)
		}
		top := []string{rows[0].ID, rows[1].ID}
		slices.Sort(top)
		if !slices.Equal(top, []string{"project:hubble", "project:tetragon"}) {
			t.Errorf("top two related to Cilium: %v", top)
		}
		for i, r := range rows {
			if r.Score <= 0 || r.Score > 1 || (i > 0 && r.Score > rows[i-1].Score) || r.ID == "project:cilium" {
				t.Errorf("row %d: %+v", i, r)
			}
		}
		rows = nil
		exploreJSON(t, db, &rows, "related", "--talks-only", "--kind", "person", "Cilium")
		for _, r := range rows {
			if r.Kind != "person" || len(r.Links) != 0 || r.Talks == 0 {
				t.Errorf("talks-only person row %+v", r)
			}
		}
	})

	t.Run("rank", func(t *testing.T) {
		type score struct {
			Rank   int     `json:"rank"`
			ID     string  `json:"id"`
			Kind   string  `json:"kind"`
			Score  float64 `json:"score"`
			Degree int     `json:"degree"`
		}
		for by, first := range map[string]string{
			"pagerank": "project:cilium", "degree": "project:cilium",
			// Kubernetes joins the eBPF talks to the supply chain ones.
			"betweenness": "project:kubernetes",
		} {
			var rows []score
			exploreJSON(t, db, &rows, "rank", "--kind", "project", "--by", by)
			if len(rows) == 0 || rows[0].ID != first || rows[0].Rank != 1 {
				t.Errorf("rank --by %s: %+v", by, rows)
			}
			for i, r := range rows {
				if r.Kind != "project" || (i > 0 && r.Score > rows[i-1].Score) {
					t.Errorf("rank --by %s row %d: %+v", by, i, r)
				}
			}
		}
		var rows []score
		exploreJSON(t, db, &rows, "rank", "--limit", "3")
		if len(rows) != 3 {
			t.Errorf("--limit 3 gave %d rows", len(rows))
		}
	})

	t.Run("communities", func(t *testing.T) {
		type part struct {
			Modularity  float64 `json:"modularity"`
			Communities []struct {
				ID    int            `json:"id"`
				Size  int            `json:"size"`
				Kinds map[string]int `json:"kinds"`
				Top   []struct {
					jsonRef
					Degree int `json:"degree"`
				} `json:"top"`
			} `json:"communities"`
		}
		var p part
		exploreJSON(t, db, &p, "communities")
		if len(p.Communities) < 2 || p.Modularity <= 0 {
			t.Fatalf("communities: %+v", p)
		}
		for i, c := range p.Communities {
			if c.ID != i+1 || c.Size < 2 || len(c.Top) == 0 || len(c.Top) > 5 || (i > 0 && c.Size > p.Communities[i-1].Size) {
				t.Errorf("community %d: %+v", i+1, c)
			}
			for _, m := range c.Top {
				if m.Kind == "talk" || m.Kind == "source" || m.Kind == "event" {
					t.Errorf("community %d lists a %s", i+1, m.Kind)
				}
			}
		}
		// A graph over --max-nodes is refused with one line and exit 2,
		// instead of Louvain running for minutes.
		if _, errs, code := exploreRun(t, "--db", db, "communities", "--max-nodes", "10"); code != 2 ||
			!strings.HasPrefix(errs, "kg: communities on ") || !strings.Contains(errs, "(at most 10)") || strings.Count(errs, "\n") != 1 {
			t.Errorf("over --max-nodes: exit %d, %q", code, errs)
		}
		first, _, _ := exploreRun(t, "--db", db, "communities", "--format", "json")
		for range 5 {
			if again, _, _ := exploreRun(t, "--db", db, "communities", "--format", "json"); again != first {
				t.Fatalf("communities differ between runs:\n%s\n%s", first, again)
			}
		}
	})

	t.Run("search", func(t *testing.T) {
		var rows []struct {
			jsonRef
			Matched string  `json:"matched"`
			How     string  `json:"how"`
			Score   float64 `json:"score"`
		}
		exploreJSON(t, db, &rows, "search", "hubbel")
		if len(rows) == 0 || rows[0].ID != "project:hubble" || rows[0].How != "fuzzy" {
			t.Errorf("search hubbel: %+v", rows)
		}
		rows = nil
		exploreJSON(t, db, &rows, "search", "--kind", "person", "berg")
		if len(rows) != 1 || rows[0].ID != "person:tomas-berg" || rows[0].How != "word" {
			t.Errorf("search --kind person berg: %+v", rows)
		}
	})

	t.Run("table and csv", func(t *testing.T) {
		for _, args := range [][]string{
			{"neighbors", "Falco"}, {"related", "Falco"}, {"rank"}, {"communities"}, {"search", "falco"},
			{"path", "Falco", "Sigstore"}, {"show", "Falco"},
		} {
			for _, f := range []string{"table", "csv"} {
				full := append([]string{"--db", db, args[0], "--format", f}, args[1:]...)
				out, errs, code := exploreRun(t, full...)
				if code != 0 || errs != "" || len(strings.Split(strings.TrimSpace(out), "\n")) < 2 {
					t.Errorf("kg %s: exit %d, stderr %q\n%s", strings.Join(full, " "), code, errs, out)
				}
			}
		}
	})
}

func TestExploreNames(t *testing.T) {
	db := exploreDB(t, "testdata/explore")
	const ambiguous = `kg: "Hubble Beyond the Basics" is ambiguous: ` +
		`Hubble Beyond the Basics (talk, talk:kcd-berlin-2024/hubble-beyond-the-basics), ` +
		`Hubble Beyond the Basics (talk, talk:kcd-oslo-2024/hubble-beyond-the-basics); use an id`
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string // the exact line, or a prefix ending in "…"
	}{
		{"talks with a typo", []string{"talks", "--mentions", "Cillium"}, 2,
			`kg: no project, topic, org, person named "Cillium"; did you mean "Cilium"?`},
		{"related with a typo", []string{"related", "Cillium"}, 2,
			`kg: no project, topic, org, person named "Cillium"; did you mean "Cilium"?`},
		{"show with a typo", []string{"show", "Cillium"}, 2, `kg: no node named "Cillium"; did you mean "Cilium"?`},
		{"path with a typo", []string{"path", "Falco", "Sigstor"}, 2, `kg: no node named "Sigstor"; did you mean "Sigstore"?`},
		{"neighbors of nothing", []string{"neighbors", "Nothing At All"}, 2, `kg: no node named "Nothing At All"`},
		{"related to a talk", []string{"related", "Policy Gates for Signed Images"}, 2,
			`kg: no project, topic, org, person named "Policy Gates for Signed Images"`},
		{"ambiguous talk", []string{"show", "Hubble Beyond the Basics"}, 2, ambiguous},
		{"ambiguous in a path", []string{"path", "Hubble Beyond the Basics", "Falco"}, 2, ambiguous},
		{"talk by id", []string{"show", "talk:kcd-oslo-2024/hubble-beyond-the-basics"}, 0, ""},
		{"folded case", []string{"show", "CILIUM"}, 0, ""},
		{"alias", []string{"show", "Cilium Tetragon"}, 0, ""},
		{"unquoted name", []string{"related", "Ines", "Duarte"}, 0, ""},
		{"person", []string{"neighbors", "tomas berg"}, 0, ""},
		{"source without --via-sources", []string{"path", "source:kcd-oslo-2024", "Falco"}, 2,
			`kg: "source:kcd-oslo-2024" is a source document; add --via-sources to walk through sources`},
		{"source with --via-sources", []string{"path", "--via-sources", "source:kcd-oslo-2024", "Falco"}, 0, ""},
		{"flag after the name", []string{"show", "Cilium", "--limit", "3"}, 0, ""},
		{"unknown flag after the name", []string{"show", "Cilium", "--nope"}, 2, `kg: flag provided but not defined: -nope`},
		{"no name", []string{"show"}, 2, `kg: show needs NAME`},
		{"one name for path", []string{"path", "Falco"}, 2, `kg: path needs two names, A and B (quote names with spaces)`},
		{"no search text", []string{"search"}, 2, `kg: search needs TEXT`},
		{"unknown kind", []string{"neighbors", "--kind", "planet", "Falco"}, 2,
			`kg: unknown kind "planet" (use event, talk, person, org, project, topic, source)`},
		{"unknown measure", []string{"rank", "--by", "closeness"}, 2,
			`kg: unknown --by "closeness" (use degree, pagerank or betweenness)`},
		{"rank takes no name", []string{"rank", "Cilium"}, 2, `kg: rank takes no arguments (got "Cilium"); use flags`},
		{"bad depth", []string{"neighbors", "--depth", "0", "Falco"}, 2, `kg: --depth must be at least 1`},
		{"bad format", []string{"related", "--format", "xml", "Falco"}, 2, `kg: unknown --format "xml" (use table, json or csv)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs, code := exploreRun(t, append([]string{"--db", db}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, errs)
			}
			if got := strings.TrimSuffix(errs, "\n"); got != c.stderr {
				t.Errorf("stderr\n got %q\nwant %q", got, c.stderr)
			}
		})
	}
}

// sharedCorpus is the recaps every part of kg is measured on.
const sharedCorpus = "../../../shared/corpus/recaps"

func TestExploreSharedCorpus(t *testing.T) {
	if _, err := os.Stat(sharedCorpus); err != nil {
		t.Skipf("no shared corpus: %v", err)
	}
	db := exploreDB(t, sharedCorpus)

	var paths jsonPaths
	exploreJSON(t, db, &paths, "path", "Thomas Graf", "Liz Rice")
	checkPaths(t, paths, "person:thomas-graf", "person:liz-rice")

	var related []jsonRef
	exploreJSON(t, db, &related, "related", "--limit", "5", "Cilium")
	var ids []string
	for _, r := range related {
		ids = append(ids, r.ID)
	}
	for _, want := range []string{"project:tetragon", "project:hubble"} {
		if !slices.Contains(ids, want) {
			t.Errorf("related Cilium top 5 %v lacks %s", ids, want)
		}
	}

	var rank []jsonRef
	exploreJSON(t, db, &rank, "rank", "--kind", "project", "--by", "pagerank")
	if len(rank) == 0 || rank[0].ID != "project:kubernetes" {
		t.Errorf("rank --kind project --by pagerank: %v", rank)
	}

	var speakers []struct {
		Name string `json:"name"`
	}
	exploreJSON(t, db, &speakers, "speakers", "--tech", "eBPF")
	if len(speakers) == 0 {
		t.Error("no speakers for eBPF")
	}

	_, errs, code := exploreRun(t, "--db", db, "talks", "--mentions", "Cillium")
	if code != 2 || !strings.Contains(errs, `did you mean "Cilium"?`) {
		t.Errorf("talks --mentions Cillium: exit %d, %q", code, errs)
	}
}
