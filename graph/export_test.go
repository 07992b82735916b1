package graph

// SamePersonSlowForTest is SamePerson without its first-letter shortcut.
func SamePersonSlowForTest(a, b string) bool { return samePerson(a, b) }

// InPartsForTest is inParts.
func InPartsForTest(n int, fn func(lo, hi int)) { inParts(n, fn) }
