package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

// Commands that explore the graph: show, neighbors, path, related, rank,
// communities and search. Single-hop questions read the store's indexes;
// path reads the neighbourhoods of its two ends (graph.LocalPaths); rank
// and communities load a projection of the whole graph.

func init() {
	extraCommandList = append(extraCommandList, showCommand, neighborsCommand, pathCommand,
		relatedCommand, rankCommand, communitiesCommand, searchCommand)
}

var viaSourcesFlag = &cli.BoolFlag{Name: "via-sources", Usage: "also walk through source documents (covers, authored and source mentions)"}

// kindFlag is a repeatable --kind flag; values may also be comma separated.
func kindFlag(usage string) *cli.StringSliceFlag {
	return &cli.StringSliceFlag{Name: "kind", Aliases: []string{"k"}, Usage: usage}
}

// kindsOf reads a kindFlag.
func kindsOf(c *cli.Context) ([]graph.NodeKind, error) {
	var out []graph.NodeKind
	for _, v := range c.StringSlice("kind") {
		for _, s := range strings.Split(v, ",") {
			k := graph.NodeKind(strings.ToLower(strings.TrimSpace(s)))
			if k == "" {
				continue
			}
			if !k.Valid() {
				return nil, usagef("unknown kind %q (use %s)", s, kindList())
			}
			if !containsKind(out, k) {
				out = append(out, k)
			}
		}
	}
	return out, nil
}

func containsKind(ks []graph.NodeKind, k graph.NodeKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// nameArg resolves the node named by the command's arguments, joined with
// spaces so that `kg show Liz Rice` works without quotes.
func nameArg(c *cli.Context, db graph.Store, kinds ...graph.NodeKind) (graph.Node, error) {
	name, err := textArg(c, "NAME")
	if err != nil {
		return graph.Node{}, err
	}
	return graph.Resolve(c.Context, db, name, kinds...)
}

// textArg returns the command's arguments joined with spaces. Flags after
// the arguments are not parsed by urfave/cli, so it refuses them rather
// than take "--limit" for part of a name.
func textArg(c *cli.Context, what string) (string, error) {
	for _, a := range c.Args().Slice() {
		if len(a) > 1 && strings.HasPrefix(a, "-") {
			return "", usagef("flag %s after %s: put flags first (kg %s [flags] %s)", a, what, c.Command.Name, what)
		}
	}
	text := strings.TrimSpace(strings.Join(c.Args().Slice(), " "))
	if text == "" {
		return "", usagef("%s needs %s", c.Command.Name, what)
	}
	return text, nil
}

// where prints an evidence record as "source:line text".
func where(e graph.Evidence) string {
	if e.Source == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d %s", graph.IDSlug(e.Source), e.Line, e.Text)
}

// arrow draws an edge of kind k walked in direction dir.
func arrow(k graph.EdgeKind, dir string) string {
	if dir == "in" {
		return "<-" + string(k) + "-"
	}
	return "-" + string(k) + "->"
}

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "show a node: its aliases, attributes and edges grouped by kind, with evidence",
		ArgsUsage: "NAME",
		Description: "Prints the node and its edges in both directions, grouped by kind, each with the first\n" +
			"line of evidence (all of it with --evidence). --limit caps the edges shown per group.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "evidence", Usage: "print every evidence record of every edge, in full"},
			formatFlag, limitFlag,
		},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			n, err := nameArg(c, db)
			if err != nil {
				return err
			}
			ev := 1
			if c.Bool("evidence") {
				ev = 0
			}
			d, err := graph.Describe(c.Context, db, n.ID, ev, c.Int("limit"))
			if err != nil {
				return err
			}
			switch c.String("format") {
			case "table":
				return printDetail(c.App.Writer, d, c.Bool("evidence"))
			case "csv":
				t := table{header: []string{"direction", "kind", "id", "name", "node_kind", "source", "line", "text"}}
				for _, g := range d.Groups {
					for _, l := range g.Links {
						for _, e := range l.Evidence {
							t.rows = append(t.rows, []string{l.Direction, string(l.Kind), l.Node.ID, l.Node.Name,
								string(l.Node.Kind), e.Source, strconv.Itoa(e.Line), e.Text})
						}
					}
				}
				return t.print(c)
			}
			return table{json: d}.print(c)
		}),
	}
}

