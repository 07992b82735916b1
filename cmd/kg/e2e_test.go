package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kg-tool/kg/store"
)

var (
	e2eOnce sync.Once
	e2eBin  string
	e2eErr  error
)

// TestMain removes the binary the end-to-end tests built, so a test run
// leaves no 20 MB file behind in the temporary directory.
func TestMain(m *testing.M) {
	code := m.Run()
	if e2eBin != "" {
		os.RemoveAll(filepath.Dir(e2eBin))
	}
	os.Exit(code)
}

// e2eBinary builds kg once for the tests that need a real process.
func e2eBinary(t *testing.T) string {
	t.Helper()
	e2eOnce.Do(func() {
		dir, err := os.MkdirTemp("", "kg-e2e-bin")
		if err != nil {
			e2eErr = err
			return
		}
		e2eBin = filepath.Join(dir, "kg")
		out, err := exec.Command("go", "build", "-o", e2eBin, ".").CombinedOutput()
		if err != nil {
			e2eErr = &buildError{string(out)}
		}
	})
	if e2eErr != nil {
		t.Fatalf("build kg: %v", e2eErr)
	}
	return e2eBin
}

type buildError struct{ out string }

func (e *buildError) Error() string { return e.out }

// kgRun runs kg in-process and returns stdout, stderr and the exit code.
func kgRun(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"kg"}, args...), strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errs, code := kgRun(t, "", args...)
	if code != 0 {
		t.Fatalf("kg %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

const examples = "../../examples"

func TestEndToEndExamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	out := mustRun(t, "--db", db, "ingest", examples)
	if !strings.Contains(out, "sources stored") || !strings.Contains(out, "0 failed") {
		t.Fatalf("ingest summary: %s", out)
	}

	var talks []struct {
		Title    string   `json:"title"`
		Speakers []string `json:"speakers"`
		Evidence []struct {
			Source string `json:"source"`
			Line   int    `json:"line"`
			Text   string `json:"text"`
		} `json:"evidence"`
	}
	js := mustRun(t, "--db", db, "talks", "--mentions", "cilium", "--format", "json")
	if err := json.Unmarshal([]byte(js), &talks); err != nil {
		t.Fatalf("talks json: %v\n%s", err, js)
	}
	if len(talks) == 0 {
		t.Fatal("no talks mention Cilium in the examples")
	}
	for _, tk := range talks {
		if len(tk.Evidence) == 0 || tk.Evidence[0].Line < 1 || !strings.Contains(strings.ToLower(tk.Evidence[0].Text), "cilium") &&
			!strings.Contains(strings.ToLower(tk.Evidence[0].Text), "tetragon") && !strings.Contains(strings.ToLower(tk.Evidence[0].Text), "hubble") {
			t.Errorf("talk %q: evidence %+v does not show the mention", tk.Title, tk.Evidence)
		}
	}

	var speakers []struct {
		Name string `json:"name"`
	}
	js = mustRun(t, "--db", db, "speakers", "--tech", "eBPF", "--format", "json")
	if err := json.Unmarshal([]byte(js), &speakers); err != nil || len(speakers) == 0 {
		t.Fatalf("speakers --tech eBPF: %v %s", err, js)
	}

	// K8s is an alias of Kubernetes; lookups fold case.
	if a, b := mustRun(t, "--db", db, "talks", "--mentions", "K8s"), mustRun(t, "--db", db, "talks", "--mentions", "kubernetes"); a != b {
		t.Errorf("talks --mentions K8s differs from kubernetes:\n%s\n%s", a, b)
	}

	stats := mustRun(t, "--db", db, "stats", "--format", "json")
	if !strings.Contains(stats, `"talk"`) {
		t.Errorf("stats: %s", stats)
	}

	// Ingesting again changes nothing.
	before := mustRun(t, "--db", db, "export", "--format", "json")
	out = mustRun(t, "--db", db, "ingest", examples)
	if !strings.Contains(out, "0 sources stored") {
		t.Errorf("re-ingest stored something: %s", out)
	}
	if after := mustRun(t, "--db", db, "export", "--format", "json"); after != before {
		t.Error("re-ingest changed the JSON export")
	}
	var g struct {
		Nodes []map[string]any `json:"nodes"`
		Edges []map[string]any `json:"edges"`
	}
	if err := json.Unmarshal([]byte(before), &g); err != nil || len(g.Nodes) == 0 || len(g.Edges) == 0 {
		t.Fatalf("export json: %v", err)
	}
	for _, e := range g.Edges {
		if ev, _ := e["evidence"].([]any); len(ev) == 0 {
			t.Errorf("edge without evidence: %v", e)
		}
	}
}

func TestEndToEndDOTRendersWithGraphviz(t *testing.T) {
	dotBin, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("graphviz not installed")
	}
	db := filepath.Join(t.TempDir(), "db")
	mustRun(t, "--db", db, "ingest", examples)
	for _, args := range [][]string{{}, {"--focus", "Cilium", "--depth", "2"}, {"--cluster", "event"}} {
		dot := mustRun(t, append([]string{"--db", db, "export", "--format", "dot"}, args...)...)
		cmd := exec.Command(dotBin, "-Tsvg")
		cmd.Stdin = strings.NewReader(dot)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 || !bytes.Contains(out, []byte("<svg")) {
			t.Errorf("dot -Tsvg %v: err %v, stderr %q", args, err, stderr.String())
		}
	}
}

