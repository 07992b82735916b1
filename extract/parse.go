package extract

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Parse reads decoded text into a Doc: it detects the format from name and
// content, reads YAML front matter, splits the text into blocks and removes
// site chrome (breadcrumbs, share and edit links, comment sections).
func Parse(d Decoded, name string) *Doc {
	doc := &Doc{Name: name, Warnings: d.Warnings}
	doc.Format = DetectFormat(name, d.Text)
	doc.Lines = strings.Split(d.Text, "\n")
	switch doc.Format {
	case HTML:
		doc.Blocks = parseHTML(d.Text, doc)
	case Markdown:
		body, first := frontMatter(doc)
		if isVault(body) {
			body = vaultToMarkdown(body)
		}
		body = detailsToHeadings(mindmapsToLists(body))
		doc.Blocks = withFront(doc.front, parseMarkdown(body, first))
		doc.Blocks = withYAMLTalks(doc.Blocks, doc.Lines)
	default:
		body, first := frontMatter(doc)
		if conv := otherMarkup(name, body); conv != nil {
			doc.Blocks = withFront(doc.front, conv(body, first))
			break
		}
		if isMediaWiki(body) {
			doc.Blocks = withFront(doc.front, parseMarkdown(wikiToMarkdown(body), first))
			break
		}
		if isBBCode(body) {
			doc.Blocks = withFront(doc.front, parseMarkdown(bbToMarkdown(body), first))
			break
		}
		if isOrgMode(name, body) {
			doc.Blocks = withFront(doc.front, parseMarkdown(orgToMarkdown(body), first))
			break
		}
		if isGemtext(body) {
			doc.Blocks = withFront(doc.front, parseGemtext(body, first))
			break
		}
		if isAsciiDoc(body) {
			doc.Blocks = withFront(doc.front, parseMarkdown(adocToMarkdown(body), first))
			break
		}
		doc.Blocks = withFront(doc.front, parseText(body, first))
	}
	doc.Blocks = stripChrome(doc.Blocks)
	for i := range doc.Blocks {
		if doc.Blocks[i].Kind == Heading {
			doc.Blocks[i].Text = strings.TrimSpace(strings.TrimRight(doc.Blocks[i].Text, " #¶§🔗⚓"))
		}
	}
	return doc
}

// withFront puts the front matter's talks before the body's blocks,
// copying the body only when there are any.
func withFront(front, body []Block) []Block {
	if len(front) == 0 {
		return body
	}
	return append(front, body...)
}

// frontMatter reads a leading YAML block delimited by --- lines into doc and
// returns the remaining lines with the line number of the first.
func frontMatter(doc *Doc) ([]string, int) {
	lines := doc.Lines
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return lines, 1
	}
	end := -1
	for i := 1; i < len(lines) && i < 500; i++ {
		if t := strings.TrimSpace(lines[i]); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		doc.Warnings = append(doc.Warnings, doc.Name+": front matter is not closed; read as text")
		return lines, 1
	}
	var fm map[string]any
	if err := yaml.Unmarshal([]byte(strings.Join(lines[1:end], "\n")), &fm); err != nil {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("%s: malformed front matter ignored (%s)", doc.Name, firstLineOf(err.Error())))
		return lines[end+1:], end + 2
	}
	doc.Title = str(fm["title"])
	doc.Date = str(fm["date"])
	doc.URL = str(fm["url"])
	if doc.URL == "" {
		doc.URL = str(fm["slug"])
	}
	for _, k := range []string{"author", "authors"} {
		switch v := fm[k].(type) {
		case string:
			doc.Author = append(doc.Author, splitNames(v)...)
		case []any:
			for _, a := range v {
				if m, ok := a.(map[string]any); ok {
					doc.Author = append(doc.Author, str(m["name"]))
				} else if s := str(a); s != "" {
					doc.Author = append(doc.Author, s)
				}
			}
		case map[string]any:
			doc.Author = append(doc.Author, str(v["name"]))
		}
	}
	doc.front = frontTalks(fm, lines[:end], 0)
	return lines[end+1:], end + 2
}

