package extract

import (
	"slices"
	"strings"
)

// More markups that people paste recaps in, each rewritten as Markdown line
// for line so that evidence keeps its line numbers: Textile (Redmine) and
// Jira/Confluence wiki markup, LaTeX (a beamer deck or an article), an
// iCalendar export of a personal schedule and a gopher menu.

// Textile and Jira share "h2. Heading", "* item" and "bq. quote"; Textile
// links are "text":url and tables have "|_. Header |" rows; Jira links are
// [text|url], people [~user], tables "||Header||" rows and blocks
// {quote}...{quote}.
var (
	textileHeadRe   = lazyRe(`^h([1-6])\.\s+(.*)$`).needing("h")
	textileBlockRe  = lazyRe(`^(p|bq|fn\d+)(?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\])*\.\s+`)
	textileLinkRe   = lazyRe(`"([^"]+)":(https?://[^\s<>"]*[^\s<>".,;:!?)])`).needing(`":`)
	jiraLinkRe      = lazyRe(`\[([^\[\]|]+)\|([^\[\]|\s]+)\]`).needing("|")
	jiraUserRe      = lazyRe(`\[~([^\]\s]+)\]`).needing("[~")
	jiraMacroRe     = lazyRe(`\{\{?[a-z]+(?::[^{}]*)?\}\}?`).needing("{")
	textileBoldRe   = lazyRe(`(^|[\s(\[|"'])\*([^*\s](?:[^*]*[^*\s])?)\*($|[\s.,;:!?)\]|"'])`).needing("*")
	textileCodeRe   = lazyRe(`(^|[\s(])@([^@\s](?:[^@]*[^@\s])?)@($|[\s.,;:!?)])`).needing("@")
	textileBulletRe = lazyRe(`^([*#]+)\s+`)
)

// isTextile reports whether lines are Textile or Jira markup: two
// "h2. Heading" lines.
func isTextile(lines []string) bool {
	n := 0
	for i, l := range lines {
		if i > 400 {
			break
		}
		if strings.HasPrefix(l, "h") && textileHeadRe.MatchString(strings.TrimSpace(l)) {
			n++
		}
	}
	return n >= 2
}

// textileToMarkdown rewrites Textile or Jira lines as Markdown, one for one.
func textileToMarkdown(lines []string) []string {
	out := make([]string, len(lines))
	quote, code := false, false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch tl := strings.ToLower(t); {
		case tl == "{quote}":
			quote = !quote
			continue
		case tl == "{code}" || tl == "{noformat}" || strings.HasPrefix(tl, "{code:") || strings.HasPrefix(tl, "{noformat:"):
			code = !code
			out[i] = "```"
			continue
		}
		if code {
			out[i] = l
			continue
		}
		prefix := ""
		if quote {
			prefix = "> "
		}
		if m := textileBlockRe.FindStringSubmatch(t); m != nil {
			if m[1] == "bq" {
				prefix = "> "
			}
			t = t[len(m[0]):]
		}
		t = jiraUserRe.ReplaceAllString(t, "@$1")
		t = jiraLinkRe.ReplaceAllString(t, "[$1]($2)")
		t = textileLinkRe.ReplaceAllString(t, "[$1]($2)")
		t = strings.TrimSpace(jiraMacroRe.ReplaceAllString(t, ""))
		if h, ok := textileHeader(t); ok {
			out[i] = h
			continue
		}
		if m := textileHeadRe.FindStringSubmatch(t); m != nil {
			out[i] = strings.Repeat("#", int(m[1][0]-'0')) + " " + textileInline(m[2])
			continue
		}
		if m := textileBulletRe.FindStringSubmatch(t); m != nil {
			mark := "- "
			if m[1][len(m[1])-1] == '#' {
				mark = "1. "
			}
			t = strings.Repeat("  ", len(m[1])-1) + mark + t[len(m[0]):]
		}
		if t != "" {
			out[i] = prefix + textileInline(t)
		}
	}
	return out
}

