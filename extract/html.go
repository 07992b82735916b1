package extract

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped elements hold no recap text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Footer: true,
	atom.Noscript: true, atom.Svg: true, atom.Form: true, atom.Button: true,
	atom.Iframe: true, atom.Template: true, atom.Select: true, atom.Aside: true,
	atom.Pre: true, atom.Object: true, atom.Canvas: true, atom.Textarea: true,
}

var blockElems = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Blockquote: true, atom.Dt: true,
	atom.Dd: true, atom.Td: true, atom.Th: true, atom.Tr: true, atom.Figcaption: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Br: true, atom.Hr: true, atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Dl: true,
	atom.Body: true, atom.Figure: true,
}

// chromeClass marks containers of site chrome by their class or id.
var chromeClass = []string{"breadcrumb", "share", "sharing", "social", "comment", "sidebar",
	"cookie", "related", "newsletter", "subscribe", "menu", "navbar", "site-header", "skip-link",
	"post-navigation", "author-bio", "widget", "advert", "footer"}

// parseHTML reads an HTML page into blocks, tracking source lines.
func parseHTML(src string, d *Doc) []Block {
	z := html.NewTokenizer(strings.NewReader(src))
	z.SetMaxBuf(0)
	line := 1
	var blocks []Block
	var cur Block
	var stack []atom.Atom
	skipDepth := 0 // >0 while inside a skipped element
	listDepth := 0
	inTitle, inEm, emOnly := false, false, true
	emFrom := -1 // where the emphasised span being read starts in cur.Text
	var href string
	var linkText strings.Builder
	inLink := false
	inCode := false
	var codeText strings.Builder
	// table rows: each cell's blocks are joined into one text, each row
	// becomes an item (a talk row when the header names a talk and a
	// speaker column, as for Markdown tables)
	var header *tableRow
	var cells []string
	var cellLines [][]lineStart // each cell's line starts
	headerRow, inRow := true, false
	tableRows := 0 // the rows of the open table read so far
	cellStart, rowLine := -1, 0
	keyed := false // the row's first cell is a header cell
	// elements whose class says what they hold ("speaker", "company"): the
	// text they give a block is written as a speaker line would be,
	// "Speaker: Tomasz Wrona and Keisha Albright (Chainguard)"
	pending := ""         // text to put before the next text
	orgDepth := 0         // stack depth of an open org element, 0 when none
	cardSpeakers := false // the block holds speakers read by class
	orgStart := 0         // where the org element's text starts in the block
	roleBlock := 0        // stack depth of an open block element with a role
	cardAside := 0        // stack depth of a card's label or job title, whose own text is no name
	afterAside := false   // the card's text goes on after such an element
	flush := func() {
		pending, orgDepth, cardSpeakers = "", 0, false
		t := strings.Join(strings.Fields(cur.Text), " ")
		if t != "" {
			cur.Text = t
			cur.Emph = cur.Emph && emOnly
			blocks = append(blocks, cur)
		}
		cur = Block{}
		emOnly, emFrom = true, -1
	}
	for {
		tt := z.Next()
		raw := z.Raw()
		startLine := line
		line += bytes.Count(raw, []byte{'\n'})
		switch tt {
		case html.ErrorToken:
			flush()
			return blocks
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var class, id, rel, hrefAttr, metaName, metaProp, content string
			jobTitle := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "class":
					class = string(v)
				case "id":
					id = string(v)
				case "href":
					hrefAttr = string(v)
				case "rel":
					rel = string(v)
				case "name":
					metaName = strings.ToLower(string(v))
				case "property":
					metaProp = strings.ToLower(string(v))
				case "content":
					content = string(v)
				case "itemprop":
					// schema.org microdata says what an element holds as a
					// class would: the speaker card's employer; its job
					// title is no part of the speaker line
					switch strings.ToLower(string(v)) {
					case "worksfor", "affiliation":
						class += " company"
					case "jobtitle":
						jobTitle = true
					}
				}
			}
			if a == atom.Meta {
				switch {
				case metaName == "author" && content != "":
					d.Author = append(d.Author, content)
				case (metaProp == "article:published_time" || metaName == "date") && content != "":
					d.Date = content
				case metaProp == "og:title" && d.Title == "":
					d.Title = content
				case metaProp == "og:url" && d.URL == "":
					d.URL = content
				}
				continue
			}
			if a == atom.Link && rel == "canonical" && d.URL == "" {
				d.URL = hrefAttr
				continue
			}
			if tt == html.SelfClosingTagToken || a == atom.Br || a == atom.Hr || a == atom.Img || a == atom.Input || a == atom.Meta || a == atom.Link {
				if a == atom.Br || a == atom.Hr {
					if skipDepth == 0 {
						flush()
					}
				}
				continue
			}
			stack = append(stack, a)
			if skipDepth > 0 {
				skipDepth++
				continue
			}
			if skipped[a] || isChrome(class) || isChrome(id) || jobTitle && cardSpeakers {
				skipDepth = 1
				continue
			}
			if cardSpeakers && cardAside == 0 && asideClass(class) {
				// "<span class=role>Staff Engineer @ <span
				// itemprop=worksFor>Org</span></span>", "<span
				// class=role-tag>Modera</span>": only the employer inside
				cardAside = len(stack)
				cur.Text = strings.TrimRight(cur.Text, asideSeps) // "Júlia Castro · "
			}
			if role := classRole(class); role != "" {
				if blockElems[a] && !cardSpeakers {
					flush()
				}
				switch {
				case role == "speaker" && !cardSpeakers:
					pending, cardSpeakers = "Speaker: ", true
				case role == "speaker":
					pending = " and "
				case role == "org" && cardSpeakers:
					pending, orgDepth = " (", len(stack)
				}
				if blockElems[a] {
					roleBlock = len(stack) // its end does not end the block
					continue
				}
			}
			switch {
			case a == atom.Title:
				inTitle = true
			case a == atom.Tr:
				flush()
				cells, cellLines, headerRow, inRow, rowLine, keyed = cells[:0], cellLines[:0], true, true, startLine, false
			case (a == atom.Td || a == atom.Th) && inRow:
				flush()
				cellStart = len(blocks)
				if a == atom.Th && len(cells) == 0 {
					keyed = true // "<th>Title</th><td>...</td>": a record, its rows fields
				}
				headerRow = headerRow && a == atom.Th
			case a == atom.Ul || a == atom.Ol:
				flush()
				listDepth++
			case headingLevel(a) > 0:
				flush()
				cur.Kind, cur.Level = Heading, headingLevel(a)
			case a == atom.Li:
				flush()
				cur.Kind, cur.Level = Item, max(listDepth, 1)
			case a == atom.Blockquote:
				flush()
				cur.Kind = Quote
			case blockElems[a]:
				flush()
			case a == atom.A:
				inLink, href = true, hrefAttr
				linkText.Reset()
			case a == atom.Code:
				inCode = true
				codeText.Reset()
			case a == atom.Em || a == atom.I || a == atom.Strong || a == atom.B:
				if strings.TrimSpace(cur.Text) == "" {
					cur.Emph = true
				}
				inEm, emFrom = true, len(cur.Text)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			// pop to the matching element
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == a {
					popped := len(stack) - i
					stack = stack[:i]
					if skipDepth > 0 {
						skipDepth -= popped
						if skipDepth < 0 {
							skipDepth = 0
						}
					}
					break
				}
			}
			if skipDepth > 0 {
				continue
			}
			if cardAside > len(stack) {
				cardAside, afterAside = 0, true
			}
			if orgDepth > 0 && len(stack) < orgDepth {
				// "Isovalent (now part of Cisco)": the company alone
				if orgStart <= len(cur.Text) {
					if j := strings.IndexByte(cur.Text[orgStart:], '('); j >= 0 {
						cur.Text = cur.Text[:orgStart+j]
					}
				}
				cur.Text = strings.TrimRight(cur.Text, " ") + ")"
				orgDepth = 0
			}
			if roleBlock > 0 && len(stack) < roleBlock {
				roleBlock = 0
				continue
			}
			if cardSpeakers && blockElems[a] && a != atom.Div && a != atom.P && a != atom.Li {
				flush() // the card's speakers end with it
			}
			switch {
			case a == atom.Title:
				inTitle = false
			case (a == atom.Td || a == atom.Th) && inRow && cellStart >= 0:
				flush()
				if sub := blocks[cellStart:]; header == nil && !headerRow && len(sub) >= 2 && (sub[0].Emph || !keyed && gridCell(sub)) {
					// a cell of a programme grid whose columns are rooms:
					// "<strong>Title</strong><br>Name (Org)" or "Title<br><small>Name
					// · Org</small>" is a talk of its own, its title a heading
					// over its speakers
					if s := &sub[1]; len(s.starts) == 1 && len(s.Text) <= 100 && !endsSentence(s.Text) {
						s.Emph = true // the line under the title, set apart: its speakers
					}
					sub[0].Kind, sub[0].Level = Heading, 6
					for k := range sub[1:] {
						sub[1+k].Kind = Para
					}
					cells, cellLines, cellStart = append(cells, ""), append(cellLines, nil), -1
					break
				}
				// the cell's text and where each of its source lines starts
				// in it, so that evidence names the line a word is on
				var text strings.Builder
				var starts []lineStart
				for k, b := range blocks[cellStart:] {
					if k > 0 {
						text.WriteString("; ")
					}
					for _, st := range b.starts {
						starts = append(starts, lineStart{text.Len() + st.off, st.line})
					}
					text.WriteString(b.Text)
				}
				blocks, cellStart = blocks[:cellStart], -1
				cells = append(cells, text.String())
				cellLines = append(cellLines, starts)
			case a == atom.Tr && inRow:
				flush()
				inRow = false
				tableRows++
				if headerRow && len(cells) > 0 {
					if h := tableHeader(cells); h != nil {
						header = h
					}
					continue
				}
				if header == nil && tableRows == 1 && len(cells) > 2 {
					// a first row of <td> cells that names the columns, as
					// a word processor writes a table's header
					if h := tableHeader(cells); h != nil {
						header = h
						continue
					}
				}
				// a record's row is a field: "Presenter: Linnea Hjort; Cormac
				// Doherty"; its title row the title alone
				field := keyed && len(cells) == 2 && cells[0] != "" && header == nil
				titleRow := field && titleKeys[strings.ToLower(strings.Trim(cells[0], " :"))]
				if titleRow {
					cells[0] = ""
				}
				sep := " - "
				if field {
					sep = ": "
				}
				var text strings.Builder
				starts := []lineStart{{0, rowLine}}
				for k, c := range cells {
					if c == "" {
						continue
					}
					if text.Len() > 0 {
						text.WriteString(sep)
					}
					for _, st := range cellLines[k] {
						if off := text.Len() + st.off; off == 0 {
							starts[0].line = st.line
						} else {
							if st.line != starts[len(starts)-1].line {
								starts = append(starts, lineStart{off, st.line}) // (cells on one line are one line)
							}
						}
					}
					text.WriteString(c)
				}
				if text.Len() == 0 {
					continue
				}
				b := Block{Kind: Item, Level: 1, Text: text.String(), Line: starts[0].line, starts: starts}
				switch {
				case field:
					b.Kind, b.Level = Para, 0
				default:
					b.row = header.rowOf(slices.Clone(cells))
				}
				blocks = append(blocks, b)
			case a == atom.Table:
				flush()
				header, tableRows = nil, 0
			case a == atom.Ul || a == atom.Ol:
				flush()
				if listDepth > 0 {
					listDepth--
				}
			case a == atom.A && inLink:
				inLink = false
				cur.Links = append(cur.Links, Link{Text: strings.TrimSpace(linkText.String()), URL: href})
			case a == atom.Code && inCode:
				inCode = false
				cur.Code = append(cur.Code, strings.TrimSpace(codeText.String()))
			case a == atom.Em || a == atom.I || a == atom.Strong || a == atom.B:
				inEm = false
				if emFrom >= 0 && emFrom < len(cur.Text) {
					// "... during <em>Tetragon in Production: ...</em>": a
					// title set in italics inside the text
					if span := strings.TrimSpace(cur.Text[emFrom:]); span != "" && len(span) <= 160 && span != strings.TrimSpace(cur.Text) {
						if cur.spans == nil {
							cur.spans = new([]string)
						}
						*cur.spans = append(*cur.spans, span)
					}
				}
				emFrom = -1
			case blockElems[a]:
				flush()
			}
		case html.TextToken:
			if skipDepth > 0 {
				continue
			}
			if cardAside > 0 && len(stack) == cardAside {
				continue
			}
			text := html.UnescapeString(string(z.Text()))
			if afterAside {
				text, afterAside = strings.TrimLeft(text, asideSeps), false // ", Banco Horizonte" after the role
			}
			if inTitle {
				d.Title += strings.TrimSpace(text)
				continue
			}
			if len(stack) > 0 && stack[len(stack)-1] == atom.Head {
				continue
			}
			if strings.TrimSpace(text) == "" {
				if cur.Text != "" {
					cur.Text += " "
				}
				continue
			}
			if !inEm {
				emOnly = false
			}
			// each source line of the text where it starts in the block, so
			// that evidence names the line a word is on
			for k, seg := range strings.Split(text, "\n") {
				clean := strings.Join(strings.Fields(seg), " ")
				if clean == "" {
					continue
				}
				ln := startLine + k
				if strings.TrimSpace(cur.Text) == "" {
					cur.Line = ln
					cur.starts = []lineStart{{0, ln}}
					cur.Text = pending
				} else if pending != "" {
					cur.Text = strings.TrimRight(cur.Text, " ") + pending
					cur.starts = append(cur.starts, lineStart{len(cur.Text), ln})
					orgStart = len(cur.Text)
				} else {
					if (k > 0 || startsSpace(seg)) && !strings.HasSuffix(cur.Text, " ") {
						cur.Text += " "
					}
					cur.starts = append(cur.starts, lineStart{len(cur.Text), ln})
				}
				cur.Text += clean
				pending = ""
			}
			if r, _ := utf8.DecodeLastRuneInString(text); unicode.IsSpace(r) {
				cur.Text += " " // ("de&nbsp;la&nbsp;</span><span>Fuente": a no-break space too)
			}
			if inLink {
				linkText.WriteString(text)
			}
			if inCode {
				codeText.WriteString(text)
			}
		}
	}
}

