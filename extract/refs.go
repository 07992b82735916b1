package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// reference is a talk in a report's reference list, which the report's
// text cites by its speakers' family names and year ("Brennan (2025)",
// "Okafor and Lindqvist (2025)") or by its number ("[3]").
type reference struct {
	family []string // the speakers' family names, in order
	year   string
	num    string // "3" for "[3] ...", "" in author-year style
}

// a speaker's name as a reference list writes it: "Brennan, C.",
// "Dubois, M.-C.", "de Boer, M." (author-year), "A. Kowalski" (numbered)
const (
	refFamily   = `(?:(?:van|von|de|der|den|da|del|di|le|la|du)\s+)*\p{Lu}[\p{L}'’-]+`
	refInitials = `\p{Lu}\.(?:\s?-?\p{Lu}\.)*`
	refKinds    = `(?:(?:invited|keynote|lightning|conference)\s+)?(?:talk|keynote|presentation|session|lightning\s+talk|workshop|tutorial|panel)`
)

var (
	// the authors of an entry of a reference list: "Brennan, C. (2025).",
	// "Okafor, A. N., & Lindqvist, J. (2025).", "Sigelman, B. H., et al.
	// (2010)." (author-year); "[3] A. Kowalski, B. Lee." (numbered)
	refAuthorYearRe = lazyRe(`^((?:` + refFamily + `,\s+` + refInitials + `,?\s+(?:&\s+|and\s+)?)+)(?:et\s+al\.\s*)?\((\d{4})[a-z]?\)\.\s+`).needing("(")
	refNumberedRe   = lazyRe(`^\[(\d{1,3})\]\s+((?:` + refInitials + `\s*` + refFamily + `(?:,\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+)?)+)(?:,?\s*et\s+al\.)?[.,]\s+`).needing("[")
	// what follows the authors when the entry is a talk: its title, then
	// "Talk at EVENT" (or "Keynote presented at ...")
	refTalkRe     = lazyRe(`^["“*_]?(.+?)[.?!]?["”*_]?[.,]\s+(?i:` + refKinds + `)\s+(?i:(?:presented\s+|given\s+)?at)\s`)
	refTalkLineRe = lazyRe(`^(?i:` + refKinds + `)\s+(?i:(?:presented\s+|given\s+)?at)\s`)
	refNameRe     = lazyRe(`(` + refFamily + `),\s+(` + refInitials + `)`)
	refNumNameRe  = lazyRe(`(` + refInitials + `)\s*(` + refFamily + `)`)
)

// referenceTalk reads block i as an entry of a reference list. Its authors
// are people of the document (as "B. H. Sigelman"); when the entry is a
// talk (not a paper or a report), it is the talk, given by them.
func (x *extractor) referenceTalk(i int) (talk, bool) {
	b := &x.doc.Blocks[i]
	text := b.Text
	if len(text) < 30 || len(text) > 600 {
		return talk{}, false
	}
	var num, year string
	var names []span // the authors' names, as initials and family name
	var rest int     // where the entry goes on after its authors
	switch {
	case text[0] == '[':
		m := refNumberedRe.FindStringSubmatchIndex(text)
		if m == nil {
			return talk{}, false
		}
		num, rest = text[m[2]:m[3]], m[1]
		names = refNames(text, m[4], m[5], refNumNameRe, 1) // "A. Kowalski"
	default:
		if !strings.Contains(text, "). ") {
			return talk{}, false
		}
		m := refAuthorYearRe.FindStringSubmatchIndex(text)
		if m == nil {
			return talk{}, false
		}
		year, rest = text[m[4]:m[5]], m[1]
		names = refNames(text, m[2], m[3], refNameRe, 2) // "Kowalski, A."
	}
	if len(names) == 0 {
		return talk{}, false
	}
	if x.refAuthors == nil {
		x.refAuthors = map[int][]span{}
	}
	x.excluded[i] = append(x.excluded[i], [2]int{0, rest}) // "Brennan, C.": no mention of C
	m := refTalkRe.FindStringSubmatchIndex(text[rest:])
	if m == nil && i+1 < len(x.doc.Blocks) && refTalkLineRe.MatchString(x.doc.Blocks[i+1].Text) {
		// '[2] K. Morimoto. "Where Are We?".' over '    Talk at Linux
		// Plumbers Conference, Tokyo, 2025.': the line that says it is a
		// talk, cut off at the end of a sentence
		if t := strings.TrimRight(strings.TrimSpace(text[rest:]), "."); t != "" {
			m = []int{0, len(text) - rest, 0, len(t)}
			x.consumed[i+1] = true
		}
	}
	if m == nil {
		x.refAuthors[i] = names // a paper's authors
		return talk{}, false
	}
	title := strings.Trim(strings.TrimSpace(text[rest+m[2]:rest+m[3]]), `"“”*_`)
	if !strings.Contains(title, " ") {
		x.refAuthors[i] = names
		return talk{}, false
	}
	x.refAuthors[i] = []span{} // the talk's speakers, added with it
	ref := &reference{num: num, year: year}
	t := talk{title: title, block: i, end: i + 1, off: rest + m[2], ref: ref}
	for _, n := range names {
		ref.family = append(ref.family, n.name[strings.LastIndexByte(n.name, ' ')+1:])
		t.speakers = append(t.speakers, speaker{name: n.name, line: b.Line, text: text})
	}
	return t, true
}

