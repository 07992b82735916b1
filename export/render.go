package export

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// RenderFormats lists the image formats Render writes.
var RenderFormats = []string{"svg", "png"}

// Render draws g with Graphviz into the file outPath as format ("svg" or
// "png"). It writes DOT (see DOT and opts) to the standard input of `dot`,
// or of `sfdp` for graphs of more than LargeGraph nodes when opts.Layout is
// empty, and replaces outPath only when Graphviz succeeds. It returns an
// error wrapping ErrNoGraphviz, with an install hint, when the program is
// not on PATH, and one wrapping ErrBadOption for another format.
func Render(ctx context.Context, g *graph.Graph, opts DOTOptions, outPath, format string) error {
	if format != "svg" && format != "png" {
		return fmt.Errorf("export: render: %w: format %q (want svg or png)", ErrBadOption, format)
	}
	prog := "dot"
	if g != nil && len(g.Nodes) > LargeGraph && opts.Layout == "" {
		prog = "sfdp"
	}
	path, err := exec.LookPath(prog)
	if err != nil {
		return fmt.Errorf("export: render: %w: %s is not on PATH; install Graphviz "+
			"(apt-get install graphviz, or brew install graphviz on macOS)", ErrNoGraphviz, prog)
	}
	var src bytes.Buffer
	if err := DOT(&src, g, opts); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(outPath), ".kg-render-*")
	if err != nil {
		return fmt.Errorf("export: render: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("export: render: %w", err)
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, path, "-T"+format)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &src, tmp, &stderr
	runErr := cmd.Run()
	closeErr := tmp.Close()
	if runErr != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg != "" {
			return fmt.Errorf("export: render: %s: %w: %s", prog, runErr, msg)
		}
		return fmt.Errorf("export: render: %s: %w", prog, runErr)
	}
	if closeErr != nil {
		return fmt.Errorf("export: render: %w", closeErr)
	}
	if err := os.Rename(tmp.Name(), outPath); err != nil {
		return fmt.Errorf("export: render: %w", err)
	}
	return nil
}