// classRole reads what an element holds from its class: "speaker" for a
// speaker's name, "org" for their company.
// asideSeps separate a speaker card's name, role and employer.
const asideSeps = " \t\n·•,@|–—-\u00a0"

// asideClass reports whether class marks what a speaker card says
// besides the name and the employer: a role, a job title, a label.
func asideClass(class string) bool {
	for _, c := range strings.Fields(strings.ToLower(class)) {
		if c == "role" || c == "title" || c == "job-title" || c == "jobtitle" || c == "position" || strings.HasSuffix(c, "-tag") || c == "tag" || c == "badge" || c == "label" {
			return true
		}
	}
	return false
}

func classRole(class string) string {
	if class == "" {
		return ""
	}
	for _, c := range strings.Fields(strings.ToLower(class)) {
		switch {
		case c == "company" || c == "org" || c == "organization" || c == "organisation" || c == "affiliation" || c == "employer" ||
			strings.HasSuffix(c, "-company") || strings.HasSuffix(c, "__company") || strings.HasSuffix(c, "-affiliation"):
			return "org" // "speaker-company" too
		case strings.Contains(c, "speaker") || strings.Contains(c, "presenter") || strings.Contains(c, "panelist"):
			if !strings.Contains(c, "bio") && !strings.Contains(c, "photo") && !strings.Contains(c, "img") && !strings.Contains(c, "list") {
				return "speaker"
			}
		}
	}
	return ""
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

func isChrome(s string) bool {
	if s == "" {
		return false
	}
	s = strings.ToLower(s)
	for _, c := range chromeClass {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// gridCell reports whether the blocks of a table cell are a title line and
// a short line under it that may name its speakers ("Progressive Delivery
// with Argo Rollouts<br><small>Matteo Bianchi · Digitec Galaxus</small>").
func gridCell(sub []Block) bool {
	t, s := &sub[0], &sub[1]
	return len(t.starts) == 1 && len(t.Text) <= 160 && titleLike(trimTitle(t.Text)) &&
		len(s.starts) == 1 && len(s.Text) <= 100 && !endsSentence(s.Text)
}

// titleKeys are the header cells of a record table's title row.
var titleKeys = map[string]bool{"title": true, "talk": true, "session": true, "talk title": true, "session title": true,
	"titel": true, "titre": true, "título": true, "titolo": true, "vortrag": true}

// startsSpace reports whether s starts with white space, a no-break space
// included.
func startsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