var bothOfRe = lazyRe(`^,?\s+(?:both|all\s+three|all)\s+(?:at|from|of|with)\s+`)

// personByInitials returns the person of this document whose family name
// and first initial are those of name, as a reference list writes it
// ("A. N. Okafor" for Adaeze Okafor), when exactly one is.
func (x *extractor) personByInitials(name string) (string, bool) {
	k := strings.LastIndexByte(name, ' ')
	if k < 0 {
		return "", false
	}
	family, initial := graph.Fold(name[k+1:]), graph.Fold(name[:1])
	found := ""
	for known, id := range x.people {
		if strings.HasSuffix(known, " "+family) && strings.HasPrefix(known, initial) && known != graph.Fold(name) {
			if found != "" && found != id {
				return "", false
			}
			found = id
		}
	}
	return found, found != ""
}

// initials writes a name's initials one to a word: "A.N." -> "A. N.".
func initials(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), ".", ". "))
}

// withoutCitedSections drops the talks that are sections about a
// reference list's talks: "## Observability and debugging" over
// "Brennan (2025) was ... Ciarán Brennan, an SRE at Intercom, argued".
func withoutCitedSections(talks []talk) []talk {
	cited := map[string]bool{}
	for _, t := range talks {
		if t.ref != nil {
			for _, f := range t.ref.family {
				cited[f] = true
			}
		}
	}
	return slices.DeleteFunc(talks, func(t talk) bool {
		if t.ref != nil || len(t.speakers) == 0 {
			return false
		}
		for _, sp := range t.speakers {
			if !cited[sp.name[strings.LastIndexByte(sp.name, ' ')+1:]] {
				return false
			}
		}
		return true
	})
}

// refNames reads the authors' names in text[from:to] with re, whose group
// initials (1 or 2) holds the initials and the other the family name, as
// spans named "A. Kowalski".
func refNames(text string, from, to int, re *lazyRegexp, initialsGroup int) []span {
	var out []span
	fam := 3 - initialsGroup
	for _, n := range re.FindAllStringSubmatchIndex(text[from:to], -1) {
		i, f := n[2*initialsGroup:2*initialsGroup+2], n[2*fam:2*fam+2]
		out = append(out, span{from + n[0], from + n[1], initials(text[from+i[0]:from+i[1]]) + " " + text[from+f[0]:from+f[1]]})
	}
	return out
}

// citeAt is a place in a block that cites a reference list's talk.
type citeAt struct {
	off, talk int
}

