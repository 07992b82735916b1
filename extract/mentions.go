package extract

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

// found is one catalog name found in a block.
type found struct {
	entry     int
	spelling  string
	start     int
	atStart   bool // at the start of a sentence, heading or list item
	ambiguous bool // the spelling is also an ordinary word
}

// mentions finds catalog names in every block and records them as
// mentioned by the talk whose section holds the block, or by the source.
func (x *extractor) mentions() {
	x.excludeKnownNames()
	x.sortExcluded()
	perBlock := make([][]found, len(x.doc.Blocks))
	// Spellings of ambiguous names that the text also uses mid-sentence:
	// those make a sentence-initial use count too.
	midSentence := map[string]bool{}
	// One array of tokens serves every block: a block's tokens are not
	// kept past its scan, and a fresh array per block was half of what
	// extraction allocated.
	var toks []token
	rooms := x.roomNames()
	// Notes typed all in lower case ("started w/ falco, moved to
	// tetragon") spell every name so: their ambiguous names in lower case
	// wait for the count of the names that cannot be words.
	var lowered []int // blocks, then indices into perBlock[block], of names in lower case
	lower, upper := 0, 0
	for bi := range x.doc.Blocks {
		b := &x.doc.Blocks[bi]
		toks = tokenizeInto(toks, b.Text)
		for _, m := range x.cat.trie.scan(b.Text, toks) {
			if x.overlapsPerson(bi, m.start, m.end) {
				continue
			}
			spelling := spellingIn(b.Text, m)
			if rooms[spelling] {
				continue // "S3 = main room", "Wi-Fi was fine in S3"
			}
			pending := -1 // an ambiguous name's entry, spelled in lower case
			for _, ei := range m.node.entries {
				e := x.cat.entry(ei)
				ambiguous := e.Ambiguous && (graph.Key(spelling) == graph.Key(e.Name) || allWords(spelling))
				if ambiguous || e.Origin == "landscape" {
					// one word must be spelled as the catalog spells it
					// ("Flux", not "flux"); "Hashicorp Vault" is a name anyway
					if (m.tokEnd-m.tokStart == 1 || spelling == strings.ToLower(spelling)) && !caseMatches(spelling, m.node.spellings[ei]) {
						if pending < 0 && ambiguous && e.Origin != "landscape" && !hasUpper(spelling) {
							pending = ei
						}
						continue
					}
				} else if hasUpper(e.Name) {
					if !hasUpper(spelling) {
						lower++ // "tetragon"
					} else {
						upper++
					}
				}
				f := found{entry: ei, spelling: spelling, start: m.start, atStart: sentenceStart(b, m.start), ambiguous: ambiguous}
				if ambiguous && !f.atStart && !titleCase(b) {
					midSentence[e.ID] = true
				}
				perBlock[bi] = append(perBlock[bi], f)
				pending = -1
				break
			}
			if pending >= 0 {
				lowered = append(lowered, bi, len(perBlock[bi]))
				perBlock[bi] = append(perBlock[bi], found{entry: -1 - pending, spelling: spelling, start: m.start, ambiguous: true})
			}
		}
	}
	x.lowerDoc = lower >= 5 && lower >= 2*upper
	for k := 0; k < len(lowered); k += 2 {
		f := &perBlock[lowered[k]][lowered[k+1]]
		if x.lowerDoc {
			b := &x.doc.Blocks[lowered[k]]
			f.entry = -1 - f.entry
			if f.atStart = sentenceStart(b, f.start); !f.atStart && !titleCase(b) {
				midSentence[x.cat.entry(f.entry).ID] = true
			}
		}
	}
	given := x.givenNamesOfPeople()
	for bi, fs := range perBlock {
		b := &x.doc.Blocks[bi]
		for fi, f := range fs {
			if f.entry < 0 {
				continue // an ambiguous name in lower case in a text of capitals
			}
			e := x.cat.entry(f.entry)
			if f.ambiguous && given[f.spelling] {
				continue // "(Hugo, Ellie, Tom)" in a recap by Hugo Bennett
			}
			if f.ambiguous && (!x.ambiguousOK(bi, f, e, midSentence) && !nearTools(fs, fi, b.Text) && !x.parentNear(perBlock, bi, e) || inCity(b.Text, f)) {
				continue
			}
			kind := e.Kind
			if kind != graph.Org && (x.inOrgSpan(bi, f.start) || orgContext(b.Text, f.start, f.start+len(f.spelling))) {
				// "acquired by Grafana", "from Docker": the company
				if oid := x.orgNode(f.spelling); oid != "" && graph.IDKind(oid) == graph.Org {
					x.mentionNode(bi, oid, f.start)
				}
				continue
			}
			id := x.catalogNode(*e, f.spelling)
			x.mentionNode(bi, id, f.start)
			if p, ok := x.parentInSpelling(e, f.spelling); ok {
				x.mentionNode(bi, x.catalogNode(p, ""), f.start)
			}
		}
	}
}

