package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
)

// lazyRegexp is a regular expression compiled on first use. The extractor
// holds about seventy; compiling them when the package initialises cost
// every kg process about 4 ms, queries included, which never extract.
//
// An expression anchored at the start of the text (`^...`, no (?m)) also
// gets the set of bytes its matches can begin with, and the Match and Find
// methods answer "no match" at once for a text that begins with another
// byte: most lines a line rule sees cannot start its match, and the
// matcher (regular expressions were a fifth of extraction) is slow to find
// that out.
//
// An expression can also name substrings one of which every match holds
// (needing): a text with none of them is turned away the same way.
type lazyRegexp struct {
	once    sync.Once
	expr    string
	re      *regexp.Regexp
	first   *[256]bool // bytes a match can begin with; nil: any
	needles []string   // a match holds one of them; nil: no such rule
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

// needing declares that every match of l holds one of needles (compared
// byte for byte; filteredRe is for needles in any case, at the price of
// lower-casing the text) and returns l. A test checks the claim against
// the plain expression on the test recaps.
func (l *lazyRegexp) needing(needles ...string) *lazyRegexp {
	l.needles = needles
	return l
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() {
		l.re = regexp.MustCompile(l.expr)
		l.first = firstBytes(l.expr)
	})
	return l.re
}

// mayMatch is false when s cannot hold a match: the expression is
// anchored at the start and s does not begin with a byte a match can
// begin with, or s holds none of the expression's needles.
func (l *lazyRegexp) mayMatch(s string) bool {
	l.get()
	if l.first != nil && (len(s) == 0 || !l.first[s[0]]) {
		return false
	}
	if l.needles == nil {
		return true
	}
	for _, n := range l.needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// firstBytes returns the bytes a match of expr can begin with, when expr
// is anchored at the start of the text and cannot match the empty string;
// otherwise nil. Runes outside ASCII count as every byte from 0x80 up.
func firstBytes(expr string) *[256]bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	prog, err := syntax.Compile(re)
	if err != nil || prog.StartCond()&syntax.EmptyBeginText == 0 {
		return nil
	}
	var set [256]bool
	if firstOf(re, &set) { // nullable: the empty text may match
		return nil
	}
	return &set
}

// firstOf adds to set the bytes a match of re can begin with and reports
// whether re can match without consuming any text.
func firstOf(re *syntax.Regexp, set *[256]bool) (nullable bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true // zero width: what follows decides
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		r := re.Rune[0]
		addRune(set, r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				addRune(set, f)
			}
		}
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for r := lo; r <= hi && r < 0x80; r++ {
				set[r] = true
			}
			if hi >= 0x80 {
				addRune(set, 0x80)
			}
		}
		return false
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		for b := range set {
			set[b] = true
		}
		set['\n'] = re.Op == syntax.OpAnyChar
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return firstOf(re.Sub[0], set)
	case syntax.OpStar, syntax.OpQuest:
		firstOf(re.Sub[0], set)
		return true
	case syntax.OpRepeat:
		return firstOf(re.Sub[0], set) || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !firstOf(sub, set) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			if firstOf(sub, set) {
				nullable = true
			}
		}
		return nullable
	}
	// An operator this does not know: anything may begin a match.
	for b := range set {
		set[b] = true
	}
	return true
}

// addRune adds the first byte of r's UTF-8 encoding; every non-ASCII rune
// adds all bytes from 0x80 up, which is coarse and safe.
func addRune(set *[256]bool, r rune) {
	if r < 0x80 {
		set[r] = true
		return
	}
	for b := 0x80; b < 256; b++ {
		set[b] = true
	}
}

func (l *lazyRegexp) String() string { return l.expr }
func (l *lazyRegexp) MatchString(s string) bool {
	return l.mayMatch(s) && l.re.MatchString(s)
}
func (l *lazyRegexp) FindString(s string) string {
	if !l.mayMatch(s) {
		return ""
	}
	return l.re.FindString(s)
}
func (l *lazyRegexp) FindStringIndex(s string) []int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindStringIndex(s)
}
func (l *lazyRegexp) FindStringSubmatch(s string) []string {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindStringSubmatch(s)
}
func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindStringSubmatchIndex(s)
}
func (l *lazyRegexp) FindAllString(s string, n int) []string {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindAllString(s, n)
}
func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindAllStringIndex(s, n)
}
func (l *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindAllStringSubmatch(s, n)
}
func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindAllStringSubmatchIndex(s, n)
}
func (l *lazyRegexp) ReplaceAllString(s, repl string) string {
	if !l.mayMatch(s) {
		return s
	}
	return l.re.ReplaceAllString(s, repl)
}
func (l *lazyRegexp) ReplaceAllStringFunc(s string, repl func(string) string) string {
	if !l.mayMatch(s) {
		return s
	}
	return l.re.ReplaceAllStringFunc(s, repl)
}
func (l *lazyRegexp) Split(s string, n int) []string {
	if n != 0 && !l.mayMatch(s) {
		return []string{s} // what Split returns when nothing matches
	}
	return l.re.Split(s, n)
}
