package extract_test

import (
	"slices"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// TestSpeakerEmployers: a talk's text can say who its speakers work for,
// in present tense, about the speakers of that talk, naming an
// organisation (not a city, an event or a project).
func TestSpeakerEmployers(t *testing.T) {
	const head = "# KCD Porto 2024 notes\n\n## Ambient Mesh in Practice\n\n"
	cases := []struct {
		name, body string
		works      map[string][]string // speaker -> org ids
	}{
		{"role at", "Presented by Camille Laurent and Mateo Ruiz.\n\nCamille leads the platform team at BlaBlaCar; Mateo is a field engineer at Solo.io. They compared sidecars with ambient mode.\n",
			map[string][]string{"Camille Laurent": {"org:blablacar"}, "Mateo Ruiz": {"org:solo-io"}}},
		{"who works at", "Speaker: Bram Hendriks, who works on the OpenFeature project at Dynatrace.\n\nBram switched providers live.\n",
			map[string][]string{"Bram Hendriks": {"org:dynatrace"}}},
		{"both speakers", "Presented by Kevin Klues and Sanjay Chatterjee.\n\nBoth speakers are from NVIDIA, and it showed.\n",
			map[string][]string{"Kevin Klues": {"org:nvidia"}, "Sanjay Chatterjee": {"org:nvidia"}}},
		{"given names with brackets", "Presented by Ashok Chandrasekar and Liudmila Molkova.\n\nAshok (Google) and Liudmila (Microsoft) argued that a model server is a service.\n",
			map[string][]string{"Ashok Chandrasekar": {"org:google"}, "Liudmila Molkova": {"org:microsoft"}}},
		{"brackets that name no organisation", "Presented by Ashok Chandrasekar.\n\nAshok (KubeCon Europe) showed Kubernetes (K8s) at work.\n",
			map[string][]string{"Ashok Chandrasekar": nil}},
		{"initials", "Speaker: J. R. Smith\n\nJ. R. Smith, who works on developer relations at Acme Corp, made the case for traces.\n",
			map[string][]string{"J. R. Smith": {"org:acme-corp"}}},
		{"former employer", "Presented by Liz Lindqvist.\n\nLiz worked at Google before she started her own company.\n",
			map[string][]string{"Liz Lindqvist": nil}},
		{"not a speaker", "Presented by Liz Lindqvist.\n\nShe quoted Kelsey Hightower. Kelsey is a developer advocate at Google.\n",
			map[string][]string{"Liz Lindqvist": nil, "Kelsey Hightower": nil}},
		{"an event", "Presented by Ana Sousa.\n\nAna works as a volunteer at KubeCon Europe every year.\n",
			map[string][]string{"Ana Sousa": nil}},
		{"a city", "Presented by Ana Sousa.\n\nAna runs the local meetup at Lisbon.\n",
			map[string][]string{"Ana Sousa": nil}},
		{"a project", "Presented by Ana Sousa.\n\nAna is a core maintainer for Kubernetes.\n",
			map[string][]string{"Ana Sousa": nil}},
		{"employer given already", "Speaker: Ana Sousa (Acme)\n\nAna is an engineer at Initech these days.\n",
			map[string][]string{"Ana Sousa": {"org:acme"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := view{extractString(t, "recap.md", head+c.body)}
			for sp, want := range c.works {
				id := graph.NodeID(graph.Person, sp)
				if _, ok := v.node(id); !ok {
					t.Fatalf("no speaker %s; people %q", sp, v.names(graph.Person))
				}
				if got := v.out(id, graph.WorksFor); !slices.Equal(got, want) {
					t.Errorf("%s works for %q, want %q", sp, got, want)
				}
			}
		})
	}
}
