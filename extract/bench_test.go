package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-tool/kg/extract"
	"github.com/kg-tool/kg/graph"
)

// BenchmarkExtract measures Decode+Parse+Extract throughput per input
// style, on the held-out recaps (one style each) and the bundled examples.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob("testdata/recaps/*")
	ex, _ := filepath.Glob("../examples/*.*")
	files = append(files, ex...)
	cat := extract.NewCatalog(extract.Embedded())
	for _, f := range files {
		if strings.HasSuffix(f, "README.md") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(f), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				dec, err := extract.DecodeBytes(data, f)
				if err != nil {
					b.Fatal(err)
				}
				extract.Extract(extract.Parse(dec, f), cat, graph.SourceInfo{})
			}
		})
	}
}

// BenchmarkCatalog measures building the matcher from the embedded catalog,
// which every ingest does once.
func BenchmarkCatalog(b *testing.B) {
	entries := extract.Embedded()
	for i := 0; i < b.N; i++ {
		extract.NewCatalog(entries)
	}
}
