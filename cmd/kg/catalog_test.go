package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const smallLandscape = `landscape:
  - category:
    name: Observability and Analysis
    subcategories:
      - subcategory:
        name: Monitoring
        items:
          - item:
            name: Quokkameter
            homepage_url: https://quokka.example
            repo_url: https://github.com/example/quokkameter
            project: sandbox
            crunchbase: https://www.crunchbase.com/organization/quokka-labs
          - item:
            name: Quokkameter Agent
            homepage_url: https://quokka.example/agent
            extra:
              parent_project: Quokkameter
`

func TestCatalogCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")

	var entries []struct {
		ID, Name, Kind, Parent, Origin string
	}
	js := mustRun(t, "--db", db, "catalog", "list", "--format", "json")
	if err := json.Unmarshal([]byte(js), &entries); err != nil || len(entries) < 400 {
		t.Fatalf("catalog list: %d entries, %v", len(entries), err)
	}
	show := mustRun(t, "--db", db, "catalog", "show", "Cilium Tetragon", "--format", "json")
	if !strings.Contains(show, `"parent": "Cilium"`) || !strings.Contains(show, `"name": "Tetragon"`) {
		t.Errorf("catalog show 'Cilium Tetragon': %s", show)
	}
	if _, errs, code := kgRun(t, "", "--db", db, "catalog", "show", "Nopeproject"); code != 2 || !strings.Contains(errs, "no catalog entry") {
		t.Errorf("unknown entry: exit %d, %q", code, errs)
	}

	// import a landscape of our own, then a recap that names its projects
	land := filepath.Join(dir, "landscape.yml")
	if err := os.WriteFile(land, []byte(smallLandscape), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "--db", db, "catalog", "import", land)
	if !strings.Contains(out, "imported 3 entries") {
		t.Errorf("import: %s", out)
	}
	mustRun(t, "--db", db, "catalog", "add", "Wombatctl", "--kind", "project", "--alias", "wombat-ctl")
	recap := filepath.Join(dir, "recap.md")
	text := "# KCD Oslo 2024\n\n## Metrics for Marsupials by Ingrid Holm (Quokka Labs)\n\nIngrid showed Quokkameter and the Quokkameter Agent, and debugged with wombat-ctl.\n"
	if err := os.WriteFile(recap, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "ingest", recap)
	for _, name := range []string{"Quokkameter", "Quokkameter Agent", "Wombatctl"} {
		js := mustRun(t, "--db", db, "talks", "--mentions", name, "--exact", "--format", "json")
		if !strings.Contains(js, "Metrics for Marsupials") {
			t.Errorf("talks --mentions %s: %s", name, js)
		}
	}
	g := mustRun(t, "--db", db, "export", "--format", "json")
	if !strings.Contains(g, `"source": "project:quokkameter-agent"`) || !strings.Contains(g, `"kind": "part_of"`) {
		t.Errorf("landscape parent_project should give part_of: %s", g)
	}

	bad := filepath.Join(dir, "bad.yml")
	os.WriteFile(bad, []byte("just: [a, list"), 0o644)
	if _, errs, code := kgRun(t, "", "--db", db, "catalog", "import", bad); code != 2 || !strings.HasPrefix(errs, "kg: "+bad) {
		t.Errorf("bad landscape: exit %d, %q", code, errs)
	}
	if _, errs, code := kgRun(t, "", "--db", db, "catalog", "add", "X", "--kind", "planet"); code != 2 || !strings.Contains(errs, "--kind") {
		t.Errorf("bad kind: exit %d, %q", code, errs)
	}
}

// TestCatalogImportCNCF imports the real landscape (when ../shared has it)
// and checks that it does not flood a recap with false mentions.
func TestCatalogImportCNCF(t *testing.T) {
	land := "../../../shared/data/cncf-landscape.yml"
	if _, err := os.Stat(land); err != nil {
		t.Skip("no ../shared/data/cncf-landscape.yml")
	}
	dir := t.TempDir()
	plain, landed := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	mustRun(t, "--db", landed, "catalog", "import", land)
	for _, db := range []string{plain, landed} {
		mustRun(t, "--db", db, "ingest", examples)
	}
	count := func(db string) int {
		js := mustRun(t, "--db", db, "projects", "--format", "json")
		var rows []map[string]any
		json.Unmarshal([]byte(js), &rows)
		return len(rows)
	}
	a, b := count(plain), count(landed)
	if b < a || b > a+a/10+2 {
		t.Errorf("projects without landscape %d, with %d: the import should add few", a, b)
	}
}
