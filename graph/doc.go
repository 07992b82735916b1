// Package graph is kg's domain: the kinds of nodes and edges, their stable
// ids, evidence, the facts one source contributes, the Store interface that
// adapters implement, entity resolution rules, and the queries and algorithms
// that run over a Store.
//
// graph imports only the standard library and gonum. It must never import
// store, extract, export or cmd: those packages depend on it, not the other
// way round.
package graph
