package extract_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/kg-tool/kg/extract"
)

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

// TestDecodeRefuses: input that is not a text recap is refused with an
// *extract.InputError that names the file.
func TestDecodeRefuses(t *testing.T) {
	cases := []struct {
		name   string
		file   string
		r      io.Reader
		max    int64
		reason string // a word the reason must hold
	}{
		{"empty", "empty.md", strings.NewReader(""), 0, "empty"},
		{"only white space", "blank.txt", strings.NewReader(" \n\t\r\n  \n"), 0, "empty"},
		{"only a UTF-8 byte-order mark", "bom.txt", strings.NewReader("\xEF\xBB\xBF\n"), 0, "empty"},
		{"NUL bytes", "image.png", strings.NewReader("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0, "binary"},
		{"one NUL in text", "notes.txt", strings.NewReader("Talk 1: Title\nSpeaker: Liz Rice\x00\n"), 0, "binary"},
		{"mostly control characters", "blob.bin", strings.NewReader(strings.Repeat("\x01\x02\x03a", 50)), 0, "binary"},
		{"over the size limit", "huge.md", strings.NewReader(strings.Repeat("a", 2049)), 2048, "larger"},
		{"unreadable", "broken.md", failingReader{}, 0, "disk on fire"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := extract.Decode(c.r, c.file, c.max)
			var ie *extract.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Decode = %v, want an *extract.InputError", err)
			}
			if ie.Name != c.file || !strings.Contains(err.Error(), c.file) {
				t.Errorf("error %q (Name %q) does not name %s", err, ie.Name, c.file)
			}
			if !strings.Contains(ie.Reason, c.reason) {
				t.Errorf("reason %q, want it to say %q", ie.Reason, c.reason)
			}
			if !errors.Is(err, extract.ErrInput) {
				t.Errorf("errors.Is(%v, ErrInput) = false", err)
			}
		})
	}
}

// TestDecodeText: what Decode accepts, repairs and converts.
func TestDecodeText(t *testing.T) {
	cases := []struct {
		name     string
		in       []byte
		max      int64
		want     string
		warnings []string // words each warning must hold, in order
	}{
		{name: "plain UTF-8", in: []byte("Talk 1: Über Cilium\nSpeaker: Raphaël Pinson\n"),
			want: "Talk 1: Über Cilium\nSpeaker: Raphaël Pinson\n"},
		{name: "exactly the size limit", in: []byte(strings.Repeat("a", 2048)), max: 2048,
			want: strings.Repeat("a", 2048)},
		{name: "UTF-8 byte-order mark dropped", in: []byte("\xEF\xBB\xBFKCD Zurich 2023\n"),
			want: "KCD Zurich 2023\n"},
		{name: "CRLF and CR line ends", in: []byte("one\r\ntwo\rthree\n"), want: "one\ntwo\nthree\n"},
		{name: "invalid UTF-8 repaired", in: []byte("Caf\xe9 talk by Jos\xe9\n"),
			want: "Caf\uFFFD talk by Jos\uFFFD\n", warnings: []string{"invalid UTF-8"}},
		{name: "UTF-16 LE with BOM", in: utf16Bytes("Talk: Łukasz and the 🐝\r\nSpeaker: Björn\r\n", false),
			want: "Talk: Łukasz and the 🐝\nSpeaker: Björn\n", warnings: []string{"UTF-16"}},
		{name: "UTF-16 BE with BOM", in: utf16Bytes("Talk: Łukasz and the 🐝\nSpeaker: Björn\n", true),
			want: "Talk: Łukasz and the 🐝\nSpeaker: Björn\n", warnings: []string{"UTF-16"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := extract.Decode(strings.NewReader(string(c.in)), "recap.txt", c.max)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if d.Text != c.want {
				t.Errorf("text %q, want %q", d.Text, c.want)
			}
			if len(d.Warnings) != len(c.warnings) {
				t.Fatalf("warnings %q, want %d holding %q", d.Warnings, len(c.warnings), c.warnings)
			}
			for i, w := range c.warnings {
				if !strings.Contains(d.Warnings[i], w) || !strings.Contains(d.Warnings[i], "recap.txt") {
					t.Errorf("warning %q should name recap.txt and say %q", d.Warnings[i], w)
				}
			}
			// DecodeBytes is Decode on bytes already read
			d2, err := extract.DecodeBytes(c.in, "recap.txt")
			if err != nil || d2.Text != d.Text || len(d2.Warnings) != len(d.Warnings) {
				t.Errorf("DecodeBytes = %q, %q, %v; Decode gave %q, %q", d2.Text, d2.Warnings, err, d.Text, d.Warnings)
			}
		})
	}
}

