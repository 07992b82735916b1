package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// cypherString quotes s as a Cypher string literal in double quotes.
// Backslash, quote and line breaks are escaped, other control characters
// written as \uXXXX; everything else, non-ASCII included, is kept.
func cypherString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// cypherList returns a Cypher list of string literals.
func cypherList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = cypherString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// cypherName quotes s as a Cypher label or relationship type: bare when it
// is a plain identifier, in backquotes (doubled inside) otherwise.
func cypherName(s string) string {
	plain := s != ""
	for i, r := range s {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

// Cypher writes g as Cypher statements for cypher-shell, each ending in
// ";" on its own line: first a uniqueness constraint on id for every node
// label (CREATE CONSTRAINT IF NOT EXISTS), then one MERGE per node setting
// name, kind, aliases and url, year, city and discovered where known, then
// one MATCH ... MERGE per edge setting evidence_count (the number of
// evidence records) and evidence (their non-empty texts). Labels are the node kinds capitalised (Talk, Project
// ...), relationship types the edge kinds in upper case (MENTIONS). MERGE
// makes running the script twice create nothing new.
func Cypher(w io.Writer, g *graph.Graph) error {
	g = prepare(g)
	bw := bufio.NewWriter(w)
	writeCypherHeader(bw)
	for _, n := range g.Nodes {
		writeCypherNode(bw, n)
	}
	for _, e := range g.Edges {
		writeCypherEdge(bw, e)
	}
	return flush(bw, "cypher")
}

// writeCypherHeader writes the uniqueness constraints.
func writeCypherHeader(bw *bufio.Writer) {
	for _, k := range graph.NodeKinds {
		l := kindLabel(k)
		fmt.Fprintf(bw, "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE;\n",
			cypherName("kg_"+string(k)+"_id"), cypherName(l))
	}
}

// writeCypherNode writes the MERGE of one node.
func writeCypherNode(bw *bufio.Writer, n graph.Node) {
	fmt.Fprintf(bw, "MERGE (n:%s {id: %s}) SET n.name = %s, n.kind = %s, n.aliases = %s",
		cypherName(kindLabel(n.Kind)), cypherString(n.ID), cypherString(n.Name),
		cypherString(string(n.Kind)), cypherList(n.Aliases))
	if s, ok := attrString(n, "url"); ok {
		fmt.Fprintf(bw, ", n.url = %s", cypherString(s))
	}
	if y, ok := attrInt(n, "year"); ok {
		fmt.Fprintf(bw, ", n.year = %d", y)
	}
	if s, ok := attrString(n, "city"); ok {
		fmt.Fprintf(bw, ", n.city = %s", cypherString(s))
	}
	if d, ok := attrBool(n, "discovered"); ok {
		fmt.Fprintf(bw, ", n.discovered = %t", d)
	}
	bw.WriteString(";\n")
}

// writeCypherEdge writes the MATCH ... MERGE of one edge.
func writeCypherEdge(bw *bufio.Writer, e graph.Edge) {
	texts := []string{}
	for _, ev := range e.Evidence {
		if ev.Text != "" {
			texts = append(texts, ev.Text)
		}
	}
	fmt.Fprintf(bw, "MATCH (a%s {id: %s}), (b%s {id: %s}) MERGE (a)-[r:%s]->(b) SET r.evidence_count = %d, r.evidence = %s;\n",
		matchLabel(e.Source), cypherString(e.Source), matchLabel(e.Target), cypherString(e.Target),
		cypherName(strings.ToUpper(string(e.Kind))), len(e.Evidence), cypherList(texts))
}

// matchLabel returns ":Label" for the node id so that MATCH uses the id
// constraint's index, or "" when the id names no kind. A node's kind is
// its id's prefix.
func matchLabel(id string) string {
	k := graph.IDKind(id)
	if !k.Valid() {
		return ""
	}
	return ":" + cypherName(kindLabel(k))
}
