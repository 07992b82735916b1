package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeriesHintScan checks the one-pass hint scan against searching for
// each hint on its own, over the test recaps' lines and some edge cases.
func TestSeriesHintScan(t *testing.T) {
	texts := []string{"", "kube", "kubecon", "con kube", "kube day", "kcd", "xkubeyycon",
		"the kcd community day", "fosdem", "rejekts and devops", "kubeday at kube con",
		"container days", "open source summit", "cloud nord", "kubecon eu kube"}
	files, _ := filepath.Glob("testdata/recaps/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(strings.ToLower(string(b)), "\n\n")...)
	}
	hits := 0
	for _, text := range texts {
		found := hintTable.scan(text)
		for i, s := range seriesList {
			want := hinted(text, s.hint)
			if got := found&hintTable.series[i] != 0; got != want {
				t.Fatalf("series %s in %.60q: scan %v, hinted %v", s.slug, text, got, want)
			}
			if want {
				hits++
			}
		}
	}
	if hits < 100 {
		t.Fatalf("only %d hits: the texts do not exercise the hints", hits)
	}
}

// hinted reports whether text contains one of the "|"-separated hints;
// the hint "kube" needs "con" after it.
func hinted(text, hint string) bool {
	for rest := hint; rest != ""; {
		var h string
		h, rest, _ = strings.Cut(rest, "|")
		if h == "kube" {
			if i := strings.Index(text, "kube"); i >= 0 && strings.Contains(text[i:], "con") {
				return true
			}
			continue
		}
		if strings.Contains(text, h) {
			return true
		}
	}
	return false
}