// TestDecodeWarningsReachFacts: a repair is reported in the facts too.
func TestDecodeWarningsReachFacts(t *testing.T) {
	f := extractBytes(t, "latin1.txt", []byte("KCD Zurich 2023 recap\n\nThe caf\xe9 was good.\n"))
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "latin1.txt") {
		t.Errorf("facts warnings %q, want one naming latin1.txt", f.Warnings)
	}
}

func TestDecodeDetectFormat(t *testing.T) {
	const (
		page  = "<!DOCTYPE html>\n<html><head><title>Recap</title></head><body><p>Hi</p></body></html>\n"
		frag  = "<div class=\"post\">\n<p>KCD Zurich was fun.</p>\n</div>\n"
		md    = "# KCD Zurich 2023\n\nSome text with a [link](https://example.com).\n\n## Talk one\n"
		front = "---\ntitle: Recap\n---\n\nPlain words only.\n"
		plain = "KCD Zurich 2023\n\nTalk 1: Cilium Mesh\nSpeaker: Thomas Graf\n"
	)
	cases := []struct {
		name, file, text string
		want             extract.Format
	}{
		{"md extension", "recap.md", plain, extract.Markdown},
		{"markdown extension", "recap.markdown", plain, extract.Markdown},
		{"upper-case extension", "RECAP.MD", plain, extract.Markdown},
		{"html extension", "recap.html", page, extract.HTML},
		{"htm extension", "recap.htm", frag, extract.HTML},
		{"html extension, Markdown inside", "recap.html", md, extract.Markdown},
		{"txt extension", "recap.txt", plain, extract.Text},
		{"txt extension, Markdown-looking text", "recap.txt", md, extract.Text},
		{"txt extension, an HTML page inside", "saved.txt", page, extract.HTML},
		{"no extension, HTML page", "recap", page, extract.HTML},
		{"no extension, HTML fragment", "stdin", frag, extract.HTML},
		{"no extension, front matter", "stdin", front, extract.Markdown},
		{"no extension, headings and links", "stdin", md, extract.Markdown},
		{"no extension, plain text", "stdin", plain, extract.Text},
		{"unknown extension, plain text", "recap.rst", plain, extract.Text},
		{"unknown extension, Markdown", "recap.mdx2", md, extract.Markdown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := extract.DetectFormat(c.file, c.text); got != c.want {
				t.Errorf("DetectFormat(%q) = %q, want %q", c.file, got, c.want)
			}
		})
	}
}

func parse(t *testing.T, name, text string) *extract.Doc {
	t.Helper()
	d, err := extract.DecodeBytes([]byte(text), name)
	if err != nil {
		t.Fatal(err)
	}
	return extract.Parse(d, name)
}

// blockAt returns the block whose text starts with prefix.
func blockAt(t *testing.T, doc *extract.Doc, prefix string) extract.Block {
	t.Helper()
	for _, b := range doc.Blocks {
		if strings.HasPrefix(b.Text, prefix) {
			return b
		}
	}
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, b.Text)
	}
	t.Fatalf("no block starts with %q; blocks are %q", prefix, texts)
	return extract.Block{}
}

