package extract

import (
	"slices"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// Where a talk's text says who its speakers work for, in a sentence of
// its own: "Mateo is a field engineer at Solo.io", "Camille leads the
// platform team at BlaBlaCar", "Bram Hendriks, who works on OpenFeature at
// Dynatrace", "Both speakers are from NVIDIA". Only present tense: "worked
// at" names a former employer.
const (
	// a dot only inside a word (Solo.io, bol.com): one after a word ends
	// the sentence
	orgWords = `(\p{Lu}[\p{L}\d&'’-]*(?:\.[\p{L}\d]+)*(?:\s+\p{Lu}[\p{L}\d&'’-]*(?:\.[\p{L}\d]+)*){0,3})`
	subject  = `(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})(?:,\s*who)?\s+`
)

// needled is a regular expression with strings one of which every match
// contains, as written: most blocks hold none, and are not searched.
type needled struct {
	re      *lazyRegexp
	needles []string
}

func (n needled) mayMatch(s string) bool {
	for _, k := range n.needles {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

var (
	roleEmployerRe = needled{lazyRe(subject + `(?:is|’s|'s)\s+(?:a|an|the|one\s+of\s+the)\s+(?:[\p{L}-]+\s+){0,3}?` +
		`(?:engineers?|developers?|architects?|maintainers?|leads?|managers?|directors?|CEO|CTO|founders?|co-founders?|` +
		`consultants?|advocates?|researchers?|scientists?|SREs?|specialists?|head|members?|contributors?|evangelists?|programmers?)` +
		`\s+(?:at|for|with)\s+` + orgWords), []string{" is ", "’s ", "'s "}}
	worksEmployerRe = needled{lazyRe(subject + `(?:works|leads|heads|runs|manages)\b(?:\s+[\p{L}\d-]+){0,5}?\s+(?:at|for)\s+` + orgWords),
		[]string{" works ", " leads ", " heads ", " runs ", " manages "}}
	// "Ashok (Google) and Liudmila (Microsoft) argued": a speaker's name
	// and the organisation in brackets, in the talk's prose
	parenEmployerRe = needled{lazyRe(`(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})\s+\(` + orgWords + `\)`),
		[]string{" ("}}
	bothEmployerRe = needled{lazyRe(`\b(?:[Bb]oth|[Aa]ll)\s+(?:of\s+the\s+|the\s+)?(?:speakers|presenters|of\s+them)\s+(?:are|work|come)\s+(?:from|at|for)\s+` + orgWords),
		[]string{" speakers ", " presenters ", " of them "}}
)

// speakerEmployers reads the employers the text of each talk gives its
// speakers, for speakers with none yet.
func (x *extractor) speakerEmployers() {
	var employed map[string]bool // people with a works_for edge, made when needed
	isEmployed := func(id string) bool {
		if employed == nil {
			employed = map[string]bool{}
			for key := range x.edges {
				if key[1] == string(graph.WorksFor) {
					employed[key[0]] = true
				}
			}
		}
		return employed[id]
	}
	for ti := range x.talks {
		t := &x.talks[ti]
		if len(t.speakers) == 0 {
			continue
		}
		var ids []string
		for _, sp := range t.speakers {
			if sp.org != "" {
				continue
			}
			if id := graph.NodeID(graph.Person, sp.name); !isEmployed(id) {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			continue // every speaker's employer is known
		}
		for bi := t.block; bi < t.end && bi < len(x.doc.Blocks); bi++ {
			b := &x.doc.Blocks[bi]
			if b.Kind == Heading {
				continue
			}
			text := b.Text
			if !strings.Contains(text, " at ") && !strings.Contains(text, " for ") && !strings.Contains(text, " from ") &&
				!strings.Contains(text, " with ") && !strings.Contains(text, " (") {
				continue
			}
			for _, re := range []needled{roleEmployerRe, worksEmployerRe, parenEmployerRe} {
				if !re.mayMatch(text) {
					continue
				}
				for _, m := range re.re.FindAllStringSubmatchIndex(text, -1) {
					id := x.speakerNamed(text[m[2]:m[3]], ti, ids)
					if id != "" && !employed[id] && x.employ(bi, id, text, m[4], m[5]) {
						employed[id] = true
					}
				}
			}
			if bothEmployerRe.mayMatch(text) {
				for _, m := range bothEmployerRe.re.FindAllStringSubmatchIndex(text, -1) {
					for _, id := range ids {
						if !employed[id] && x.employ(bi, id, text, m[2], m[3]) {
							employed[id] = true
						}
					}
				}
			}
		}
		// "## From Isovalent" over the talks of its people: the heading
		// names the company of those the text gives none
		if h := x.sectionHeading(t.block); h >= 0 {
			text := x.doc.Blocks[h].Text
			if m := companyHeadingRe.FindStringSubmatchIndex(text); m != nil && !nonCompanyRe.MatchString(text[m[2]:m[3]]) {
				if f := strings.Fields(text[m[2]:m[3]]); !(len(f) >= 2 && len(f) <= 3 && isFirstName(f[0])) { // ("From Ana Lima" is a person's section)
					for _, id := range ids {
						if !employed[id] && x.employ(h, id, text, m[2], m[3]) {
							employed[id] = true
						}
					}
				}
			}
		}
	}
}

// sectionHeading returns the heading whose section holds block bi (the
// heading above it, or for a heading the one of a higher level above
// it), -1 for none.
func (x *extractor) sectionHeading(bi int) int {
	level := 7
	if b := &x.doc.Blocks[bi]; b.Kind == Heading {
		level = b.Level
	}
	for h := bi - 1; h >= 0; h-- {
		if b := &x.doc.Blocks[h]; b.Kind == Heading && b.Level < level {
			return h
		}
	}
	return -1
}

var (
	// companyHeadingRe matches a heading that names the company of the
	// talks under it: "From Isovalent (now part of Cisco)", "Talks by
	// Microsoft people".
	companyHeadingRe = lazyRe(`^(?:From|Talks (?:from|by)|Sessions (?:from|by)|Speakers from)\s+(\p{Lu}[\p{L}\p{N}.&'’ -]{1,40}?)(?:\s+(?:people|folks|engineers|speakers|talks))?(?:\s*\([^()]*\))?\s*:?$`)
	// nonCompanyRe matches what such a heading may name that is no
	// company: a day, a place in the venue, an event.
	nonCompanyRe = lazyRe(`(?i)^(?:the\s|day\b|track\b|room\b|stage\b|hall\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|kubecon|keynote|main\b)`)
)

// speakerNamed returns the id of the speaker of talk ti that name (or its
// last words: "Then Camille") refers to, or "".
func (x *extractor) speakerNamed(name string, ti int, speakers []string) string {
	words := strings.Fields(name)
	for i := range words {
		if id, ok := x.personFor(strings.Join(words[i:], " "), ti); ok && slices.Contains(speakers, id) {
			return id
		}
	}
	return ""
}

// employ adds person id works_for the organisation text[s:e] names and
// reports whether it did: not when the words name no organisation (a city,
// an event, a project).
func (x *extractor) employ(bi int, id, text string, s, e int) bool {
	org := cleanOrg(trimOrgTail(strings.TrimRight(text[s:e], ".’'")))
	if org == "" || findCity(org) == org || x.isEventName(org) {
		return false
	}
	oid := x.orgNode(org)
	if oid == "" || graph.IDKind(oid) != graph.Org {
		return false
	}
	x.addEdge(id, graph.WorksFor, oid, x.blockEvidence(bi, s))
	if k := strings.Index(text[s:], org); k >= 0 {
		x.orgSpans[bi] = append(x.orgSpans[bi], [2]int{s + k, s + k + len(org)})
	}
	return true
}
