package extract

import (
	"html"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BlockKind is the structural role of a block.
type BlockKind uint8

// Block kinds.
const (
	Para    BlockKind = iota // a paragraph or a line of plain text
	Heading                  // a Markdown or HTML heading
	Item                     // a list item
	Quote                    // a block quote
)

// Link is a hyperlink: its text and target.
type Link struct {
	Text, URL string
}

// Block is one heading, paragraph or list item of a document, as plain text
// with markup removed and hard-wrapped lines joined, and the line numbers it
// came from.
type Block struct {
	Kind BlockKind
	Emph bool // the whole block was emphasised (*Speaker: A*)
	// Footnote marks a Markdown footnote definition ("[^1]: ..."): a note
	// on the whole document, never part of a talk's section.
	Footnote bool
	// stamp: an entry that a timestamp starts, whose wrapped lines go on
	// until a blank line as a paragraph's do
	stamp bool
	// sig: a line of an e-mail's signature, under "-- "
	sig   bool
	Level int    // heading level 1-6, or list depth from 1
	Text  string // plain text
	Line  int    // 1-based line of the block's first character
	Links []Link
	Code  []string // inline code spans
	// spans holds the text of emphasised spans inside the block that read
	// like titles ("*Tracing the Untraceable*, a joint talk by ..."), nil
	// for most blocks (a pointer keeps Block at 128 bytes).
	spans *[]string

	starts []lineStart // where each joined source line begins in Text
	// row is the cells of a table row under a header that names a talk
	// column and a speaker column, nil otherwise.
	row *tableRow
}

// tableRow is a row of an agenda table: its cells, and which of them
// hold the talk's title and its speakers.
type tableRow struct {
	cells          []string
	title, speaker int
	org            int  // the column of the speakers' companies, -1 for none
	front          bool // a talk of the front matter's list: no text follows it
	// rooms marks the columns of rooms and tracks, whose names ("S3",
	// "Hall Kafka") are no mention of anything
	rooms []bool
}

// tableHeader returns the columns of a table whose header row names a
// talk column and a speaker column, nil for any other header.
func tableHeader(cells []string) *tableRow {
	if ti, si, oi := tableColumns(cells); ti >= 0 && si >= 0 {
		h := &tableRow{title: ti, speaker: si, org: oi}
		for i, c := range cells {
			switch strings.ToLower(strings.Trim(stripEmphasis(c), " :")) {
			case "room", "rooms", "track", "stage", "hall", "location", "where", "raum", "saal", "sala", "salle", "zaal", "sal":
				if h.rooms == nil {
					h.rooms = make([]bool, len(cells))
				}
				h.rooms[i] = true
			}
		}
		return h
	}
	return nil
}

// taskHeader reports whether a table's header names who owns each row,
// as a list of action items does ("| Owner | Action | Due |").
func taskHeader(cells []string) bool {
	for _, c := range cells {
		switch strings.ToLower(strings.Trim(stripEmphasis(c), " :")) {
		case "owner", "owners", "assignee", "assigned to", "responsible", "action owner", "verantwortlich", "due", "deadline", "status":
			return true
		}
	}
	return false
}

// component reads the MDX component that starts at lines[i] (on line
// ln), up to its closing "/>" or ">" at most 12 lines on, and returns its
// last line and, for a component whose props name a talk and its
// speakers, a block with the row of that talk:
//
//	<TalkCard title="Zero-Downtime Postgres" speakers={["Tiago Neves", "Alicia Moreno"]}
//	  company="Talkdesk" />
func component(lines []string, i, ln int) (int, *Block) {
	end := i
	var sb strings.Builder
	for ; end < len(lines) && end < i+12; end++ {
		sb.WriteString(lines[end])
		sb.WriteByte(' ')
		if t := strings.TrimSpace(lines[end]); strings.HasSuffix(t, ">") {
			break
		}
	}
	if end == len(lines) || end == i+12 {
		return i, nil // no end in sight: the line alone
	}
	props := map[string]string{}
	for _, m := range propRe.FindAllStringSubmatch(sb.String(), -1) {
		v := m[2]
		if v == "" {
			v = m[3]
		}
		if v == "" && m[4] != "" {
			// speakers={["A", "B"]}
			var names []string
			for _, q := range quotedRe.FindAllStringSubmatch(m[4], -1) {
				names = append(names, q[1])
			}
			v = strings.Join(names, ", ")
		}
		props[strings.ToLower(m[1])] = v
	}
	title := firstProp(props, "title", "talk", "session")
	who := firstProp(props, "speakers", "speaker", "presenters", "presenter", "by")
	if title == "" || who == "" {
		return end, nil
	}
	b := &Block{Kind: Item, Level: 1}
	cells := []string{title, who, firstProp(props, "company", "org", "organization", "organisation", "affiliation", "employer")}
	b.row = &tableRow{cells: cells, title: 0, speaker: 1, org: 2}
	// each prop on the line that holds it, for the evidence
	for k, c := range cells {
		if c == "" {
			continue
		}
		find, _, _ := strings.Cut(c, ", ") // the first of several speakers
		at := ln
		for j := i; j <= end; j++ {
			if strings.Contains(lines[j], find) {
				at = ln + j - i
				break
			}
		}
		if k > 0 {
			c = "- " + c
		}
		b.appendText(c, at)
	}
	return end, b
}

var calloutTitleRe = lazyRe(`\btitle=["“]([^"”]+)["”]`)

var (
	propRe   = lazyRe(`\b([A-Za-z][A-Za-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\})`)
	quotedRe = lazyRe(`["']([^"']+)["']`)
)

func firstProp(props map[string]string, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(props[k]); v != "" {
			return v
		}
	}
	return ""
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// isRoom reports whether column i of the table h heads holds rooms.
func (h *tableRow) isRoom(i int) bool {
	return h != nil && i < len(h.rooms) && h.rooms[i]
}

// rowOf returns a row of the table h heads, nil when there is no such
// header or the row lacks its columns.
func (h *tableRow) rowOf(cells []string) *tableRow {
	if h == nil || len(cells) <= max(h.title, h.speaker) {
		return nil
	}
	org := h.org
	if org >= len(cells) {
		org = -1
	}
	return &tableRow{cells: cells, title: h.title, speaker: h.speaker, org: org, rooms: h.rooms}
}

// tableColumns finds the title and speaker columns of a table header
// ("| Time | Talk | Speaker(s) |"), -1 for one it lacks.
func tableColumns(header []string) (title, speaker, org int) {
	title, speaker, org = -1, -1, -1
	for i, h := range header {
		switch strings.ToLower(strings.Trim(stripEmphasis(h), " :")) {
		case "talk", "title", "session", "talk title", "session title", "presentation", "topic",
			"vortrag", "titel", "thema", "charla", "palestra", "conférence", "sessie", "lezing":
			if title < 0 {
				title = i
			}
		case "speaker", "speakers", "speaker(s)", "presenter", "presenters", "presenter(s)", "who", "by", "speaker / company", "speaker (company)",
			"speaker (org)", "speakers (org)", "speaker (organisation)", "speaker (organization)", "speaker (affiliation)", "speaker / org",
			"referent", "referentin", "referent:in", "referent*in", "referent/in", "sprecher", "sprecherin", "sprecher:in", "sprecher/in", "sprecher*in",
			"vortragende", "ponente", "ponentes",
			"palestrante", "intervenant", "intervenants", "spreker", "sprekers":
			if speaker < 0 {
				speaker = i
			}
		case "company", "companies", "org", "orgs", "organisation", "organization", "affiliation", "employer", "firma", "unternehmen", "empresa",
			"entreprise", "bedrijf":
			if org < 0 {
				org = i
			}
		}
	}
	return title, speaker, org
}

type lineStart struct{ off, line int }

// LineAt returns the source line of byte offset off of b.Text.
func (b *Block) LineAt(off int) int {
	i := sort.Search(len(b.starts), func(i int) bool { return b.starts[i].off > off })
	if i == 0 {
		return b.Line
	}
	return b.starts[i-1].line
}

// lineStartAt reports whether a source line begins at off in b.Text.
func (b *Block) lineStartAt(off int) bool {
	for _, s := range b.starts {
		if s.off == off {
			return true
		}
	}
	return false
}

// Doc is a parsed document: its blocks and what its metadata says.
type Doc struct {
	Name   string
	Format Format
	Title  string   // front matter or <title>
	Author []string // front matter or <meta name=author>
	Date   string   // front matter or <meta>, as written
	Blocks []Block
	// URL of the page, where the front matter or a canonical link gives it.
	URL      string
	Warnings []string
	// front holds the talks a front matter lists, as table rows.
	front []Block
	// Lines holds the document's source lines, for evidence of facts that
	// were read from metadata.
	Lines []string
}

// lastLine is the text of the block's last source line.
func (b *Block) lastLine() string {
	if len(b.starts) == 0 {
		return b.Text
	}
	return b.Text[b.starts[len(b.starts)-1].off:]
}

// appendText adds a source line's text to a block being built.
func (b *Block) appendText(s string, line int) {
	if b.Text == "" {
		b.Line = line
		b.Text = s
		b.starts = append(b.starts[:0], lineStart{0, line})
		return
	}
	b.Text += " "
	b.starts = append(b.starts, lineStart{len(b.Text), line})
	b.Text += s
}

var (
	setextRe   = lazyRe(`^\s{0,3}(=+|-+)\s*$`)
	fenceRe    = lazyRe("^\\s*(```|~~~)")
	linkRe     = lazyRe(`(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	refLinkRe  = lazyRe(`\[([^\]]+)\]\[[^\]]*\]`)
	autoLinkRe = lazyRe(`<(https?://[^>\s]+)>`)
	bareURLRe  = lazyRe(`https?://[^\s)<>"']+`)
	codeRe     = lazyRe("`+([^`]+)`+")
	tagRe      = lazyRe(`</?[a-zA-Z][^>]*>|<!--.*?-->`)
	footRefRe  = lazyRe(`\[\^[^\]]+\]:?`)
	tableSepRe = lazyRe(`^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$`)
)

// inline turns one line of Markdown inline syntax into plain text,
// collecting links and code spans.
func inline(s string, b *Block) string {
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = html.UnescapeString(s) // "Anja Novak &amp; Tiago Ferreira"
	}
	if !strings.ContainsAny(s, "[]<>`*_\\") && !strings.Contains(s, "http") {
		return s
	}
	if strings.Contains(s, "`") {
		s = codeRe.ReplaceAllStringFunc(s, func(m string) string {
			c := strings.Trim(m, "`")
			b.Code = append(b.Code, strings.TrimSpace(c))
			return c
		})
	}
	if strings.Contains(s, "](") {
		s = linkRe.ReplaceAllStringFunc(s, func(m string) string {
			p := linkRe.FindStringSubmatch(m)
			b.Links = append(b.Links, Link{Text: p[2], URL: p[3]})
			return p[2]
		})
	}
	if strings.Contains(s, "][") {
		s = refLinkRe.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<http") {
		s = autoLinkRe.ReplaceAllStringFunc(s, func(m string) string {
			u := m[1 : len(m)-1]
			b.Links = append(b.Links, Link{URL: u})
			return u
		})
	}
	if strings.Contains(s, "http") {
		for _, u := range bareURLRe.FindAllString(s, -1) {
			if !hasLink(b, u) {
				b.Links = append(b.Links, Link{URL: u})
			}
		}
	}
	if strings.Contains(s, "[^") {
		s = footRefRe.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "<") {
		s = tagRe.ReplaceAllString(s, "")
	}
	if open := b.openEmph(); open != "" {
		// "*Five" at the end of the last line, "kubectl Plugins You
		// Should Steal*" on this one: a title in italics that wraps
		*b.spans = (*b.spans)[:len(*b.spans)-1]
		n := 1
		if strings.HasPrefix(open, "**") {
			n = 2
		}
		if k := strings.IndexByte(s, open[0]); k > 0 && k < 120 && (k+1 == len(s) || !isASCIIWord(s[k+1])) {
			if span := open[n:] + " " + stripEmphasis(s[:k]); len(span) <= 161 && !strings.HasSuffix(span, ".") {
				*b.spans = append(*b.spans, span)
			}
		}
	}
	if mayEmphTitle(s) {
		var have []string
		if b.spans != nil {
			have = *b.spans
		}
		got, open := appendEmphSpans(have, s)
		if open != "" {
			got = append(got, openMark+open)
		}
		if len(got) > len(have) {
			b.spans = &got
		}
	}
	s = stripEmphasis(s)
	if strings.Contains(s, "\\") {
		s = strings.ReplaceAll(s, "\\", "")
	}
	return s
}

