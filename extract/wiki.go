package extract

import (
	"strings"
)

// MediaWiki pages (an internal wiki's trip report, saved as text) are read
// as Markdown after their markup is rewritten line by line: "== Day 1 =="
// is a heading, '''bold''' and ''italic'' are emphasis, [[Page|label]] is
// its label, templates ({{cite web ...}}, an infobox over several lines)
// and <ref> notes are dropped. Each line stays on its line, so evidence
// keeps its line numbers.

var (
	wikiHeadingRe = lazyRe(`^(={1,6})\s*(.+?)\s*={1,6}\s*$`).needing("=")
	wikiLinkRe    = lazyRe(`\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]`).needing("[[")
	wikiExtLinkRe = lazyRe(`\[(https?://\S+)\s+([^\]]+)\]`).needing("[http")
	wikiRefRe     = lazyRe(`<ref[^>/]*/>|<ref[^>]*>.*?</ref>`).needing("<ref")
	wikiCodeRe    = lazyRe(`</?code>`).needing("code>")
	wikiBulletRe  = lazyRe(`^([*#]+)\s*`)
)

// isMediaWiki reports whether lines are MediaWiki markup: two "== Heading
// ==" lines, or wiki links with bold in ”' quotes.
func isMediaWiki(lines []string) bool {
	headings, links, bold := 0, 0, 0
	for i, l := range lines {
		if i > 400 {
			break
		}
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "==") && strings.HasSuffix(t, "==") && strings.Trim(t, "= ") != "" {
			headings++ // not reStructuredText's "=====" underline
		}
		links += strings.Count(t, "[[")
		bold += strings.Count(t, "'''")
	}
	return headings >= 2 || links >= 3 && bold >= 2
}

// isDokuWiki reports whether wiki lines are DokuWiki's rather than
// MediaWiki's: the first heading has six "=" (DokuWiki's top level), or
// a table header row in "^" or a "~~NOTOC~~" marks it.
func isDokuWiki(lines []string) bool {
	for i, l := range lines {
		if i > 400 {
			break
		}
		t := strings.TrimSpace(l)
		if t == "~~NOTOC~~" || len(t) > 2 && t[0] == '^' && t[len(t)-1] == '^' {
			return true
		}
		if m := wikiHeadingRe.FindStringSubmatch(t); m != nil {
			return len(m[1]) >= 5 && !strings.HasPrefix(t, "= ")
		}
	}
	return false
}

// wikiToMarkdown rewrites MediaWiki lines as Markdown, one for one.
func wikiToMarkdown(lines []string) []string {
	out := make([]string, len(lines))
	depth := 0 // open {{ templates
	doku := isDokuWiki(lines)
	for i, l := range lines {
		var b strings.Builder
		for k := 0; k < len(l); k++ {
			switch {
			case strings.HasPrefix(l[k:], "{{"):
				depth++
				k++
			case strings.HasPrefix(l[k:], "}}") && depth > 0:
				depth--
				k++
			case depth == 0:
				b.WriteByte(l[k])
			}
		}
		t := strings.TrimRight(b.String(), " \t")
		t = strings.ReplaceAll(strings.ReplaceAll(t, "__TOC__", ""), "__NOTOC__", "")
		t = wikiRefRe.ReplaceAllString(t, "")
		t = wikiCodeRe.ReplaceAllString(t, "`")
		t = wikiLinkRe.ReplaceAllStringFunc(t, func(m string) string {
			if strings.HasPrefix(m, "[[File:") || strings.HasPrefix(m, "[[Image:") || strings.HasPrefix(m, "[[Category:") {
				return ""
			}
			label := wikiLinkRe.FindStringSubmatch(m)[1]
			if i := strings.Index(label, " ("); i > 0 && !strings.Contains(m, "|") {
				label = label[:i] // [[Kepler (software)]]
			}
			return label
		})
		t = wikiExtLinkRe.ReplaceAllString(t, "[$2]($1)")
		t = strings.ReplaceAll(t, "'''", "**")
		t = strings.ReplaceAll(t, "''", "*")
		if m := wikiHeadingRe.FindStringSubmatch(t); m != nil {
			level := len(m[1])
			if doku {
				level = 7 - level // DokuWiki counts the other way: "====== Title ======" is the top
			}
			t = strings.Repeat("#", level) + " " + m[2]
		} else if m := wikiBulletRe.FindStringSubmatch(t); m != nil && !strings.HasPrefix(t, "**") {
			t = strings.Repeat("  ", len(m[1])-1) + "- " + t[len(m[0]):]
		}
		out[i] = t
	}
	return out
}

