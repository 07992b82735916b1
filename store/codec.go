package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/klauspost/compress/s2"

	"github.com/kg-tool/kg/graph"
)

// nodeRec is the merged record of one node: how many sources contribute it,
// and how often each spelling (with the quality it was read at) and each
// attribute value was contributed. Counting rather than keeping one value
// makes the merge independent of the order sources arrive in and lets a
// source be removed exactly.
type nodeRec struct {
	Kind    graph.NodeKind `json:"k"`
	Support int            `json:"s"`
	Names   map[string]int `json:"n"` // "<quality>\x00<spelling>" -> count
	Attrs   map[string]int `json:"a"` // "<name>\x00<json value>" -> count
	// Links counts the edges queries need with the node itself, so that a
	// talk row or a speaker row is one read instead of a scan per edge
	// kind: a talk's presented (from people) and held_at (to events)
	// edges, and a person's works_for edges, as "<kind>\x00<other id>".
	Links map[string]int `json:"l,omitempty"`
}

// linkOwner returns the node whose record counts edge e, or "".
func linkOwner(from string, k graph.EdgeKind, to string) (owner, other string) {
	switch k {
	case graph.Presented:
		return to, from
	case graph.HeldAt, graph.WorksFor:
		return from, to
	}
	return "", ""
}

// link adds delta to the count of edge (from, k, to) in its owner's record.
func (r *nodeRec) link(k graph.EdgeKind, other string, delta int) {
	if r.Links == nil {
		r.Links = map[string]int{}
	}
	bump(r.Links, string(k)+"\x00"+other, delta)
}

// graphLinks returns the record's links as queries see them.
func (r *nodeRec) graphLinks() graph.Links {
	return graph.Links{Speakers: r.links(graph.Presented), Events: r.links(graph.HeldAt), Orgs: r.links(graph.WorksFor)}
}

// links returns the ids linked to the node by edges of kind k, sorted.
func (r *nodeRec) links(k graph.EdgeKind) []string {
	var out []string
	for l := range r.Links {
		if len(l) > len(k) && l[len(k)] == 0 && l[:len(k)] == string(k) {
			out = append(out, l[len(k)+1:])
		}
	}
	sort.Strings(out)
	return out
}

func (r *nodeRec) add(n graph.Node, delta int) {
	if r.Names == nil {
		r.Names = map[string]int{}
		r.Attrs = map[string]int{}
	}
	r.Kind = n.Kind
	r.Support += delta
	q := quality(n)
	bump(r.Names, strconv.Itoa(q)+"\x00"+n.Name, delta)
	for _, a := range n.Aliases {
		if a != n.Name && a != "" {
			bump(r.Names, "0\x00"+a, delta)
		}
	}
	for k, v := range n.Attrs {
		if k == "quality" {
			continue
		}
		js, ok := attrJSON(v)
		if !ok {
			continue
		}
		bump(r.Attrs, k+"\x00"+js, delta)
	}
}

// attrJSON returns v as json.Marshal writes it. Plain ASCII strings and
// ints, most attribute values, are written directly: reflection was a
// tenth of merging a recap's nodes.
func attrJSON(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		if plainJSONString(x) {
			return `"` + x + `"`, true
		}
	case int:
		return strconv.Itoa(x), true
	case bool:
		return strconv.FormatBool(x), true
	}
	b, err := json.Marshal(v)
	return string(b), err == nil
}