func hasLink(b *Block, u string) bool {
	for _, l := range b.Links {
		if l.URL == u {
			return true
		}
	}
	return false
}

// mayEmphTitle: an emphasis marker before a capital, a digit or a
// non-ASCII letter, where emphSpanRe can start.
func mayEmphTitle(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if c := s[i]; c == '*' || c == '_' {
			if n := s[i+1]; n >= 'A' && n <= 'Z' || n >= '0' && n <= '9' || n >= 0x80 || n == c || n >= 'a' && n <= 'z' && (i == 0 || s[i-1] == ' ') {
				return true
			}
		}
	}
	return false
}

// appendEmphSpans appends the spans of words in *, ** or _ that start
// with a capital or a digit, hold a space and are 5-160 bytes long (a
// title written in italics or bold), as the expression
// (?:^|[^\w*])\*{1,2}([\p{Lu}\d][^*]{4,160}?)\*{1,2}(?:[^\w*]|$) and its
// _ form would find them.
//
// open is the start of a span the line leaves open ("*Five" at its end),
// which the next line may close.
func appendEmphSpans(out []string, s string) (spans []string, open string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '*' && c != '_' || i > 0 && (isASCIIWord(s[i-1]) || s[i-1] == c) {
			continue
		}
		n := 1
		if c == '*' && i+1 < len(s) && s[i+1] == '*' {
			n = 2
		}
		start := i + n
		r, _ := utf8.DecodeRuneInString(s[start:])
		lower := unicode.IsLower(r)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !lower {
			continue
		}
		end := strings.IndexByte(s[start:], c)
		if end < 0 {
			if len(s)-i < 120 && (i == 0 || s[i-1] == ' ') {
				open = s[i:]
			}
			return out, open
		}
		end += start
		after := end + 1
		for after < len(s) && s[after] == c && after < end+n {
			after++
		}
		if after < len(s) && (isASCIIWord(s[after]) || s[after] == c) || end-start < 5 || end-start > 161 {
			continue
		}
		// a bold lead sentence ("**Treat the platform as a product.**") is
		// no title
		// (a title may start with a project's name in lower case when it
		// opens the line or the rest is in title case: "**etcd Is Not Your
		// Database**", "*kubectl Plugins You Didn't Know You Needed*")
		if span := s[start:end]; strings.IndexByte(span, ' ') > 0 && !strings.HasSuffix(span, ".") && (!lower || i == 0 || restTitleCase(span)) {
			out = append(out, span)
		}
		i = after - 1
	}
	return out, ""
}

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// stripEmphasis removes *, **, _ and __ used as emphasis, keeping those
// inside words (snake_case, 2*3).
// authorStars reports whether every asterisk of s marks the name before
// it, as the presenting author of a paper is starred ("Kowalski, Marek*
// (CERN); Adeyemi, Folasade* (CERN)"): no emphasis opens or closes there.
func authorStars(s string) bool {
	if strings.IndexByte(s, '_') >= 0 {
		return false
	}
	for i := strings.IndexByte(s, '*'); i >= 0; {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if i == 0 || !unicode.IsLetter(prev) || !strings.HasPrefix(s[i+1:], " (") && !strings.HasPrefix(s[i+1:], ";") && !strings.HasPrefix(s[i+1:], ",") {
			return false // "... You Should Steal* —", "(Sun*)": the end of an emphasis, a brand
		}
		k := strings.IndexByte(s[i+1:], '*')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return true
}

func stripEmphasis(s string) string {
	if !strings.ContainsAny(s, "*_") || authorStars(s) {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '*' && c != '_' {
			out.WriteByte(c)
			continue
		}
		j := i
		for j < len(s) && s[j] == c {
			j++
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[j:])
		inWord := i > 0 && j < len(s) && isWordRune(prev) && isWordRune(next)
		if inWord && c == '_' {
			out.WriteString(s[i:j])
		} else if inWord && c == '*' && j-i == 1 {
			out.WriteString(s[i:j])
		}
		i = j - 1
	}
	return out.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// emphasised reports whether a whole line is wrapped in * or _ markers.
func emphasised(s string) bool {
	t := strings.TrimSpace(s)
	for _, m := range []string{"***", "**", "*", "___", "__", "_"} {
		if len(t) > 2*len(m) && strings.HasPrefix(t, m) && strings.HasSuffix(t, m) {
			return true
		}
	}
	return false
}

// parseMarkdown reads Markdown (front matter already removed; first is the
// line number of lines[0]).
func parseMarkdown(lines []string, first int) []Block {
	// about a block for every two lines: growing the slice from
	// nothing copied each block several times
	blocks := make([]Block, 0, len(lines)/2+4)
	var cur *Block
	flush := func() { blocks = appendBlock(blocks, cur); cur = nil }
	inFence := ""
	topSym := ""         // the symbol of the outer symbol bullets
	var header *tableRow // the columns of the table being read
	var lastCells []string
	fieldTable := false // the table being read is one of fields, two columns
	taskTable := false  // the table being read is one of tasks and their owners
	var card cardSpan   // the emoji card being read
	skip := -1          // the last line of a component already read
	lines = joinWrappedLinks(lines)
	for i, raw := range lines {
		ln := first + i
		if i <= skip {
			continue
		}
		if inFence == "" && len(raw) > 2 && raw[0] == '<' && raw[1] >= 'A' && raw[1] <= 'Z' {
			// an MDX component: "<TalkCard title=... speaker=... />"
			end, b := component(lines, i, ln)
			flush()
			if b != nil {
				blocks = append(blocks, *b)
			}
			skip = end
			continue
		}
		if inFence == "" && strings.HasPrefix(raw, ":::") {
			// an admonition's or callout's fence: ":::tip Takeaway", ":::";
			// a callout's title heads what it holds:
			// ':::{.callout-note title="Rust in the Kernel: Year Two"}'
			flush()
			if m := calloutTitleRe.FindStringSubmatch(raw); m != nil {
				b := Block{Kind: Heading, Level: 3}
				b.appendText(m[1], ln)
				blocks = append(blocks, b)
			}
			continue
		}
		if m := fenceRe.FindStringSubmatch(raw); m != nil {
			if inFence == "" {
				flush()
				inFence = m[1]
			} else if strings.HasPrefix(strings.TrimSpace(raw), inFence) {
				inFence = ""
			}
			continue
		}
		if inFence != "" {
			continue
		}
		t := strings.TrimSpace(raw)
		if len(t) > 2 && t[0] == '^' && t[len(t)-1] == '^' {
			// a DokuWiki table's header: "^ Slot ^ Title ^ Speaker(s) ^"
			cells := strings.Split(t[1:len(t)-1], "^")
			for i := range cells {
				cells[i] = strings.TrimSpace(stripEmphasis(cells[i]))
			}
			if h := tableHeader(cells); h != nil {
				flush()
				header, lastCells, fieldTable, taskTable = h, nil, false, false
				continue
			}
		}
		if !strings.HasPrefix(t, "|") {
			header, lastCells, fieldTable, taskTable = nil, nil, false, false // a table ends at the first other line
		}
		if t == "" {
			flush()
			continue
		}
		if tableSepRe.MatchString(t) && strings.Contains(t, "-") && strings.Contains(t, "|") {
			// the row above was the header: does it name talks and speakers?
			header = nil
			if n := len(blocks); n > 0 && cur == nil && blocks[n-1].Line == ln-1 && lastCells != nil {
				if header = tableHeader(lastCells); header != nil {
					blocks = blocks[:n-1] // a header is no item
				} else if taskHeader(lastCells) {
					taskTable = true // "| Owner | Action | Due |": tasks, not talks
				} else if len(lastCells) == 2 {
					// "| Property | Value |": a table of fields, each row a
					// "Key: value" line ("Location: Kerry Hotel, Hong Kong")
					blocks, fieldTable = blocks[:n-1], true
				}
			}
			continue
		}
		if t := strings.TrimSpace(raw); inFence == "" && strings.HasPrefix(t, "![") && strings.HasSuffix(t, ")") && imageLineRe.MatchString(t) {
			// "![Pablo Herrera pointing at a diagram](p.jpg)" over the
			// caption "*"Dapr in a Monolith's Clothing" — Pablo Herrera,
			// Cabify*": the photo's description is a block of its own
			flush()
			cur = &Block{Kind: Para}
			cur.appendText(inline(t, cur), ln)
			flush()
			continue
		}
		if level, text, ok := atxHeading(raw); ok {
			flush()
			b := Block{Kind: Heading, Level: level}
			b.Emph = emphasised(text)
			b.appendText(inline(text, &b), ln)
			blocks = append(blocks, b)
			continue
		}
		if m := setextRe.FindStringSubmatch(raw); m != nil && cur != nil && cur.Kind == Para && len(cur.starts) == 1 {
			cur.Kind = Heading
			cur.Level = 1
			if m[1][0] == '-' {
				cur.Level = 2
			}
			flush()
			continue
		}
		if setextRe.MatchString(raw) && (cur == nil) {
			continue // a thematic break
		}
		if pos, ok := card.at(lines, i, i == 0 || strings.TrimSpace(lines[i-1]) == "" || setextRe.MatchString(lines[i-1])); ok {
			flush()
			blocks = appendBlock(blocks, cardLine(t, pos, ln))
			continue
		}
		if rest, sym, ok := symbolBullet(t); ok {
			flush()
			cur = &Block{Kind: Item, Level: symLevel(&topSym, sym), Emph: emphasised(rest)}
			cur.appendText(inline(rest, cur), ln)
			continue
		}
		topSym = ""
		if m := bullet(raw); m != nil && !(m[2] == "*" && strings.HasSuffix(strings.TrimSpace(m[3]), "*")) {
			flush()
			depth := indentWidth(m[1])/2 + 1
			text := taskBox(m[3])
			cur = &Block{Kind: Item, Level: depth, Emph: emphasised(text)}
			cur.appendText(inline(text, cur), ln)
			continue
		}
		if strings.HasPrefix(t, ">") {
			q := strings.TrimSpace(strings.TrimLeft(t, "> "))
			if cur == nil || cur.Kind != Quote {
				flush()
				cur = &Block{Kind: Quote}
			}
			if q != "" {
				cur.appendText(inline(q, cur), ln)
			}
			continue
		}
		if strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") {
			flush()
			cells := strings.Split(strings.Trim(t, "|"), "|")
			if header == nil && !fieldTable && !taskTable && len(cells) >= 3 && clockCellRe.MatchString(cells[0]) {
				// a grid of the day: a time, then a talk per room
				// ("| 10:00 | **Title**<br>Name (Org) | Title — Name |")
				blocks = gridRow(blocks, cells, ln)
				lastCells = nil
				continue
			}
			b := Block{Kind: Item, Level: 1}
			var parts []string
			for i, c := range cells {
				cells[i] = strings.TrimSpace(inline(brRe.ReplaceAllString(c, " — "), &b))
				if cells[i] != "" && !header.isRoom(i) {
					parts = append(parts, cells[i])
				}
			}
			b.row = header.rowOf(cells)
			lastCells = cells
			if fieldTable && len(cells) == 2 && cells[0] != "" {
				b.Kind, b.Level = Para, 0
				b.appendText(cells[0]+": "+cells[1], ln)
			} else if taskTable {
				// "Niamh Quinn; Spike: Pyroscope ...; 15 Nov": no dash to
				// read as the one between a speaker and a title
				b.appendText(strings.Join(parts, "; "), ln)
			} else {
				b.appendText(strings.Join(parts, " - "), ln)
			}
			blocks = appendBlock(blocks, &b)
			continue
		}
		if c := t[0]; (c >= '0' && c <= '9' || c == '[' || c == '(' || c == '*' || c == '_') && stampLineRe.MatchString(t) {
			// "[05:40] Keyless Signing Is Not Keyless Trust — Maya Okonkwo":
			// a line of a podcast's chapter list or a live blog is an entry
			// of its own, not a wrapped line of a paragraph
			flush()
			cur = &Block{Kind: Item, Level: 1, stamp: true}
			cur.appendText(inline(t, cur), ln)
			continue
		}
		label := wrapLabelRe.MatchString(stripEmphasis(t))
		note := strings.HasPrefix(t, "[^")
		if cur != nil && cur.Kind == Para && !label && !note && len(cur.starts) == 1 &&
			wrapLabelRe.MatchString(stripEmphasis(cur.Text)) && labelContinues(cur.Text, t) {
			cur.appendText(inline(t, cur), ln) // "Speakers: Ana and\nBen (Acme)."
			continue
		}
		if cur == nil || cur.Kind == Quote || label || note || (cur.Kind == Para && wrapLabelRe.MatchString(stripEmphasis(cur.Text))) ||
			boldLabelRe.MatchString(t) || cur.Kind == Para && strings.IndexByte(t, ':') > 0 && fieldLineRe.MatchString(t) && fieldLineRe.MatchString(cur.lastLine()) {
			// "Hosts: A and B" then "Show notes: C": fields, one per line
			flush()
			cur = &Block{Kind: Para, Emph: emphasised(t), Footnote: note}
		} else if cur.Kind == Item && !cur.stamp && !startsIndented(raw) && endsSentence(cur.Text) {
			flush()
			cur = &Block{Kind: Para, Emph: emphasised(t)}
		}
		cur.Emph = cur.Emph && emphasised(t)
		cur.appendText(inline(t, cur), ln)
	}
	flush()
	return blocks
}

// stampLineRe matches a line that starts with a timestamp or a clock
// time: "[05:40] Title", "**10:42** — Now on stage", "(1:02:15) Q&A".
var stampLineRe = lazyRe(`^(?:\*\*|__)?[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?(?:\*\*|__)?(?:\s|$)`)

// bullet reads a list item line: it returns the line, its indentation,
// its marker and its text, as the expression
// ^(\s*)([-*+•·▪◦‣–]|\d{1,3}[.)])\s+(.*)$ would (a test compares them),
// or nil. List items are frequent, and the matcher was slow to read them.
func bullet(raw string) []string {
	i := 0
	for i < len(raw) && isSpaceByte(raw[i]) {
		i++
	}
	j := i
	switch r, w := utf8.DecodeRuneInString(raw[i:]); {
	case r >= '0' && r <= '9':
		for j < len(raw) && raw[j] >= '0' && raw[j] <= '9' {
			j++
		}
		if j-i > 3 || j == len(raw) || raw[j] != '.' && raw[j] != ')' {
			return nil
		}
		j++
	case j < len(raw) && strings.ContainsRune("-*+•·▪◦‣–", r):
		j += w
	default:
		return nil
	}
	k := j
	for k < len(raw) && isSpaceByte(raw[k]) {
		k++
	}
	if k == j || strings.IndexByte(raw[k:], '\n') >= 0 {
		return nil
	}
	return []string{raw, raw[:i], raw[i:j], raw[k:]}
}

// fieldLine turns a reStructuredText or AsciiDoc field (":Speaker: Ana
// Silva", ":author: Ana") into a label line ("Speaker: Ana Silva").
func fieldLine(t string) string {
	if len(t) < 4 || t[0] != ':' {
		return t
	}
	k := strings.Index(t[1:], ": ")
	if k < 1 || k > 24 || strings.ContainsAny(t[1:k+1], ":`") {
		return t
	}
	return t[1:k+1] + ": " + strings.TrimSpace(t[k+3:])
}

// symbolBullet reads a line that an emoji or another symbol starts as a
// bullet would ("🎤 \"Title\" by Name", "👉 Notes"), as social posts
// write lists: it returns the text after the symbols.
func symbolBullet(t string) (rest, sym string, ok bool) {
	r, _ := utf8.DecodeRuneInString(t)
	if r < 0x2000 || !unicode.IsSymbol(r) {
		return "", "", false
	}
	rest = strings.TrimLeftFunc(t, func(r rune) bool {
		return r >= 0x2000 && (unicode.IsSymbol(r) || unicode.Is(unicode.Mn, r)) || r == '\u200d' || r == '\ufe0f'
	})
	if rest == t || !strings.HasPrefix(rest, " ") {
		return "", "", false
	}
	sym = t[:len(t)-len(rest)]
	rest = strings.TrimSpace(rest)
	return rest, sym, rest != ""
}

// emojiCard returns the number of lines of a talk's card that lines
// start with, or 0: three or more lines that symbols start, the title
// first and the speakers' names second, then the company and notes, as
// social posts set them out ("🎤 Title", "👤 Name & Name", "🏢 Org & Org",
// "💡 a note"). Which symbol marks which field varies from post to post;
// the order does not.
func emojiCard(lines []string) int {
	n := 0
	for n < len(lines) {
		if _, _, ok := symbolBullet(strings.TrimSpace(lines[n])); !ok {
			break
		}
		n++
	}
	if n < 3 {
		return 0
	}
	title, _, _ := symbolBullet(strings.TrimSpace(lines[0]))
	names, _, _ := symbolBullet(strings.TrimSpace(lines[1]))
	first, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(names, "Dr. "), "Prof. "), " ")
	if len(strings.Fields(title)) < 2 || strings.HasSuffix(title, ":") || !isFirstName(first) || len(names) > 120 {
		return 0
	}
	return n
}

