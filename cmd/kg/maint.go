package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

// Maintenance commands: forget a source, check and repair the indexes, back
// up and restore the database.

func init() {
	extraCommandList = append(extraCommandList, forgetCommand, checkCommand, backupCommand, restoreCommand)
}

func forgetCommand() *cli.Command {
	return &cli.Command{
		Name: "forget",
		Usage: "remove what sources contributed; a node or edge stays while another source supports it " +
			"(SOURCE is a source id, as kg sources lists it, or the path it was ingested from)",
		ArgsUsage: "SOURCE...",
		Action:    forgetAction,
	}
}

func forgetAction(c *cli.Context) error {
	if c.NArg() == 0 {
		return usagef("forget needs a SOURCE: a source id (kg sources lists them) or the path a source was ingested from")
	}
	dir := dbDir(c)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return usagef("no source %s: there is no database at %s", c.Args().First(), dir)
	}
	db, err := openWrite(c)
	if err != nil {
		return err
	}
	defer db.Close()
	all, err := db.Sources(c.Context)
	if err != nil {
		return err
	}
	var gone []graph.SourceInfo
	seen := map[string]bool{}
	for _, arg := range c.Args().Slice() {
		s, ok := findSource(all, arg)
		if !ok {
			return usagef("no source %s (kg sources lists the sources and their paths)", arg)
		}
		if !seen[s.ID] {
			seen[s.ID] = true
			gone = append(gone, s)
		}
	}
	w, err := db.NewWriter()
	if err != nil {
		return err
	}
	defer w.Discard()
	for _, s := range gone {
		if err := w.Remove(c.Context, s.ID); err != nil {
			return fmt.Errorf("forget %s: %w", s.ID, err)
		}
	}
	if err := w.Commit(); err != nil {
		return err
	}
	for _, s := range gone {
		fmt.Fprintf(c.App.Writer, "forgot %s (%s)\n", s.ID, s.Path)
	}
	return nil
}

// findSource finds a source by id ("source:x" or just "x") or by the path
// it was ingested from, relative or absolute.
func findSource(all []graph.SourceInfo, arg string) (graph.SourceInfo, bool) {
	path := arg
	if a, err := filepath.Abs(arg); err == nil && !strings.HasPrefix(arg, "stdin:") {
		path = a
	}
	path = strings.ToValidUTF8(path, "\uFFFD") // as the source record keeps it
	for _, want := range []func(graph.SourceInfo) bool{
		func(s graph.SourceInfo) bool { return s.ID == arg },
		func(s graph.SourceInfo) bool { return s.Path == path },
		func(s graph.SourceInfo) bool { return s.ID == "source:"+arg },
	} {
		for _, s := range all {
			if want(s) {
				return s, true
			}
		}
	}
	return graph.SourceInfo{}, false
}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name: "check",
		Usage: "verify the indexes against the source records: reverse edges, kind, alias, series and path keys, " +
			"node records, dangling edges (exit 1 if anything is wrong)",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "repair", Usage: "rebuild the indexes and node records from the source records and forward edge groups"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: table or json"},
			&cli.BoolFlag{Name: "space", Usage: "also list keys and bytes by kind of record (always in JSON)"},
		},
		Action: checkAction,
	}
}

func checkAction(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("check takes no arguments (got %q)", c.Args().First())
	}
	format := c.String("format")
	if format != "table" && format != "json" {
		return usagef("unknown --format %q (use table or json)", format)
	}
	repair := c.Bool("repair")
	if err := store.CheckFiles(dbDir(c)); err != nil {
		return err
	}
	if !gcSetByUser() {
		// Check holds every edge of the database, and the collector's
		// default room above that nearly doubles its peak: with half the
		// room the 10k database's check peaked at 687-720 MB instead of
		// 786-848 MB, taking ~6 % longer (two alternating pairs).
		debug.SetGCPercent(50)
	}
	open := openRead
	if repair {
		open = openWrite
	}
	db, err := open(c)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.Check(c.Context, repair)
	if err != nil {
		return err
	}
	after := rep
	if repair && !rep.Clean() {
		if after, err = db.Check(c.Context, false); err != nil {
			return err
		}
	}
	if format == "json" {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printReport(c.App.Writer, rep)
		if c.Bool("space") {
			rows := make([][]string, 0, len(rep.Space))
			for _, ks := range rep.Space {
				rows = append(rows, []string{ks.Name, strconv.Itoa(ks.Keys), mb(ks.KeyBytes), mb(ks.ValueBytes)})
			}
			if err := writeTable(c.App.Writer, []string{"records", "keys", "key MB", "value MB"}, rows); err != nil {
				return err
			}
		}
		if repair && !rep.Clean() {
			fmt.Fprintf(c.App.Writer, "repaired: %d keys written or deleted; %s\n", rep.Repaired, problemSummary(after))
		}
	}
	if !after.Clean() {
		if repair {
			return fmt.Errorf("%d problems remain after the repair", after.Total)
		}
		return fmt.Errorf("check found %d problems (kg check --repair rebuilds the indexes from the source records)", rep.Total)
	}
	return nil
}

