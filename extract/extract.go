package extract

import (
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

// maxEvidence bounds the evidence one source keeps for one edge.
const maxEvidence = 3

// SourceID returns the id of the source read from path: "source:" and the
// slug of the file name without its extension.
func SourceID(path string) string {
	base := filepath.Base(path)
	if ext := filepath.Ext(base); ext != "" && len(ext) < len(base) {
		base = strings.TrimSuffix(base, ext)
	}
	if s := graph.Slug(base); s != "" {
		return "source:" + s
	}
	return "source:doc"
}

type extractor struct {
	cat   *Catalog
	doc   *Doc
	src   string
	nodes map[string]*graph.Node
	edges map[[3]string]*graph.Edge
	order []string // node ids in order of first appearance

	event    string
	handles  map[string]string // "dana@fosstodon.org" -> "Dana Whitfield", from a cast list
	castOrgs map[string]string // a cast list's people -> their company
	people   map[string]string // folded full name -> person id
	speakers map[string]bool   // person ids that presented a talk
	consumed map[int]bool      // blocks read as speaker lines or bylines
	excluded map[int][][2]int  // per block, spans that are people's names
	orgSpans map[int][][2]int  // per block, spans read as affiliations
	section  []int             // block -> talk index, -1 outside talks
	lowerDoc bool              // the text spells project names in lower case ("tetragon", "falco")
	// runs holds, for blocks outside talks, the sentences that discuss
	// one talk: notes after an agenda that go through several talks in
	// one paragraph ("Leon's keynote ... Chiara's demo used ...").
	runs  map[int][]noteRun
	cites map[int][]citeAt // per block, where it cites a reference list's talks
	// refAuthors holds, for each entry of a reference list, the people
	// who wrote it, if it is no talk (a talk's are its speakers)
	refAuthors map[int][]span
	talkIDs    []string
	talks      []talk
	watch      []int           // blocks that link a talk's recording by its title, once read
	mentioned  map[string]bool // catalog ids named in this source
	// catAdded holds the id and spelling of every catalog node added: a
	// catalog node has the highest quality, so adding it again with the
	// same spelling changes nothing, and a recap names the same project
	// many times.
	catAdded map[[2]string]bool
	bounds   map[int][]int   // per block, sentence starts (evidence)
	maxEnd   map[int]int     // per block, the longest excluded span
	writers  map[string]bool // person ids that wrote the source
	catNames map[string]bool // isCatalogName's answers
	// roster holds the people of a "Speakers" list the talks call by
	// surname, once rosterRead
	roster     []rosterEntry
	rosterRead bool

	// capText and capWords hold the last capRuns result: prose blocks are
	// scanned for full names and then for given names alone.
	capText  string
	capWords [][]capWord
}

// extractors holds extractors whose maps are cleared for the next source:
// growing a dozen maps from nothing for every recap was a sixth of the
// bytes extraction allocated.
var extractors = sync.Pool{New: func() any { x := new(extractor); x.empty(); return x }}

// maxPooled bounds the entries of a map kept for reuse: clearing a map
// costs its capacity, which one large source should not leave to every
// later small one.
const maxPooled = 4096

func newExtractor(cat *Catalog, doc *Doc, src string) *extractor {
	x := extractors.Get().(*extractor)
	x.cat, x.doc, x.src = cat, doc, src
	return x
}

// release returns x to the pool.
func (x *extractor) release() {
	x.empty()
	extractors.Put(x)
}

// empty resets x to an extractor of no source, keeping its maps' space.
func (x *extractor) empty() {
	*x = extractor{nodes: emptied(x.nodes), edges: emptied(x.edges), people: emptied(x.people),
		speakers: emptied(x.speakers), consumed: emptied(x.consumed), excluded: emptied(x.excluded),
		orgSpans: emptied(x.orgSpans), mentioned: emptied(x.mentioned), writers: emptied(x.writers),
		catAdded: emptied(x.catAdded), bounds: emptied(x.bounds), catNames: emptied(x.catNames)}
}

// emptied returns m cleared, or a new map when m is nil or too large to
// keep.
func emptied[M ~map[K]V, K comparable, V any](m M) M {
	if m == nil || len(m) > maxPooled {
		return M{}
	}
	clear(m)
	return m
}

// capRuns is capRuns(text), computed once for consecutive calls on the
// same text. Callers must not modify the result.
func (x *extractor) capRuns(text string) [][]capWord {
	if x.capWords == nil || x.capText != text {
		x.capText, x.capWords = text, capRuns(text)
		if x.capWords == nil {
			x.capWords = [][]capWord{}
		}
	}
	return x.capWords
}

// Extract maps a parsed document to the facts it supports. info describes
// the source (its id, path and hash); the facts' node ids are deterministic
// functions of names, so the same thing gets the same id in every source.
func Extract(doc *Doc, cat *Catalog, info graph.SourceInfo) *graph.Facts {
	if info.ID == "" {
		info.ID = SourceID(doc.Name)
	}
	if info.Format == "" {
		info.Format = string(doc.Format)
	}
	if info.Title == "" {
		info.Title = doc.Title
	}
	x := newExtractor(cat, doc, info.ID)
	defer x.release()
	title := doc.Title
	if title == "" {
		title = strings.TrimSuffix(filepath.Base(doc.Name), filepath.Ext(doc.Name))
	}
	x.addNode(graph.Node{ID: x.src, Kind: graph.Source, Name: title,
		Attrs: map[string]any{"format": string(doc.Format)}})
	if ev := x.findEvent(); ev != nil {
		n := ev.node()
		x.event = x.addNode(n)
		x.addEdge(x.src, graph.Covers, x.event, x.evidence(ev.line, ev.lineTx))
	}
	x.authors()
	x.readHandles()
	x.talks = x.segment()
	notes := x.linkCodes(x.linkStamps(x.linkParagraphs(x.linkNotes())))
	x.section = make([]int, len(doc.Blocks))
	for i := range x.section {
		x.section[i] = -1
	}
	for ti, t := range x.talks {
		if t.roll {
			// a paragraph that goes through several talks: its
			// sentences are theirs by turns
			if ti == 0 || !x.talks[ti-1].roll || x.talks[ti-1].block != t.block {
				last := ti + 1
				for last < len(x.talks) && x.talks[last].roll && x.talks[last].block == t.block {
					last++
				}
				x.rollRuns(t.block, ti, last)
			}
			continue
		}
		for i := t.block; i < t.end; i++ {
			x.section[i] = ti
		}
	}
	// a talk's notes elsewhere count over the section they sit in ("A few
	// notes" items after the last chapter of a list)
	for ti := range x.talks {
		for _, r := range notes[ti] {
			for i := r[0]; i < r[1]; i++ {
				x.section[i] = ti
			}
		}
	}
	if x.cites != nil {
		x.citeRuns()
	}
	for ti := range x.talks {
		x.addTalk(ti)
	}
	x.prosePeople()
	x.speakerEmployers()
	x.rosterEmployers()
	x.sponsors()
	x.mentions()
	x.discover()
	x.catalogEdges()
	return x.facts(info, doc.Warnings)
}

func (x *extractor) facts(info graph.SourceInfo, warnings []string) *graph.Facts {
	f := &graph.Facts{Source: info, Warnings: warnings}
	ids := make([]string, 0, len(x.nodes))
	for id := range x.nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	f.Nodes = make([]graph.Node, 0, len(ids))
	if len(x.edges) > 0 {
		f.Edges = make([]graph.Edge, 0, len(x.edges))
	}
	for _, id := range ids {
		n := *x.nodes[id]
		sort.Strings(n.Aliases)
		f.Nodes = append(f.Nodes, n)
	}
	for _, e := range x.edges {
		f.Edges = append(f.Edges, *e)
	}
	sort.Slice(f.Edges, func(i, j int) bool { return graph.EdgeLess(f.Edges[i], f.Edges[j]) })
	return f
}

// addNode adds or merges a node and returns its id.
func (x *extractor) addNode(n graph.Node) string {
	// names come from text and file names, which may be any bytes
	n.Name = strings.ToValidUTF8(n.Name, "\uFFFD")
	for i, a := range n.Aliases {
		n.Aliases[i] = strings.ToValidUTF8(a, "\uFFFD")
	}
	if n.Attrs == nil {
		n.Attrs = map[string]any{}
	}
	if _, ok := n.Attrs["quality"]; !ok {
		n.Attrs["quality"] = graph.QualityLine
	}
	old, ok := x.nodes[n.ID]
	if !ok {
		cp := n
		cp.Aliases = append([]string(nil), n.Aliases...)
		x.nodes[n.ID] = &cp
		x.order = append(x.order, n.ID)
		return n.ID
	}
	q1, _ := old.Attrs["quality"].(int)
	q2, _ := n.Attrs["quality"].(int)
	if q2 > q1 {
		old.Aliases = appendUnique(old.Aliases, old.Name)
		old.Name = n.Name
		old.Attrs["quality"] = q2
	} else if n.Name != old.Name {
		old.Aliases = appendUnique(old.Aliases, n.Name)
	}
	for _, a := range n.Aliases {
		if a != old.Name {
			old.Aliases = appendUnique(old.Aliases, a)
		}
	}
	for k, v := range n.Attrs {
		if _, ok := old.Attrs[k]; !ok {
			old.Attrs[k] = v
		}
	}
	return n.ID
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func (x *extractor) addEdge(from string, k graph.EdgeKind, to string, ev graph.Evidence) {
	if from == "" || to == "" || from == to {
		return
	}
	key := [3]string{from, string(k), to}
	e, ok := x.edges[key]
	if !ok {
		e = &graph.Edge{Source: from, Kind: k, Target: to}
		x.edges[key] = e
	}
	for _, old := range e.Evidence {
		if old.Line == ev.Line && old.Text == ev.Text {
			return
		}
	}
	if len(e.Evidence) < maxEvidence {
		e.Evidence = append(e.Evidence, ev)
	}
}

func (x *extractor) evidence(line int, text string) graph.Evidence {
	return graph.Evidence{Source: x.src, Line: line, Text: clip(strings.TrimSpace(text), 300)}
}

func (x *extractor) blockEvidence(bi, off int) graph.Evidence {
	b := &x.doc.Blocks[bi]
	bs, ok := x.bounds[bi]
	if !ok {
		bs = sentenceBounds(b.Text)
		x.bounds[bi] = bs
	}
	return x.evidence(b.LineAt(off), sentenceIn(b.Text, bs, off))
}

// sentenceBounds returns the offsets where sentences of text start.
func sentenceBounds(text string) []int {
	out := []int{0}
	for i := 0; i < len(text); i++ {
		if end := sentenceEnd(text, i); end > 0 {
			if !abbrevBefore(text, i) {
				out = append(out, end)
			}
			i = end - 1
		}
	}
	return out
}

// sentenceIn is sentenceAt with precomputed sentence starts.
func sentenceIn(text string, starts []int, off int) string {
	i := sort.SearchInts(starts, off+1) - 1
	start, end := starts[max(i, 0)], len(text)
	if i+1 < len(starts) {
		end = starts[i+1]
	}
	s := strings.TrimSpace(text[start:end])
	if len(s) > 300 {
		lo := max(0, off-start-140)
		for lo > 0 && !utf8.RuneStart(s[lo]) {
			lo--
		}
		s = "…" + clip(s[lo:], 280)
	}
	return s
}

// clip shortens s to at most n bytes on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// sentenceEnd returns where the next sentence starts if a sentence ends at
// offset i of text: a '.', '!' or '?', any closing quotes or parentheses,
// then white space. Otherwise it returns 0.
func sentenceEnd(text string, i int) int {
	if c := text[i]; c != '.' && c != '!' && c != '?' {
		return 0
	}
	j := i + 1
	for j < len(text) {
		switch {
		case text[j] == '"' || text[j] == ')':
			j++
			continue
		case strings.HasPrefix(text[j:], "”") || strings.HasPrefix(text[j:], "’"):
			j += len("”")
			continue
		}
		break
	}
	k := j
	for k < len(text) && isSpace(text[k]) {
		k++
	}
	if k == j {
		return 0
	}
	if text[i] != '.' && k < len(text) && text[k] >= 'a' && text[k] <= 'z' {
		return 0 // "Henrik Strand from Kahoot! is on stage"
	}
	if strings.HasPrefix(text[k:], "»") {
		return 0 // « ... peut-il nous sauver ? » closes a French quote
	}
	return k
}

// isSpace is the regexp \s: ASCII white space other than vertical tab.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// sentenceAt returns the sentence of text that holds offset off.
func sentenceAt(text string, off int) string {
	return sentenceIn(text, sentenceBounds(text), off)
}

func abbrevBefore(text string, dot int) bool {
	w := text[max(0, dot-5):dot]
	if i := strings.LastIndexAny(w, " (\t"); i >= 0 {
		w = w[i+1:]
	}
	switch strings.ToLower(w) {
	case "e.g", "i.e", "vs", "dr", "mr", "mrs", "ms", "prof", "etc", "inc", "st", "no", "approx", "fig":
		return true
	}
	// an initial: "J. R. Smith"
	return utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])
}

