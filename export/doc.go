// Package export writes a graph.Graph in the formats other tools read: JSON
// and JSON Lines (the contract format), Graphviz DOT (and rendered SVG or
// PNG), GraphML for Gephi, yEd and networkx, W3C N-Quads with a Dgraph
// schema, Cypher statements and CSV files for Neo4j, and Mermaid.
//
// Every writer sorts a copy of its input (see graph.Graph.Sort) and never
// modifies it, so exporting the same graph twice gives the same bytes.
// Writers escape every string for their consumer; names and evidence text
// are data, never markup or code.
//
// export imports only graph and the standard library. It knows nothing of
// the store, the extractor or the command line: cmd/kg selects a part of
// the graph (graph.Select), then calls Write, CSV or Render.
package export
