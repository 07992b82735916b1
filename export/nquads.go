package export

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// IRIs of the RDF export.
const (
	// IDBase prefixes the url-escaped id of a node to make its IRI.
	IDBase = "https://kg.dev/id/"
	// SchemaBase prefixes the classes (Talk, Project ...) and predicates
	// (name, alias, kind, year, city, url and each edge kind).
	SchemaBase = "https://kg.dev/schema#"

	rdfType    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"
	xsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean"
)

// NodeIRI returns the IRI of the node with this id: IDBase followed by the
// id with every "/"-separated part path-escaped, so the IRI is plain ASCII
// and talk ids keep their slash ("https://kg.dev/id/talk:kcd-2023/ebpf").
func NodeIRI(id string) string {
	parts := strings.Split(id, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return IDBase + strings.Join(parts, "/")
}

// schemaIRI returns the IRI of a term of the kg schema. Terms are kinds
// and fixed names; an odd one is path-escaped like an id.
func schemaIRI(term string) string {
	return SchemaBase + url.PathEscape(term)
}

// iri writes an IRI in angle brackets. Callers pass only IRIs built from
// escaped parts, which cannot hold '>' or spaces.
func iri(s string) string { return "<" + s + ">" }

// ntLiteral quotes s as an N-Quads string literal: \" \\ \n \r \t and the
// other control characters are escaped, everything else (non-ASCII
// included) is written as UTF-8. Invalid UTF-8 becomes U+FFFD.
func ntLiteral(s string) string {
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

// NQuads writes g as W3C N-Quads. Each node gets rdf:type (a class named
// after its kind, https://kg.dev/schema#Talk ...), kind, name, one alias
// quad per alias, and year, city, url and discovered where known, in the
// default graph. Each edge becomes one quad per distinct evidence source,
// whose graph label is that source's node IRI, so provenance survives; an
// edge with no sourced evidence is one quad in the default graph.
func NQuads(w io.Writer, g *graph.Graph) error {
	return writeRDF(w, g, true, "nquads")
}

// DgraphRDF writes what NQuads writes, but every edge once and without a
// graph label. Dgraph's live and bulk loaders read the fourth element of a
// quad as a numeric namespace and reject an IRI there, so this is the form
// to load with DgraphSchema.
func DgraphRDF(w io.Writer, g *graph.Graph) error {
	return writeRDF(w, g, false, "dgraph rdf")
}

// writeRDF writes the node statements of g, then its edges, with evidence
// sources as graph labels if labels is set.
func writeRDF(w io.Writer, g *graph.Graph, labels bool, format string) error {
	g = prepare(g)
	bw := bufio.NewWriter(w)
	for _, n := range g.Nodes {
		writeRDFNode(bw, n)
	}
	for _, e := range g.Edges {
		writeRDFEdge(bw, e, labels)
	}
	return flush(bw, format)
}

// writeRDFEdge writes the statement of one edge, once per evidence source
// as its graph label if labels is set.
func writeRDFEdge(bw *bufio.Writer, e graph.Edge, labels bool) {
	triple := fmt.Sprintf("%s %s %s", iri(NodeIRI(e.Source)), iri(schemaIRI(string(e.Kind))), iri(NodeIRI(e.Target)))
	sources := evidenceSources(e)
	if !labels || len(sources) == 0 {
		fmt.Fprintf(bw, "%s .\n", triple)
		return
	}
	for _, src := range sources {
		fmt.Fprintf(bw, "%s %s .\n", triple, iri(NodeIRI(src)))
	}
}

// writeRDFNode writes the statements about one node.
func writeRDFNode(bw *bufio.Writer, n graph.Node) {
	s := iri(NodeIRI(n.ID))
	quad := func(pred, obj string) {
		fmt.Fprintf(bw, "%s %s %s .\n", s, iri(pred), obj)
	}
	quad(rdfType, iri(schemaIRI(kindLabel(n.Kind))))
	quad(schemaIRI("kind"), ntLiteral(string(n.Kind)))
	quad(schemaIRI("name"), ntLiteral(n.Name))
	for _, a := range n.Aliases {
		quad(schemaIRI("alias"), ntLiteral(a))
	}
	if y, ok := attrInt(n, "year"); ok {
		quad(schemaIRI("year"), ntLiteral(strconv.FormatInt(y, 10))+"^^"+iri(xsdInteger))
	}
	if c, ok := attrString(n, "city"); ok {
		quad(schemaIRI("city"), ntLiteral(c))
	}
	if u, ok := attrString(n, "url"); ok {
		quad(schemaIRI("url"), ntLiteral(u))
	}
	if d, ok := attrBool(n, "discovered"); ok {
		quad(schemaIRI("discovered"), ntLiteral(strconv.FormatBool(d))+"^^"+iri(xsdBoolean))
	}
}

// DgraphSchema writes a DQL schema for loading DgraphRDF output with
// Dgraph's live or bulk loader. Predicate names are the full schema IRIs NQuads
// uses: name is indexed for term and exact match, alias for terms, kind
// for exact match, and every edge kind (and rdf:type) is a [uid] list with
// @reverse so both directions can be queried.
func DgraphSchema(w io.Writer) error {
	bw := bufio.NewWriter(w)
	line := func(pred, spec string) {
		fmt.Fprintf(bw, "%s: %s .\n", iri(pred), spec)
	}
	line(schemaIRI("kind"), "string @index(exact)")
	line(schemaIRI("name"), "string @index(term, exact)")
	line(schemaIRI("alias"), "[string] @index(term)")
	line(schemaIRI("year"), "int @index(int)")
	line(schemaIRI("city"), "string @index(exact)")
	line(schemaIRI("url"), "string")
	line(schemaIRI("discovered"), "bool")
	line(rdfType, "[uid] @reverse")
	for _, k := range graph.EdgeKinds {
		line(schemaIRI(string(k)), "[uid] @reverse")
	}
	return flush(bw, "dgraph schema")
}