// printDetail writes a node and its edges for a terminal.
func printDetail(w io.Writer, d graph.Detail, full bool) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	n := d.Node
	fmt.Fprintf(tw, "%s (%s)\t%s\n", n.Name, n.Kind, n.ID)
	if len(n.Aliases) > 0 {
		fmt.Fprintf(tw, "aliases\t%s\n", strings.Join(n.Aliases, ", "))
	}
	keys := make([]string, 0, len(n.Attrs))
	for k := range n.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%v\n", k, n.Attrs[k])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, g := range d.Groups {
		fmt.Fprintf(w, "\n%s (%d)\n", arrow(g.Kind, g.Direction), g.Count)
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, l := range g.Links {
			first := ""
			if len(l.Evidence) > 0 && !full {
				first = where(l.Evidence[0])
				if more := l.EvidenceCount - 1; more > 0 {
					first = fmt.Sprintf("(+%d) %s", more, first)
				}
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", cell(l.Node.Name), l.Node.Kind, l.Node.ID, cell(first))
			if full {
				for _, e := range l.Evidence {
					fmt.Fprintf(tw, "    %s\n", strings.Join(strings.Fields(where(e)), " "))
				}
			}
		}
		if len(g.Links) < g.Count {
			fmt.Fprintf(tw, "  … %d more (raise --limit)\n", g.Count-len(g.Links))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func neighborsCommand() *cli.Command {
	return &cli.Command{
		Name:      "neighbors",
		Aliases:   []string{"neighbours"},
		Usage:     "list the nodes within --depth hops of a node, in either direction",
		ArgsUsage: "NAME",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "depth", Aliases: []string{"d"}, Value: 1, Usage: "hops to walk (`N`)"},
			kindFlag("list only nodes of `KIND` (repeatable or comma separated); others are still walked through"),
			viaSourcesFlag, formatFlag, limitFlag,
		},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			kinds, err := kindsOf(c)
			if err != nil {
				return err
			}
			if c.Int("depth") < 1 {
				return usagef("--depth must be at least 1")
			}
			n, err := nameArg(c, db)
			if err != nil {
				return err
			}
			rows, err := graph.Reach(c.Context, db, n.ID, graph.ReachOptions{Depth: c.Int("depth"), Kinds: kinds, ViaSources: c.Bool("via-sources")})
			if err != nil {
				return err
			}
			rows = limit(c, rows)
			t := table{header: []string{"depth", "kind", "name", "via", "from", "id"}, json: rows}
			for _, r := range rows {
				t.rows = append(t.rows, []string{strconv.Itoa(r.Depth), string(r.Kind), r.Name, arrow(r.Via, r.Direction), r.From, r.ID})
			}
			return t.print(c)
		}),
	}
}

// pathResult is what path prints as JSON.
type pathResult struct {
	From  graph.NodeRef `json:"from"`
	To    graph.NodeRef `json:"to"`
	Paths []graph.Path  `json:"paths"`
}

func pathCommand() *cli.Command {
	return &cli.Command{
		Name:      "path",
		Usage:     "the k shortest paths between two nodes, each hop with its edge and evidence",
		ArgsUsage: "A B",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "k", Value: 3, Usage: "number of paths (`N`)"},
			viaSourcesFlag, formatFlag, limitFlag,
		},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			if _, err := textArg(c, "A B"); err != nil {
				return err
			}
			if c.NArg() != 2 {
				return usagef("path needs two names, A and B (quote names with spaces)")
			}
			if c.Int("k") < 1 {
				return usagef("--k must be at least 1")
			}
			via := c.Bool("via-sources")
			var ends [2]graph.Node
			for i := range ends {
				n, err := graph.Resolve(c.Context, db, c.Args().Get(i))
				if err != nil {
					return err
				}
				if n.Kind == graph.Source && !via {
					return usagef("%q is a source document; add --via-sources to walk through sources", c.Args().Get(i))
				}
				ends[i] = n
			}
			paths, err := graph.LocalPaths(c.Context, db, ends[0].ID, ends[1].ID, c.Int("k"), via)
			if err != nil {
				return err
			}
			paths = limit(c, paths)
			res := pathResult{From: ends[0].Ref(), To: ends[1].Ref(), Paths: paths}
			switch c.String("format") {
			case "table":
				return printPaths(c.App.Writer, res)
			case "csv":
				t := table{header: []string{"path", "hop", "from", "kind", "direction", "to", "source", "line", "text"}}
				for i, pt := range paths {
					for j, h := range pt.Hops {
						t.rows = append(t.rows, []string{strconv.Itoa(i + 1), strconv.Itoa(j + 1), h.From.ID, string(h.Kind),
							h.Direction, h.To.ID, h.Evidence.Source, strconv.Itoa(h.Evidence.Line), h.Evidence.Text})
					}
				}
				return t.print(c)
			}
			return table{json: res}.print(c)
		}),
	}
}

