package extract

import "testing"

// TestLazyRegexpsCompile compiles every expression the package declares,
// which regexp.MustCompile used to do at start-up: a bad pattern fails
// here, not in the middle of someone's ingest.
func TestLazyRegexpsCompile(t *testing.T) {
	if len(allLazy) < 50 {
		t.Fatalf("only %d lazy regexps registered; package-level ones must use lazyRe", len(allLazy))
	}
	for _, l := range allLazy {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%q: %v", l.expr, r)
				}
			}()
			l.get()
		}()
	}
}
