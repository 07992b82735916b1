package main

import (
	"bytes"
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
