package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// LargeGraph is the number of nodes above which DOT asks for the sfdp
// layout and Render runs sfdp instead of dot: dot's layered layout takes
// minutes and draws an unreadable band on graphs this big.
const LargeGraph = 300

// DOTOptions tunes DOT.
type DOTOptions struct {
	// Cluster groups nodes into boxes: "event" puts each event with its
	// talks, "org" puts each org with the people who work for it, "none" or
	// "" groups nothing. Any other value is an ErrBadOption.
	Cluster string
	// MaxDegree, if above 0, caps hubs: a node with more than MaxDegree
	// edges keeps its first MaxDegree edges (in sorted order) and the rest
	// are folded into one node labelled "+N more". Nodes left with no edge
	// by folding are not drawn.
	MaxDegree int
	// Layout, if set, names the Graphviz layout engine (dot, neato, fdp,
	// sfdp, circo, twopi) written into the graph. Without it graphs of more
	// than LargeGraph nodes get sfdp.
	Layout string
}

// dotStyle is how one node kind is drawn.
type dotStyle struct {
	shape, fill, extra string
}

// dotStyles maps node kinds to shapes and colours; the legend shows them.
var dotStyles = map[graph.NodeKind]dotStyle{
	graph.Event:   {"doubleoctagon", "#f4cccc", ""},
	graph.Talk:    {"note", "#fff2cc", ""},
	graph.Person:  {"ellipse", "#cfe2f3", ""},
	graph.Org:     {"box3d", "#d9d2e9", ""},
	graph.Project: {"box", "#d9ead3", `, style="filled,rounded"`},
	graph.Topic:   {"hexagon", "#fce5cd", ""},
	graph.Source:  {"folder", "#eeeeee", ""},
}

// styleOf returns the style of kind k, a plain white ellipse if unknown.
func styleOf(k graph.NodeKind) dotStyle {
	if s, ok := dotStyles[k]; ok {
		return s
	}
	return dotStyle{"ellipse", "#ffffff", ""}
}

