package graph

import "strings"

// SamePerson reports whether two spellings of a person's name are close
// enough to be the same person when they present the same talk: the same
// number of name parts, the same first name (or matching initial), and the
// other parts equal or, for parts of at least five letters, one edit apart
// ("Filip Nicolic" and "Filip Nikolic"). Two people who only share a first
// name are never the same.
func SamePerson(a, b string) bool {
	// Names whose first letters differ are never the same person; most
	// pairs a writer checks (the other speakers of a talk) are told apart
	// here, before folding and splitting both names.
	if fa, ok := firstASCII(a); ok {
		if fb, ok := firstASCII(b); ok && fa != fb {
			return false
		}
	}
	return samePerson(a, b)
}

// firstASCII returns the first letter of a name's first part, lower-cased,
// when it is ASCII and nothing before it is not: then it is what folding
// the name starts that part with.
func firstASCII(s string) (byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '.' || c == '\t':
			continue
		case c >= 0x80:
			return 0, false
		case 'A' <= c && c <= 'Z':
			return c + 'a' - 'A', true
		}
		return c, true
	}
	return 0, false
}

func samePerson(a, b string) bool {
	pa, pb := nameParts(a), nameParts(b)
	if len(pa) != len(pb) || len(pa) < 2 {
		return false
	}
	if !sameFirst(pa[0], pb[0]) {
		return false
	}
	edits := 0
	for i := 1; i < len(pa); i++ {
		if pa[i] == pb[i] {
			continue
		}
		if len(pa[i]) < 5 || len(pb[i]) < 5 {
			return false
		}
		d := editDistance(pa[i], pb[i], 2)
		edits += d
		if edits > 1 {
			return false
		}
	}
	return true
}

func nameParts(s string) []string {
	f := strings.FieldsFunc(Fold(s), func(r rune) bool {
		return r == ' ' || r == '.' || r == '\t'
	})
	return f
}

func sameFirst(a, b string) bool {
	if a == b {
		return true
	}
	// "J" matches "Julius", but two different full first names never match.
	return (len(a) == 1 || len(b) == 1) && a[0] == b[0]
}

// editDistance returns the Damerau-Levenshtein (optimal string alignment)
// distance of a and b, or max+1 once it exceeds max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// EditDistance returns the edit distance of the folded forms of a and b,
// capped at max+1. It is used for "did you mean" suggestions.
func EditDistance(a, b string, max int) int {
	return editDistance(Fold(a), Fold(b), max)
}

// EventSeriesKey returns the key that events of one series in one city
// share whatever their year ("kcd|zurich"), from an event node's attrs, or ""
// when the series is unknown.
func EventSeriesKey(n Node) string {
	series, _ := n.Attrs["series"].(string)
	if series == "" {
		return ""
	}
	city, _ := n.Attrs["city"].(string)
	return series + "|" + Key(city)
}

// EventYear returns an event's year attribute, or 0.
func EventYear(n Node) int {
	switch y := n.Attrs["year"].(type) {
	case int:
		return y
	case int64:
		return int(y)
	case float64:
		return int(y)
	}
	return 0
}

// RetargetTalk returns the id talk would have if its event were newEvent:
// the talk's scope is replaced by the slug of newEvent. Ids that are not talk
// ids of oldEvent are returned unchanged.
func RetargetTalk(talk, oldEvent, newEvent string) string {
	if TalkScope(talk) != IDSlug(oldEvent) {
		return talk
	}
	s := IDSlug(talk)
	return "talk:" + IDSlug(newEvent) + s[strings.IndexByte(s, '/'):]
}
