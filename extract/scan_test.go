package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// The hand-written scanners replaced regular expressions on the hot path;
// they must agree with them on every input.
func TestScannersAgreeWithRegexps(t *testing.T) {
	sentenceEndRe := regexp.MustCompile(`[.!?](?:["”’)]*)\s+`)
	initialRe := regexp.MustCompile(`^\p{Lu}\.(\p{Lu}\.)*$`)
	boundsRe := func(text string) []int {
		out := []int{0}
		for _, loc := range sentenceEndRe.FindAllStringIndex(text, -1) {
			if text[loc[0]] != '.' && loc[1] < len(text) && text[loc[1]] >= 'a' && text[loc[1]] <= 'z' ||
				strings.HasPrefix(text[loc[1]:], "»") {
				continue // "Kahoot! is on stage", « ... sauver ? »
			}
			if !abbrevBefore(text, loc[0]) {
				out = append(out, loc[1])
			}
		}
		return out
	}
	alphabet := []string{"a", "B", "J", "É", ".", ".", "!", "?", " ", " ", "\n", "\t", "\"", "”", "’", ")", "e.g", "Dr", "x", "\v"}
	inputs := append([]string{"", "J.", "J.R.", "É.", "j.", "J", "JR.", "Hello. World", "Hi!\" Next", "e.g. this. That", "End.)  Next", "a?”\tb", "« Vraiment ? » Oui."},
		randomTexts(1, alphabet, 12)...)
	for _, s := range inputs {
		if got, want := sentenceBounds(s), boundsRe(s); !slices.Equal(got, want) {
			t.Fatalf("sentenceBounds(%q) = %v, regexp gives %v", s, got, want)
		}
		if got, want := isInitial(s), initialRe.MatchString(s); got != want {
			t.Fatalf("isInitial(%q) = %v, regexp gives %v", s, got, want)
		}
	}
}

func TestInCity(t *testing.T) {
	for _, c := range []struct {
		text, spelling string
		start          int
		want           bool
	}{
		{"We met in Buenos Aires last year", "Buenos", 10, true},
		{"We met in Buenos Aires last year", "Aires", 17, true},
		{"Buenos is a word", "Buenos", 0, false},
		{"at Kubernetes Amsterdam", "Amsterdam", 14, true},
		{"at Amsterdamer", "Amsterdam", 3, false},
	} {
		if got := inCity(c.text, found{start: c.start, spelling: c.spelling}); got != c.want {
			t.Errorf("inCity(%q, %q) = %v, want %v", c.text, c.spelling, got, c.want)
		}
	}
}

// A prefiltered regexp must answer exactly as its regexp does: its needles
// are a necessary condition, never a change of meaning.
func TestPrefiltersAreExact(t *testing.T) {
	var lines []string
	for _, dir := range []string{"testdata/recaps", "testdata/styles", "../examples", "../../shared/corpus/recaps"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, l := range strings.Split(string(b), "\n") {
				l = strings.TrimSpace(strings.TrimLeft(l, "#*-> "))
				lines = append(lines, l, firstSentence(l), trimTitle(l))
			}
		}
	}
	if len(lines) < 1000 {
		t.Fatalf("only %d lines to test with", len(lines))
	}
	lines = append(lines, "That's all, folks", "THANKS!", "See you in Paris", "The whole event was great",
		"this year's KubeCon conference was", "Key  Points", "Wrap-up", "Day 2 keynotes", "12 comments",
		"Written by Jane", "Q&A", "Edit this page", "X", "Tags: ebpf", "© 2024 Me", "Copyright 2023", "Share on LinkedIn", "Open Spaces", "Looking forward to 2025", "We hope to return", "Overall, good")
	for _, re := range []filteredRe{notTalkRe, outroRe, endRe, chromeRe} {
		n := 0
		// One shortest text for each alternative of the expression, in
		// three cases, so that every needle is needed.
		var own []string
		for _, a := range alternatives(t, re.re.String()) {
			own = append(own, a, strings.ToUpper(a), upperFirst(a))
		}
		for _, l := range append(own, lines...) {
			got, want := re.MatchString(l), re.re.MatchString(l)
			if got != want {
				t.Errorf("%.40s…: prefiltered %v, regexp %v on %q", re.re.String(), got, want, l)
			}
			if want {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%.40s… matched no line: the test proves nothing", re.re.String())
		}
	}
}

