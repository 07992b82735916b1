package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-tool/kg/extract"
	"github.com/kg-tool/kg/graph"
)

// landscapePath is the CNCF landscape shared by the project, when present.
var landscapePath = filepath.Join("..", "..", "shared", "data", "cncf-landscape.yml")

func TestCatalogEmbedded(t *testing.T) {
	entries := extract.Embedded()
	if len(entries) < 400 {
		t.Errorf("embedded catalog has %d entries, want at least 400", len(entries))
	}
	byID := map[string]graph.CatalogEntry{}
	byName := map[string]graph.CatalogEntry{} // canonical name -> entry
	for _, e := range entries {
		if _, dup := byID[e.ID]; dup {
			t.Errorf("id %s is used by two entries", e.ID)
		}
		if e.ID != graph.NodeID(e.Kind, e.Name) || graph.IDSlug(e.ID) == "" {
			t.Errorf("entry %q has id %q, want %q", e.Name, e.ID, graph.NodeID(e.Kind, e.Name))
		}
		if e.Kind != graph.Project && e.Kind != graph.Topic && e.Kind != graph.Org {
			t.Errorf("entry %s has kind %q, want project, topic or org", e.ID, e.Kind)
		}
		if e.Origin != "embedded" {
			t.Errorf("entry %s has origin %q, want embedded", e.ID, e.Origin)
		}
		byID[e.ID] = e
		byName[e.Name] = e
	}
	t.Run("no spelling claimed twice", func(t *testing.T) {
		owner := map[string]string{} // graph.Key of a spelling -> id
		for _, e := range entries {
			seen := map[string]bool{}
			for _, s := range append([]string{e.Name}, e.Aliases...) {
				k := graph.Key(s)
				if k == "" {
					t.Errorf("%s: spelling %q has an empty key", e.ID, s)
					continue
				}
				if seen[k] {
					continue // an entry may spell itself twice
				}
				seen[k] = true
				if other, ok := owner[k]; ok {
					t.Errorf("spelling %q (key %q) is claimed by %s and %s", s, k, other, e.ID)
					continue
				}
				owner[k] = e.ID
			}
		}
	})
	// the right kind is the one the graph allows for the edge the catalog
	// makes: part_of between projects (and topics), maintained_by from a
	// project to an org
	t.Run("parents and maintainers exist", func(t *testing.T) {
		for _, e := range entries {
			if e.Parent != "" {
				p, ok := byName[e.Parent]
				switch {
				case !ok:
					t.Errorf("%s: parent %q names no entry", e.ID, e.Parent)
				case !graph.PartOf.Allows(e.Kind, p.Kind) || p.Kind == graph.Org:
					t.Errorf("%s: a %s cannot be part of %q, a %s", e.ID, e.Kind, e.Parent, p.Kind)
				case p.ID == e.ID:
					t.Errorf("%s is its own parent", e.ID)
				}
			}
			if e.Maintainer != "" {
				m, ok := byName[e.Maintainer]
				switch {
				case !ok:
					t.Errorf("%s: maintainer %q names no entry", e.ID, e.Maintainer)
				case !graph.MaintainedBy.Allows(e.Kind, m.Kind):
					t.Errorf("%s: a %s cannot be maintained by %q, a %s", e.ID, e.Kind, e.Maintainer, m.Kind)
				}
			}
		}
	})
	t.Run("no parent cycles", func(t *testing.T) {
		for _, e := range entries {
			seen := map[string]bool{e.ID: true}
			for p := e.Parent; p != ""; p = byName[p].Parent {
				if seen[byName[p].ID] {
					t.Errorf("%s: parent chain loops at %q", e.ID, p)
					break
				}
				seen[byName[p].ID] = true
			}
		}
	})
	t.Run("known entries", func(t *testing.T) {
		c := extract.NewCatalog(entries)
		for _, w := range []struct{ spelling, id string }{
			{"Cilium", "project:cilium"}, {"cilium", "project:cilium"}, {"Tetragon", "project:tetragon"},
			{"Argo CD", "project:argo-cd"}, {"ArgoCD", "project:argo-cd"}, {"K8s", "project:kubernetes"},
			{"eBPF", "topic:ebpf"}, {"RedHat", "org:red-hat"}, {"Isovalent", "org:isovalent"},
			{"Cilium Mesh", "project:cilium-mesh"},
		} {
			if e, ok := c.ByName(w.spelling); !ok || e.ID != w.id {
				t.Errorf("ByName(%q) = %s, %v; want %s", w.spelling, e.ID, ok, w.id)
			}
		}
		if e, _ := c.Get("project:tetragon"); e.Parent != "Cilium" {
			t.Errorf("Tetragon's parent is %q, want Cilium", e.Parent)
		}
		if _, ok := c.ByName("Liz Rice"); ok {
			t.Error("ByName(Liz Rice) found a catalog entry")
		}
	})
}

