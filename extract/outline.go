package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Notes kept in Obsidian or Logseq are Markdown with a few additions:
// [[wikilinks]] to other notes ("[[Liz Rice]]", "[[Argo CD|ArgoCD]]"),
// "key:: value" properties under a heading or a bullet ("speaker::
// [[Mehmet Karaca]]", "company:: [[Isovalent]]"), tags "#[[SLO]]" and
// callouts "> [!note] Title". They are read
// as Markdown once each property is a field of its own ("- Speaker:
// Mehmet Karaca") and each link is the name of the note it links to.

// propLineRe matches a property line: "speakers:: [[A]], [[B]]", "  id::
// 6672f1a2-...", "- type:: talk".
var propLineRe = lazyRe(`^(\s*)(?:[-*]\s+)?([\p{L}][\p{L}\p{N}_-]{0,30})::\s*(.*)$`).needing("::")

// vaultLinkRe matches a wikilink with its optional "#section" and
// "|label", and a Logseq tag around one.
var vaultLinkRe = lazyRe(`#?\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]`).needing("[[")

// calloutRe matches an Obsidian callout's first line: "> [!quote] Title".
var calloutRe = lazyRe(`^(\s*>\s*)\[![A-Za-z-]+\][+-]?\s*`).needing("[!")

// noteProps are properties that say nothing a reader of the recap would
// want: ids, folding state, display hints.
var noteProps = map[string]bool{"id": true, "collapsed": true, "heading": true, "background-color": true, "icon": true,
	"rating": true, "template": true, "status": true, "public": true, "filters": true}

// isVault reports whether Markdown lines are notes of Obsidian or Logseq:
// at least three property lines, or wikilinks on at least five lines.
func isVault(lines []string) bool {
	props, links := 0, 0
	for i, l := range lines {
		if i > 800 || props >= 3 || links >= 5 {
			break
		}
		if strings.Contains(l, "::") && propLineRe.MatchString(l) {
			props++
		}
		if strings.Contains(l, "[[") && vaultLinkRe.MatchString(l) {
			links++
		}
	}
	return props >= 3 || links >= 5
}

// vaultToMarkdown rewrites vault notes as Markdown, line for line.
func vaultToMarkdown(lines []string) []string {
	out := make([]string, len(lines))
	fence := false
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " \t-*"), "```") {
			fence = !fence
		}
		if fence {
			out[i] = l
			continue
		}
		if strings.Contains(l, "[[") {
			l = vaultLinkRe.ReplaceAllStringFunc(l, func(m string) string {
				// the note's name, not the label: "[[Cilium|our CNI]]"
				// is a mention of Cilium
				sm := vaultLinkRe.FindStringSubmatch(m)
				if strings.TrimSpace(sm[1]) == "" {
					return sm[2]
				}
				return sm[1]
			})
		}
		if strings.Contains(l, "[!") {
			l = calloutRe.ReplaceAllString(l, "$1")
		}
		if strings.Contains(l, "::") {
			if m := propLineRe.FindStringSubmatch(l); m != nil {
				key := strings.ToLower(m[2])
				switch {
				case noteProps[key] || strings.TrimSpace(m[3]) == "":
					l = ""
				default:
					r, n := utf8.DecodeRuneInString(m[2])
					l = m[1] + "- " + string(unicode.ToUpper(r)) + strings.ReplaceAll(m[2][n:], "_", " ") + ": " + m[3]
				}
			}
		}
		// "- ## Sponsors": in Logseq a heading is a bullet too
		if t := strings.TrimLeft(l, " \t"); strings.HasPrefix(t, "- #") {
			if h := strings.TrimPrefix(t, "- "); strings.HasPrefix(strings.TrimLeft(h, "#"), " ") {
				l = h
			}
		}
		out[i] = l
	}
	return out
}