// plainJSONString reports whether json.Marshal writes s as s in quotes:
// printable ASCII with nothing it escapes.
func plainJSONString(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

func bump(m map[string]int, k string, delta int) {
	if v := m[k] + delta; v > 0 {
		m[k] = v
	} else {
		delete(m, k)
	}
}

func quality(n graph.Node) int {
	switch q := n.Attrs["quality"].(type) {
	case int:
		return q
	case float64:
		return int(q)
	}
	return graph.QualityLine
}

// spellings returns the distinct spellings of r.
func (r *nodeRec) spellings() map[string]bool {
	out := make(map[string]bool, len(r.Names))
	for k := range r.Names {
		out[k[strings.IndexByte(k, 0)+1:]] = true
	}
	return out
}

// hasSpelling reports whether s is one of r's spellings.
func (r *nodeRec) hasSpelling(s string) bool {
	for k := range r.Names {
		if k[strings.IndexByte(k, 0)+1:] == s {
			return true
		}
	}
	return false
}

// name returns the display name node gives, without the aliases and
// attributes: resolving a recap's speakers asks for the name of every
// other speaker of the same talk, and building whole nodes for it was 4.4 s
// of a 100k load.
func (r *nodeRec) name() string {
	if len(r.Names) > 8 {
		return r.node("").Name
	}
	name, bestQ, bestC := "", -1, -1
	for k := range r.Names {
		i := strings.IndexByte(k, 0)
		q, _ := strconv.Atoi(k[:i])
		s := k[i+1:]
		c := 0 // the spelling's count over all qualities
		for k2, c2 := range r.Names {
			if j := strings.IndexByte(k2, 0); k2[j+1:] == s {
				c += c2
			}
		}
		if betterName(q, c, s, bestQ, bestC, name) {
			bestQ, bestC, name = q, c, s
		}
	}
	return name
}

// betterName reports whether spelling s, of quality q counted c times,
// names a node before best (of quality bestQ, counted bestC times): the
// highest quality, then the most sources, then the smallest string.
func betterName(q, c int, s string, bestQ, bestC int, best string) bool {
	return q > bestQ || (q == bestQ && (c > bestC || (c == bestC && s < best)))
}

// node turns a merged record into a graph node, named by betterName.
func (r *nodeRec) node(id string) graph.Node {
	n := graph.Node{ID: id, Kind: r.Kind}
	bestQ, bestC := -1, -1
	counts := map[string]int{}
	for k, c := range r.Names {
		i := strings.IndexByte(k, 0)
		counts[k[i+1:]] += c
	}
	for k := range r.Names {
		i := strings.IndexByte(k, 0)
		q, _ := strconv.Atoi(k[:i])
		s := k[i+1:]
		c := counts[s]
		if betterName(q, c, s, bestQ, bestC, n.Name) {
			bestQ, bestC, n.Name = q, c, s
		}
	}
	for s := range counts {
		n.Aliases = append(n.Aliases, s)
	}
	sort.Strings(n.Aliases)
	type choice struct {
		val   string
		count int
	}
	best := map[string]choice{}
	for k, c := range r.Attrs {
		i := strings.IndexByte(k, 0)
		name, val := k[:i], k[i+1:]
		b, ok := best[name]
		if !ok || c > b.count || (c == b.count && val < b.val) {
			best[name] = choice{val, c}
		}
	}
	if len(best) > 0 {
		n.Attrs = make(map[string]any, len(best))
		for name, c := range best {
			var v any
			if err := json.Unmarshal([]byte(c.val), &v); err == nil {
				if f, ok := v.(float64); ok && f == float64(int(f)) {
					v = int(f)
				}
				n.Attrs[name] = v
			}
		}
	}
	return n
}

// Node records are binary: a version byte, the kind, the support, then the
// Names, Attrs and Links counts, each as a count of (key, count) pairs in
// key order. Records written by kg/1 are JSON and still decode.
const nodeRecBinary = 1

func encodeNode(r *nodeRec) []byte {
	// One pass over each map collects its pairs, sorted by key; the size
	// of the record follows from them.
	var pairs [3][]countPair
	n := 16 + len(r.Kind)
	for i, m := range [3]map[string]int{r.Names, r.Attrs, r.Links} {
		ps := make([]countPair, 0, len(m))
		for k, v := range m {
			ps = append(ps, countPair{k, v})
			n += len(k) + 2*binary.MaxVarintLen32
		}
		slices.SortFunc(ps, func(a, b countPair) int { return strings.Compare(a.k, b.k) })
		pairs[i] = ps
	}
	b := make([]byte, 0, n)
	b = append(b, nodeRecBinary)
	b = binary.AppendUvarint(b, uint64(len(r.Kind)))
	b = append(b, r.Kind...)
	b = binary.AppendVarint(b, int64(r.Support))
	for _, ps := range pairs {
		b = binary.AppendUvarint(b, uint64(len(ps)))
		for _, p := range ps {
			b = binary.AppendUvarint(b, uint64(len(p.k)))
			b = append(b, p.k...)
			b = binary.AppendVarint(b, int64(p.v))
		}
	}
	return b
}

type countPair struct {
	k string
	v int
}

func decodeNode(b []byte) (*nodeRec, error) {
	r := &nodeRec{}
	if len(b) > 0 && b[0] == '{' {
		if err := json.Unmarshal(b, r); err != nil {
			return nil, fmt.Errorf("decode node: %w", err)
		}
	} else if err := r.decodeBinary(b); err != nil {
		return nil, err
	}
	if r.Names == nil {
		r.Names = map[string]int{}
	}
	if r.Attrs == nil {
		r.Attrs = map[string]int{}
	}
	if len(r.Links) == 0 {
		r.Links = nil
	}
	return r, nil
}

var errBadNode = errors.New("decode node: corrupt record")

func (r *nodeRec) decodeBinary(b []byte) error {
	if len(b) == 0 || b[0] != nodeRecBinary {
		return errBadNode
	}
	d := recDecoder{b: b[1:], ok: true}
	r.Kind = graph.NodeKind(d.str())
	r.Support = d.num()
	for i, dst := range []*map[string]int{&r.Names, &r.Attrs, &r.Links} {
		n := d.count()
		if !d.ok {
			return errBadNode
		}
		if n == 0 && i == 2 {
			continue
		}
		m := make(map[string]int, n)
		for j := 0; j < n && d.ok; j++ {
			k := d.str()
			m[k] = d.num()
		}
		*dst = m
	}
	if !d.ok || len(d.b) != 0 {
		return errBadNode
	}
	return nil
}

// sourceRec is what one source contributed, as written: enough to remove it
// exactly. Evidence is not repeated here; it lives in the forward edge groups.
type sourceRec struct {
	Info     graph.SourceInfo `json:"info"`
	Nodes    []graph.Node     `json:"nodes"`
	Edges    []edgeRef        `json:"edges"`
	Warnings []string         `json:"warnings,omitempty"`
	// Group names the commit's reverse groups that hold the source's
	// reverse edges (batchGroup); "" for groups of its own (revKey with
	// the source id), as kg/3 wrote them.
	Group string `json:"g,omitempty"`
}

// Source records are JSON compressed with S2 behind a marker byte: the JSON
// of a recap's nodes and edges repeats its field names and ids, and S2
// shrinks it about five-fold for a few microseconds, which keeps the value
// log (and with it the memory-mapped part of a large ingest) small.
// Records kg/1 wrote are plain JSON and still decode.
const sourceRecS2 = 0x02

func encodeSource(rec *sourceRec) ([]byte, error) {
	var s sourceScratch
	return s.encode(rec)
}

// sourceScratch holds the buffers encoding source records needs: a writer
// keeps one, so that its load does not grow a JSON buffer from nothing for
// every recap (a sixth of what a load allocated).
type sourceScratch struct{ json, s2 []byte }

// encode is encodeSource; the record it returns is its own.
func (sc *sourceScratch) encode(rec *sourceRec) ([]byte, error) {
	b, err := appendSourceJSON(sc.json[:0], rec)
	sc.json = b[:0]
	if err != nil {
		return nil, err
	}
	if n := s2.MaxEncodedLen(len(b)); cap(sc.s2) < n {
		sc.s2 = make([]byte, n)
	}
	enc := s2.Encode(sc.s2[:cap(sc.s2)], b)
	out := make([]byte, 1+len(enc))
	out[0] = sourceRecS2
	copy(out[1:], enc)
	return out, nil
}

// appendSourceJSON appends rec as json.Marshal writes it, without
// reflection for the plain ASCII strings most of it is (json.Marshal was
// four fifths of encoding a source record, a sixth of the writer's time).
func appendSourceJSON(b []byte, rec *sourceRec) ([]byte, error) {
	var err error
	str := func(s string) {
		if plainJSONString(s) {
			b = append(b, '"')
			b = append(b, s...)
			b = append(b, '"')
			return
		}
		q, e := json.Marshal(s)
		if e != nil && err == nil {
			err = e
		}
		b = append(b, q...)
	}
	strs := func(ss []string) {
		if ss == nil {
			b = append(b, "null"...)
			return
		}
		b = append(b, '[')
		for i, s := range ss {
			if i > 0 {
				b = append(b, ',')
			}
			str(s)
		}
		b = append(b, ']')
	}
	in := rec.Info
	b = append(b, `{"info":{"id":`...)
	str(in.ID)
	b = append(b, `,"path":`...)
	str(in.Path)
	b = append(b, `,"hash":`...)
	str(in.Hash)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, in.Size, 10)
	b = append(b, `,"format":`...)
	str(in.Format)
	if in.Title != "" {
		b = append(b, `,"title":`...)
		str(in.Title)
	}
	b = append(b, `,"ingested":`...)
	t, e := in.Ingested.MarshalJSON()
	if e != nil {
		return nil, e
	}
	b = append(b, t...)
	b = append(b, `},"nodes":`...)
	if rec.Nodes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, n := range rec.Nodes {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			str(n.ID)
			b = append(b, `,"kind":`...)
			str(string(n.Kind))
			b = append(b, `,"name":`...)
			str(n.Name)
			b = append(b, `,"aliases":`...)
			strs(n.Aliases)
			if len(n.Attrs) > 0 {
				b = append(b, `,"attrs":{`...)
				keys := make([]string, 0, len(n.Attrs))
				for k := range n.Attrs {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for i, k := range keys {
					if i > 0 {
						b = append(b, ',')
					}
					str(k)
					b = append(b, ':')
					v, ok := attrJSON(n.Attrs[k])
					if !ok {
						return nil, fmt.Errorf("attribute %s of %s: not JSON", k, n.ID)
					}
					b = append(b, v...)
				}
				b = append(b, '}')
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"edges":`...)
	if rec.Edges == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, e := range rec.Edges {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"f":`...)
			str(e.From)
			b = append(b, `,"k":`...)
			str(string(e.Kind))
			b = append(b, `,"t":`...)
			str(e.To)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(rec.Warnings) > 0 {
		b = append(b, `,"warnings":`...)
		strs(rec.Warnings)
	}
	if rec.Group != "" {
		b = append(b, `,"g":`...)
		str(rec.Group)
	}
	b = append(b, '}')
	return b, err
}

// decodeSource decodes a source record into v (a *sourceRec, or a struct
// with only the fields wanted).
func decodeSource(b []byte, v any) error {
	if len(b) > 0 && b[0] == sourceRecS2 {
		d, err := s2.Decode(nil, b[1:])
		if err != nil {
			return fmt.Errorf("decode source record: %w", err)
		}
		b = d
	}
	return json.Unmarshal(b, v)
}

type edgeRef struct {
	From string         `json:"f"`
	Kind graph.EdgeKind `json:"k"`
	To   string         `json:"t"`
}

// appendEvidence appends evidence as a count followed by (line, text)
// pairs; the source is implied by the key.
func appendEvidence(b []byte, ev []graph.Evidence) []byte {
	b = binary.AppendUvarint(b, uint64(len(ev)))
	for _, e := range ev {
		b = binary.AppendUvarint(b, uint64(e.Line))
		b = binary.AppendUvarint(b, uint64(len(e.Text)))
		b = append(b, e.Text...)
	}
	return b
}

var errCorrupt = errors.New("corrupt evidence record")

func decodeEvidence(b []byte, src string) ([]graph.Evidence, error) {
	return decodeEvidenceWith(b, src, readBytes)
}

// decodeEvidenceWith decodes a count of (line, text) pairs, reading each
// text with text: inline (readBytes) or from a group's table.
func decodeEvidenceWith(b []byte, src string, text func([]byte) (field, rest []byte, ok bool)) ([]graph.Evidence, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, errCorrupt
	}
	b = b[k:]
	out := make([]graph.Evidence, 0, n)
	for i := uint64(0); i < n; i++ {
		line, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, errCorrupt
		}
		t, rest, ok := text(b[k:])
		if !ok {
			return nil, errCorrupt
		}
		out = append(out, graph.Evidence{Source: src, Line: int(line), Text: string(t)})
		b = rest
	}
	return out, nil
}

