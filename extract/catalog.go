package extract

import (
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/kg-tool/kg/graph"
)

//go:embed catalog.yaml
var embeddedCatalog []byte

// Embedded returns the catalog that ships with kg, sorted by id. It panics
// if the embedded file is malformed, which a test rules out.
func Embedded() []graph.CatalogEntry {
	entries, err := ParseCatalog(embeddedCatalog, "embedded")
	if err != nil {
		panic("extract: embedded catalog: " + err.Error())
	}
	return entries
}

// ParseCatalog reads catalog entries in kg's YAML format (a list of entries
// with name, kind, aliases, parent, maintainer, homepage, repo, maturity,
// ambiguous) and fills in their ids.
func ParseCatalog(b []byte, origin string) ([]graph.CatalogEntry, error) {
	var entries []graph.CatalogEntry
	if err := yaml.Unmarshal(b, &entries); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	for i := range entries {
		e := &entries[i]
		if e.Name == "" || !e.Kind.Valid() {
			return nil, fmt.Errorf("catalog: entry %d (%q): needs a name and a valid kind", i+1, e.Name)
		}
		e.ID = graph.NodeID(e.Kind, e.Name)
		e.Origin = origin
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
	return entries, nil
}

// Catalog is a set of known names with a matcher over their spellings.
type Catalog struct {
	entries []graph.CatalogEntry
	byID    map[string]int
	byName  map[string]int // graph.Key of the canonical name -> entry
	trie    *trie
}

// NewCatalog merges lists of entries; an entry with the same id as an
// earlier one adds its aliases and fills the fields the earlier one lacks,
// so the curated catalog keeps its judgment (ambiguity, parents) when an
// imported landscape names the same project. A spelling claimed by two
// entries stays with the first.
func NewCatalog(lists ...[]graph.CatalogEntry) *Catalog {
	c := &Catalog{byID: map[string]int{}, byName: map[string]int{}, trie: newTrie()}
	for _, list := range lists {
		for _, e := range list {
			if e.ID == "" {
				e.ID = graph.NodeID(e.Kind, e.Name)
			}
			if i, ok := c.byID[e.ID]; ok {
				c.entries[i] = mergeEntry(c.entries[i], e)
				continue
			}
			// The same name under another kind (a landscape "project" that
			// the curated catalog knows as an org) is the earlier entry.
			if i, ok := c.byName[graph.Key(e.Name)]; ok {
				c.entries[i] = mergeEntry(c.entries[i], graph.CatalogEntry{Aliases: e.Aliases})
				continue
			}
			c.byID[e.ID] = len(c.entries)
			c.byName[graph.Key(e.Name)] = len(c.entries)
			c.entries = append(c.entries, e)
		}
	}
	for i, e := range c.entries {
		if e.Generic {
			continue
		}
		c.trie.add(e.Name, i)
		for _, a := range e.Aliases {
			c.trie.add(a, i)
		}
	}
	return c
}

func mergeEntry(a, b graph.CatalogEntry) graph.CatalogEntry {
	seen := map[string]bool{graph.Key(a.Name): true}
	for _, x := range a.Aliases {
		seen[graph.Key(x)] = true
	}
	for _, x := range append([]string{b.Name}, b.Aliases...) {
		if x != "" && !seen[graph.Key(x)] {
			seen[graph.Key(x)] = true
			a.Aliases = append(a.Aliases, x)
		}
	}
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&a.Parent, b.Parent)
	fill(&a.Maintainer, b.Maintainer)
	fill(&a.Homepage, b.Homepage)
	fill(&a.Repo, b.Repo)
	fill(&a.Maturity, b.Maturity)
	fill(&a.Description, b.Description)
	return a
}

