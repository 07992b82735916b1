package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kg-tool/kg/extract"
	"github.com/kg-tool/kg/graph"
)

func catalogCommand() *cli.Command {
	return &cli.Command{
		Name:  "catalog",
		Usage: "the names kg recognises: list, show, import a CNCF landscape.yml, add your own",
		Subcommands: []*cli.Command{
			{
				Name:      "import",
				Usage:     "read a CNCF landscape.yml into this database's catalog",
				ArgsUsage: "FILE",
				Action:    catalogImport,
			},
			{
				Name:  "list",
				Usage: "list catalog entries",
				Flags: []cli.Flag{&cli.StringFlag{Name: "kind", Aliases: []string{"k"}, Usage: "only `KIND` (project, topic, org)"}, formatFlag, limitFlag},
				Action: func(c *cli.Context) error {
					if err := checkFormat(c); err != nil {
						return err
					}
					cat, err := catalogFor(c)
					if err != nil {
						return err
					}
					k := graph.NodeKind(c.String("kind"))
					if k != "" && !k.Valid() {
						return usagef("unknown --kind %q (use %s)", k, kindList())
					}
					var rows []graph.CatalogEntry
					for _, e := range cat.Entries() {
						if k == "" || e.Kind == k {
							rows = append(rows, e)
						}
					}
					rows = limit(c, rows)
					if rows == nil {
						rows = []graph.CatalogEntry{}
					}
					t := table{header: []string{"name", "kind", "parent", "maturity", "origin", "id"}, json: rows}
					for _, e := range rows {
						t.rows = append(t.rows, []string{e.Name, string(e.Kind), e.Parent, e.Maturity, e.Origin, e.ID})
					}
					return t.print(c)
				},
			},
			{
				Name:      "show",
				Usage:     "show one catalog entry",
				ArgsUsage: "NAME",
				Flags:     []cli.Flag{formatFlag},
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usagef("catalog show needs one NAME")
					}
					cat, err := catalogFor(c)
					if err != nil {
						return err
					}
					e, ok := cat.Get(c.Args().First())
					if !ok {
						e, ok = cat.ByName(c.Args().First())
					}
					if !ok {
						return fmt.Errorf("no catalog entry named %q: %w", c.Args().First(), graph.ErrNotFound)
					}
					t := table{header: []string{"field", "value"}, json: e}
					t.rows = [][]string{{"name", e.Name}, {"id", e.ID}, {"kind", string(e.Kind)},
						{"aliases", strings.Join(e.Aliases, ", ")}, {"parent", e.Parent}, {"maintainer", e.Maintainer},
						{"homepage", e.Homepage}, {"repo", e.Repo}, {"maturity", e.Maturity},
						{"ambiguous", fmt.Sprint(e.Ambiguous)}, {"origin", e.Origin}}
					return t.print(c)
				},
			},
			{
				Name:      "add",
				Usage:     "add your own name so that ingests recognise it",
				ArgsUsage: "NAME",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "kind", Aliases: []string{"k"}, Value: "project", Usage: "project, topic or org"},
					&cli.StringSliceFlag{Name: "alias", Aliases: []string{"a"}, Usage: "another spelling (repeatable)"},
					&cli.StringFlag{Name: "parent", Usage: "the project this one is part of"},
					&cli.StringFlag{Name: "homepage", Usage: "`URL`"},
					&cli.BoolFlag{Name: "ambiguous", Usage: "the name is an ordinary word: match it only when capitalised as a name"},
				},
				Action: catalogAdd,
			},
		},
	}
}

// catalogFor loads the embedded catalog plus the database's entries; a
// missing database means the embedded catalog alone.
func catalogFor(c *cli.Context) (*extract.Catalog, error) {
	db, err := openRead(c)
	if err != nil {
		if errorsIsNotFound(err) {
			return extract.NewCatalog(extract.Embedded()), nil
		}
		return nil, err
	}
	defer db.Close()
	return loadCatalog(c.Context, db)
}

func catalogImport(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("catalog import needs one FILE (a CNCF landscape.yml)")
	}
	path := c.Args().First()
	f, err := os.Open(path)
	if err != nil {
		return usagef("%s", pathError(path, err))
	}
	defer f.Close()
	entries, err := extract.ParseLandscape(f)
	if err != nil {
		return usagef("%s: %s", path, err)
	}
	db, err := openWrite(c)
	if err != nil {
		return err
	}
	defer db.Close()
	for i := range entries {
		entries[i].Origin = "landscape"
	}
	if err := db.PutCatalog(c.Context, entries); err != nil {
		return err
	}
	kinds := map[graph.NodeKind]int{}
	for _, e := range entries {
		kinds[e.Kind]++
	}
	fmt.Fprintf(c.App.Writer, "imported %d entries from %s (%d projects, %d orgs); they apply to sources ingested from now on (kg ingest --force PATH reads earlier ones again)\n",
		len(entries), path, kinds[graph.Project], kinds[graph.Org])
	return nil
}

func catalogAdd(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("catalog add needs one NAME")
	}
	name := strings.TrimSpace(c.Args().First())
	k := graph.NodeKind(c.String("kind"))
	if k != graph.Project && k != graph.Topic && k != graph.Org {
		return usagef("--kind must be project, topic or org, not %q", k)
	}
	if graph.Slug(name) == "" {
		return usagef("%q is not a usable name", name)
	}
	aliases := c.StringSlice("alias")
	sort.Strings(aliases)
	e := graph.CatalogEntry{ID: graph.NodeID(k, name), Name: name, Kind: k, Aliases: aliases,
		Parent: c.String("parent"), Homepage: c.String("homepage"), Ambiguous: c.Bool("ambiguous"), Origin: "user"}
	db, err := openWrite(c)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.PutCatalog(c.Context, []graph.CatalogEntry{e}); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "added %s (%s); kg ingest --force PATH finds it in sources ingested before\n", e.ID, name)
	return nil
}
