package graph_test

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// Fold's table of Latin letters gives what decomposing the whole string
// gives, letter by letter and in random strings that mix them with
// combining marks, other scripts and invalid bytes.
func TestFoldMatchesDecomposition(t *testing.T) {
	for r := rune(0); r < 0x250; r++ {
		s := "x" + string(r) + "Y"
		if got, want := graph.Fold(s), graph.FoldSlowForTest(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
	pieces := []string{"a", "Z", " ", "-", "é", "Ł", "ß", "Æ", "ĳ", "½", "µ", "ǅ", "ȷ", "\u0301", "\u0308",
		"Ω", "Я", "ﬁ", "漢", "\xff", "İ", "ı", "ð", "Þ", "ª", "²"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(8); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := graph.Fold(s), graph.FoldSlowForTest(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
	if got := graph.Fold("Raphaël Łukasz"); got != "raphael lukasz" {
		t.Errorf("Fold = %q", got)
	}
}