// AsciiDoc notes are read as Markdown too: "== Day 1" is a heading, a
// "----" block is code, and ":author: Name" is a field line.

var (
	adocHeadingRe = lazyRe(`^(={1,6})\s+(\S.*)$`).needing("=")
	adocAttrRe    = lazyRe(`^:([\w-]+):\s*(.*)$`)
)

// isAsciiDoc reports whether lines are AsciiDoc: a "= Title" first line or
// two "== Section" lines, none of them closed by "=" as a wiki's are.
func isAsciiDoc(lines []string) bool {
	n := 0
	for i, l := range lines {
		if i > 400 {
			break
		}
		if m := adocHeadingRe.FindStringSubmatch(strings.TrimRight(l, " ")); m != nil && !strings.HasSuffix(m[2], "=") {
			if i == 0 && len(m[1]) == 1 {
				return true
			}
			n++
		}
	}
	return n >= 2
}

// adocToMarkdown rewrites AsciiDoc lines as Markdown, one for one: a
// "----" or "...." delimiter fences code (the Markdown reader then leaves
// what is inside alone).
func adocToMarkdown(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		t := strings.TrimRight(l, " \t")
		if t == "----" || t == "...." {
			out[i] = "```"
			continue
		}
		if m := adocHeadingRe.FindStringSubmatch(t); m != nil && !strings.HasSuffix(m[2], "=") {
			t = strings.Repeat("#", len(m[1])) + " " + m[2]
		} else if m := adocAttrRe.FindStringSubmatch(t); m != nil {
			t = "" // ":author: Tomáš Novotný" is the field "Author: Tomáš Novotný"
			if m[2] != "" {
				t = upperFirst(m[1]) + ": " + m[2]
			}
		}
		out[i] = t
	}
	return out
}

// Org-mode notes (Emacs) are read as Markdown too: "** DONE Title :tag:"
// is a heading without its keyword, priority, statistics cookie and tags;
// "#+TITLE:" is the post's title and "#+AUTHOR:" a field line; a property
// drawer's speakers and affiliations become "Speaker:" and "Company:"
// lines, paired by position (":SPEAKER+:" adds a speaker,
// ":AFFILIATION+:" the next one's employer); "[[url][label]]" is a link.

var (
	orgHeadingRe = lazyRe(`^(\*+)\s+(.*?)(?:\s+:[\w@#%:]+:)?\s*$`)
	orgKeywordRe = lazyRe(`^#\+(\w+):\s*(.*)$`)
	orgPropRe    = lazyRe(`^:([\w-]+)(\+?):\s*(.*)$`)
	orgLinkRe    = lazyRe(`\[\[([^\]]+)\](?:\[([^\]]+)\])?\]`).needing("[[")
	orgCookieRe  = lazyRe(`^\[#[A-Z]\]\s+|\s*\[\d*(?:/\d*|%)\]`)
)

// isOrgMode reports whether lines are Org-mode: "#+TITLE:"-style
// keywords and "* " headlines, or a file named .org with headlines.
func isOrgMode(name string, lines []string) bool {
	keys, heads := 0, 0
	for i, l := range lines {
		if i > 400 {
			break
		}
		if strings.HasPrefix(l, "#+") && orgKeywordRe.MatchString(l) {
			keys++
		} else if strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "** ") {
			heads++
		}
	}
	return heads > 0 && (keys > 0 || strings.HasSuffix(strings.ToLower(name), ".org"))
}

