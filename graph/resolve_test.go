package graph_test

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/kg-tool/kg/graph"
)

func TestSamePerson(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"Filip Nikolic", "Filip Nicolic", true},
		{"Filip Nikolic", "filip nikolić", true},
		{"Raphaël Pinson", "Raphael Pinson", true},
		{"Liz Rice", "Liz Rise", false}, // short surnames never fuzzy-match
		{"Thomas Graf", "Thomas Gray", false},
		{"Anna Schmidt", "Anna Weber", false},
		{"Anna Schmidt", "Hanna Schmidt", false},
		{"J. Volz", "Julius Volz", true},
		{"Raymond de Jong", "Raymond de Jung", false},
		{"Max Körbächer", "Max Korbacher", true},
		{"Lorenzo", "Lorenzo", false}, // one-word names are not merged by this rule
		{"Jean-Baptiste Martin", "Jean-Baptiste Martins", true},
	}
	for _, c := range cases {
		t.Run(c.a+"/"+c.b, func(t *testing.T) {
			if got := graph.SamePerson(c.a, c.b); got != c.want {
				t.Errorf("SamePerson(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
			}
		})
	}
}

func TestIDs(t *testing.T) {
	cases := []struct{ got, want string }{
		{graph.NodeID(graph.Person, "Raphaël Pinson"), "person:raphael-pinson"},
		{graph.NodeID(graph.Project, "CRI-O"), "project:cri-o"},
		{graph.NodeID(graph.Org, "Zühlke"), "org:zuhlke"},
		{graph.NodeID(graph.Person, "Søren Østergaard"), "person:soren-ostergaard"},
		{graph.TalkID("event:kcd-zurich-2023", "eBPF for Security"), "talk:kcd-zurich-2023/ebpf-for-security"},
		{graph.TalkID("event:kcd-zurich-2023", "What Anime Taught Me About K8s & Tech Careers"), "talk:kcd-zurich-2023/what-anime-taught-me-about-k8s-and-tech-careers"},
		{graph.Key("Argo CD"), "argocd"},
		{graph.Key("ArgoCD"), "argocd"},
		{graph.Key("Red Hat"), graph.Key("RedHat")},
		{graph.RetargetTalk("talk:kcd-zurich/x-y", "event:kcd-zurich", "event:kcd-zurich-2023"), "talk:kcd-zurich-2023/x-y"},
		{graph.RetargetTalk("talk:other/x-y", "event:kcd-zurich", "event:kcd-zurich-2023"), "talk:other/x-y"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// The first-letter shortcut answers as the full comparison does.
func TestSamePersonShortcut(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	parts := []string{"Liz", "liz", "Rice", "Rise", "L.", "J", "Julius", "Volz", "Émile", "émile", "emile",
		"Ødegaard", "\u00a0", " ", ".", "\t", "Anna", "anna", "Hanna", "Schmidt", "Schmitt", "de", "Jong", "\u0301e", "x"}
	for i := 0; i < 20000; i++ {
		name := func() string {
			var b strings.Builder
			for j := rng.Intn(4) + 1; j > 0; j-- {
				b.WriteString(parts[rng.Intn(len(parts))])
				if rng.Intn(3) > 0 {
					b.WriteByte(' ')
				}
			}
			return b.String()
		}
		a, b := name(), name()
		switch rng.Intn(4) { // often a spelling of the same name
		case 0:
			b = strings.ToLower(a)
		case 1:
			b = strings.ToUpper(a)
		case 2:
			b = strings.NewReplacer("é", "e", "É", "E", "z", "s", "Ø", "O").Replace(a)
		}
		if got, want := graph.SamePerson(a, b), graph.SamePersonSlowForTest(a, b); got != want {
			t.Fatalf("SamePerson(%q, %q) = %v, the full comparison %v", a, b, got, want)
		}
	}
}
