package main

import (
	"context"
	"errors"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

// withDB opens the database read-only for a query and closes it after.
func withDB(fn func(c *cli.Context, db *store.DB) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.NArg() > 0 && c.Command.ArgsUsage == "" {
			return usagef("%s takes no arguments (got %q); use flags", c.Command.Name, c.Args().First())
		}
		for _, f := range c.Command.Flags {
			if f.Names()[0] == "format" {
				if err := checkFormat(c); err != nil {
					return err
				}
			}
		}
		db, err := openRead(c)
		if err != nil {
			return err
		}
		defer db.Close()
		return fn(c, db)
	}
}

// resolveFlag resolves the node named by a flag, if the flag is set.
func resolveFlag(c *cli.Context, db graph.Store, flag string, kinds ...graph.NodeKind) (string, error) {
	v := c.String(flag)
	if v == "" {
		return "", nil
	}
	n, err := graph.Resolve(c.Context, db, v, kinds...)
	if err != nil {
		return "", err
	}
	return n.ID, nil
}

func talksCommand() *cli.Command {
	return &cli.Command{
		Name:  "talks",
		Usage: "list talks, filtered by what they mention, who gave them, the event or an organisation",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "mentions", Aliases: []string{"m"}, Usage: "talks that mention `NAME` (a project, topic, org or person)"},
			&cli.StringFlag{Name: "speaker", Aliases: []string{"s"}, Usage: "talks given by `PERSON`"},
			&cli.StringFlag{Name: "event", Aliases: []string{"e"}, Usage: "talks held at `EVENT`"},
			&cli.StringFlag{Name: "org", Aliases: []string{"o"}, Usage: "talks given by people who work for `ORG`"},
			&cli.BoolFlag{Name: "exact", Usage: "do not count talks that mention only a part of NAME (Tetragon for Cilium)"},
			formatFlag, limitFlag,
		},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			var f graph.TalkFilter
			var err error
			if f.Mentions, err = resolveFlag(c, db, "mentions", graph.Things...); err != nil {
				return err
			}
			if f.Speaker, err = resolveFlag(c, db, "speaker", graph.Person); err != nil {
				return err
			}
			if f.Event, err = resolveFlag(c, db, "event", graph.Event); err != nil {
				return err
			}
			if f.Org, err = resolveFlag(c, db, "org", graph.Org); err != nil {
				return err
			}
			f.Exact = c.Bool("exact")
			// Only JSON rows carry the mentions' evidence: the table and
			// CSV show none, so they do not read it.
			f.NoEvidence = c.String("format") != "json"
			rows, err := graph.FindTalks(c.Context, db, f)
			if err != nil {
				return err
			}
			rows = limit(c, rows)
			t := table{header: []string{"title", "speakers", "event", "id"}, json: rows}
			for _, r := range rows {
				t.rows = append(t.rows, []string{r.Title, strings.Join(r.Speakers, ", "), r.Event, r.ID})
			}
			return t.print(c)
		}),
	}
}

func speakersCommand() *cli.Command {
	return &cli.Command{
		Name:  "speakers",
		Usage: "list people who presented talks, filtered by technology, event or organisation",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "tech", Aliases: []string{"t"}, Usage: "speakers of talks that mention `NAME`"},
			&cli.StringFlag{Name: "project", Usage: "like --tech, for a `PROJECT`"},
			&cli.StringFlag{Name: "event", Aliases: []string{"e"}, Usage: "speakers at `EVENT`"},
			&cli.StringFlag{Name: "org", Aliases: []string{"o"}, Usage: "speakers who work for `ORG`"},
			&cli.BoolFlag{Name: "exact", Usage: "do not follow part_of (Tetragon does not count for Cilium)"},
			formatFlag, limitFlag,
		},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			var f graph.SpeakerFilter
			var err error
			flag := "tech"
			if c.String("project") != "" {
				flag = "project"
			}
			if f.Tech, err = resolveFlag(c, db, flag, graph.Things...); err != nil {
				return err
			}
			if f.Event, err = resolveFlag(c, db, "event", graph.Event); err != nil {
				return err
			}
			if f.Org, err = resolveFlag(c, db, "org", graph.Org); err != nil {
				return err
			}
			f.Exact = c.Bool("exact")
			rows, err := graph.FindSpeakers(c.Context, db, f)
			if err != nil {
				return err
			}
			rows = limit(c, rows)
			t := table{header: []string{"name", "orgs", "talks", "id"}, json: rows}
			for _, r := range rows {
				t.rows = append(t.rows, []string{r.Name, strings.Join(r.Orgs, ", "), strings.Join(r.Talks, "; "), r.ID})
			}
			return t.print(c)
		}),
	}
}

