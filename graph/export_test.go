package graph

// SamePersonSlowForTest is SamePerson without its first-letter shortcut.
func SamePersonSlowForTest(a, b string) bool { return samePerson(a, b) }
