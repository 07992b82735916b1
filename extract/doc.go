// Package extract turns one recap (plain text, Markdown or HTML) into graph
// facts: the event, the talks, who gave them and where they work, and the
// projects, topics and organisations each talk mentions, every fact with the
// line it was read from.
//
// It works in two steps, as gonum keeps syntax apart from graph mapping:
// Parse reads bytes into Blocks (headings, paragraphs, list items, with
// their original line numbers; markup, site chrome and code removed), and
// Extract maps blocks to graph.Facts using a Catalog of known names.
//
// extract is pure: it reads an io.Reader and returns values. It imports
// graph and never store, export or cmd.
package extract
