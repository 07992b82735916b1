package extract_test

import (
	"reflect"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// TestHandlesInATable: talks credited to handles, which a "Who's who"
// table at the end maps to names and companies.
func TestHandlesInATable(t *testing.T) {
	const doc = "# KubeCon India 2025: links only\n\n## Day 1\n\n" +
		"- [Cilium Cluster Mesh Across Three Clouds](https://youtu.be/a) by [@vik_ebpf](https://x.com/vik_ebpf) (Isovalent)\n" +
		"  - Cluster Mesh with Hubble.\n" +
		"- [KServe and Ray on Spot GPUs](https://youtu.be/b) by [@aditi_ml](https://x.com/aditi_ml) and [@lukasz_w](https://x.com/lukasz_w)\n" +
		"- [Panel: Platform Teams in Banks](https://youtu.be/c), moderated by [@kavya](https://x.com/kavya), with [@rohan](https://x.com/rohan), [@fatima](https://x.com/fatima) and [@deepak](https://x.com/deepak)\n" +
		"- ⚡ [Lightning: Harbor Replication in Five Minutes](https://youtu.be/d) by [@neha](https://x.com/neha)\n\n" +
		"## Follow-ups\n\n- [ ] @vik_ebpf: spike Kueue for the training jobs, pair with @lukasz_w\n\n" +
		"## Who's who\n\n| Handle | Name | Company |\n|---|---|---|\n" +
		"| [@vik_ebpf](https://x.com/vik_ebpf) | Vikrant Joshi | Zentrix Cloud |\n" +
		"| [@aditi_ml](https://x.com/aditi_ml) | Aditi Bhattacharya | Kartly |\n" +
		"| [@lukasz_w](https://x.com/lukasz_w) | Łukasz Wróblewski | Anyscale |\n" +
		"| [@kavya](https://x.com/kavya) | Kavya Iyer | Razorpay |\n" +
		"| [@rohan](https://x.com/rohan) | Rohan Mehta | Swiggy (platform team) |\n" +
		"| [@fatima](https://x.com/fatima) | Fatima Sheikh | Infosys |\n" +
		"| [@deepak](https://x.com/deepak) | Deepak Nair | Zoho |\n" +
		"| [@neha](https://x.com/neha) | Neha D'Souza | (didn't catch it) |\n"
	v := view{extractString(t, "links.md", doc)}
	want := map[string][]string{
		"Cilium Cluster Mesh Across Three Clouds": {"person:vikrant-joshi"},
		"KServe and Ray on Spot GPUs":             {"person:aditi-bhattacharya", "person:lukasz-wroblewski"},
		"Platform Teams in Banks":                 {"person:deepak-nair", "person:fatima-sheikh", "person:kavya-iyer", "person:rohan-mehta"},
		"Harbor Replication in Five Minutes":      {"person:neha-d-souza"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	for person, org := range map[string]string{"person:vikrant-joshi": "org:isovalent", "person:lukasz-wroblewski": "org:anyscale", "person:rohan-mehta": "org:swiggy"} {
		if _, ok := v.edge(person, graph.WorksFor, org); !ok {
			t.Errorf("%s works for %q, want %s", person, v.out(person, graph.WorksFor), org)
		}
	}
	if got := v.out("person:vikrant-joshi", graph.WorksFor); len(got) != 1 {
		t.Errorf("Vikrant Joshi works for %q: the company after the handle is the one", got)
	}
	if got := v.out("person:neha-d-souza", graph.WorksFor); len(got) != 0 {
		t.Errorf("Neha D'Souza works for %q: the company cell says nobody caught it", got)
	}
}