func printPaths(w io.Writer, r pathResult) error {
	if len(r.Paths) == 0 {
		_, err := fmt.Fprintf(w, "no path between %s and %s\n", r.From.Name, r.To.Name)
		return err
	}
	for i, pt := range r.Paths {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "path %d: %d hops\n", i+1, pt.Length)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, h := range pt.Hops {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", cell(h.From.Name), arrow(h.Kind, h.Direction), cell(h.To.Name), cell(where(h.Evidence)))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func relatedCommand() *cli.Command {
	return &cli.Command{
		Name:      "related",
		Usage:     "what is mentioned in the same talks as a project, topic, org or person, most similar first",
		ArgsUsage: "NAME",
		Flags: []cli.Flag{
			kindFlag("list only `KIND` (project, topic, org, person; repeatable)"),
			&cli.BoolFlag{Name: "talks-only", Usage: "score by shared talks alone, ignoring part_of, maintained_by and works_for"},
			formatFlag, limitFlag,
		},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			kinds, err := kindsOf(c)
			if err != nil {
				return err
			}
			n, err := nameArg(c, db, graph.Things...)
			if err != nil {
				return err
			}
			rows, err := graph.Related(c.Context, db, n.ID, graph.RelatedOptions{Kinds: kinds, TalksOnly: c.Bool("talks-only")})
			if err != nil {
				return err
			}
			rows = limit(c, rows)
			if rows == nil {
				rows = []graph.Relation{}
			}
			t := table{header: []string{"name", "kind", "talks", "score", "links", "id"}, json: rows}
			for _, r := range rows {
				var links []string
				for _, k := range r.Links {
					links = append(links, string(k))
				}
				t.rows = append(t.rows, []string{r.Name, string(r.Kind), strconv.Itoa(r.Talks),
					strconv.FormatFloat(r.Score, 'f', 3, 64), strings.Join(links, ","), r.ID})
			}
			return t.print(c)
		}),
	}
}

func rankCommand() *cli.Command {
	return &cli.Command{
		Name:  "rank",
		Usage: "rank nodes by centrality in the graph of talks, projects, topics, people and orgs",
		Description: "Ranks over the undirected graph of talks, projects, topics, people and orgs (sources,\n" +
			"events and covers edges left out) and lists the nodes of --kind. --by betweenness runs\n" +
			"on talks and --kind only when --kind is given, and refuses graphs above " + strconv.Itoa(graph.MaxBetweenness) + " nodes.",
		Flags: []cli.Flag{
			kindFlag("list only `KIND` (repeatable)"),
			&cli.StringFlag{Name: "by", Value: "pagerank", Usage: "`MEASURE`: degree, pagerank or betweenness"},
			formatFlag, limitFlag,
		},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			kinds, err := kindsOf(c)
			if err != nil {
				return err
			}
			by := graph.Measure(c.String("by"))
			opt := graph.ProjectionOptions{Kinds: append([]graph.NodeKind{}, graph.RankKinds...)}
			switch by {
			case graph.ByDegree, graph.ByPageRank:
			case graph.ByBetweenness:
				if len(kinds) > 0 {
					opt.Kinds = []graph.NodeKind{graph.Talk}
				}
			default:
				return usagef("unknown --by %q (use degree, pagerank or betweenness)", by)
			}
			for _, k := range kinds {
				if !containsKind(opt.Kinds, k) {
					opt.Kinds = append(opt.Kinds, k)
				}
			}
			opt.NoEvidence, opt.NoLinks = true, true
			p, err := graph.LoadProjection(c.Context, db, opt)
			if err != nil {
				return err
			}
			rows, err := graph.Rank(p, by, kinds...)
			if errors.Is(err, graph.ErrTooLarge) {
				return usagef("%v; use --by pagerank, or --kind to rank within talks and that kind only", err)
			}
			if err != nil {
				return err
			}
			rows = limit(c, rows)
			if rows == nil {
				rows = []graph.Score{}
			}
			t := table{header: []string{"rank", "name", "kind", "score", "degree", "id"}, json: rows}
			for _, r := range rows {
				t.rows = append(t.rows, []string{strconv.Itoa(r.Rank), r.Name, string(r.Kind),
					strconv.FormatFloat(r.Score, 'g', 6, 64), strconv.Itoa(r.Degree), r.ID})
			}
			return t.print(c)
		}),
	}
}

