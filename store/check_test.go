package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

// The corruption tests write raw keys; the layout is documented in doc.go.
const (
	talkOne = "talk:kcd-zurich-2023/talk-one"
	srcA    = "source:a"
)

func k(prefix byte, fields ...string) []byte {
	return []byte(string(prefix) + "\x00" + strings.Join(fields, "\x00"))
}

// rawUpdate changes a closed kg database with Badger directly.
func rawUpdate(t *testing.T, dir string, fn func(txn *badger.Txn) error) {
	t.Helper()
	bdb, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func rawGet(txn *badger.Txn, key []byte) ([]byte, error) {
	item, err := txn.Get(key)
	if err != nil {
		return nil, err
	}
	return item.ValueCopy(nil)
}

// checkDB builds a database whose history covers every writer path:
// shared facts, a replaced source, a removed source, a year-less event
// joining its edition and a misspelt speaker joining the right one.
func checkDB(t *testing.T, dir string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db := open(t, dir)
	put(t, db, recap(srcA, "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium", "Hubble"))
	put(t, db, recap("source:b", "/r/b.txt", "h2", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
	put(t, db, recap("source:c", "/r/c.txt", "h3", "KCD Zurich", 0, "Demystifying eBPF", "Filip Nicolic", "eBPF"))
	put(t, db, recap("source:d", "/r/d.txt", "h4", "KCD Zurich", 2023, "Demystifying eBPF", "Filip Nikolic", "Falco"))
	put(t, db, recap("source:e", "/r/e.txt", "h5", "KCD Zurich", 2023, "Gone Soon", "Ann Other", "Tetragon"))
	put(t, db, recap("source:d", "/r/d.txt", "h6", "KCD Zurich", 2023, "Demystifying eBPF", "Filip Nikolic", "Falco", "Kyverno"))
	if err := db.RemoveSource(ctx, "source:e"); err != nil {
		t.Fatal(err)
	}
	return db
}

func mustCheck(t *testing.T, db *store.DB, repair bool) store.Report {
	t.Helper()
	rep, err := db.Check(context.Background(), repair)
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	return rep
}

func TestCheckCleanAfterEveryWrite(t *testing.T) {
	db := checkDB(t, t.TempDir())
	defer db.Close()
	rep := mustCheck(t, db, false)
	if !rep.Clean() {
		t.Fatalf("fresh database not clean: %+v", rep.Problems)
	}
	if rep.Sources != 4 || rep.Nodes == 0 || rep.Edges == 0 || rep.Redirects == 0 {
		t.Errorf("report counts %+v: want 4 sources, nodes, edges and the redirects of the merges", rep)
	}
	if rep := mustCheck(t, db, true); rep.Repaired != 0 {
		t.Errorf("repair of a clean database wrote %d keys", rep.Repaired)
	}
}

func TestCheckEmptyAndReadOnly(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	if rep := mustCheck(t, db, false); !rep.Clean() || rep.Sources != 0 {
		t.Errorf("empty database: %+v", rep)
	}
	db.Close()
	ro, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Check(context.Background(), true); !errors.Is(err, graph.ErrReadOnly) {
		t.Errorf("repair on a read-only database: err = %v, want ErrReadOnly", err)
	}
}

// TestCheckFindsAndRepairs damages a database in one way per case, and
// checks that Check names the damage, that repair mends it, and that
// repairing a derived key gives back exactly the graph there was.
func TestCheckFindsAndRepairs(t *testing.T) {
	// checkDB stores each source in a commit of its own: srcA's reverse
	// edges are in the first commit's groups.
	groupA := "#0000000001"
	cilium := k('b', "project:cilium", "mentions", groupA)
	talkGroup := k('f', talkOne, srcA)
	regroup := func(txn *badger.Txn, edit func([][2]string) [][2]string) error {
		v, err := rawGet(txn, talkGroup)
		if err != nil {
			return err
		}
		if v, err = store.RegroupForTest(v, edit); err != nil {
			return err
		}
		return txn.Set(talkGroup, v)
	}
	cases := []struct {
		name    string
		want    string
		derived bool // only a derived key is damaged: repair restores the graph
		damage  func(txn *badger.Txn) error
	}{
		{"reverse key deleted", store.ProblemMissingRev, true, func(txn *badger.Txn) error {
			return txn.Delete(cilium)
		}},
		{"stray reverse key", store.ProblemStaleRev, true, func(txn *badger.Txn) error {
			return txn.Set(k('b', "project:ghost", "mentions", groupA), store.RevBatchForTest(srcA, "mentions", talkOne))
		}},
		{"stray reverse key of one source", store.ProblemStaleRev, true, func(txn *badger.Txn) error {
			return txn.Set(k('b', "project:cilium", "mentions", srcA), store.GroupValueForTest(false, "mentions", talkOne))
		}},
		{"reverse group with an edge too many", store.ProblemStaleRev, true, func(txn *badger.Txn) error {
			return txn.Set(cilium, store.RevBatchForTest(srcA, "mentions", talkOne, "talk:ghost"))
		}},
		{"reverse group with another commit's source", store.ProblemStaleRev, true, func(txn *badger.Txn) error {
			return txn.Set(cilium, store.RevBatchForTest("source:b", "mentions", talkOne))
		}},
		{"reverse key with a field too many", store.ProblemStaleRev, true, func(txn *badger.Txn) error {
			// in place of the right one, whose fields it starts with
			if err := txn.Delete(cilium); err != nil {
				return err
			}
			return txn.Set(k('b', "project:cilium", "mentions", groupA, "x"), store.RevBatchForTest(srcA, "mentions", talkOne))
		}},
		{"reverse key with a field too few", store.ProblemStaleRev, true, func(txn *badger.Txn) error {
			return txn.Set(k('b', "project:cilium", "mentions"), store.RevBatchForTest(srcA, "mentions", talkOne))
		}},
		{"reverse group of another kind", store.ProblemStaleRev, true, func(txn *badger.Txn) error {
			return txn.Set(k('b', "project:cilium", "part_of", groupA), store.RevBatchForTest(srcA, "part_of", talkOne))
		}},
		{"group number behind the groups", store.ProblemGroupCounter, true, func(txn *badger.Txn) error {
			return txn.Set(k('m', "group"), []byte("2"))
		}},
		{"group number lost", store.ProblemGroupCounter, true, func(txn *badger.Txn) error {
			return txn.Delete(k('m', "group"))
		}},
		{"reverse group that does not decode", store.ProblemStaleRev, true, func(txn *badger.Txn) error {
			return txn.Set(cilium, []byte{1, 2, 3})
		}},
		{"reverse group by commit with a part that does not decode", store.ProblemStaleRev, true, func(txn *badger.Txn) error {
			return txn.Set(cilium, []byte{3, 1, 8, 's', 'o', 'u', 'r', 'c', 'e', ':', 'a', 2, 1, 0})
		}},
		{"edge key in kg/2's form", store.ProblemMalformedKey, true, func(txn *badger.Txn) error {
			return txn.Set(k('f', talkOne, "mentions", "project:cilium", srcA), []byte{1, 1, 1, 'x'})
		}},
		{"kind key of kg/3 left by an upgrade", store.ProblemUnknownKeyspace, true, func(txn *badger.Txn) error {
			return txn.Set(k('k', "project", "project:cilium"), nil)
		}},
		{"alias key deleted", store.ProblemMissingAlias, true, func(txn *badger.Txn) error {
			return txn.Delete(k('a', "cilium", "project:cilium"))
		}},
		{"alias key that is no spelling", store.ProblemStaleAlias, true, func(txn *badger.Txn) error {
			return txn.Set(k('a', "ghost", "project:cilium"), nil)
		}},
		{"series key deleted", store.ProblemMissingSeries, true, func(txn *badger.Txn) error {
			return txn.Delete(k('e', "kcd|zurich", "event:kcd-zurich-2023"))
		}},
		{"stray series key", store.ProblemStaleSeries, true, func(txn *badger.Txn) error {
			return txn.Set(k('e', "kcd|bern", "event:kcd-zurich-2023"), nil)
		}},
		{"node record deleted", store.ProblemMissingNode, true, func(txn *badger.Txn) error {
			return txn.Delete(k('n', "project:cilium"))
		}},
		{"node record with a wrong count", store.ProblemWrongNode, true, func(txn *badger.Txn) error {
			// in the JSON form kg/1 wrote, which still decodes
			return txn.Set(k('n', "project:cilium"), []byte(`{"k":"project","s":7,"n":{"2\u0000Cilium":1},"a":{}}`))
		}},
		{"node record that does not decode", store.ProblemWrongNode, true, func(txn *badger.Txn) error {
			return txn.Set(k('n', "project:cilium"), []byte{1, 7, 'p', 'r', 'o'})
		}},
		{"node no source contributes", store.ProblemStaleNode, true, func(txn *badger.Txn) error {
			return txn.Set(k('n', "project:ghost"), []byte(`{"k":"project","s":1,"n":{"2\u0000Ghost":1},"a":{}}`))
		}},
		{"path key deleted", store.ProblemMissingPath, true, func(txn *badger.Txn) error {
			return txn.Delete(k('p', "/r/a.txt"))
		}},
		{"path key of no source", store.ProblemStalePath, true, func(txn *badger.Txn) error {
			return txn.Set(k('p', "/r/zzz.txt"), []byte("source:zzz\x00h9"))
		}},
		{"edge taken out of its group", store.ProblemMissingEdge, false, func(txn *badger.Txn) error {
			return regroup(txn, func(es [][2]string) [][2]string {
				return slices.DeleteFunc(es, func(e [2]string) bool { return e[1] == "project:hubble" })
			})
		}},
		{"forward group deleted", store.ProblemMissingEdge, false, func(txn *badger.Txn) error {
			return txn.Delete(talkGroup)
		}},
		{"edge group of no source", store.ProblemOrphanEdge, false, func(txn *badger.Txn) error {
			return txn.Set(k('f', talkOne, "source:ghost"), store.GroupValueForTest(true, "mentions", "project:cilium"))
		}},
		{"edge its source does not list", store.ProblemUnlistedEdge, false, func(txn *badger.Txn) error {
			return regroup(txn, func(es [][2]string) [][2]string {
				return append(es, [2]string{"mentions", "project:falco"})
			})
		}},
		{"unreadable evidence", store.ProblemBadEvidence, false, func(txn *badger.Txn) error {
			return txn.Set(talkGroup, []byte{0xff})
		}},
		{"evidence cut short", store.ProblemBadEvidence, false, func(txn *badger.Txn) error {
			v, err := rawGet(txn, talkGroup)
			if err != nil {
				return err
			}
			return txn.Set(talkGroup, v[:len(v)-1])
		}},
		{"unreadable source record", store.ProblemBadSource, false, func(txn *badger.Txn) error {
			return txn.Set(k('s', "source:b"), nil)
		}},
		{"edge whose end is no node", store.ProblemDangling, false, func(txn *badger.Txn) error {
			// source a no longer contributes Hubble, but keeps its edge
			raw, err := rawGet(txn, k('s', srcA))
			if err != nil {
				return err
			}
			v, err := store.SourceJSONForTest(raw)
			if err != nil {
				return err
			}
			var rec map[string]json.RawMessage
			if err := json.Unmarshal(v, &rec); err != nil {
				return err
			}
			var nodes []graph.Node
			if err := json.Unmarshal(rec["nodes"], &nodes); err != nil {
				return err
			}
			for i, n := range nodes {
				if n.ID == "project:hubble" {
					nodes = append(nodes[:i], nodes[i+1:]...)
					break
				}
			}
			rec["nodes"], _ = json.Marshal(nodes)
			b, _ := json.Marshal(rec)
			if b, err = store.SourceValueForTest(b); err != nil {
				return err
			}
			return txn.Set(k('s', srcA), b)
		}},
		{"unknown key", store.ProblemUnknownKeyspace, true, func(txn *badger.Txn) error {
			return txn.Set([]byte("zzz"), []byte("?"))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			db := checkDB(t, dir)
			before := dump(t, db)
			db.Close()
			rawUpdate(t, dir, c.damage)

			db = open(t, dir)
			defer db.Close()
			rep := mustCheck(t, db, false)
			if rep.Counts[c.want] == 0 {
				t.Fatalf("check did not report %q; found %v", c.want, rep.Counts)
			}
			for _, p := range rep.Problems {
				if p.Key == "" || strings.ContainsRune(p.Key, 0) {
					t.Errorf("problem key not printable: %+v", p)
				}
			}
			if rep := mustCheck(t, db, true); rep.Repaired == 0 {
				t.Errorf("repair changed nothing: %+v", rep)
			}
			if rep := mustCheck(t, db, false); !rep.Clean() {
				t.Fatalf("still damaged after repair: %+v", rep.Problems)
			}
			if c.derived && !reflect.DeepEqual(dump(t, db), before) {
				t.Error("repairing a derived key changed the graph")
			}
			if _, err := db.Sources(context.Background()); err != nil {
				t.Errorf("sources after repair: %v", err)
			}
		})
	}
}

// TestCheckRepairThenIngestAgain: after an unreadable source record is
// dropped by repair, storing the source again gives the original graph.
func TestCheckRepairThenIngestAgain(t *testing.T) {
	dir := t.TempDir()
	db := checkDB(t, dir)
	before := dump(t, db)
	db.Close()
	rawUpdate(t, dir, func(txn *badger.Txn) error { return txn.Set(k('s', "source:b"), []byte("{")) })
	db = open(t, dir)
	defer db.Close()
	mustCheck(t, db, true)
	put(t, db, recap("source:b", "/r/b.txt", "h2", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
	if rep := mustCheck(t, db, false); !rep.Clean() {
		t.Fatalf("not clean: %+v", rep.Problems)
	}
	if !reflect.DeepEqual(dump(t, db), before) {
		t.Error("graph after repair and re-ingest differs from the original")
	}
}

// bigRecap is a source whose record is larger than Badger's value
// threshold, so that it lives in the value log.
func bigRecap(i int) *graph.Facts {
	var things []string
	// names that do not compress, so that the record goes to the value log
	for j := 0; j < 120; j++ {
		h := sha256.Sum256([]byte(itoa(i) + "/" + itoa(j)))
		things = append(things, "Project "+hex.EncodeToString(h[:10]))
	}
	return recap("source:big"+itoa(i), "/r/big"+itoa(i)+".txt", "hb"+itoa(i), "KCD Zurich", 2023, "Talk "+itoa(i), "Liz Rice", things...)
}

func files(t *testing.T, dir, ext string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*"+ext))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestTruncatedValueLog: values cut off from the value log come back empty
// from Badger; queries that need them fail with an error naming the
// source, Check reports them and repair leaves a consistent graph without
// them. Nothing panics.
func TestTruncatedValueLog(t *testing.T) {
	for _, c := range []struct {
		name string
		size int64 // -1: half the file
	}{{"empty", 0}, {"100 bytes", 100}, {"half", -1}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			db := open(t, dir)
			put(t, db, recap(srcA, "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
			for i := 0; i < 3; i++ {
				put(t, db, bigRecap(i))
			}
			db.Close()
			vlogs := files(t, dir, ".vlog")
			if len(vlogs) == 0 {
				t.Fatal("no value log")
			}
			for _, f := range vlogs {
				fi, err := os.Stat(f)
				if err != nil {
					t.Fatal(err)
				}
				n := c.size
				if n < 0 {
					n = fi.Size() / 2
				}
				if err := os.Truncate(f, n); err != nil {
					t.Fatal(err)
				}
			}
			db, err := store.Open(dir, store.Options{})
			if err != nil {
				// Badger may refuse; then the message must name the database.
				t.Logf("open: %v", err)
				if !strings.Contains(err.Error(), dir) {
					t.Errorf("open error does not name the database: %v", err)
				}
				return
			}
			defer db.Close()
			ctx := context.Background()
			if _, err := db.Sources(ctx); err == nil {
				t.Log("sources still readable")
			} else if !strings.Contains(err.Error(), "source:big") {
				t.Errorf("error does not name the source: %v", err)
			}
			rep := mustCheck(t, db, false)
			if rep.Counts[store.ProblemBadSource] == 0 {
				t.Fatalf("check did not report the unreadable source records: %v", rep.Counts)
			}
			mustCheck(t, db, true)
			if rep := mustCheck(t, db, false); !rep.Clean() {
				t.Fatalf("not clean after repair: %+v", rep.Problems)
			}
			srcs, err := db.Sources(ctx)
			if err != nil || len(srcs) == 0 || len(srcs) == 4 || srcs[0].ID != srcA {
				t.Fatalf("after repair: sources %v, %v; want %s and not all the big ones", srcs, err, srcA)
			}
			for _, s := range srcs {
				if _, err := db.SourceFacts(ctx, s.ID); err != nil {
					t.Errorf("source kept by repair is unreadable: %v", err)
				}
			}
			for i := 0; i < 3; i++ {
				put(t, db, bigRecap(i))
			}
			if rep := mustCheck(t, db, false); !rep.Clean() {
				t.Errorf("not clean after storing the sources again: %+v", rep.Problems)
			}
		})
	}
}

// TestDamagedManifest: a MANIFEST that cannot be read stops Open with
// ErrSchema and a message naming it; one cut short must not cost the table
// files it no longer lists (Badger deletes unlisted tables when it opens).
func TestDamagedManifest(t *testing.T) {
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		db := checkDB(t, dir)
		db.Close()
		if len(files(t, dir, ".sst")) == 0 {
			t.Fatal("no table files")
		}
		return dir
	}
	t.Run("empty", func(t *testing.T) {
		dir := setup(t)
		if err := os.Truncate(filepath.Join(dir, "MANIFEST"), 0); err != nil {
			t.Fatal(err)
		}
		for _, ro := range []bool{true, false} {
			_, err := store.Open(dir, store.Options{ReadOnly: ro})
			if !errors.Is(err, graph.ErrSchema) || !strings.Contains(err.Error(), "manifest") {
				t.Errorf("read-only %v: err = %v, want ErrSchema naming the manifest", ro, err)
			}
		}
		if err := store.CheckFiles(dir); !errors.Is(err, graph.ErrSchema) {
			t.Errorf("CheckFiles: %v", err)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		dir := setup(t)
		if err := store.CheckFiles(dir); err != nil {
			t.Fatalf("CheckFiles of a sound database: %v", err)
		}
		if err := os.Truncate(filepath.Join(dir, "MANIFEST"), 10); err != nil {
			t.Fatal(err)
		}
		tables := files(t, dir, ".sst")
		err := store.CheckFiles(dir)
		if !errors.Is(err, graph.ErrSchema) || !strings.Contains(err.Error(), "damaged") {
			t.Fatalf("CheckFiles: err = %v, want ErrSchema saying the database is damaged", err)
		}
		for _, ro := range []bool{true, false} {
			db, err := store.Open(dir, store.Options{ReadOnly: ro})
			if err == nil {
				db.Close()
				t.Errorf("read-only %v: opened a database whose MANIFEST lost its tables (store.Open must call CheckFiles)", ro)
			}
		}
		if got := files(t, dir, ".sst"); len(got) != len(tables) {
			t.Errorf("opening deleted table files: %v, had %v", got, tables)
		}
	})
}

// linksMatch checks that every node's record links it to exactly the ids
// its edge keys do.
func linksMatch(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	var ids []string
	if err := db.Nodes(ctx, "", func(nd graph.Node) error { ids = append(ids, nd.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := db.EachNodeLinks(ctx, ids, func(nd graph.Node, ls graph.Links) error {
		for _, c := range []struct {
			got  []string
			dir  graph.Direction
			kind graph.EdgeKind
		}{{ls.Speakers, graph.In, graph.Presented}, {ls.Events, graph.Out, graph.HeldAt}, {ls.Orgs, graph.Out, graph.WorksFor}} {
			want, err := db.Neighbors(ctx, nd.ID, c.dir, c.kind)
			if err != nil {
				return err
			}
			if !slices.Equal(c.got, want) {
				t.Errorf("%s %s: links %v, edges %v", nd.ID, c.kind, c.got, want)
			}
			n += len(want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no linked edges at all")
	}
	// Every third node, and ids that are no node: the batch read must find
	// each id across gaps and skip the missing ones.
	var some []string
	for i := 0; i < len(ids); i += 3 {
		some = append(some, ids[i], ids[i]+"~missing")
	}
	slices.Sort(some)
	var seen []string
	if err := db.EachNodeLinks(ctx, some, func(nd graph.Node, _ graph.Links) error {
		seen = append(seen, nd.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != (len(ids)+2)/3 {
		t.Errorf("EachNodeLinks found %d of %d nodes: %v", len(seen), (len(ids)+2)/3, seen)
	}
	// EachNodeName finds the same nodes, with the same names.
	var named []graph.Node
	if err := db.EachNodeName(ctx, some, func(nd graph.Node) error {
		named = append(named, nd)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var linked []graph.Node
	db.EachNodeLinks(ctx, some, func(nd graph.Node, _ graph.Links) error {
		linked = append(linked, nd)
		return nil
	})
	if !reflect.DeepEqual(named, linked) {
		t.Errorf("EachNodeName %v, EachNodeLinks %v", named, linked)
	}
}

// Rows read in parts, by several goroutines, arrive as one reader gives
// them: in id order, missing ids skipped, and an error from fn stops them.
func TestNodeLinksInParts(t *testing.T) {
	db := checkDB(t, t.TempDir())
	defer db.Close()
	ctx := context.Background()
	var ids []string
	if err := db.Nodes(ctx, "", func(nd graph.Node) error { ids = append(ids, nd.ID, nd.ID+"~missing"); return nil }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	type row struct {
		n  graph.Node
		ls graph.Links
	}
	read := func(stopAt int) ([]row, error) {
		var out []row
		err := db.EachNodeLinks(ctx, ids, func(n graph.Node, ls graph.Links) error {
			if len(out) == stopAt {
				return errors.New("stop")
			}
			out = append(out, row{n, ls})
			return nil
		})
		return out, err
	}
	want, err := read(-1)
	if err != nil || len(want) < 8 {
		t.Fatalf("one reader: %d rows, %v", len(want), err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, per := range []int{1, 2, 3, len(ids) / 3} {
		restore := store.SetRowsPerPartForTest(per)
		got, err := read(-1)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("parts of %d ids: %d rows, %v; want %d", per, len(got), err, len(want))
		}
		for _, stop := range []int{0, 1, len(want) / 2, len(want) - 1} {
			got, err := read(stop)
			if err == nil || err.Error() != "stop" || len(got) != stop || (stop > 0 && !reflect.DeepEqual(got, want[:stop])) {
				t.Errorf("parts of %d ids, fn failing at row %d: %d rows, %v", per, stop, len(got), err)
			}
		}
		restore()
	}
}

func TestNodeLinksFollowWrites(t *testing.T) {
	db := checkDB(t, t.TempDir()) // merges, a replace and a removal
	defer db.Close()
	withOrg := func(hash, org string) *graph.Facts {
		f := recap("source:w", "/r/w.txt", hash, "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium")
		oid := graph.NodeID(graph.Org, org)
		f.Nodes = append(f.Nodes, graph.Node{ID: oid, Kind: graph.Org, Name: org})
		f.Edges = append(f.Edges, graph.Edge{Source: "person:liz-rice", Kind: graph.WorksFor, Target: oid,
			Evidence: ev("source:w", 9, "Liz Rice ("+org+")")})
		return f
	}
	put(t, db, withOrg("w1", "Isovalent"))
	put(t, db, withOrg("w2", "Cisco")) // replaces: Isovalent goes
	linksMatch(t, db)
	var orgs []string
	err := db.EachNodeLinks(context.Background(), []string{"person:liz-rice"}, func(_ graph.Node, ls graph.Links) error {
		orgs = ls.Orgs
		return nil
	})
	if err != nil || !slices.Equal(orgs, []string{"org:cisco"}) {
		t.Errorf("Liz Rice's orgs = %v, %v; want [org:cisco]", orgs, err)
	}
	if rep := mustCheck(t, db, false); !rep.Clean() {
		t.Errorf("not clean: %+v", rep.Problems)
	}
}

func TestUpgradeFromSchema1(t *testing.T) {
	dir := t.TempDir()
	db := checkDB(t, dir)
	want := dump(t, db)
	if err := store.DowngradeForTest(db); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// A read-only open (any query) upgrades the database first.
	ro, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open kg/1 database: %v", err)
	}
	linksMatch(t, ro)
	if got := dump(t, ro); !reflect.DeepEqual(got, want) {
		t.Error("graph changed by the upgrade")
	}
	if rep := mustCheck(t, ro, false); !rep.Clean() {
		t.Errorf("upgraded database not clean: %+v", rep.Problems)
	}
	ro.Close()
}

// WalkLinks lists exactly the edges Walk does, without their evidence.
func TestWalkLinksMatchesWalk(t *testing.T) {
	db := checkDB(t, t.TempDir())
	defer db.Close()
	ctx := context.Background()
	var want, got []string
	if err := db.Walk(ctx, nil, func(e graph.Edge) error {
		want = append(want, e.Source+" "+string(e.Kind)+" "+e.Target)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.WalkLinks(ctx, func(from string, k graph.EdgeKind, to string) error {
		got = append(got, from+" "+string(k)+" "+to)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) < 5 || !slices.Equal(got, want) {
		t.Errorf("WalkLinks = %v\nWalk = %v", got, want)
	}
}

// TestUpgradeFromSchema2 opens a database with kg/2's key per edge and
// source, once as kg/2 left it and once as an upgrade interrupted after
// writing one group but before deleting that group's legacy keys: both
// give back the graph, with each line of evidence once.
func TestUpgradeFromSchema2(t *testing.T) {
	for _, interrupted := range []bool{false, true} {
		dir := t.TempDir()
		db := checkDB(t, dir)
		want := dump(t, db)
		var group []byte
		if err := db.RawViewForTest(func(txn *badger.Txn) (err error) {
			group, err = rawGet(txn, k('f', talkOne, srcA))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if err := store.DowngradeToSchema2ForTest(db); err != nil {
			t.Fatal(err)
		}
		db.Close()
		rawUpdate(t, dir, func(txn *badger.Txn) error {
			if _, err := rawGet(txn, k('f', talkOne, "mentions", "project:cilium", srcA)); err != nil {
				return err // not the legacy layout
			}
			if interrupted {
				return txn.Set(k('f', talkOne, srcA), group)
			}
			return nil
		})
		db = open(t, dir)
		linksMatch(t, db)
		if got := dump(t, db); !reflect.DeepEqual(got, want) {
			t.Errorf("interrupted %v: graph changed by the upgrade", interrupted)
		}
		if rep := mustCheck(t, db, false); !rep.Clean() {
			t.Errorf("interrupted %v: upgraded database not clean: %+v", interrupted, rep.Problems)
		}
		db.Close()
	}
}

// TestRepairedSourceIsReadAgain: when repair takes edges out of a source
// record because their group was lost, the source loses its hash, so that
// storing the unchanged file again restores them.
func TestRepairedSourceIsReadAgain(t *testing.T) {
	dir := t.TempDir()
	db := checkDB(t, dir)
	before := dump(t, db)
	db.Close()
	rawUpdate(t, dir, func(txn *badger.Txn) error { return txn.Delete(k('f', talkOne, srcA)) })
	db = open(t, dir)
	defer db.Close()
	mustCheck(t, db, true)
	if reflect.DeepEqual(dump(t, db), before) {
		t.Fatal("losing a group changed nothing")
	}
	res := put(t, db, recap(srcA, "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium", "Hubble"))
	if res.Unchanged {
		t.Error("the repaired source was skipped as unchanged")
	}
	if rep := mustCheck(t, db, false); !rep.Clean() {
		t.Fatalf("not clean: %+v", rep.Problems)
	}
	if !reflect.DeepEqual(dump(t, db), before) {
		t.Error("graph after repair and storing the source again differs from the original")
	}
}

// TestCheckReverseGroupLackingAnEdge: a reverse group that lacks one of
// its source's edges is reported as a missing reverse key and rewritten.
func TestCheckReverseGroupLackingAnEdge(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	f := recap("source:x", "/r/x.txt", "hx", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium")
	g := recap("source:x", "/r/x.txt", "hx", "KCD Zurich", 2023, "Talk Two", "Ann Other", "Cilium")
	f.Nodes = append(f.Nodes, g.Nodes...)
	f.Edges = append(f.Edges, g.Edges...)
	put(t, db, f)
	db.Close()
	lackingReverseEdge(t, dir).Close()
}

// lackingReverseEdge leaves in the first commit's reverse group of
// Cilium's mentions only source:x's mention by Talk One, then checks that
// Check reports one missing reverse key and that repair gives back the
// graph; it returns the database, open.
func lackingReverseEdge(t *testing.T, dir string) *store.DB {
	t.Helper()
	db := open(t, dir)
	before := dump(t, db)
	db.Close()
	rawUpdate(t, dir, func(txn *badger.Txn) error {
		group := k('b', "project:cilium", "mentions", "#0000000001")
		if _, err := rawGet(txn, group); err != nil {
			return err
		}
		return txn.Set(group, store.RevBatchForTest("source:x", "mentions", talkOne))
	})
	db = open(t, dir)
	if rep := mustCheck(t, db, false); rep.Counts[store.ProblemMissingRev] != 1 || rep.Total != 1 {
		t.Fatalf("check found %v, want one missing reverse key", rep.Counts)
	}
	mustCheck(t, db, true)
	if rep := mustCheck(t, db, false); !rep.Clean() {
		t.Fatalf("still damaged after repair: %+v", rep.Problems)
	}
	if !reflect.DeepEqual(dump(t, db), before) {
		t.Error("repair changed the graph")
	}
	return db
}

// TestCheckReverseGroupLackingASource: a reverse group of a commit that
// lost one source's part is reported as a missing reverse key and
// rewritten; removing the other source afterwards leaves no trace.
func TestCheckReverseGroupLackingASource(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	x := recap("source:x", "/r/x.txt", "hx", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium")
	y := recap("source:y", "/r/y.txt", "hy", "KCD Zurich", 2023, "Talk Two", "Ann Other", "Cilium")
	putAll(t, db, []*graph.Facts{x, y}, 2)
	db.Close()
	db = lackingReverseEdge(t, dir)
	defer db.Close()
	if err := db.RemoveSource(context.Background(), "source:x"); err != nil {
		t.Fatal(err)
	}
	if rep := mustCheck(t, db, false); !rep.Clean() {
		t.Fatalf("not clean after removing one source of the commit: %+v", rep.Problems)
	}
	talks, err := db.Neighbors(context.Background(), "project:cilium", graph.In, graph.Mentions)
	if err != nil || !slices.Equal(talks, []string{"talk:kcd-zurich-2023/talk-two"}) {
		t.Errorf("talks mentioning Cilium after removing source:x = %v, %v", talks, err)
	}
}

// TestUpgradeFromSchema3 opens a database with kg/3's kind index: the
// upgrade drops every kind key and lists the nodes of each kind as before.
func TestUpgradeFromSchema3(t *testing.T) {
	dir := t.TempDir()
	db := checkDB(t, dir)
	want := dump(t, db)
	wantKinds := nodesByKind(t, db)
	if err := store.DowngradeToSchema3ForTest(db); err != nil {
		t.Fatal(err)
	}
	if n := rawPrefixCount(t, db, "k\x00"); n != len(want.Nodes) {
		t.Fatalf("downgraded database has %d kind keys, want %d", n, len(want.Nodes))
	}
	db.Close()
	ro, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open kg/3 database: %v", err)
	}
	defer ro.Close()
	if n := rawPrefixCount(t, ro, "k\x00"); n != 0 {
		t.Errorf("%d kind keys left after the upgrade", n)
	}
	if got := dump(t, ro); !reflect.DeepEqual(got, want) {
		t.Error("graph changed by the upgrade")
	}
	if got := nodesByKind(t, ro); !reflect.DeepEqual(got, wantKinds) {
		t.Errorf("nodes by kind after the upgrade = %v, want %v", got, wantKinds)
	}
	if rep := mustCheck(t, ro, false); !rep.Clean() {
		t.Errorf("upgraded database not clean: %+v", rep.Problems)
	}
	ro.Close()

	// kg/3's groups of one source and kg/4's groups by commit side by
	// side: replacing a source takes its old groups away.
	later := func(db *store.DB) *graph.Graph {
		putAll(t, db, []*graph.Facts{
			recap(srcA, "/r/a.txt", "h7", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Falco"),
			recap("source:f", "/r/f.txt", "h8", "KCD Zurich", 2023, "Talk Three", "Ann Other", "Cilium"),
		}, 2)
		if rep := mustCheck(t, db, false); !rep.Clean() {
			t.Errorf("not clean after later writes: %+v", rep.Problems)
		}
		return dump(t, db)
	}
	db = open(t, dir)
	got := later(db)
	db.Close()
	fresh := checkDB(t, t.TempDir())
	defer fresh.Close()
	if want := later(fresh); !reflect.DeepEqual(got, want) {
		t.Error("later writes to the upgraded database give another graph than to a new one")
	}
}

// TestRemoveInTheSameCommit: a source applied and removed before the
// commit leaves nothing in the commit's reverse groups.
func TestRemoveInTheSameCommit(t *testing.T) {
	ctx := context.Background()
	db := open(t, t.TempDir())
	defer db.Close()
	w, err := db.NewWriter()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*graph.Facts{
		recap("source:x", "/r/x.txt", "hx", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"),
		recap("source:y", "/r/y.txt", "hy", "KCD Zurich", 2023, "Talk Two", "Ann Other", "Cilium"),
	} {
		if _, err := w.Put(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Remove(ctx, "source:x"); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if rep := mustCheck(t, db, false); !rep.Clean() {
		t.Fatalf("not clean: %+v", rep.Problems)
	}
	talks, err := db.Neighbors(ctx, "project:cilium", graph.In, graph.Mentions)
	if err != nil || !slices.Equal(talks, []string{"talk:kcd-zurich-2023/talk-two"}) {
		t.Errorf("talks mentioning Cilium = %v, %v", talks, err)
	}
}

// TestNodesOfKind: the nodes of one kind are exactly those of every kind
// with that kind, in id order.
func TestNodesOfKind(t *testing.T) {
	db := checkDB(t, t.TempDir())
	defer db.Close()
	got := nodesByKind(t, db)
	var all []graph.Node
	if err := db.Nodes(context.Background(), "", func(n graph.Node) error { all = append(all, n); return nil }); err != nil {
		t.Fatal(err)
	}
	want := map[graph.NodeKind][]string{}
	for _, n := range all {
		want[n.Kind] = append(want[n.Kind], n.ID)
	}
	if len(want) < 5 || !reflect.DeepEqual(got, want) {
		t.Errorf("nodes by kind = %v, want %v", got, want)
	}
}

// nodesByKind lists the ids Nodes gives for each kind.
func nodesByKind(t *testing.T, db *store.DB) map[graph.NodeKind][]string {
	t.Helper()
	out := map[graph.NodeKind][]string{}
	for _, k := range graph.NodeKinds {
		err := db.Nodes(context.Background(), k, func(n graph.Node) error {
			if n.Kind != k {
				t.Errorf("Nodes(%s) gave %s of kind %s", k, n.ID, n.Kind)
			}
			out[k] = append(out[k], n.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func rawPrefixCount(t *testing.T, db *store.DB, prefix string) int {
	t.Helper()
	n := 0
	if err := db.RawViewForTest(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPutRefusesNodeOfAnotherKind: a node whose kind is not its id's
// prefix would be listed under the wrong kind, so Put refuses the source
// and stores nothing of it.
func TestPutRefusesNodeOfAnotherKind(t *testing.T) {
	ctx := context.Background()
	db := open(t, t.TempDir())
	defer db.Close()
	f := recap("source:a", "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium")
	f.Nodes[len(f.Nodes)-1].Kind = graph.Topic
	_, err := db.PutSource(ctx, f)
	if err == nil || !strings.Contains(err.Error(), `node "project:cilium" has kind "topic"`) {
		t.Fatalf("put = %v, want a refusal naming the node", err)
	}
	if g := dump(t, db); len(g.Nodes) != 0 {
		t.Errorf("refused source left %d nodes", len(g.Nodes))
	}
}