func TestExitCodes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	mustRun(t, "--db", db, "ingest", examples)
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown name suggests", []string{"--db", db, "talks", "--mentions", "Cillium"}, 2, `did you mean "Cilium"?`},
		{"unknown flag", []string{"--db", db, "talks", "--nope"}, 2, "flag provided but not defined"},
		{"missing file", []string{"--db", db, "ingest", "/no/such/file.md"}, 2, "/no/such/file.md: no such file"},
		{"bad format", []string{"--db", db, "talks", "--format", "yaml"}, 2, `unknown --format "yaml"`},
		{"no database", []string{"--db", filepath.Join(t.TempDir(), "none"), "talks"}, 2, "no database at"},
		{"unknown command", []string{"--db", db, "frobnicate"}, 2, "frobnicate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs, code := kgRun(t, "", c.args...)
			if code != c.code || !strings.Contains(errs, c.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, c.code, c.stderr)
			}
			if errs != "" && (!strings.HasPrefix(errs, "kg: ") || strings.Count(strings.TrimSpace(errs), "\n") > 0) {
				t.Errorf("stderr is not one line starting with 'kg: ': %q", errs)
			}
		})
	}
}

// TestSecondWriterLocked runs the real binary against a database this test
// process holds open for writing.
func TestSecondWriterLocked(t *testing.T) {
	bin := e2eBinary(t)
	dir := filepath.Join(t.TempDir(), "db")
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cmd := exec.Command(bin, "--db", dir, "ingest", examples)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 3 {
		t.Fatalf("second writer: err %v, want exit 3", err)
	}
	want := "kg: database " + dir + " is in use by another kg process\n"
	if stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}

func TestStdinIngest(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	recap := "# KCD Munich 2023 notes\n\n## Securing Supply Chains with Sigstore\n\nPresented by Priya Wadhwa.\n\nCosign and Fulcio were demoed.\n"
	out, errs, code := kgRun(t, recap, "--db", db, "ingest", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "source:stdin-") {
		t.Errorf("stdin source id missing: %s", out)
	}
	js := mustRun(t, "--db", db, "talks", "--mentions", "Sigstore", "--format", "json")
	if !strings.Contains(js, "Securing Supply Chains with Sigstore") || !strings.Contains(js, "Priya Wadhwa") {
		t.Errorf("Cosign/Fulcio are part of Sigstore; talks --mentions Sigstore = %s", js)
	}
}

// TestFlagsAfterArguments: "kg related Cilium --limit 1" reads --limit.
func TestFlagsAfterArguments(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	mustRun(t, "--db", db, "ingest", examples)
	a := mustRun(t, "--db", db, "talks", "--mentions", "Cilium", "--format", "json", "--limit", "1")
	b := mustRun(t, "--db", db, "talks", "--format", "json", "--limit", "1", "--mentions", "Cilium")
	if a != b || strings.Count(a, `"id"`) != 1 {
		t.Errorf("flag order changed the answer:\n%s\n%s", a, b)
	}
	out := mustRun(t, "--db", db, "search", "cilium", "--limit", "1", "--format", "json")
	if strings.Count(out, `"id"`) != 1 {
		t.Errorf("search NAME --limit 1: %s", out)
	}
}

// TestIngestSymlinkedFolder: a folder named through a symbolic link is read.
func TestIngestSymlinkedFolder(t *testing.T) {
	dir := t.TempDir()
	abs, err := filepath.Abs(examples)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "recaps")
	if err := os.Symlink(abs, link); err != nil {
		t.Skip(err)
	}
	out := mustRun(t, "--db", filepath.Join(dir, "db"), "ingest", link)
	if !strings.Contains(out, "4 sources stored") {
		t.Errorf("ingest through a symlink: %s", out)
	}
}