// countRow is a node with how many talks or sources mention it.
type countRow struct {
	ID       string         `json:"id"`
	Kind     graph.NodeKind `json:"kind"`
	Name     string         `json:"name"`
	Mentions int            `json:"mentions"`
	Attrs    map[string]any `json:"attrs,omitempty"`
}

func projectsCommand() *cli.Command {
	return &cli.Command{
		Name:  "projects",
		Usage: "list projects and topics with how many talks mention them",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "event", Aliases: []string{"e"}, Usage: "only what talks at `EVENT` mention"},
			&cli.StringFlag{Name: "speaker", Aliases: []string{"s"}, Usage: "only what talks by `PERSON` mention"},
			&cli.StringFlag{Name: "kind", Aliases: []string{"k"}, Usage: "project or topic"},
			formatFlag, limitFlag,
		},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			kinds := []graph.NodeKind{graph.Project, graph.Topic}
			if k := c.String("kind"); k != "" {
				if k != "project" && k != "topic" {
					return usagef("--kind must be project or topic, not %q", k)
				}
				kinds = []graph.NodeKind{graph.NodeKind(k)}
			}
			var f graph.TalkFilter
			var err error
			if f.Event, err = resolveFlag(c, db, "event", graph.Event); err != nil {
				return err
			}
			if f.Speaker, err = resolveFlag(c, db, "speaker", graph.Person); err != nil {
				return err
			}
			var rows []countRow
			if f.Event != "" || f.Speaker != "" {
				rows, err = mentionedBy(c.Context, db, f, kinds)
			} else {
				rows, err = countMentions(c.Context, db, kinds)
			}
			if err != nil {
				return err
			}
			return printCounts(c, rows)
		}),
	}
}

// countMentions counts the talks mentioning each node of kinds. Reading
// each node's mentions is most of the work (3 s for the 100k benchmark's
// projects and topics on one core), so the nodes are counted in parts, one
// goroutine each, through the read-only snapshot.
func countMentions(ctx context.Context, db *store.DB, kinds []graph.NodeKind) ([]countRow, error) {
	var rows []countRow
	for _, k := range kinds {
		err := db.Nodes(ctx, k, func(n graph.Node) error {
			rows = append(rows, countRow{ID: n.ID, Kind: n.Kind, Name: n.Name, Attrs: n.Attrs})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	parts := max(1, min(runtime.GOMAXPROCS(0), len(rows)/64))
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go func(part []countRow) {
			defer wg.Done()
			for i := range part {
				ids, err := db.Neighbors(ctx, part[i].ID, graph.In, graph.Mentions)
				if err != nil {
					errs[p] = err
					return
				}
				for _, id := range ids {
					if graph.IDKind(id) == graph.Talk {
						part[i].Mentions++
					}
				}
			}
		}(rows[p*len(rows)/parts : (p+1)*len(rows)/parts])
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sortCounts(rows)
	return rows, nil
}

// mentionedBy counts what the talks selected by f mention.
func mentionedBy(ctx context.Context, db *store.DB, f graph.TalkFilter, kinds []graph.NodeKind) ([]countRow, error) {
	talks, err := graph.FindTalks(ctx, db, f)
	if err != nil {
		return nil, err
	}
	want := map[graph.NodeKind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	counts := map[string]int{}
	for _, t := range talks {
		ids, err := db.Neighbors(ctx, t.ID, graph.Out, graph.Mentions)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if want[graph.IDKind(id)] {
				counts[id]++
			}
		}
	}
	var rows []countRow
	for id, n := range counts {
		nd, err := db.Node(ctx, id)
		if err != nil {
			return nil, err
		}
		rows = append(rows, countRow{ID: id, Kind: nd.Kind, Name: nd.Name, Mentions: n, Attrs: nd.Attrs})
	}
	sortCounts(rows)
	return rows, nil
}

func sortCounts(rows []countRow) {
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Mentions != rows[j].Mentions {
			return rows[i].Mentions > rows[j].Mentions
		}
		return rows[i].ID < rows[j].ID
	})
}

func printCounts(c *cli.Context, rows []countRow) error {
	rows = limit(c, rows)
	if rows == nil {
		rows = []countRow{}
	}
	t := table{header: []string{"name", "kind", "mentions", "id"}, json: rows}
	for _, r := range rows {
		t.rows = append(t.rows, []string{r.Name, string(r.Kind), strconv.Itoa(r.Mentions), r.ID})
	}
	return t.print(c)
}

func eventsCommand() *cli.Command {
	return &cli.Command{
		Name:  "events",
		Usage: "list events with their year, city and number of talks",
		Flags: []cli.Flag{formatFlag, limitFlag},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			type row struct {
				ID    string `json:"id"`
				Name  string `json:"name"`
				Year  int    `json:"year,omitempty"`
				City  string `json:"city,omitempty"`
				Talks int    `json:"talks"`
			}
			rows := []row{}
			err := db.Nodes(c.Context, graph.Event, func(n graph.Node) error {
				talks, err := db.Neighbors(c.Context, n.ID, graph.In, graph.HeldAt)
				city, _ := n.Attrs["city"].(string)
				rows = append(rows, row{n.ID, n.Name, graph.EventYear(n), city, len(talks)})
				return err
			})
			if err != nil {
				return err
			}
			rows = limit(c, rows)
			t := table{header: []string{"name", "year", "city", "talks", "id"}, json: rows}
			for _, r := range rows {
				y := ""
				if r.Year > 0 {
					y = strconv.Itoa(r.Year)
				}
				t.rows = append(t.rows, []string{r.Name, y, r.City, strconv.Itoa(r.Talks), r.ID})
			}
			return t.print(c)
		}),
	}
}