// alternatives returns a shortest text matching each alternative of the
// first alternation in expr (for "^(a|b+)$": "a", "b").
func alternatives(t *testing.T, expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	var alt *syntax.Regexp
	var find func(r *syntax.Regexp)
	find = func(r *syntax.Regexp) {
		if alt != nil {
			return
		}
		if r.Op == syntax.OpAlternate {
			alt = r
			return
		}
		for _, s := range r.Sub {
			find(s)
		}
	}
	find(re)
	if alt == nil {
		t.Fatalf("%s has no alternation", expr)
	}
	var out []string
	for _, a := range alt.Sub {
		var b strings.Builder
		shortest(&b, a)
		out = append(out, b.String())
	}
	return out
}

// shortest writes a shortest text r matches (word boundaries and anchors
// aside).
func shortest(b *strings.Builder, r *syntax.Regexp) {
	switch r.Op {
	case syntax.OpLiteral:
		b.WriteString(string(r.Rune))
	case syntax.OpCharClass:
		b.WriteRune(r.Rune[0])
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
	case syntax.OpCapture, syntax.OpPlus:
		shortest(b, r.Sub[0])
	case syntax.OpRepeat:
		for i := 0; i < r.Min; i++ {
			shortest(b, r.Sub[0])
		}
	case syntax.OpConcat:
		for _, s := range r.Sub {
			shortest(b, s)
		}
	case syntax.OpAlternate:
		shortest(b, r.Sub[0])
	}
}

func TestFindCityAgreesWithRegexp(t *testing.T) {
	var alts []string
	for _, c := range cityList {
		if c != "Rejekts" {
			alts = append(alts, regexp.QuoteMeta(c))
		}
	}
	// a name ends before any rune that is no letter, digit or "_" (\b
	// knows ASCII letters only, and would end "Bogotá" nowhere)
	cityRe := regexp.MustCompile(`\b(` + strings.Join(alts, "|") + `)(?:$|[^\pL\pN_])`)
	parts := []string{"Paris", "Amsterdam", "Zürich", "Zurich", "São Paulo", "Sao", "New York", "York", " ", " ", ",", "in ", "x", "_", "2024", "KubeCon ", "Berliner", "Munich.", "Bogotá", "é", "Bogot"}
	inputs := append([]string{"", "KubeCon Europe 2024 in Paris", "KCD Zürich 2023", "Amsterdamned", "xParis", "Paris_", "KCD Bogotá 2025", "Parisé"},
		randomTexts(2, parts, 6)...)
	for _, s := range inputs {
		want := ""
		if m := cityRe.FindStringSubmatch(s); m != nil {
			want = m[1]
		}
		if got := findCity(s); got != want {
			t.Fatalf("findCity(%q) = %q, regexp gives %q", s, got, want)
		}
	}
}

// isFirstName and isWord answer as through Fold and ToLower, for ASCII
// words (which take the allocation-free path) and others alike.
func TestLexiconLookupsFold(t *testing.T) {
	for _, w := range []string{"Liz", "LIZ", "liz", "Thomas", "Raphaël", "RAPHAËL", "Łukasz", "Project",
		"the", "The", "THE", "", "a-b", strings.Repeat("Ab", 20), "Zoë"} {
		loadLexicons()
		if got, want := isFirstName(w), firstNames[graph.Fold(w)]; got != want {
			t.Errorf("isFirstName(%q) = %v, want %v", w, got, want)
		}
		if got, want := isWord(w), commonWords[strings.ToLower(w)]; got != want {
			t.Errorf("isWord(%q) = %v, want %v", w, got, want)
		}
	}
	if !isFirstName("LIZ") || !isWord("The") {
		t.Error("the lexicons should know Liz and the")
	}
}

// randomTexts returns 20,000 strings of fewer than maxParts pieces drawn
// from parts, the same for the same seed.
func randomTexts(seed int64, parts []string, maxParts int) []string {
	rng := rand.New(rand.NewSource(seed))
	out := make([]string, 0, 20000)
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(maxParts); n > 0; n-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		out = append(out, b.String())
	}
	return out
}

