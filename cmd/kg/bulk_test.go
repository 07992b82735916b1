package main

import (
	"os"
	"path/filepath"
	"testing"
)

// A bulk ingest (compaction deferred, then one merge), small or large,
// stores the graph a normal ingest stores.
func TestBulkIngestSameGraph(t *testing.T) {
	export := func(minInput, minLarge int64) string {
		defer func(old, oldLarge int64) { bulkMinInput, largeInput = old, oldLarge }(bulkMinInput, largeInput)
		bulkMinInput, largeInput = minInput, minLarge
		db := filepath.Join(t.TempDir(), "db")
		mustRun(t, "--db", db, "ingest", "-q", examples)
		if out := mustRun(t, "--db", db, "check"); out == "" {
			t.Error("check printed nothing")
		}
		return mustRun(t, "--db", db, "export", "--format", "json")
	}
	normal, bulk, large := export(1<<62, 1<<62), export(1, 1<<62), export(1, 1)
	if len(normal) < 1000 || normal != bulk {
		t.Errorf("bulk ingest exported %d bytes, normal %d; they differ", len(bulk), len(normal))
	}
	if large != normal {
		t.Errorf("large bulk ingest exported %d bytes, normal %d; they differ", len(large), len(normal))
	}
}

func TestIsBulk(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, make([]byte, 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "db")
	if err := os.MkdirAll(db, 0o755); err != nil {
		t.Fatal(err)
	}
	defer func(old int64) { bulkMinInput = old }(bulkMinInput)
	bulkMinInput = 512 << 10
	in := inputSize([]input{{path: big}, {path: "-"}, {path: filepath.Join(dir, "missing.txt")}})
	if in != 1<<20 {
		t.Errorf("input size %d, want %d", in, 1<<20)
	}
	if !isBulk(in, db) {
		t.Error("1 MB into an empty database is a bulk load")
	}
	if err := os.WriteFile(filepath.Join(db, "000001.sst"), make([]byte, 5<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	if isBulk(in, db) {
		t.Error("1 MB into 5 MB of tables is not a bulk load")
	}
	bulkMinInput = 2 << 20
	os.Remove(filepath.Join(db, "000001.sst"))
	if isBulk(in, db) {
		t.Error("below the minimum input is not a bulk load")
	}
}
