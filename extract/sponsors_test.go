package extract_test

import (
	"slices"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// TestSponsors: the companies a recap thanks as sponsors are organisations
// it mentions; sentences about sponsoring that name none give none.
func TestSponsors(t *testing.T) {
	cases := []struct {
		text string
		want []string
		line int // of the first sponsor's evidence, when set
	}{
		{"Thanks to the organizers and to the sponsors Bekkvik, Kantaro, Fjordbyte Norway and Nordlys Labs.",
			[]string{"org:bekkvik", "org:fjordbyte-norway", "org:kantaro", "org:nordlys-labs"}, 0},
		{"Thanks to the sponsors that kept the ticket price at 40 euros:\nPolar Squadron, Efikode and UpKloud. Polar Squadron's booth had a jar.",
			[]string{"org:efikode", "org:polar-squadron", "org:upkloud"}, 4},
		{"Sponsors this year included Nutrix, Kanonic and Fullstak, all with booths.",
			[]string{"org:fullstak", "org:kanonic", "org:nutrix"}, 0},
		{"The sponsor hall was dominated by Huawo, Siemka and Allegrot; the coffee was good.",
			[]string{"org:allegrot", "org:huawo", "org:siemka"}, 0},
		{"In de hal stonden de sponsors: Fullstak, Nutrix en Schuberg Filis hadden allemaal een stand.",
			[]string{"org:fullstak", "org:nutrix", "org:schuberg-filis"}, 0},
		{"Our sponsors were Kvartz, Lumen Grid, and Borealis.", []string{"org:borealis", "org:kvartz", "org:lumen-grid"}, 0},
		{"Big sponsors such as Kvartz and Lumen Grid had booths.", []string{"org:kvartz", "org:lumen-grid"}, 0},
		{"[19:05] Sponsor: Tessellate", []string{"org:tessellate"}, 0},
		{"The sponsored Keynote was a product pitch.", nil, 0},
		{"Want to sponsor a future issue? Reply to this email. Sponsor hall opens at Nine.", nil, 0},
		{"Thanks to the volunteers who run it on goodwill and sponsorship. See you in London.", nil, 0},
		{"The sponsor hall, day two. Photo by Tomasz Nowak.", nil, 0},
	}
	for _, c := range cases {
		v := view{extractString(t, "recap.txt", "KCD Oslo 2024 notes\n\n"+c.text+"\n")}
		var got []string
		for _, id := range v.out("source:recap", graph.Mentions) {
			if graph.IDKind(id) == graph.Org {
				got = append(got, id)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
		}
		if c.line > 0 {
			if e, ok := v.edge("source:recap", graph.Mentions, c.want[0]); !ok || e.Evidence[0].Line != c.line {
				t.Errorf("%q: evidence %+v, want line %d", c.text, e.Evidence, c.line)
			}
		}
	}
}