// smallLandscape is a landscape.yml in the CNCF layout: two categories of
// projects and one of members, which ParseLandscape skips.
const smallLandscape = `landscape:
  - category:
    name: Orchestration & Management
    subcategories:
      - subcategory:
        name: Service Mesh
        items:
          - item:
            name: Linkerd
            homepage_url: https://linkerd.io
            repo_url: https://github.com/linkerd/linkerd2
            project: graduated
            crunchbase: https://www.crunchbase.com/organization/buoyant
          - item:
            name: Tetragon
            homepage_url: https://tetragon.io
            repo_url: https://github.com/cilium/tetragon
            crunchbase: https://www.crunchbase.com/organization/isovalent
            extra:
              parent_project: Cilium Enterprise
      - subcategory:
        name: Scheduling
        items:
          - item:
            name: Lantern Scheduler
            homepage_url: https://lantern.example.org
            repo_url: https://github.com/example/lantern
            project: sandbox
            crunchbase: https://www.crunchbase.com/organization/isovalent
            extra:
              parent_project: Kubernetes
  - category:
    name: Runtime
    subcategories:
      - subcategory:
        name: Container Registry
        items:
          - item:
            name: Harbor
            homepage_url: https://goharbor.io
            repo_url: https://github.com/goharbor/harbor
            project: graduated
            crunchbase: https://www.crunchbase.com/organization/cloud-native-computing-foundation
          - item:
            name: Quay Mirror
            homepage_url: https://quay.example.org
            crunchbase: https://www.crunchbase.com/organization/red-hat
  - category:
    name: CNCF Members
    subcategories:
      - subcategory:
        name: Platinum
        items:
          - item:
            name: Acme Widgets
            homepage_url: https://acme.example.com
            crunchbase: https://www.crunchbase.com/organization/acme-widgets
`

func TestLandscapeSmall(t *testing.T) {
	entries, err := extract.ParseLandscape(strings.NewReader(smallLandscape))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]graph.CatalogEntry{}
	for _, e := range entries {
		if _, dup := got[e.ID]; dup {
			t.Errorf("entry %s twice", e.ID)
		}
		got[e.ID] = e
	}
	want := []graph.CatalogEntry{
		{ID: "project:linkerd", Name: "Linkerd", Kind: graph.Project, Homepage: "https://linkerd.io",
			Repo: "https://github.com/linkerd/linkerd2", Maturity: "graduated", Maintainer: "Buoyant"},
		{ID: "project:tetragon", Name: "Tetragon", Kind: graph.Project, Homepage: "https://tetragon.io",
			Repo: "https://github.com/cilium/tetragon", Parent: "Cilium Enterprise", Maintainer: "Isovalent"},
		{ID: "project:lantern-scheduler", Name: "Lantern Scheduler", Kind: graph.Project,
			Homepage: "https://lantern.example.org", Repo: "https://github.com/example/lantern",
			Maturity: "sandbox", Parent: "Kubernetes", Maintainer: "Isovalent"},
		{ID: "project:harbor", Name: "Harbor", Kind: graph.Project, Homepage: "https://goharbor.io",
			Repo: "https://github.com/goharbor/harbor", Maturity: "graduated",
			Maintainer: "Cloud Native Computing Foundation", Ambiguous: true},
		{ID: "project:quay-mirror", Name: "Quay Mirror", Kind: graph.Project,
			Homepage: "https://quay.example.org", Maintainer: "Red Hat"},
		{ID: "org:buoyant", Name: "Buoyant", Kind: graph.Org},
		{ID: "org:isovalent", Name: "Isovalent", Kind: graph.Org},
		{ID: "org:cloud-native-computing-foundation", Name: "Cloud Native Computing Foundation", Kind: graph.Org},
		{ID: "org:red-hat", Name: "Red Hat", Kind: graph.Org},
	}
	if len(entries) != len(want) {
		var ids []string
		for _, e := range entries {
			ids = append(ids, e.ID)
		}
		t.Errorf("%d entries %q, want %d (members are skipped, each org once)", len(entries), ids, len(want))
	}
	for _, w := range want {
		t.Run(w.ID, func(t *testing.T) {
			e, ok := got[w.ID]
			if !ok {
				t.Fatalf("no entry %s", w.ID)
			}
			if e.Origin != "landscape" {
				t.Errorf("origin %q, want landscape", e.Origin)
			}
			e.Origin, e.Description = "", ""
			if e.Name != w.Name || e.Kind != w.Kind || e.Homepage != w.Homepage || e.Repo != w.Repo ||
				e.Maturity != w.Maturity || e.Parent != w.Parent || e.Maintainer != w.Maintainer || e.Ambiguous != w.Ambiguous {
				t.Errorf("entry\n got %+v\nwant %+v", e, w)
			}
		})
	}
	if _, ok := got["project:acme-widgets"]; ok {
		t.Error("an item of the members category became a project")
	}
	if _, ok := got["org:acme-widgets"]; ok {
		t.Error("the crunchbase of a member became an org")
	}
}