func TestParseMarkdown(t *testing.T) {
	const src = "---\n" + // 1
		"title: \"KCD Amsterdam 2023: notes\"\n" + // 2
		"date: 2023-02-24\n" + // 3
		"authors:\n" + // 4
		"  - Sanne de Vries\n" + // 5
		"  - name: Joris Bakker\n" + // 6
		"---\n" + // 7
		"\n" + // 8
		"## GitOps at a Bank\n" + // 9
		"\n" + // 10
		"*Speaker: Joris Bakker, ING*\n" + // 11
		"\n" + // 12
		"Joris moved two hundred teams to Flux and kept their\n" + // 13
		"Helm charts in a separate repository.\n" + // 14
		"\n" + // 15
		"```yaml\n" + // 16
		"Speaker: Not A Person\n" + // 17
		"```\n" + // 18
		"\n" + // 19
		"![The main stage](/img/stage.jpg)\n" + // 20
		"- [Recording](https://example.com/v) of the `flux` demo\n" // 21
	doc := parse(t, "notes.md", src)
	if doc.Format != extract.Markdown || doc.Title != "KCD Amsterdam 2023: notes" || doc.Date != "2023-02-24" {
		t.Errorf("format %q, title %q, date %q", doc.Format, doc.Title, doc.Date)
	}
	if strings.Join(doc.Author, "|") != "Sanne de Vries|Joris Bakker" {
		t.Errorf("authors %q", doc.Author)
	}
	h := blockAt(t, doc, "GitOps")
	if h.Kind != extract.Heading || h.Level != 2 || h.Line != 9 {
		t.Errorf("heading %+v, want level 2 on line 9", h)
	}
	sp := blockAt(t, doc, "Speaker: Joris")
	if !sp.Emph || sp.Line != 11 || sp.Text != "Speaker: Joris Bakker, ING" {
		t.Errorf("speaker line %+v, want the emphasised line 11 without markers", sp)
	}
	p := blockAt(t, doc, "Joris moved")
	if p.Line != 13 || !strings.Contains(p.Text, "their Helm charts") {
		t.Errorf("wrapped paragraph %+v, want lines 13-14 joined", p)
	}
	if l := p.LineAt(strings.Index(p.Text, "Helm")); l != 14 {
		t.Errorf("LineAt(Helm) = %d, want 14", l)
	}
	if l := p.LineAt(strings.Index(p.Text, "Flux")); l != 13 {
		t.Errorf("LineAt(Flux) = %d, want 13", l)
	}
	item := blockAt(t, doc, "Recording")
	if item.Kind != extract.Item || item.Line != 21 || len(item.Links) != 1 || item.Links[0].URL != "https://example.com/v" ||
		len(item.Code) != 1 || item.Code[0] != "flux" {
		t.Errorf("list item %+v, want line 21 with its link and code span", item)
	}
	for _, b := range doc.Blocks {
		if strings.Contains(b.Text, "Not A Person") || strings.Contains(b.Text, "yaml") {
			t.Errorf("code block text leaked into block %+v", b)
		}
	}
}

func TestParseFrontMatterProblems(t *testing.T) {
	cases := []struct {
		name, src, warning string
		firstLine          int // line of the first block
	}{
		{"not closed", "---\ntitle: x\n\nKCD Zurich notes\n", "not closed", 2},
		{"malformed YAML", "---\ntitle: [unclosed\n---\nKCD Zurich notes\n", "malformed front matter", 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := parse(t, "fm.md", c.src)
			if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], c.warning) || !strings.Contains(doc.Warnings[0], "fm.md") {
				t.Errorf("warnings %q, want one naming fm.md and saying %q", doc.Warnings, c.warning)
			}
			if len(doc.Blocks) == 0 || doc.Blocks[0].Line != c.firstLine {
				t.Errorf("blocks %+v, want the first on line %d", doc.Blocks, c.firstLine)
			}
		})
	}
}

func TestParseText(t *testing.T) {
	const src = "KCD Zurich 2023 - notes\n" + // 1
		"\n" + // 2
		"Talk 1: Cilium Mesh\n" + // 3
		"Speaker: Thomas Graf\n" + // 4
		"Thomas explained how virtual machines join a cluster network, and why that\n" + // 5
		"matters for teams that cannot move everything at once.\n" + // 6
		"- first point\n" + // 7
		"  - nested point\n" // 8
	doc := parse(t, "notes.txt", src)
	want := []struct {
		kind  extract.BlockKind
		level int
		line  int
		text  string
	}{
		{extract.Para, 0, 1, "KCD Zurich 2023 - notes"},
		{extract.Para, 0, 3, "Talk 1: Cilium Mesh"},
		{extract.Para, 0, 4, "Speaker: Thomas Graf"},
		{extract.Para, 0, 5, "Thomas explained how virtual machines join a cluster network, and why that matters for teams that cannot move everything at once."},
		{extract.Item, 1, 7, "first point"},
		{extract.Item, 2, 8, "nested point"},
	}
	if len(doc.Blocks) != len(want) {
		t.Fatalf("%d blocks %+v, want %d", len(doc.Blocks), doc.Blocks, len(want))
	}
	for i, w := range want {
		b := doc.Blocks[i]
		if b.Kind != w.kind || b.Level != w.level || b.Line != w.line || b.Text != w.text {
			t.Errorf("block %d = {%v %d %d %q}, want %+v", i, b.Kind, b.Level, b.Line, b.Text, w)
		}
	}
	if l := doc.Blocks[3].LineAt(strings.Index(doc.Blocks[3].Text, "matters")); l != 6 {
		t.Errorf("LineAt(matters) = %d, want 6", l)
	}
}

