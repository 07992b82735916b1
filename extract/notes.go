package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

// Notes sections: a recap that lists its talks first (an agenda table, a
// list of titles with speakers) often writes its notes under headings of
// its own that name a talk loosely: "### Backstage, two years in" for
// "Platform Engineering at a Swiss Bank: Backstage Two Years In", "###
// Reto's KEDA talk". Such a heading's section belongs to the listed talk
// whose title words and speakers' given names it shares most, when one
// talk shares most.

// notesStop are words too common in titles and headings to tell talks
// apart.
var notesStop = map[string]bool{"the": true, "and": true, "for": true, "with": true, "from": true,
	"into": true, "one": true, "talk": true, "talks": true, "session": true, "notes": true, "our": true,
	"you": true, "your": true, "how": true, "what": true, "why": true, "about": true, "this": true,
	"that": true, "keynote": true, "lightning": true, "part": true, "day": true}

// noteWords returns the distinct lower-case words of s of three letters
// or more that tell talks apart ("Reto's" gives "reto").
func noteWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		w = strings.Trim(w, "'’")
		if len(w) >= 3 && !notesStop[w] {
			out[w] = true
		}
	}
	return out
}

// linkNotes finds the notes sections of listed talks. It drops talks read
// from a notes heading whose speakers are a listed talk's (the same talk
// again, "Claire's closing keynote"), and returns, for each talk index of
// the remaining talks, the blocks of its notes sections.
func (x *extractor) linkNotes() map[int][][2]int {
	var listed []int
	last := -1
	for ti, t := range x.talks {
		if t.listTitle {
			listed = append(listed, ti)
			last = t.block
		}
	}
	if len(listed) < 2 {
		return nil
	}
	type cand struct {
		words map[string]bool
		given map[string]bool
	}
	cands := make([]cand, len(listed))
	for k, ti := range listed {
		c := cand{words: noteWords(x.talks[ti].title), given: map[string]bool{}}
		for _, sp := range x.talks[ti].speakers {
			if f := strings.Fields(sp.name); len(f) > 0 {
				c.given[strings.ToLower(f[0])] = true
			}
		}
		cands[k] = c
	}
	talkOf := map[int]int{} // block -> talk index
	for ti, t := range x.talks {
		talkOf[t.block] = ti
	}
	links := map[int][][2]int{}
	drop := map[int]bool{}
	blocks := x.doc.Blocks
	// a podcast's transcript under timestamps: "**[05:40]**" opens the notes
	// of the chapter "[05:40] Keyless Signing Is Not Keyless Trust — ..."
	stamps := map[string]int{}
	for _, ti := range listed {
		if m := stampRe.FindString(blocks[x.talks[ti].block].Text); m != "" {
			stamps[bareStamp(m)] = ti
		}
	}
	// or a paragraph that opens with it: "**Tetragon (00:04:12).** Svetlana
	// showed ..."
	stampAt := func(h int) (int, bool) {
		t := blocks[h].Text
		m := openingStampRe.FindStringSubmatch(t[:min(len(t), 60)])
		if m == nil {
			return 0, false
		}
		ti, ok := stamps[m[1]]
		return ti, ok
	}
	for h := last + 1; h < len(blocks) && len(stamps) > 0; h++ {
		ti, ok := stampAt(h)
		if !ok {
			continue
		}
		end := h + 1
		for end < len(blocks) && blocks[end].Kind != Heading {
			if _, next := stampAt(end); next || stampRe.MatchString(blocks[end].Text) {
				break // the next chapter's notes, listed or not
			}
			end++
		}
		links[ti] = append(links[ti], [2]int{h, end})
		h = end - 1
	}
	for h := last + 1; h < len(blocks); h++ {
		b := &blocks[h]
		lead := ""
		if b.Kind != Heading {
			// or a paragraph that opens with a title in bold ("**Cost Is a
			// Metric Too** — Tariq showed ...") or with the start of a
			// listed title as a sentence ("Sloth in the Machine. Rasmus
			// Østergaard is clearly a fan ...")
			if lead = x.noteLead(b, listed); lead == "" {
				continue
			}
		}
		own, isTalk := talkOf[h]
		if isTalk && x.talks[own].listTitle {
			continue
		}
		hw := noteWords(b.Text)
		// "## The sidecar tax, measured" over "Aino Virtanen opened the
		// technical track ...": the section's first sentence names who
		// gave the talk.
		var opener map[string]bool
		if lead != "" {
			hw = noteWords(lead)
			opener = givenNames(firstSentence(b.Text[len(lead):]))
		} else if h+1 < len(blocks) && blocks[h+1].Kind == Para && boldLead(&blocks[h+1]) == "" {
			// (a paragraph that opens with a title in bold is a note of
			// its own, not a word on the heading's)
			opener = givenNames(firstSentence(blocks[h+1].Text))
		}
		best, bestScore, tie := -1, 0, false
		for k, c := range cands {
			score := 0
			for w := range hw {
				if c.given[w] {
					score += 2
				} else if c.words[w] {
					score++
				}
			}
			for w := range opener {
				if c.given[w] && !hw[w] {
					score += 2
				}
			}
			switch {
			case score > bestScore:
				best, bestScore, tie = k, score, false
			case score == bestScore && score > 0:
				tie = true
			}
		}
		if best < 0 || tie {
			continue
		}
		ti := listed[best]
		if isTalk && graph.Key(x.talks[own].title) == graph.Key(x.talks[ti].title) {
			continue // the same talk under the same title: one node already
		}
		if isTalk {
			// the listed talk again: its speakers must be the listed ones
			for _, sp := range x.talks[own].speakers {
				if f := strings.Fields(sp.name); len(f) == 0 || !cands[best].given[strings.ToLower(f[0])] {
					isTalk = false
				}
			}
			if !isTalk {
				continue // a talk of its own
			}
			drop[own] = true
		}
		end := h + 1
		for end < len(blocks) && !(blocks[end].Kind == Heading && (lead != "" || blocks[end].Level <= b.Level)) &&
			(lead == "" || x.noteLead(&blocks[end], listed) == "") {
			end++
		}
		if lead != "" && (end == len(blocks) || blocks[end].Kind == Heading || boldLead(b) == "") {
			// the last note: what follows it under the heading may close the
			// notes as a whole ("Nothing else today: ..."); a note that opens
			// with the start of a title as a plain sentence is one
			// paragraph, the next may be on anything
			end = h + 1
		}
		links[ti] = append(links[ti], [2]int{h, end})
	}
	if len(drop) == 0 {
		return links
	}
	// renumber the talks that stay
	kept := x.talks[:0]
	index := map[int]int{}
	for ti, t := range x.talks {
		if !drop[ti] {
			index[ti] = len(kept)
			kept = append(kept, t)
		}
	}
	x.talks = kept
	out := map[int][][2]int{}
	for ti, r := range links {
		out[index[ti]] = r
	}
	return out
}

