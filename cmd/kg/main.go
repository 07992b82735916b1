// Command kg turns conference recaps into a knowledge graph of events,
// talks, speakers, organisations, projects and technologies, stored in
// Badger, and answers questions about it. See README.md and CONTRACT.md.
//
// cmd/kg is wiring only: flags, opening the store, calling graph, extract,
// store and export, and printing. One function, exitCode, maps errors to
// the exit codes of CONTRACT.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/extract"
	"github.com/kg-tool/kg/graph"
	"github.com/kg-tool/kg/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C lets an ingest finish its current source and commit;
	// a second one stops kg at once.
	go func() { <-ctx.Done(); stop() }()
	stopProfile := startProfile()
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// startProfile writes CPU and heap profiles to the files named by
// $KG_CPUPROFILE and $KG_MEMPROFILE, for the notes in BENCHMARKS.md.
func startProfile() func() {
	var f *os.File
	if p := os.Getenv("KG_CPUPROFILE"); p != "" {
		var err error
		if f, err = os.Create(p); err == nil {
			pprof.StartCPUProfile(f)
		}
	}
	return func() {
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
		}
		if p := os.Getenv("KG_MEMPROFILE"); p != "" {
			if m, err := os.Create(p); err == nil {
				pprof.WriteHeapProfile(m)
				m.Close()
			}
		}
	}
}

// run executes kg with args and returns the exit code; it never calls
// os.Exit, so deferred Close calls always run.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, reorderArgs(app, args))
	if err == nil {
		return 0
	}
	code, msg := exitCode(err)
	if msg != "" {
		fmt.Fprintln(stderr, "kg: "+msg)
	}
	return code
}

// usageError is bad usage or bad input: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// exitError carries an exit code whose message was already printed.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error to the exit code and one-line message of
// CONTRACT.md: 2 bad usage or input, 3 locked database, 1 anything else.
func exitCode(err error) (int, string) {
	msg := oneLine(err.Error())
	// The sentinel at the end of a wrapped error is for errors.Is, not
	// for the user: "database DIR is in use by another kg process".
	for _, s := range []error{graph.ErrLocked, graph.ErrSchema, graph.ErrNotFound, extract.ErrInput} {
		msg = strings.TrimSuffix(msg, ": "+s.Error())
	}
	var ue *usageError
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		return ee.code, ""
	case errors.Is(err, graph.ErrLocked):
		return 3, msg
	case errors.As(err, &ue), errors.Is(err, extract.ErrInput), errors.Is(err, graph.ErrNotFound),
		errors.Is(err, graph.ErrSchema), errors.Is(err, graph.ErrTooLarge), errors.Is(err, export.ErrUnknownFormat),
		errors.Is(err, export.ErrBadOption), errors.Is(err, export.ErrTooBig), errors.Is(err, export.ErrNoGraphviz):
		return 2, msg
	case errors.Is(err, context.Canceled):
		return 1, "interrupted"
	}
	if strings.HasPrefix(msg, "flag provided but not defined") || strings.HasPrefix(msg, "invalid value") ||
		strings.Contains(msg, "Required flag") || strings.HasPrefix(msg, "No help topic") {
		return 2, msg
	}
	return 1, msg
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(strings.TrimPrefix(s, "kg: "), ".")
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:      "kg",
		Usage:     "a knowledge graph of conference talks, speakers and projects",
		Version:   version,
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", EnvVars: []string{"KG_DB"}, Usage: "database `DIR` (default $XDG_DATA_HOME/kg)"},
			&cli.BoolFlag{Name: "verbose", Usage: "show Badger's log and per-source details"},
		},
		ExitErrHandler:         func(*cli.Context, error) {},
		HideHelpCommand:        true,
		UseShortOptionHandling: true,
		Commands: []*cli.Command{
			ingestCommand(), talksCommand(), speakersCommand(), projectsCommand(), eventsCommand(),
			orgsCommand(), sourcesCommand(), statsCommand(), exportCommand(), renderCommand(),
			catalogCommand(),
		},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usagef("%s", err.Error())
		},
	}
	app.Commands = append(app.Commands, extraCommands()...)
	for _, c := range app.Commands {
		if c.OnUsageError == nil {
			c.OnUsageError = func(c *cli.Context, err error, _ bool) error { return usagef("%s", err.Error()) }
		}
	}
	return app
}

