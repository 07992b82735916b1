package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// TestLazyRegexpsCompile compiles every expression the package declares,
// which regexp.MustCompile used to do at start-up: a bad pattern fails
// here, not in the middle of someone's ingest.
func TestLazyRegexpsCompile(t *testing.T) {
	if len(allLazy) < 50 {
		t.Fatalf("only %d lazy regexps registered; package-level ones must use lazyRe", len(allLazy))
	}
	for _, l := range allLazy {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%q: %v", l.expr, r)
				}
			}()
			l.get()
		}()
	}
}

func TestFirstBytes(t *testing.T) {
	set := func(bs ...byte) []byte { return bs }
	high := func(bs ...byte) []byte {
		for b := 0x80; b < 256; b++ {
			bs = append(bs, byte(b))
		}
		return bs
	}
	for _, tc := range []struct {
		expr string
		want []byte // nil: no filter
	}{
		{`^\s{0,3}(#{1,6})\s+`, set('\t', '\n', '\f', '\r', ' ', '#')},
		{`(?i)^ab`, set('A', 'a')},
		{`^a?b`, set('a', 'b')},
		{`^(?:x|y+)z`, set('x', 'y')},
		{`(?i)^k`, high('K', 'k')}, // the Kelvin sign folds to k
		{`^é`, high()},
		{`^[^a-z]`, nil}, // checked below: everything but a-z
		{`^a*`, nil},     // matches the empty text
		{`^(?:a|)`, nil},
		{`^\b`, nil},
		{`a`, nil}, // not anchored
		{`(?m)^a`, nil},
		{`^a|b`, nil},
		{`(?:^|x)a`, nil},
	} {
		got := firstBytes(tc.expr)
		if tc.expr == `^[^a-z]` {
			if got == nil || got['a'] || got['z'] || !got['A'] || !got[0] || !got[0xff] {
				t.Errorf("%s: %v", tc.expr, got)
			}
			continue
		}
		if (got == nil) != (tc.want == nil) {
			t.Errorf("%s: filter %v, want %v", tc.expr, got != nil, tc.want != nil)
			continue
		}
		if got == nil {
			continue
		}
		var want [256]bool
		for _, b := range tc.want {
			want[b] = true
		}
		if *got != want {
			for b := range want {
				if got[b] != want[b] {
					t.Errorf("%s: byte %q: %v, want %v", tc.expr, byte(b), got[b], want[b])
				}
			}
		}
	}
}

