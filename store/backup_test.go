package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

func backup(t *testing.T, db *store.DB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := db.Backup(context.Background(), &b); err != nil {
		t.Fatalf("backup: %v", err)
	}
	return b.Bytes()
}

func restore(db *store.DB, b []byte, force bool) error {
	_, err := db.Restore(context.Background(), bytes.NewReader(b), force)
	return err
}

// TestBackupRestoreRoundTrip: a restored database has the same graph, the
// same sources and passes Check; removed sources stay removed.
func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := checkDB(t, t.TempDir()) // its history holds deletions and merges
	want := dump(t, db)
	wantSrcs, _ := db.Sources(ctx)
	b := backup(t, db)
	db.Close()

	info, err := store.ReadBackup(bytes.NewReader(b))
	if err != nil || info.Schema != "kg/4" || info.Keys == 0 {
		t.Fatalf("ReadBackup = %+v, %v", info, err)
	}
	to := open(t, filepath.Join(t.TempDir(), "new"))
	defer to.Close()
	if err := restore(to, b, false); err != nil {
		t.Fatalf("restore into a new database: %v", err)
	}
	if got := dump(t, to); !reflect.DeepEqual(got, want) {
		t.Error("restored graph differs")
	}
	if srcs, _ := to.Sources(ctx); !reflect.DeepEqual(srcs, wantSrcs) {
		t.Errorf("restored sources %v, want %v", srcs, wantSrcs)
	}
	if rep := mustCheck(t, to, false); !rep.Clean() {
		t.Errorf("restored database not clean: %+v", rep.Problems)
	}
	// The restored database takes new writes as usual.
	put(t, to, recap("source:z", "/r/z.txt", "hz", "KCD Zurich", 2023, "Talk Z", "Zoe Xu", "Cilium"))
	if rep := mustCheck(t, to, false); !rep.Clean() {
		t.Errorf("not clean after a write: %+v", rep.Problems)
	}
}

func TestBackupReadOnly(t *testing.T) {
	dir := t.TempDir()
	db := checkDB(t, dir)
	want := backup(t, db)
	db.Close()
	ro1, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro1.Close()
	ro2, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro2.Close()
	if got := backup(t, ro1); len(got) == 0 {
		t.Error("empty backup from a read-only database")
	}
	if _, err := ro2.Restore(context.Background(), bytes.NewReader(want), true); !errors.Is(err, graph.ErrReadOnly) {
		t.Errorf("restore on a read-only database: %v", err)
	}
}

// TestRestoreRefusesNonEmpty: without force a database holding a graph is
// left alone; with force it is replaced.
func TestRestoreRefusesNonEmpty(t *testing.T) {
	src := open(t, t.TempDir())
	put(t, src, recap(srcA, "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
	want := dump(t, src)
	b := backup(t, src)
	src.Close()

	db := checkDB(t, t.TempDir())
	defer db.Close()
	before := dump(t, db)
	if err := restore(db, b, false); !errors.Is(err, store.ErrNotEmpty) {
		t.Fatalf("restore over a graph: err = %v, want ErrNotEmpty", err)
	}
	if !reflect.DeepEqual(dump(t, db), before) {
		t.Fatal("refused restore changed the database")
	}
	if err := restore(db, b, true); err != nil {
		t.Fatalf("forced restore: %v", err)
	}
	if got := dump(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("forced restore: graph is not the backup's (%d nodes, want %d)", len(got.Nodes), len(want.Nodes))
	}
	if rep := mustCheck(t, db, false); !rep.Clean() {
		t.Errorf("not clean: %+v", rep.Problems)
	}
}

// TestRestoreBadInput: files that are not kg backups are refused before
// anything changes, with a reason.
func TestRestoreBadInput(t *testing.T) {
	good := func() []byte {
		db := checkDB(t, t.TempDir())
		defer db.Close()
		return backup(t, db)
	}()
	other := func() []byte { // a Badger backup of another program
		bdb, err := badger.Open(badger.DefaultOptions(t.TempDir()).WithLogger(nil))
		if err != nil {
			t.Fatal(err)
		}
		defer bdb.Close()
		if err := bdb.Update(func(txn *badger.Txn) error { return txn.Set([]byte("hello"), []byte("world")) }); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := bdb.Backup(&b, 0); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}()
	newer := func() []byte {
		db := open(t, t.TempDir())
		defer db.Close()
		put(t, db, recap(srcA, "/r/a.txt", "h1", "KCD Zurich", 2023, "Talk One", "Liz Rice", "Cilium"))
		if err := store.SetMetaForTest(db, "schema", "kg/99"); err != nil {
			t.Fatal(err)
		}
		return backup(t, db)
	}()
	cases := []struct {
		name   string
		data   []byte
		reason string
	}{
		{"empty file", nil, "no keys"},
		{"text", []byte("nodes,edges\nthis is not a backup\n"), "record 1"},
		{"JSON export", []byte(`{"nodes": [], "edges": []}`), "record 1"},
		{"cut in half", good[:len(good)/2], "cut off"},
		{"cut in the length", good[:5], "cut off"},
		{"another program's", other, "kg does not write"},
		{"newer schema", newer, `schema "kg/99"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, empty := range []bool{true, false} {
				var db *store.DB
				if empty {
					db = open(t, t.TempDir())
				} else {
					db = checkDB(t, t.TempDir())
				}
				before := dump(t, db)
				err := restore(db, c.data, true)
				if !errors.Is(err, store.ErrBadBackup) || !strings.Contains(err.Error(), c.reason) {
					t.Errorf("empty database %v: err = %v, want ErrBadBackup saying %q", empty, err, c.reason)
				}
				if !reflect.DeepEqual(dump(t, db), before) {
					t.Errorf("empty database %v: a refused restore changed the database", empty)
				}
				db.Close()
			}
		})
	}
}

// TestRestoreFromFile: Restore reads from any io.ReadSeeker,
// such as the file the CLI opens.
func TestRestoreFromFile(t *testing.T) {
	db := checkDB(t, t.TempDir())
	want := dump(t, db)
	p := filepath.Join(t.TempDir(), "kg.backup")
	if err := os.WriteFile(p, backup(t, db), 0o600); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	to := open(t, t.TempDir())
	defer to.Close()
	if _, err := to.Restore(context.Background(), f, false); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dump(t, to), want) {
		t.Error("graph differs")
	}
}
