package graph

import (
	"context"
	"errors"
	"slices"
)

// Sentinel errors. Adapters wrap them; callers test with errors.Is.
var (
	// ErrNotFound is returned when a node, source or name does not exist.
	ErrNotFound = errors.New("not found")
	// ErrLocked is returned when another process holds the database for writing.
	ErrLocked = errors.New("database is locked")
	// ErrSchema is returned when the database was written by an unknown
	// version of kg, or is not a kg database at all.
	ErrSchema = errors.New("unsupported database schema")
	// ErrReadOnly is returned by writes on a store opened read-only.
	ErrReadOnly = errors.New("database opened read-only")
)

// Direction selects outgoing or incoming edges.
type Direction int

// Directions for Store.Edges.
const (
	Out Direction = iota
	In
)

// PutResult says what storing one source did.
type PutResult struct {
	Source    string // the source id
	Unchanged bool   // same path and content hash as before: nothing written
	Replaced  bool   // an earlier version of the same path was replaced
	Nodes     int    // nodes the source contributes
	Edges     int    // edges the source contributes
}

// Store is a graph database that keeps, for every source, exactly what it
// contributed, so that a source can be replaced or removed and a node or edge
// lives as long as one source supports it.
//
// Lookups by node are prefix scans: Edges(ctx, id, In, Mentions) costs time
// proportional to the number of such edges, not to the size of the graph.
type Store interface {
	// PutSource stores the facts of one source all-or-nothing, replacing
	// what an earlier version of the same source contributed. Ids in f are
	// resolved against what is stored (see Resolve) before they are written.
	PutSource(ctx context.Context, f *Facts) (PutResult, error)
	// RemoveSource removes what source id contributed. It returns
	// ErrNotFound if no such source is stored.
	RemoveSource(ctx context.Context, id string) error
	// Sources lists the stored sources ordered by id.
	Sources(ctx context.Context) ([]SourceInfo, error)
	// SourceFacts returns the facts a source contributed, as extracted.
	SourceFacts(ctx context.Context, id string) (*Facts, error)

	// Node returns one node, or ErrNotFound.
	Node(ctx context.Context, id string) (Node, error)
	// Lookup returns the ids of the nodes one of whose spellings has the
	// same Key as name, sorted. It returns no error when nothing matches.
	Lookup(ctx context.Context, name string) ([]string, error)
	// Nodes calls fn for every node of kind k (every node if k is ""), in
	// id order.
	Nodes(ctx context.Context, k NodeKind, fn func(Node) error) error
	// Edges returns the edges of node id in direction dir, restricted to
	// kind unless kind is "", with their evidence, sorted.
	Edges(ctx context.Context, id string, dir Direction, kind EdgeKind) ([]Edge, error)
	// Neighbors is Edges without evidence: the ids at the other end.
	Neighbors(ctx context.Context, id string, dir Direction, kind EdgeKind) ([]string, error)
	// Walk calls fn for every node in id order, then fe for every edge in
	// (source, kind, target) order. Either may be nil.
	Walk(ctx context.Context, fn func(Node) error, fe func(Edge) error) error
	// WalkLinks calls fn once for every edge, in (source, kind, target)
	// order, without reading evidence.
	WalkLinks(ctx context.Context, fn func(from string, k EdgeKind, to string) error) error

	// EachNodeLinks calls fn for each of ids (sorted, unique) that is a
	// node, in order, with the ids at the other end of its presented
	// edges (a talk's speakers), held_at edges (a talk's events) and
	// works_for edges (a person's organisations), each sorted: the ids
	// Neighbors returns for those kinds, kept with the node so that a talk
	// or speaker row is one read. The node has its ID, Kind and Name only
	// (no aliases or attributes): what a row shows. Reading many together
	// is cheaper than one by one.
	EachNodeLinks(ctx context.Context, ids []string, fn func(Node, Links) error) error
	// EachNodeName is EachNodeLinks for rows that show a node's name and
	// nothing else (a talk's speakers and event): it does not read links.
	EachNodeName(ctx context.Context, ids []string, fn func(Node) error) error

	// Catalog returns the catalog entries stored in this database (imported
	// or added by the user), ordered by id.
	Catalog(ctx context.Context) ([]CatalogEntry, error)
	// PutCatalog adds or replaces catalog entries.
	PutCatalog(ctx context.Context, entries []CatalogEntry) error

	// Close releases the database. It must be called exactly once.
	Close() error
}

// EachNodeLinks calls fn with the node and links of each of ids that is a
// node, in id order (ids need not be sorted or unique).
func EachNodeLinks(ctx context.Context, s Store, ids []string, fn func(Node, Links) error) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return s.EachNodeLinks(ctx, slices.Compact(ids), fn)
}

// EachNodeName calls fn with each of ids that is a node (ID, Kind and Name),
// in id order (ids need not be sorted or unique).
func EachNodeName(ctx context.Context, s Store, ids []string, fn func(Node) error) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return s.EachNodeName(ctx, slices.Compact(ids), fn)
}

// Links are the ids a node's most-queried edges lead to.
type Links struct {
	Speakers []string // people who presented the talk
	Events   []string // events the talk was held at
	Orgs     []string // organisations the person works for
}

// CatalogEntry is a known name: a project, topic, org, event series or
// person, with the spellings that mean it.
type CatalogEntry struct {
	ID         string   `json:"id" yaml:"-"`
	Name       string   `json:"name" yaml:"name"`
	Kind       NodeKind `json:"kind" yaml:"kind"`
	Aliases    []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	Parent     string   `json:"parent,omitempty" yaml:"parent,omitempty"`
	Maintainer string   `json:"maintainer,omitempty" yaml:"maintainer,omitempty"`
	Homepage   string   `json:"homepage,omitempty" yaml:"homepage,omitempty"`
	Repo       string   `json:"repo,omitempty" yaml:"repo,omitempty"`
	Maturity   string   `json:"maturity,omitempty" yaml:"maturity,omitempty"`
	Ambiguous  bool     `json:"ambiguous,omitempty" yaml:"ambiguous,omitempty"`
	// Generic marks a broad term ("AI", "DevOps", "observability") that
	// names a field rather than a technology: known for lookups, but not
	// counted as a mention when a recap uses the word.
	Generic     bool   `json:"generic,omitempty" yaml:"generic,omitempty"`
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
	Origin      string `json:"origin,omitempty" yaml:"-"` // embedded, landscape or user
}
