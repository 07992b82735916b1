package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kg-tool/kg/extract"
	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

// benchFacts extracts the recaps of a folder once: $KG_BENCH_CORPUS (for
// example a gen_corpus.py output) or the held-out and example recaps.
func benchFacts(b *testing.B) []*graph.Facts {
	b.Helper()
	dir := os.Getenv("KG_BENCH_CORPUS")
	var files []string
	if dir != "" {
		files, _ = filepath.Glob(filepath.Join(dir, "recap-*"))
		if len(files) > 2000 {
			files = files[:2000]
		}
	} else {
		files, _ = filepath.Glob("../../extract/testdata/recaps/*")
		ex, _ := filepath.Glob("../../examples/*.*")
		files = append(files, ex...)
	}
	cat := extract.NewCatalog(extract.Embedded())
	var out []*graph.Facts
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		dec, err := extract.DecodeBytes(data, f)
		if err != nil {
			continue
		}
		out = append(out, extract.Extract(extract.Parse(dec, f), cat,
			graph.SourceInfo{ID: extract.SourceID(f), Path: f, Hash: f}))
	}
	return out
}

// BenchmarkStoreWrite measures writing extracted sources into an empty
// on-disk database through one batching Writer, per source.
func BenchmarkStoreWrite(b *testing.B) {
	facts := benchFacts(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := store.Open(filepath.Join(b.TempDir(), "db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		w, _ := db.NewWriter()
		b.StartTimer()
		for _, f := range facts {
			if _, err := w.Put(ctx, f); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(facts)), "ns/source")
}

// BenchmarkLookup measures the single-hop query behind
// "kg talks --mentions Kubernetes" on a database of the benchmark corpus.
func BenchmarkLookup(b *testing.B) {
	facts := benchFacts(b)
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "db")
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	w, _ := db.NewWriter()
	for _, f := range facts {
		if _, err := w.Put(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
	w.Close()
	db.Close()
	ro, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer ro.Close()
	for _, name := range []string{"Kubernetes", "Cilium"} {
		b.Run("mentions-"+name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				n, err := graph.Resolve(ctx, ro, name)
				if err != nil {
					b.Skip(err)
				}
				if _, err := graph.FindTalks(ctx, ro, graph.TalkFilter{Mentions: n.ID}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("neighbors", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := ro.Neighbors(ctx, "project:kubernetes", graph.In, graph.Mentions); err != nil {
				b.Fatal(err)
			}
		}
	})
}
