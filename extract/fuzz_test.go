package extract_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/kg-tool/kg/extract"
	"github.com/kg-tool/kg/graph"
)

// The fuzz tests feed arbitrary bytes under arbitrary names to the three
// steps of reading a recap and check that nothing panics and that what
// comes out is well formed. Seeds: the test recaps and examples, the files
// under testdata/fuzz, and the hostile cases added below. Run one with
//
//	go test ./extract -run '^$' -fuzz FuzzExtract -fuzztime 60s

// addSeeds adds every recap of testdata/recaps and ../examples, each under
// its own name and as the other formats.
func addFuzzSeeds(f *testing.F) {
	for _, dir := range []string{"testdata/recaps", "../examples"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil || len(b) > 64<<10 {
				continue
			}
			f.Add(b, filepath.Base(p))
		}
	}
	for _, s := range []struct {
		data string
		name string
	}{
		{"", "empty.md"},
		{"\xff\xfeK\x00C\x00D\x00 \x00Z\x00u\x00r\x00i\x00c\x00h\x00", "utf16.txt"},
		{"\xfe\xff\x00K\x00C\x00D", "utf16be.txt"},
		{"\xef\xbb\xbf# KCD Zurich 2023\n\n## Talk\n\nSpeaker: Liz Rice\n", "bom.md"},
		{"KCD \xff Zurich\r\n\r\nSpeaker: Liz \xc3\x28 Rice\r", "latin.txt"},
		{"---\ntitle: [x\n---\n# A\n", "fm.md"},
		{"---\ntitle: x\n", "open.md"},
		{"<html><body>" + strings.Repeat("<div>", 300) + "<h2>T</h2><p>Speaker: A B</p>", "deep.html"},
		{"<p>a</p><h1>x", "broken.html"},
		{"[a](b) ```\ncode\n``` > q\n- item\n  - nested\n", "x"},
		{"Talk 1: X by Liz Rice (Isovalent)\nSpeakers: A B, C D & E F\n", "t.text"},
		{"\x00\x01\x02", "bin.txt"},
	} {
		f.Add([]byte(s.data), s.name)
	}
}

var fuzzCatalog = sync.OnceValue(func() *extract.Catalog { return extract.NewCatalog(extract.Embedded()) })

func FuzzDecodeBytes(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		d, err := extract.DecodeBytes(data, name)
		if err != nil {
			var ie *extract.InputError
			if !errors.As(err, &ie) || !errors.Is(err, extract.ErrInput) || ie.Name != name {
				t.Fatalf("error %v is not an InputError naming %q", err, name)
			}
			return
		}
		if !utf8.ValidString(d.Text) {
			t.Fatal("decoded text is not valid UTF-8")
		}
		if strings.ContainsRune(d.Text, '\r') {
			t.Fatal("decoded text keeps a carriage return")
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Fatal("blank input accepted")
		}
		plain := utf8.Valid(data) && !bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) && !bytes.ContainsRune(data, '\r') &&
			!bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF})
		if plain && (d.Text != string(data) || len(d.Warnings) > 0) {
			t.Fatal("valid UTF-8 was changed")
		}
	})
}

// fuzzParse decodes and parses data, or returns nil for input DecodeBytes
// refuses.
func fuzzParse(data []byte, name string) *extract.Doc {
	d, err := extract.DecodeBytes(data, name)
	if err != nil {
		return nil
	}
	return extract.Parse(d, name)
}

func FuzzParse(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		doc := fuzzParse(data, name)
		if doc == nil {
			return
		}
		switch doc.Format {
		case extract.Text, extract.Markdown, extract.HTML:
		default:
			t.Fatalf("format %q", doc.Format)
		}
		for i := range doc.Blocks {
			b := &doc.Blocks[i]
			if b.Line < 1 || b.Line > len(doc.Lines) {
				t.Fatalf("block %d starts at line %d of %d", i, b.Line, len(doc.Lines))
			}
			for off := 0; off < len(b.Text); off += 1 + len(b.Text)/16 {
				if l := b.LineAt(off); l < b.Line || l > len(doc.Lines) {
					t.Fatalf("block %d: offset %d at line %d, block from line %d of %d", i, off, l, b.Line, len(doc.Lines))
				}
			}
			if !utf8.ValidString(b.Text) {
				t.Fatalf("block %d is not valid UTF-8", i)
			}
			if b.Kind < extract.Para || b.Kind > extract.Quote {
				t.Fatalf("block %d has kind %d", i, b.Kind)
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	addFuzzSeeds(f)
	cat := fuzzCatalog()
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		doc := fuzzParse(data, name)
		if doc == nil {
			return
		}
		info := graph.SourceInfo{Path: name}
		facts := extract.Extract(doc, cat, info)
		checkFuzzFacts(t, facts, len(doc.Lines))
		// The same input gives the same facts.
		if again := extract.Extract(fuzzParse(data, name), cat, info); !reflect.DeepEqual(again, facts) {
			t.Fatal("a second extraction of the same input differs")
		}
	})
}

// checkFuzzFacts asserts what the store relies on: ids with their kind's
// prefix, edges between nodes of the facts, evidence from this source on
// lines of the document, or from the catalog on line 0.
func checkFuzzFacts(t *testing.T, f *graph.Facts, lines int) {
	t.Helper()
	src := f.Source.ID
	if !strings.HasPrefix(src, "source:") || len(src) == len("source:") {
		t.Fatalf("source id %q", src)
	}
	kinds := map[string]graph.NodeKind{}
	for _, n := range f.Nodes {
		prefix := string(n.Kind) + ":"
		if !n.Kind.Valid() || !strings.HasPrefix(n.ID, prefix) || len(n.ID) == len(prefix) {
			t.Fatalf("node %q of kind %q", n.ID, n.Kind)
		}
		if strings.ContainsRune(n.ID, 0) || !utf8.ValidString(n.ID) || !utf8.ValidString(n.Name) {
			t.Fatalf("node id or name not valid for the store: %q %q", n.ID, n.Name)
		}
		if _, dup := kinds[n.ID]; dup {
			t.Fatalf("node %s twice", n.ID)
		}
		kinds[n.ID] = n.Kind
	}
	if kinds[src] != graph.Source {
		t.Fatalf("no source node %s", src)
	}
	for _, e := range f.Edges {
		if !e.Kind.Valid() {
			t.Fatalf("edge kind %q", e.Kind)
		}
		if _, ok := kinds[e.Source]; !ok {
			t.Fatalf("edge %s %s %s: unknown source node", e.Source, e.Kind, e.Target)
		}
		if _, ok := kinds[e.Target]; !ok {
			t.Fatalf("edge %s %s %s: unknown target node", e.Source, e.Kind, e.Target)
		}
		if len(e.Evidence) == 0 {
			t.Fatalf("edge %s %s %s has no evidence", e.Source, e.Kind, e.Target)
		}
		for _, ev := range e.Evidence {
			fromCatalog := ev.Source == "catalog" && ev.Line == 0
			if ev.Source != src && !fromCatalog || ev.Line < 0 || ev.Line > lines || !utf8.ValidString(ev.Text) {
				t.Fatalf("edge %s %s %s: evidence %+v (source %s, %d lines)", e.Source, e.Kind, e.Target, ev, src, lines)
			}
		}
	}
}