// orgSymbols are the symbols that mark a card's company line.
const orgSymbols = "🏢🏛🏬🏭🏦🏫💼"

// cardSpan is the lines of the emoji card a parser is reading.
type cardSpan struct{ start, end int }

// at returns the position of line i in an emoji card: in the card being
// read, or in one that starts at i when fresh (after a blank line).
func (c *cardSpan) at(lines []string, i int, fresh bool) (int, bool) {
	if i >= c.end && fresh {
		if n := emojiCard(lines[i:]); n > 0 {
			c.start, c.end = i, i+n
		}
	}
	return i - c.start, i < c.end
}

// cardLine is the block for a line at pos in an emoji card: the title a
// heading, the names a "Speakers:" line, the company a "Company:" line,
// the rest items.
func cardLine(t string, pos, ln int) *Block {
	rest, sym, _ := symbolBullet(t)
	b := &Block{Kind: Item, Level: 1}
	switch {
	case pos == 0:
		b.Kind, b.Level = Heading, 6
	case pos == 1:
		b.Kind, b.Level = Para, 0
		rest = "Speakers: " + rest
	case strings.ContainsAny(sym, orgSymbols):
		b.Kind, b.Level = Para, 0
		rest = "Company: " + rest
	}
	b.appendText(inline(rest, b), ln)
	return b
}