// reorderArgs moves a command's flags before its positional arguments, so
// that "kg related Cilium --limit 5" works as users expect: urfave/cli
// stops reading flags at the first argument. "--" ends the reordering.
func reorderArgs(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	i := 1
	// global flags
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "--" {
		out = append(out, args[i])
		if takesValue(app.Flags, args[i]) && i+1 < len(args) {
			out = append(out, args[i+1])
			i++
		}
		i++
	}
	if i >= len(args) {
		return out
	}
	cmd := findCommand(app.Commands, args[i])
	out = append(out, args[i])
	i++
	if cmd != nil && len(cmd.Subcommands) > 0 && i < len(args) {
		if sub := findCommand(cmd.Subcommands, args[i]); sub != nil {
			out = append(out, args[i])
			cmd = sub
			i++
		}
	}
	if cmd == nil {
		return append(out, args[i:]...)
	}
	var flags, pos []string
	for ; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			pos = append(pos, args[i:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			flags = append(flags, a)
			if takesValue(cmd.Flags, a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			pos = append(pos, a)
		}
	}
	return append(append(out, flags...), pos...)
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// takesValue reports whether flag arg (without "=value") needs the next
// argument as its value.
func takesValue(flags []cli.Flag, arg string) bool {
	if strings.Contains(arg, "=") {
		return false
	}
	name := strings.TrimLeft(arg, "-")
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return !isBool
			}
		}
	}
	return false
}

// extraCommands lets further files add commands without editing this list.
var extraCommandList []func() *cli.Command

func extraCommands() []*cli.Command {
	var out []*cli.Command
	for _, f := range extraCommandList {
		out = append(out, f())
	}
	return out
}

// dbDir returns the database directory from --db, $KG_DB or the XDG default.
func dbDir(c *cli.Context) string {
	if d := c.String("db"); d != "" {
		return d
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "kg")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "kg-data"
	}
	return filepath.Join(home, ".local", "share", "kg")
}

func storeOptions(c *cli.Context, readOnly bool) store.Options {
	o := store.Options{ReadOnly: readOnly}
	if c.Bool("verbose") {
		o.Log = c.App.ErrWriter
	}
	return o
}

// gcSetByUser reports whether GOGC or GOMEMLIMIT is set: then kg leaves
// the collector as the user tuned it.
func gcSetByUser() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }

// openRead opens the database for a query.
func openRead(c *cli.Context) (*store.DB, error) {
	if quickQueries[c.Command.Name] && !gcSetByUser() {
		// A listing query runs for milliseconds and its garbage dies with
		// the process: collect only if the heap ever reaches 256 MB.
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(256 << 20)
	}
	return store.Open(dbDir(c), storeOptions(c, true))
}

// quickQueries are the commands whose heap stays small: they read the rows
// they print, not the whole graph.
var quickQueries = map[string]bool{"talks": true, "speakers": true, "projects": true,
	"events": true, "orgs": true, "show": true, "neighbors": true, "search": true}

// openWrite opens the database for writing; a second writer gets ErrLocked.
func openWrite(c *cli.Context) (*store.DB, error) {
	return store.Open(dbDir(c), storeOptions(c, false))
}

// loadCatalog merges the embedded catalog with the database's own entries.
func loadCatalog(ctx context.Context, db *store.DB) (*extract.Catalog, error) {
	user, err := db.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	return extract.NewCatalog(extract.Embedded(), user), nil
}

func errorsIsNotFound(err error) bool { return errors.Is(err, graph.ErrNotFound) }
