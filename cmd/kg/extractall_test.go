package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kg-tool/kg/extract"
	"github.com/kg-tool/kg/store"
)

// extractAll delivers every input's result in input order, whatever order
// its workers finish in (the files' sizes differ a hundredfold), and
// closes its channel when cancelled part way.
func TestExtractAllOrderAndCancel(t *testing.T) {
	dir := t.TempDir()
	var inputs []input
	for i := 0; i < 400; i++ {
		p := filepath.Join(dir, fmt.Sprintf("r%03d.md", i))
		body := fmt.Sprintf("# KCD Zurich 2023 recap %d\n\n## Talk %d: Observability with Cilium\n\nSpeaker: Jane Doe %d\n\n", i, i, i)
		if i%7 == 0 {
			body += strings.Repeat("Hubble shows the flows of the cluster. ", 2000)
		}
		if i%50 == 0 {
			p = filepath.Join(dir, fmt.Sprintf("missing%03d.md", i)) // fails to read
		} else if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{path: p})
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hashes, err := db.Hashes()
	if err != nil {
		t.Fatal(err)
	}
	defer hashes.Close()
	cat := extract.NewCatalog(extract.Embedded())

	var got []result
	all := make(chan struct{})
	go func() {
		for r := range extractAll(context.Background(), hashes, cat, inputs, 8<<20, 4, nil) {
			got = append(got, r)
		}
		close(all)
	}()
	select {
	case <-all:
	case <-time.After(60 * time.Second):
		t.Fatal("extractAll did not deliver every result")
	}
	if len(got) != len(inputs) {
		t.Fatalf("%d results for %d inputs", len(got), len(inputs))
	}
	for n, r := range got {
		if r.in != inputs[n] {
			t.Fatalf("result %d is for %s, want %s", n, r.in.path, inputs[n].path)
		}
		if (r.err != nil) != (n%50 == 0) {
			t.Fatalf("%s: error %v", r.in.path, r.err)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	results := extractAll(ctx, hashes, cat, inputs, 8<<20, 4, nil)
	done := make(chan int)
	go func() {
		got := 0
		for range results {
			if got++; got == 20 {
				cancel()
			}
		}
		done <- got
	}()
	select {
	case got := <-done:
		if got >= len(inputs) {
			t.Errorf("all %d results came after the cancel", got)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("extractAll did not close its channel after the cancel")
	}
}
