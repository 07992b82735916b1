package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

// selectionFlags are shared by export and render.
func selectionFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "focus", Usage: "only the neighbourhood of `NAME`"},
		&cli.IntFlag{Name: "depth", Value: 1, Usage: "hops around --focus"},
		&cli.StringFlag{Name: "event", Usage: "only `EVENT`, its talks and what they touch"},
		&cli.StringFlag{Name: "kinds", Usage: "only nodes of these kinds, comma separated (talk,person,project)"},
		&cli.IntFlag{Name: "min-mentions", Usage: "drop projects, topics, orgs and people mentioned by fewer than `N` talks or sources"},
		&cli.StringFlag{Name: "cluster", Value: "none", Usage: "DOT clusters: event, org or none"},
		&cli.IntFlag{Name: "max-degree", Usage: "DOT: fold edges of a node beyond `N` into one \"+N more\" node"},
		&cli.StringFlag{Name: "layout", Usage: "DOT/render: Graphviz layout engine (dot, sfdp, neato...)"},
	}
}

// selectGraph loads the part of the graph the selection flags ask for.
func selectGraph(c *cli.Context, db *store.DB) (*graph.Graph, error) {
	var sel graph.Selection
	if c.Int("depth") < 0 {
		return nil, usagef("--depth must be 0 or more")
	}
	if e := c.String("event"); e != "" {
		n, err := graph.Resolve(c.Context, db, e, graph.Event)
		if err != nil {
			return nil, err
		}
		sel.Event = n.ID
	}
	km, err := kindsAndMentions(c)
	if err != nil {
		return nil, err
	}
	sel.Kinds, sel.MinMentions = km.Kinds, km.MinMentions
	var g *graph.Graph
	switch f := c.String("focus"); {
	case f != "":
		n, err := graph.Resolve(c.Context, db, f)
		if err != nil {
			return nil, err
		}
		if g, err = graph.Neighborhood(c.Context, db, n.ID, c.Int("depth"), 0); err != nil {
			return nil, err
		}
	case sel.Event != "":
		// an event's part, read from the store: memory follows the event
		return graph.LoadSelection(c.Context, db, sel)
	default:
		// kinds and mentions, applied while the store is read
		w, err := graph.SelectWalker(c.Context, db, sel)
		if err != nil {
			return nil, err
		}
		return graph.LoadFrom(c.Context, w)
	}
	if sel.Event != "" || len(sel.Kinds) > 0 || sel.MinMentions > 0 {
		g = graph.Select(g, sel)
	}
	return g, nil
}

// kindsAndMentions reads --kinds and --min-mentions.
func kindsAndMentions(c *cli.Context) (graph.Selection, error) {
	var sel graph.Selection
	if k := c.String("kinds"); k != "" {
		for _, s := range strings.Split(k, ",") {
			kind := graph.NodeKind(strings.TrimSpace(s))
			if !kind.Valid() {
				return sel, usagef("unknown kind %q in --kinds (use %s)", s, kindList())
			}
			sel.Kinds = append(sel.Kinds, kind)
		}
	}
	sel.MinMentions = c.Int("min-mentions")
	return sel, nil
}

// selecting reports whether any selection flag is set.
func selecting(c *cli.Context) bool {
	return c.String("focus") != "" || c.String("event") != "" || c.String("kinds") != "" || c.Int("min-mentions") > 0
}

func kindList() string {
	var ks []string
	for _, k := range graph.NodeKinds {
		ks = append(ks, string(k))
	}
	return strings.Join(ks, ", ")
}

