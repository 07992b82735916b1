package export_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportsOnlyGraph keeps the rule in STYLE.md: export imports graph and
// the standard library, nothing else.
func TestImportsOnlyGraph(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not on PATH")
	}
	out, err := exec.Command(goBin, "list", "-f", `{{join .Imports "\n"}}`, ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, imp := range strings.Fields(string(out)) {
		if imp == "github.com/kg-tool/kg/graph" {
			continue
		}
		if first, _, _ := strings.Cut(imp, "/"); strings.Contains(first, ".") {
			t.Errorf("export imports %s; it may import only graph and the standard library", imp)
		}
	}
}
