package extract

import (
	"slices"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// A recap may call its speakers by surname only ("Okafor opened the day",
// "Mwangi and Ndlovu-Mensah did this as a double act") and list them in
// full at the end under a heading such as "Speakers": the roster, an item
// per person with the name first and then a role and a company ("Chidinma
// Okafor — Head of Infrastructure, Kilele Cloud. Runs edge ..."). A talk
// whose text names no one in full takes the people of the roster whose
// surnames its first sentence holds.

var rosterHeadRe = lazyRe(`(?i)^(?:the\s+|our\s+|about\s+the\s+|meet\s+the\s+)?(?:speakers?|speaker\s+bios|presenters?|line-?up|who\s+spoke)\s*[:.]?$`)

type rosterEntry struct {
	sp      speaker // the full name, the company, the roster's line
	surname string  // the name after the given name: "van der Berg"
}

// rosterPeople returns the document's roster, read once.
func (x *extractor) rosterPeople() []rosterEntry {
	if x.rosterRead {
		return x.roster
	}
	x.rosterRead = true
	blocks := x.doc.Blocks
	for i := range blocks {
		if blocks[i].Kind != Heading || !rosterHeadRe.MatchString(blocks[i].Text) {
			continue
		}
		for j := i + 1; j < len(blocks) && !(blocks[j].Kind == Heading && blocks[j].Level <= blocks[i].Level); j++ {
			if blocks[j].Kind != Item {
				continue
			}
			if sp, ok := x.rosterLine(&blocks[j]); ok {
				_, surname, _ := strings.Cut(sp.name, " ")
				x.roster = append(x.roster, rosterEntry{sp: sp, surname: surname})
			}
		}
	}
	// the longest surnames first: "Berg" is not looked for inside "van der Berg"
	slices.SortStableFunc(x.roster, func(a, b rosterEntry) int { return len(b.surname) - len(a.surname) })
	return x.roster
}

// rosterLine reads a roster's item: a full name, then a dash, a colon or
// a comma and the person's role and company in the first sentence.
func (x *extractor) rosterLine(b *Block) (speaker, bool) {
	text := firstSentence(b.Text)
	if strings.ContainsAny(text, "«»“”\"„") {
		return speaker{}, false // a talk: "Name (Org) — «Title»"
	}
	k := strings.IndexAny(text, "—–:,(")
	if d := strings.Index(text, " - "); d > 0 && (k < 0 || d < k) {
		k = d
	}
	if k <= 0 {
		return speaker{}, false
	}
	name, ok := x.personName(text[:k], strong)
	if !ok || !strings.Contains(name, " ") {
		return speaker{}, false
	}
	sp := speaker{name: name, line: b.Line, text: b.Text}
	rest := strings.TrimRight(strings.TrimSpace(strings.Trim(text[k:], "—–:,-( ")), ".")
	if strings.HasSuffix(rest, ")") {
		if k := strings.LastIndexByte(rest, '('); k > 0 {
			rest = rest[:k] // "Staff Engineer, Netwerk Labs (Rotterdam)"
		}
	}
	if all, ok := x.allSpeakers(name + ", " + strings.Trim(rest, ". ")); ok && len(all) == 1 && all[0].name == name {
		sp.org = all[0].org
	}
	return sp, true
}

// surnameSpeakers returns the roster's people whose surnames the first
// sentence of the paragraph under title block i holds.
func (x *extractor) surnameSpeakers(i int) []speaker {
	if i+1 >= len(x.doc.Blocks) || x.doc.Blocks[i+1].Kind != Para {
		return nil
	}
	roster := x.rosterPeople()
	if len(roster) == 0 {
		return nil
	}
	b := &x.doc.Blocks[i+1]
	first := firstSentence(b.Text)
	var out []speaker
	var taken [][2]int // "Berg" is not found again in "Van der Berg"
	for _, r := range roster {
		off := wordIndex(first, r.surname)
		if off < 0 {
			off = wordIndex(first, upperFirst(r.surname)) // "Van der Berg flew in"
		}
		if off < 0 || slices.ContainsFunc(taken, func(s [2]int) bool { return off < s[1] && s[0] < off+len(r.surname) }) {
			continue
		}
		taken = append(taken, [2]int{off, off + len(r.surname)})
		sp := r.sp
		sp.org, sp.line, sp.text = "", b.LineAt(off), b.Text
		out = append(out, sp)
	}
	return out
}

// wordIndex returns where w stands in s as a whole name: "Mensah" is not
// in "Ndlovu-Mensah".
func wordIndex(s, w string) int {
	return wordIndexFunc(s, w, func(r rune) bool { return isWordRune(r) || r == '-' })
}

// rosterEmployers adds, for each speaker the roster names, the company
// the roster gives, with the roster's line as evidence.
func (x *extractor) rosterEmployers() {
	for _, r := range x.roster {
		if r.sp.org == "" {
			continue
		}
		pid, ok := x.people[graph.Fold(r.sp.name)]
		if !ok || !x.speakers[pid] {
			continue
		}
		if oid := x.orgNode(r.sp.org); oid != "" && graph.IDKind(oid) == graph.Org {
			x.addEdge(pid, graph.WorksFor, oid, x.evidence(r.sp.line, r.sp.text))
		}
	}
}

// rosterItem reads a list item "Title — Surname, ..." whose dash is
// followed by the surname of someone on the roster.
func (x *extractor) rosterItem(b *Block) (string, []speaker, bool) {
	text := firstLine(b)
	for _, dash := range []string{" — ", " – ", " - "} {
		k := strings.Index(text, dash)
		if k <= 0 {
			continue
		}
		rest := text[k+len(dash):]
		for _, r := range x.rosterPeople() {
			if wordIndex(rest, r.surname) == 0 || wordIndex(rest, upperFirst(r.surname)) == 0 {
				sp := r.sp
				sp.org, sp.line, sp.text = "", b.Line, b.Text
				return trimTitle(text[:k]), []speaker{sp}, true
			}
		}
		return "", nil, false
	}
	return "", nil, false
}