// boldLead returns the title in bold that a paragraph opens with, before a
// dash, colon or full stop ("**Cost Is a Metric Too** — Tariq showed"),
// "" for any other block.
func boldLead(b *Block) string {
	sp := b.spanTexts()
	if b.Kind != Para || len(sp) == 0 || len(sp[0]) < 8 || !strings.HasPrefix(b.Text, sp[0]) {
		return ""
	}
	rest := strings.TrimLeft(b.Text[len(sp[0]):], " ")
	for _, sep := range []string{"—", "–", "-", ":", "."} {
		if strings.HasPrefix(rest, sep) {
			return sp[0]
		}
	}
	if strings.HasSuffix(sp[0], ".") || strings.HasSuffix(sp[0], ":") {
		return sp[0]
	}
	return ""
}

// noteLead returns the title a paragraph of notes opens with: one in bold
// (boldLead), or a first sentence that starts the title of one of the
// listed talks ("Sloth in the Machine." for "Sloth in the Machine: SLOs
// for Batch Pipelines That Nobody Owns"); "" for any other block.
func (x *extractor) noteLead(b *Block, listed []int) string {
	if lead := boldLead(b); lead != "" || b.Kind != Para {
		return lead
	}
	k := strings.Index(b.Text[:min(len(b.Text), 80)], ". ")
	if k < 8 {
		return ""
	}
	lead := b.Text[:k]
	if r, _ := utf8.DecodeRuneInString(lead); !unicode.IsLetter(r) || !titleLike(upperFirst(lead)) {
		return ""
	}
	f := graph.Fold(lead)
	for _, ti := range listed {
		if t := graph.Fold(x.talks[ti].title); strings.HasPrefix(t, f) && (len(t) == len(f) || !isWordByte(t[len(f)])) {
			return lead
		}
	}
	return ""
}

