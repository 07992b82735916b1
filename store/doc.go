// Package store keeps kg's graph in Badger. It owns the key layout, the
// transactions, the schema version and the Badger options; Badger types never
// leave it (badger.ErrKeyNotFound becomes graph.ErrNotFound).
//
// Key layout (fields separated by a 0x00 byte; ids never contain one):
//
//	m\x00schema                      schema version ("kg/1")
//	s\x00<source>                    source record: info, node contributions, edge list
//	p\x00<path>                      path -> source id
//	n\x00<id>                        merged node: kind, support, spelling and attr counts
//	k\x00<kind>\x00<id>              kind index
//	a\x00<key>\x00<id>               alias index (graph.Key of every spelling)
//	e\x00<series|city>\x00<event>    event series index, for year-less events
//	f\x00<from>\x00<kind>\x00<to>\x00<source>   forward edge, value = evidence of that source
//	b\x00<to>\x00<kind>\x00<from>\x00<source>   reverse edge, no value
//	r\x00<id>                        redirect: id was merged into the value
//	c\x00<id>                        catalog entry (imported or user-added)
//
// "Talks that mention X" is a key-only prefix scan of b\x00X\x00mentions\x00;
// "speakers of T" of b\x00T\x00presented\x00. Evidence is stored once, in the
// forward key of the source that read it. A node lives while its support (the
// number of sources contributing it) is above zero.
//
// store imports graph and Badger, never extract, export or cmd.
package store
