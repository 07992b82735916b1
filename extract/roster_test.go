package extract_test

import (
	"reflect"
	"testing"
)

// TestSurnameRoster: talks that call their speakers by surname ("Okafor
// opened the day", "Achieng moderated, with Tesfaye and Nakato", a list
// item 'Title — Søndergaard, ...') take the full names and companies of
// the "Speakers" list at the end; a quoted title keeps no aside after it,
// and a speakers' list of talks ("Name (Org) — «Title»") is no roster.
func TestSurnameRoster(t *testing.T) {
	const doc = "# KCD Nairobi 2024: what we saw\n\n## Morning\n\n### Keynote — \"Kubernetes in Places Where the Power Goes Out\"\n\nOkafor opened the day and set the tone with k3s and Flux.\n\n" +
		"### \"Zero-Trust Networking with Cilium on a Shoestring\" *(Dennis attended)*\n\nVan der Berg flew in from Rotterdam for this one, quoting Bergmann. Cilium policies.\n\n" +
		"### Panel — \"Growing the Community in East Africa\"\n\nAchieng moderated, with Tesfaye and Nakato on the panel. Mwangi asked a question later.\n\n" +
		"## Lightning talks\n\n- **\"Helm Charts I Regret\"** — Søndergaard, reading out her worst values.yaml crimes.\n- **\"Routing at Home\"** — Van der Berg, five minutes on BGP.\n\n" +
		"## Speakers\n\n- **Lena Berg** — Engineer, Acme.\n- **Chidinma Okafor** — Head of Infrastructure, Kilele Cloud. Runs edge Kubernetes.\n" +
		"- **Pieter van der Berg** — Staff Engineer, Netwerk Labs (Rotterdam). Writes about eBPF.\n" +
		"- **Rose Achieng** — Developer Advocate, Andela.\n- **Dawit Tesfaye** — Software Engineer, Gebeya.\n- **Sarah Nakato** — Lecturer, Makerere University.\n" +
		"- **Grace Mwangi** — Security Engineer, Savanna Bank.\n- **Mette Søndergaard** — Freelance consultant.\n"
	v := view{extractString(t, "nairobi.md", doc)}
	want := map[string][]string{
		"Kubernetes in Places Where the Power Goes Out":     {"person:chidinma-okafor"},
		"Zero-Trust Networking with Cilium on a Shoestring": {"person:pieter-van-der-berg"},
		"Growing the Community in East Africa":              {"person:dawit-tesfaye", "person:rose-achieng", "person:sarah-nakato"},
		"Helm Charts I Regret":                              {"person:mette-sondergaard"},
		"Routing at Home":                                   {"person:pieter-van-der-berg"},
	}
	if got := speakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantWorks(t, v, map[string]string{"person:chidinma-okafor": "org:kilele-cloud", "person:pieter-van-der-berg": "org:netwerk-labs", "person:sarah-nakato": "org:makerere-university"})
	if _, ok := v.edge("person:grace-mwangi", "works_for", "org:savanna-bank"); ok {
		t.Errorf("Grace Mwangi spoke in no talk: no employer from the roster")
	}

	const talks = "# KCD Romania 2024\n\n## Our speakers\n\nEvery speaker was a volunteer.\n\n### Keynote\n\n- Oana Pîrvulescu (Microsoft) — «Ten Years of Kubernetes, Seen from Bucharest»\n\nOana opened the day.\n\n" +
		"### Track: Platform Engineering\n\n- Cătălin Vasilache (ING Hubs Romania) — «Backstage Plugins We Built and Then Regretted»\n- Sorina Pavelescu, Syntasso: \"Kratix Promises: Treating Your Platform as a Product\"\n"
	v = view{extractString(t, "bucharest.md", talks)}
	for _, n := range v.names("org") {
		if n == "Seen from Bucharest" || n == "Then Regretted" {
			t.Errorf("orgs %q: a title's words read as an employer", v.names("org"))
		}
	}
}
