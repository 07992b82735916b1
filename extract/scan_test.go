package extract

import (
	"math/rand"
	"regexp"
	"slices"
	"testing"
)

// The hand-written scanners replaced regular expressions on the hot path;
// they must agree with them on every input.
func TestScannersAgreeWithRegexps(t *testing.T) {
	sentenceEndRe := regexp.MustCompile(`[.!?](?:["”’)]*)\s+`)
	initialRe := regexp.MustCompile(`^\p{Lu}\.(\p{Lu}\.)*$`)
	boundsRe := func(text string) []int {
		out := []int{0}
		for _, loc := range sentenceEndRe.FindAllStringIndex(text, -1) {
			if !abbrevBefore(text, loc[0]) {
				out = append(out, loc[1])
			}
		}
		return out
	}
	alphabet := []string{"a", "B", "J", "É", ".", ".", "!", "?", " ", " ", "\n", "\t", "\"", "”", "’", ")", "e.g", "Dr", "x", "\v"}
	rng := rand.New(rand.NewSource(1))
	inputs := []string{"", "J.", "J.R.", "É.", "j.", "J", "JR.", "Hello. World", "Hi!\" Next", "e.g. this. That", "End.)  Next", "a?”\tb"}
	for i := 0; i < 20000; i++ {
		s := ""
		for n := rng.Intn(12); n > 0; n-- {
			s += alphabet[rng.Intn(len(alphabet))]
		}
		inputs = append(inputs, s)
	}
	for _, s := range inputs {
		if got, want := sentenceBounds(s), boundsRe(s); !slices.Equal(got, want) {
			t.Fatalf("sentenceBounds(%q) = %v, regexp gives %v", s, got, want)
		}
		if got, want := isInitial(s), initialRe.MatchString(s); got != want {
			t.Fatalf("isInitial(%q) = %v, regexp gives %v", s, got, want)
		}
	}
}

func TestInCity(t *testing.T) {
	for _, c := range []struct {
		text, spelling string
		start          int
		want           bool
	}{
		{"We met in Buenos Aires last year", "Buenos", 10, true},
		{"We met in Buenos Aires last year", "Aires", 17, true},
		{"Buenos is a word", "Buenos", 0, false},
		{"at Kubernetes Amsterdam", "Amsterdam", 14, true},
		{"at Amsterdamer", "Amsterdam", 3, false},
	} {
		if got := inCity(c.text, found{start: c.start, spelling: c.spelling}); got != c.want {
			t.Errorf("inCity(%q, %q) = %v, want %v", c.text, c.spelling, got, c.want)
		}
	}
}