func dotOptions(c *cli.Context) export.DOTOptions {
	return export.DOTOptions{Cluster: c.String("cluster"), MaxDegree: c.Int("max-degree"), Layout: c.String("layout")}
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the graph as " + strings.Join(export.Formats, ", "),
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "json", Usage: "`FORMAT`: " + strings.Join(export.Formats, ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (a directory for csv) instead of stdout"},
			&cli.StringFlag{Name: "schema", Usage: "print a loader schema instead of data: dgraph"},
		}, selectionFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("export takes no arguments (got %q)", c.Args().First())
			}
			if s := c.String("schema"); s != "" {
				if s != "dgraph" {
					return usagef("unknown --schema %q (use dgraph)", s)
				}
				return writeOut(c, func(w io.Writer) error { return export.DgraphSchema(w) })
			}
			format := c.String("format")
			known := false
			for _, f := range export.Formats {
				known = known || f == format
			}
			if !known {
				return usagef("unknown --format %q (use %s)", format, strings.Join(export.Formats, ", "))
			}
			if format == "csv" && c.String("output") == "" {
				return usagef("--format csv writes nodes.csv and edges.csv: name a directory with -o DIR")
			}
			db, err := openRead(c)
			if err != nil {
				return err
			}
			defer db.Close()
			if c.String("focus") != "" || c.String("event") != "" {
				g, err := selectGraph(c, db)
				if err != nil {
					return err
				}
				return writeGraph(c, format, g)
			}
			// Without a focus or an event, the selection is by kinds and
			// mentions, which a walk applies as it goes: only the formats
			// that draw (DOT with clusters or hub caps, Mermaid) hold the
			// graph, and only the part selected.
			var walker graph.Walker = db
			if selecting(c) {
				sel, err := kindsAndMentions(c)
				if err != nil {
					return err
				}
				if walker, err = graph.SelectWalker(c.Context, db, sel); err != nil {
					return err
				}
			}
			switch {
			case format == "csv":
				s, err := export.NewCSVStream(c.String("output"))
				if err != nil {
					return err
				}
				if err := walker.Walk(c.Context, s.Node, s.Edge); err != nil {
					s.Abort()
					return err
				}
				return s.Close()
			case slices.Contains(export.StreamFormats, format):
				// streamed in the store's order: memory stays flat however
				// big the graph is
				return writeOut(c, func(w io.Writer) error {
					s, err := export.NewStream(w, format)
					if err != nil {
						return err
					}
					if err := walker.Walk(c.Context, s.Node, s.Edge); err != nil {
						return err
					}
					return s.Close()
				})
			case format == "dot" && (c.String("cluster") == "" || c.String("cluster") == "none") && c.Int("max-degree") <= 0:
				// ~1 GB less for the whole 10k graph
				return writeOut(c, func(w io.Writer) error { return export.StreamDOT(c.Context, w, walker, dotOptions(c)) })
			case format == "mermaid":
				// Refuse a graph too big for Mermaid before loading it (550
				// MB for the whole 10k graph): count edges up to the limit.
				n := 0
				errEnough := errors.New("enough edges")
				err := walker.Walk(c.Context, nil, func(graph.Edge) error {
					if n++; n > export.MermaidMaxEdges {
						return errEnough
					}
					return nil
				})
				if errors.Is(err, errEnough) {
					return export.MermaidTooBig(fmt.Sprintf("more than %d", export.MermaidMaxEdges))
				} else if err != nil {
					return err
				}
			}
			g, err := graph.LoadFrom(c.Context, walker)
			if err != nil {
				return err
			}
			return writeGraph(c, format, g)
		},
	}
}

// writeGraph writes g in format (csv into -o DIR).
func writeGraph(c *cli.Context, format string, g *graph.Graph) error {
	if format == "csv" {
		return export.CSV(c.String("output"), g)
	}
	opts := export.Options{DOT: dotOptions(c)}
	return writeOut(c, func(w io.Writer) error { return export.Write(w, format, g, opts) })
}

// writeOut writes to -o FILE (atomically, through a temporary file) or stdout.
func writeOut(c *cli.Context, fn func(io.Writer) error) error {
	path := c.String("output")
	if path == "" || path == "-" {
		bw := bufio.NewWriterSize(c.App.Writer, 1<<16)
		if err := fn(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := fn(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

func renderCommand() *cli.Command {
	return &cli.Command{
		Name:  "render",
		Usage: "draw the graph with Graphviz into an SVG or PNG file",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "kg.svg", Usage: "`FILE` to write; .svg or .png"},
		}, selectionFlags()...),
		Action: func(c *cli.Context) error {
			out := c.String("output")
			format := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
			if format != "svg" && format != "png" {
				return usagef("render writes .svg or .png files, not %q", out)
			}
			db, err := openRead(c)
			if err != nil {
				return err
			}
			defer db.Close()
			g, err := selectGraph(c, db)
			if err != nil {
				return err
			}
			if err := export.Render(c.Context, g, dotOptions(c), out, format); err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "wrote %s (%d nodes, %d edges)\n", out, len(g.Nodes), len(g.Edges))
			return nil
		},
	}
}