// decodeRow reads what a row needs from a node record: the node's kind and
// display name (chosen as nodeRec.node chooses it) and its links, without
// building the record's maps or decoding its attributes. Query rows read
// thousands of records, and the full decode was most of their cost.
//
// Without links, the links are checked but not returned.
func decodeRow(b []byte, id string, links bool) (graph.Node, graph.Links, error) {
	if len(b) == 0 || b[0] != nodeRecBinary {
		r, err := decodeNode(b)
		if err != nil {
			return graph.Node{}, graph.Links{}, err
		}
		n := r.node(id)
		var ls graph.Links
		if links {
			ls = r.graphLinks()
		}
		return graph.Node{ID: id, Kind: n.Kind, Name: n.Name}, ls, nil
	}
	d := recDecoder{b: b[1:], ok: true}
	n := graph.Node{ID: id, Kind: internKind(d.field())}
	d.num() // support
	// Names: "<quality>\x00<spelling>" -> count. The best spelling has the
	// highest quality, then the highest count over all its qualities, then
	// sorts first. Only the winner becomes a string: a row read allocates
	// its name and link ids and nothing else.
	type spelling struct {
		s    []byte
		q, c int
	}
	var buf [8]spelling
	names := buf[:0]
	for i, cnt := 0, d.count(); i < cnt && d.ok; i++ {
		k, c := d.field(), d.num()
		z := bytes.IndexByte(k, 0)
		if z < 0 {
			d.ok = false
			break
		}
		names = append(names, spelling{k[z+1:], atoiBytes(k[:z]), c})
	}
	bestQ, bestC := -1, -1
	var best []byte
	for _, x := range names {
		c := 0
		for _, y := range names {
			if bytes.Equal(y.s, x.s) {
				c += y.c
			}
		}
		if x.q > bestQ || (x.q == bestQ && (c > bestC || (c == bestC && bytes.Compare(x.s, best) < 0))) {
			bestQ, bestC, best = x.q, c, x.s
		}
	}
	n.Name = string(best)
	for i, cnt := 0, d.count(); i < cnt && d.ok; i++ { // attributes: skipped
		d.skipStr()
		d.num()
	}
	var ls graph.Links
	for i, cnt := 0, d.count(); i < cnt && d.ok; i++ {
		k := d.field()
		d.num()
		z := bytes.IndexByte(k, 0)
		if z < 0 || !links {
			continue
		}
		switch graph.EdgeKind(k[:z]) {
		case graph.Presented:
			ls.Speakers = append(ls.Speakers, string(k[z+1:]))
		case graph.HeldAt:
			ls.Events = append(ls.Events, string(k[z+1:]))
		case graph.WorksFor:
			ls.Orgs = append(ls.Orgs, string(k[z+1:]))
		}
	}
	if !d.ok || len(d.b) != 0 {
		return graph.Node{}, graph.Links{}, errBadNode
	}
	// Link keys are written sorted and share their kind prefix, so each
	// list is already in id order.
	return n, ls, nil
}