// TestRejektsEditions: two Rejekts in one year, in different cities, are
// two events, and a talk title both had is two talks; a recap that names
// the city but not the year joins that city's edition, whichever arrives
// first.
func TestRejektsEditions(t *testing.T) {
	dir := t.TempDir()
	recaps := map[string]string{
		"berlin.md": "# Cloud Native Rejekts Berlin 2019 – Recap\n\n## Scaling Cilium to the Moon\n\n" +
			"**Speakers:** Ada Lindqvist (Isovalent)\n\nCilium was shown in a live demo.\n",
		"austin.md": "# Cloud Native Rejekts Austin 2019 – Recap\n\n## Scaling Cilium to the Moon\n\n" +
			"**Speakers:** Bruno Carvalho (Google)\n\nCilium was shown in a live demo.\n",
		"berlin-notes.md": "# My notes from Cloud Native Rejekts Berlin\n\n## Scaling Cilium to the Moon\n\n" +
			"**Speakers:** Ada Lindqvist (Isovalent)\n\nThe demo used Cilium and Hubble.\n",
	}
	for name, text := range recaps {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, order := range [][]string{{"berlin.md", "austin.md", "berlin-notes.md"}, {"berlin-notes.md", "austin.md", "berlin.md"}} {
		db := filepath.Join(t.TempDir(), "db")
		for _, name := range order {
			mustRun(t, "--db", db, "ingest", "-q", filepath.Join(dir, name))
		}
		var rows []struct {
			Event    string   `json:"event"`
			Speakers []string `json:"speakers"`
		}
		js := mustRun(t, "--db", db, "talks", "--mentions", "Cilium", "--exact", "--format", "json")
		if err := json.Unmarshal([]byte(js), &rows); err != nil {
			t.Fatalf("talks json: %v\n%s", err, js)
		}
		got := make([]string, 0, len(rows))
		for _, r := range rows {
			got = append(got, r.Event+": "+strings.Join(r.Speakers, ", "))
		}
		want := []string{"Cloud Native Rejekts Austin 2019: Bruno Carvalho", "Cloud Native Rejekts Berlin 2019: Ada Lindqvist"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("order %v: talks mentioning Cilium\n got %q\nwant %q", order, got, want)
		}
		if hubble := mustRun(t, "--db", db, "talks", "--mentions", "Hubble", "--exact"); !strings.Contains(hubble, "Cloud Native Rejekts Berlin 2019") {
			t.Errorf("order %v: the year-less recap's talk is not Berlin 2019's:\n%s", order, hubble)
		}
	}
}

// TestIngestForce: a name added to the catalog is not found in recaps
// ingested before, since unchanged files are skipped; --force reads them
// again, replacing what they said, and keeps their source ids.
func TestIngestForce(t *testing.T) {
	dir := t.TempDir()
	recap := filepath.Join(dir, "recap.md")
	text := "# KCD Porto 2024 notes\n\n## Shipping with Quarkctl\n\n**Speakers:** Ada Lindqvist (Isovalent)\n\n" +
		"The demo ran Quarkctl next to Cilium.\n"
	if err := os.WriteFile(recap, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "db")
	mustRun(t, "--db", db, "ingest", "-q", recap)
	sources := mustRun(t, "--db", db, "sources", "--format", "json")
	mustRun(t, "--db", db, "catalog", "add", "Quarkctl")
	if out := mustRun(t, "--db", db, "ingest", "-q", recap); !strings.Contains(out, "0 sources stored") || !strings.Contains(out, "1 unchanged") {
		t.Fatalf("second ingest: %s", out)
	}
	if _, errs, code := kgRun(t, "", "--db", db, "talks", "--mentions", "Quarkctl"); code == 0 {
		t.Fatalf("Quarkctl found before the recap was read again: %s", errs)
	}
	out := mustRun(t, "--db", db, "ingest", "--force", recap)
	if !strings.Contains(out, "replaced ") || !strings.Contains(out, "1 sources stored") || !strings.Contains(out, "0 unchanged") {
		t.Fatalf("forced ingest: %s", out)
	}
	if talks := mustRun(t, "--db", db, "talks", "--mentions", "Quarkctl"); !strings.Contains(talks, "Shipping with Quarkctl") {
		t.Errorf("after --force, talks mentioning Quarkctl:\n%s", talks)
	}
	if got := mustRun(t, "--db", db, "sources", "--format", "json"); !sameSourceIDs(t, got, sources) {
		t.Errorf("source ids changed:\n%s\nwas\n%s", got, sources)
	}
	if rep := mustRun(t, "--db", db, "check"); !strings.Contains(rep, "no problems") {
		t.Errorf("check after --force: %s", rep)
	}
}

func sameSourceIDs(t *testing.T, a, b string) bool {
	t.Helper()
	ids := func(js string) []string {
		var rows []struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal([]byte(js), &rows); err != nil {
			t.Fatalf("sources json: %v\n%s", err, js)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	x, y := ids(a), ids(b)
	return len(x) > 0 && strings.Join(x, ",") == strings.Join(y, ",")
}