func mb(n int64) string { return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) }

func printReport(w io.Writer, rep store.Report) {
	fmt.Fprintf(w, "checked %d keys: %d sources, %d nodes, %d edges (once per source stating them), %d redirects\n",
		rep.Keys, rep.Sources, rep.Nodes, rep.Edges, rep.Redirects)
	if rep.Clean() {
		fmt.Fprintln(w, "no problems")
		return
	}
	rows := make([][]string, 0, len(rep.Problems))
	for _, p := range rep.Problems {
		rows = append(rows, []string{p.Kind, p.Key})
	}
	writeTable(w, []string{"problem", "key"}, rows)
	if len(rep.Problems) < rep.Total {
		fmt.Fprintf(w, "... and %d more\n", rep.Total-len(rep.Problems))
	}
	fmt.Fprintln(w, problemSummary(rep))
}

// problemSummary counts problems by kind: "3 problems: 2 missing reverse key, 1 ...".
func problemSummary(rep store.Report) string {
	if rep.Clean() {
		return "no problems"
	}
	kinds := make([]string, 0, len(rep.Counts))
	for k := range rep.Counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", rep.Counts[k], k)
	}
	return fmt.Sprintf("%d problems: %s", rep.Total, strings.Join(parts, ", "))
}

func backupCommand() *cli.Command {
	return &cli.Command{
		Name:      "backup",
		Usage:     "write the whole database to FILE (Badger's backup format; - for stdout), replacing FILE only once it is complete",
		ArgsUsage: "FILE",
		Action:    backupAction,
	}
}

func backupAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("backup needs one FILE (or - for stdout)")
	}
	file := c.Args().First()
	db, err := openRead(c)
	if err != nil {
		return err
	}
	defer db.Close()
	write := func(w io.Writer) error { return db.Backup(c.Context, &ctxWriter{c.Context, w}) }
	if file == "-" {
		return write(c.App.Writer)
	}
	n, err := writeFileAtomic(file, write)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "backed up %s to %s (%d bytes)\n", db.Dir(), file, n)
	return nil
}

// ctxWriter fails writes once ctx is done, so that Ctrl-C stops a backup.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (w *ctxWriter) Write(p []byte) (int, error) {
	if err := w.ctx.Err(); err != nil {
		return 0, err
	}
	return w.w.Write(p)
}

// writeFileAtomic writes a temporary file next to path and renames it over
// path once it is complete and synced, so that path is never half written.
func writeFileAtomic(path string, write func(io.Writer) error) (int64, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return 0, usagef("cannot write %s: not a regular file", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return 0, usagef("cannot write %s: %s", path, strings.TrimPrefix(pathError(filepath.Dir(path), err), filepath.Dir(path)+": "))
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	cw := &countWriter{w: bw}
	if err := write(cw); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	ok = true
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (w *countWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	w.n += int64(n)
	return n, err
}

func restoreCommand() *cli.Command {
	return &cli.Command{
		Name:      "restore",
		Usage:     "load a backup written by kg backup; a database that holds a graph is replaced only with --force",
		ArgsUsage: "FILE",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "replace the graph the database holds"},
		},
		Action: restoreAction,
	}
}

func restoreAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("restore needs one FILE written by kg backup")
	}
	file := c.Args().First()
	f, err := os.Open(file)
	if err != nil {
		return usagef("%s", pathError(file, err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return usagef("%s: not a regular file", file)
	}
	dir := dbDir(c)
	_, statErr := os.Stat(dir)
	created := errors.Is(statErr, fs.ErrNotExist)
	db, err := openWrite(c)
	if err != nil {
		return err
	}
	info, err := db.Restore(c.Context, f, c.Bool("force"))
	if err != nil {
		db.Close()
		if created {
			os.RemoveAll(dir) // leave no database where there was none
		}
		switch {
		case errors.Is(err, store.ErrBadBackup):
			return usagef("%s: %s", file, err)
		case errors.Is(err, store.ErrNotEmpty):
			return usagef("database %s already holds a graph; kg restore --force replaces it", dir)
		}
		return err
	}
	defer db.Close()
	fmt.Fprintf(c.App.Writer, "restored %d keys from %s into %s\n", info.Keys, file, dir)
	rep, err := db.Check(c.Context, false)
	if err != nil {
		return err
	}
	if !rep.Clean() {
		fmt.Fprintf(c.App.ErrWriter, "kg: warning: the restored database has %s; kg check --repair rebuilds the indexes\n", problemSummary(rep))
	}
	return nil
}