// Every lazy regexp answers as its plain regexp does, on every line of the
// test recaps and the examples and on variants of each that change how it
// begins; and the first-byte and needle filters turn many of them away.
func TestLazyRegexpsMatchPlain(t *testing.T) {
	var lines []string
	for _, g := range []string{"testdata/recaps/*", "../examples/*", "testdata/*.md", "testdata/*.txt", "testdata/*.html"} {
		files, _ := filepath.Glob(g)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, l := range strings.Split(string(b), "\n") {
				lines = append(lines, l)
			}
		}
	}
	if len(lines) < 1000 {
		t.Fatalf("only %d lines of test text", len(lines))
	}
	var texts []string
	for _, l := range lines {
		texts = append(texts, l, strings.TrimSpace(l), "  "+l, strings.ToUpper(l), strings.ToLower(l), "é"+l, "\t"+l)
		if len(l) > 1 {
			texts = append(texts, l[1:])
		}
	}
	texts = append(texts, "", " ", "#", "- x", "1. x", "K", "\u212a", "ſ",
		// what the expressions with needles look for, in case the recaps
		// lack it
		"The talk given by Liz Rice and Thomas Graf", "a session by Jane Doe, Bob Roe & Ann Lee",
		"Opening keynote (09:30 - 10:00)", "eBPF deep dive (lightning talk)", "Home » Posts » KubeCon",
		"Jane Doe (Isovalent)", "Thanks for reading. — Hugo Moreau", "– Ana María López",
		"[[Kepler (software)|Kepler]] metrics", "[https://speakerdeck.com/x Slides]", "Demo.<ref>Slides online.</ref>", "**Host:** Marisol Vega", "@dana@fosstodon.org = Dana Whitfield",
		"[b]Day 1[/b] see [url=https://x.example/1]my report[/url]", "Tereza Nováková, Red Hat [1]",
		"[2] A. Ruiz and P. Chen. \"Quadlets in Production\". Talk at FOSDEM 2026, Brussels, 2026.",
		// Textile and LaTeX
		"h2. Day 1", "We went to \"KCD Munich\":https://community.cncf.io/kcd-munich/ in July.", "Pin versions, never @latest@.",
		"\\begin{frame}[fragile]{Tetragon Policies}", "\\textbf{Ayşe Demirci} \\& \\href{https://x.example/t}{slides}",
		"\\item[Why] it costs $\\approx$ 3\\%", "\\end{itemize}", "\\vfill")
	filtered, kept := 0, 0
	for _, l := range allLazy {
		plain := regexp.MustCompile(l.expr)
		matched := 0
		for _, s := range texts {
			if plain.MatchString(s) {
				matched++
			}
			if !l.mayMatch(s) {
				filtered++
			} else {
				kept++
			}
			if got, want := l.MatchString(s), plain.MatchString(s); got != want {
				t.Fatalf("%s on %q: %v, want %v", l.expr, s, got, want)
			}
			if got, want := l.FindStringSubmatchIndex(s), plain.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
				t.Fatalf("%s on %q: %v, want %v", l.expr, s, got, want)
			}
			if got, want := l.ReplaceAllString(s, "<$0>"), plain.ReplaceAllString(s, "<$0>"); got != want {
				t.Fatalf("%s replacing in %q: %q, want %q", l.expr, s, got, want)
			}
			for _, n := range []int{-1, 0, 2} {
				if got, want := l.Split(s, n), plain.Split(s, n); !slices.Equal(got, want) {
					t.Fatalf("%s splitting %q (n=%d): %q, want %q", l.expr, s, n, got, want)
				}
			}
		}
		if l.needles != nil && matched == 0 {
			t.Errorf("%s has needles but no test text matches it: add one", l.expr)
		}
	}
	if filtered < kept/4 {
		t.Errorf("the first-byte filter turned away only %d of %d texts", filtered, filtered+kept)
	}
	t.Logf("%d texts turned away, %d passed to the matcher", filtered, kept)
}

// An expression every branch of which is anchored at the start must say so
// once, before its alternation ("^(?:a|b)", not "^a|^b"): Go's matcher
// only sees an anchor that starts the whole program, and otherwise tries
// every position of the text. isNameUse was written the second way and,
// run on the rest of a paragraph for each name in it, made a recap of one
// 160 KB paragraph take 4.8 s instead of 0.05 s.
func TestAnchoredExpressionsAnchorOnce(t *testing.T) {
	var anchored func(r *syntax.Regexp) bool
	anchored = func(r *syntax.Regexp) bool {
		switch r.Op {
		case syntax.OpBeginText:
			return true
		case syntax.OpCapture:
			return anchored(r.Sub[0])
		case syntax.OpConcat:
			return len(r.Sub) > 0 && anchored(r.Sub[0])
		case syntax.OpAlternate:
			for _, s := range r.Sub {
				if !anchored(s) {
					return false
				}
			}
			return true
		}
		return false
	}
	n := 0
	for _, l := range allLazy {
		re, err := syntax.Parse(l.expr, syntax.Perl)
		if err != nil {
			t.Fatalf("%q: %v", l.expr, err)
		}
		if !anchored(re) {
			continue
		}
		n++
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			t.Fatalf("%q: %v", l.expr, err)
		}
		if prog.StartCond()&syntax.EmptyBeginText == 0 {
			t.Errorf("%.60s…: every branch starts with ^, but the matcher cannot tell; write ^(?:…|…)", l.expr)
		}
	}
	if n < 10 {
		t.Fatalf("only %d anchored expressions: the test proves little", n)
	}
}