// givenNames returns the capitalised words of s in lower case, without a
// possessive: the given names a sentence may use for speakers.
func givenNames(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if r := []rune(w); len(r) >= 3 && unicode.IsUpper(r[0]) {
			out[strings.ToLower(w)] = true
		}
	}
	return out
}

// openingStampRe finds a timestamp near the start of a block.
var openingStampRe = lazyRe(`(?:^|[\[(\s])(\d{1,2}:\d{2}(?::\d{2})?)(?:[\])\s.,:]|$)`).needing(":")

// bareStamp is a timestamp without its brackets and separator: "05:40".
func bareStamp(s string) string {
	return strings.Trim(s, "[]() -–—|:\t")
}

// linkParagraphs adds to notes, for each talk, the paragraphs after the
// last talk that are its notes though no heading says so: under a heading
// that is neither a talk nor a talk's notes ("## A few notes"), a
// paragraph whose first sentences name the speakers of one talk, by given
// or family name ("The CRA talk. Bianchi and Vermeer split it neatly");
// elsewhere a paragraph or item that opens with one ("Valentina's demo").
func (x *extractor) linkParagraphs(notes map[int][][2]int) map[int][][2]int {
	if len(x.talks) < 2 {
		return notes
	}
	last := -1
	for _, t := range x.talks {
		last = max(last, t.block)
	}
	isTalk := map[int]bool{}
	linked := map[int]bool{}
	free := false
	for h := last + 1; h < len(x.doc.Blocks); h++ {
		b := &x.doc.Blocks[h]
		if b.Kind == Heading {
			if len(isTalk) == 0 {
				for _, t := range x.talks {
					isTalk[t.block] = true
				}
				for _, rs := range notes {
					for _, r := range rs {
						linked[r[0]] = true
					}
				}
			}
			free = !isTalk[h] && !linked[h]
		}
		if b.Kind != Para && b.Kind != Item {
			continue
		}
		best := -1
		if free && b.Kind == Para {
			for w := range givenNames(firstSentences(b.Text, 2)) {
				if ti := x.talkOfName(w); ti != -1 {
					if best >= 0 && best != ti || ti < 0 {
						best = -2 // two talks' speakers: no one's notes
						break
					}
					best = ti
				}
			}
		} else if b.Kind == Para && !x.inTalk(h) {
			// notes outside any talk: each sentence that names a
			// talk's speakers starts a run about that talk
			x.sentenceRuns(h)
			continue
		} else {
			// elsewhere only a block that opens with a speaker's name:
			// "- Valentina's Quadlet demo is ..." after a chapter list
			w, _, _ := strings.Cut(b.Text, " ")
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && len(w) >= 3 {
				best = x.talkOfName(w)
			}
		}
		if best >= 0 {
			if notes == nil {
				notes = map[int][][2]int{}
			}
			notes[best] = append(notes[best], [2]int{h, h + 1})
		} else if free && b.Kind == Para && !x.inTalk(h) {
			x.sentenceRuns(h)
		}
	}
	return notes
}

// noteRun is a run of sentences of a block, from start to end, about the
// talk with index talk.
type noteRun struct {
	start, end, talk int
}

// inTalk reports whether block bi lies in a talk's section.
func (x *extractor) inTalk(bi int) bool {
	for _, t := range x.talks {
		if bi >= t.block && bi < t.end {
			return true
		}
	}
	return false
}

// sentenceRuns finds, in a block of notes outside any talk, the
// sentences that name the speakers of one talk by given or family name;
// each starts a run about that talk that lasts until a sentence names
// another talk's speakers: "Leon's keynote was the one everybody talked
// about ... Chiara's Rollouts demo used Istio ...".
func (x *extractor) sentenceRuns(bi int) {
	text := x.doc.Blocks[bi].Text
	cur, start := -1, 0
	flush := func(end int) {
		if cur >= 0 && end > start {
			if x.runs == nil {
				x.runs = map[int][]noteRun{}
			}
			x.runs[bi] = append(x.runs[bi], noteRun{start, end, cur})
		}
	}
	from := 0
	for from < len(text) {
		end := len(text)
		for i := from; i < len(text); i++ {
			if next := sentenceEnd(text, i); next > 0 && !abbrevBefore(text, i) {
				end = next
				break
			}
		}
		ti := -1
		for w := range givenNames(text[from:end]) {
			if k := x.talkOfName(w); k != -1 {
				if ti >= 0 && ti != k || k < 0 {
					ti = -2 // two talks' speakers: about neither
					break
				}
				ti = k
			}
		}
		if ti != -1 && ti != cur {
			flush(from)
			cur, start = ti, from
		}
		from = end
	}
	flush(len(text))
}