// resolveCites finds where the text cites the talks of a reference list:
// there it takes each speaker's full name and company, if the text gives
// them ("Ciarán Brennan, an SRE at Intercom" for "Brennan, C."), and it
// records the places, whose sentences are the talks' notes.
func (x *extractor) resolveCites(talks []talk) {
	for bi := range x.doc.Blocks {
		b := &x.doc.Blocks[bi]
		if b.Kind != Para && b.Kind != Item {
			continue
		}
		for ti := range talks {
			t := &talks[ti]
			if t.ref == nil || t.block == bi {
				continue
			}
			off := citeIn(b.Text, t.ref)
			if off < 0 {
				continue
			}
			if x.cites == nil {
				x.cites = map[int][]citeAt{}
			}
			x.cites[bi] = append(x.cites[bi], citeAt{off, ti})
			people := x.peopleIn(b.Text)
			last := -1 // the end of the last name read here
			for k := range t.speakers {
				sp := &t.speakers[k]
				if sp.end > 0 {
					continue // read from an earlier citation
				}
				initial := sp.name[:1]
				for _, p := range people {
					if strings.HasSuffix(p.name, " "+t.ref.family[k]) && strings.HasPrefix(p.name, initial) {
						sp.name, sp.line, sp.text, sp.end = p.name, b.LineAt(p.start), sentenceAt(b.Text, p.start), p.end
						sp.org = x.orgAfter(b.Text[p.end:])
						last = max(last, p.end)
						break
					}
				}
			}
			// "Sora Nakamura and Paula Ferreira, both of Mercari,"
			if last > 0 {
				if m := bothOfRe.FindStringIndex(b.Text[last:]); m != nil {
					if org := x.orgAfter(" from " + b.Text[last+m[1]:]); org != "" {
						for k := range t.speakers {
							if t.speakers[k].org == "" && t.speakers[k].end > 0 {
								t.speakers[k].org = org
							}
						}
					}
				}
			}
		}
		if cs := x.cites[bi]; len(cs) > 1 {
			slices.SortFunc(cs, func(a, b citeAt) int { return a.off - b.off })
		}
	}
}

// citeIn returns where text cites ref, or -1: "Brennan (2025)", "Okafor
// and Lindqvist (2025)", "Sigelman et al. (2025)", "(Walsh, 2025)", "[3]".
func citeIn(text string, ref *reference) int {
	if ref.num != "" {
		return strings.Index(text, "["+ref.num+"]")
	}
	first := ref.family[0]
	for from := 0; from < len(text); {
		k := strings.Index(text[from:], first)
		if k < 0 {
			return -1
		}
		k += from
		from = k + len(first)
		rest := text[from:]
		// the other names, "et al.", then the year in brackets or after a comma
		j := 0
		for _, other := range ref.family[1:] {
			sep := strings.TrimLeft(rest[j:], " ,")
			sep = strings.TrimPrefix(strings.TrimPrefix(sep, "and "), "& ")
			if !strings.HasPrefix(sep, other) {
				break
			}
			j = len(rest) - len(sep) + len(other)
		}
		tail := strings.TrimPrefix(strings.TrimLeft(rest[j:], " "), "et al.")
		tail = strings.TrimLeft(tail, " ,(")
		if strings.HasPrefix(tail, ref.year) && (len(tail) == len(ref.year) || !isDigit(tail[len(ref.year)])) {
			return k
		}
	}
	return -1
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// citeRuns gives each cited talk, in the blocks that cite one, the
// sentences from the one that cites it to the next citation of another
// talk.
func (x *extractor) citeRuns() {
	for bi, cs := range x.cites {
		if x.section[bi] >= 0 {
			continue // in a talk's own section: its own notes
		}
		text := x.doc.Blocks[bi].Text
		bounds := sentenceBounds(text)
		var starts []citeAt // the sentence that cites a talk, once per run
		for _, c := range cs {
			start := bounds[sort.SearchInts(bounds, c.off+1)-1]
			if n := len(starts); n > 0 && (starts[n-1].talk == c.talk || starts[n-1].off == start) {
				continue
			}
			starts = append(starts, citeAt{start, c.talk})
		}
		if x.runs == nil {
			x.runs = map[int][]noteRun{}
		}
		for k, c := range starts {
			end := len(text)
			if k+1 < len(starts) {
				end = starts[k+1].off
			}
			x.runs[bi] = append(x.runs[bi], noteRun{c.off, end, c.talk})
		}
	}
}