// symLevel is the list depth of a symbol bullet: the symbol that starts a
// run of them is the outer level, another one nested under it ("🎤 talk"
// then "💡 a note on it").
func symLevel(top *string, sym string) int {
	if *top == "" {
		*top = sym
	}
	if sym == *top {
		return 1
	}
	return 2
}

// appendBlock adds a finished block, trimmed, unless it is empty.
func appendBlock(blocks []Block, b *Block) []Block {
	if b == nil || strings.TrimSpace(b.Text) == "" {
		return blocks
	}
	b.Text = strings.TrimSpace(b.Text)
	if b.openEmph() != "" {
		*b.spans = (*b.spans)[:len(*b.spans)-1] // never closed
	}
	return append(blocks, *b)
}

func indentWidth(s string) int {
	n := 0
	for _, c := range s {
		if c == '\t' {
			n += 4
		} else {
			n++
		}
	}
	return n
}

func startsIndented(s string) bool { return strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\t") }

func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// parseText reads plain text: every line is a block, bullets become items,
// and lines of a hard-wrapped paragraph are joined back.
func parseText(lines []string, first int) []Block {
	// about a block for every two lines: growing the slice from
	// nothing copied each block several times
	blocks := make([]Block, 0, len(lines)/2+4)
	var cur *Block
	flush := func() { blocks = appendBlock(blocks, cur); cur = nil }
	topSym := ""       // the symbol of the outer symbol bullets
	var card cardSpan  // the emoji card being read
	itemIndent := 0    // where the text of the last bullet starts
	var cols *columns  // the aligned table being read
	var sep *delimited // the delimited table being read
	handles := chatHandles(lines)
	lines = unquoteMail(lines)
	sigFrom := -1 // in an e-mail's signature, the first of its blocks
	for i, raw := range lines {
		ln := first + i
		if strings.TrimRight(raw, " ") == "--" {
			// "--" over "Aleksandra Nowicka" and "Adevinta | Marketplaces
			// Spain": who wrote the message, not a talk and its speaker
			flush()
			sigFrom = len(blocks)
			continue
		}
		if sigFrom >= 0 && strings.TrimSpace(raw) == "" {
			flush()
			markSig(blocks[sigFrom:])
			sigFrom = -1
			continue
		}
		if sep != nil {
			var ok bool
			if blocks, ok = sep.row(blocks, raw, ln); ok {
				continue
			}
			if t := strings.TrimSpace(raw); t != "" && strings.Trim(t, "-+|:= ") == "" {
				continue // the rule under the header: "--------+------"
			}
			sep = nil
		}
		if d := delimitedHeader(raw); d != nil {
			// "Title;Speaker;Company;Tags;Rating": a spreadsheet's rows,
			// pasted as text
			flush()
			sep = d
			continue
		}
		if cols != nil {
			if strings.TrimSpace(raw) != "" {
				blocks = cols.row(blocks, raw, ln)
				continue
			}
			j := i + 1
			for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
				j++
			}
			if j < len(lines) && cols.fits(lines[j]) {
				continue // rows set apart by blank lines
			}
			cols = nil
		}
		if i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "--") {
			if c := alignedHeader(raw, lines[i+1]); c != nil {
				// "Time  Title  Speaker  Company" over "----  -----  -------  -------"
				flush()
				cols = c
				continue
			}
		}
		if cols == nil && i > 0 && strings.HasPrefix(strings.TrimSpace(raw), "--") && alignedHeader(lines[i-1], raw) != nil {
			continue // the rule under the header
		}
		t := fieldLine(strings.TrimSpace(raw))
		if strings.Contains(t, "] ") || strings.Contains(t, "].") || strings.HasSuffix(t, "]") {
			t = dropNoteNums(t) // "Tereza Nováková, Red Hat [1]": a note's number
		}
		if t == "" {
			flush()
			continue
		}
		if c := t[0]; (c == '[' || c >= '0' && c <= '9') && stampLineRe.MatchString(t) && (c == '[' || chatAuthor(t, handles) != "") {
			// "[09:15] marco.bianchi: starting: ...": a chat log's
			// message, or a live blog's entry, is a block of its own;
			// the handle of who wrote it is no part of its text
			flush()
			cur = &Block{Kind: Item, Level: 1, stamp: true}
			cur.appendText(inline(dropAuthor(t, handles), cur), ln)
			continue
		}
		if reactions(t) || threadCount(t) {
			continue // "👍 2   🔥 4", "↳ 3 replies" under a chat message
		}
		if pos, ok := card.at(lines, i, i == 0 || strings.TrimSpace(lines[i-1]) == ""); ok {
			flush()
			blocks = appendBlock(blocks, cardLine(t, pos, ln))
			continue
		}
		if rest, sym, ok := symbolBullet(t); ok {
			flush()
			cur = &Block{Kind: Item, Level: symLevel(&topSym, sym)}
			cur.appendText(inline(rest, cur), ln)
			continue
		}
		topSym = ""
		if cur != nil && cur.Kind == Para && len(cur.starts) == 1 && (t[0] == '=' || t[0] == '-') && len(t) >= 3 &&
			utf8.RuneCountInString(cur.Text) <= len(t)+3 && (i < 2 || strings.TrimSpace(lines[i-2]) == "") && setextRe.MatchString(raw) {
			m := setextRe.FindStringSubmatch(raw)
			// "Containers devroom" over "------------------": a heading
			cur.Kind, cur.Level = Heading, 1
			if m[1][0] == '-' {
				cur.Level = 2
			}
			flush()
			continue
		}
		if m := bullet(raw); m != nil {
			flush()
			cur = &Block{Kind: Item, Level: indentWidth(m[1])/2 + 1}
			cur.appendText(inline(taskBox(m[3]), cur), ln)
			itemIndent = indentWidth(m[1]) + len(m[2]) + 1
			continue
		}
		if cur != nil && cur.Kind == Item && indentWidth(raw[:len(raw)-len(strings.TrimLeft(raw, " \t"))]) >= itemIndent &&
			(len(cur.starts) == 1 && len(t) < 80 && !endsSentence(t) && !fieldLineRe.MatchString(t) ||
				wrapped(cur.Text[cur.starts[len(cur.starts)-1].off:], t) || isFirstName(cur.Text[strings.LastIndexByte(cur.Text, ' ')+1:])) {
			// a wrapped or second line of an item, indented under its text:
			// "1) Title" over "   Tereza Nováková, Red Hat [1]" (not a
			// "Speaker: ..." or "Takeaway: ..." field of its own), or a
			// name that a wrap split ("... -- Sven" over "Lindgren of ...")
			cur.appendText(inline(t, cur), ln)
			continue
		}
		if cur != nil && cur.Kind == Para && (wrapped(cur.Text[cur.starts[len(cur.starts)-1].off:], t) || openQuote(cur.Text) ||
			len(cur.starts) >= 2 && wrapsOn(cur.Text[cur.starts[len(cur.starts)-1].off:], t) ||
			len(cur.starts) == 1 && !wrapLabelRe.MatchString(t) && wrapLabelRe.MatchString(cur.Text) && labelContinues(cur.Text, t) ||
			shoutedByRe.MatchString(cur.Text) && shouting(t) && labelContinues(cur.Text, t)) {
			cur.appendText(inline(t, cur), ln)
			continue
		}
		flush()
		cur = &Block{Kind: Para}
		cur.appendText(inline(t, cur), ln)
	}
	flush()
	if sigFrom >= 0 {
		markSig(blocks[sigFrom:])
	}
	return blocks
}