func communitiesCommand() *cli.Command {
	return &cli.Command{
		Name:  "communities",
		Usage: "find groups of talks and things that belong together (Louvain), largest first",
		Description: "Runs the Louvain method on the undirected graph of talks, projects, topics, people and\n" +
			"orgs and lists each community by its most central members of --kind (default: projects,\n" +
			"topics, people and orgs). The result is the same on every run.",
		Flags: []cli.Flag{
			kindFlag("list members of `KIND` (repeatable; default project, topic, person, org)"),
			&cli.IntFlag{Name: "top", Value: 5, Usage: "members listed per community (`N`)"},
			&cli.IntFlag{Name: "min-size", Value: 2, Usage: "leave out communities of fewer than `N` nodes"},
			&cli.IntFlag{Name: "max-nodes", Value: graph.MaxCommunities, Usage: "refuse graphs of more than `N` nodes (Louvain's time grows steeply)"},
			formatFlag, limitFlag,
		},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			kinds, err := kindsOf(c)
			if err != nil {
				return err
			}
			if len(kinds) == 0 {
				kinds = graph.Things
			}
			p, err := graph.LoadProjection(c.Context, db, graph.ProjectionOptions{Kinds: graph.RankKinds, NoEvidence: true, NoLinks: true})
			if err != nil {
				return err
			}
			if max := c.Int("max-nodes"); p.Len() > max {
				return usagef("communities on %d nodes (at most %d): Louvain would take many minutes; raise --max-nodes to wait for it", p.Len(), max)
			}
			part := graph.Communities(p, 1, c.Int("min-size"), c.Int("top"), kinds...)
			part.Communities = limit(c, part.Communities)
			t := table{header: []string{"community", "size", "kinds", "top"}, json: part}
			for _, cm := range part.Communities {
				var ks, top []string
				for _, k := range graph.NodeKinds {
					if n := cm.Kinds[k]; n > 0 {
						ks = append(ks, fmt.Sprintf("%d %s", n, k))
					}
				}
				for _, m := range cm.Top {
					top = append(top, m.Name)
				}
				t.rows = append(t.rows, []string{strconv.Itoa(cm.ID), strconv.Itoa(cm.Size), strings.Join(ks, ", "), strings.Join(top, ", ")})
			}
			return t.print(c)
		}),
	}
}

func searchCommand() *cli.Command {
	return &cli.Command{
		Name:      "search",
		Usage:     "find nodes whose name or alias matches TEXT, exactly, in part or nearly",
		ArgsUsage: "TEXT",
		Flags:     []cli.Flag{kindFlag("only nodes of `KIND` (repeatable)"), formatFlag, limitFlag},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			kinds, err := kindsOf(c)
			if err != nil {
				return err
			}
			text, err := textArg(c, "TEXT")
			if err != nil {
				return err
			}
			rows, err := graph.Search(c.Context, db, text, kinds...)
			if err != nil {
				return err
			}
			rows = limit(c, rows)
			t := table{header: []string{"name", "kind", "matched", "how", "score", "id"}, json: rows}
			for _, r := range rows {
				t.rows = append(t.rows, []string{r.Name, string(r.Kind), r.Matched, r.How, strconv.FormatFloat(r.Score, 'f', 2, 64), r.ID})
			}
			return t.print(c)
		}),
	}
}
