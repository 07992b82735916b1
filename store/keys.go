package store

import (
	"bytes"
	"strings"

	"github.com/kg-tool/kg/graph"
)

const sep = 0x00

const (
	pMeta    = 'm'
	pSource  = 's'
	pPath    = 'p'
	pNode    = 'n'
	pKind    = 'k' // kind index of kg/1 to kg/3, dropped by the upgrade to kg/4
	pAlias   = 'a'
	pSeries  = 'e'
	pFwd     = 'f'
	pRev     = 'b'
	pRedir   = 'r'
	pCatalog = 'c'
)

var schemaKey = []byte{pMeta, sep, 's', 'c', 'h', 'e', 'm', 'a'}

// schemaVersion is written into new databases. A database of an older
// version this kg can upgrade (upgradable) is upgraded when it is opened;
// any other value is refused.
const schemaVersion = "kg/4"

// upgradable lists the older schema versions Open upgrades in place. All
// three kept a kind index (a key k|kind|id per node), which kg/4 drops: a
// node's id starts with its kind, so the node records of one kind are a
// prefix scan of their own. kg/1 and kg/2 also stored a key per edge and
// source (legacyEdgeKey), which the upgrade gathers into the edge groups
// of kg/3; kg/1 node records also lack the edge counts of kg/2
// (nodeRec.Links), which Check rebuilds from the source records.
var upgradable = map[string]bool{"kg/1": true, "kg/2": true, "kg/3": true}

// legacyGroups lists the schemas that stored a key per edge and source.
var legacyGroups = map[string]bool{"kg/1": true, "kg/2": true}

// key joins a prefix byte and fields with the separator.
func key(prefix byte, fields ...string) []byte {
	n := 1
	for _, f := range fields {
		n += len(f) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, prefix)
	for _, f := range fields {
		b = append(b, sep)
		b = append(b, f...)
	}
	return b
}

// prefixKey is key with a trailing separator, for prefix scans.
func prefixKey(prefix byte, fields ...string) []byte {
	return append(key(prefix, fields...), sep)
}

// splitKey returns the fields of a key after its prefix byte.
func splitKey(k []byte) []string {
	if len(k) < 2 {
		return nil
	}
	parts := bytes.Split(k[2:], []byte{sep})
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = string(p)
	}
	return out
}

// pathValue is the value of a path record: the source id and the content
// hash, so that "is this file unchanged?" is one point read.
func pathValue(src, hash string) []byte { return []byte(src + "\x00" + hash) }

func splitPathValue(v []byte) (src, hash string) {
	s := string(v)
	if i := strings.IndexByte(s, sep); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

func nodeKey(id string) []byte { return key(pNode, id) }

// kindPrefix is the prefix of the node keys of kind k: a node's id starts
// with its kind and a colon (graph.NodeID, graph.TalkID), which the writer
// enforces.
func kindPrefix(k graph.NodeKind) []byte  { return key(pNode, string(k)+":") }
func aliasKey(spelling, id string) []byte { return key(pAlias, graph.Key(spelling), id) }

// fwdKey is the key of the forward edge group of node from and source src:
// every edge from that node the source states, with its evidence.
func fwdKey(from, src string) []byte { return key(pFwd, from, src) }

// revKey is the key of the reverse edge group of node to, edge kind k and
// group g: every edge of that kind into that node that the sources of one
// commit state (g names the commit: batchGroup), or that source g states
// (kg/3's groups of one source).
// The kind is in the key because queries ask a hub for one kind ("talks
// that mention X", "parts of X"), and a project's part_of edges would
// otherwise be read through all its mentions.
func revKey(to string, k graph.EdgeKind, g string) []byte { return key(pRev, to, string(k), g) }

// legacyEdgeKey is the key schemas kg/1 and kg/2 stored for each edge and
// source. kg/3 keeps the form as an edge's name in Check's reports and
// bookkeeping.
func legacyEdgeKey(from string, k graph.EdgeKind, to, src string) []byte {
	return key(pFwd, from, string(k), to, src)
}