// delimited is a table written as a spreadsheet exports it: a header line
// and rows whose cells a semicolon or a tab separates.
type delimited struct {
	sep    string
	n      int // separators in the header and in every row
	header *tableRow
}

// delimitedHeader reads a header line of a delimited table that names a
// talk column and a speaker column.
func delimitedHeader(raw string) *delimited {
	for _, sep := range []string{";", "\t", "|"} {
		if sep == "|" {
			raw = strings.Trim(strings.TrimSpace(raw), "|") // "| Code | Title |" as "Code | Title"
		}
		n := strings.Count(raw, sep)
		if n < 2 || n > 12 || len(raw) > 200 {
			continue
		}
		cells := strings.Split(raw, sep)
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if h := tableHeader(cells); h != nil {
			return &delimited{sep: sep, n: n, header: h}
		}
	}
	return nil
}

// row adds the row in raw, line ln, to blocks; it reports false for a
// line that is no row of the table.
func (d *delimited) row(blocks []Block, raw string, ln int) ([]Block, bool) {
	if d.sep == "|" {
		raw = strings.Trim(strings.TrimSpace(raw), "|")
	}
	if strings.Count(raw, d.sep) != d.n {
		return blocks, false
	}
	cells := strings.Split(raw, d.sep)
	for i := range cells {
		cells[i] = strings.TrimSpace(strings.Trim(strings.TrimSpace(cells[i]), `"`))
	}
	if d.header.org >= 0 && strings.Contains(cells[d.header.speaker], " & ") && strings.Contains(cells[d.header.org], " & ") {
		// "A & B" at "Cosmonic & Fermyon": each speaker's company
		who, orgs := strings.Split(cells[d.header.speaker], " & "), strings.Split(cells[d.header.org], " & ")
		if len(who) == len(orgs) {
			for k := range who {
				who[k] += " (" + strings.TrimSpace(orgs[k]) + ")"
			}
			cells[d.header.speaker], cells[d.header.org] = strings.Join(who, " & "), ""
		}
	}
	b := Block{Kind: Item, Level: 1, row: d.header.rowOf(cells)}
	b.appendText(d.header.rowText(cells), ln)
	return appendBlock(blocks, &b), true
}