// textileHeader rewrites a table's header row, "||Talk||Speaker||" (Jira)
// or "|_. Talk |_. Speaker |" (Textile), as the "^ Talk ^ Speaker ^" row
// the Markdown reader takes for one.
func textileHeader(t string) (string, bool) {
	var cells []string
	switch {
	case strings.HasPrefix(t, "||") && strings.HasSuffix(t, "||"):
		cells = strings.Split(strings.Trim(t, "|"), "||")
	case strings.HasPrefix(t, "|_."):
		for _, c := range strings.Split(strings.Trim(t, "|"), "|") {
			c = strings.TrimSpace(c)
			if !strings.HasPrefix(c, "_.") {
				return "", false
			}
			cells = append(cells, strings.TrimPrefix(c, "_."))
		}
	default:
		return "", false
	}
	for i := range cells {
		cells[i] = strings.TrimSpace(textileInline(cells[i]))
	}
	return "^ " + strings.Join(cells, " ^ ") + " ^", true
}

// textileInline rewrites *bold* as **bold** and @code@ as `code`.
func textileInline(t string) string {
	if strings.Contains(t, "*") {
		t = textileBoldRe.ReplaceAllString(t, "$1**$2**$3")
	}
	if strings.Contains(t, "@") {
		t = textileCodeRe.ReplaceAllString(t, "$1`$2`$3")
	}
	return t
}

