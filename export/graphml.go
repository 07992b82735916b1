package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// gmlKey is one GraphML <key>: a typed attribute of nodes or edges.
type gmlKey struct {
	id, domain, name, typ string
}

// gmlKeys are the attributes GraphML declares. "label" is the attribute
// Gephi shows as a node's or edge's label and yEd maps onto labels.
var gmlKeys = []gmlKey{
	{"label", "node", "label", "string"},
	{"kind", "node", "kind", "string"},
	{"name", "node", "name", "string"},
	{"url", "node", "url", "string"},
	{"year", "node", "year", "int"},
	{"city", "node", "city", "string"},
	{"aliases", "node", "aliases", "string"},
	{"discovered", "node", "discovered", "boolean"},
	{"elabel", "edge", "label", "string"},
	{"ekind", "edge", "kind", "string"},
	{"evidence_count", "edge", "evidence_count", "int"},
	{"evidence", "edge", "evidence", "string"},
}

// AliasSeparator joins a node's aliases into the one string GraphML and
// CSV hold.
const AliasSeparator = "; "

// xmlText returns s escaped for XML text or a quoted attribute value.
// Characters XML 1.0 cannot hold become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder never fail
	return b.String()
}

// GraphML writes g as GraphML (directed graph). Nodes carry label (the
// name), kind, name, url, year, city, aliases (joined by AliasSeparator)
// and discovered where known; edges carry label and kind (the edge kind),
// evidence_count and evidence (the first evidence text). Ids are the graph
// ids for nodes and e0, e1 ... in sorted order for edges.
func GraphML(w io.Writer, g *graph.Graph) error {
	g = prepare(g)
	bw := bufio.NewWriter(w)
	writeGMLHeader(bw)
	for _, n := range g.Nodes {
		writeGMLNode(bw, n)
	}
	for i, e := range g.Edges {
		writeGMLEdge(bw, i, e)
	}
	writeGMLFooter(bw)
	return flush(bw, "graphml")
}

// writeGMLHeader writes the document up to the graph's first element.
func writeGMLHeader(bw *bufio.Writer) {
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range gmlKeys {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.domain, k.name, k.typ)
	}
	bw.WriteString("  <graph id=\"kg\" edgedefault=\"directed\">\n")
}

// writeGMLEdge writes edge e as the i-th <edge>.
func writeGMLEdge(bw *bufio.Writer, i int, e graph.Edge) {
	fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", i, xmlText(e.Source), xmlText(e.Target))
	gmlData(bw, "elabel", string(e.Kind))
	gmlData(bw, "ekind", string(e.Kind))
	gmlData(bw, "evidence_count", strconv.Itoa(len(e.Evidence)))
	if t := firstText(e); t != "" {
		gmlData(bw, "evidence", t)
	}
	bw.WriteString("    </edge>\n")
}

func writeGMLFooter(bw *bufio.Writer) { bw.WriteString("  </graph>\n</graphml>\n") }

// writeGMLNode writes one <node> with the data it has.
func writeGMLNode(bw *bufio.Writer, n graph.Node) {
	fmt.Fprintf(bw, "    <node id=\"%s\">\n", xmlText(n.ID))
	label := n.Name
	if label == "" {
		label = n.ID
	}
	gmlData(bw, "label", label)
	gmlData(bw, "kind", string(n.Kind))
	gmlData(bw, "name", n.Name)
	if s, ok := attrString(n, "url"); ok {
		gmlData(bw, "url", s)
	}
	if y, ok := attrInt(n, "year"); ok {
		gmlData(bw, "year", strconv.FormatInt(y, 10))
	}
	if s, ok := attrString(n, "city"); ok {
		gmlData(bw, "city", s)
	}
	if len(n.Aliases) > 0 {
		gmlData(bw, "aliases", strings.Join(n.Aliases, AliasSeparator))
	}
	if d, ok := attrBool(n, "discovered"); ok {
		gmlData(bw, "discovered", strconv.FormatBool(d))
	}
	bw.WriteString("    </node>\n")
}

// gmlData writes one <data> element.
func gmlData(bw *bufio.Writer, key, value string) {
	fmt.Fprintf(bw, "      <data key=%q>%s</data>\n", key, xmlText(value))
}