// joinWrappedLinks moves the end of a link that a hard wrap split, up to
// its closing "](url)", to the line where the link starts, so that the
// line's inline syntax reads it whole: "[Near Misses Are Free Lessons:
// Reviewing" over "the Incidents That Didn't Happen](https://...) by
// Priya Raman". It returns lines itself when no link is split, else a copy.
func joinWrappedLinks(lines []string) []string {
	out := lines
	for i := 0; i+1 < len(lines); i++ {
		l := out[i]
		k := strings.LastIndexByte(l, '[')
		if k < 0 || strings.IndexByte(l[k:], ']') >= 0 || strings.TrimSpace(lines[i+1]) == "" {
			continue
		}
		next := out[i+1]
		close := strings.Index(next, "](")
		if close < 0 || strings.IndexByte(next[:close], '[') >= 0 {
			continue
		}
		end := strings.IndexByte(next[close:], ')')
		if end < 0 {
			continue
		}
		end += close + 1
		if strings.TrimSpace(next[end:]) == "" {
			continue // the next line would be left blank, ending the paragraph
		}
		if &out[0] == &lines[0] {
			out = slices.Clone(lines)
		}
		out[i] = l + " " + strings.TrimSpace(next[:end])
		out[i+1] = strings.Repeat(" ", len(next)-len(strings.TrimLeft(next, " "))) + strings.TrimLeft(next[end:], " ")
	}
	return out
}

// markSig marks blocks as lines of an e-mail's signature.
func markSig(blocks []Block) {
	for i := range blocks {
		blocks[i].sig = true
	}
}

// unquoteMail removes the "> " that an e-mail puts before the lines of a
// message it quotes ("> - Cilium's BGP Control Plane ...", ">> Title"),
// when three lines or more have it, so that they read as the lines they
// were. It returns lines itself when none is quoted, else a copy.
func unquoteMail(lines []string) []string {
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(l, ">") {
			n++
		}
	}
	if n < 3 {
		return lines
	}
	out := slices.Clone(lines)
	for i, l := range out {
		for strings.HasPrefix(l, ">") {
			l = strings.TrimPrefix(strings.TrimPrefix(l, ">"), " ")
		}
		out[i] = l
	}
	return out
}

// imageLineRe matches a line that is one image and nothing else.
var imageLineRe = lazyRe(`^!\[[^\]]*\]\([^()\s]*(?:\s+"[^"]*")?\)$`)

// chatAuthorRe matches the author of a chat log's message after its
// time: a lower-case handle and a colon ("marco.bianchi: "), or an IRC
// nick in angle brackets ("<mdubois> ").
var chatAuthorRe = lazyRe(`^((?:\*\*|__)?[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?(?:\*\*|__)?\s+)(?:<([^>\s]{1,30})>|([a-z0-9][a-z0-9._-]{1,30}):)\s+`)

// chatHandles returns the authors of a chat log's messages: the handles
// after a time that start two lines or more. One line is not enough: "8:42
// bootc: Your OS Is Just Another Container Image" is a video's chapter.
func chatHandles(lines []string) map[string]bool {
	var seen, out map[string]bool
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || (t[0] != '[' && t[0] != '(' && (t[0] < '0' || t[0] > '9')) {
			continue
		}
		m := chatAuthorRe.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		h := m[2] + m[3] // an IRC nick or a handle
		if seen[h] {
			if out == nil {
				out = map[string]bool{}
			}
			out[h] = true
		} else {
			if seen == nil {
				seen = map[string]bool{}
			}
			seen[h] = true
		}
	}
	return out
}

// chatAuthor returns the author of a chat log's message t, one of handles.
func chatAuthor(t string, handles map[string]bool) string {
	if handles == nil {
		return ""
	}
	if m := chatAuthorRe.FindStringSubmatch(t); m != nil && handles[m[2]+m[3]] {
		return m[2] + m[3]
	}
	return ""
}

// dropAuthor removes the author from a chat log's message, keeping its time.
func dropAuthor(t string, handles map[string]bool) string {
	if handles == nil {
		return t
	}
	if chatAuthor(t, handles) != "" {
		m := chatAuthorRe.FindStringSubmatchIndex(t)
		return t[:m[3]] + t[m[1]:]
	}
	return t
}

// reactions reports whether t is a line of emoji reactions and their
// counts ("🔥 4   👀 1"), which a chat export sets under a message.
func reactions(t string) bool {
	if r, _ := utf8.DecodeRuneInString(t); r < 0x2000 || !unicode.IsSymbol(r) {
		return false // (it runs on every line)
	}
	emoji := false
	for f := range strings.FieldsSeq(t) {
		r, _ := utf8.DecodeRuneInString(f)
		switch {
		case r >= 0x2000 && unicode.IsSymbol(r):
			emoji = true
		case r >= '0' && r <= '9':
			if strings.Trim(f, "0123456789") != "" {
				return false
			}
		default:
			return false
		}
	}
	return emoji
}

// threadCount reports whether t is a chat export's count of the replies
// a message got ("↳ 3 replies"), not a comment section's heading.
func threadCount(t string) bool {
	rest, ok := strings.CutPrefix(t, "↳")
	if !ok {
		return false
	}
	n, word, _ := strings.Cut(strings.TrimSpace(rest), " ")
	return n != "" && strings.Trim(n, "0123456789") == "" && (word == "replies" || word == "reply")
}

// columns is the layout of a plain-text table whose columns are aligned
// with spaces under a header and a rule of dashes, as a spreadsheet or
// a terminal prints one:
//
//	Time   Title                       Speaker        Company
//	-----  --------------------------  -------------  -------
//	09:40  Progressive Delivery ...    Chiara Bianchi Red Hat
//	10:10  Multi-Tenant Argo CD ...    Ama Owusu      Akuity
//	                                   Jesse Park     Adobe
//
// A row whose title cell is empty continues the row above (a second
// speaker with their company).
type columns struct {
	starts []int // the rune column where each cell starts
	header *tableRow
	// titleAt is the rune column where the title of the row above starts:
	// a wrapped title goes on there, an entry of its own is indented
	titleAt int
}