// LaTeX: \section{...} and a beamer frame's title are headings, \item is a
// list item, \textbf{...} bold, \href{url}{text} a link, and the preamble,
// environments and layout commands are dropped.
var (
	texCmdRe    = lazyRe(`\\([a-zA-Z]+)\*?(?:\[[^\]{}]*\])?\{([^{}]*)\}`).needing(`\`)
	texHrefRe   = lazyRe(`\\href\{([^{}]*)\}\{([^{}]*)\}`).needing(`\href{`)
	texBareRe   = lazyRe(`\\[a-zA-Z]+\*?(?:\[[^\]{}]*\])?`).needing(`\`)
	texMathRe   = lazyRe(`\$([^$]*)\$`).needing("$")
	texFrameRe  = lazyRe(`^\\begin\{frame\}(?:\[[^\]]*\])?(?:\{([^{}]*)\})?`).needing(`\begin{frame}`)
	texBeginRe  = lazyRe(`^\\(begin|end)\{([a-zA-Z*]+)\}(?:\[[^\]]*\])?(?:\{([^{}]*)\})?`).needing(`\begin{`, `\end{`)
	texItemRe   = lazyRe(`^\\item(?:\[([^\]]*)\])?\s*`).needing(`\item`)
	texNestedRe = lazyRe(`^\\(?:begin|end)\{(?:itemize|enumerate|description)\}`).needing(`\begin{`, `\end{`)
)

// isLaTeX reports whether lines are LaTeX source: a \documentclass or
// \begin{document} line, or two sections or frames.
func isLaTeX(lines []string) bool {
	n := 0
	for i, l := range lines {
		if i > 400 {
			break
		}
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, `\`) {
			continue
		}
		if strings.HasPrefix(t, `\documentclass`) || strings.HasPrefix(t, `\begin{document}`) {
			return true
		}
		if strings.HasPrefix(t, `\begin{frame}`) || strings.HasPrefix(t, `\section{`) || strings.HasPrefix(t, `\subsection{`) {
			n++
		}
	}
	return n >= 2
}

// texToMarkdown rewrites LaTeX lines as Markdown, one for one.
func texToMarkdown(lines []string) []string {
	out := make([]string, len(lines))
	depth := 0 // open lists
	for i, l := range lines {
		t := strings.TrimSpace(texComment(l))
		if t == "" {
			continue
		}
		head := ""
		switch {
		case texNestedRe.MatchString(t):
			if strings.HasPrefix(t, `\begin`) {
				depth++
			} else if depth > 0 {
				depth--
			}
			continue
		case strings.HasPrefix(t, `\begin{frame}`):
			m := texFrameRe.FindStringSubmatch(t)
			if m == nil || m[1] == "" {
				continue
			}
			head, t = "### ", m[1]
		case strings.HasPrefix(t, `\begin{`) || strings.HasPrefix(t, `\end{`):
			// other environments are dropped; a block keeps its title
			// ("\begin{block}{Why}")
			if m := texBeginRe.FindStringSubmatch(t); m != nil {
				t = strings.TrimSpace(t[len(m[0]):])
				if m[1] == "begin" && m[3] != "" && strings.Contains(m[2], "block") {
					t = strings.TrimSpace("**" + m[3] + "** " + t)
				}
				if t == "" {
					continue
				}
			}
		}
		if m := texCmdRe.FindStringSubmatch(t); m != nil && strings.HasPrefix(t, `\`) && len(m[0]) == len(t) {
			switch m[1] {
			case "title":
				head, t = "# ", m[2]
			case "section", "chapter":
				head, t = "## ", m[2]
			case "subsection", "frametitle":
				head, t = "### ", m[2]
			case "subsubsection", "paragraph":
				head, t = "#### ", m[2]
			case "author":
				t = "Author: " + m[2]
			case "subtitle", "institute", "date":
				t = m[2]
			default:
				if !strings.HasPrefix(m[1], "text") && m[1] != "emph" && m[1] != "href" {
					continue // \usepackage{...}, \usetheme{...}
				}
			}
		}
		if m := texItemRe.FindStringSubmatch(t); m != nil {
			lvl := depth
			if lvl < 1 {
				lvl = 1
			}
			lead := ""
			if m[1] != "" {
				lead = m[1] + " "
			}
			head = strings.Repeat("  ", lvl-1) + "- "
			t = lead + t[len(m[0]):]
		}
		if s := strings.TrimSpace(texInline(t)); s != "" {
			out[i] = head + s
		}
	}
	return out
}

// texComment cuts a line's comment: "%" not escaped as "\%".
func texComment(l string) string {
	for k := 0; k < len(l); k++ {
		if l[k] == '%' && (k == 0 || l[k-1] != '\\') {
			return l[:k]
		}
	}
	return l
}

// texInline rewrites a line's commands and escapes: \textbf{x} is **x**,
// \emph{x} *x*, \href{u}{x} a link, other commands keep their argument,
// "---" is a dash and “x” a quotation.
func texInline(t string) string {
	if !strings.ContainsAny(t, `\$-~`+"`'") {
		return t
	}
	t = texHrefRe.ReplaceAllString(t, "[$2]($1)")
	t = texMathRe.ReplaceAllStringFunc(t, func(m string) string {
		m = strings.Trim(m, "$")
		m = strings.NewReplacer(`\Rightarrow`, "⇒", `\rightarrow`, "→", `\to`, "→", `\times`, "×", `\approx`, "≈", `\sim`, "~", `\geq`, "≥", `\leq`, "≤").Replace(m)
		return strings.TrimSpace(m)
	})
	for k := 0; k < 8; k++ {
		n := texCmdRe.ReplaceAllStringFunc(t, func(m string) string {
			s := texCmdRe.FindStringSubmatch(m)
			switch s[1] {
			case "textbf":
				return "**" + s[2] + "**"
			case "textit", "emph", "textsl":
				return "*" + s[2] + "*"
			case "texttt", "verb":
				return "`" + s[2] + "`"
			case "url":
				return s[2]
			case "footnote":
				return " (" + s[2] + ")"
			case "label", "cite", "ref", "includegraphics", "vspace", "hspace", "color":
				return ""
			}
			return s[2]
		})
		if n == t {
			break
		}
		t = n
	}
	t = strings.NewReplacer(`\&`, "&", `\%`, "%", `\$`, "$", `\#`, "#", `\_`, "_", `\{`, "{", `\}`, "}", `\\`, " ",
		"---", "—", "--", "–", "``", "\u201c", "''", "\u201d", "~", " ").Replace(t)
	t = texBareRe.ReplaceAllString(t, "")
	return strings.Join(strings.Fields(t), " ")
}

// iCalendar: an exported schedule's events are talks. A VEVENT's SUMMARY
// is a heading, its DESCRIPTION paragraphs (its first line, often
// "Speakers: Name (Org)", one of its own), its other fields are dropped.
// A value folded over several lines (a continuation starts with a space,
// cut anywhere, even inside a word) is read back as one, each word kept
// on the line where it starts, so evidence still points at real lines.

// isICal reports whether lines hold an iCalendar event.
func isICal(lines []string) bool {
	for i, l := range lines {
		if i > 2000 {
			break
		}
		if strings.HasPrefix(l, "BEGIN:VEVENT") && strings.TrimSpace(l) == "BEGIN:VEVENT" {
			return true
		}
	}
	return false
}

// icalToMarkdown rewrites an iCalendar export as Markdown; text outside
// the calendar (the writer's notes) is kept as it is. lineOf maps each
// output line to its input line.
func icalToMarkdown(lines []string) (out []string, lineOf []int) {
	out = make([]string, 0, len(lines)+len(lines)/4)
	lineOf = make([]int, 0, cap(out))
	emit := func(s string, ln int) { out, lineOf = append(out, s), append(lineOf, ln) }
	inCal := false
	for i := 0; i < len(lines); i++ {
		t := strings.TrimRight(lines[i], " \t")
		switch t {
		case "BEGIN:VCALENDAR":
			inCal = true
			continue
		case "END:VCALENDAR":
			inCal = false
			continue
		}
		if !inCal {
			emit(lines[i], i)
			continue
		}
		colon := strings.IndexByte(t, ':')
		j := i + 1 // after the continuation lines
		for j < len(lines) && (strings.HasPrefix(lines[j], " ") || strings.HasPrefix(lines[j], "\t")) {
			j++
		}
		name := ""
		if colon > 0 {
			name = t[:colon]
			if k := strings.IndexByte(name, ';'); k >= 0 {
				name = name[:k]
			}
		}
		switch strings.ToUpper(name) {
		case "SUMMARY":
			var title []string // the title on one line: a heading
			for _, l := range icalLines(lines, i, j, colon+1) {
				if l.text != "" {
					title = append(title, l.text)
				}
			}
			emit("", i)
			emit("## "+strings.Join(title, " "), i)
			emit("", i)
		case "DESCRIPTION", "COMMENT":
			for _, l := range icalLines(lines, i, j, colon+1) {
				emit(l.text, l.line)
			}
			emit("", j-1)
		}
		i = j - 1
	}
	return out, lineOf
}

type icalLine struct {
	text string
	line int
}

// icalLines reads the folded value on lines[i:j] (starting at byte off of
// lines[i]) as lines of text: a line break ("\n") ends a paragraph, and a
// fold ends a line after the word it cut.
func icalLines(lines []string, i, j, off int) []icalLine {
	var out []icalLine
	var b strings.Builder
	cur := i   // the line the text in b started on
	para := -1 // where in out the paragraph started
	flush := func(blank bool) {
		if s := strings.TrimSpace(b.String()); s != "" {
			if para < 0 {
				para = len(out)
			}
			if len(out) > para && labelFirst(out[para].text) {
				// "Speakers: Tomá" / "s de la Fuente (Rutamercado), ...":
				// a field stays one line
				out[para].text += " " + s
			} else {
				out = append(out, icalLine{s, cur})
			}
		}
		if blank {
			para = -1
			if len(out) > 0 && out[len(out)-1].text != "" {
				out = append(out, icalLine{"", cur})
			}
		}
		b.Reset()
	}
	for k := i; k < j; k++ {
		v := lines[k][1:]
		if k == i {
			v = lines[k][off:]
		}
		if k > i {
			// a word cut by the fold ends on this line
			w := 0
			for w < len(v) && v[w] != ' ' && v[w] != '\\' {
				w++
			}
			b.WriteString(v[:w])
			v = v[w:]
			flush(false)
			cur = k
		}
		for p := 0; p < len(v); p++ {
			if v[p] == '\\' && p+1 < len(v) {
				p++
				if v[p] == 'n' || v[p] == 'N' {
					flush(true)
					cur = k
					continue
				}
			}
			b.WriteByte(v[p])
		}
	}
	flush(false)
	return out
}

// remapLines parses Markdown lines made from an input's lines whose first
// is line first, lineOf mapping each to its input line.
func remapLines(md []string, lineOf []int, first int) []Block {
	blocks := parseMarkdown(md, first)
	at := func(ln int) int {
		if k := ln - first; k >= 0 && k < len(lineOf) {
			return lineOf[k] + first
		}
		return ln
	}
	for i := range blocks {
		b := &blocks[i]
		b.Line = at(b.Line)
		for k := range b.starts {
			b.starts[k].line = at(b.starts[k].line)
		}
	}
	return blocks
}

// Gopher: a menu's info lines ("i" then the text, a tab and dummy fields)
// are its text; its link lines repeat what the text says and are dropped.

// isGopherMenu reports whether lines are a gopher menu: five lines or more
// of a type, a display string and three tab-separated fields.
func isGopherMenu(lines []string) bool {
	n := 0
	for i, l := range lines {
		if i > 400 || n >= 5 {
			break
		}
		if gopherLine(l) {
			n++
		}
	}
	return n >= 5
}

func gopherLine(l string) bool {
	if strings.Count(l, "\t") < 3 {
		return false
	}
	f := strings.Split(strings.TrimRight(l, "\r"), "\t")
	if len(f) < 4 || f[0] == "" {
		return false
	}
	port := strings.TrimSpace(f[3])
	return port != "" && strings.Trim(port, "0123456789") == ""
}

// gopherToText rewrites a gopher menu as plain text, one for one.
func gopherToText(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		if !gopherLine(l) {
			out[i] = l
			continue
		}
		if l[0] == 'i' {
			out[i] = strings.TrimRight(strings.SplitN(l[1:], "\t", 2)[0], " ")
		}
	}
	return out
}

// otherMarkup returns the reader of lines written in one of the markups
// above, or nil.
func otherMarkup(name string, lines []string) func([]string, int) []Block {
	switch {
	case isICal(lines):
		return func(l []string, first int) []Block {
			md, lineOf := icalToMarkdown(l)
			return remapLines(md, lineOf, first)
		}
	case isGopherMenu(lines):
		return func(l []string, first int) []Block { return parseText(gopherToText(l), first) }
	case isLaTeX(lines):
		return func(l []string, first int) []Block { return parseMarkdown(texToMarkdown(l), first) }
	case isTextile(lines):
		return func(l []string, first int) []Block { return parseMarkdown(textileToMarkdown(l), first) }
	}
	return nil
}

// A Mermaid mind map in a Markdown fence ("```mermaid" then "mindmap") is
// an outline: each node a list item, nested by its indentation, its shape
// ("root((Title))", "id[Title]", "id)Title(") dropped.

var mermaidShapeRe = lazyRe(`^[\w-]*(?:\(\((.*)\)\)|\)\)(.*)\(\(|\{\{(.*)\}\}|\[(.*)\]|\((.*)\)|\)(.*)\()$`)

// mindmapsToLists rewrites the Mermaid mind maps among Markdown lines as
// nested lists, one line for one; other lines are kept.
func mindmapsToLists(lines []string) []string {
	var out []string
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(t, "```mermaid") && !strings.HasPrefix(t, "~~~mermaid") {
			continue
		}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
			j++
		}
		if j >= len(lines) || strings.TrimSpace(lines[j]) != "mindmap" {
			continue
		}
		if out == nil {
			out = slices.Clone(lines)
		}
		out[i], out[j] = "", ""
		var indents []int // the indentation of each open level
		for k := j + 1; k < len(lines); k++ {
			l := lines[k]
			s := strings.TrimSpace(l)
			if strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~") {
				out[k] = ""
				i = k
				break
			}
			if s == "" || strings.HasPrefix(s, "::") || strings.HasPrefix(s, "%%") {
				out[k] = ""
				continue
			}
			ind := len(l) - len(strings.TrimLeft(l, " \t"))
			for len(indents) > 0 && indents[len(indents)-1] >= ind {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, ind)
			if m := mermaidShapeRe.FindStringSubmatch(s); m != nil {
				for _, g := range m[1:] {
					if g != "" {
						s = g
						break
					}
				}
			}
			s = strings.Trim(strings.TrimSpace(s), `"`)
			out[k] = strings.Repeat("  ", len(indents)-1) + "- " + s
			i = k
		}
	}
	if out == nil {
		return lines
	}
	return out
}

// HTML's collapsible sections in a Markdown post: a "<summary>" line is a
// heading one level under the last one above it, "<details>" lines go.

var summaryRe = lazyRe(`^\s*<summary>(.*)</summary>\s*$`).needing("<summary>")

// detailsToHeadings rewrites the collapsible sections among Markdown
// lines, one line for one; other lines are kept.
func detailsToHeadings(lines []string) []string {
	var out []string
	level := 2
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			if lv, _, ok := atxHeading(l); ok {
				level = min(lv+1, 6)
			}
			continue
		}
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "<") {
			continue
		}
		var repl string
		switch {
		case t == "<details>" || t == "</details>" || strings.HasPrefix(t, "<details "):
		case strings.HasPrefix(t, "<summary>"):
			m := summaryRe.FindStringSubmatch(t)
			if m == nil {
				continue
			}
			repl = strings.Repeat("#", level) + " " + m[1]
		default:
			continue
		}
		if out == nil {
			out = slices.Clone(lines)
		}
		out[i] = repl
	}
	if out == nil {
		return lines
	}
	return out
}