// hasUpper reports whether s has a capital letter; unlike comparing s with
// strings.ToLower(s), it allocates nothing.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		} else if c >= utf8.RuneSelf {
			return strings.IndexFunc(s[i:], unicode.IsUpper) >= 0
		}
	}
	return false
}

// parentNear reports whether block bi, or the talk it belongs to, also
// names e's parent project: "Hubble flow logs" in a paragraph or a talk
// about Cilium. perBlock holds each block's names.
func (x *extractor) parentNear(perBlock [][]found, bi int, e *graph.CatalogEntry) bool {
	if e.Parent == "" {
		return false
	}
	names := func(fs []found) bool {
		for _, o := range fs {
			if !o.ambiguous && x.cat.entry(o.entry).Name == e.Parent {
				return true
			}
		}
		return false
	}
	if names(perBlock[bi]) {
		return true
	}
	ti := x.section[bi]
	if ti < 0 {
		return false
	}
	for bj := x.talks[ti].block; bj < len(perBlock) && x.section[bj] == ti; bj++ {
		if names(perBlock[bj]) {
			return true
		}
	}
	return false
}

// ambiguousOK decides whether an ambiguous name (an English word such as
// "Flux" or "Helm") is used as a name: spelled as the catalog spells it and
// not only at the start of a sentence, unless the same spelling is used
// mid-sentence elsewhere, or the block is a short list item or heading.
func (x *extractor) ambiguousOK(bi int, f found, e *graph.CatalogEntry, mid map[string]bool) bool {
	b := &x.doc.Blocks[bi]
	if inCode(b, f.spelling) {
		return true
	}
	// The title of a talk whose notes name it again: "Flux at Scale".
	if ti := x.section[bi]; ti >= 0 && x.talks[ti].block == bi && f.spelling != strings.ToLower(f.spelling) && x.sectionRepeats(ti, bi, f.spelling) {
		return true
	}
	lower := f.spelling == strings.ToLower(f.spelling)
	if lower && !(x.lowerDoc && !isWord(f.spelling)) && !(b.Kind == Item && f.start == 0 && listLabel(b.Text, f.spelling)) {
		// "stern", "kind": only as a list label ("stern: tail logs") or
		// code, or in notes that write every name in lower case, a name
		// that is no word ("falco", not "helm")
		return false
	}
	if titleCase(b) {
		return mid[e.ID]
	}
	if !f.atStart || !allWords(f.spelling) {
		return true
	}
	if mid[e.ID] || isNameUse.MatchString(b.Text[f.start+len(f.spelling):]) {
		return true
	}
	// a short list item or heading naming it ("- Flux"), for curated
	// names; an imported name that is an English word needs more
	return e.Origin != "landscape" && (b.Kind == Item || b.Kind == Heading) && len(strings.Fields(b.Text)) <= 6
}

// parentInSpelling returns a child's parent when the text spells the parent
// followed by lower-case words ("the Backstage software catalog") or by the
// name of a feature that has no project of its own ("Cilium Cluster Mesh",
// "Istio Ambient Mesh"), so that the parent is named too; "Cilium Tetragon"
// (a project with its own home) or "Argo CD" name the child only.
func (x *extractor) parentInSpelling(e *graph.CatalogEntry, spelling string) (graph.CatalogEntry, bool) {
	if e.Parent == "" {
		return graph.CatalogEntry{}, false
	}
	p, ok := x.cat.ByName(e.Parent)
	if !ok || !strings.HasPrefix(spelling, p.Name+" ") {
		return graph.CatalogEntry{}, false
	}
	rest := spelling[len(p.Name)+1:]
	return p, rest == strings.ToLower(rest) || e.Repo == "" && e.Homepage == ""
}

