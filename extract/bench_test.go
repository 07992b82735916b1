package extract_test

import (
	"os"
	"path/filepath"
	"strconv"
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

// BenchmarkExtractCorpus measures one core's extraction throughput over
// the first 2,000 recaps of a generated corpus: KG_BENCH_CORPUS names its
// directory (see BENCHMARKS.md); without it the benchmark is skipped.
func BenchmarkExtractCorpus(b *testing.B) {
	dir := os.Getenv("KG_BENCH_CORPUS")
	if dir == "" {
		b.Skip("KG_BENCH_CORPUS is not set")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "recap-*"))
	if len(files) > 2000 {
		files = files[:2000]
	}
	if len(files) == 0 {
		b.Skipf("no recaps in %s", dir)
	}
	var data [][]byte
	size := 0
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		size += len(d)
	}
	cat := extract.NewCatalog(extract.Embedded())
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, d := range data {
			dec, err := extract.DecodeBytes(d, files[j])
			if err != nil {
				b.Fatal(err)
			}
			extract.Extract(extract.Parse(dec, files[j]), cat, graph.SourceInfo{})
		}
	}
}

// BenchmarkLongParagraph extracts a recap whose notes are one paragraph of
// 40 KB to 320 KB (text flattened from a page, a file without line
// breaks): the time per byte should not grow with the paragraph, as it
// did when a rule ran an expression over the rest of the paragraph for
// each name in it.
func BenchmarkLongParagraph(b *testing.B) {
	cat := extract.NewCatalog(extract.Embedded())
	sentence := "Liz Rice from Isovalent showed Cilium. Hubble shows the flows. The talk by Bob Lee covered Flux, the GitOps tool. Falco detects threats. "
	for _, kb := range []int{40, 80, 160, 320} {
		body := "# KCD Zurich 2023 recap\n\n## Observability with Cilium\n\nSpeaker: Jane Doe\n\n" +
			strings.Repeat(sentence, kb<<10/len(sentence)) + "\n"
		b.Run(strconv.Itoa(kb)+"KB", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for i := 0; i < b.N; i++ {
				dec, err := extract.DecodeBytes([]byte(body), "long.md")
				if err != nil {
					b.Fatal(err)
				}
				extract.Extract(extract.Parse(dec, "long.md"), cat, graph.SourceInfo{})
			}
		})
	}
}