func orgsCommand() *cli.Command {
	return &cli.Command{
		Name:  "orgs",
		Usage: "list organisations with how many speakers work for them",
		Flags: []cli.Flag{formatFlag, limitFlag},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			type row struct {
				ID       string `json:"id"`
				Name     string `json:"name"`
				People   int    `json:"people"`
				Mentions int    `json:"mentions"`
			}
			rows := []row{}
			err := db.Nodes(c.Context, graph.Org, func(n graph.Node) error {
				people, err := db.Neighbors(c.Context, n.ID, graph.In, graph.WorksFor)
				if err != nil {
					return err
				}
				ments, err := db.Neighbors(c.Context, n.ID, graph.In, graph.Mentions)
				rows = append(rows, row{n.ID, n.Name, len(people), len(ments)})
				return err
			})
			if err != nil {
				return err
			}
			sort.SliceStable(rows, func(i, j int) bool { return rows[i].People+rows[i].Mentions > rows[j].People+rows[j].Mentions })
			rows = limit(c, rows)
			t := table{header: []string{"name", "people", "mentions", "id"}, json: rows}
			for _, r := range rows {
				t.rows = append(t.rows, []string{r.Name, strconv.Itoa(r.People), strconv.Itoa(r.Mentions), r.ID})
			}
			return t.print(c)
		}),
	}
}

func sourcesCommand() *cli.Command {
	return &cli.Command{
		Name:  "sources",
		Usage: "list ingested sources",
		Flags: []cli.Flag{formatFlag, limitFlag},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			srcs, err := db.Sources(c.Context)
			if err != nil {
				return err
			}
			if srcs == nil {
				srcs = []graph.SourceInfo{}
			}
			srcs = limit(c, srcs)
			t := table{header: []string{"id", "path", "format", "size", "ingested"}, json: srcs}
			for _, s := range srcs {
				t.rows = append(t.rows, []string{s.ID, s.Path, s.Format, strconv.FormatInt(s.Size, 10), s.Ingested.Format("2006-01-02 15:04")})
			}
			return t.print(c)
		}),
	}
}

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count nodes and edges by kind",
		Flags: []cli.Flag{formatFlag},
		Action: withDB(func(c *cli.Context, db *store.DB) error {
			nodes := map[string]int{}
			edges := map[string]int{}
			evidence := 0
			err := db.Walk(c.Context, func(n graph.Node) error {
				nodes[string(n.Kind)]++
				return nil
			}, func(e graph.Edge) error {
				edges[string(e.Kind)]++
				evidence += len(e.Evidence)
				return nil
			})
			if err != nil {
				return err
			}
			out := map[string]any{"nodes": nodes, "edges": edges, "evidence": evidence}
			t := table{header: []string{"what", "kind", "count"}, json: out}
			tn, te := 0, 0
			for _, k := range graph.NodeKinds {
				t.rows = append(t.rows, []string{"nodes", string(k), strconv.Itoa(nodes[string(k)])})
				tn += nodes[string(k)]
			}
			for _, k := range graph.EdgeKinds {
				t.rows = append(t.rows, []string{"edges", string(k), strconv.Itoa(edges[string(k)])})
				te += edges[string(k)]
			}
			t.rows = append(t.rows, []string{"nodes", "all", strconv.Itoa(tn)}, []string{"edges", "all", strconv.Itoa(te)},
				[]string{"evidence", "records", strconv.Itoa(evidence)})
			return t.print(c)
		}),
	}
}