// alignedHeader returns the layout of a table whose header is head and
// whose rule (runs of dashes separated by spaces) is rule, nil when they
// are not that or the header names no talk and speaker column.
func alignedHeader(head, rule string) *columns {
	var starts []int
	col, in := 0, false
	for _, r := range rule {
		switch r {
		case '-', '=', '+':
			if !in {
				starts = append(starts, col)
				in = true
			}
		case ' ', '\t':
			in = false
		default:
			return nil
		}
		col++
	}
	if len(starts) < 2 || strings.TrimSpace(head) == "" {
		return nil
	}
	h := tableHeader(alignedCells(head, starts))
	if h == nil {
		return nil
	}
	return &columns{starts: starts, header: h}
}

// alignedCells cuts line into cells at the rune columns starts; a cell
// runs to the start of the next one.
func alignedCells(line string, starts []int) []string {
	cells := make([]string, len(starts))
	r := tabRunes(line)
	for k, st := range starts {
		end := len(r)
		if k+1 < len(starts) {
			end = min(end, starts[k+1])
		}
		if st < end {
			cells[k] = strings.TrimSpace(string(r[st:end]))
		}
	}
	return cells
}

// row adds the block of a row of the table (or joins a continuation row
// to the row above) to blocks.
func (c *columns) row(blocks []Block, raw string, ln int) []Block {
	if strings.Trim(raw, "-=+ \t") == "" {
		return blocks // the rule under the header
	}
	cells := alignedCells(raw, c.starts)
	h := c.header
	at := c.textAt(raw, c.starts[h.title])
	if n := len(blocks); n > 0 && cells[h.title] != "" && blocks[n-1].row != nil && c.onlyTalk(cells) && at == c.titleAt {
		// a title wrapped onto the next line, in its column ("Sloth in the
		// Machine: SLOs for Batch Pipelines" over "That Nobody Owns"),
		// maybe beside a second speaker; a line indented further is an
		// entry of its own (a lightning talk under "Lightning Talks")
		prev := blocks[n-1].row
		prev.cells[h.title] += " " + cells[h.title]
		cells[h.title] = ""
	}
	if n := len(blocks); n > 0 && cells[h.title] == "" && cells[h.speaker] != "" && blocks[n-1].row != nil {
		// a second speaker under the first: both keep their company
		prev := blocks[n-1].row
		who := func(cs []string) string {
			if h.org >= 0 && cs[h.org] != "" {
				return cs[h.speaker] + " (" + cs[h.org] + ")"
			}
			return cs[h.speaker]
		}
		prev.cells[h.speaker] = who(prev.cells) + ", " + who(cells)
		if h.org >= 0 {
			prev.cells[h.org] = ""
		}
		blocks[n-1].appendText("- "+h.rowText(cells), ln) // (its own line, for evidence)
		return blocks
	}
	if n := len(blocks); n > 0 && cells[h.title] == "" && blocks[n-1].row != nil {
		blocks[n-1].appendText("- "+h.rowText(cells), ln) // (the wrapped title's line, for evidence)
		return blocks
	}
	c.titleAt = at
	b := Block{Kind: Item, Level: 1, row: h.rowOf(cells)}
	b.appendText(h.rowText(cells), ln)
	return appendBlock(blocks, &b)
}

// onlyTalk reports whether a row's cells other than the title, speaker
// and company are empty: no time, no room.
func (c *columns) onlyTalk(cells []string) bool {
	h := c.header
	for k, cell := range cells {
		if cell != "" && k != h.title && k != h.speaker && k != h.org {
			return false
		}
	}
	return true
}

// tabRunes returns the runes of a line of an aligned table, a tab counted
// as four spaces.
func tabRunes(line string) []rune {
	return []rune(strings.ReplaceAll(line, "\t", "    "))
}

// textAt returns the rune column of the first character other than a
// space in line at or after col, -1 for none.
func (c *columns) textAt(line string, col int) int {
	r := tabRunes(line)
	for k := col; k < len(r); k++ {
		if r[k] != ' ' {
			return k
		}
	}
	return -1
}

// fits reports whether line reads as a row of the table after a blank
// line: a space before every column it reaches, and a time or nothing in
// its first column ("10:30  Liffey A  Title ...").
func (c *columns) fits(line string) bool {
	r := tabRunes(line)
	if len(c.starts) < 2 || len(r) <= c.starts[1] {
		return false
	}
	for _, st := range c.starts[1:] {
		if st < len(r) && st > 0 && r[st-1] != ' ' {
			return false
		}
	}
	first := strings.TrimSpace(string(r[:c.starts[1]]))
	return first == "" || clockCellRe.MatchString(first)
}

// gridRow adds a block for each room's cell of a row of a grid of the
// day whose first cell is the time: a cell is a talk, its title over its
// speakers ("Title<br>Name (Org)"), or a break; a cell that repeats the
// one before it ("Lunch | Lunch") or only marks a slot as empty ("—")
// adds nothing.
func gridRow(blocks []Block, cells []string, ln int) []Block {
	prev := ""
	for _, c := range cells[1:] {
		c = strings.TrimSpace(c)
		if c == prev || strings.Trim(c, "-–—_ ") == "" {
			continue
		}
		prev = c
		b := Block{Kind: Item, Level: 1}
		b.Emph = emphasised(c)
		text := strings.TrimSpace(inline(brRe.ReplaceAllString(c, " — "), &b))
		if text == "" {
			continue
		}
		b.appendText(text, ln)
		blocks = appendBlock(blocks, &b)
	}
	return blocks
}

var (
	// clockCellRe matches a table cell that holds a time of day:
	// "10:00", "**09:15**", "14.30–15.15", "9:00 am".
	clockCellRe = lazyRe(`^\s*(?:\*\*|__)?\d{1,2}[:.h]\d{2}\b`)
	// brRe matches an HTML line break in Markdown text.
	brRe = lazyRe(`(?i)\s*<br\s*/?>\s*`).needing("<")
)

// rowText joins the cells of a row but its rooms.
func (h *tableRow) rowText(cells []string) string {
	var out []string
	for i, c := range cells {
		if c != "" && !h.isRoom(i) {
			out = append(out, c)
		}
	}
	return strings.Join(out, " - ")
}

// noteNumRe matches a footnote's number after a word in plain text: "[3]".
var noteNumRe = lazyRe(`\s\[\d{1,3}\]([\s.,;:]|$)`).needing("[")

// dropNoteNums removes the footnote numbers of a plain-text line, after a
// name, a title in quotes or at the line's end ("Tereza Nováková, Red Hat
// [1]", "... Returned -EINVAL" [3], which"), but keeps the numbers that
// cite a reference list in the text ("The Podman talk [2] was packed").
func dropNoteNums(t string) string {
	return noteNumRe.ReplaceAllStringFunc(t, func(m string) string {
		k := strings.Index(t, m) // the first such number: enough to judge by
		before := strings.TrimRight(t[:k], " ")
		after := m[strings.IndexByte(m, ']')+1:]
		if strings.TrimSpace(after) == "" && k+len(m) == len(t) {
			return after // at the line's end
		}
		w := before[strings.LastIndexAny(before, " \t(")+1:]
		if strings.HasSuffix(w, "\"") || strings.HasSuffix(w, "”") {
			return after // after a title in quotes
		}
		first, _ := utf8.DecodeRuneInString(w)
		last, _ := utf8.DecodeLastRuneInString(w)
		if w != "" && unicode.IsUpper(first) && unicode.IsLetter(last) {
			return after // after a name
		}
		return m
	})
}

