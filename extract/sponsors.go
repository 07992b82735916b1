package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

// Sponsors: recaps thank the companies that paid for the event by name,
// "to the sponsors Bekk, Kantega and Grafana Labs", "Sponsors this year
// included Red Hat, Canonical and SUSE", "the sponsor hall was dominated by
// Red Hat, Google and Arm", "Sponsor: Tessellate". Each is an
// organisation the source mentions.

// sponsorLead is where a list of sponsors starts after the word: after a
// colon or dash, or after the verb that introduces it.
var sponsorLead = []string{": ", " — ", " – ", " - ", " by ", " included ", " including ", " include ",
	" were ", " are ", " like ", " such as "}

// sponsors reads the organisations named in lists of sponsors.
func (x *extractor) sponsors() {
	for bi := range x.doc.Blocks {
		b := &x.doc.Blocks[bi]
		if b.Kind == Heading || b.row != nil {
			continue
		}
		text := b.Text
		if !strings.Contains(text, "ponsor") && !strings.Contains(text, "PONSOR") {
			continue
		}
		for from := 0; ; {
			k := indexFold(text[from:], "sponsor")
			if k < 0 {
				break
			}
			at := from + k
			from = at + len("sponsor")
			// the rest of the word: sponsors, sponsored, sponsorship
			w := from
			for w < len(text) && unicode.IsLetter(rune(text[w])) {
				w++
			}
			end := len(text)
			for i := w; i < len(text); i++ {
				if text[i] == ';' || sentenceEnd(text, i) > 0 && !abbrevBefore(text, i) {
					end = i
					break
				}
			}
			seg := text[w:end]
			start, explicit := 0, false
			best := len(seg)
			for _, l := range sponsorLead {
				if i := strings.Index(seg, l); i >= 0 && i < best && i <= 80 {
					best, start = i, i+len(l)
				}
			}
			if best < len(seg) {
				explicit = true
			} else if strings.HasSuffix(strings.TrimSpace(seg), ":") {
				explicit, start = true, len(seg)
			}
			lb, list := bi, seg[start:]
			if explicit && strings.TrimSpace(list) == "" && end == len(text) && bi+1 < len(x.doc.Blocks) {
				// "... sponsors that kept the price at 40 euros:" above the list
				lb, list, w, start = bi+1, x.doc.Blocks[bi+1].Text, 0, 0
			}
			names := sponsorList(list)
			if len(names) < 2 && !(explicit && len(names) == 1) {
				continue
			}
			for _, n := range names {
				if _, isPerson := x.personName(n, weak); isPerson {
					continue
				}
				if oid := x.orgNode(n); oid != "" && graph.IDKind(oid) == graph.Org {
					off := w + start + strings.Index(list, n)
					x.addEdge(x.src, graph.Mentions, oid, x.blockEvidence(lb, off))
				}
			}
		}
	}
}

// sponsorList reads "Bekk, Kantega, Microsoft Norway and Grafana Labs":
// items of capitalised words, split at commas and "and"; an item that goes
// on in lower case ("Grafana Labs had the busiest booth") ends the list.
func sponsorList(s string) []string {
	s = strings.TrimLeft(s, " ")
	var out []string
	for len(s) > 0 {
		name, rest := leadingCaps(s)
		if name == "" || utf8.RuneCountInString(name) > 40 {
			break
		}
		out = append(out, name)
		rest = strings.TrimLeft(rest, " ")
		switch {
		case strings.HasPrefix(rest, ","):
			rest = strings.TrimLeft(rest[1:], " ")
			for _, c := range []string{"and ", "& ", "und ", "en ", "et ", "y ", "e "} {
				rest = strings.TrimPrefix(rest, c)
			}
		case strings.HasPrefix(rest, "and ") || strings.HasPrefix(rest, "& ") || strings.HasPrefix(rest, "und ") ||
			strings.HasPrefix(rest, "en ") || strings.HasPrefix(rest, "et ") || strings.HasPrefix(rest, "y "):
			rest = rest[strings.IndexByte(rest, ' ')+1:]
		default:
			return out
		}
		s = rest
	}
	return out
}

// leadingCaps returns the leading words of s that start with a capital or a
// digit (at most four) and what follows them.
func leadingCaps(s string) (string, string) {
	end, words := 0, 0
	for i := 0; i < len(s) && words < 4; {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsUpper(r) && !(unicode.IsDigit(r) && words > 0) {
			break
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != ',' && s[j] != ';' && s[j] != ')' {
			j++
		}
		word := strings.TrimRight(s[i:j], ".!?:")
		if word == "" {
			break
		}
		end = i + len(word)
		words++
		if len(word) < j-i {
			break // the word ends the sentence
		}
		i = j
		if i < len(s) && s[i] == ' ' {
			i++
		}
	}
	return s[:end], s[end:]
}

// indexFold is strings.Index for an ASCII lower-case needle, ignoring
// the case of s.
func indexFold(s, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}
