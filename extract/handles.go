package extract

import "strings"

// Threads name people by their handles and map each handle to a name once,
// in a "cast list" post: "@dana@fosstodon.org = Dana Whitfield". A talk
// given "from @dana@fosstodon.org (Fermyon)" is then Dana Whitfield's.

var castRe = lazyRe(`@([\w.-]+(?:@[\w.-]+\.[a-z]{2,})?)\s*(?:=|→|->|:|–|—|\s-|is)\s*(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})(?:(?:,\s*|\s+[-–—]\s+)(\p{Lu}[^,@\n(]{1,40}?)(?:\s*\(.*\))?(?:\s+@|$))?`).needing("@")

// readHandles fills x.handles from the document's cast lines.
func (x *extractor) readHandles() {
	for bi := range x.doc.Blocks {
		t := x.doc.Blocks[bi].Text
		if strings.IndexByte(t, '@') < 0 {
			continue
		}
		for _, m := range castRe.FindAllStringSubmatch(t, -1) {
			if name, ok := x.personName(m[2], strong); ok && strings.Contains(name, " ") {
				if x.handles == nil {
					x.handles = map[string]string{}
				}
				x.handles[strings.ToLower(strings.TrimRight(m[1], "."))] = name
				if org := cleanOrg(m[3]); org != "" {
					if x.castOrgs == nil {
						x.castOrgs = map[string]string{}
					}
					x.castOrgs[name] = org // "@hvelasquez → Hector Velasquez, Isovalent"
				}
			}
		}
	}
}

// unhandled writes the people that s names by a known handle by their
// names, and their companies from the cast list: "Title by @aditi_ml and
// @lukasz_w" is "Title by Aditi Bhattacharya (Kartly) and Łukasz
// Wróblewski (Anyscale)".
func (x *extractor) unhandled(s string) string {
	hs := x.handlesIn(s)
	if len(hs) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, h := range hs {
		b.WriteString(s[last:h.start])
		b.WriteString(h.name)
		if org := x.castOrgs[h.name]; org != "" {
			b.WriteString(" (" + org + ")")
		}
		last = h.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// handlesIn returns the people a text names by a known handle, where each
// handle is.
func (x *extractor) handlesIn(text string) []span {
	if x.handles == nil {
		return nil
	}
	var out []span
	for i := strings.IndexByte(text, '@'); i >= 0 && i < len(text); {
		j := i + 1
		for j < len(text) && (isASCIIWord(text[j]) || text[j] == '.' || text[j] == '-' || text[j] == '@') {
			j++
		}
		h := strings.ToLower(strings.TrimRight(text[i+1:j], ".-"))
		if name, ok := x.handles[h]; ok {
			out = append(out, span{start: i, end: i + 1 + len(h), name: name})
		}
		k := strings.IndexByte(text[j:], '@')
		if k < 0 {
			break
		}
		i = j + k
	}
	return out
}