// orgToMarkdown rewrites Org-mode lines as Markdown, one for one.
func orgToMarkdown(lines []string) []string {
	keywords := map[string]bool{"TODO": true, "DONE": true}
	out := make([]string, len(lines))
	for i, l := range lines {
		t := strings.TrimRight(l, " \t")
		switch {
		case strings.HasPrefix(t, "#+"):
			m := orgKeywordRe.FindStringSubmatch(t)
			t = ""
			if m == nil {
				break
			}
			switch k := strings.ToUpper(m[1]); k {
			case "TITLE":
				t = "# " + m[2]
			case "AUTHOR", "DATE", "EMAIL":
				t = upperFirst(strings.ToLower(k)) + ": " + m[2]
			case "TODO", "SEQ_TODO", "TYP_TODO":
				for _, w := range strings.Fields(m[2]) {
					keywords[strings.TrimRight(w, "(!@/)abcdefghijklmnopqrstuvwxyz")] = true
				}
			case "BEGIN_SRC", "END_SRC", "BEGIN_EXAMPLE", "END_EXAMPLE":
				t = "```"
			}
		case strings.HasPrefix(t, "*"):
			if m := orgHeadingRe.FindStringSubmatch(t); m != nil {
				title := m[2]
				if w, rest, ok := strings.Cut(title, " "); ok && keywords[w] {
					title = rest
				}
				title = strings.TrimSpace(orgCookieRe.ReplaceAllString(title, ""))
				t = strings.Repeat("#", min(len(m[1]), 6)) + " " + title
			}
		case strings.HasPrefix(strings.TrimSpace(t), ":"):
			m := orgPropRe.FindStringSubmatch(strings.TrimSpace(t))
			if m == nil {
				break
			}
			t = ""
			switch k := strings.ToUpper(m[1]); k {
			case "PROPERTIES", "END":
			case "SPEAKER", "SPEAKERS", "PRESENTER", "PRESENTERS":
				t = "Speaker: " + m[3]
			case "AFFILIATION", "COMPANY", "ORGANIZATION", "ORGANISATION", "EMPLOYER":
				t = "Company: " + m[3]
			default:
				if m[3] != "" {
					t = upperFirst(strings.ToLower(k)) + ": " + m[3]
				}
			}
		}
		out[i] = orgLinkRe.ReplaceAllStringFunc(t, orgLink)
	}
	return out
}

// orgLink writes an Org link as Markdown: its label, linked.
func orgLink(s string) string {
	m := orgLinkRe.FindStringSubmatch(s)
	if m[2] == "" {
		return m[1]
	}
	return "[" + m[2] + "](" + m[1] + ")"
}

// Forum posts in BBCode are read as Markdown too: [b]bold[/b] and
// [i]italic[/i] are emphasis, [url=...]label[/url] a link, [list] items
// "[*]" bullets, [quote] a block quote; [size], [color] and the like are
// dropped.

var (
	bbTagRe   = lazyRe(`(?i)\[(/?)(b|i|u|s|url|img|quote|list|\*|size|color|font|center|code|spoiler|h[1-6])(?:=("[^"\]]*"|[^\]]*))?\]`).needing("[")
	bbCountRe = lazyRe(`(?i)\[/(?:b|i|url|list|quote|size|color)\]`).needing("[/")
)

// isBBCode reports whether lines are a BBCode post: closing tags of
// bold, italic, links or lists on two lines or more.
func isBBCode(lines []string) bool {
	n := 0
	for i, l := range lines {
		if i > 400 || n >= 2 {
			break
		}
		if strings.Contains(l, "[/") && bbCountRe.MatchString(l) {
			n++
		}
	}
	return n >= 2
}

// bbToMarkdown rewrites BBCode lines as Markdown, one for one.
func bbToMarkdown(lines []string) []string {
	out := make([]string, len(lines))
	quote, code := false, false
	for i, l := range lines {
		prefix := ""
		var url string
		t := bbTagRe.ReplaceAllStringFunc(l, func(tag string) string {
			m := bbTagRe.FindStringSubmatch(tag)
			closing, name := m[1] == "/", strings.ToLower(m[2])
			switch name {
			case "b":
				return "**"
			case "i":
				return "*"
			case "url":
				if closing {
					if url == "" {
						return ""
					}
					u := url
					url = ""
					return "](" + u + ")"
				}
				if url = strings.Trim(m[3], `"`); url != "" {
					return "["
				}
			case "*":
				prefix = "- "
			case "quote":
				quote = !closing
				if !closing {
					prefix = "> "
				}
			case "code":
				code = !closing
				return "\n```\n"
			}
			return ""
		})
		t = strings.ReplaceAll(t, "\n```\n", "")
		if quote && prefix == "" {
			prefix = "> "
		}
		if code {
			prefix = "    "
		}
		if s := strings.TrimSpace(t); s == "" {
			out[i] = ""
		} else {
			out[i] = prefix + s
		}
	}
	return out
}
