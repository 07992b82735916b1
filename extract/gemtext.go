package extract

import "strings"

// Gemtext, the markup of Gemini capsules ("gemlogs"), is line-based: every
// line is a paragraph of its own, "=> URL label" is a link on a line of
// its own, and headings, "* " items, "> " quotes and ``` blocks are
// written as in Markdown. A recap in it is read as Markdown once its link
// lines are Markdown links and its lines are paragraphs apart.

// isGemtext reports whether lines hold at least two gemtext link lines
// and no Markdown link.
func isGemtext(lines []string) bool {
	n := 0
	for i, l := range lines {
		if i > 600 {
			break
		}
		if strings.Contains(l, "](") {
			return false
		}
		if _, _, ok := gemLink(l); ok {
			n++
		}
	}
	return n >= 2
}

// gemLink splits a link line "=> URL label" into its URL and label.
func gemLink(l string) (url, label string, ok bool) {
	rest, ok := strings.CutPrefix(l, "=>")
	if !ok {
		return "", "", false
	}
	rest = strings.TrimLeft(rest, " \t")
	url, label, _ = strings.Cut(rest, " ")
	if k := strings.IndexByte(url, '\t'); k >= 0 {
		url, label = url[:k], url[k+1:]+" "+label
	}
	if url == "" || !strings.Contains(url, "://") && !strings.HasPrefix(url, "/") {
		return "", "", false
	}
	return url, strings.TrimSpace(label), true
}

// gemToMarkdown rewrites gemtext as Markdown: a link line becomes a list
// item holding a Markdown link, and a blank line goes between two lines
// that Markdown would join into one block (not between two items). lineOf maps each
// output line to its input line.
func gemToMarkdown(lines []string) (out []string, lineOf []int) {
	out = make([]string, 0, len(lines)+len(lines)/4)
	lineOf = make([]int, 0, cap(out))
	pre := false
	prev := "" // the last line, when Markdown would go on with it: text or an item
	for i, l := range lines {
		t := strings.TrimRight(l, " \t\r")
		switch {
		case strings.HasPrefix(t, "```"):
			pre = !pre
			prev = ""
		case pre:
		case t == "":
			prev = ""
		default:
			item := strings.HasPrefix(t, "* ")
			if url, label, ok := gemLink(t); ok {
				if label == "" {
					label = url
				}
				label = strings.NewReplacer("[", "(", "]", ")").Replace(label)
				t, item = "* ["+label+"]("+url+")", true
			}
			if prev != "" && !(item && strings.HasPrefix(prev, "* ")) {
				out, lineOf = append(out, ""), append(lineOf, i)
			}
			prev = t
		}
		out, lineOf = append(out, t), append(lineOf, i)
	}
	return out, lineOf
}

// parseGemtext parses gemtext lines whose first line is line first.
func parseGemtext(lines []string, first int) []Block {
	md, lineOf := gemToMarkdown(lines)
	return remapLines(md, lineOf, first)
}