// Entries returns every entry, sorted by id.
func (c *Catalog) Entries() []graph.CatalogEntry {
	out := append([]graph.CatalogEntry(nil), c.entries...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Len returns the number of entries.
func (c *Catalog) Len() int { return len(c.entries) }

// Get returns the entry with id, if any.
func (c *Catalog) Get(id string) (graph.CatalogEntry, bool) {
	i, ok := c.byID[id]
	if !ok {
		return graph.CatalogEntry{}, false
	}
	return c.entries[i], true
}

// ByName returns the entry whose canonical name or alias has the same key as
// name, preferring a canonical name.
func (c *Catalog) ByName(name string) (graph.CatalogEntry, bool) {
	if i, ok := c.byName[graph.Key(name)]; ok {
		return c.entries[i], true
	}
	toks := tokenize(name)
	if ids := c.trie.exact(toks); len(ids) > 0 {
		return c.entries[ids[0]], true
	}
	return graph.CatalogEntry{}, false
}

func (c *Catalog) entry(i int) *graph.CatalogEntry { return &c.entries[i] }

// landscape mirrors the parts of a CNCF landscape.yml that kg reads.
type landscape struct {
	Landscape []struct {
		Name          string `yaml:"name"`
		Subcategories []struct {
			Name  string `yaml:"name"`
			Items []struct {
				Name        string `yaml:"name"`
				Homepage    string `yaml:"homepage_url"`
				Repo        string `yaml:"repo_url"`
				Project     string `yaml:"project"`
				Crunchbase  string `yaml:"crunchbase"`
				Description string `yaml:"description"`
				Extra       struct {
					Parent string `yaml:"parent_project"`
				} `yaml:"extra"`
			} `yaml:"items"`
		} `yaml:"subcategories"`
	} `yaml:"landscape"`
}

// ParseLandscape reads a CNCF landscape.yml into catalog entries: every
// item becomes a project (with its homepage, repository, CNCF maturity and
// parent project), and the organisation named by its crunchbase link an org
// that maintains it. Items of the landscape's member and end-user sections
// are skipped: they are companies, not software.
func ParseLandscape(r io.Reader) ([]graph.CatalogEntry, error) {
	var l landscape
	dec := yaml.NewDecoder(r)
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("landscape: %w", err)
	}
	if len(l.Landscape) == 0 {
		return nil, fmt.Errorf("landscape: no 'landscape:' categories found")
	}
	var out []graph.CatalogEntry
	orgs := map[string]bool{}
	for _, cat := range l.Landscape {
		lc := strings.ToLower(cat.Name)
		if strings.Contains(lc, "member") || strings.Contains(lc, "end user") || strings.Contains(lc, "certified") {
			continue
		}
		for _, sub := range cat.Subcategories {
			for _, it := range sub.Items {
				name := strings.TrimSpace(it.Name)
				if name == "" || graph.Slug(name) == "" {
					continue
				}
				e := graph.CatalogEntry{Name: name, Kind: graph.Project, Homepage: it.Homepage,
					Repo: it.Repo, Maturity: it.Project, Parent: it.Extra.Parent,
					Description: it.Description, Origin: "landscape"}
				if org := crunchbaseOrg(it.Crunchbase); org != "" {
					e.Maintainer = org
					if !orgs[org] {
						orgs[org] = true
						out = append(out, graph.CatalogEntry{Name: org, Kind: graph.Org, Origin: "landscape"})
					}
				}
				e.Ambiguous = ambiguousWord(name)
				out = append(out, e)
			}
		}
	}
	for i := range out {
		out[i].ID = graph.NodeID(out[i].Kind, out[i].Name)
	}
	return out, nil
}

// crunchbaseOrg turns ".../organization/red-hat" into "Red Hat".
func crunchbaseOrg(u string) string {
	i := strings.LastIndex(u, "/organization/")
	if i < 0 {
		return ""
	}
	slug := strings.Trim(u[i+len("/organization/"):], "/")
	if slug == "" {
		return ""
	}
	words := strings.Split(slug, "-")
	for j, w := range words {
		if len(w) <= 3 && strings.ToUpper(w) == w || w == "aws" || w == "ibm" || w == "cncf" || w == "sap" {
			words[j] = strings.ToUpper(w)
		} else if w != "" {
			words[j] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
