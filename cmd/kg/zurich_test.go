package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// zurichRecaps are three recaps of KCD Zurich 2023 by two authors: the
// same blog post as Markdown-ish text and as plain text, and a third post
// that spells Filip Nikolic "Nicolic".
var zurichRecaps = []string{
	"kcd-zurich-2023-feedback.txt",
	"kcd-zurich-2023-feedback-plain.txt",
	"kcd-zurich-2023-dbi.txt",
}

const corpusDir = "../../../shared/corpus/recaps"

func zurichPaths(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, name := range zurichRecaps {
		p := filepath.Join(corpusDir, name)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("corpus recap %s not available: %v", p, err)
		}
		paths = append(paths, p)
	}
	return paths
}

// kg runs the command in-process, as main does, and returns stdout and the
// exit code; stderr is reported on failure.
func kg(t *testing.T, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"kg"}, args...), strings.NewReader(""), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("kg %s: exit %d\nstderr: %s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.Bytes()
}

// ingestExport ingests paths, in that order, into a new database and
// returns the exported JSON.
func ingestExport(t *testing.T, paths []string) []byte {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "db")
	kg(t, append([]string{"--db", dir, "ingest"}, paths...)...)
	return kg(t, "--db", dir, "export", "--format", "json")
}

type exported struct {
	Nodes []graph.Node `json:"nodes"`
	Edges []graph.Edge `json:"edges"`
}

func TestZurichOneGraph(t *testing.T) {
	paths := zurichPaths(t)
	var g exported
	if err := json.Unmarshal(ingestExport(t, paths), &g); err != nil {
		t.Fatal(err)
	}
	sources := map[string]bool{}
	for _, n := range g.Nodes {
		if n.Kind == graph.Source {
			sources[n.ID] = true
		}
	}
	if len(sources) != 3 {
		t.Fatalf("%d source nodes, want 3: %v", len(sources), sources)
	}

	t.Run("one event", func(t *testing.T) {
		var events []graph.Node
		for _, n := range g.Nodes {
			if n.Kind == graph.Event {
				events = append(events, n)
			}
		}
		// every recap covers KCD Zurich 2023 and nothing else: a second
		// event node ("KCD 2023", "Kubernetes Community Days Zurich") is a
		// duplicate
		if len(events) != 1 {
			t.Fatalf("%d event nodes, want the one KCD Zurich 2023: %+v", len(events), events)
		}
		ev := events[0]
		if ev.ID != "event:kcd-zurich-2023" {
			t.Errorf("event id %q, want event:kcd-zurich-2023", ev.ID)
		}
		// JSON numbers decode as float64
		if y, _ := ev.Attrs["year"].(float64); y != 2023 {
			t.Errorf("event year %v (%T), want the number 2023", ev.Attrs["year"], ev.Attrs["year"])
		}
		if c, _ := ev.Attrs["city"].(string); c != "Zurich" {
			t.Errorf("event city %q, want Zurich", c)
		}
		covered := map[string]bool{}
		for _, e := range g.Edges {
			if e.Kind == graph.Covers && e.Target == ev.ID {
				covered[e.Source] = true
			}
		}
		if len(covered) != 3 {
			t.Errorf("event covered by %v, want the three sources", covered)
		}
	})

	t.Run("one Cilium Mesh talk", func(t *testing.T) {
		var talks []graph.Node
		for _, n := range g.Nodes {
			if n.Kind == graph.Talk && strings.Contains(graph.Key(n.Name), "ciliummesh") {
				talks = append(talks, n)
			}
		}
		if len(talks) != 1 {
			t.Fatalf("%d Cilium Mesh talk nodes, want 1: %+v", len(talks), talks)
		}
		talk := talks[0]
		if !strings.HasPrefix(talk.ID, "talk:kcd-zurich-2023/") {
			t.Errorf("talk id %q is not scoped by the event", talk.ID)
		}
		from := map[string]bool{}
		for _, e := range g.Edges {
			if e.Kind != graph.Covers || e.Target != talk.ID {
				continue
			}
			from[e.Source] = true
			ok := false
			for _, ev := range e.Evidence {
				if ev.Source == e.Source && ev.Line > 0 && strings.Contains(ev.Text, "Cilium Mesh") {
					ok = true
				}
			}
			if !ok {
				t.Errorf("covers %s -> %s: no evidence from %s naming the talk: %+v", e.Source, talk.ID, e.Source, e.Evidence)
			}
		}
		if len(from) != 3 {
			t.Errorf("talk covered by %v, want all three sources", from)
		}
		for _, e := range g.Edges {
			if e.Kind == graph.HeldAt && e.Source == talk.ID && e.Target != "event:kcd-zurich-2023" {
				t.Errorf("talk held at %s", e.Target)
			}
		}
	})

	t.Run("one Filip Nikolic", func(t *testing.T) {
		var people []graph.Node
		for _, n := range g.Nodes {
			if n.Kind != graph.Person {
				continue
			}
			for _, s := range append([]string{n.Name}, n.Aliases...) {
				if k := graph.Key(s); k == "filipnikolic" || k == "filipnicolic" {
					people = append(people, n)
					break
				}
			}
		}
		if len(people) != 1 {
			t.Fatalf("%d person nodes for Filip Nikolic, want 1: %+v", len(people), people)
		}
		p := people[0]
		if p.Name != "Filip Nikolic" {
			t.Errorf("canonical name %q, want Filip Nikolic (as the speaker lines spell it)", p.Name)
		}
		if !slices.Contains(p.Aliases, "Filip Nicolic") {
			t.Errorf("aliases %q, want the dbi spelling Filip Nicolic among them", p.Aliases)
		}
		srcs := map[string]bool{}
		for _, e := range g.Edges {
			if e.Kind == graph.Presented && e.Source == p.ID {
				for _, ev := range e.Evidence {
					srcs[ev.Source] = true
				}
			}
		}
		if len(srcs) < 2 {
			t.Errorf("presented evidence for %s from %v, want the recaps of both authors", p.ID, srcs)
		}
	})
}

// TestZurichIngestOrder: the graph does not depend on the order in which
// the recaps arrive.
func TestZurichIngestOrder(t *testing.T) {
	paths := zurichPaths(t)
	var first []byte
	var firstOrder []string
	for _, perm := range permutations(paths) {
		var names []string
		for _, p := range perm {
			names = append(names, filepath.Base(p))
		}
		t.Run(strings.Join(names, ","), func(t *testing.T) {
			out := ingestExport(t, perm)
			if !json.Valid(out) || len(out) < 1000 {
				t.Fatalf("export is not a graph: %.200s", out)
			}
			if first == nil {
				first, firstOrder = out, names
				return
			}
			if !bytes.Equal(out, first) {
				t.Errorf("export after ingesting %v differs from export after %v:\n%s", names, firstOrder, firstDifference(out, first))
			}
		})
	}
}

func permutations(s []string) [][]string {
	if len(s) <= 1 {
		return [][]string{append([]string(nil), s...)}
	}
	var out [][]string
	for i := range s {
		rest := append(append([]string(nil), s[:i]...), s[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]string{s[i]}, p...))
		}
	}
	return out
}

func firstDifference(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) && i < len(lb); i++ {
		if !bytes.Equal(la[i], lb[i]) {
			return "line " + strconv.Itoa(i+1) + ": " + string(la[i]) + "\n    vs: " + string(lb[i])
		}
	}
	return "one export is a prefix of the other"
}
