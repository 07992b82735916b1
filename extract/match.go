package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

// token is a word of text: a run of letters and digits, or one joining
// punctuation character (- . + / & ') kept so that "CRI-O", "C++" and
// "Solo.io" can be matched. Spaces are not tokens.
type token struct {
	start, end int    // byte offsets in the text
	fold       string // graph.Fold of the token
	space      bool   // whitespace came before the token
}

func isJoiner(r rune) bool {
	switch r {
	case '-', '.', '+', '/', '&', '\'', '’', '#', '@':
		return true
	}
	return false
}

// tokenize splits s into tokens.
func tokenize(s string) []token { return tokenizeInto(make([]token, 0, len(s)/5), s) }

// tokenizeInto is tokenize reusing toks' array.
func tokenizeInto(toks []token, s string) []token {
	toks = toks[:0]
	// An ASCII word folds by lowering case: lower the text's ASCII
	// letters once and slice such tokens out of it instead of allocating
	// a string per token. Only words with other letters are folded alone.
	lower := asciiLower(s)
	space := true
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			ascii := r < utf8.RuneSelf
			// A word ends where the script changes between Latin and
			// Chinese, Japanese or Korean, which write no space before a
			// particle: "Cilium의", "Karpenterを", "Hubble로".
			cjk := r >= utf8.RuneSelf && isCJKRune(r)
			j := i + w
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if r2 < utf8.RuneSelf {
					if cjk || !(r2 >= 'a' && r2 <= 'z' || r2 >= 'A' && r2 <= 'Z' || r2 >= '0' && r2 <= '9') {
						break
					}
				} else if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2)) || isCJKRune(r2) != cjk {
					break
				} else {
					ascii = false
				}
				j += w2
			}
			f := lower[i:j]
			if !ascii {
				f = graph.Fold(s[i:j])
			}
			toks = append(toks, token{start: i, end: j, fold: f, space: space})
			space = false
			i = j
		case isJoiner(r):
			f := string(r)
			if r == '’' {
				f = "'"
			}
			toks = append(toks, token{start: i, end: i + w, fold: f, space: space})
			space = false
			i += w
		default:
			space = true
			i += w
		}
	}
	return toks
}

// isCJKRune reports whether r is a kana, a Han ideograph or a Hangul
// syllable.
func isCJKRune(r rune) bool {
	return r >= 0x3040 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7A3
}

// asciiLower returns s with its ASCII capitals lowered and every other
// byte as it is.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// trie maps token sequences (folded spellings) to catalog entries.
type trie struct {
	next    map[string]*trie
	entries []int
	// spellings holds the original spellings that end here, per entry, so
	// that case-sensitive names can be checked.
	spellings map[int][]string
}

func newTrie() *trie { return &trie{} }

// add indexes a spelling under three token sequences: as written, without
// hyphens ("cert manager"), and squashed into one token ("argocd"), so that
// "ArgoCD", "Argo-CD" and "Argo CD" all find "Argo CD".
func (t *trie) add(spelling string, entry int) {
	toks := tokenize(spelling)
	if len(toks) == 0 {
		return
	}
	t.addTokens(toks, spelling, entry)
	var words []token
	for _, tk := range toks {
		if tk.fold != "-" {
			words = append(words, tk)
		}
	}
	if len(words) != len(toks) && len(words) > 0 {
		t.addTokens(words, spelling, entry)
	}
	if k := graph.Key(spelling); len(toks) > 1 && k != "" && !isWord(k) {
		t.addTokens([]token{{fold: k}}, spelling, entry)
	}
}

func (t *trie) addTokens(toks []token, spelling string, entry int) {
	n := t
	for _, tk := range toks {
		if n.next == nil {
			n.next = map[string]*trie{}
		}
		c := n.next[tk.fold]
		if c == nil {
			c = &trie{}
			n.next[tk.fold] = c
		}
		n = c
	}
	for _, e := range n.entries {
		if e == entry {
			n.spellings[entry] = append(n.spellings[entry], spelling)
			return
		}
	}
	n.entries = append(n.entries, entry)
	if n.spellings == nil {
		n.spellings = map[int][]string{}
	}
	n.spellings[entry] = append(n.spellings[entry], spelling)
}

// exact returns the entries of a complete token sequence.
func (t *trie) exact(toks []token) []int {
	n := t
	for _, tk := range toks {
		if n = n.next[tk.fold]; n == nil {
			return nil
		}
	}
	return n.entries
}

// match is a catalog name found in text.
type match struct {
	start, end int // byte offsets
	node       *trie
	tokStart   int // index of the first token
	tokEnd     int // index after the last token
}

// scan finds catalog names in toks, leftmost-longest, never inside a word:
// a match must start and end on token boundaries, and may not start right
// after a joining character or end right before one that continues a word
// ("Argo" is not found in "Argo-CD-like" unless "Argo CD" is, and "net" is
// never found in "Kubernetes").
func (t *trie) scan(s string, toks []token) []match {
	var out []match
	for i := 0; i < len(toks); {
		if isJoinTok(toks[i]) || (i > 0 && !toks[i].space && isWordJoin(toks[i-1])) {
			i++
			continue
		}
		n := t
		best, bestEnd := (*trie)(nil), -1
		for j := i; j < len(toks); j++ {
			if j > i && toks[j].space && isJoinTok(toks[j]) && toks[j].fold != "&" && toks[j].fold != "+" && n.next[toks[j].fold] == nil {
				break // "Cilium - the CNI": a dash between words ends a name, unless the name has one
			}
			nx := n.next[toks[j].fold]
			if nx == nil && toks[j].fold == "-" && j > i && j+1 < len(toks) {
				continue // "Argo-CD" as "Argo CD"
			}
			if n = nx; n == nil {
				break
			}
			if len(n.entries) > 0 && boundaryAfter(s, toks, j) {
				best, bestEnd = n, j+1
			}
		}
		if i+1 < len(toks) {
			// "Falco Sidekick" is Falcosidekick, not Falco then Sidekick
			if jn, je := t.joined(s, toks, i); jn != nil && je > bestEnd {
				best, bestEnd = jn, je
			}
		}
		if best != nil {
			out = append(out, match{start: toks[i].start, end: toks[bestEnd-1].end, node: best, tokStart: i, tokEnd: bestEnd})
			i = bestEnd
			continue
		}
		i++
	}
	return out
}