func TestParseHTML(t *testing.T) {
	const src = "<!DOCTYPE html>\n" + // 1
		"<html><head><title>eBPF Summit 2023 recap</title>\n" + // 2
		"<meta name=\"author\" content=\"Olivia Bennett\">\n" + // 3
		"<script>var talk = \"Talk: Fake by Nobody\";</script></head>\n" + // 4
		"<body>\n" + // 5
		"<nav><a href=\"/\">Home</a> <a href=\"/blog\">Blog</a></nav>\n" + // 6
		"<div class=\"share-buttons\"><a href=\"#\">Share on LinkedIn</a></div>\n" + // 7
		"<h2>Tracing Without Overhead</h2>\n" + // 8
		"<!-- <p>Hidden draft paragraph</p> -->\n" + // 9
		"<p>Laura used <code>tetragon</code> to trace\n" + // 10
		"system calls with <a href=\"https://tetragon.io\">Tetragon</a>.</p>\n" + // 11
		"<footer><p>Copyright 2023 Olivia Bennett</p></footer>\n" + // 12
		"</body></html>\n"
	doc := parse(t, "page.html", src)
	if doc.Format != extract.HTML || doc.Title != "eBPF Summit 2023 recap" {
		t.Errorf("format %q, title %q", doc.Format, doc.Title)
	}
	h := blockAt(t, doc, "Tracing")
	if h.Kind != extract.Heading || h.Level != 2 || h.Line != 8 {
		t.Errorf("heading %+v, want h2 on line 8", h)
	}
	p := blockAt(t, doc, "Laura")
	if p.Line != 10 || p.Text != "Laura used tetragon to trace system calls with Tetragon." {
		t.Errorf("paragraph %+v", p)
	}
	if l := p.LineAt(strings.Index(p.Text, "Tetragon")); l != 11 {
		t.Errorf("LineAt(Tetragon) = %d, want 11", l)
	}
	if len(p.Links) != 1 || p.Links[0].URL != "https://tetragon.io" || len(p.Code) != 1 || p.Code[0] != "tetragon" {
		t.Errorf("links %+v, code %q", p.Links, p.Code)
	}
	for _, b := range doc.Blocks {
		for _, chrome := range []string{"Home", "Fake", "Share", "Hidden", "Copyright", "var talk"} {
			if strings.Contains(b.Text, chrome) {
				t.Errorf("chrome %q kept in block %+v", chrome, b)
			}
		}
	}
}

func TestParseStripsChrome(t *testing.T) {
	const src = "Home » Blog » KCD Zurich 2023 recap\n" + // 1
		"\n" + // 2
		"Talk 1: Cilium Mesh\n" + // 3
		"\n" + // 4
		"Speaker: Thomas Graf\n" + // 5
		"\n" + // 6
		"Thomas showed the demo.\n" + // 7
		"\n" + // 8
		"Share this:\n" + // 9
		"\n" + // 10
		"Twitter\n" + // 11
		"\n" + // 12
		"Leave a Reply\n" + // 13
		"\n" + // 14
		"Great post by Fake Commenter!\n" // 15
	doc := parse(t, "recap.txt", src)
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, b.Text)
	}
	want := []string{"KCD Zurich 2023 recap", "Talk 1: Cilium Mesh", "Speaker: Thomas Graf", "Thomas showed the demo."}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("blocks %q, want %q", texts, want)
	}
}