// excludeKnownNames keeps catalog names out of people's names wherever the
// text spells a person already found ("Hugo" in "Hugo Lambert", "Falco" in
// "Lisa Falco"), not only where the person was first read.
func (x *extractor) excludeKnownNames() {
	var names []string
	for _, n := range x.nodes {
		if n.Kind != graph.Person {
			continue
		}
		for _, s := range append([]string{n.Name}, n.Aliases...) {
			if strings.Contains(s, " ") {
				names = append(names, s)
			}
		}
	}
	if len(names) == 0 {
		return
	}
	// One search per name over all blocks, NUL-separated, instead of one
	// per name and block: most blocks hold none of the names.
	blocks := x.doc.Blocks
	size := 0
	for i := range blocks {
		size += len(blocks[i].Text) + 1
	}
	var sb strings.Builder
	sb.Grow(size)
	starts := make([]int, len(blocks))
	for i := range blocks {
		starts[i] = sb.Len()
		sb.WriteString(blocks[i].Text)
		sb.WriteByte(0)
	}
	all := sb.String()
	for _, name := range names {
		add := func(bi, off int) { x.excluded[bi] = append(x.excluded[bi], [2]int{off, off + len(name)}) }
		if strings.IndexByte(name, 0) >= 0 {
			// could match across two blocks: search them one by one
			for bi := range blocks {
				eachIndex(blocks[bi].Text, name, func(at int) { add(bi, at) })
			}
			continue
		}
		eachIndex(all, name, func(at int) {
			bi := sort.SearchInts(starts, at+1) - 1
			add(bi, at-starts[bi])
		})
	}
}

// eachIndex calls fn with the offset of each non-overlapping occurrence of
// sub in s, from the left.
func eachIndex(s, sub string, fn func(int)) {
	for i := 0; ; {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return
		}
		fn(i + j)
		i += j + len(sub)
	}
}

// inCity reports whether an ambiguous name is part of a city's name
// ("Salt" in "Salt Lake City").
func inCity(text string, f found) bool {
	end := f.start + len(f.spelling)
	// A city that covers the mention holds its spelling at the mention's
	// offset within the city name.
	for _, h := range citySubstrings()[f.spelling] {
		c := h.city
		p := f.start - h.off
		if p >= 0 && p+len(c) <= len(text) && p+len(c) >= end && text[p:p+len(c)] == c &&
			wordBoundary(text, p) && wordBoundary(text, p+len(c)) {
			return true
		}
	}
	return false
}

// cityHit is a city name and an offset in it.
type cityHit struct {
	city string
	off  int
}

// citySubstrings maps every substring of a city name (but Rejekts, which
// names an event) to where it occurs in city names. Ambiguous mentions ask
// about the same few spellings again and again; searching every city name
// for each was 2 % of extraction.
var citySubstrings = sync.OnceValue(func() map[string][]cityHit {
	m := map[string][]cityHit{}
	for _, c := range cityList {
		if c == "Rejekts" {
			continue
		}
		for i := 0; i < len(c); i++ {
			for j := i + 1; j <= len(c); j++ {
				m[c[i:j]] = append(m[c[i:j]], cityHit{c, i})
			}
		}
	}
	return m
})

// wordBoundary reports whether offset i of s is a word boundary as the
// regexp \b sees it (ASCII word characters).
func wordBoundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// sectionRepeats reports whether a talk's section names s (in any case)
// outside its title block.
func (x *extractor) sectionRepeats(ti, title int, s string) bool {
	low := strings.ToLower(s)
	for i := x.talks[ti].block; i < x.talks[ti].end; i++ {
		if i != title && containsWord(strings.ToLower(x.doc.Blocks[i].Text), low) {
			return true
		}
	}
	return false
}

func containsWord(text, w string) bool { return wordIndexFunc(text, w, isWordRune) >= 0 }

// wordIndexFunc returns where w stands in text with no rune of a word (as
// inWord says) right before or after it, or -1.
func wordIndexFunc(text, w string, inWord func(rune) bool) int {
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return -1
		}
		s, e := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(text[:s])
		after, _ := utf8.DecodeRuneInString(text[e:])
		if (s == 0 || !inWord(before)) && (e == len(text) || !inWord(after)) {
			return s
		}
		i = e
	}
}