// internKind returns the node kind spelt by b, without allocating for the
// kinds kg knows.
func internKind(b []byte) graph.NodeKind {
	for _, k := range graph.NodeKinds {
		if string(k) == string(b) {
			return k
		}
	}
	return graph.NodeKind(b)
}

// atoiBytes parses a decimal integer as strconv.Atoi does, without
// allocating; anything that is not one reads as 0, as Atoi's error value.
func atoiBytes(b []byte) int {
	neg := len(b) > 0 && (b[0] == '-' || b[0] == '+')
	digits := b
	if neg {
		digits = b[1:]
	}
	if len(digits) == 0 || len(digits) > 18 {
		if len(digits) > 18 {
			q, _ := strconv.Atoi(string(b))
			return q
		}
		return 0
	}
	v := 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0
		}
		v = v*10 + int(c-'0')
	}
	if b[0] == '-' {
		return -v
	}
	return v
}

// recDecoder reads the varint-framed fields of a binary node record, for
// the full decode and for decodeRow; a malformed field clears ok and
// yields zero values from then on.
type recDecoder struct {
	b  []byte
	ok bool
}

func (d *recDecoder) count() int {
	if !d.ok {
		return 0
	}
	v, k := binary.Uvarint(d.b)
	if k <= 0 || v > uint64(len(d.b)) {
		d.ok = false
		return 0
	}
	d.b = d.b[k:]
	return int(v)
}

func (d *recDecoder) field() []byte {
	l := d.count()
	if !d.ok || l > len(d.b) {
		d.ok = false
		return nil
	}
	f := d.b[:l]
	d.b = d.b[l:]
	return f
}

func (d *recDecoder) str() string { return string(d.field()) }
func (d *recDecoder) skipStr()    { d.field() }

func (d *recDecoder) num() int {
	if !d.ok {
		return 0
	}
	v, k := binary.Varint(d.b)
	if k <= 0 {
		d.ok = false
		return 0
	}
	d.b = d.b[k:]
	return int(v)
}
