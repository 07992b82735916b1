// Package store keeps kg's graph in Badger. It owns the key layout, the
// transactions, the schema version and the Badger options; Badger types never
// leave it (badger.ErrKeyNotFound becomes graph.ErrNotFound).
//
// Key layout (fields separated by a 0x00 byte; ids never contain one):
//
//	m\x00schema                      schema version ("kg/4")
//	m\x00group                       number of the last commit's reverse groups
//	s\x00<source>                    source record: info, node contributions, edge list
//	p\x00<path>                      path -> source id and content hash
//	n\x00<id>                        merged node: kind, support, spelling, attr and link counts;
//	                                 an id starts with its kind ("talk:"), so n\x00talk: lists the talks
//	a\x00<key>\x00<id>               alias index (graph.Key of every spelling)
//	e\x00<series|city>\x00<event>    event series index, for year-less events
//	f\x00<from>\x00<source>          forward edge group: the source's edges from the node,
//	                                 each with kind, other end and evidence (groups.go)
//	b\x00<to>\x00<kind>\x00<group>   reverse edge group: the edges of that kind into the
//	                                 node stated by the sources of one commit (group "#n",
//	                                 each source's part apart), or by one source (group
//	                                 the source id, as kg/3 wrote them)
//	r\x00<id>                        redirect: id was merged into the value
//	c\x00<id>                        catalog entry (imported or user-added)
//
// "Talks that mention X" is a prefix scan of b\x00X\x00mentions\x00; a
// talk's speakers and event and a person's organisations are counts in
// their node records, so a row is one read. Evidence is stored once, in the
// forward group of the source that read it. A node lives while its support
// (the number of sources contributing it) is above zero. Schemas kg/1 to
// kg/3 also kept a kind index (k\x00<kind>\x00<id>), and kg/1 and kg/2 a key
// per edge and source instead of groups; Open upgrades them.
//
// store imports graph and Badger, never extract, export or cmd.
package store