// nearTools reports whether the ambiguous name fs[i] stands in a list next
// to another catalog name that is not ambiguous: "kubectx, kubens, stern
// and". fs are one block's names, in text order and not overlapping (as
// trie.scan finds them), so only the names within a few bytes of fs[i] are
// looked at: a paragraph naming hundreds of tools took time in the square
// of their number.
func nearTools(fs []found, i int, text string) bool {
	f := fs[i]
	near := func(lo, hi int) bool {
		gap := strings.TrimSpace(text[lo:hi])
		return gap == "," || gap == "and" || gap == ", and" || gap == "&" || gap == "/" || gap == "or" || gap == "+"
	}
	for j := i - 1; j >= 0 && fs[j].start+len(fs[j].spelling) >= f.start-nearGap; j-- {
		if o := fs[j]; !o.ambiguous && o.start+len(o.spelling) <= f.start && near(o.start+len(o.spelling), f.start) {
			return true
		}
	}
	end := f.start + len(f.spelling)
	for j := i + 1; j < len(fs) && fs[j].start-end <= nearGap; j++ {
		if o := fs[j]; !o.ambiguous && o.start >= end && near(end, o.start) {
			return true
		}
	}
	return false
}

// nearGap is the most bytes between two names of one list.
const nearGap = 8

func inCode(b *Block, s string) bool {
	for _, c := range b.Code {
		if c == s {
			return true
		}
	}
	return false
}

func listLabel(text, name string) bool {
	rest := strings.TrimSpace(text[len(name):])
	return rest == "" || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "(")
}

// titleCase reports whether a block is a title in which most words are
// capitalised, so capitals say nothing about names.
func titleCase(b *Block) bool {
	if len(b.Text) > 700 {
		return false // no title is this long
	}
	if b.Kind != Heading && !(b.Kind == Para && titleLike(b.Text)) {
		return false
	}
	words := strings.Fields(b.Text)
	if len(words) < 3 {
		return b.Kind == Heading
	}
	up := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			up++
		}
	}
	return up*3 >= len(words)*2
}

// sentenceStart reports whether off begins a sentence, a block or a list
// item's label.
func sentenceStart(b *Block, off int) bool {
	before := strings.TrimRight(b.Text[:off], " \t\"“'‘(*_[")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return r == '.' || r == '!' || r == '?' || r == '•' || r == '>'
}

// isNameUse follows a name used as a name: "Gatekeeper is an extensible
// admission controller", "Flux, the GitOps tool", or followed by a thing
// only a software project has: "Helm charts", "Flux controllers".
var isNameUse = lazyRe(`(?i)^(?:\s+(?:charts?|releases?|values\s+files?|controllers?|crds?|operators?|plugins?|providers?|exporters?|dashboards?|maintainers|upgrades?|templates?|cli)\b|\s*(?:is|was|are)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,5}(?:project|tool|controller|operator|framework|platform|runtime|database|engine|library|cli|plugin|proxy|scheduler|system|solution|agent|mesh|server|service|implementation|toolkit|dashboard)\b|,\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}(?:project|tool|controller|operator|framework|platform|runtime|library|cli|plugin|proxy|mesh)\b)`)

// orgCues are the words before a name that make it a company.
var orgCues = []string{"acquired by", "bought by", "owned by", "company", "companies", "employer",
	"work at", "works at", "work for", "works for", "working at", "working for", "engineer at",
	"engineers at", "engineer from", "engineers from", "team at", "folks at", "folks from",
	"people at", "people from", "joined", "sponsored by", "sponsor like", "sponsors like"}

// orgContext reports whether a name is used as a company: "acquired by
// Grafana", "engineers at Docker".
func orgContext(text string, start, end int) bool {
	before := strings.ToLower(strings.TrimRight(text[max(0, start-40):start], " "))
	before = strings.TrimSuffix(before, " the")
	for _, c := range orgCues {
		if strings.HasSuffix(before, c) {
			return true
		}
	}
	return false
}

// overlapsPerson reports whether [start, end) overlaps a person's name in
// block bi. Spans are sorted once (sortExcluded), so this is a binary
// search: a 10 MB one-line recap has hundreds of thousands of both.
func (x *extractor) overlapsPerson(bi, start, end int) bool {
	spans := x.excluded[bi]
	// spans are sorted by start; any overlapping span starts before end
	i := sort.Search(len(spans), func(i int) bool { return spans[i][0] >= end })
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if start < spans[j][1] && end > spans[j][0] {
			return true
		}
	}
	if i > 8 {
		// a long earlier span could still reach this far
		return x.maxEnd[bi] > start && x.longOverlap(bi, start, end, i-8)
	}
	return false
}

func (x *extractor) longOverlap(bi, start, end, upto int) bool {
	for _, s := range x.excluded[bi][:upto] {
		if s[1] > start && s[0] < end {
			return true
		}
	}
	return false
}