// frontTalks reads the talks a front matter lists, as static site
// generators' data-driven posts keep them:
//
//	talks:
//	  - title: "Teaching Tetragon to Say No"
//	    speaker: "Joonas Kallio, Sara Lindqvist"   # or speakers: [..], or maps with name/company
//	    company: "Nokia"
//
// Each becomes a row of an agenda table on the line of its title, its
// speakers cell "Name (Company); Name (Company)".
func frontTalks(fm map[string]any, lines []string, from int) []Block {
	var out []Block
	for _, key := range []string{"talks", "sessions", "agenda", "schedule", "program", "programme"} {
		list, ok := fm[key].([]any)
		if !ok {
			continue
		}
		for _, item := range list {
			m, ok := item.(map[string]any)
			if !ok {
				continue
			}
			title := firstField(m, "title", "talk", "session", "name")
			if title == "" {
				continue
			}
			org := firstField(m, "company", "org", "organization", "organisation", "affiliation", "employer")
			var people []string
			for _, k := range []string{"speaker", "speakers", "presenter", "presenters", "by"} {
				switch v := m[k].(type) {
				case string:
					for _, n := range splitNames(v) {
						people = append(people, withOrg(n, org))
					}
				case []any:
					for _, e := range v {
						if pm, ok := e.(map[string]any); ok {
							o := firstField(pm, "company", "org", "organization", "organisation", "affiliation", "employer")
							if o == "" {
								o = org
							}
							people = append(people, withOrg(firstField(pm, "name"), o))
						} else {
							people = append(people, withOrg(str(e), org))
						}
					}
				}
			}
			if len(people) == 0 {
				continue
			}
			// each part of the row on the line that gives it: the title,
			// each name, each company
			line := lineOf(lines, title, from)
			b := Block{Kind: Item, Level: 1, Line: line, starts: []lineStart{{0, line}}}
			text := title + " - "
			for k, p := range people {
				if k > 0 {
					text += "; "
				}
				name, org, _ := strings.Cut(p, " (")
				b.starts = append(b.starts, lineStart{len(text), lineOf(lines, name, line-1)})
				text += name
				if org != "" {
					b.starts = append(b.starts, lineStart{len(text) + 2, lineOf(lines, strings.TrimSuffix(org, ")"), line-1)})
					text += " (" + org
				}
			}
			// "tags: [argo-rollouts, gateway-api]": what the talk is about
			if tags, ok := m["tags"].([]any); ok && len(tags) > 0 {
				var ts []string
				for _, tg := range tags {
					if t := str(tg); t != "" {
						ts = append(ts, t)
					}
				}
				if len(ts) > 0 {
					text += " · tags: "
					b.starts = append(b.starts, lineStart{len(text), lineOf(lines, ts[0], line-1)})
					text += strings.Join(ts, ", ")
				}
			}
			b.Text = text
			b.row = &tableRow{cells: []string{title, strings.Join(people, "; ")}, title: 0, speaker: 1, org: -1, front: true}
			out = append(out, b)
		}
	}
	return out
}

// withYAMLTalks adds the talks a fenced YAML block lists (a post that
// keeps its programme as data: "```yaml" then "talks:" with titles and
// speakers) to blocks, where the block is.
func withYAMLTalks(blocks []Block, lines []string) []Block {
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t != "```yaml" && t != "```yml" && t != "~~~yaml" {
			continue
		}
		end := i + 1
		for end < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[end]), t[:3]) {
			end++
		}
		var data any
		if yaml.Unmarshal([]byte(strings.Join(lines[i+1:end], "\n")), &data) == nil {
			var fm map[string]any
			switch v := data.(type) {
			case map[string]any:
				fm = v
			case []any:
				fm = map[string]any{"talks": v}
			}
			if talks := frontTalks(fm, lines[:end], i+1); len(talks) > 0 {
				at := len(blocks)
				for k := range blocks {
					if blocks[k].Line > i {
						at = k
						break
					}
				}
				blocks = append(blocks[:at], append(talks, blocks[at:]...)...)
			}
		}
		i = end
	}
	return blocks
}

