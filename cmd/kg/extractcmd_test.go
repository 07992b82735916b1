package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// TestExtractIsADryRunOfIngest: kg extract prints the source id, path and
// hash that ingest stores, and empty lists as [] rather than null.
func TestExtractIsADryRunOfIngest(t *testing.T) {
	dir := t.TempDir()
	recap := filepath.Join(dir, "kcd-munich.md")
	text := "# KCD Munich 2023 notes\n\n## Securing Supply Chains with Sigstore\n\nPresented by Priya Wadhwa.\n\nCosign and Fulcio were demoed.\n"
	if err := os.WriteFile(recap, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var f graph.Facts
	if err := json.Unmarshal([]byte(mustRun(t, "extract", recap)), &f); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(text))
	if f.Source.Hash != hex.EncodeToString(sum[:]) || f.Source.Size != int64(len(text)) {
		t.Errorf("source hash %q size %d, want the file's", f.Source.Hash, f.Source.Size)
	}
	if !f.Source.Ingested.IsZero() {
		t.Errorf("a dry run says it was ingested at %v", f.Source.Ingested)
	}
	db := filepath.Join(dir, "db")
	mustRun(t, "--db", db, "ingest", recap)
	var g struct{ Nodes []graph.Node }
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "export", "--format", "json")), &g); err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, n := range g.Nodes {
		stored[n.ID] = true
	}
	for _, n := range f.Nodes {
		if !stored[n.ID] {
			t.Errorf("extract names node %s, which ingest did not store", n.ID)
		}
	}
	if !stored[f.Source.ID] || len(f.Edges) == 0 {
		t.Errorf("source %s not stored, or no edges: %+v", f.Source.ID, f)
	}

	// Stdin gets ingest's id for stdin; nothing read means empty lists.
	out, errs, code := kgRun(t, "Hello\n", "extract", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(f.Source.ID, "source:stdin-") || !strings.HasPrefix(f.Source.Path, "stdin:") {
		t.Errorf("stdin source %s at %s, want ingest's source:stdin-HASH", f.Source.ID, f.Source.Path)
	}
	if !strings.Contains(out, `"edges": []`) || strings.Contains(out, "null") {
		t.Errorf("empty lists must print as []:\n%s", out)
	}
}