// sortExcluded sorts each block's name spans by start, for overlapsPerson.
func (x *extractor) sortExcluded() {
	x.maxEnd = map[int]int{}
	for bi, spans := range x.excluded {
		sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
		m := 0
		for _, s := range spans {
			m = max(m, s[1]-s[0])
		}
		x.maxEnd[bi] = m
	}
}

// inOrgSpan reports whether off falls in a span read as an affiliation.
// Spans are appended in text order, so this is a binary search.
func (x *extractor) inOrgSpan(bi, off int) bool {
	spans := x.orgSpans[bi]
	i := sort.Search(len(spans), func(i int) bool { return spans[i][1] > off })
	return i < len(spans) && spans[i][0] <= off
}

// mentionNode records a mention by the talk of block bi, or by the source.
// givenNamesOfPeople returns the given names of the people the recap
// names in full.
func (x *extractor) givenNamesOfPeople() map[string]bool {
	given := map[string]bool{}
	for _, n := range x.nodes {
		if n.Kind == graph.Person {
			if g, _, ok := strings.Cut(n.Name, " "); ok {
				given[g] = true
			}
		}
	}
	return given
}

// roomNames returns the names in the room columns of the recap's agenda
// tables, nil for none.
func (x *extractor) roomNames() map[string]bool {
	var rooms map[string]bool
	for i := range x.doc.Blocks {
		r := x.doc.Blocks[i].row
		if r == nil || r.rooms == nil {
			continue
		}
		for k, c := range r.cells {
			if r.isRoom(k) && c != "" {
				if rooms == nil {
					rooms = map[string]bool{}
				}
				rooms[c] = true
			}
		}
	}
	return rooms
}

func (x *extractor) mentionNode(bi int, id string, off int) {
	from := x.src
	if ti := x.section[bi]; ti >= 0 {
		from = x.talkIDs[ti]
	} else if k := graph.IDKind(id); k != graph.Org && k != graph.Person {
		// (a speaker's company or colleague named beside them is no
		// mention by their talk)
		for _, r := range x.runs[bi] {
			if off >= r.start && off < r.end {
				from = x.talkIDs[r.talk]
			}
		}
	}
	x.addEdge(from, graph.Mentions, id, x.blockEvidence(bi, off))
}