// talkOfName returns the talk whose speakers have w as given or family
// name (in any case), -1 for none and -2 when several talks' do.
func (x *extractor) talkOfName(w string) int {
	found := -1
	for ti, t := range x.talks {
		for _, sp := range t.speakers {
			given, _, ok := strings.Cut(sp.name, " ")
			family := sp.name[strings.LastIndexByte(sp.name, ' ')+1:]
			if ok && (strings.EqualFold(given, w) || strings.EqualFold(family, w)) {
				if found >= 0 && found != ti {
					return -2
				}
				found = ti
			}
		}
	}
	return found
}

// linkStamps adds to notes, in a live blog (entries that timestamps
// start), the later entries about a talk an earlier entry announced: an
// entry that is no talk's own and whose first sentences name the
// speakers of one talk announced before it ("Keynote done and it was
// spicy. Harriet's argument: ...").
func (x *extractor) linkStamps(notes map[int][][2]int) map[int][][2]int {
	var isTalk map[int]bool
	for h := range x.doc.Blocks {
		b := &x.doc.Blocks[h]
		if !b.stamp {
			continue
		}
		if isTalk == nil {
			isTalk = map[int]bool{}
			for _, t := range x.talks {
				isTalk[t.block] = true
			}
		}
		if isTalk[h] {
			continue
		}
		ti := -1
		for w := range givenNames(firstSentences(b.Text, 2)) {
			k := x.talkOfName(w)
			if k == -1 {
				continue
			}
			if k < 0 || ti >= 0 && ti != k || x.talks[k].block > h {
				ti = -2 // two talks' speakers, or one still to come
				break
			}
			ti = k
		}
		if ti >= 0 {
			if notes == nil {
				notes = map[int][][2]int{}
			}
			notes[ti] = append(notes[ti], [2]int{h, h + 1})
		}
	}
	return notes
}

// sessionCodeRe matches a programme's code for a session at the start of
// a line: "SEC-104", "KEY-01", "OBS-201b", "| PAN-02 |".
var sessionCodeRe = lazyRe(`^\s*\|?\s*(\p{Lu}[\p{Lu}\d]{1,5}-\d{1,4}\p{L}?)(?:\s|[|;,:.)]|$)`)

// linkCodes makes a paragraph that opens with a session's code ("SEC-104
// was the best session I saw") a note of the talk whose programme row
// starts with that code, wherever the row is (a key at the end).
func (x *extractor) linkCodes(notes map[int][][2]int) map[int][][2]int {
	var codes map[string]int
	for ti, t := range x.talks {
		b := &x.doc.Blocks[t.block]
		if b.row == nil || b.Line < 1 || b.Line > len(x.doc.Lines) {
			continue
		}
		if m := sessionCodeRe.FindStringSubmatch(x.doc.Lines[b.Line-1]); m != nil {
			if codes == nil {
				codes = map[string]int{}
			}
			codes[m[1]] = ti
		}
	}
	if len(codes) == 0 {
		return notes
	}
	for h := range x.doc.Blocks {
		b := &x.doc.Blocks[h]
		if b.row != nil || (b.Kind != Para && b.Kind != Item) {
			continue
		}
		m := sessionCodeRe.FindStringSubmatch(b.Text)
		if m == nil {
			continue
		}
		if ti, ok := codes[m[1]]; ok {
			if notes == nil {
				notes = map[int][][2]int{}
			}
			// with the blocks a plain text's hard wrap split off it
			// ("Main lessons:" / "memory_limiter first ...")
			end := h + 1
			for end < len(x.doc.Blocks) && x.doc.Blocks[end].Kind == Para && x.doc.Blocks[end].Line == lastLine(&x.doc.Blocks[end-1])+1 &&
				sessionCodeRe.FindStringSubmatch(x.doc.Blocks[end].Text) == nil {
				end++
			}
			notes[ti] = append(notes[ti], [2]int{h, end})
		}
	}
	return notes
}

// lastLine returns the line a block ends on.
func lastLine(b *Block) int {
	if n := len(b.starts); n > 0 {
		return b.starts[n-1].line
	}
	return b.Line
}