// joined tries two or three capitalised words as one name written apart:
// "Big Table" for Bigtable, "Open Telemetry" for OpenTelemetry.
func (t *trie) joined(s string, toks []token, i int) (*trie, int) {
	if !upperAt(s, toks[i].start) {
		return nil, -1
	}
	// The words joined in a buffer: a map index with string(key) does
	// not allocate, and most capitalised pairs are no name.
	var buf [64]byte
	key := append(buf[:0], toks[i].fold...)
	for j := i + 1; j < len(toks) && j < i+3; j++ {
		if !toks[j].space || isJoinTok(toks[j]) || !upperAt(s, toks[j].start) {
			return nil, -1
		}
		key = append(key, toks[j].fold...)
		if n := t.next[string(key)]; n != nil && len(n.entries) > 0 && boundaryAfter(s, toks, j) {
			return n, j + 1
		}
	}
	return nil, -1
}

func upperAt(s string, off int) bool {
	r, _ := utf8.DecodeRuneInString(s[off:])
	return unicode.IsUpper(r)
}

func isJoinTok(t token) bool {
	r, _ := utf8.DecodeRuneInString(t.fold)
	return isJoiner(r)
}

// isWordJoin: joiners that glue words into one name ("cert-manager",
// "Solo.io", "k8s/foo"); an apostrophe or ampersand does not.
func isWordJoin(t token) bool {
	switch t.fold {
	case "-", ".", "/", "@", "#", "+":
		return true
	}
	return false
}

// boundaryAfter reports whether a match may end after token j: the next
// token is not glued to it by a word joiner followed by more word.
// compoundHead reports whether a name that ends with word heads a
// compound of another language's words: "Prometheus-metrikker",
// "OpenTelemetry-collectoren", "eBPF-programmene", German "Helm-Charts"
// (a capitalised name, then a word of three letters or more after the
// hyphen, lower-case or, after a name that is no acronym, a capitalised
// noun of four or more).
func compoundHead(s string, word, next token) bool {
	head := s[word.start:word.end]
	tail := s[next.start:next.end]
	r, n := utf8.DecodeRuneInString(tail)
	noun := unicode.IsUpper(r) && len(tail) >= 4 && strings.IndexFunc(tail[n:], func(c rune) bool { return !unicode.IsLower(c) }) < 0 &&
		strings.IndexFunc(head, unicode.IsLower) >= 0 // not "DOD-Oslo", a Wi-Fi network
	return len(tail) >= 3 && (unicode.IsLower(r) || noun) && strings.IndexFunc(head, unicode.IsUpper) >= 0
}

func boundaryAfter(s string, toks []token, j int) bool {
	if j+1 >= len(toks) {
		return true
	}
	nx := toks[j+1]
	if nx.space {
		return true
	}
	if !isJoinTok(nx) {
		// a particle glued to the name: "Cilium의", "Karpenterを"
		r, _ := utf8.DecodeRuneInString(s[nx.start:])
		return r >= utf8.RuneSelf && isCJKRune(r)
	}
	switch nx.fold {
	case "-", "/", "@", "#":
		// "eBPF-based" is a use of eBPF; "cert-manager" is not "cert".
		if j+2 < len(toks) && !toks[j+2].space && !isJoinTok(toks[j+2]) {
			return isSuffixWord(toks[j+2].fold) || nx.fold == "-" && compoundHead(s, toks[j], toks[j+2])
		}
		return true
	case ".":
		// "Solo.io" vs a sentence end: a letter right after the dot glues.
		if j+2 < len(toks) && !toks[j+2].space && !isJoinTok(toks[j+2]) {
			return false
		}
		return true
	case "+":
		return false
	}
	return true
}

// isSuffixWord lists words that follow a name with a hyphen without making
// a new name: "eBPF-based", "Kubernetes-native", "Falco-powered".
func isSuffixWord(w string) bool {
	switch w {
	case "based", "native", "powered", "driven", "enabled", "aware", "style", "like", "specific",
		"compatible", "centric", "first", "friendly", "related", "focused", "only", "ready", "managed",
		"certified", "backed", "operated", "hosted", "flavored", "flavoured", "level", "wide", "land", "ish":
		return true
	}
	return false
}

// spellingIn returns the text of a match.
func spellingIn(s string, m match) string { return s[m.start:m.end] }

// caseMatches reports whether text is spelled exactly as one of the
// spellings (diacritics aside): "Flux" but not "flux" for an ambiguous name.
func caseMatches(text string, spellings []string) bool {
	for _, sp := range spellings {
		if stripMarks(sp) == stripMarks(text) {
			return true
		}
		// Spellings differing only in spacing or joiners count: "Argo CD" / "Argo-CD".
		if squash(sp) == squash(text) {
			return true
		}
	}
	return false
}

func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '’' {
			r = '\''
		}
		b.WriteRune(r)
	}
	return b.String()
}

func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
