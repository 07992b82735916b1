package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirections keeps the package graph of STYLE.md: graph imports
// nothing of this module; store, extract and export import only graph.
func TestImportDirections(t *testing.T) {
	const mod = "github.com/kg-tool/kg/"
	allowed := map[string][]string{
		"graph":   {"graph"},
		"store":   {"store", "graph"},
		"extract": {"extract", "graph"},
		"export":  {"export", "graph"},
	}
	for pkg, ok := range allowed {
		out, err := exec.Command("go", "list", "-deps", "../../"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !strings.HasPrefix(dep, mod) {
				continue
			}
			name := strings.SplitN(strings.TrimPrefix(dep, mod), "/", 2)[0]
			good := false
			for _, a := range ok {
				good = good || name == a
			}
			if !good {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
