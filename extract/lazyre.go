package extract

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on first use. The extractor
// holds about seventy; compiling them when the package initialises cost
// every kg process about 4 ms, queries included, which never extract.
type lazyRegexp struct {
	once sync.Once
	expr string
	re   *regexp.Regexp
}

// allLazy lists every lazyRegexp, so that a test can compile them all.
var allLazy []*lazyRegexp

// lazyRe returns a lazyRegexp for expr; like regexp.MustCompile, it panics
// (on first use) if expr is not a valid expression, which a test rules out.
func lazyRe(expr string) *lazyRegexp {
	l := &lazyRegexp{expr: expr}
	allLazy = append(allLazy, l)
	return l
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

func (l *lazyRegexp) String() string                 { return l.expr }
func (l *lazyRegexp) MatchString(s string) bool      { return l.get().MatchString(s) }
func (l *lazyRegexp) FindString(s string) string     { return l.get().FindString(s) }
func (l *lazyRegexp) FindStringIndex(s string) []int { return l.get().FindStringIndex(s) }
func (l *lazyRegexp) FindStringSubmatch(s string) []string {
	return l.get().FindStringSubmatch(s)
}
func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.get().FindStringSubmatchIndex(s)
}
func (l *lazyRegexp) FindAllString(s string, n int) []string {
	return l.get().FindAllString(s, n)
}
func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return l.get().FindAllStringIndex(s, n)
}
func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.get().FindAllStringSubmatchIndex(s, n)
}
func (l *lazyRegexp) ReplaceAllString(s, repl string) string {
	return l.get().ReplaceAllString(s, repl)
}
func (l *lazyRegexp) ReplaceAllStringFunc(s string, repl func(string) string) string {
	return l.get().ReplaceAllStringFunc(s, repl)
}
func (l *lazyRegexp) Split(s string, n int) []string { return l.get().Split(s, n) }