var (
	toolIntroRe = lazyRe(`(?i)\b(tools?|projects?|technologies|solutions?|alternatives|options|frameworks?|libraries|utilities|plugins?|operators|clis?|products|stack|toolbox|toolkit|ecosystem)\b[^.]*:\s*$`)
	itemNameRe  = lazyRe(`^([\p{L}][\p{L}\p{N}.+_-]*(?:\s[\p{L}\p{N}][\p{L}\p{N}.+_-]*){0,2})\s*(?:$|[:(,]|\s[-–—]\s)`)
	isToolRe    = lazyRe(`(?i)^(.{2,40}?)\s+(?:is|was|are)\s+(?:an?\s+)?(?:(?:small|new|neat|nice|great|simple|lightweight|little|handy|cool|popular|powerful|cli|command[- ]line|kubernetes|go|rust|python)\s+)*(?:open[- ]source|oss|free)\s+(?:tool|project|cli|utility|library|framework|plugin|operator|solution|platform)\b`)
	ghRe        = lazyRe(`(?i)(?:https?://)?(?:www\.)?github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)`)
	codeToolRe  = lazyRe(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$`)
)

// discover finds projects that are in no catalog where the text clearly
// names tools: the items of a list introduced as tools, github.com/org/repo
// links, "X is an open-source tool" sentences and tool-like code spans.
func (x *extractor) discover() {
	blocks := x.doc.Blocks
	for bi := range blocks {
		b := &blocks[bi]
		if strings.HasSuffix(b.Text, ":") && toolIntroRe.MatchString(b.Text) {
			x.discoverList(bi)
		}
		if !mayNameTool(b.Text) {
		} else if m := isToolRe.FindStringSubmatch(firstSentence(b.Text)); m != nil {
			name := strings.TrimSpace(m[1])
			x.discovered(bi, name, strings.Index(b.Text, name))
		}
		for _, l := range b.Links {
			if m := ghRe.FindStringSubmatch(l.URL); m != nil {
				repo := strings.TrimSuffix(m[2], ".git")
				if off := strings.Index(strings.ToLower(b.Text), strings.ToLower(repo)); off >= 0 {
					x.discovered(bi, b.Text[off:off+len(repo)], off)
				} else if strings.Contains(b.Text, l.URL) {
					x.discovered(bi, repo, strings.Index(b.Text, l.URL))
				}
			}
		}
		for _, c := range b.Code {
			if codeToolRe.MatchString(c) && len(c) >= 3 && len(c) <= 30 {
				if off := strings.Index(b.Text, c); off >= 0 {
					x.discovered(bi, c, off)
				}
			}
		}
	}
}

// mayNameTool is a cheap test before isToolRe: "X is an open-source tool".
func mayNameTool(s string) bool {
	i := strings.Index(s, " is ")
	if i < 0 {
		i = strings.Index(s, " are ")
	}
	if i < 0 || i > 60 {
		return false
	}
	rest := strings.ToLower(s[i:min(len(s), i+80)])
	return strings.Contains(rest, "open") || strings.Contains(rest, "oss") || strings.Contains(rest, "free")
}

// discoverList reads the names of the items under a "tools:" line.
func (x *extractor) discoverList(bi int) {
	blocks := x.doc.Blocks
	intro := &blocks[bi]
	for j := bi + 1; j < len(blocks); j++ {
		b := &blocks[j]
		if b.Kind != Item || b.Line-blocks[j-1].Line > 2 && j > bi+1 {
			break // a gap of blank lines starts another list
		}
		if intro.Kind == Item && b.Level <= intro.Level {
			break
		}
		if intro.Kind == Item && b.Level > intro.Level+1 {
			continue
		}
		m := itemNameRe.FindStringSubmatch(b.Text)
		if m == nil {
			continue
		}
		name := strings.TrimSpace(m[1])
		if len(strings.Fields(name)) > 1 && m[0] == b.Text && len(strings.Fields(b.Text)) > 3 {
			continue
		}
		x.discovered(j, name, 0)
	}
}

// discovered adds a project that no catalog knows, unless the name is a
// catalog name (handled by mentions), a person, or an ordinary word.
func (x *extractor) discovered(bi int, name string, off int) {
	name = strings.Trim(name, " .,:;`'\"*_()")
	if off < 0 {
		off = 0
	}
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 40 || len(strings.Fields(name)) > 3 {
		return
	}
	if e, ok := x.cat.ByName(name); ok {
		if e.Kind == graph.Project || e.Kind == graph.Topic {
			id := x.catalogNode(e, name)
			x.mentionNode(bi, id, off)
		}
		return
	}
	if x.overlapsPerson(bi, off, off+len(name)) || isWord(name) || isFirstName(name) || notNameWord(strings.ToLower(name)) {
		return
	}
	words := strings.Fields(name)
	for _, w := range words {
		if isWord(w) && len(words) > 1 && w == strings.ToLower(w) {
			return // "internal K8S", "the tool"
		}
	}
	if strings.ContainsAny(name, "0123456789") && !strings.ContainsAny(strings.ToLower(name), "abcdefghijklmnopqrstuvwxyz") {
		return
	}
	id := graph.NodeID(graph.Project, name)
	if graph.IDSlug(id) == "" {
		return
	}
	x.addNode(graph.Node{ID: id, Kind: graph.Project, Name: name,
		Attrs: map[string]any{"discovered": true, "quality": graph.QualityProse}})
	x.mentionNode(bi, id, off)
}

// catalogEdges adds part_of and maintained_by edges between catalog things
// that this source names both ends of.
func (x *extractor) catalogEdges() {
	for id := range x.mentioned {
		e, ok := x.cat.Get(id)
		if !ok {
			continue
		}
		if e.Parent != "" {
			if p, ok := x.cat.ByName(e.Parent); ok && x.mentioned[p.ID] && p.ID != id {
				x.addEdge(id, graph.PartOf, p.ID, graph.Evidence{Source: "catalog", Line: 0,
					Text: fmt.Sprintf("%s is part of %s (catalog)", e.Name, p.Name)})
			}
		}
		if e.Maintainer != "" {
			if m, ok := x.cat.ByName(e.Maintainer); ok && m.Kind == graph.Org && x.mentioned[m.ID] {
				x.addEdge(id, graph.MaintainedBy, m.ID, graph.Evidence{Source: "catalog", Line: 0,
					Text: fmt.Sprintf("%s is maintained by %s (catalog)", e.Name, m.Name)})
			}
		}
	}
}
