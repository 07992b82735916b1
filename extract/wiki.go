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

// wikiToMarkdown rewrites MediaWiki lines as Markdown, one for one.
func wikiToMarkdown(lines []string) []string {
	out := make([]string, len(lines))
	depth := 0 // open {{ templates
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
			t = strings.Repeat("#", len(m[1])) + " " + m[2]
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
