package export_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
)

func TestRender(t *testing.T) {
	tool(t, "dot", "graphviz")
	tests := []struct {
		format string
		magic  []byte
	}{
		{"svg", []byte("<svg")},
		{"png", []byte("\x89PNG\r\n\x1a\n")},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "g."+tt.format)
			if err := export.Render(context.Background(), hostile(), export.DOTOptions{Cluster: "event"}, out, tt.format); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b[:min(len(b), 400)], tt.magic) {
				t.Errorf("%s does not look like %s: %.40q", out, tt.format, b)
			}
			left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".kg-render-*"))
			if len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

func TestRenderLargeGraphWithSfdp(t *testing.T) {
	tool(t, "sfdp", "graphviz")
	out := filepath.Join(t.TempDir(), "big.svg")
	if err := export.Render(context.Background(), star(export.LargeGraph+5), export.DOTOptions{}, out, "svg"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Errorf("no SVG written: %v", err)
	}
}

func TestRenderWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "g.svg")
	err := export.Render(context.Background(), fixture(), export.DOTOptions{}, out, "svg")
	if !errors.Is(err, export.ErrNoGraphviz) {
		t.Fatalf("err = %v, want ErrNoGraphviz", err)
	}
	for _, hint := range []string{"apt-get install graphviz", "brew install graphviz"} {
		if !strings.Contains(err.Error(), hint) {
			t.Errorf("error %q lacks the hint %q", err, hint)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output file exists after failure")
	}
}

func TestRenderBadFormat(t *testing.T) {
	err := export.Render(context.Background(), fixture(), export.DOTOptions{}, filepath.Join(t.TempDir(), "g.pdf"), "pdf")
	if !errors.Is(err, export.ErrBadOption) {
		t.Errorf("err = %v, want ErrBadOption", err)
	}
}

func TestRenderKeepsOldFileOnFailure(t *testing.T) {
	tool(t, "dot", "graphviz")
	out := filepath.Join(t.TempDir(), "g.svg")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := export.Render(context.Background(), fixture(), export.DOTOptions{Layout: "no-such-engine"}, out, "svg")
	if err == nil {
		t.Skip("this Graphviz accepts an unknown layout")
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("a failed render replaced the file: %q", b)
	}
}