// dotID quotes s as a DOT ID. Inside quotes DOT only gives meaning to \"
// and to a backslash before a line break; escaping backslashes, quotes and
// line breaks keeps every id distinct and on one line. Other control
// characters are written as \xHH text so that no output format sees them.
func dotID(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotText quotes s as a DOT label or tooltip. Graphviz reads escape
// sequences (\n, \l, \N ...) and HTML entities in these, so backslashes
// are doubled and &, < and > become entities; line breaks become \n and
// other control characters a space.
func dotText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// fold is a hub's "+N more" node.
type fold struct {
	hub   string
	count int
}

// dotPlan is what DOT draws once hubs are capped.
type dotPlan struct {
	nodes   []graph.Node // drawn nodes, sorted
	edges   []graph.Edge // drawn edges, sorted
	folds   []fold       // one per capped hub, by hub id
	tooltip map[string]string
}

// planDOT caps hubs of the sorted graph g and picks node tooltips.
func planDOT(g *graph.Graph, maxDegree int) dotPlan {
	p := dotPlan{tooltip: make(map[string]string, len(g.Nodes))}
	for _, e := range g.Edges {
		if t := firstText(e); t != "" {
			for _, id := range []string{e.Source, e.Target} {
				if _, ok := p.tooltip[id]; !ok {
					p.tooltip[id] = t
				}
			}
		}
	}
	incident := make(map[string][]int)
	for i, e := range g.Edges {
		incident[e.Source] = append(incident[e.Source], i)
		if e.Target != e.Source {
			incident[e.Target] = append(incident[e.Target], i)
		}
	}
	dropped := make([]bool, len(g.Edges))
	if maxDegree > 0 {
		for _, n := range g.Nodes {
			if es := incident[n.ID]; len(es) > maxDegree {
				for _, i := range es[maxDegree:] {
					dropped[i] = true
				}
			}
		}
	}
	for _, n := range g.Nodes {
		es := incident[n.ID]
		hidden := 0
		for _, i := range es {
			if dropped[i] {
				hidden++
			}
		}
		switch {
		case maxDegree > 0 && len(es) > maxDegree:
			p.folds = append(p.folds, fold{hub: n.ID, count: hidden})
		case len(es) > 0 && hidden == len(es):
			continue // every edge went into a hub's fold
		}
		p.nodes = append(p.nodes, n)
	}
	for i, e := range g.Edges {
		if !dropped[i] {
			p.edges = append(p.edges, e)
		}
	}
	return p
}

// clusters returns, for each drawn node of kind owner (an event or an org),
// its id followed by the ids of the drawn member nodes that join it, and
// the owners in id order. A member joins the owner at the end of its first
// edge of kind link (held_at for talks, works_for for people).
func clusters(p dotPlan, owner, member graph.NodeKind, link graph.EdgeKind) (map[string][]string, []string) {
	drawn := make(map[string]graph.NodeKind, len(p.nodes))
	for _, n := range p.nodes {
		drawn[n.ID] = n.Kind
	}
	groups := make(map[string][]string)
	var owners []string
	for _, n := range p.nodes {
		if n.Kind == owner {
			groups[n.ID] = []string{n.ID}
			owners = append(owners, n.ID)
		}
	}
	placed := make(map[string]bool)
	for _, e := range p.edges {
		if e.Kind != link || placed[e.Source] || drawn[e.Source] != member || drawn[e.Target] != owner {
			continue
		}
		placed[e.Source] = true
		groups[e.Target] = append(groups[e.Target], e.Source)
	}
	for _, ids := range groups {
		slices.Sort(ids[1:])
	}
	return groups, owners
}

// DOT writes g as a Graphviz digraph. Node shape and colour follow the node
// kind, explained by a legend cluster; labels are names, tooltips the first
// evidence text of an edge of the node (or its kind and id), edge labels the
// edge kind. Every string is quoted and escaped (never an HTML label), so
// `dot -Tsvg` reads any name without warnings. Graphs of more than
// LargeGraph nodes get layout=sfdp and overlap=prism unless opts.Layout is
// set. It returns an error wrapping ErrBadOption for an unknown
// opts.Cluster.
func DOT(w io.Writer, g *graph.Graph, opts DOTOptions) error {
	var owner, member graph.NodeKind
	var link graph.EdgeKind
	switch opts.Cluster {
	case "", "none":
	case "event":
		owner, member, link = graph.Event, graph.Talk, graph.HeldAt
	case "org":
		owner, member, link = graph.Org, graph.Person, graph.WorksFor
	default:
		return fmt.Errorf("export: dot: %w: cluster %q (want event, org or none)", ErrBadOption, opts.Cluster)
	}
	g = prepare(g)
	p := planDOT(g, opts.MaxDegree)
	bw := bufio.NewWriter(w)
	writeDOTHeader(bw, len(g.Nodes), opts.Layout)
	writeLegend(bw, p.nodes)
	inCluster := make(map[string]bool)
	if owner != "" {
		groups, owners := clusters(p, owner, member, link)
		byID := make(map[string]graph.Node, len(p.nodes))
		for _, n := range p.nodes {
			byID[n.ID] = n
		}
		for _, o := range owners {
			fmt.Fprintf(bw, "  subgraph %s {\n", dotID("cluster_"+o))
			fmt.Fprintf(bw, "    label=%s;\n    style=rounded;\n    color=\"#999999\";\n", dotText(byID[o].Name))
			for _, id := range groups[o] {
				inCluster[id] = true
				writeDOTNode(bw, "    ", byID[id], p.tooltip)
			}
			bw.WriteString("  }\n")
		}
	}
	for _, n := range p.nodes {
		if !inCluster[n.ID] {
			writeDOTNode(bw, "  ", n, p.tooltip)
		}
	}
	for _, f := range p.folds {
		noun := "edges"
		if f.count == 1 {
			noun = "edge"
		}
		fmt.Fprintf(bw, "  %s [label=%s, shape=plaintext, style=\"\", tooltip=%s];\n",
			dotID("more:"+f.hub), dotText(fmt.Sprintf("+%d more", f.count)),
			dotText(fmt.Sprintf("%d more %s of %s", f.count, noun, f.hub)))
	}
	for _, e := range p.edges {
		writeDOTEdge(bw, e)
	}
	for _, f := range p.folds {
		fmt.Fprintf(bw, "  %s -> %s [style=dashed, arrowhead=none];\n", dotID(f.hub), dotID("more:"+f.hub))
	}
	bw.WriteString("}\n")
	return flush(bw, "dot")
}

// writeDOTHeader writes the digraph line and graph-wide attributes.
func writeDOTHeader(bw *bufio.Writer, nodes int, layout string) {
	bw.WriteString("digraph \"kg\" {\n")
	bw.WriteString("  graph [rankdir=LR, fontsize=10, tooltip=\"kg\"];\n")
	switch {
	case layout != "":
		fmt.Fprintf(bw, "  layout=%s;\n", dotID(layout))
		if layout == "sfdp" || layout == "fdp" || layout == "neato" {
			bw.WriteString("  overlap=prism;\n")
		}
	case nodes > LargeGraph:
		bw.WriteString("  layout=sfdp;\n  overlap=prism;\n")
	}
	bw.WriteString("  node [style=filled, fontsize=10];\n")
	bw.WriteString("  edge [fontsize=8, color=\"#666666\"];\n")
}

// writeLegend writes a cluster with one sample node per kind drawn.
func writeLegend(bw *bufio.Writer, nodes []graph.Node) {
	present := make(map[graph.NodeKind]bool)
	for _, n := range nodes {
		present[n.Kind] = true
	}
	writeLegendOf(bw, present)
}

// writeLegendOf writes the legend of the node kinds present.
func writeLegendOf(bw *bufio.Writer, present map[graph.NodeKind]bool) {
	if len(present) == 0 {
		return
	}
	bw.WriteString("  subgraph \"cluster_legend\" {\n    label=\"Legend\";\n    style=dashed;\n    color=\"#bbbbbb\";\n")
	for _, k := range graph.NodeKinds {
		if !present[k] {
			continue
		}
		st := styleOf(k)
		fmt.Fprintf(bw, "    %s [label=%s, shape=%s, fillcolor=%s%s, tooltip=%s];\n",
			dotID("legend:"+string(k)), dotText(string(k)), st.shape, dotID(st.fill), st.extra,
			dotText("node kind "+string(k)))
	}
	bw.WriteString("  }\n")
}

// writeDOTNode writes one node statement.
func writeDOTNode(bw *bufio.Writer, indent string, n graph.Node, tooltips map[string]string) {
	st := styleOf(n.Kind)
	tip, ok := tooltips[n.ID]
	if !ok {
		tip = string(n.Kind) + " " + n.ID
	}
	label := n.Name
	if label == "" {
		label = n.ID
	}
	fmt.Fprintf(bw, "%s%s [label=%s, shape=%s, fillcolor=%s%s, tooltip=%s];\n",
		indent, dotID(n.ID), dotText(label), st.shape, dotID(st.fill), st.extra, dotText(tip))
}

// writeDOTEdge writes one edge statement, its tooltip the edge's first
// evidence text (or its kind).
func writeDOTEdge(bw *bufio.Writer, e graph.Edge) {
	tip := firstText(e)
	if tip == "" {
		tip = string(e.Kind)
	}
	fmt.Fprintf(bw, "  %s -> %s [label=%s, tooltip=%s];\n",
		dotID(e.Source), dotID(e.Target), dotText(string(e.Kind)), dotText(tip))
}

// StreamDOT writes exactly what DOT writes with opts for the graph s
// holds, without holding the graph: one walk counts the nodes and their
// kinds and finds each node's tooltip in the edges, a second writes the
// nodes and edges as it goes, keeping one tooltip per node (the
// whole 10k graph in memory is ~1 GB). Clusters and hub caps need the
// whole graph: with opts.Cluster other than "" or "none", or
// opts.MaxDegree above 0, it returns an error wrapping ErrBadOption.
func StreamDOT(ctx context.Context, w io.Writer, s graph.Walker, opts DOTOptions) error {
	if opts.Cluster != "" && opts.Cluster != "none" || opts.MaxDegree > 0 {
		return fmt.Errorf("export: dot: %w: a streamed graph has no clusters or hub caps", ErrBadOption)
	}
	nodes := 0
	present := make(map[graph.NodeKind]bool)
	tips := make(map[string]string)
	err := s.Walk(ctx, func(n graph.Node) error {
		nodes++
		present[n.Kind] = true
		return nil
	}, func(e graph.Edge) error {
		graph.SortEvidence(e.Evidence)
		if t := firstText(e); t != "" {
			for _, id := range []string{e.Source, e.Target} {
				if _, ok := tips[id]; !ok {
					tips[strings.Clone(id)] = strings.Clone(t)
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	writeDOTHeader(bw, nodes, opts.Layout)
	writeLegendOf(bw, present)
	err = s.Walk(ctx, func(n graph.Node) error {
		writeDOTNode(bw, "  ", n, tips)
		return nil
	}, func(e graph.Edge) error {
		graph.SortEvidence(e.Evidence)
		writeDOTEdge(bw, e)
		return nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("}\n")
	return flush(bw, "dot")
}