// lineOf returns the 1-based line of lines, from index from on, that
// holds s; the line after from when none does.
func lineOf(lines []string, s string, from int) int {
	for i := from; i < len(lines); i++ {
		if strings.Contains(lines[i], s) {
			return i + 1
		}
	}
	return from + 1
}

func firstField(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s := str(m[k]); s != "" {
			return s
		}
	}
	return ""
}

func withOrg(name, org string) string {
	if name == "" || org == "" {
		return name
	}
	return name + " (" + org + ")"
}

func str(v any) string {
	switch s := v.(type) {
	case string:
		return strings.TrimSpace(s)
	case nil:
		return ""
	case time.Time:
		if s.Hour() == 0 && s.Minute() == 0 && s.Second() == 0 {
			return s.Format("2006-01-02")
		}
		return s.Format(time.RFC3339)
	case map[string]any, []any:
		return ""
	case fmt.Stringer:
		return s.String()
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// splitNames splits "A and B", "A, B & C" into names.
func splitNames(s string) []string {
	var out []string
	for _, p := range nameSplitRe.Split(s, -1) {
		if p = strings.TrimSpace(strings.Trim(p, ".,;")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var nameSplitRe = lazyRe(`\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\+)\s*`)

var (
	breadcrumbRe = lazyRe(`^(?:[^>»›/|]{1,40}\s*(?:>>|»|›|>|/|\|)\s*){2,}`).needing(">", "»", "›", "/", "|")
	chromeRe     = prefixFiltered(`(?i)^(edit this page|edit on github|share this:?|share on \w+|tweet|like this:?|loading\.\.\.|skip to (main )?content|posted in\b.*|filed under\b.*|categories:.*|tags?:.*|previous post\b.*|next post\b.*|subscribe\b.*|read more|print|email|facebook|twitter|linkedin|reddit|x|mastodon|copy link|back to top|table of contents|toc|related posts?|you may also like.*|click to share.*|©.*|copyright\b.*|all rights reserved.*)$`,
		"edit", "share", "tweet", "like", "loading", "skip", "posted", "filed", "categories", "tag", "previous", "next", "subscribe", "read more", "print", "email", "facebook", "twitter", "linkedin", "reddit", "x", "mastodon", "copy", "back to top", "table of contents", "toc", "related", "you may", "click", "©", "all rights")
	crumbSepRe = lazyRe(`\s*(?:>>|»|›|>|\|)\s*`)
	endRe      = prefiltered(`(?i)^(leave a reply|leave a comment|\d+ (comments?|responses?|replies)|comments|responses|post a comment|about the author|written by\b.*|related articles?)$`, "leave a", "comment", "respons", "replies", "about the author", "written by", "related article")
)

// stripChrome drops navigation, sharing and editing lines and everything
// from a comment section on.
func stripChrome(blocks []Block) []Block {
	out := blocks[:0]
	for i, b := range blocks {
		t := strings.TrimSpace(b.Text)
		if len(t) < 60 {
			if i > len(blocks)/3 && endRe.MatchString(t) {
				if strings.HasPrefix(strings.ToLower(t), "written by") {
					out = append(out, b) // the byline, for the authors; what follows is its box
				}
				break
			}
			if chromeRe.MatchString(t) {
				continue
			}
		}
		if i < 5 && breadcrumbRe.MatchString(t) && !agoRe.MatchString(t) { // not "user 2 days ago | prev | next"
			// "Home >> Blog >> Title": keep the last part, which is the title.
			parts := crumbSepRe.Split(t, -1)
			b.Text = strings.TrimSpace(parts[len(parts)-1])
			b.starts = []lineStart{{0, b.Line}}
			if b.Text == "" {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}
