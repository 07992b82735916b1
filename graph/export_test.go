package graph

// SamePersonSlowForTest is SamePerson without its first-letter shortcut.
func SamePersonSlowForTest(a, b string) bool { return samePerson(a, b) }

// InPartsForTest is inParts with the parts of FindTalks.
func InPartsForTest(n int, fn func(lo, hi int)) { inParts(n, 2048, fn) }

// FoldSlowForTest is Fold without its table of Latin letters.
func FoldSlowForTest(s string) string { return foldSlow(s) }

// SetLocalPathMaxForTest sets localPathMax and returns a func restoring it.
func SetLocalPathMaxForTest(n int) func() {
	old := localPathMax
	localPathMax = n
	return func() { localPathMax = old }
}
