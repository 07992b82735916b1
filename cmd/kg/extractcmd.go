package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/kg-tool/kg/extract"
	"github.com/kg-tool/kg/graph"
)

func init() {
	extraCommandList = append(extraCommandList, extractCommand)
}

// extractCommand shows what kg reads from a file without storing it.
func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "print the facts kg reads from one recap, without storing them (a dry run of ingest)",
		ArgsUsage: "FILE",
		Flags: []cli.Flag{
			&cli.Int64Flag{Name: "max-size", Value: 16, Usage: "largest file to read, in `MB`"},
			&cli.BoolFlag{Name: "blocks", Usage: "print the parsed blocks instead of facts"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("extract needs one FILE (or - for stdin)")
			}
			in := input{path: c.Args().First(), explicit: true}
			var data []byte
			var err error
			name := in.path
			if in.path == "-" {
				data, err = readStdin(c, c.Int64("max-size")<<20)
				name = "stdin"
			} else {
				data, err = readFile(in.path, c.Int64("max-size")<<20)
			}
			if err != nil {
				return err
			}
			dec, err := extract.DecodeBytes(data, name)
			if err != nil {
				return err
			}
			doc := extract.Parse(dec, name)
			enc := json.NewEncoder(c.App.Writer)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if c.Bool("blocks") {
				for _, b := range doc.Blocks {
					fmt.Fprintf(c.App.Writer, "%5d %-7s %d %q\n", b.Line, kindName(b.Kind), b.Level, b.Text)
				}
				return nil
			}
			cat := extract.NewCatalog(extract.Embedded())
			if db, err := openRead(c); err == nil {
				cat, err = loadCatalog(c.Context, db)
				db.Close()
				if err != nil {
					return err
				}
			}
			// The ids, path and hash are the ones ingest would store.
			f := extract.Extract(doc, cat, sourceInfo(in.path, name, data))
			if f.Edges == nil {
				f.Edges = []graph.Edge{}
			}
			for i := range f.Nodes {
				if f.Nodes[i].Aliases == nil {
					f.Nodes[i].Aliases = []string{}
				}
			}
			return enc.Encode(f)
		},
	}
}

func kindName(k extract.BlockKind) string {
	return [...]string{"para", "heading", "item", "quote"}[k]
}

func readStdin(c *cli.Context, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(c.App.Reader, max+1))
	if err != nil {
		return nil, &extract.InputError{Name: "stdin", Reason: err.Error()}
	}
	if int64(len(b)) > max {
		return nil, &extract.InputError{Name: "stdin", Reason: fmt.Sprintf("larger than the %d MB limit (use --max-size)", max>>20)}
	}
	return b, nil
}