// TestATXHeadingMatchesExpression checks the hand-written heading scanner
// against the expression it replaced, on fixed cases and on random lines
// over the characters that matter to it.
func TestATXHeadingMatchesExpression(t *testing.T) {
	re := regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	check := func(line string) {
		t.Helper()
		level, text, ok := atxHeading(line)
		m := re.FindStringSubmatch(line)
		if ok != (m != nil) || ok && (level != len(m[1]) || text != m[2]) {
			t.Fatalf("atxHeading(%q) = %d, %q, %v; the expression gives %q", line, level, text, ok, m)
		}
	}
	for _, line := range []string{"# Title", "## Title ##", "###### Six", "####### Seven", "#NoSpace",
		"    # Indented four", "   # Indented three", "# C#", "# Keynote: C# and F# #", "#", "# ", "#\t#",
		"## Title \n", "# a\nb", "# a\n#", "\t# tab", "", "  ", "# ‘Quoted’ title  ###  "} {
		check(line)
	}
	for _, line := range randomTexts(1, []string{" ", "\t", "\r", "\n", "#", "#", "#", "a", "C", "é", "."}, 12) {
		check(line)
	}
}

// TestTokenizeFolds checks that every word token's fold is graph.Fold of
// its text, in ASCII text and in text where ASCII words sit among others.
func TestTokenizeFolds(t *testing.T) {
	for _, s := range []string{
		"Cilium and eBPF at KubeCon",
		"“Zero Trust” with SPIFFE — Grüße from Zürich, naïve CRI-O users",
		"ÉCOLE Polytechnique: Ⅻ ﬁle systems, Kubernetes 1.29 and İstanbul",
	} {
		for _, tk := range tokenize(s) {
			word := s[tk.start:tk.end]
			if isJoiner([]rune(word)[0]) {
				continue
			}
			if want := graph.Fold(word); tk.fold != want {
				t.Errorf("tokenize(%q): token %q folds to %q, want %q", s, word, tk.fold, want)
			}
		}
	}
}

// TestBulletMatchesExpression checks the hand-written list item reader
// against the expression it replaced, on fixed cases and on random lines.
func TestBulletMatchesExpression(t *testing.T) {
	re := regexp.MustCompile(`^(\s*)([-*+•·▪◦‣–]|\d{1,3}[.)])\s+(.*)$`)
	check := func(line string) {
		t.Helper()
		got, want := bullet(line), re.FindStringSubmatch(line)
		if !slices.Equal(got, want) {
			t.Fatalf("bullet(%q) = %q; the expression gives %q", line, got, want)
		}
	}
	for _, line := range []string{"- item", "  * nested", "• Cilium", "1. first", "12) twelfth", "123. x",
		"1234. too long", "1.no space", "-no space", "- ", "-", "", "   ", "\t– dash item", "— em dash",
		"- a\nb", "-\n a", "2.", "**bold**", "+ plus", "• ‘quoted’ talk"} {
		check(line)
	}
	for _, line := range randomTexts(1, []string{" ", "\t", "\n", "-", "*", "•", "–", "—", "1", "2", ".", ")", "a", "é"}, 10) {
		check(line)
	}
}

// excludeKnownNames searches all blocks at once: every spelling of a
// known person is found in every block, at block-relative offsets, and
// never across two blocks.
func TestExcludeKnownNamesPerBlock(t *testing.T) {
	doc := &Doc{Blocks: []Block{
		{Text: "Talk by Ada Lovelace"},
		{Text: "then Ada"},
		{Text: "Ada Lovelace opened"},
		{Text: "Lovelace met Ada Lovelace and Ada Lovelace"},
		{Text: "Grace\x00 Hopper"},
		{Text: "Grace"},
		{Text: " Hopper"},
	}}
	x := newExtractor(NewCatalog(nil), doc, "source:t")
	defer x.release()
	x.nodes["person:ada-lovelace"] = &graph.Node{ID: "person:ada-lovelace", Kind: graph.Person, Name: "Ada Lovelace"}
	x.nodes["person:grace-hopper"] = &graph.Node{ID: "person:grace-hopper", Kind: graph.Person, Name: "Grace\x00 Hopper"}
	x.nodes["project:ada"] = &graph.Node{ID: "project:ada", Kind: graph.Project, Name: "Ada Lovelace"}
	x.excludeKnownNames()
	want := map[int][][2]int{0: {{8, 20}}, 2: {{0, 12}}, 3: {{13, 25}, {30, 42}}, 4: {{0, 13}}}
	for bi := range doc.Blocks {
		got := x.excluded[bi]
		slices.SortFunc(got, func(a, b [2]int) int { return a[0] - b[0] })
		if !slices.Equal(got, want[bi]) {
			t.Errorf("block %d: spans %v, want %v", bi, got, want[bi])
		}
	}
}

