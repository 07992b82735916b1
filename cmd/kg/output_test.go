package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
)

func TestCell(t *testing.T) {
	long := strings.Repeat("x", 75)
	for _, tc := range []struct{ in, want string }{
		{"Cilium", "Cilium"},
		{"eBPF for everyone", "eBPF for everyone"},
		{" padded ", "padded"},
		{"two  spaces", "two spaces"},
		{"line\nbreak", "line break"},
		{"tab\there", "tab here"},
		{"non\u00a0breaking", "non breaking"},
		{"Zürich", "Zürich"},
		{"", ""},
		{long, strings.Repeat("x", 69) + "…"},
		{strings.Repeat("é", 71), strings.Repeat("é", 69) + "…"},
	} {
		if got := cell(tc.in); got != tc.want {
			t.Errorf("cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestWriteTableAligns checks the buffered table is complete and aligned.
func TestWriteTableAligns(t *testing.T) {
	var b bytes.Buffer
	rows := [][]string{}
	for i := 0; i < 5000; i++ {
		rows = append(rows, []string{strings.Repeat("a", i%7+1), "b"})
	}
	if err := writeTable(&b, []string{"first", "second"}, rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 5001 || lines[0] != "FIRST    SECOND" {
		t.Fatalf("got %d lines, first %q", len(lines), lines[0])
	}
	for i, l := range lines[1:] {
		if len(l) != 10 || l[9] != 'b' || strings.TrimRight(l[:9], " ") != rows[i][0] {
			t.Fatalf("line %d: %q", i+1, l)
		}
	}
}

// writeTable pads as text/tabwriter does, on random tables with empty,
// non-ASCII, long and unclean cells, ragged rows and tabwriter's escape
// byte (the last two go through tabwriter itself).
func TestWriteTableMatchesTabwriter(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	words := []string{"", "a", "Cilium", "eBPF for everyone", "Zürich", "東京", "two  spaces", " x ",
		"tab\there", strings.Repeat("é", 80), "esc\xffape", "Liz Rice"}
	for n := 0; n < 500; n++ {
		cols := rng.Intn(4) + 1
		header := make([]string, cols)
		for i := range header {
			header[i] = words[rng.Intn(len(words))]
		}
		var rows [][]string
		for r := rng.Intn(6); r > 0; r-- {
			k := cols
			if rng.Intn(10) == 0 {
				k = rng.Intn(cols + 2)
			}
			row := make([]string, k)
			for i := range row {
				row[i] = words[rng.Intn(len(words))]
			}
			rows = append(rows, row)
		}
		var got, want bytes.Buffer
		if err := writeTable(&got, header, rows); err != nil {
			t.Fatal(err)
		}
		lines := [][]string{}
		up := []string{}
		for _, h := range header {
			up = append(up, strings.ToUpper(h))
		}
		lines = append(lines, up)
		for _, r := range rows {
			cells := []string{}
			for _, c := range r {
				cells = append(cells, cell(c))
			}
			lines = append(lines, cells)
		}
		if err := writeTabwriter(bufio.NewWriter(&want), lines); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("header %q rows %q:\n%q\nwant\n%q", header, rows, got.String(), want.String())
		}
	}
}

// writeJSON writes what one json.Encoder with two-space indent writes.
func TestWriteJSONMatchesEncoder(t *testing.T) {
	type row struct {
		ID    string            `json:"id"`
		Talks []string          `json:"talks"`
		Attrs map[string]any    `json:"attrs,omitempty"`
		Ev    []json.RawMessage `json:"evidence,omitempty"`
	}
	for _, v := range []any{
		[]row{{ID: "a<b>&c", Talks: []string{}}, {ID: "é", Talks: []string{"x", "y"}, Attrs: map[string]any{"year": 2023, "n": []int{}}}},
		[]row{{ID: "one"}},
		[]row{},
		[]row(nil),
		map[string]int{"b": 1, "a": 2},
		"text",
		[]string{"a", "b"},
		[]any{},
	} {
		var got, want bytes.Buffer
		if err := writeJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(v)
		if got.String() != want.String() {
			t.Errorf("%#v:\n%s\nwant\n%s", v, got.String(), want.String())
		}
	}
}

// cell cleans and cuts as joining the fields and cutting the runes does,
// on random texts with Unicode spaces, invalid bytes and long runs.
func TestCellMatchesFieldsJoin(t *testing.T) {
	ref := func(s string) string {
		if len(s) <= 70 && plainCell(s) {
			return s
		}
		s = strings.Join(strings.Fields(s), " ")
		if r := []rune(s); len(r) > 70 {
			s = string(r[:69]) + "…"
		}
		return s
	}
	rng := rand.New(rand.NewSource(5))
	parts := []string{"a", "Cilium", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u0085", "é", "東京", "\xff", "\xe2\x82", "…", "x"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j := rng.Intn(90); j > 0; j-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		s := b.String()
		if got, want := cell(s), ref(s); got != want {
			t.Fatalf("cell(%q) = %q, want %q", s, got, want)
		}
	}
}
