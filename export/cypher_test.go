package export_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
)

// scanCypher tokenizes one line of Cypher the way Neo4j reads string
// literals: it returns the line with every "..." literal replaced by S and
// the decoded literals. A bad escape, a single-quoted literal, or a literal
// still open at the end of the line is an error: it would mean a name
// broke out of its string.
func scanCypher(line string) (skeleton string, lits []string, err error) {
	var sk strings.Builder
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case '\'':
			return "", nil, fmt.Errorf("single quote outside a string at %d", i)
		case '`':
			end := strings.IndexByte(line[i+1:], '`')
			if end < 0 {
				return "", nil, fmt.Errorf("unterminated backquote at %d", i)
			}
			sk.WriteString(line[i : i+end+2])
			i += end + 1
		case '"':
			lit, n, err := cypherLiteral(line[i+1:])
			if err != nil {
				return "", nil, err
			}
			i += n + 1 // the literal and its closing quote
			sk.WriteByte('S')
			lits = append(lits, lit)
		default:
			sk.WriteByte(c)
		}
	}
	return sk.String(), lits, nil
}

// cypherLiteral decodes the body of a "..." literal at the start of s and
// returns it with the number of bytes before the closing quote.
func cypherLiteral(s string) (string, int, error) {
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return lit.String(), i, nil
		case '\\':
			if i+1 >= len(s) {
				return "", 0, fmt.Errorf("backslash at end of line")
			}
			i++
			switch e := s[i]; e {
			case '\\', '"', '\'':
				lit.WriteByte(e)
			case 'n':
				lit.WriteByte('\n')
			case 'r':
				lit.WriteByte('\r')
			case 't':
				lit.WriteByte('\t')
			case 'b':
				lit.WriteByte('\b')
			case 'f':
				lit.WriteByte('\f')
			case 'u':
				if i+4 >= len(s) {
					return "", 0, fmt.Errorf("short \\u escape")
				}
				r, err := strconv.ParseUint(s[i+1:i+5], 16, 32)
				if err != nil {
					return "", 0, fmt.Errorf("bad \\u escape %q", s[i+1:i+5])
				}
				lit.WriteRune(rune(r))
				i += 4
			default:
				return "", 0, fmt.Errorf("unknown escape \\%c", e)
			}
		default:
			lit.WriteByte(c)
		}
	}
	return "", 0, fmt.Errorf("string literal not closed on its line")
}

// cypherShapes are the statement skeletons Cypher may write.
var cypherShapes = []*regexp.Regexp{
	regexp.MustCompile(`^CREATE CONSTRAINT kg_[a-z]+_id IF NOT EXISTS FOR \(n:[A-Z][a-z]+\) REQUIRE n\.id IS UNIQUE;$`),
	regexp.MustCompile(`^MERGE \(n:[A-Z][a-z]+ \{id: S\}\) SET n\.name = S, n\.kind = S, n\.aliases = \[(S(, S)*)?\]` +
		`(, n\.url = S)?(, n\.year = -?\d+)?(, n\.city = S)?(, n\.discovered = (true|false))?;$`),
	regexp.MustCompile(`^MATCH \(a(:[A-Z][a-z]+)? \{id: S\}\), \(b(:[A-Z][a-z]+)? \{id: S\}\) ` +
		`MERGE \(a\)-\[r:[A-Z_]+\]->\(b\) SET r\.evidence_count = \d+, r\.evidence = \[(S(, S)*)?\];$`),
}

func TestCypherStringsStayStrings(t *testing.T) {
	for name, g := range map[string]*graph.Graph{"fixture": fixture(), "hostile": hostile()} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.Cypher(&buf, g); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			if want := len(graph.NodeKinds) + len(g.Nodes) + len(g.Edges); len(lines) != want {
				t.Fatalf("%d statements, want %d (one a line)", len(lines), want)
			}
			for _, line := range lines {
				sk, lits, err := scanCypher(line)
				if err != nil {
					t.Fatalf("%v in\n%s", err, line)
				}
				matched := false
				for _, re := range cypherShapes {
					matched = matched || re.MatchString(sk)
				}
				if !matched {
					t.Errorf("unexpected statement shape %q", sk)
				}
				for _, l := range lits {
					seen[l] = true
				}
			}
			for _, n := range g.Nodes {
				for _, s := range append([]string{n.ID, n.Name}, n.Aliases...) {
					if !seen[s] {
						t.Errorf("string %q did not come back from the literals", s)
					}
				}
			}
			for _, e := range g.Edges {
				for _, ev := range e.Evidence {
					if ev.Text != "" && !seen[ev.Text] {
						t.Errorf("evidence %q did not come back from the literals", ev.Text)
					}
				}
			}
		})
	}
}

func TestScanCypherCatchesBrokenLiterals(t *testing.T) {
	for _, line := range []string{
		`MERGE (n:Project {id: "a"b"});`,
		`MERGE (n:Project {id: "a\"});`,
		`MERGE (n:Project {id: "a\q"});`,
		`MERGE (n:Project {id: 'a'});`,
	} {
		if sk, _, err := scanCypher(line); err == nil && cypherShapes[1].MatchString(sk) {
			t.Errorf("scanCypher accepted %s", line)
		}
	}
}
