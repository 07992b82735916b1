package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"
)

// formatFlag is the --format flag of query commands.
var formatFlag = &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: table, json or csv"}

var limitFlag = &cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Usage: "print at most `N` rows (0: all)"}

// table is rows of a query result, printable in every output format.
type table struct {
	header []string
	rows   [][]string
	json   any // what --format json prints
}

func checkFormat(c *cli.Context) error {
	switch c.String("format") {
	case "table", "json", "csv":
		return nil
	}
	return usagef("unknown --format %q (use table, json or csv)", c.String("format"))
}

// print writes t in the format chosen with --format.
func (t table) print(c *cli.Context) error {
	w := c.App.Writer
	switch c.String("format") {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(t.json)
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(t.header); err != nil {
			return err
		}
		if err := cw.WriteAll(t.rows); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	case "table":
		return writeTable(w, t.header, t.rows)
	}
	return usagef("unknown --format %q (use table, json or csv)", c.String("format"))
}

func writeTable(w io.Writer, header []string, rows [][]string) error {
	// tabwriter writes cell by cell: without a buffer a thousand-row
	// table was thousands of write calls.
	bw := bufio.NewWriterSize(w, 64<<10)
	tw := tabwriter.NewWriter(bw, 2, 4, 2, ' ', 0)
	up := make([]string, len(header))
	for i, h := range header {
		up[i] = strings.ToUpper(h)
	}
	fmt.Fprintln(tw, strings.Join(up, "\t"))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = cell(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// cell makes a value safe for one table cell: one line, at most 70 runes.
func cell(s string) string {
	if len(s) <= 70 && plainCell(s) {
		return s
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 70 {
		s = string(r[:69]) + "…"
	}
	return s
}

// plainCell reports whether s has no control characters, no space at
// either end and no two spaces in a row: a cell that needs no cleaning.
func plainCell(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c == 0x7f || c >= 0x80 || (c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ')) {
			return false
		}
	}
	return true
}

// limit cuts a slice to --limit.
func limit[T any](c *cli.Context, rows []T) []T {
	if n := c.Int("limit"); n > 0 && n < len(rows) {
		return rows[:n]
	}
	return rows
}
