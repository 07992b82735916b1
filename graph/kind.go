package graph

// NodeKind is the kind of a node, one of the constants below.
type NodeKind string

// Node kinds, as listed in CONTRACT.md.
const (
	Event   NodeKind = "event"
	Talk    NodeKind = "talk"
	Person  NodeKind = "person"
	Org     NodeKind = "org"
	Project NodeKind = "project"
	Topic   NodeKind = "topic"
	Source  NodeKind = "source"
)

// NodeKinds lists every node kind in a fixed order.
var NodeKinds = []NodeKind{Event, Talk, Person, Org, Project, Topic, Source}

// Valid reports whether k is one of the known node kinds.
func (k NodeKind) Valid() bool {
	for _, v := range NodeKinds {
		if v == k {
			return true
		}
	}
	return false
}

// EdgeKind is the kind of an edge, one of the constants below.
type EdgeKind string

// Edge kinds, as listed in CONTRACT.md. Direction is source -> target.
const (
	Presented    EdgeKind = "presented"     // person -> talk
	HeldAt       EdgeKind = "held_at"       // talk -> event
	Mentions     EdgeKind = "mentions"      // talk|source -> project|topic|org|person
	WorksFor     EdgeKind = "works_for"     // person -> org
	PartOf       EdgeKind = "part_of"       // project -> project
	MaintainedBy EdgeKind = "maintained_by" // project -> org
	Authored     EdgeKind = "authored"      // person -> source
	Covers       EdgeKind = "covers"        // source -> event|talk
)

// EdgeKinds lists every edge kind in a fixed order.
var EdgeKinds = []EdgeKind{Presented, HeldAt, Mentions, WorksFor, PartOf, MaintainedBy, Authored, Covers}

// Valid reports whether k is one of the known edge kinds.
func (k EdgeKind) Valid() bool {
	for _, v := range EdgeKinds {
		if v == k {
			return true
		}
	}
	return false
}

// Allows reports whether an edge of kind k may join a node of kind from to
// a node of kind to. It encodes the table in CONTRACT.md.
func (k EdgeKind) Allows(from, to NodeKind) bool {
	switch k {
	case Presented:
		return from == Person && to == Talk
	case HeldAt:
		return from == Talk && to == Event
	case Mentions:
		return (from == Talk || from == Source) &&
			(to == Project || to == Topic || to == Org || to == Person)
	case WorksFor:
		return from == Person && to == Org
	case PartOf:
		return (from == Project || from == Topic) && (to == Project || to == Topic)
	case MaintainedBy:
		return from == Project && to == Org
	case Authored:
		return from == Person && to == Source
	case Covers:
		return from == Source && (to == Event || to == Talk)
	}
	return false
}