func TestLandscapeRefusesOtherYAML(t *testing.T) {
	for name, src := range map[string]string{
		"not YAML":          "landscape: [unclosed\n",
		"no categories":     "categories:\n  - name: x\n",
		"a kg catalog file": "- {name: Cilium, kind: project}\n",
	} {
		t.Run(name, func(t *testing.T) {
			if entries, err := extract.ParseLandscape(strings.NewReader(src)); err == nil {
				t.Errorf("ParseLandscape gave %d entries and no error", len(entries))
			}
		})
	}
}

func TestLandscapeCNCF(t *testing.T) {
	f, err := os.Open(landscapePath)
	if os.IsNotExist(err) {
		t.Skipf("%s not found", landscapePath)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := extract.ParseLandscape(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d entries from %s", len(entries), landscapePath)
	if len(entries) <= 1500 {
		t.Errorf("%d entries from the CNCF landscape, want more than 1500", len(entries))
	}
	orgs := map[string]bool{}
	for _, e := range entries {
		if e.Kind == graph.Org {
			orgs[e.Name] = true
		}
	}
	projects := map[string]graph.CatalogEntry{}
	for _, e := range entries {
		if e.Name == "" || e.ID != graph.NodeID(e.Kind, e.Name) {
			t.Errorf("entry %+v: bad name or id", e)
		}
		if e.Maintainer != "" && !orgs[e.Maintainer] {
			t.Errorf("%s: maintainer %q is no org entry", e.ID, e.Maintainer)
		}
		if e.Kind == graph.Project {
			projects[e.ID] = e
		}
	}
	for _, w := range []struct{ id, maturity string }{
		{"project:kubernetes", "graduated"}, {"project:cilium", "graduated"}, {"project:argo", "graduated"},
	} {
		if e, ok := projects[w.id]; !ok || e.Maturity != w.maturity {
			t.Errorf("%s: %+v, want maturity %s", w.id, e, w.maturity)
		}
	}

	t.Run("merged with the embedded catalog", func(t *testing.T) {
		embedded := extract.Embedded()
		c := extract.NewCatalog(embedded, entries)
		if c.Len() <= len(embedded) || c.Len() < 1500 {
			t.Errorf("merged catalog has %d entries (embedded %d)", c.Len(), len(embedded))
		}
		for _, e := range embedded {
			m, ok := c.Get(e.ID)
			if !ok {
				t.Errorf("%s lost in the merge", e.ID)
				continue
			}
			if m.Name != e.Name || m.Kind != e.Kind || m.Ambiguous != e.Ambiguous || m.Generic != e.Generic ||
				(e.Parent != "" && m.Parent != e.Parent) || (e.Maintainer != "" && m.Maintainer != e.Maintainer) {
				t.Errorf("curated entry changed by the landscape:\n was %+v\n now %+v", e, m)
			}
		}
	})
}

// TestCatalogMergeKeepsCuratedJudgment: NewCatalog(embedded, landscape)
// keeps the curated entry's ambiguity, parent and kind, and adds what only
// the landscape knows.
func TestCatalogMergeKeepsCuratedJudgment(t *testing.T) {
	land, err := extract.ParseLandscape(strings.NewReader(smallLandscape))
	if err != nil {
		t.Fatal(err)
	}
	embedded := extract.Embedded()
	curated := map[string]graph.CatalogEntry{}
	for _, e := range embedded {
		curated[e.ID] = e
	}
	c := extract.NewCatalog(embedded, land)

	harbor, _ := c.Get("project:harbor")
	if !curated["project:harbor"].Ambiguous || !harbor.Ambiguous {
		t.Errorf("Harbor: curated ambiguous %v, merged %v; want both true", curated["project:harbor"].Ambiguous, harbor.Ambiguous)
	}
	tetragon, _ := c.Get("project:tetragon")
	if tetragon.Parent != "Cilium" {
		t.Errorf("Tetragon's parent is %q after the merge, want the curated Cilium (the landscape says Cilium Enterprise)", tetragon.Parent)
	}
	if tetragon.Origin != "embedded" {
		t.Errorf("Tetragon's origin is %q, want embedded", tetragon.Origin)
	}
	linkerd, _ := c.Get("project:linkerd")
	if linkerd.Maintainer != curated["project:linkerd"].Maintainer || linkerd.Homepage != curated["project:linkerd"].Homepage {
		t.Errorf("Linkerd changed by the merge: %+v, was %+v", linkerd, curated["project:linkerd"])
	}

	lantern, ok := c.ByName("lantern scheduler")
	if !ok || lantern.ID != "project:lantern-scheduler" || lantern.Homepage != "https://lantern.example.org" || lantern.Parent != "Kubernetes" {
		t.Errorf("landscape-only project: %+v, %v", lantern, ok)
	}
	if c.Len() != len(embedded)+countNew(embedded, land) {
		t.Errorf("merged catalog has %d entries, want %d embedded + %d new", c.Len(), len(embedded), countNew(embedded, land))
	}
	// a landscape entry that fills a field the curated entry lacks
	for _, e := range land {
		cur, ok := curated[e.ID]
		if !ok {
			continue
		}
		m, _ := c.Get(e.ID)
		if cur.Homepage == "" && e.Homepage != "" && m.Homepage != e.Homepage {
			t.Errorf("%s: empty curated homepage not filled from the landscape (%q)", e.ID, m.Homepage)
		}
	}

	// The same order of lists always gives the same catalog.
	again := extract.NewCatalog(embedded, land)
	a, b := c.Entries(), again.Entries()
	if len(a) != len(b) {
		t.Fatalf("two merges gave %d and %d entries", len(a), len(b))
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Name != b[i].Name || strings.Join(a[i].Aliases, "|") != strings.Join(b[i].Aliases, "|") {
			t.Errorf("entry %d differs between two merges: %+v / %+v", i, a[i], b[i])
		}
	}
}

// countNew counts landscape entries whose id and name the embedded catalog
// does not know.
func countNew(embedded, land []graph.CatalogEntry) int {
	known := map[string]bool{}
	for _, e := range embedded {
		known[e.ID] = true
		known["key:"+graph.Key(e.Name)] = true
	}
	n := 0
	for _, e := range land {
		if !known[e.ID] && !known["key:"+graph.Key(e.Name)] {
			n++
			known[e.ID] = true
			known["key:"+graph.Key(e.Name)] = true
		}
	}
	return n
}

// TestCatalogLandscapeNamesInText: a landscape-only project is recognised
// by the extractor once the catalog holds it.
func TestCatalogLandscapeNamesInText(t *testing.T) {
	land, err := extract.ParseLandscape(strings.NewReader(smallLandscape))
	if err != nil {
		t.Fatal(err)
	}
	const text = "# KCD Porto 2024\n\n## Scheduling at Scale\n\nSpeaker: Ana Lima (Isovalent)\n\nAna replaced the default scheduler with Lantern Scheduler.\n"
	dec, err := extract.DecodeBytes([]byte(text), "porto.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := extract.Parse(dec, "porto.md")
	talk := graph.TalkID("event:kcd-porto-2024", "Scheduling at Scale")

	without := view{extract.Extract(doc, extract.NewCatalog(extract.Embedded()), graph.SourceInfo{})}
	if _, ok := without.edge(talk, graph.Mentions, "project:lantern-scheduler"); ok {
		t.Fatal("Lantern Scheduler recognised without the landscape")
	}
	with := view{extract.Extract(doc, extract.NewCatalog(extract.Embedded(), land), graph.SourceInfo{})}
	hasLine(t, with, talk, graph.Mentions, "project:lantern-scheduler", 7)
	if n, _ := with.node("project:lantern-scheduler"); n.Attrs["url"] != "https://lantern.example.org" {
		t.Errorf("node %+v, want the landscape homepage as url", n)
	}
}