// taskBox removes the check box of a task list item: "[x] Title — Name"
// (attended), "[ ] Title — Name" (missed, still a talk of the event).
func taskBox(s string) string {
	if len(s) > 4 && s[0] == '[' && s[2] == ']' && s[3] == ' ' && (s[1] == ' ' || s[1] == 'x' || s[1] == 'X') {
		return strings.TrimLeft(s[4:], " ")
	}
	return s
}

// openQuote reports whether text ends inside a double quote that a hard
// wrap broke: 'opened the afternoon with "retsnoop:'.
func openQuote(text string) bool {
	return strings.Count(text, `"`)%2 == 1 && strings.Count(text, "“") == strings.Count(text, "”")
}

// wrapped reports whether next continues a hard-wrapped line prev: prev is
// about as long as a wrapped line, does not end a sentence or a label, and
// next is not a label, bullet or heading-like line.
func wrapped(prev, next string) bool {
	n := utf8.RuneCountInString(prev)
	if n < 50 || n > 130 {
		return false
	}
	if strings.HasSuffix(prev, ":") || wrapLabelRe.MatchString(next) || wrapLabelRe.MatchString(prev) {
		return false
	}
	// A wrapped line ends mid-sentence (a lower-case word or a comma) or
	// the next line continues in lower case; "Title - Name, Org" followed
	// by a capitalised line is two lines.
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) || r == '(' && !endsSentence(prev) {
		return true // "... the joint talk by Daniel Okafor" over "(Meta) and Lena ..."
	}
	last := prev[strings.LastIndexByte(prev, ' ')+1:]
	lr, _ := utf8.DecodeRuneInString(last)
	if isFirstName(last) && unicode.IsUpper(r) && n >= 60 && !fieldLineRe.MatchString(next) {
		return true // "... he co-authored with Miriam" over "Feldman [8]; note that"
	}
	if w, _, _ := strings.Cut(next, " "); len(w) > 2 && (w[len(w)-1] == '.' || w[len(w)-1] == ',') && !endsSentence(prev) &&
		!strings.ContainsAny(prev, "–—|") && !strings.Contains(prev, " -") && !strings.HasSuffix(prev, ")") {
		return true // "... Config Management Camp at HoGent" over "Schoonmeersen. Only managed ..."
	}
	return !endsSentence(prev) && (unicode.IsLower(lr) || strings.HasSuffix(prev, ","))
}

// wrapsOn reports whether next continues prev, the last line of a
// paragraph that a hard wrap has already broken once: prev is as long as
// a wrapped line and ends mid-sentence, whatever case the words at the
// break are in ("... and fell over. Chiara's" over "Rollouts demo used").
func wrapsOn(prev, next string) bool {
	n := utf8.RuneCountInString(prev)
	return n >= 60 && n <= 130 && !endsSentence(prev) && !strings.HasSuffix(prev, ":") &&
		!wrapLabelRe.MatchString(next) && !wrapLabelRe.MatchString(prev)
}

// labelContinues reports whether next continues a speaker label line prev
// that a hard wrap broke: prev ends mid-phrase ("... engineer at", "...
// (ING) and", "Ana,") or mid-name, and next completes it ("Adyen.",
// "Ramaswamy (Booking.com).", "(Mollie), in the Ignite format").
func labelContinues(prev, next string) bool {
	prev = strings.TrimSpace(prev)
	if prev == "" || endsSentence(prev) || strings.HasSuffix(prev, ")") && !strings.HasPrefix(next, "(") {
		return false
	}
	if strings.HasPrefix(next, "(") || strings.HasSuffix(prev, ",") || strings.HasSuffix(prev, "&") ||
		strings.HasPrefix(next, "AND ") || strings.HasPrefix(next, "and ") || strings.HasPrefix(next, "& ") {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(next); unicode.IsLower(r) && len(prev) > 60 {
		return true // "Lightning talk: Wojciech implemented ..., with time to" over "spare. He ..."
	}
	last := strings.ToLower(prev[strings.LastIndexByte(prev, ' ')+1:])
	switch last {
	case "and", "at", "of", "from", "with", "for", "by", "und", "et", "y":
		return true
	}
	// "... and Arjun" / "Ramaswamy (Booking.com).": a name's last word
	// and its organisation. (A word alone is not enough: "Speaker(s):
	// Thomas Graf" is often followed by a "Summary" line.)
	first, rest, _ := strings.Cut(next, " ")
	r, _ := utf8.DecodeRuneInString(first)
	lr, _ := utf8.DecodeRuneInString(last)
	return unicode.IsUpper(r) && unicode.IsLetter(lr) && len(first) > 1 && strings.HasPrefix(rest, "(")
}

// boldLabelRe matches a line that a bold label starts ("**Host:** Marisol
// Vega", "**Guest:** Theo Brandt"): a field of its own, not a wrapped line.
var boldLabelRe = lazyRe(`^(?:\*\*|__)\p{Lu}[\p{L} ()/-]{0,30}(?::(?:\*\*|__)?|(?:\*\*|__):)\s`).needing("**", "__")

// shoutedByRe matches a byline in capitals, whose list of speakers may
// go on over the next lines: "BY KWAME ASANTE-DARKO / HPE" over "AND LUCÍA
// VAN DER MEER / INDEPENDENT".
var shoutedByRe = lazyRe(`^(?:BY|WITH|PRESENTED BY|SPEAKERS?:)\s+\p{Lu}`)

var wrapLabelRe = lazyRe(`^(\*\*|__)?(?:(?i:speakers?|spkrs?|speaker\(s\)|presenters?)\s*(?:\*\*|__)?\s*[:：]|Speakers?\s|Speaker\(s\)|Presenters?\s|(?i:presented by|talk( \d+)?\s*:|keynote\s*:|lightning talk\s*:|session\s*:))`)

// atxHeading reads a Markdown heading line ("## Title ##"): its level and
// its text without the closing hashes. It matches what the expression
// ^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$ would, group for group (a test
// compares them), without the matcher's backtracking, which a line parse
// paid on every heading.
func atxHeading(line string) (level int, text string, ok bool) {
	i := 0
	for i < len(line) && isSpaceByte(line[i]) {
		i++
	}
	if i > 3 {
		return 0, "", false
	}
	h := i
	for h < len(line) && line[h] == '#' {
		h++
	}
	level = h - i
	if level < 1 || level > 6 || h == len(line) || !isSpaceByte(line[h]) {
		return 0, "", false
	}
	rest := strings.TrimLeft(line[h:], "\t\n\f\r ")
	// '.' does not match a newline; lines never hold one, but the text
	// part must not if the answer is to be the expression's.
	e := len(rest)
	for e > 0 && isSpaceByte(rest[e-1]) {
		e--
	}
	for e > 0 && rest[e-1] == '#' {
		e--
	}
	for e > 0 && isSpaceByte(rest[e-1]) {
		e--
	}
	if strings.IndexByte(rest[:e], '\n') >= 0 {
		return 0, "", false
	}
	return level, rest[:e], true
}

// isSpaceByte reports whether c is in the class \s of Go's regular
// expressions: tab, newline, form feed, carriage return or space.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// spanTexts returns the emphasised spans of the block that read like titles.
// openMark starts the last of a block's spans while it is a span of
// emphasis that its last line opened and did not close ("... on *Five").
const openMark = "\x00"

// openEmph returns the span of emphasis the block's last line left open.
func (b *Block) openEmph() string {
	if b.spans == nil || len(*b.spans) == 0 {
		return ""
	}
	last := (*b.spans)[len(*b.spans)-1]
	if !strings.HasPrefix(last, openMark) {
		return ""
	}
	return last[len(openMark):]
}

func (b *Block) spanTexts() []string {
	if b.spans == nil {
		return nil
	}
	return *b.spans
}