// labelFirst must answer as labelWords[lower(first word)] does, the word
// ending at the first separator, however long the line.
func TestLabelFirst(t *testing.T) {
	slow := func(s string) bool {
		end := strings.IndexAny(s, " \t:：-–—#0123456789")
		if end < 0 {
			end = len(s)
		}
		return end <= 14 && labelWords[strings.ToLower(s[:end])]
	}
	words := []string{"Talk", "SPEAKERS", "Presenter(s)", "by", "Übersicht", "presentation", "Presentations", "with", "Ⓑy", "day"}
	seps := []string{"", " ", ":", "：", "–", "—", "-", "#", "7", "\t", "x"}
	for _, w := range words {
		for _, sep := range seps {
			for _, pad := range []string{"", "12345678901234567890", "Cilium and eBPF"} {
				for _, s := range []string{w + sep + pad, w + sep, pad + w} {
					if got, want := labelFirst(s), slow(s); got != want {
						t.Errorf("labelFirst(%q) = %v, want %v", s, got, want)
					}
				}
			}
		}
	}
	for i := 0; i < 20000; i++ {
		b := make([]byte, rand.Intn(24))
		const alphabet = "aAbByYpP: \t-#1\xef\xbc\x9a\xe2\x80\x94"
		for j := range b {
			b[j] = alphabet[rand.Intn(len(alphabet))]
		}
		if got, want := labelFirst(string(b)), slow(string(b)); got != want {
			t.Fatalf("labelFirst(%q) = %v, want %v", b, got, want)
		}
	}
}

func TestMoreFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a b", "a  b\tc\n", "\u00a0a\u2003b\u3000", "a\xffb c", strings.Repeat("w ", 22), strings.Repeat(" w", 23)} {
		for n := 0; n < 25; n++ {
			if got, want := moreFields(s, n), len(strings.Fields(s)) > n; got != want {
				t.Errorf("moreFields(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// sentenceLike must answer as sentenceRe does.
func TestSentenceLike(t *testing.T) {
	re := regexp.MustCompile(sentenceRe.expr)
	cases := []string{"", "We", "We ", "We went", "we  went to KubeCon", "WE WENT", "We wentx", "We went_", "We went.", "We went-",
		"Then\tmet", "Then\nmet", "Then\vmet", "So ſaw", "So saw", "It \u212aiss", "Today I", "Todays is", "I am", "I amé", "Ié am",
		"Yesterday was great", "yesterdays was", "I", " I am", "If_ is", "Here is the plan", "There are 3", "Cilium is great",
		"This is", "This isn't", "This is\u00e9", "this\u00a0is", "and do", "After went"}
	for _, c := range cases {
		if got, want := sentenceLike(c), re.MatchString(c); got != want {
			t.Errorf("sentenceLike(%q) = %v, want %v", c, got, want)
		}
	}
	const alphabet = "iIwWeE sSaAoO\t_.é"
	for n := 0; n < 50000; n++ {
		b := make([]byte, rand.Intn(12))
		for j := range b {
			b[j] = alphabet[rand.Intn(len(alphabet))]
		}
		if got, want := sentenceLike(string(b)), re.MatchString(string(b)); got != want {
			t.Fatalf("sentenceLike(%q) = %v, want %v", b, got, want)
		}
	}
}

// capRuns finds the runs of capitalised words that may be names, particles
// kept inside a run, lower-case words and punctuation ending one.
func TestCapRuns(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"the talk by Jane de la Cruz and John Smith.", []string{"Jane de la Cruz", "John Smith"}},
		{"we met de Vries at lunch", []string{"Vries"}},
		{"Ann's talk with Bob, then J. R. Tolkien", []string{"Ann", "Bob", "J. R. Tolkien"}},
		{"eBPF and \"Liz Rice\" spoke", []string{"Liz Rice"}},
		{"Hugo van der Berg van", []string{"Hugo van der Berg"}},
		{"all lower case words here", nil},
	} {
		var got []string
		for _, run := range capRuns(c.text) {
			var words []string
			for _, w := range run {
				words = append(words, c.text[w.start:w.end])
			}
			got = append(got, strings.Join(words, " "))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("capRuns(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// isRole answers as the four string tests per role word it replaced (the
// whole text, its first, last or an inner word), on fixed and random texts.
func TestIsRoleMatchesWordForms(t *testing.T) {
	old := func(s string) bool {
		l := strings.ToLower(strings.TrimSpace(s))
		if l == "" {
			return false
		}
		for _, w := range roleWords {
			if l == w || strings.HasPrefix(l, w+" ") || strings.HasSuffix(l, " "+w) || strings.Contains(l, " "+w+" ") {
				return true
			}
		}
		return false
	}
	for _, w := range roleWords {
		if strings.Contains(w, " ") && !slices.ContainsFunc(strings.Fields(w), func(p string) bool { return roleSet[p] }) {
			t.Errorf("role %q holds no role word of its own", w)
		}
	}
	parts := []string{"CTO", "cto", "Vice President", "vice", " ", "  ", "\t", "and", "Engineer", "engineers",
		"Isovalent", "co-founder", "Self-Employed", "İ", "Ünicode", "x", ",", "-", "lead", "Lead", "leader", "\u00a0"}
	inputs := append([]string{"", " ", "CTO", "Co-Founder and CTO", "Principal Engineer", "Engineering",
		"Isovalent", "Cto and founder", "the lead", "misleading", strings.Repeat("a", 70) + " cto",
		strings.Repeat("é", 40) + " cto"}, randomTexts(3, parts, 6)...)
	n := 0
	for _, s := range inputs {
		got, want := isRole(s), old(s)
		if got != want {
			t.Fatalf("isRole(%q) = %v, the word forms say %v", s, got, want)
		}
		if want {
			n++
		}
	}
	if n < 100 || n > len(inputs)-100 {
		t.Fatalf("%d of %d inputs are roles: the test proves little", n, len(inputs))
	}
}

// nearTools, which looks only at the names a few bytes from the one it is
// asked about, answers as a look at every name of the block does, on
// random lists of names and separators (in text order and not
// overlapping, as trie.scan finds them).
func TestNearToolsMatchesFullScan(t *testing.T) {
	full := func(fs []found, f found, text string) bool {
		for _, o := range fs {
			if o.ambiguous || o.start == f.start {
				continue
			}
			lo, hi := o.start+len(o.spelling), f.start
			if o.start > f.start {
				lo, hi = f.start+len(f.spelling), o.start
			}
			if hi < lo || hi-lo > 8 {
				continue
			}
			gap := strings.TrimSpace(text[lo:hi])
			if gap == "," || gap == "and" || gap == ", and" || gap == "&" || gap == "/" || gap == "or" {
				return true
			}
		}
		return false
	}
	names := []string{"Flux", "Helm", "k9s", "stern", "Cilium", "Open Policy Agent", "kind"}
	seps := []string{", ", " and ", " / ", " or ", "  ", " x ", "; ", ", and ", "", " & ", "   and   ", ",  ", "   and  ", "    /   "}
	rng := rand.New(rand.NewSource(5))
	yes := 0
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		var fs []found
		for k := rng.Intn(12); k >= 0; k-- {
			b.WriteString(seps[rng.Intn(len(seps))])
			name := names[rng.Intn(len(names))]
			fs = append(fs, found{spelling: name, start: b.Len(), ambiguous: rng.Intn(2) == 0})
			b.WriteString(name)
		}
		text := b.String()
		for i, f := range fs {
			got, want := nearTools(fs, i, text), full(fs, f, text)
			if got != want {
				t.Fatalf("nearTools(%q, %q) = %v, a full scan says %v", text, f.spelling, got, want)
			}
			if want {
				yes++
			}
		}
	}
	if yes < 1000 {
		t.Fatalf("only %d names are near tools: the test proves little", yes)
	}
}

// TestLeadTimeTitles: a clock time before a title is no part of it; four
// digits count only before a quote, so "1000 Clusters Later" stays whole.
func TestLeadTimeTitles(t *testing.T) {
	for in, want := range map[string]string{
		`1045 "Tetragon in Prod"`:            "Tetragon in Prod",
		`1400 panel: "Who Pages the Pager?"`: "Who Pages the Pager?",
		"10:45 Scaling Cilium":               "Scaling Cilium",
		"9h30 – Scaling Cilium":              "Scaling Cilium",
		"1000 Clusters Later":                "1000 Clusters Later",
		"2048 Nodes and Counting":            "2048 Nodes and Counting",
		`keynote: "Error Budgets"`:           "Error Budgets",
		"Kubernetes 1.30 in Production":      "Kubernetes 1.30 in Production",
	} {
		if got := trimTitle(in); got != want {
			t.Errorf("trimTitle(%q) = %q, want %q", in, got, want)
		}
	}
}
