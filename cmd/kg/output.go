package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

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
		return writeJSON(w, t.json)
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

// writeJSON writes v as indented JSON, as json.Encoder with two-space
// indent and no HTML escaping writes it. A list is written one element at
// a time through one encoder, whose buffers are reused: encoding the whole
// list at once built it twice in memory (compact, then indented), and a
// query process collects no garbage.
func writeJSON(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice || rv.Len() == 0 {
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return err
		}
		return bw.Flush()
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	bw.WriteString("[\n")
	for i, n := 0, rv.Len(); i < n; i++ {
		buf.Reset()
		if err := enc.Encode(rv.Index(i).Interface()); err != nil {
			return err
		}
		bw.WriteString("  ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		if i < n-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// writeTable writes rows under an upper-cased header, in columns padded
// as text/tabwriter pads them (minimum width 2, padding 2, the last column
// unpadded). It measures the columns itself and writes each line once:
// tabwriter copied every cell into its own buffers first.
func writeTable(w io.Writer, header []string, rows [][]string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	lines := make([][]string, 0, len(rows)+1)
	up := make([]string, len(header))
	for i, h := range header {
		up[i] = strings.ToUpper(h)
	}
	lines = append(lines, up)
	// One backing array for the cells and one for their widths in runes,
	// counted once: a 100k database's table of 9,000 talks spent a sixth
	// of its time here. (A row longer than the header makes the array
	// grow; the rows before keep the old one.)
	cells := make([]string, 0, len(rows)*len(header))
	for _, r := range rows {
		start := len(cells)
		for _, c := range r {
			cells = append(cells, cell(c))
		}
		lines = append(lines, cells[start:len(cells):len(cells)])
	}
	runes := make([]int, 0, len(lines)*len(header))
	width := make([]int, len(header))
	for _, l := range lines {
		if len(l) != len(header) {
			return writeTabwriter(bw, lines)
		}
		for i, c := range l {
			if strings.IndexByte(c, '\t') >= 0 || strings.IndexByte(c, tabwriter.Escape) >= 0 {
				return writeTabwriter(bw, lines)
			}
			n := utf8.RuneCountInString(c)
			runes = append(runes, n)
			if i < len(l)-1 {
				width[i] = max(width[i], n+2)
			}
		}
	}
	const spaces = "                                                                                "
	k := 0
	for _, l := range lines {
		for i, c := range l {
			bw.WriteString(c)
			if i < len(l)-1 {
				for pad := width[i] - runes[k]; pad > 0; pad -= len(spaces) {
					bw.WriteString(spaces[:min(pad, len(spaces))])
				}
			}
			k++
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// writeTabwriter writes lines through text/tabwriter, for rows of
// different lengths and cells holding a tab or its escape byte.
func writeTabwriter(bw *bufio.Writer, lines [][]string) error {
	tw := tabwriter.NewWriter(bw, 2, 4, 2, ' ', 0)
	for _, l := range lines {
		fmt.Fprintln(tw, strings.Join(l, "\t"))
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
	// What strings.Join(strings.Fields(s), " ") cut to 69 runes and "…"
	// when longer than 70 gives, reading only as much of s as the cell
	// shows: evidence lines can be long, and a table has thousands.
	var buf [71 * utf8.UTFMax]byte
	t := buf[:0]    // the cell's bytes, as s has them
	var rs [71]rune // and as runes (an invalid byte is U+FFFD)
	n, space := 0, false
	for i := 0; i < len(s) && n < 71; {
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = n > 0
			i += w
			continue
		}
		if space {
			t, rs[n], n, space = append(t, ' '), ' ', n+1, false
			if n == 71 {
				break
			}
		}
		t, rs[n], n = append(t, s[i:i+w]...), r, n+1
		i += w
	}
	if n > 70 {
		return string(rs[:69]) + "…"
	}
	return string(t)
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