func firstSentence(text string) string { return firstSentences(text, 1) }

func firstSentences(text string, n int) string {
	if len(text) > 2000 {
		// a sentence is never this long; a huge unpunctuated block must
		// not make every caller scan all of it
		cut := 2000
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	count := 0
	for i := 0; i < len(text); i++ {
		next := sentenceEnd(text, i)
		if next == 0 {
			continue
		}
		end := i
		i = next - 1
		if abbrevBefore(text, end) {
			continue
		}
		if count++; count == n {
			return text[:end+1]
		}
	}
	return text
}

// personNode adds a person and remembers the name for later references.
func (x *extractor) personNode(name string, quality int) string {
	id := graph.NodeID(graph.Person, name)
	n := graph.Node{ID: id, Kind: graph.Person, Name: name, Attrs: map[string]any{"quality": quality}}
	if l, ok := latinSpelling(name); ok {
		n.Aliases = []string{l} // "Мария Кузнецова" is also "Mariya Kuznetsova"
	}
	x.addNode(n)
	x.people[graph.Fold(name)] = id
	return id
}

// orgNode adds an organisation, through the catalog when it knows the name:
// a product name read as an employer ("from Docker") becomes the product's
// maintainer, keeping the spelling as an alias.
func (x *extractor) orgNode(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if e, ok := x.cat.ByName(name); ok {
		switch {
		case e.Kind == graph.Org:
			return x.catalogNode(e, name)
		case e.Maintainer != "":
			// a product that carries its company's name: "Docker" for
			// Docker, Inc., "Microsoft Azure" for Microsoft
			if m, ok := x.cat.ByName(e.Maintainer); ok && m.Kind == graph.Org && sharesName(name, m.Name) {
				return x.catalogNode(m, name)
			}
			return ""
		case e.Kind == graph.Project && e.Maturity == "" && e.Parent == "":
			// a company's product of the same name with no company entry:
			// "Marco Ferri (Pulumi)", "J. R. Smith of Honeycomb"
		default:
			return "" // a project or topic with no company behind it
		}
	}
	id := graph.NodeID(graph.Org, name)
	if graph.IDSlug(id) == "" {
		return ""
	}
	n := graph.Node{ID: id, Kind: graph.Org, Name: name}
	if l, ok := latinSpelling(name); ok {
		n.Aliases = []string{l} // "Авито" is also "Avito"
	}
	return x.addNode(n)
}

// sharesName reports whether a product spelling and a company name start
// with the same word ("Grafana" and "Grafana Labs").
func sharesName(product, company string) bool {
	p, c := strings.Fields(product), strings.Fields(company)
	return len(p) > 0 && len(c) > 0 && graph.Key(p[0]) == graph.Key(strings.TrimSuffix(c[0], ","))
}

// catalogNode adds the node of a catalog entry as spelled in the text.
func (x *extractor) catalogNode(e graph.CatalogEntry, spelling string) string {
	x.mentioned[e.ID] = true
	k := [2]string{e.ID, spelling}
	if x.catAdded[k] {
		return e.ID
	}
	x.catAdded[k] = true
	if old, ok := x.nodes[e.ID]; ok && old.Name == e.Name && old.Attrs["quality"] == graph.QualityCatalog {
		// Added from the catalog before, under another spelling: the
		// spelling is all that addNode would add.
		if spelling != "" && spelling != old.Name {
			old.Aliases = appendUnique(old.Aliases, strings.ToValidUTF8(spelling, "\uFFFD"))
		}
		return e.ID
	}
	n := graph.Node{ID: e.ID, Kind: e.Kind, Name: e.Name,
		Attrs: map[string]any{"quality": graph.QualityCatalog}}
	if spelling != "" && spelling != e.Name {
		n.Aliases = append(n.Aliases, spelling)
	}
	for _, a := range e.Aliases {
		n.Aliases = appendUnique(n.Aliases, a)
	}
	if e.Homepage != "" {
		n.Attrs["url"] = e.Homepage
	}
	if e.Repo != "" {
		n.Attrs["repo"] = e.Repo
	}
	if e.Maturity != "" {
		n.Attrs["maturity"] = e.Maturity
	}
	return x.addNode(n)
}

var bylineRe = lazyRe(`(?i)^(?:(?:\p{L}+\s+(?:&|and)\s+)?(?:notes|written|posted|published|filed|words|text|recap|article|photos|a recap|thread|a thread)\s+)?(?:by|author|authors|auteur|autor|por|par|von|door)\s*[:：]?\s+(.+)$`)

// authors reads front-matter authors and bylines near the top ("By A and
// B.", "Author: A", a lone emphasised name) or a signature at the end.
func (x *extractor) authors() {
	for _, a := range x.doc.Author {
		if name, ok := x.personName(a, strong); ok {
			id := x.personNode(name, graph.QualityLine)
			x.addEdge(id, graph.Authored, x.src, x.evidence(x.metaLine(a), "author: "+a))
			x.writers[id] = true
		}
	}
	n := len(x.doc.Blocks)
	for i := 0; i < n; i++ {
		if i >= 8 && i < n-2 {
			continue
		}
		b := &x.doc.Blocks[i]
		if b.Kind == Heading && i >= 8 {
			continue
		}
		text := strings.TrimSpace(b.Text)
		var names []speaker
		// "by Name" right under a section heading names that section's
		// speakers, not the post's author
		h := i - 1
		if h > 0 && isField(&x.doc.Blocks[h]) {
			h-- // "## #1 — Title" over "**Rating:** ⭐⭐⭐⭐☆" over "by Name of Org"
		}
		underSection := h >= 0 && x.doc.Blocks[h].Kind == Heading && x.doc.Blocks[h].Level >= 2
		if m := bylineRe.FindStringSubmatch(text); m != nil && !underSection && utf8.RuneCountInString(text) < 120 {
			list := m[1]
			if k := strings.IndexAny(list, "|·•"); k > 0 {
				list = list[:k]
			}
			// "Written by Ines Carvalho, who still hasn't been to Chicago."
			if k := strings.Index(list, ", who "); k > 0 {
				list = list[:k]
			}
			if sp, ok := x.allSpeakers(strings.TrimRight(list, ". ")); ok {
				names = sp
			} else if k := strings.IndexAny(list, "—–,|("); k > 0 {
				// "Por Larissa Moreira — engenheira de plataforma na PicPay":
				// a name, then a role in words the rules do not know
				if name, ok := x.personName(list[:k], strong); ok && strings.Contains(name, " ") {
					names = []speaker{{name: name, org: cleanOrg(roleOrg(strings.TrimSpace(strings.Trim(list[k:], "—–,|() "))))}}
				}
			}
		} else if b.Emph && len(strings.Fields(text)) <= 4 {
			if name, ok := x.personName(text, strong); ok && len(strings.Fields(name)) >= 2 {
				names = []speaker{{name: name}}
			}
		} else if m := signatureRe.FindStringSubmatch(text); m != nil && i >= n-2 {
			if name, ok := x.personName(m[1], strong); ok && len(strings.Fields(name)) >= 2 {
				names = []speaker{{name: name}}
			}
		}
		for _, sp := range names {
			id := x.personNode(sp.name, graph.QualityLine)
			ev := x.evidence(b.Line, text)
			x.addEdge(id, graph.Authored, x.src, ev)
			if sp.org != "" { // "Author: Ciara Walsh (SRE team, Bank of Ireland)"
				if oid := x.orgNode(sp.org); oid != "" && graph.IDKind(oid) == graph.Org {
					x.addEdge(id, graph.WorksFor, oid, ev)
				}
			}
			x.writers[id] = true
			x.consumed[i] = true
		}
	}
}

var signatureRe = lazyRe(`(?:^|[.!]\s+)[–—-]+\s*([\p{Lu}][\p{L}'’-]+(?:\s+[\p{L}'’.-]+){1,3})\s*$`).needing("-", "–", "—")

// addTalk adds a talk node, its event, its speakers and their employers.
func (x *extractor) addTalk(ti int) {
	t := &x.talks[ti]
	scope := x.src
	if x.event != "" {
		scope = x.event
	}
	b := &x.doc.Blocks[t.block]
	id := graph.TalkID(scope, t.title)
	attrs := map[string]any{}
	if t.format != "" {
		attrs["format"] = t.format
	}
	x.addNode(graph.Node{ID: id, Kind: graph.Talk, Name: t.title, Attrs: attrs})
	x.talkIDs = append(x.talkIDs, id)
	if t.quoteBlock > 0 {
		b = &x.doc.Blocks[t.quoteBlock] // the title is quoted under the section's heading
	}
	titleEv := x.evidence(b.LineAt(t.off), b.Text)
	if t.roll {
		titleEv = x.blockEvidence(t.block, t.off)
	}
	x.addEdge(x.src, graph.Covers, id, titleEv)
	if x.event != "" {
		x.addEdge(id, graph.HeldAt, x.event, titleEv)
	}
	for _, sp := range t.speakers {
		if full := x.unabbreviated(sp.name); full != "" {
			sp.name = full // "M. von Hohenberg" in a summary, "Maximilian von Hohenberg" in the notes
		}
		q := graph.QualityLine
		ev := titleEv
		if sp.line > 0 {
			ev = x.evidence(sp.line, sp.text)
		}
		if sp.end > 0 {
			q = graph.QualityProse
		}
		pid := x.personNode(sp.name, q)
		x.speakers[pid] = true
		x.addEdge(pid, graph.Presented, id, ev)
		if sp.org != "" {
			if oid := x.orgNode(sp.org); oid != "" && graph.IDKind(oid) == graph.Org {
				x.addEdge(pid, graph.WorksFor, oid, ev)
			}
		}
		// the speaker line itself is consumed
		for j := t.block + 1; j < len(x.doc.Blocks) && j <= t.block+3; j++ {
			if x.doc.Blocks[j].Line == sp.line && speakerLineRe.MatchString(x.doc.Blocks[j].Text) {
				x.consumed[j] = true
			}
		}
	}
}

// unabbreviated returns the one person already named whose name is name
// with its given name in full: "Maximilian von Hohenberg" for "M. von
// Hohenberg"; "" for none or several.
func (x *extractor) unabbreviated(name string) string {
	given, rest, ok := strings.Cut(name, " ")
	if !ok || len(given) != 2 || given[1] != '.' {
		return ""
	}
	initial, tail := graph.Fold(given[:1]), " "+graph.Fold(rest)
	found := ""
	for folded, id := range x.people {
		if strings.HasPrefix(folded, initial) && strings.HasSuffix(folded, tail) && len(folded) > len(initial)+len(tail)+1 {
			if found != "" {
				return ""
			}
			if n := x.nodes[id]; n != nil {
				found = n.Name
			}
		}
	}
	return found
}

// personFor returns the id of the person a name refers to in this
// document: a full name, or a first name that belongs to exactly one person
// already named (the talk's speaker first).
func (x *extractor) personFor(name string, ti int) (string, bool) {
	f := graph.Fold(name)
	if id, ok := x.people[f]; ok {
		return id, true
	}
	if strings.Contains(f, " ") {
		for known, id := range x.people {
			// "Thu Hà" after "Lê Thị Thu Hà": the given names of a
			// family-name-first full name
			if graph.SamePerson(known, f) || len(known) > len(f)+2 && strings.HasSuffix(known, " "+f) && strings.Count(known, " ") >= 3 {
				return id, true
			}
		}
		return "", false
	}
	if ti >= 0 {
		for _, sp := range x.talks[ti].speakers {
			if graph.Fold(strings.Fields(sp.name)[0]) == f {
				return graph.NodeID(graph.Person, sp.name), true
			}
		}
	}
	var hit []string
	for known, id := range x.people {
		if strings.HasPrefix(known, f+" ") {
			hit = append(hit, id)
		}
	}
	if len(hit) == 1 {
		return hit[0], true
	}
	return "", len(hit) > 1
}

var singleCueRe = lazyRe(`^\s*(?:\(([^()]{2,40})\)\s*)?(?:from\s+(\p{Lu}[\w.&-]*(?:\s+\p{Lu}[\w.&-]*)*)\s+)?(?:shows?|showed|starts?|started|gave|gives|presented|presents|explained|explains|talked|talks|demonstrated|demos?|demoed|walked|opened|introduced|discussed|shared|told|tells|revisited|revisits|highlighted|highlights|explores?|explored|came up|did|used|uses|built|builds|wrote|writes|asked|answered)\b`)

// prosePeople finds people named in running text and their employers
// ("Justin Cormack from Docker gave ...", "Lorenzo from Sysdig shows ...").
func (x *extractor) prosePeople() {
	for bi := range x.doc.Blocks {
		if x.consumed[bi] {
			continue
		}
		b := &x.doc.Blocks[bi]
		ti := x.section[bi]
		text := b.Text
		spans, ref := x.refAuthors[bi]
		if !ref {
			spans = x.peopleIn(text)
		}
		for _, sp := range spans {
			x.excluded[bi] = append(x.excluded[bi], [2]int{sp.start, sp.end})
			id, ok := x.personFor(sp.name, ti)
			if !ok && ref {
				id, ok = x.personByInitials(sp.name) // "Okafor, A. N. (2024)": Adaeze Okafor's paper
			}
			if n := x.nodes[id]; ok && ref && n != nil && n.Name != sp.name {
				n.Aliases = appendUnique(n.Aliases, sp.name) // the spelling the entry's line gives
			}
			if !ok {
				id = x.personNode(sp.name, graph.QualityProse)
			}
			if org := x.orgAfter(text[sp.end:]); org != "" {
				if oid := x.orgNode(org); oid != "" && graph.IDKind(oid) == graph.Org {
					x.addEdge(id, graph.WorksFor, oid, x.blockEvidence(bi, sp.start))
					if k := strings.Index(text[sp.end:], org); k >= 0 {
						x.orgSpans[bi] = append(x.orgSpans[bi], [2]int{sp.end + k, sp.end + k + len(org)})
					}
				}
			}
			x.mentionPerson(bi, ti, id, sp.start)
		}
		x.singleNames(bi, ti, spans)
		x.talkByNames(bi, ti)
	}
}

// singleNames handles people named by a given name alone: a reference to a
// speaker or another person already named, or, as the subject of a
// speaking verb or with "from Org", a person of their own ("Ellen starts").
func (x *extractor) singleNames(bi, ti int, spans []span) {
	b := &x.doc.Blocks[bi]
	text := b.Text
	for _, run := range x.capRuns(text) {
		// "Then Julius explains": the given name after leading words
		k := 0
		for k < len(run)-1 && !isFirstName(text[run[k].start:run[k].end]) {
			k++
		}
		if len(run)-k != 1 {
			continue
		}
		s, e := run[k].start, run[k].end
		if inSpans(spans, s) {
			continue
		}
		w := text[s:e]
		if !isFirstName(w) || x.isCatalogName(w) {
			continue
		}
		if id, ok := x.personFor(w, ti); ok {
			x.excluded[bi] = append(x.excluded[bi], [2]int{s, e})
			if id != "" {
				x.mentionPerson(bi, ti, id, s)
			}
			continue
		}
		after := strings.TrimPrefix(text[e:], "’s")
		m := singleCueRe.FindStringSubmatch(after)
		if m == nil || isWord(w) && !isFirstName(w) {
			continue
		}
		// the subject of a sentence: at its start or after a comma/conjunction
		before := strings.TrimSpace(text[:s])
		if before != "" && !strings.HasSuffix(before, ".") && !strings.HasSuffix(before, ",") &&
			!strings.HasSuffix(before, "!") && !strings.HasSuffix(before, "?") && !strings.HasSuffix(strings.ToLower(before), " and") {
			continue
		}
		x.excluded[bi] = append(x.excluded[bi], [2]int{s, e})
		id := x.personNode(w, graph.QualityProse)
		if m[2] != "" {
			if oid := x.orgNode(m[2]); oid != "" && graph.IDKind(oid) == graph.Org {
				x.addEdge(id, graph.WorksFor, oid, x.blockEvidence(bi, s))
			}
		}
		x.mentionPerson(bi, ti, id, s)
	}
}

// talkByNames reads "the talk by Brad and Ian" as naming people.
func (x *extractor) talkByNames(bi, ti int) {
	b := &x.doc.Blocks[bi]
	if !strings.Contains(b.Text, " by ") {
		return
	}
	for _, m := range talkByRe.FindAllStringSubmatchIndex(b.Text, -1) {
		list := b.Text[m[2]:m[3]]
		for _, sp := range x.splitSpeakers(list) {
			if _, ok := x.personFor(sp.name, ti); ok {
				continue
			}
			id := x.personNode(sp.name, graph.QualityProse)
			off := m[2] + strings.Index(list, sp.name)
			x.excluded[bi] = append(x.excluded[bi], [2]int{off, off + len(sp.name)})
			x.mentionPerson(bi, ti, id, off)
		}
	}
}

var talkByRe = lazyRe(`\b(?i:talk|session|presentation|keynote|demo|workshop)s?\s+(?:given\s+)?by\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)*)`).needing("by")

// inSpans reports whether off falls in one of spans, which are in text
// order and do not overlap: a binary search.
func inSpans(spans []span, off int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].end > off })
	return i < len(spans) && spans[i].start <= off
}

// mentionPerson records that a talk (or the source) names a person who is
// not one of its speakers.
func (x *extractor) mentionPerson(bi, ti int, id string, off int) {
	if ti >= 0 {
		for _, sp := range x.talks[ti].speakers {
			if graph.NodeID(graph.Person, sp.name) == id {
				return
			}
		}
		x.addEdge(x.talkIDs[ti], graph.Mentions, id, x.blockEvidence(bi, off))
		return
	}
	if x.speakers[id] || x.writers[id] {
		return
	}
	x.addEdge(x.src, graph.Mentions, id, x.blockEvidence(bi, off))
}
