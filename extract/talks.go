package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

// talk is a talk found in a document and the blocks that describe it.
type talk struct {
	title     string
	format    string // keynote, lightning talk, panel, workshop
	block     int    // block of the title
	off       int    // offset of the title in that block
	speakers  []speaker
	end       int // section is blocks [block, end)
	level     int // heading level of the title, 0 if not a heading
	listTitle bool
	// prose: the title is quoted in a paragraph of a narrative post, whose
	// next paragraphs are the talk's only while they speak of its speakers
	prose bool
	// quoteBlock, when not 0, is the block after a section heading that
	// quotes the talk's title (off is then an offset in it)
	quoteBlock int
	// roll: the title is one of several a paragraph goes through, whose
	// first speaker is named at rollAt
	roll   bool
	rollAt int
	// ref: the title is an entry of a reference list, cited in the text
	ref *reference
}

var (
	labelRe       = lazyRe(`(?i)^(?:(opening|closing|morning|afternoon|day\s*\d+)\s+)?(talk|session|keynote|lightning\s*talk|lightning|workshop|panel|panel discussion|painel|palestra|presentation|tutorial|fireside\s*chat|ignite(?:\s*talk)?|demo|vortrag|라이트닝\s*토크|키노트|기조\s*연설|ライトニングトーク|基调演讲|主题演讲|闪电演讲)(?:\s*(?:#|no\.?)?\s*\d+)?\s*(?:[:：]|\s[-–—]\s)\s*(.+)$`)
	speakerLineRe = lazyRe(`(?i)^(?:(?:speaker\(s\)|speakers?|spkrs?|presenter\(s\)|presenters?|presented\s+by|holdt\s+af|oplæg\s+af|præsenteret\s+af|panell?ists?|moderators?|mod|moderation|moderated\s+by|hosts?|hosted\s+by|given\s+by|delivered\s+by|with|by)\s*(?:[:：]|\s[-–—]\s|\s)|(?:who|sprecher(?:in|innen|:innen|\*innen)?|referent(?:in|innen|en)?|vortragende[rn]?|ponentes?|palestrantes?|intervenant(?:e|s|es)?|orat(?:eur|rice)s?|relat(?:ore|ori|rice)|sprekers?|föreläsare|foredragsholdere?|přednášející|prelegen(?:t|ci|tka)|спикер(?:ы)?|докладчи(?:к|ца|ки)|модератор|ведущ(?:ий|ая)|участни(?:к|ца|ки)|pembicara|narasumber|발표자|연사|登壇者|讲者|演讲者)\s*[:：])\s*(.+)$`)
	quotedTitleRe = lazyRe(`^["“”„'‘](.+?)["“”'’]\s*(\([^)]*\))?\s*(?:,\s*|[,:]?\s*(?:(?:by|with|from)\s+|[-–—|]+\s+))(.+)$`)
	speakerOnRe   = lazyRe(`^(.+?)\s+on\s+["“]([^"”]+)["”]$`)
	parenTailRe   = lazyRe(`\s*\((?:[^()]*\b(?:keynote|lightning|talk|session|workshop|panel|track|room|day|tutorial|min|minutes|demo)\b[^()]*|\d{1,2}[:.h]\d{2}[^()]*)\)\s*$`).needing("(")
	notTalkRe     = prefixFiltered(`(?i)^(key\s*take-?aways?|take-?aways?|main\s+take-?aways?|summary|tl;?dr|key\s+points|highlights?|introduction|intro|conclusions?|final\s+thoughts|closing\s+thoughts|wrap[- ]?up|coffee(\s+break)?|lunch(\s+break)?|break|networking|dinner|party|breakfast|registration|(?:evening\s+)?meetups?|happy\s+hour|reception|drinks|after\s*party|sponsors?.*|booths?.*|expo.*|exhibitors?|agenda|schedule|day\s*\d+.*|about.*|thanks.*|acknowledg.*|resources|links|references|further reading|related.*|comments?|leave a reply|share.*|presentation notes|talks?|sessions?|notes|my notes|my (?:schedule|agenda|itinerary)|(?:some|a few|a couple of|quick|brief|short|more) (?:comments|notes|thoughts|remarks|impressions)\b.*|(?:posted|published)\s.*|overview|table of contents|contents|what'?s next|next steps|see you.*|other links|useful links|demo|q&a|questions|open spaces?|(?:other|general|further)\s+(?:observations|impressions|notes|thoughts)|observations|impressions|recommendations|miscellaneous|misc\.?|appendix|venue|the venue|location|sede|lugar|lieu|veranstaltungsort)$`,
		"key", "take", "main", "summary", "tl", "highlight", "intro", "conclusion", "final", "closing", "wrap", "coffee", "lunch", "break", "networking", "dinner", "party", "registration", "evening", "meetup", "happy", "reception", "drinks", "after", "sponsor", "booth", "expo", "exhibitor", "agenda", "schedule", "day", "about", "thanks", "acknowledg", "resources", "links", "references", "further reading", "related", "comment", "leave a reply", "share", "presentation notes", "talk", "session", "notes", "my notes", "my schedule", "my agenda", "my itinerary", "some ", "a few ", "a couple ", "quick ", "brief ", "short ", "more ", "posted", "published", "overview", "table of contents", "contents", "what", "next steps", "see you", "other links", "useful links", "demo", "q&a", "questions", "open space", "other", "general", "further", "observation", "impression", "recommendation", "misc", "appendix", "venue", "the venue", "location", "sede", "lugar", "lieu", "veranstaltungsort")
	outroRe = prefiltered(`(?i)(^(overall|all in all|in conclusion|to conclude|to sum up|to wrap up|wrapping up|in summary|final thoughts|that'?s (all|it)|thanks|thank you)\b)|\b(the|this)\s+(\w+\s+){0,3}(event|conference|summit|edition)\s+(was|were|has been|is|got|had|felt|turned out)\b|\bsee you (at|in|next)\b|\bwe hope\b|\blooking forward to\b|\bnext year\b`, "overall", "all in all", "in conclusion", "to conclude", "to sum up", "to wrap up", "wrapping up", "in summary", "final thoughts", "that's ", "thats ", "thanks", "thank you", "event", "conference", "summit", "edition", "see you ", "we hope", "looking forward to", "next year")
	// "the talk by", and in other languages "een lightning talk van",
	// "geopend door spreker", "la charla de", "présenté par"
	intlCueRe = lazyRe(`(?i)\b(?:talk|session|keynote|workshop|sessie|vortrag|charla|ponencia|taller|presentación|présentation|conférence|atelier|palestra|dupla|apresentação|oficina|intervento|sessione)\s+(?:van|von|de|del|di|par|por|da|do|dos|das|d'|du)\s*$|\b(?:door|par|por|von)\s+(?:(?:de\s+)?(?:spreker|sprecherin|sprecher|ponente|intervenant|conférencier|conférencière)\s+)?$|\b(?:sprekers?|ponentes?|sprecher(?:innen)?|prowadząc[ya]|prelegent(?:ka)?|prelegenci)\s*:?\s+$|\b(?:presentat|tenut|condott)[oaie]\s+da\s+$|\b(?:foredrag\w*|lyntale\w*|talken|presentasjon\w*|föredrag\w*|dragning\w*)\b[^.!?]{0,40}?\s(?:av|med)\s+$|\b(?:startet|begynte|åpnet|avsluttet|började|öppnade|avslutade)\s+med\s+$|\b(?:fra|från)\s+\p{Lu}\S*(?:\s+\p{Lu}\S*)?\s+kom\s+$|\bforedragsholder(?:e|en|ne)?\s*[:,]?\s+$|\boleh\s+$|\bpembicara(?:nya)?\s*:?\s+$|\bkonuşmacı(?:lar)?\s*:\s+$|\b(?:holdt|oplæg(?:get)?|præsenteret|givet|leveret|ledet)\s+(?:af|ved)\s+$`)
	talkCueRe = lazyRe(`(?i)\b(session|talk|presentation|keynote|workshop|lightning talk|panel|demo|slot|one|it)\s+(?:was\s+|is\s+)?(?:(?:performed|presented|given|delivered|held|led|hosted|run|done|brought)\s+)?(?:by|of|from)\s+$|\b(?:performed|presented|given|delivered|led|hosted)\s+by\s+$|\bwas\s+from\s+$|\b(?:talk|keynote|session|presentation|speaker|presenter)\s*:\s*$`)
	verbCueRe = lazyRe(`(?i)^[’']?s?\s*(?:\([^)]*\)\s*)?(?:,(?:[^,.]|\.\S){2,90},\s*)?(?:(?:from|of|at)\s+(?-i:\p{Lu})[\p{L}\p{N}.&-]*(?:\s+(?-i:\p{Lu})[\p{L}\p{N}.&-]*)?,?\s+)?(?:(?:also|then|first|briefly)\s+)?(?:closed|closes|ran|runs|gave|gives|presented|presents|talked|talks|spoke|speaks|explained|explains|showed|shows|demonstrated|demonstrates|demoed|opened|opens|followed|follows|kicked|walked|walks|shared|shares|introduced|introduces|discussed|discusses|started|starts|explored|explores|took|takes|offered|offers|delivered|delivers|led|leads|hosted|covered|covers|described|describes|highlighted|highlights|argued|argues|told|tells|made|makes|went|goes|joined|joins|focused|focuses|dove|dived|guided|guides|addressed|addresses|revisited|revisits|detailed|outlined|reminded|came|comes|works|worked|was|is|from\s+(?-i:\p{Lu}))\b`)
)

// segment finds the talks of a document and the blocks each covers.
func (x *extractor) segment() []talk {
	blocks := x.doc.Blocks
	var talks []talk
	closeAt := func(i int) {
		if n := len(talks); n > 0 && talks[n-1].end < 0 {
			talks[n-1].end = i
		}
	}
	for i := 0; i < len(blocks); i++ {
		b := &blocks[i]
		if roll := x.talkRoll(i); len(roll) > 0 {
			n := len(talks)
			if n == 0 || talks[n-1].end >= 0 || len(roll) > 2 {
				// (two quoted titles in a talk's own notes are rather the
				// talks it refers to)
				closeAt(i)
				talks = append(talks, roll...)
				continue
			}
		}
		if n := len(talks); n > 0 && talks[n-1].end < 0 && b.Kind == Item {
			if sp := x.panelItem(i); len(sp) > 0 {
				// "No painel:" over "- João Pedro Gonçalves — Sky
				// Portugal": the open talk's panel, a member an item
				talks[n-1].speakers = append(talks[n-1].speakers, sp...)
				continue
			}
		}
		if t, ok := x.talkAt(i); ok && !x.noteOfTalk(talks, i, t) {
			closeAt(i)
			talks = append(talks, t)
			continue
		}
		n := len(talks)
		if n == 0 || talks[n-1].end >= 0 {
			continue
		}
		cur := &talks[n-1]
		switch {
		case b.Footnote:
			closeAt(i)
		case b.Kind == Heading && (cur.level == 0 || b.Level <= cur.level):
			closeAt(i)
		case cur.listTitle && b.Kind == Item && b.Level <= x.doc.Blocks[cur.block].Level:
			closeAt(i)
		case b.Kind != Item && len(b.Text) < 60 && isHeadingLike(b) && notTalkRe.MatchString(trimTitle(b.Text)) && !subsection(b.Text):
			closeAt(i)
		case b.Kind == Para && boldFirstLine(b) && notTalkRe.MatchString(trimTitle(firstLine(b))):
			closeAt(i) // "**Open Spaces**" over "Afternoon open spaces, the ones I joined:"
		case b.Kind == Para && i > cur.block+1 && outroRe.MatchString(firstSentence(b.Text)):
			closeAt(i)
		case cur.prose && b.Kind == Para && !x.consumed[i] && !speaksOf(firstSentences(b.Text, 2), cur.speakers):
			closeAt(i) // "Lunch was a bento in a cardboard box ..."
		case b.Kind == Para && !x.consumed[i] && clockFirst(x.doc.Blocks[cur.block].Text) &&
			(clockFirst(b.Text) || len(b.Text) < 40 && breakRe.MatchString(b.Text)):
			// a talk that opens with its time ends at the next time ("1130
			// coffee + sponsor hall") or at a break ("eod booth crawl")
			closeAt(i)
		case x.doc.Format == Text && cur.level == 0 && !cur.listTitle && b.Kind == Para && i > cur.block+1 && isHeadingLike(b) &&
			!subsection(b.Text) && !isSpeakerLine(b.Text) && !fieldLineRe.MatchString(b.Text) && !cur.speakerLine(b.Line) &&
			!(shouting(cur.title) && !shouting(b.Text)) && // (in a zine of titles in capitals, a line in lower case is no title)
			!wrappedProse(b.Text):
			// loose notes: the next title-like line starts another topic
			closeAt(i)
		}
	}
	closeAt(len(blocks))
	talks = x.sandwiched(talks)
	longerTitles(talks)
	if slices.ContainsFunc(talks, func(t talk) bool { return t.ref != nil }) {
		talks = withoutCitedSections(talks)
		x.resolveCites(talks)
	}
	return talks
}

// noteOfTalk reports whether t, read at block i, is rather a note of the
// open talk that is the last of talks: an item under that talk's item
// with its title in lower case ("– main track, K.1.105 (La Fontaine)"
// under "• Open Source Funding @ Hamid Rahimi").
func (x *extractor) noteOfTalk(talks []talk, i int, t talk) bool {
	n := len(talks)
	if n == 0 || talks[n-1].end >= 0 || !talks[n-1].listTitle || len(talks[n-1].speakers) == 0 || !startsLower(t.title) {
		return false
	}
	b, own := &x.doc.Blocks[i], &x.doc.Blocks[talks[n-1].block]
	return b.Kind == Item && own.Kind == Item && b.Level > own.Level
}

// panelItem reads the panel member that item i names, when the items it
// is one of follow a line that introduces a panel's members: "On the
// panel:", "No painel:", "i panelet sad:".
func (x *extractor) panelItem(i int) []speaker {
	j := i
	for j > 0 && x.doc.Blocks[j-1].Kind == Item && x.doc.Blocks[j-1].Level == x.doc.Blocks[i].Level {
		j--
	}
	if j == 0 || i-j > 8 {
		return nil
	}
	lead := &x.doc.Blocks[j-1]
	if lead.Kind != Para || !strings.HasSuffix(lead.Text, ":") || !panelLeadRe.MatchString(lead.Text) {
		return nil
	}
	b := &x.doc.Blocks[i]
	sp, ok := x.allSpeakers(b.Text)
	if !ok || len(sp) != 1 || !fullNames(sp) {
		return nil
	}
	sp[0].line, sp[0].text = b.Line, b.Text
	return sp
}

// panelLeadRe matches the end of a line that introduces a panel's members,
// in the languages recaps are written in.
var panelLeadRe = lazyRe(`(?i)(?:on the panel|panell?ists|no painel|painelistas|en el panel|panelistas|dans le panel|panélistes|im panel|auf dem podium|i panelet(?:\s+sad)?|op het panel|nel panel)\s*:$`)

// clockFirstRe matches a clock time that opens a line: "10:45", "9h30",
// "1045 ".
var clockFirstRe = lazyRe(`^(?:\*\*|__)?(?:\d{1,2}[:h]\d{2}|(?:[01]\d|2[0-3])[0-5]\d\s)`)

// clockFirst reports whether s opens with a clock time.
func clockFirst(s string) bool {
	return len(s) > 3 && (s[0] >= '0' && s[0] <= '9' || s[0] == '*' || s[0] == '_') && clockFirstRe.MatchString(s)
}

// speakerLine reports whether line ln is where one of t's speakers was
// read: "Kenji Morimoto, Distinguished Engineer, Sakura Datasystems" under
// "Speakers:" is no next title.
func (t *talk) speakerLine(ln int) bool {
	return slices.ContainsFunc(t.speakers, func(s speaker) bool { return s.line == ln })
}

// longerTitles gives a talk named by the start of another's title with the
// same speakers that full title: a caption's "Ahmed El-Masry, Serving LLMs
// on Kubernetes with KServe and Ray" is the talk the text names "Serving
// LLMs on Kubernetes with KServe and Ray: A Cost Story".
func longerTitles(talks []talk) {
	if len(talks) < 2 {
		return
	}
	folds := make([]string, len(talks)) // each title folded once, as a pair needs it
	fold := func(i int) string {
		if folds[i] == "" {
			folds[i] = graph.Fold(talks[i].title)
		}
		return folds[i]
	}
	for i := range talks {
		for j := range talks {
			a, b := &talks[i], &talks[j]
			if i == j || len(a.title) >= len(b.title) || len(a.speakers) == 0 || len(a.speakers) != len(b.speakers) ||
				strings.Count(a.title, " ") < 2 {
				continue
			}
			if !strings.HasPrefix(fold(j), fold(i)) || !slices.EqualFunc(a.speakers, b.speakers, func(p, q speaker) bool { return p.name == q.name }) {
				continue
			}
			a.title, folds[i] = b.title, ""
		}
	}
}

// metaFieldRe matches a labelled field about the post or the event (its
// date, place, author, audience), which is never a talk's title.
var metaFieldRe = prefixFiltered(`(?i)^(?:when|where|date|dates|time|location|venue|place|city|country|event|conference|author|authors|written by|audience|attendees|tags|categories|category|posted|published|updated|reading time|read time|website|url|cost|price|tickets?)\s*[:：]`,
	"when", "where", "date", "time", "location", "venue", "place", "city", "country", "event", "conference", "author",
	"written by", "audience", "attendees", "tag", "categor", "posted", "published", "updated", "reading time", "read time",
	"website", "url", "cost", "price", "ticket")

// fieldLineRe matches a labelled field of a talk's entry ("Track:   Core
// Principles", "Room: 101"), which does not end it either.
var fieldLineRe = lazyRe(`^\p{Lu}[\p{L} ()/-]{1,24}:\s`)

// subsection names the parts of one talk's notes, which do not end it.
func subsection(s string) bool {
	return len(s) < 40 && subsectionRe.MatchString(trimTitle(s))
}

var (
	subsectionRe = lazyRe(`(?i)^(key\s*take-?aways?|take-?aways?|summary|key\s+points|highlights?|notes|demo|q&a|questions|tl;?dr)$`)
	parenTitleRe = lazyRe(`^(.{6,}?)\s*\(([^()]+)\)\s*$`).needing(")")
	// between two speakers' names: "and", or an org and "and" in the
	// languages recaps are written in ("van Buoyant en", "de BBVA y")
	listGlueRe  = lazyRe(`^\s*(?:\([^()]*\)|\s(?:van|von|de|di|from|of|at|bei|chez|z firmy|z|fra|från|dari)\s+\p{Lu}[^,;.]{0,40}?)?\s*(,|and|&|en|und|et|y|e|i|og|och|dan)\s*(?:(?:da|do|de|la|el)\s+)?$`)
	restWordsRe = lazyRe(`(?i)\b(and|und|et|en|y|e|i|og|och|z|firmy|fra|från|from|of|at|the)\b|[\s,;&()@|+–—-]+`)
)

// talkAt decides whether block i starts a talk.
func (x *extractor) talkAt(i int) (talk, bool) {
	b := &x.doc.Blocks[i]
	text := strings.TrimSpace(b.Text)
	if b.Kind == Heading || b.Emph && len(b.starts) == 1 {
		text = stripEnum(text) // "### 7. ⚡ Lightning talk: Helm Charts Nobody Wants", a word processor's bold "3.2 Title"
	}
	if len(b.starts) <= 1 {
		text = slotless(text)
	}
	if text == "" || b.Footnote || b.sig {
		return talk{}, false // a note's "[^1]: Name, Org. Slides: ..." is no title
	}
	if len(b.Links) > 0 && len(x.watchLines()) > 0 && slices.Contains(x.watch, i) {
		// "=> https://video... Video: Title", above the paragraph that
		// names its speakers (under it, that paragraph took it)
		return x.watchTalk(i)
	}
	if b.Kind == Para && len(b.Text) > 60 && len(x.watchLines()) > 0 {
		if t, ok := x.watchedTalk(i); ok {
			return t, true
		}
	}
	if len(text) > 400 && utf8.RuneCountInString(text) > 400 {
		// a long paragraph is no title line, but it may open with a
		// talk quoted in a sentence
		if b.row == nil && (b.Kind == Para || b.Kind == Item) && !isSpeakerLine(text) {
			return x.quotedTalk(i)
		}
		return talk{}, false
	}
	level := 0
	if b.Kind == Heading {
		level = b.Level
	}
	if len(text) < 100 && agoRe.MatchString(text) {
		return talk{}, false // a comment's header: "the_real_mdubois 2 days ago | prev | next [-]"
	}
	if (b.Kind == Para || b.Kind == Item) && b.row == nil {
		if t, ok := x.referenceTalk(i); ok {
			return t, true // "Brennan, C. (2025). Title. Talk at SREcon25 EMEA, Dublin."
		}
	}
	if b.row != nil {
		return x.tableTalk(i, b.row)
	}
	if b.Kind == Item && len(b.Links) == 1 && strings.HasPrefix(b.Links[0].URL, "#") && b.Links[0].Text == text {
		return talk{}, false // "<li><a href="#tetragon">Runtime enforcement with Tetragon</a>": the contents
	}
	if text[0] == '@' && castRe.MatchString(text) {
		return talk{}, false // "@arjun@mastodon.online = Arjun Iyer", a cast list
	}
	if text[0] == '(' && strings.HasSuffix(text, ")") && b.Kind == Para && strings.IndexByte(text[1:], '(') < 0 {
		return talk{}, false // "(Section contributed by T. Nowak.)": an aside
	}
	if head := text[:min(len(text), 40)]; strings.ContainsAny(head, ":：") && metaFieldRe.MatchString(text) {
		return talk{}, false // "When:     29-31 October 2024" above "Author: Name (Team, Bank)"
	}
	if i == 0 && b.Kind == Heading && x.isEventName(text) {
		return talk{}, false // the post's title: "DevOpsDays Zurich 2024: the thread"
	}
	// "Talk 3: Title", "Keynote: Title", "Lightning talk - Title"
	if m := matchLabel(text); m != nil && b.Kind != Item {
		rest := strings.TrimSpace(m[3])
		t := talk{block: i, level: level, format: talkFormat(m[2])}
		t.title = trimTitle(rest)
		if b.Kind == Para && boldFirstLine(b) {
			// "**Ignite: Five Minutes of Nix Flakes**" over "Moritz
			// Engel from Tweag. Twenty slides ..."
			if lm := matchLabel(firstLine(b)); lm != nil {
				t.title, t.speakers = trimTitle(lm[3]), x.secondLineSpeakers(b)
			}
		}
		// A speaker line below means the label line is all title, but
		// for its moderator: "Panel: Title — moderated by Name (Org)"
		// over "Panelists: ..."
		if len(t.speakers) > 0 {
			// read from the block's second line
		} else if t.speakers = x.speakerLines(i); len(t.speakers) > 0 {
			if loc := byRoleRe.FindStringIndex(rest); loc != nil {
				if mod, ok := x.allSpeakers(rest[loc[1]:]); ok {
					for k := range mod {
						mod[k].line, mod[k].text = b.Line, b.Text
					}
					t.title, t.speakers = trimTitle(rest[:loc[0]]), append(mod, t.speakers...)
				}
			}
		} else {
			if title, sp, ok := x.titleSpeakers(rest); ok {
				t.title, t.speakers = title, sp
			}
		}
		t.off = strings.Index(b.Text, rest)
		if t.title == "" || notTalkRe.MatchString(t.title) {
			return talk{}, false
		}
		if b.Kind == Para && len(t.speakers) == 0 && strings.HasSuffix(rest, ".") && (x.namesFirst(rest) || len(rest) > 100) {
			// "Closing talk: Lea Schwarz, head of platform at ...": the
			// section's speaker, in a sentence; "Lightning talk: Wojciech
			// implemented a minimal TUF client in Go, ... spare.": notes
			return talk{}, false
		}
		if len(t.speakers) == 0 && b.Kind == Heading {
			// "## Keynote: Ten Years of Kubernetes" over "... con la
			// keynote di Lorenzo Marchetti, che ...": the prose names them
			if t.speakers = x.emphSpeakers(i); len(t.speakers) == 0 {
				if t.speakers = x.narrativeSpeakers(i); len(t.speakers) == 0 {
					t.speakers = x.surnameSpeakers(i) // "Okafor opened the day"
				}
			}
			// ... 'si intitolava "Backstage in 5 Minutes"' under a heading
			// that translates it: the programme's title is the talk's
			if q, qb, off, ok := x.quotedTitleAfter(i); ok && len(t.speakers) > 0 {
				if before := x.doc.Blocks[qb].Text[:off]; renamedRe.MatchString(before[max(0, len(before)-40):]) {
					t.title, t.quoteBlock, t.off = q, qb, off
				}
			}
		}
		t.end = -1
		return t, true
	}
	if b.Kind == Quote || isSpeakerLine(text) {
		return talk{}, false
	}
	if strings.IndexByte(text[:min(len(text), 27)], ':') > 1 && entryFieldRe.MatchString(text) && x.isField(i) {
		return talk{}, false // "Type: Security + Networking" among an entry's fields
	}
	headingLike := b.Kind == Heading || isHeadingLike(b)
	inList := b.Kind == Item || (b.Kind == Para && len(b.starts) == 1)
	if !headingLike && !inList {
		return x.quotedTalk(i)
	}
	// A link item: the link text holds "Title - Speakers", or the title
	// alone with the speakers after it and links to slides or a video at
	// the end: "[Title](video) — Name (Org) · [slides](deck)".
	candidate := text
	if b.Kind == Item && len(b.Links) > 0 && len(b.Links[0].Text) > 10 && strings.HasPrefix(text, b.Links[0].Text) {
		candidate = b.Links[0].Text
		if rest := text[len(candidate):]; titleSepRe.MatchString(rest) {
			if _, sp, ok := x.titleSpeakers(candidate); !ok || len(sp) == 0 {
				first := text // the item's first line: a blurb may follow
				if len(b.starts) > 1 {
					first = strings.TrimSpace(b.Text[:b.starts[1].off])
				}
				candidate = trimLinkTail(first, b.Links[1:])
			}
		}
	}
	// A line that introduces a list ("Lessons learned by Annie:") or a
	// sentence ("... the talk by Brad and Ian.") is not a title line,
	// unless a time slot marks it as a programme entry.
	if b.Kind == Item || len(b.starts) == 1 {
		candidate = trimComment(trimHashtags(candidate))
		if m := stampRe.FindString(candidate); m != "" {
			candidate = candidate[len(m):] // "[05:40] Keyless Signing ... — Maya Okonkwo"
			if candidate != "" && candidate[0] == '!' {
				candidate = slotless(candidate) // "[10:25] !next -> 10:30 UD2.218A: Title (Name)"
			}
		}
	}
	slot := strings.Contains(candidate, "(") && timeRe.MatchString(candidate)
	proseLine := strings.HasSuffix(candidate, ":") ||
		(b.Kind == Para && (strings.HasSuffix(candidate, ".") || len(candidate) > 200) && !slot)
	if proseLine || x.consumed[i] {
		// not a "Title - Speakers" line
	} else if title, sp, ok := x.titleSpeakers(candidate); ok && len(sp) > 0 && titleLike(upperFirst(title)) && !notTalkRe.MatchString(title) && !x.nameOverOrg(title, sp) &&
		!(startsLower(title) && noteStartWords[firstWord(title)]) && // "Liz Rice — her eBPF book, referenced in ...": a note on a link
		!(todoVerbs[strings.ToLower(firstWord(title))] && !slices.ContainsFunc(sp, func(s speaker) bool { return strings.Contains(s.name, " ") })) && // "Try Argo Rollouts on staging (Sandra)": a to-do
		!strings.Contains(title, ". ") && // "Treat the platform as a product. Roadmap ... (from 'Title' by Name"
		!(startsLower(title) && hasQuote(title)) { // 'watching "Title" by Name': the quotes hold the title
		title, format := labelledTitle(title, text) // "Ignite: "Why Your Runbooks Lie" – Ola Pawlak"
		return talk{title: title, speakers: sp, block: i, off: 0, level: level, end: -1,
			listTitle: b.Kind == Item, format: format}, true
	}
	// "1) Composefs and the Road to Verified Container Images" over
	// "Tereza Nováková, Red Hat": an item's first line is its title, its
	// second its speakers
	if b.Kind == Item && len(b.starts) > 1 && titleLike(firstLine(b)) && !notTalkRe.MatchString(trimTitle(firstLine(b))) {
		if sp := x.secondLineSpeakers(b); len(sp) > 0 {
			return talk{title: trimTitle(firstLine(b)), speakers: sp, block: i, level: level, end: -1, listTitle: true, format: formatOf(text)}, true
		}
	}
	// "- [x] Title (Aarav Mehta, Verity Labs) #security" over the card's
	// description, indented under it: a board's card, the first line its
	// title and speakers
	if b.Kind == Item && len(b.starts) > 1 && !x.consumed[i] {
		first := trimHashtags(firstLine(b))
		if strings.HasSuffix(first, ")") {
			if title, sp, ok := x.titleSpeakers(first); ok && len(sp) > 0 && titleLike(upperFirst(title)) && !notTalkRe.MatchString(title) && !x.nameOverOrg(title, sp) {
				title, format := labelledTitle(title, text)
				return talk{title: title, speakers: sp, block: i, level: level, end: -1, listTitle: true, format: format}, true
			}
		}
	}
	// "* Debugging DNS in Kubernetes: It Was Always CoreDNS -- Lisa
	// Brandt," over "Giant Swarm. Ndots, search domains, ...": an item
	// whose first sentence is the title and its speakers, notes after
	if b.Kind == Item && len(b.starts) > 1 && !x.consumed[i] {
		if fs := strings.TrimRight(firstSentence(text), ". "); len(fs) < len(text)-2 && strings.Contains(fs, " -") {
			if title, sp, ok := x.titleSpeakers(fs); ok && len(sp) > 0 && titleLike(upperFirst(title)) && !notTalkRe.MatchString(title) && !x.nameOverOrg(title, sp) {
				return talk{title: title, speakers: sp, block: i, level: level, end: -1, listTitle: true, format: formatOf(text)}, true
			}
		}
	}
	// "- Falco Rules That Don't Cry Wolf" over items one level deeper,
	// "- Wei-Lin Chen", "- Sebastián Ortiz", "- Falcosidekick": an
	// outline or a mind map, the talk's first children its speakers
	if b.Kind == Item && len(b.starts) == 1 && !x.consumed[i] && !strings.HasSuffix(text, ":") && titleLike(trimTitle(text)) && !notTalkRe.MatchString(trimTitle(text)) {
		if sp := x.childNames(i); len(sp) > 0 {
			title, format := labelledTitle(trimTitle(text), text)
			return talk{title: title, speakers: sp, block: i, level: level, end: -1, listTitle: true, format: format}, true
		}
	}
	// '"Helm Charts I Regret" — Søndergaard, reading out ...': a list item
	// naming its speaker by a surname the roster knows
	if b.Kind == Item && !x.consumed[i] && len(x.rosterPeople()) > 0 {
		if title, sp, ok := x.rosterItem(b); ok && titleLike(title) && !notTalkRe.MatchString(title) {
			return talk{title: title, speakers: sp, block: i, level: level, end: -1, listTitle: true, format: formatOf(text)}, true
		}
	}
	// "kube-rs Deep Dive": a title line may start with a project's
	// lower-case name. Such a line is a title only with the speaker line
	// below it (checked next), as a heading is.
	lowerTitle := !headingLike && b.Kind == Para && len(b.starts) == 1 && startsLower(text)
	// "* OpenTofu State Encryption" with "Speaker: Jana Dvořáková / Spacelift"
	// on the line under it: a list item of titles
	if b.Kind == Item && !headingLike && i+1 < len(x.doc.Blocks) && (labelFirst(x.doc.Blocks[i+1].Text) || x.fieldOf(i, i+1)) &&
		titleLike(trimTitle(text)) && !notTalkRe.MatchString(trimTitle(text)) {
		if sp := x.speakerLines(i); len(sp) > 0 {
			return talk{title: trimTitle(text), speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}, true
		}
	}
	if !headingLike && !lowerTitle || notTalkRe.MatchString(trimTitle(text)) ||
		!(titleLike(trimTitle(text)) || (b.Kind == Heading || lowerTitle) && titleLike(upperFirst(trimTitle(text)))) {
		if b.Kind != Heading {
			return x.quotedTalk(i) // a one-line paragraph or item that quotes a talk
		}
		return talk{}, false
	}
	title := trimTitle(text)
	if postMetaRe.MatchString(title) || strings.Contains(title, " · ") {
		// "The Sidecar Shift · Released 3 July 2024 · 47 min", "Kernel
		// Space · a podcast about ..." above "Host: ...": the show's line
		return talk{}, false
	}
	if sp := x.speakerLines(i); len(sp) > 0 {
		return talk{title: title, speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}, true
	}
	if sp := x.footnoteSpeakers(b); len(sp) > 0 {
		return talk{title: title, speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}, true
	}
	if sp := x.emphSpeakers(i); len(sp) > 0 {
		return talk{title: title, speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}, true
	}
	if sp := x.boldNameLines(i); len(sp) > 0 {
		return talk{title: title, speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}, true
	}
	if sp := x.authorLine(i); len(sp) > 0 {
		return talk{title: title, speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}, true
	}
	if sp := x.nameLineUnder(i); len(sp) > 0 {
		return talk{title: title, speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}, true
	}
	if sp := x.surnameSpeakers(i); len(sp) > 0 {
		return talk{title: title, speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}, true
	}
	if b.Kind == Heading && i+1 < len(x.doc.Blocks) && x.doc.Blocks[i+1].Kind == Para {
		next := i + 1
		if i+2 < len(x.doc.Blocks) && x.doc.Blocks[i+2].Kind == Para && !hasQuote(x.doc.Blocks[i+1].Text) && len(x.doc.Blocks[i+1].spanTexts()) == 0 {
			next = i + 2 // (an introduction between them: "... so, gently:")
		}
		if _, ok := x.quotedTalk(next); ok {
			// "## GitOps en la banca" over 'la charla "GitOps con Argo CD y
			// Kargo", de Daniela Soto': the quoted title is the talk's
			return talk{}, false
		}
	}
	if b.Kind == Heading {
		if sp := x.quoteSpeakers(i); len(sp) > 0 {
			return talk{title: title, speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}, true
		}
	}
	if sp := x.narrativeSpeakers(i); len(sp) > 0 {
		if w, ok := x.watchAfter(i, 6); ok {
			if wt, _, _ := watchTitle(&x.doc.Blocks[w]); !sameTitle(wt, title) {
				// "## Saturday: Containers devroom" over paragraphs whose
				// watch lines name the talks: a section of several
				return talk{}, false
			}
		}
		t := talk{title: title, speakers: sp, block: i, level: level, end: -1, format: formatOf(text)}
		if headingLike {
			// "## Rust, year two" over "Ingrid Halvorsen (Google) gave a
			// sober account. Her session, 'Rust in the Kernel: What the
			// Second Year Taught Us', ...": the section's name is not the
			// talk's, the quoted title is
			if q, qb, off, ok := x.quotedTitleAfter(i); ok {
				t.title, t.quoteBlock, t.off = q, qb, off
			}
		}
		return t, true
	}
	if b.Kind != Heading {
		// a line that reads like a title but quotes one: "Sanne Hofstra
		// (ING) presenting “Replacing kube-proxy with Cilium at ING”"
		return x.quotedTalk(i)
	}
	return talk{}, false
}

// sandwiched adds the talks whose speakers the text does not name: a
// heading that is no talk, between two talks' headings of its level and
// with notes under it ("### in-toto attestations in 15 minutes" between
// two talks, "I never got the speaker's name"), is a talk too, unless it
// is a break ("### Coffee ☕", passed over) or holds talks of its own.
func (x *extractor) sandwiched(talks []talk) []talk {
	var out []talk
	for k := 1; k < len(talks); k++ {
		prev, next := &talks[k-1], &talks[k]
		if prev.level == 0 || prev.level != next.level || prev.quoteBlock > 0 || next.quoteBlock > 0 || prev.end >= next.block {
			continue
		}
		for i := prev.end; i < next.block; {
			b := &x.doc.Blocks[i]
			j := i + 1
			for j < next.block && x.doc.Blocks[j].Kind != Heading {
				j++
			}
			title := trimTitle(stripEnum(b.Text))
			if b.Kind != Heading || b.Level != prev.level {
				out = nil
				break // another kind of section
			}
			if notTalkRe.MatchString(title) || breakRe.MatchString(title) {
				i = j // "### Pauza de cafea ☕" between the talks
				continue
			}
			if j == i+1 || !titleLike(upperFirst(title)) || x.boldTitles(i+1, j) {
				out = nil
				break
			}
			out = append(out, talk{title: title, block: i, level: b.Level, end: j, format: formatOf(b.Text)})
			i = j
		}
		if len(out) == 0 {
			continue
		}
		prev.end = out[0].block
		talks = slices.Insert(talks, k, out...)
		k += len(out)
		out = nil
	}
	return talks
}

// breakRe matches a word of a section between talks that is none: the
// lunch, the coffee, the hallway track, in a few languages.
var breakRe = lazyRe(`(?i)(?:^|[^\p{L}])(?:lunch|hallway|fika|coffee|food|breakfast|dinner|venue|party|logistics|travel|wi-?fi|booths?|sponsors?|expo|обед|кофе|перерыв|ужин|pause|pausa|pauza|mittag(?:essen)?|kaffee|almuerzo|comida|pranzo|déjeuner|café|cafea|esmorzar|dinar|obiad|przerwa|lounas|ebéd|kávészünet|frokost|frukost|lunsj|kaffepause|pauze)(?:$|[^\p{L}])`)

// boldTitles reports whether blocks [i, j) hold a title in bold or
// italics: the section holds its talks ("Paying for what you measure"
// over "**Cardinality Budgets: ...** *by Sanne Visser*").
func (x *extractor) boldTitles(i, j int) bool {
	for ; i < j; i++ {
		for _, s := range x.doc.Blocks[i].spanTexts() {
			if len(s) > 20 && !labelFirst(s) && titleLike(trimTitle(s)) {
				return true
			}
		}
	}
	return false
}

// noteStartWords open a note in lower case, never a title: "her eBPF
// book, referenced in Mehmet's talk", "no company on his badge, ...".
var noteStartWords = map[string]bool{"her": true, "his": true, "their": true, "my": true, "our": true, "your": true,
	"its": true, "the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true, "see": true,
	"no": true, "not": true, "he": true, "she": true, "they": true, "it": true, "i": true, "we": true, "who": true, "which": true,
	"also": true, "but": true, "and": true, "or": true, "so": true, "just": true, "only": true, "was": true, "is": true}

// todoVerbs open an action item ("Try Argo Rollouts on the staging
// cluster (Sandra)"), which names who will do it, not who spoke.
var todoVerbs = map[string]bool{"try": true, "check": true, "compare": true, "evaluate": true, "review": true, "read": true,
	"watch": true, "ask": true, "send": true, "fix": true, "set": true, "test": true, "investigate": true, "follow": true,
	"look": true, "write": true, "update": true, "schedule": true, "share": true, "book": true, "propose": true, "submit": true}

// authorLine reads the presenting authors from the line under title
// block i when it lists them as papers do, surname first: "Van den Broeck,
// Pieter-Jan* (Ghent University); Okafor, C. (CERN)".
func (x *extractor) authorLine(i int) []speaker {
	if i+1 >= len(x.doc.Blocks) {
		return nil
	}
	b := &x.doc.Blocks[i+1]
	if b.Kind != Para || len(b.starts) != 1 || !strings.Contains(b.Text, ", ") || unreversed(b.Text) == b.Text {
		return nil
	}
	sp, ok := x.allSpeakers(b.Text)
	if !ok {
		return nil
	}
	for k := range sp {
		sp[k].line, sp[k].text = b.Line, b.Text
	}
	return sp
}

// childNames reads the speakers of an outline's item i from the items one
// level under it: the first must be a name alone ("Kenta Fujimoto -
// moderator", "Rina Matsuda (Cyberlink)"), and the names end at the
// first item that is none.
func (x *extractor) childNames(i int) []speaker {
	lvl := x.doc.Blocks[i].Level
	var out []speaker
	for j := i + 1; j < len(x.doc.Blocks); j++ {
		b := &x.doc.Blocks[j]
		if b.Kind != Item || b.Level <= lvl {
			break
		}
		if b.Level > lvl+1 {
			continue
		}
		text := strings.TrimSpace(roleTailRe.ReplaceAllString(b.Text, ""))
		sp, ok := x.allSpeakers(text)
		if !ok || len(sp) == 0 || !fullNames(sp) || strings.HasSuffix(text, ".") || len(b.starts) > 1 {
			break
		}
		for k := range sp {
			sp[k].line, sp[k].text = b.Line, b.Text
		}
		out = append(out, sp...)
	}
	return out
}

// roleTailRe matches a panel role after a name in a list: " - moderator",
// " (moderator)", ", host".
var roleTailRe = lazyRe(`(?i)\s*(?:[-–—,]\s*|\()(?:moderator|moderation|host|mc|chair)\)?$`)

// nameLineUnder reads the speakers from the line under title block i when
// that line holds nothing else: "Arjun Mehta, Fernway", "Ana Silva &
// Bo Chen, Acme" (no label, no sentence).
func (x *extractor) nameLineUnder(i int) []speaker {
	if i+1 >= len(x.doc.Blocks) || x.consumed[i+1] {
		return nil
	}
	b := &x.doc.Blocks[i+1]
	text := strings.TrimSpace(b.Text)
	if len(text) > 2 && text[0] == '(' && text[len(text)-1] == ')' && strings.IndexByte(text[1:], '(') < 0 {
		text = text[1 : len(text)-1] // "(Dragan Petrović and Noor Al-Khatib, both Alpenglow IT)"
	}
	if strings.Contains(text, ", both ") {
		text = bothOrgRe.ReplaceAllString(text, ", $1") // "A and B, both SREs at Booking.com."
	}
	if strings.HasSuffix(text, ".") && len(b.starts) == 1 && len(firstSentence(text)) >= len(text)-1 {
		text = strings.TrimSuffix(text, ".") // "Dr. Aoife Gallagher, Principal Engineer at Stripe."
	}
	if b.Kind != Para || len(b.starts) != 1 || len(text) > 120 || strings.HasSuffix(text, ".") || strings.HasSuffix(text, ":") ||
		greetings[strings.ToLower(firstWord(text))] {
		return nil // (a letter's "Hi Sam," under its subject)
	}
	sp, ok := x.allSpeakers(text)
	if !ok || len(sp) == 0 || !fullNames(sp) {
		return nil
	}
	if above := x.doc.Blocks[i].Text; len(strings.Fields(above)) < 2 {
		return nil // a letter's "Cheers, / Aleksandra" over its signature
	} else if names, ok := x.allSpeakers(above); ok && len(names) > 0 && fullNames(names) {
		return nil // a list of speakers, one a line: "Aiko Fujimura, SRE Lead, Kanto Trust Bank"
	}
	for k := range sp {
		sp[k].line, sp[k].text = b.Line, b.Text
	}
	return sp
}

// openingSpeakers reads the speakers that open the sentence after the
// one a block's lead title ends at off: "Ana Luísa Figueiredo from the
// Open Infrastructure Fund on why ...", "Two speakers, Fatou Diallo and
// Rasmus Kjærgaard, both from Nordlys Energi."
func (x *extractor) openingSpeakers(b *Block, off int) []speaker {
	rest := b.Text[off:]
	k := strings.Index(rest, ". ")
	if k < 0 || k > 60 {
		return nil
	}
	next := firstSentence(strings.TrimSpace(rest[k+2:]))
	lead := 0
	if m := speakersLeadRe.FindStringIndex(next); m != nil {
		lead = m[1] // "Two speakers, "
	}
	var sp []speaker
	end := lead
	for _, p := range x.peopleIn(next) {
		if p.start < end || p.start-end > 5 || p.start > end && !glueRe.MatchString(next[end:p.start]) {
			break
		}
		sp = append(sp, speaker{name: p.name, line: b.LineAt(off + k + 2), text: next})
		end = p.end
	}
	if len(sp) == 0 {
		return nil
	}
	tail := next[end:]
	org := x.orgAfter(tail) // " from the Open Infrastructure Fund"
	if bm := bothOrgRe.FindStringSubmatch(strings.TrimRight(tail, ". ")); bm != nil && strings.HasPrefix(tail, ", both ") {
		org = cleanOrg(bm[1]) // ", both from Nordlys Energi"
	}
	if org == "" && !verbCueRe.MatchString(tail) {
		return nil
	}
	for j := range sp {
		sp[j].org = org
	}
	return sp
}

// speakersLeadRe matches words before the speakers that open a sentence.
var speakersLeadRe = lazyRe(`(?i)^(?:(?:two|three|the)\s+speakers?|speakers?|presented by|given by|by)\s*[,:]?\s+`)

// glueRe matches what joins two speakers in a sentence.
var glueRe = lazyRe(`^(?:\s*,\s*|\s+and\s+|\s*&\s*)$`)

// greetings open a letter: "Hi Sam,", "Dear all".
var greetings = map[string]bool{"hi": true, "hello": true, "hey": true, "dear": true, "hallo": true, "hej": true,
	"hoi": true, "ciao": true, "ola": true, "olá": true, "hola": true, "bonjour": true, "salut": true, "cześć": true}

// bothOrgRe matches the company two speakers share, said once: ", both
// Alpenglow IT", ", both from Acme".
var bothOrgRe = lazyRe(`,\s+both\s+(?:(?:from|at|of)\s+)?(.+)$`).needing(", both ")

// fullNames reports whether every speaker has a given name and a surname.
func fullNames(sp []speaker) bool {
	for _, s := range sp {
		if !strings.Contains(s.name, " ") {
			return false
		}
	}
	return true
}

// wrappedProse reports whether a line that reads like a title is the
// first line of a sentence whose wrap fell before a capital: ten words
// or more, most of them in lower case ("This contribution described a
// federation of three Kubernetes clusters connected through Cilium").
func wrappedProse(s string) bool {
	words, lower := 0, 0
	for w := range strings.FieldsSeq(s) {
		words++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			lower++
		}
	}
	return words >= 10 && lower*5 >= words*3
}

// parenRe matches a bracketed name: "(CSC – IT Center for Science)", not
// "(licensed via Epidemic Sound)".
var parenRe = lazyRe(`\(\p{Lu}[^()]*\)`).needing("(")

// slotRe matches a time slot before a programme entry's title, and the
// room after it: "11:00 - 11:30 | ", "9.30–10.15 ", "14:00 | ", "09:00-09:30
// Room A | ".
var slotRe = lazyRe(`^\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:(?:[-–—]|to)\s*\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[|·•]\s*|[-–—:]\s+)?|[|·•]\s*)(?:(?i:room|hall|track|stage|salle|raum|sala|aula|zaal)\s+[\p{L}\p{N}.-]{1,12}\s*[|·•]\s*)?`)

// metaTailRe matches a part of a programme line after a "·" that says how
// long a recording is or where it is: "42 min", "https://youtu.be/x",
// "slides", "video".
var metaTailRe = lazyRe(`(?i)^(?:\d+\s*(?:min|mins|minutes|h)|\d{1,2}:\d{2}(?::\d{2})?|https?://\S+|slides|video|recording|\[?(?:slides|video)\]?)$`)

// metaTail reports whether every "·"-separated part of s is a duration, a
// link or a word for one.
func metaTail(s string) bool {
	for part := range strings.SplitSeq(s, " · ") {
		if !metaTailRe.MatchString(strings.TrimSpace(part)) {
			return false
		}
	}
	return true
}

// titleSepRe matches the dash between a title and its speakers.
var titleSepRe = lazyRe(`^\s*(?:[-–—|:]|by\s|,\s*(?:moderated|hosted|chaired|presented|given|led)\s+by\s)\s*\S`)

// trimLinkTail cuts the links that end an item ("· slides", "| video")
// and the separators before them.
func trimLinkTail(text string, links []Link) string {
	for {
		t := strings.TrimRight(text, " ")
		cut := false
		for _, l := range links {
			if l.Text != "" && strings.HasSuffix(t, l.Text) {
				head := strings.TrimRight(t[:len(t)-len(l.Text)], " ")
				if trimmed := strings.TrimRight(head, "·|•,/–—-("); trimmed != head {
					t, cut = strings.TrimRight(trimmed, " "), true
				}
			}
		}
		if !cut {
			// "· slides not published", "· no slides"
			if c := trimComment(t); c != t {
				t, cut = c, true
			}
		}
		if !cut {
			return t
		}
		text = t
	}
}

// agoRe matches a thread's comment header: "the_real_mdubois 2 days ago |
// prev | next [-]".
var agoRe = lazyRe(`\b(?:\d+|an?)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b`).needing(" ago")

// postMetaRe matches a post's or an episode's line of details: a
// reading time or a release date among dot-separated parts.
var postMetaRe = lazyRe(`(?i)(?:^|[·•|]\s*)(?:\d+\s*min(?:ute)?s?(?:\s+read)?|(?:released|published|posted|updated)\s+\S+)\s*(?:[·•|]|$)`).needing("·", "•", "|")

// stampRe matches a leading timestamp and the separator after it.
var stampRe = lazyRe(`^[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*(?:[-–—|:]\s*)?`)

// trimComment cuts a writer's comment that ends a programme line after a
// dash or dot: "– my rating 9/10", "· no slides". The comment is in lower
// case throughout, so "- by Jane Doe" and "- a chat with Jane" stay.
func trimComment(s string) string {
	if len(s) > 300 || strings.IndexByte(s, '|') < 0 && strings.IndexByte(s, '-') < 0 &&
		!strings.Contains(s, "·") && !strings.Contains(s, "–") && !strings.Contains(s, "—") {
		return s // a title line is short, and a comment needs a dash or a dot
	}
	for _, sep := range []string{" · ", " – ", " — ", " | ", " - "} {
		k := strings.LastIndex(s, sep)
		if k <= 0 {
			continue
		}
		tail := s[k+len(sep):]
		if startsLower(tail) && strings.ToLower(tail) == tail && !commentLeadRe.MatchString(tail) {
			return strings.TrimRight(s[:k], " ")
		}
		if before := strings.TrimRight(s[:k], " "); strings.HasSuffix(before, ")") && endsSentence(tail) && lowerWords(tail) >= 3 {
			// "**Title** (Jakub Dvořák) — eBPF one-liners you can use on
			// Monday.": a sentence about the talk after its speakers
			return before
		}
	}
	return s
}

// lowerWords counts the words of s that start with a lower-case letter
// (a list of names has "and" and "of" at most).
func lowerWords(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if startsLower(w) {
			n++
		}
	}
	return n
}

// labelledTitle returns a title without the label of its kind of session
// and that kind ("Ignite: Title" is "Title", an ignite talk), or the title
// and the kind the line it stands on names.
func labelledTitle(title, line string) (string, string) {
	if lm := matchLabel(leadSymbolsTrimmed(title)); lm != nil && trimTitle(lm[3]) != "" { // "⚡ Lightning: Title"
		return trimTitle(lm[3]), talkFormat(lm[2])
	}
	return title, formatOf(line)
}

// trimHashtags removes the labels at the end of a line: "Title (Name,
// Org) #security #ai".
func trimHashtags(s string) string {
	for {
		k := strings.LastIndex(s, " #")
		if k < 0 || k+2 == len(s) {
			return s
		}
		for _, r := range s[k+2:] {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
				return s
			}
		}
		s = strings.TrimRight(s[:k], " ")
	}
}

var commentLeadRe = lazyRe(`^(?:by|with|from|von|feat\.?|and|&)\s`)

// slotPrefixRe matches a time slot before a heading's title: "09:30 · ".
var slotPrefixRe = lazyRe(`^\d{1,2}[:.h]\d{2}(?:\s*[-–]\s*\d{1,2}[:.h]\d{2})?\s*[·|–—-]\s+`)

// stripEnum removes a heading's number ("1. ", "2) ") and the symbols
// (emoji) before its words.
func stripEnum(s string) string {
	if len(s) > 6 && s[0] >= '0' && s[0] <= '9' {
		if m := slotPrefixRe.FindStringIndex(s); m != nil {
			s = s[m[1]:] // "09:30 · Title"
		}
	}
	if len(s) > 3 && (s[0] == '#' && s[1] >= '0' && s[1] <= '9' || s[0] >= '0' && s[0] <= '9') {
		// a rank: "#5 — Title", "#3: Title", "5 – Title"
		j := 0
		if s[0] == '#' {
			j++
		}
		k := j
		for k < len(s) && k < j+3 && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		rest := strings.TrimLeft(s[k:], " ")
		for _, sep := range []string{"—", "–", "-", ":", "."} {
			if r, ok := strings.CutPrefix(rest, sep); ok && k > j && (s[0] == '#' || sep != ":" && sep != "." && rest != s[k:]) {
				if r = strings.TrimLeft(r, " "); r != "" && r != rest {
					return r
				}
			}
		}
	}
	// "1. ", "2) ", "2.1 ", "2.1.3 "
	i, digits := 0, 0
scan:
	for ; i < len(s) && i < 9; i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9' && digits < 3:
			digits++
		case c == '.' && digits > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			digits = 0 // "2.1": another level
		default:
			break scan
		}
	}
	if i > 0 && digits > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		s = strings.TrimLeft(s[i+2:], " ")
	} else if i > 0 && digits > 0 && i < len(s) && s[i] == ' ' && strings.Contains(s[:i], ".") {
		s = strings.TrimLeft(s[i+1:], " ") // "2.1 Title": a section's number without a final dot
	}
	return leadSymbolsTrimmed(s)
}

// leadSymbolsTrimmed removes the symbols (emoji) before the words of s.
func leadSymbolsTrimmed(s string) string {
	if s == "" || s[0] < utf8.RuneSelf && s[0] != ' ' {
		return s
	}
	return strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSymbol(r) || unicode.Is(unicode.Variation_Selector, r) || r == '\u200d' || r == ' '
	})
}

// findQuoted finds the first title s quotes: in double, „German“ or
// « French » quotes, in British single quotes ("titled 'The Cyber
// Resilience Act Isn't Going Away'"), or in italics (one of spans). It
// returns the offsets of the quoted text with its quotes and of the title.
func findQuoted(s string, spans []string) []int {
	if hasQuote(s) {
		if m := frenchQuote(quotedInRe.FindStringSubmatchIndex(s)); m != nil {
			return m
		}
	}
	if hasSingleQuote(s) {
		if m := singleQuotedInRe.FindStringSubmatchIndex(s); m != nil {
			_, open := utf8.DecodeLastRuneInString(s[:m[2]])
			_, shut := utf8.DecodeRuneInString(s[m[3]:])
			return []int{m[2] - open, m[3] + shut, m[2], m[3]}
		}
	}
	for _, sp := range spans {
		if k := strings.Index(s, sp); k >= 0 {
			return []int{k, k + len(sp), k, k + len(sp)}
		}
	}
	return nil
}

// quotedTitleAfter finds a title quoted (or in italics) in the first
// three sentences of the paragraph after heading i, or in the paragraph
// after that when a hard wrap split the sentence ("Her session,\n'Rust in
// the Kernel ...'"): the title, its block and where it is in it.
func (x *extractor) quotedTitleAfter(i int) (string, int, int, bool) {
	for j := i + 1; j <= i+2 && j < len(x.doc.Blocks); j++ {
		b := &x.doc.Blocks[j]
		if b.Kind != Para {
			break
		}
		head := firstSentences(b.Text, 3)
		m := findQuoted(head, b.spanTexts())
		if m != nil {
			title := strings.TrimRight(head[m[2]:m[3]], ".,")
			if len(strings.Fields(title)) < 3 || !titleLike(title) || notTalkRe.MatchString(title) {
				return "", 0, 0, false
			}
			return title, j, m[2], true
		}
		if endsSentence(b.Text) {
			break // the next paragraph is another one
		}
	}
	return "", 0, 0, false
}

// hasQuote reports whether s holds a double quote, straight or curly
// (ContainsAny with a non-ASCII set decodes every rune of s).
func hasQuote(s string) bool {
	return strings.IndexByte(s, '"') >= 0 || strings.Contains(s, "“") || strings.Contains(s, "«") // „German“ closes with “
}

// frenchQuote moves a « French » match of quotedInRe into the first group.
func frenchQuote(m []int) []int {
	if m != nil && m[2] < 0 {
		m = []int{m[0], m[1], m[4], m[5]}
	}
	return m
}

// quotedTalk reads a talk named inside a sentence, as threads and short
// posts write them: `@Reto Schmid from Swisscom on why "GitOps Is Not a
// Deployment Strategy"`, `"Secrets Management After Vault" by Karim
// Haddad of PostFinance`. The first sentence of the block must hold a
// quoted title (capitalised, two words or more) and the people who gave
// it, outside the quotes.
func (x *extractor) quotedTalk(i int) (talk, bool) {
	b := &x.doc.Blocks[i]
	if b.Kind != Para && b.Kind != Item || !hasQuote(b.Text) && b.spans == nil && !hasSingleQuote(b.Text) && len(b.Links) == 0 {
		return talk{}, false
	}
	cands := b.spanTexts()
	if len(cands) > 0 && clockFirst(cands[0]) && len(cands[0]) < 16 {
		cands = cands[1:] // "**10:15 —** Caught Kwame's talk on *Title*": the time is no title
	}
	for k := 0; k < len(cands); k++ {
		if name, ok := x.personName(cands[k], strong); ok && strings.Contains(name, " ") && len(cands[k]) < 40 {
			// "Apresentada por **Inês Sá da Costa**, da Feedzai": a name in
			// bold is no title
			cands = append(cands[:k:k], cands[k+1:]...)
			k--
		}
	}
	if len(b.Links) > 0 {
		cands = linkTitles(b, cands)
		if len(cands) == 0 && !hasQuote(b.Text) && !hasSingleQuote(b.Text) {
			return talk{}, false // links, none a title
		}
	}
	// the first of the first three sentences that quotes a title ("Don't.
	// Okay, next one was much more relevant. "Title", by Name")
	two := firstSentences(b.Text, 3)
	bounds := sentenceBounds(two)
	var head string
	var m []int
	base := 0
	if sps := b.spanTexts(); len(sps) > 0 && len(sps[0]) > 3 && strings.HasPrefix(b.Text, sps[0]) && sps[0][0] >= '0' && sps[0][0] <= '9' && !clockFirst(sps[0]) {
		// "**1. Error Budgets ...** (Name, Org)": a numbered lead span,
		// whose "1." no sentence split may cut off
		head, m = firstLine(b), []int{0, len(sps[0]), 0, len(sps[0])}
		bounds = nil
	}
	for k, st := range bounds {
		end := len(two)
		if k+1 < len(bounds) {
			end = bounds[k+1]
		}
		if m = findQuoted(two[st:end], cands); m != nil {
			head, base = two[st:end], st
			break
		}
	}
	if m == nil {
		// a takeaway that cites its talk at the end: "... (from 'Stop
		// Writing Sidecars' by Dana Whitfield, Solo.io)"
		if k := strings.LastIndex(b.Text, "(from "); k >= 0 && strings.HasSuffix(b.Text, ")") {
			head, base = b.Text[k:], k
			m = findQuoted(head, nil)
		}
	}
	if m == nil {
		return talk{}, false
	}
	title := strings.TrimRight(head[m[2]:m[3]], ".,")
	opens := base == 0 && m[0] <= 3 // "▶ **etcd Is Not Your Database** — ...": a title that opens the block
	if !strings.Contains(title, " ") || !(titleLike(title) || startsLower(title) && restTitleCase(title) && titleLike(upperFirst(title))) || notTalkRe.MatchString(title) {
		return talk{}, false
	}
	if sp := x.leadTitleSpeakers(b, m, base); len(sp) > 0 {
		return talk{title: stripEnum(title), speakers: sp, block: i, end: -1, listTitle: b.Kind == Item, prose: b.Kind == Para}, true
	}
	if sp := x.bylineAfter(b, head, base, m[1]); len(sp) > 0 {
		// "(from 'Linkerd Without the Drama' by Tessa Nguyen, Nordstrom,
		// and Omar Haddad, Buoyant)": speakers with their companies
		return talk{title: title, speakers: sp, block: i, off: base + m[2], end: -1, listTitle: b.Kind == Item, prose: b.Kind == Para}, true
	}
	var sp []speaker
	cued := false
	if opens {
		// "▶ **Title** — Haruka Endō & Gabriel dos Santos (Mercari) · 27 min ·
		// link": the title opens the block, a list of speakers after a dash
		if sep := titleDashRe.FindStringIndex(head[m[1]:]); sep != nil {
			list := head[m[1]+sep[1]:]
			if k := strings.Index(list, " · "); k > 0 {
				list = list[:k]
			}
			if ls, ok := x.allSpeakers(firstLineOf(list)); ok {
				for k := range ls {
					ls[k].line, ls[k].text = b.Line, head
				}
				return talk{title: title, speakers: ls, block: i, off: base + m[2], end: -1, listTitle: b.Kind == Item, prose: b.Kind == Para}, true
			}
		}
	}
	// "titled 'X', Name argued", "gave a talk titled 'X'": the words before
	// the title introduce it, so a name right after it or in the clause
	// before it gave it
	introduced := titledRe.MatchString(head[max(0, m[0]-40):m[0]])
	people := x.peopleIn(strings.ReplaceAll(head, "@", " ")) // "@Reto Schmid"
	people = append(people, x.handlesIn(head)...)            // "@dana@fosstodon.org", from a cast list
	// "a lightning talk by Aiko Tanaka": any name-shaped words after "talk by"
	for _, bm := range talkByRe.FindAllStringSubmatchIndex(head, -1) {
		for _, p := range x.namesAt(head, bm[2], bm[3]) {
			if !slices.ContainsFunc(people, func(q span) bool { return q.start == p.start }) {
				people = append(people, p)
			}
		}
	}
	for _, p := range people {
		if p.start >= m[0] && p.start < m[1] {
			continue // a name inside the title
		}
		s := speaker{name: p.name, line: b.Line, text: head}
		if s.org = x.orgAfter(head[p.end:]); s.org == "" {
			s.org = x.castOrgs[p.name]
		}
		sp = append(sp, s)
		// the words between the names and the title say they gave it, or
		// the words before the name: "a lightning talk by Aiko Tanaka,
		// "Keep Your Helm Charts Boring""
		if p.end <= m[0] && m[0]-p.end <= 60 && talkBeforeRe.MatchString(head[p.end:m[0]]) ||
			p.start >= m[1] && p.start-m[1] <= 40 && talkAfterRe.MatchString(head[m[1]:p.start]) ||
			p.end <= m[0] && m[0]-p.end <= 3 && talkCueRe.MatchString(head[max(0, p.start-60):p.start]) ||
			// "prowadząca Zofia Kędzierska z firmy Booksy i jej "Title"",
			// ""Title", prowadzący Grzegorz Błaszczyk z firmy Allegro"
			(p.start >= m[1] || m[0]-p.end <= 60) && intlCue(head[:p.start]) ||
			introduced && (p.start >= m[1] && p.start-m[1] <= 4 || p.end <= m[0] && m[0]-p.end <= 120) ||
			// '@sambarrera, "Platform APIs, Not Tickets".', 'Last one for
			// me: @meilin_secops, "Title"': a name that opens the sentence
			p.end <= m[0] && orgCommaRe.MatchString(head[p.end:m[0]]) && (len(sp) > 1 || openingName(head[:p.start])) ||
			// "**Title** — Name (Org). Notes ...": a bold or italic title
			// that opens the block, its speakers after a dash or a comma
			opens && p.start >= m[1] && p.start-m[1] <= 6 && (leadSepRe.MatchString(head[m[1]:p.start]) ||
				// "**Title**" on a line of its own, then "Vikram Sethi (NVIDIA) walked through ..."
				head[m[1]:p.start] == " " && b.lineStartAt(p.start) && (strings.HasPrefix(head[p.end:], " (") || verbCueRe.MatchString(strings.TrimLeft(head[p.end:], " ")))) {
			cued = true
		}
	}
	shareLastOrg(sp)
	if !cued {
		// "... w duecie: "Title". Prowadzący: Piotr Zieliński z Grupy
		// Pracuj i Marta Kowalczyk z firmy Spacelift."
		if next := x.nextSentenceSpeakers(b, base+len(head)); len(next) > 0 {
			sp, cued = next, true
		} else if next := x.nextEntrySpeakers(i); len(sp) == 0 && len(next) > 0 {
			sp, cued = next, true
		}
	}
	// "## Danielle Okoro (Red Hat)" over "**Sigstore for the Rest of Us**
	// walked through ...", "Yuki co-presented **Title** with Ben Adeyemi":
	// a recap by speaker
	if owner, ok := x.sectionPerson(i); ok && (base == 0 && m[0] == 0 && m[2] == 0 || speaksOf(head, []speaker{owner})) {
		if !cued {
			sp = nil
			for _, p := range people {
				if p.name != owner.name && strings.HasSuffix(strings.TrimRight(head[:p.start], " ("), "with") {
					sp = append(sp, speaker{name: p.name, line: b.LineAt(base + p.start), text: head})
				}
			}
		}
		if !slices.ContainsFunc(sp, func(s speaker) bool { return s.name == owner.name }) {
			sp = append([]speaker{owner}, sp...)
		}
		cued = true
	}
	if !cued && base == 0 && m[0] <= 3 && len(b.starts) > 1 && b.starts[1].off >= m[1] && strings.TrimSpace(b.Text[m[1]:b.starts[1].off]) == "" {
		// '**"Title"**' over "Nakamura, Yuki* (RIKEN); Bauer, T. (KIT)": a
		// title line, its speakers on the next
		if next := x.secondLineSpeakers(b); len(next) > 0 {
			sp, cued = next, true
		}
	}
	if !cued && base == 0 && len(b.starts) == 1 && strings.TrimSpace(strings.Trim(head[m[1]:], "*_")) == "" &&
		(m[0] <= 3 || matchLabel(b.Text) != nil) {
		// '"Burn Rates in Practice"' over "Mateus Carvalho and Yuki
		// Tanaka-Morris, both SREs at Booking.com.": a quoted title alone
		// on its line, its speakers on the next
		if next := x.nameLineUnder(i); len(next) > 0 {
			sp, cued = next, true
		}
	}
	if !cued && base == 0 && m[0] <= 3 {
		// "**Title** (eBPF devroom). Kateryna Bondarenko walked through
		// ...": the sentence after the title's opens with who gave it
		if next := x.openingSpeakers(b, m[1]); len(next) > 0 {
			sp, cued = next, true
		}
	}
	if len(sp) == 0 || !cued {
		return talk{}, false // 'Her slide "The Catalog Is Everything" got a laugh'
	}
	if cancelledRe.MatchString(head[m[1]:]) {
		return talk{}, false // '"Service Mesh on a Budget" by Tom Ashworth is cancelled'
	}
	if k := panelListRe.FindStringIndex(b.Text); k != nil && k[0] >= base+m[1] {
		// "... was moderated by A. On the panel: B (Honeycomb), C (Grafana
		// Labs) and D (Dynatrace)."
		list := firstSentence(b.Text[k[1]:])
		if more, ok := x.allSpeakers(list); ok {
			for _, p := range more {
				if !slices.ContainsFunc(sp, func(s speaker) bool { return s.name == p.name }) {
					p.line, p.text = b.LineAt(k[1]), b.Text[k[0]:k[1]+len(list)]
					sp = append(sp, p)
				}
			}
		}
	}
	// "— Name (Org), in "Title"" under a quote: an attribution line, whose
	// talk the notes after it are about though they name no one
	attribution := b.Kind == Para && i > 0 && x.doc.Blocks[i-1].Kind == Quote && openingName(b.Text[:strings.IndexByte(b.Text, ' ')+1])
	return talk{title: title, speakers: sp, block: i, off: base + m[2], end: -1, listTitle: b.Kind == Item, prose: b.Kind == Para && !attribution}, true
}

var (
	// orgCommaRe: a comma after a name, with the company between them:
	// 'Greg Halloway from Thoughtworks, "Title"', 'Ana Lee (Acme), "Title"'
	orgCommaRe = lazyRe(`^\s*(?:\([^()]{2,60}\)|(?:from|of|at)\s+\p{Lu}[\p{L}\p{N}.&!-]*(?:\s+\p{Lu}[\p{L}\p{N}.&!-]*){0,2})?\s*,\s*(?:in\s+)?$`)
	// cancelledRe: a talk the recap says did not take place
	cancelledRe = prefiltered(`(?i)\b(?:is|was|has\s+been|had\s+been|got)\s+(?:cancell?ed|called\s+off|dropped|pulled)\b`, "cancel", "called", "dropped", "pulled")
)

// bylineAfterRe matches "by" right after a quoted title.
var bylineAfterRe = lazyRe(`^,?\s+by\s+`)

// bylineAfter reads the speakers after a quoted title that ends at end in
// head (at base in block b) when "by" and a list of names, each with its
// company, is all there is up to the bracket, semicolon or block's end:
// "'Title' by Hannah Kim, Datadog)", "'Title' by A, Acme, and B, Beta;".
func (x *extractor) bylineAfter(b *Block, head string, base, end int) []speaker {
	m := bylineAfterRe.FindStringIndex(head[end:])
	if m == nil {
		return nil
	}
	rest := head[end+m[1]:]
	if k := strings.IndexAny(rest, ");"); k >= 0 {
		rest = rest[:k]
	} else if strings.Contains(rest, ". ") {
		return nil // '"Title" by Leonie Vogt from Trade Republic deserves a shout. ...': prose
	}
	sp, ok := x.allSpeakers(rest)
	if !ok || !slices.ContainsFunc(sp, func(s speaker) bool { return s.org != "" }) {
		return nil
	}
	for _, s := range sp {
		for w := range strings.FieldsSeq(s.org) {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && len(w) > 3 {
				return nil // "Trade Republic deserves a shout": a sentence goes on
			}
		}
	}
	for k := range sp {
		sp[k].line, sp[k].text = b.LineAt(base+end), head
	}
	return sp
}

// linkTitles returns spans and the texts of b's links that read as a
// talk's title, three words or more: in a post that cites talks as links,
// '[Near Misses Are Free Lessons](https://...) by Priya Raman (Indeed)'
// names the talk as quotes would.
func linkTitles(b *Block, spans []string) []string {
	out := spans
	for _, l := range b.Links {
		if strings.Count(l.Text, " ") >= 2 && titleLike(l.Text) && !strings.Contains(b.Text, "["+l.Text) && !hasYear(l.Text) {
			if len(out) == len(spans) {
				out = slices.Clone(spans)
			}
			out = append(out, l.Text)
		}
	}
	return out
}

// hasYear reports whether s holds a year of this century ("KubeCon India
// 2024 journal"): a link to a post about an event, not a talk.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if s[i] == '2' && s[i+1] == '0' && isDigit(s[i+2]) && isDigit(s[i+3]) &&
			(i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4])) {
			return true
		}
	}
	return false
}

// isName reports whether s is a person's name and nothing else.
func (x *extractor) isName(s string) bool {
	n, ok := x.personName(s, weak) // a known given name: "Signing Everything" is a title
	return ok && n == s
}

// nameOverOrg reports whether "title (speakers)" is rather a person and
// their company: "Hannah Lind (Nordic Semiconductor)" is a speaker line,
// not a title "Hannah Lind" given by "Nordic Semiconductor"; "Doris Deep
// Dive (Jane Doe)" is a talk.
func (x *extractor) nameOverOrg(title string, sp []speaker) bool {
	if !x.isName(title) {
		return false
	}
	for _, s := range sp {
		if x.isName(s.name) {
			return false
		}
	}
	return true
}

// boldNameLines reads the speakers from the paragraph under heading i
// when each of its lines starts with a name in bold and names nothing but
// speakers, as slides set them out: "**Florian Gruber** · Dynatrace" over
// "**Aylin Yılmaz** · Bitpanda".
func (x *extractor) boldNameLines(i int) []speaker {
	if i+1 >= len(x.doc.Blocks) || x.doc.Blocks[i].Kind != Heading {
		return nil
	}
	b := &x.doc.Blocks[i+1]
	spans := b.spanTexts()
	if b.Kind != Para || len(spans) < len(b.starts) || x.consumed[i+1] {
		return nil
	}
	var out []speaker
	for k, st := range b.starts {
		end := len(b.Text)
		if k+1 < len(b.starts) {
			end = b.starts[k+1].off
		}
		line := strings.TrimSpace(b.Text[st.off:end])
		if !strings.HasPrefix(line, spans[k]) {
			return nil
		}
		sp, ok := x.allSpeakers(line)
		if !ok || len(sp) != 1 {
			return nil
		}
		sp[0].line, sp[0].text = st.line, line
		out = append(out, sp[0])
	}
	return out
}

// sectionPerson returns the person a section is about when the heading
// over block i names one person and nothing else ("## Danielle Okoro (Red
// Hat)", "## Marcus Feldman" with "Company: Intel" under it), as a recap
// organised by speaker heads its sections.
func (x *extractor) sectionPerson(i int) (speaker, bool) {
	h := i - 1
	for h >= 0 && x.doc.Blocks[h].Kind != Heading {
		h--
	}
	if h < 0 || i-h > 12 {
		return speaker{}, false
	}
	hb := &x.doc.Blocks[h]
	sp, ok := x.allSpeakers(hb.Text)
	if !ok || len(sp) != 1 || !x.isName(strings.TrimSpace(strings.Split(hb.Text, "(")[0])) {
		return speaker{}, false
	}
	sp[0].line, sp[0].text = hb.Line, hb.Text
	if h+1 < i {
		if c := companyFieldRe.FindStringSubmatch(firstLine(&x.doc.Blocks[h+1])); c != nil {
			giveOrgs(sp, c[1])
		}
	}
	return sp[0], true
}

// openingName reports whether a name after before opens its sentence or
// follows a colon ("Last one for me: @meilin_secops").
func openingName(before string) bool {
	t := strings.TrimRight(before, " @")
	return t == "" || strings.HasSuffix(t, ":") || t == "—" || t == "–" || t == "--" || t == "~" // "— Name (Org), in "Title"": a quote's attribution
}

// nextSentenceSpeakers reads the speakers a sentence at off in b names
// after a speaker label: "Speakers: ...", "Prowadzący: ...".
func (x *extractor) nextSentenceSpeakers(b *Block, off int) []speaker {
	rest := strings.TrimLeft(b.Text[min(off, len(b.Text)):], " ")
	next := firstSentences(rest, 1)
	start := off + len(b.Text[min(off, len(b.Text)):]) - len(rest)
	var list string
	if m := speakerLineRe.FindStringSubmatchIndex(next); m != nil && labelFirst(next) {
		list = next[m[2]:m[3]]
	} else if k := strings.IndexAny(next, " :"); k > 0 && intlCue(next[:k+1]+" ") {
		list = strings.TrimLeft(next[k:], " :")
	} else {
		return nil
	}
	sp, ok := x.allSpeakers(strings.TrimRight(list, ". "))
	if !ok {
		return nil
	}
	for k := range sp {
		sp[k].line, sp[k].text = b.LineAt(start), next
	}
	return sp
}

// leadTitleSpeakers reads the speakers after a bold or italic title that
// opens a block, on the rest of its first line: "**Fifty Million Spans a
// Minute** — Farhan Qureshi, Meesho", "*Thanos Compactor Horror Stories*,
// Lakshmi Subramanian of Red Hat. Three stories ...".
func (x *extractor) leadTitleSpeakers(b *Block, m []int, base int) []speaker {
	if base != 0 {
		return nil
	}
	// a span that opens the block, or a quote after a label: "**Ignite:
	// "Why Your Runbooks Lie"** – Ola Pawlak z Brainly"
	if pre := b.Text[:m[0]]; m[2] != 0 && !(pre != "" && strings.HasSuffix(strings.TrimSpace(pre), ":") && matchLabel(b.Text) != nil) {
		return nil
	}
	line := firstLine(b)
	if m[1] >= len(line) {
		return x.secondLineSpeakers(b)
	}
	if m[1] >= len(line) {
		return nil
	}
	rest := line[m[1]:]
	if r := strings.TrimSpace(rest); len(r) > 2 && r[0] == '(' && r[len(r)-1] == ')' && strings.Count(r, "(") == 1 {
		// "**1. Error Budgets That Executives Read** (Hamid Rezaei, Shopify)"
		rest = r[1 : len(r)-1]
	} else if !leadSepRe.MatchString(rest[:len(rest)-len(strings.TrimLeft(rest, " ,—–-"))]) {
		return nil
	}
	rest = strings.TrimLeft(rest, " ,—–-")
	if k := strings.Index(rest, ". "); k > 0 {
		rest = rest[:k]
	}
	sp, ok := x.allSpeakers(strings.TrimRight(rest, "."))
	if !ok {
		return nil
	}
	for k := range sp {
		sp[k].line, sp[k].text = b.Line, line
	}
	return sp
}

// footnoteSpeakers reads the speakers of a title line that carries a
// footnote ("### The Cardinality Cliff[^1]") from the note ("[^1]:
// Stanislav Orlov, Shopify. Slides: ...").
func (x *extractor) footnoteSpeakers(b *Block) []speaker {
	if b.Line < 1 || b.Line > len(x.doc.Lines) {
		return nil
	}
	raw := x.doc.Lines[b.Line-1]
	k := strings.Index(raw, "[^")
	if k < 0 {
		return nil
	}
	label, _, ok := strings.Cut(raw[k:], "]")
	if !ok {
		return nil
	}
	def := label + "]:"
	for n, l := range x.doc.Lines {
		if !strings.HasPrefix(l, def) {
			continue
		}
		note := strings.TrimSpace(l[len(def):])
		sp, ok := x.allSpeakers(firstSentences(note, 1))
		if !ok {
			return nil
		}
		for j := range sp {
			sp[j].line, sp[j].text = n+1, note
		}
		return sp
	}
	return nil
}

// boldFirstLine reports whether b's first line, of several, is wholly in
// bold or italics, as a title over its speakers or notes.
func boldFirstLine(b *Block) bool {
	sp := b.spanTexts()
	return len(b.starts) > 1 && len(sp) > 0 && strings.TrimSpace(sp[0]) == firstLine(b)
}

// secondLineSpeakers reads the speakers from the second line of a block
// whose first line is a title: "Greta Hoffmann, Zalando", "Keynote by
// Dr. Karin Weiß, Thoughtworks", "Moritz Engel from Tweag. Twenty slides".
func (x *extractor) secondLineSpeakers(b *Block) []speaker {
	if len(b.starts) < 2 {
		return nil
	}
	second := b.Text[b.starts[1].off:]
	if len(b.starts) > 2 {
		second = b.Text[b.starts[1].off:b.starts[2].off]
	}
	second = strings.TrimSpace(second)
	second = firstSentences(second, 1) // "Dr. Karin Weiß" is one sentence
	if lm := speakerLineRe.FindStringSubmatch(second); lm != nil && labelFirst(second) {
		second = lm[1]
	} else if lm := byLabelRe.FindStringIndex(second); lm != nil {
		second = second[lm[1]:]
	}
	sp, ok := x.allSpeakers(strings.TrimRight(second, "."))
	if !ok {
		return nil
	}
	for k := range sp {
		sp[k].line, sp[k].text = b.starts[1].line, second
	}
	return sp
}

// byLabelRe matches a talk's kind before its speakers: "Keynote by".
var byLabelRe = lazyRe(`(?i)^(?:keynote|talk|session|workshop|panel|lightning talk|ignite|tutorial)\s+(?:by|with|from)\s+`)

// leadSepRe matches what separates a title that opens a block from its
// speakers.
var leadSepRe = lazyRe(`^\s*[,—–-]\s*$`)

// titleDashRe matches the dash between a title that opens a line and its
// speakers.
var titleDashRe = lazyRe(`^\s*[—–-]\s+`)

// speaksOf reports whether text names one of the speakers (a part of a
// name as a word) or opens with a pronoun that refers back to them.
func speaksOf(text string, sp []speaker) bool {
	if pronounStartRe.MatchString(text) {
		return true
	}
	words := givenNames(text)
	for _, s := range sp {
		for _, part := range strings.Fields(s.name) {
			if words[strings.ToLower(part)] {
				return true
			}
		}
	}
	return false
}

var pronounStartRe = lazyRe(`^(?:He|She|They|His|Her|Their|Both|The (?:talk|session|keynote|demo|speakers?)|This (?:talk|session|keynote|one|was|is))\b`)

var (
	// "Li Na's *Dragonfly and Harbor ...*", "Takeshi Morimoto's keynote, "...""
	talkBeforeRe = lazyRe(`(?i)(\bon\b|\bwith\b|\babout\b|\b(?:con|sobre|mit|über|met|over|avec|sur)\b|\b(?:charla|ponencia|taller|keynote|vortrag|lezing|sessie|conférence|atelier)\W*$|\bpresent(?:ed|ing|s)?\b|\b(?:gave|did|delivered|ran|doing|giving|tag-teaming|co-presenting|live-coding|through)\b|\btalked\b|:|—|–|\s-\s|^['’]s\s*$|^['’]s\s+(?:[\w-]+\s+){0,2}?(?:talk|keynote|session|presentation|workshop)\W*$|^['’]s\s+[\w]+-minute\s*$|^(?:\s*\([^()]{2,60}\))?\s*,\s*(?:(?:his|her|their|a|the)\s+)?(?:lightning\s+talk|talk|keynote|session|workshop)\s*$)`)
	// "by", or ", a joint talk by"
	talkAfterRe = lazyRe(`(?i)^\W*(?:(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:talk|keynote|session|presentation|workshop)\s+)?(?:(?:was|were|is)\s+(?:an?\s+(?:[\w-]+\s+){0,2}?(?:panel|talk|keynote|session|workshop),?\s+)?(?:moderated|hosted|presented|given|delivered|led|run|chaired)\s+by|by|from|with|de|del|van|von|door|par|por|que\s+(?:impartió|presentó|dio|dieron)|(?:présentée?s?|animée?s?|donnée?s?)\s+par)\s+\W*$`)
)

// namesAt reads the names of a list of people in text[start:end] ("Yuki
// Harada and Daniel Osei") with where each is.
func (x *extractor) namesAt(text string, start, end int) []span {
	var out []span
	for _, n := range splitNames(text[start:end]) {
		if name, ok := x.personName(n, strong); ok && strings.Contains(name, " ") {
			if k := strings.Index(text[start:end], n); k >= 0 {
				out = append(out, span{name: name, start: start + k, end: start + k + len(n)})
			}
		}
	}
	return out
}

var (
	singleQuotedInRe = lazyRe(`(?:^|[\s(])['‘]([\p{Lu}\d](?:[^'‘’\n]|['’]\p{L}){4,120}?)['’](?:[^\p{L}]|$)`).needing("'", "‘")
	// "his talk, titled", "gave a talk titled", not "a slide titled"
	// the words that give a talk's title just before it, in the
	// languages recaps are written in
	renamedRe = lazyRe(`(?i)\b(?:titled|entitled|intitolat[oa]|intitolava|dal titolo|intitulad[oa]|titulad[oa]|betitelt|mit dem titel|intitulée?|getiteld)\s*:?\s*["“«„'‘]?$`)
	titledRe  = lazyRe(`(?i)\b(?:talk|session|keynote|presentation|lecture)\b[^.;]{0,25}?\b(?:titled|entitled|called)\s*$|\b(?:talk|session|keynote|presentation),?\s*$`)
)

// hasSingleQuote reports whether s opens a single quote before a capital.
func hasSingleQuote(s string) bool {
	for i := strings.IndexByte(s, '\''); i >= 0 && i+1 < len(s); {
		if c := s[i+1]; c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			return true
		}
		j := strings.IndexByte(s[i+1:], '\'')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return strings.Contains(s, "‘")
}

var quotedInRe = lazyRe(`["“„]([\p{Lu}\d][^"“”„]{4,120}|\p{Ll}[\p{L}\d.-]{1,24}:\s[^"“”„]{4,110}|\p{Ll}[\p{L}\d.]*-[\p{L}\d.-]+\s[^"“”„]{4,110}|\p{Ll}[\p{L}\d.-]{1,24}\s\p{Lu}[^"“”„\s]*\s\p{Lu}[^"“”„]{2,110}|\p{Ll}[\p{Ll}\d]{0,3}\p{Lu}[\p{L}\d.-]{0,20}\s(?:(?:for|on|in|at|with|and|of|the|to|a|an|from|vs\.?)\s)*\p{Lu}[^"“”„]{2,110})["”“]|«\s*([\p{Lu}\d][^«»]{4,120}?)\s*»`) // „German“, « French » too; "retsnoop: Finding ...", "etcd Backups Nobody Tests"

// tableTalk reads a row of an agenda table whose header names its talk
// and speaker columns: rows whose speaker cell names no one (breaks,
// "various", "the organisers") are no talk.
func (x *extractor) tableTalk(i int, row *tableRow) (talk, bool) {
	title := trimTitle(row.cells[row.title])
	if title == "" || notTalkRe.MatchString(title) || !titleLike(upperFirst(title)) {
		return talk{}, false
	}
	cell := row.cells[row.speaker]
	sp, ok := x.allSpeakers(cell)
	if !ok || len(sp) == 0 {
		sp, ok = x.labelledSpeakers(cell) // "Moderator: A (Org). Panelists: B, C"
	}
	if !ok || len(sp) == 0 {
		if !unknownSpeakerRe.MatchString(strings.TrimSpace(cell)) {
			return talk{}, false
		}
		sp = nil // "??", "TBA", "(not listed)": a talk whose speaker the writer did not know
	}
	if row.org >= 0 {
		// a company column: one company for all, or one per speaker in order
		// ("Jonas Weber / Miriam Schulz" and "REWE digital / Otto Group")
		orgs := splitCell(row.cells[row.org])
		byName := map[string]string{} // "Hofbauer: freelance, Rinaldi: Upbound"
		for _, o := range orgs {
			if who, org, ok := strings.Cut(o, ": "); ok && !strings.Contains(who, " ") {
				byName[who] = cleanOrg(org)
			}
		}
		for k := range sp {
			f := strings.Fields(sp[k].name)
			if org, ok := byName[f[len(f)-1]]; ok && len(byName) == len(orgs) {
				if sp[k].org == "" {
					sp[k].org = org
				}
				continue
			}
			switch {
			case len(byName) == len(orgs):
				// (the company of someone the cell does not name: none)
			case sp[k].org != "":
			case len(orgs) == len(sp):
				sp[k].org = cleanOrg(orgs[k])
			case len(orgs) == 1:
				sp[k].org = cleanOrg(orgs[0])
			}
		}
	}
	b := &x.doc.Blocks[i]
	for k := range sp {
		sp[k].line, sp[k].text = b.Line, b.Text
	}
	end := -1
	if row.front {
		end = i + 1 // the front matter's talks have no text of their own
	}
	title, format := labelledTitle(title, title) // "Panel: Is Platform Engineering Just Ops?"
	return talk{title: title, speakers: sp, block: i, off: strings.Index(b.Text, title), end: end,
		listTitle: true, format: format}, true
}

// unknownSpeakerRe matches a table's speaker cell that names no one
// because the writer did not know who spoke.
var unknownSpeakerRe = lazyRe(`(?i)^(?:\?+.*|tba|tbd|n/?a|unknown|\(?not (?:listed|announced|on the (?:schedule|programme|program))\)?)$`)

// labelledSpeakers reads a cell or line that labels its people in parts:
// "Moderator: Ngozi Eze (CNCF). Panelists: Fatima El Amrani (Atlas),
// Wei Zhang (Polestack)".
func (x *extractor) labelledSpeakers(s string) ([]speaker, bool) {
	if !strings.Contains(s, ":") {
		return nil, false
	}
	var out []speaker
	for _, part := range splitLabelled(s) {
		m := speakerLineRe.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return nil, false
		}
		sp, ok := x.allSpeakers(strings.TrimRight(m[1], ". "))
		if !ok {
			return nil, false
		}
		out = append(out, sp...)
	}
	return out, len(out) > 0
}

// splitLabelled cuts s before each label after the first: at ". " or
// "; " followed by a word and a colon.
func splitLabelled(s string) []string {
	var parts []string
	for {
		k := -1
		for _, sep := range []string{". ", "; "} {
			for from := 0; ; {
				j := strings.Index(s[from:], sep)
				if j < 0 {
					break
				}
				j += from
				rest := s[j+len(sep):]
				if c := strings.IndexByte(rest, ':'); c > 0 && c < 20 && !strings.Contains(rest[:c], " ") && (k < 0 || j < k) {
					k = j
					break
				}
				from = j + len(sep)
			}
		}
		if k < 0 {
			return append(parts, s)
		}
		parts = append(parts, s[:k])
		s = s[k+2:]
	}
}

// labelWords start the lines labelRe and speakerLineRe read; checking the
// first word first spares the regular expressions most paragraphs.
var labelWords = map[string]bool{"talk": true, "session": true, "keynote": true, "lightning": true,
	"workshop": true, "panel": true, "painel": true, "palestra": true, "presentation": true, "tutorial": true, "fireside": true,
	"ignite": true, "demo": true, "opening": true, "closing": true, "morning": true, "afternoon": true,
	"day": true, "speaker(s)": true, "speaker": true, "speakers": true, "spkr": true, "spkrs": true, "mod": true, "presenter": true,
	"presenters": true, "presenter(s)": true, "presented": true, "panelist": true, "panelists": true,
	"panellist": true, "panellists": true, "moderator": true, "moderators": true, "moderation": true, "moderated": true,
	"host": true, "hosts": true, "hosted": true, "given": true, "delivered": true, "with": true, "by": true,
	"who": true, "vortrag": true, "sprecher": true, "sprecherin": true, "sprecherinnen": true, "referent": true, "referentin": true,
	"referentinnen": true, "referenten": true, "vortragende": true, "vortragender": true, "vortragenden": true,
	"holdt": true, "oplæg": true, "præsenteret": true, "ponente": true, "ponentes": true, "palestrante": true, "palestrantes": true, "intervenant": true, "intervenante": true,
	"intervenants": true, "intervenantes": true, "orateur": true, "orateurs": true, "oratrice": true, "relatore": true,
	"relatori": true, "relatrice": true, "spreker": true, "sprekers": true, "föreläsare": true, "foredragsholder": true,
	"foredragsholdere": true, "přednášející": true, "prelegent": true, "prelegenci": true, "prelegentka": true, "pembicara": true, "narasumber": true, "спикер": true, "спикеры": true, "докладчик": true, "докладчица": true, "докладчики": true, "модератор": true, "ведущий": true, "ведущая": true, "участник": true, "участница": true, "участники": true, "발표자": true, "연사": true, "라이트닝": true, "키노트": true, "기조": true, "기조연설": true, "ライトニングトーク": true, "基调演讲": true, "主题演讲": true, "闪电演讲": true, "登壇者": true, "讲者": true, "演讲者": true}

// labelFirst reports whether the first word of s, in lower case, is one
// of labelWords. It runs on every block, so an ASCII word is lowered into
// a buffer rather than a new string.
func labelFirst(s string) bool {
	// The word ends within 20 bytes, at a separator of at most 3 bytes.
	end := strings.IndexAny(s[:min(len(s), 23)], " \t:：-–—#0123456789")
	if end < 0 {
		end = len(s)
	}
	if end > 20 {
		return false
	}
	var buf [20]byte
	if l, ok := lowerASCII(buf[:], s[:end]); ok {
		return labelWords[string(l)]
	}
	return labelWords[strings.ToLower(s[:end])]
}

func matchLabel(s string) []string {
	if !labelFirst(s) {
		return nil
	}
	m := labelRe.FindStringSubmatch(s)
	if m != nil && strings.TrimFunc(m[3], unicode.IsDigit) == "" {
		return nil // "Panel 14:15": a label and a time, not "Panel 14: Title"
	}
	return m
}

func isSpeakerLine(s string) bool {
	return labelFirst(s) && speakerLineRe.MatchString(s)
}

// isHeadingLike: a heading, or a short standalone line that reads like a
// title (no final period, starts with a capital or a quote).
func isHeadingLike(b *Block) bool {
	if b.Kind == Heading {
		return true
	}
	if b.Kind != Para || len(b.starts) > 1 && !b.Emph {
		return false
	}
	return titleLike(b.Text)
}

func titleLike(s string) bool {
	if len(s) > 700 {
		return false // 160 runes are at most 640 bytes
	}
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 160 || moreFields(s, 22) {
		return false
	}
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") || strings.HasSuffix(s, ":") {
		return false
	}
	if strings.Contains(s, " <- ") {
		return false // a note pointing back at its line: "etcd   <- missed surname, sorry"
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“'‘«*", r)) {
		// "eBPF for Security", "k8sgpt in practice": a lower-case first
		// letter followed by a capital in the same word.
		w := strings.Fields(s)[0]
		if r == '#' || !hasInnerUpper(w) && !restTitleCase(s) {
			return false // (nor "# Heading" in plain text)
		}
	}
	if k := strings.LastIndex(s, ": "); k > 0 && strings.IndexFunc(s[k:], unicode.IsLetter) < 0 {
		return false // a field with no words after it: "Rating: ⭐⭐⭐☆☆", "Score: 4/5"
	}
	// Sentences ("I went to ...", "We learned ...") and dates are not titles.
	if sentenceLike(s) || dateRe.MatchString(s) {
		return false
	}
	return true
}

// moreFields reports whether s has more than n space-separated fields, as
// len(strings.Fields(s)) > n does, without building the fields.
func moreFields(s string, n int) bool {
	inField := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inField = false
		} else if !inField {
			inField = true
			if n--; n < 0 {
				return true
			}
		}
	}
	return false
}

var dateRe = lazyRe(`(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b`)

// sentenceOpeners are the words sentenceRe reads: a subject, then a verb.
var sentenceOpeners = [2]string{
	"i|we|you|he|she|they|it|this|that|there|then|so|but|and|also|after|before|while|when|if|as|here|today|yesterday",
	"am|was|were|is|are|had|have|has|went|did|do|will|would|could|can|got|learned|saw|attended|think|thought|moved|visited|watched|liked|enjoyed|met|started|decided|wrote|want|need|hope",
}

// sentenceWords are sentenceOpeners as sets, for sentenceLike.
var sentenceWords = func() [2]map[string]bool {
	var sets [2]map[string]bool
	for i, list := range sentenceOpeners {
		sets[i] = map[string]bool{}
		for _, w := range strings.Split(list, "|") {
			sets[i][w] = true
		}
	}
	return sets
}()

// sentenceLike is sentenceRe.MatchString(s): whether s starts like a
// sentence ("We went ..."). It runs on every title candidate, so ASCII
// text is read by hand; a word with other letters goes to the expression,
// whose case folding also matches "ſ" for "s" and the Kelvin sign for "k".
func sentenceLike(s string) bool {
	reSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	i := 0
	for i < len(s) && !reSpace(s[i]) {
		if s[i] >= utf8.RuneSelf {
			return sentenceRe.MatchString(s)
		}
		i++
	}
	var buf [16]byte
	w1, ok := lowerASCII(buf[:], s[:i])
	if !ok || !sentenceWords[0][string(w1)] || i == len(s) {
		return false
	}
	for i < len(s) && reSpace(s[i]) {
		i++
	}
	j := i
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9' || s[j] == '_') {
		j++
	}
	if j < len(s) && s[j] >= utf8.RuneSelf {
		return sentenceRe.MatchString(s)
	}
	w2, ok := lowerASCII(buf[:], s[i:j])
	return ok && sentenceWords[1][string(w2)]
}

var sentenceRe = lazyRe(`(?i)^(` + sentenceOpeners[0] + `)\s+(` + sentenceOpeners[1] + `)\b`)

// restTitleCase: a title that opens with a lower-case word ("observability
// Without Tears: A Harbor Story") but capitalises most of the others.
func restTitleCase(s string) bool {
	words := strings.Fields(s)[1:]
	if len(words) < 3 {
		return false
	}
	up, n := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			up++
		} else if minorWords[w] {
			continue // "and the" in "cert-manager and the 90-Day Certificate Apocalypse"
		}
		n++
	}
	return n >= 2 && up*3 >= n*2
}

// minorWords are the words title case leaves in lower case.
var minorWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true,
	"on": true, "for": true, "to": true, "with": true, "at": true, "by": true, "from": true, "vs": true, "vs.": true, "but": true, "nor": true}

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func upperFirst(s string) string {
	r, w := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[w:]
}

func hasInnerUpper(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// trimTitle removes quotes, markup leftovers and a trailing "(Keynote)" or
// "(10:00-10:15)" from a title.
func trimTitle(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		if m := leadTimeRe.FindStringSubmatchIndex(s); m != nil {
			s = s[max(m[2], m[4]):] // '1045 "Tetragon in Prod"': a time on a line of notes
		}
	}
	if k := strings.IndexAny(s, ":：-–—"); k > 0 && k < 30 && strings.ContainsAny(s[k:min(len(s), k+6)], "\"“") {
		if lm := matchLabel(s); lm != nil && strings.ContainsRune("\"“", []rune(lm[3])[0]) {
			s = lm[3] // 'panel: "Who Maintains the Maintainers?"'
		}
	}
	s = quotedAside(s)
	if strings.Contains(s, "??") {
		s = unknownTailRe.ReplaceAllString(s, "") // "Title — ??? (speaker swapped)"
	}
	if k := strings.Index(s, " · "); k > 0 && metaTail(s[k+len(" · "):]) {
		s = s[:k] // "**Title** · 42 min · https://youtu.be/..."
	}
	for {
		t := s
		if strings.HasSuffix(s, ")") { // parenTailRe ends with `\)\s*$`
			t = parenTailRe.ReplaceAllString(s, "")
		}
		t = strings.TrimSpace(strings.TrimRight(t, " :-–—|,;"))
		if t == s {
			break
		}
		s = t
	}
	s = strings.Trim(s, "\"“”„'‘’«»「」『』《》*_ ")
	return strings.TrimSpace(s)
}

// leadTimeRe matches a clock time before a title in quotes or in capitals:
// "10:45 ", "9h30 – ", '1045 "'.
// A four-digit time counts before a quote, or a label and a quote, only
// ("1000 Clusters Later" is a title).
var leadTimeRe = lazyRe(`^(?:\d{1,2}[:h]\d{2}(?:\s*[-–]\s*\d{1,2}[:h]\d{2})?\s*(?:[·|–—-]\s*)?\s(["“\p{Lu}])|(?:[01]\d|2[0-3])[0-5]\d\s+((?:\pL+\s*:\s*)?["“]))`)

// byRoleRe matches a dash before the role of who is named after it:
// " — moderated by ", ", hosted by ".
var byRoleRe = lazyRe(`(?:\s+[-–—]|\s*,)\s+(?:moderated|hosted|chaired|presented|led|given)\s+by\s+`).needing("ed by ", "en by ")

// unknownTailRe matches a dash and question marks where the speaker
// would be, and what follows them.
var unknownTailRe = lazyRe(`\s+[-–—]+\s+\?{2,}.*$`).needing("??")

// quotedAside drops an aside in brackets after a quoted title:
// '"Observability Without the Invoice" *(Dennis attended)*'.
func quotedAside(s string) string {
	open, n := utf8.DecodeRuneInString(s)
	var closer string
	switch open {
	case '"':
		closer = `"`
	case '“':
		closer = "”"
	case '«':
		closer = "»"
	case '„':
		closer = "“"
	default:
		return s
	}
	k := strings.Index(s[n:], closer)
	if k < 0 {
		return s
	}
	end := n + k + len(closer)
	rest := strings.Trim(s[end:], " *_")
	if len(rest) > 2 && rest[0] == '(' && rest[len(rest)-1] == ')' && strings.IndexByte(rest[1:], '(') < 0 {
		return s[:end]
	}
	return s
}

func talkFormat(label string) string {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "keynote"), strings.Contains(l, "키노트"), strings.Contains(l, "기조"), strings.Contains(l, "主题演讲"), strings.Contains(l, "基调演讲"):
		return "keynote"
	case strings.Contains(l, "lightning"), strings.Contains(l, "ignite"), strings.Contains(l, "라이트닝"), strings.Contains(l, "ライトニング"), strings.Contains(l, "闪电"):
		return "lightning talk"
	case strings.Contains(l, "panel"), strings.Contains(l, "painel"):
		return "panel"
	case strings.Contains(l, "workshop"), strings.Contains(l, "tutorial"):
		return "workshop"
	}
	return ""
}

func formatOf(s string) string {
	l := strings.ToLower(s)
	for _, f := range []string{"keynote", "lightning", "ignite", "panel", "workshop", "tutorial"} {
		if strings.Contains(l, f) {
			return talkFormat(f)
		}
	}
	return ""
}

// notGivenBy are verbs before "by" that name who did something other
// than give a talk: "approved by", "sponsored by".
var notGivenBy = map[string]bool{"approved": true, "sponsored": true, "organised": true, "organized": true,
	"funded": true, "written": true, "photographed": true, "reviewed": true, "signed": true, "paid": true,
	"powered": true, "owned": true, "maintained": true, "created": true, "built": true, "made": true,
	"caused": true, "followed": true, "acquired": true, "replaced": true, "used": true, "adopted": true,
	"backed": true, "booked": true, "covered": true, "taken": true, "sent": true, "shared": true,
	"recommended": true, "suggested": true, "requested": true, "provided": true, "offered": true,
	"catered": true, "filmed": true, "recorded": true, "edited": true, "translated": true, "inspired": true}

// titleSpeakers splits "Title by A (Org) and B", "\"Title\" by A",
// "Title - A, Org & B, Org" and "Title (A, Org)" into the title and the
// speakers. It succeeds only when the speaker part is wholly names.
func (x *extractor) titleSpeakers(s string) (string, []speaker, bool) {
	s = strings.TrimSpace(s)
	if x.handles != nil && !strings.HasPrefix(s, "@") {
		// "Title by @aditi_ml", the handle in a cast list (not "@dtran:
		// spike Kueue, pair with @lnakamura", a task)
		s = x.unhandled(s)
	}
	// (ContainsAny with a non-ASCII set decodes every rune; the ASCII
	// set and the searches for the dashes and quotes do not)
	if !strings.ContainsAny(s, "(-|\"'") && !strings.Contains(s, "–") && !strings.Contains(s, "—") && !strings.Contains(s, "“") &&
		!strings.Contains(s, "‘") && !strings.Contains(s, " by ") && !strings.Contains(s, " with ") {
		return "", nil, false
	}
	if m := quotedTitleRe.FindStringSubmatch(s); m != nil {
		// '"Title" -- Sven Lindgren of Elastic. Where the profiling ...':
		// the first sentence, when the speakers are all it holds
		if first := firstSentences(m[3], 1); len(first) < len(m[3])-1 {
			if sp, ok := x.allSpeakers(first); ok {
				return trimTitle(m[1]), sp, true
			}
		}
		if sp, ok := x.allSpeakers(m[3]); ok {
			return trimTitle(m[1]), sp, true
		}
	}
	if strings.Contains(s, "ed by ") {
		// "Who Pays for It? — moderated by Hilde Van den Bossche (OSI)";
		// "Title, moderated by A (Org), with B, C and D": the panel
		if loc := byRoleRe.FindStringIndex(s); loc != nil {
			s = s[:loc[0]] + " — " + strings.Replace(s[loc[1]:], ", with ", "; ", 1)
		}
	}
	// cut a trailing time slot and anything after it ("(10:00-10:15) Starts about ...")
	if loc := timeRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = strings.TrimSpace(s[:loc[0]])
	}
	// Try the separators from the right: titles often contain "with" or
	// a dash themselves ("Zero Trust with Cilium - A, Org").
	type cut struct{ at, n int }
	var cuts []cut
	for _, sep := range []string{" by ", " with ", " – ", " — ", " - ", " -- ", " | ", " @ "} { // ("Title @ Name (Org)" in a bullet journal)
		for _, i := range allIndex(s, sep) {
			cuts = append(cuts, cut{i, len(sep)})
		}
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].at > cuts[j].at })
	for _, c := range cuts {
		title, rest := strings.TrimSpace(s[:c.at]), strings.TrimSpace(s[c.at+c.n:])
		if title == "" || !titleLike(upperFirst(trimTitle(title))) {
			continue
		}
		if c.n == 3 && s[c.at:c.at+3] == " - " {
			// "Best talk - Benedikt Hollmann - Kenji Watanabe", "Most useful -
			// Arjun & Lucía - Fatima-Zahra": a row of a table of names, no
			// title and its speakers
			if k := strings.LastIndex(title, " - "); k > 0 {
				if _, ok := x.allSpeakers(title[k+3:]); ok {
					continue
				}
			}
			if k := strings.LastIndex(rest, " - "); k > 0 {
				if sp, ok := x.allSpeakers(rest[k+3:]); ok && allGivenNames(sp) {
					continue
				}
			}
		}
		if strings.Count(title, "(") > strings.Count(title, ")") && strings.HasSuffix(rest, ")") {
			// the cut is inside brackets: "Title (A, Org; moderated by B)"
			// is no title, "Lightning talks ⚡ (Title by Name)" holds one
			k := strings.LastIndexByte(title, '(')
			if !sessionLabel(title[:k]) {
				continue
			}
			title, rest = strings.TrimSpace(title[k+1:]), strings.TrimSuffix(rest, ")")
			if !titleLike(upperFirst(trimTitle(title))) {
				continue
			}
		}
		if c.n == len(" by ") && s[c.at:c.at+c.n] == " by " && notGivenBy[strings.ToLower(title[strings.LastIndexAny(title, " ,")+1:])] {
			continue // "Expenses: ticket and hotel, approved by Rachel Okoye"
		}
		sp, ok := x.allSpeakers(rest)
		if k := strings.Index(rest, ". "); k > 0 && strings.Contains(rest[:k], " ") && strings.ContainsAny(s[c.at:c.at+c.n], "-–—|") {
			// "Title — A and B (busy week for her). Deep eBPF content.": the
			// speakers are the first sentence, when it reads as them
			if fs := firstSentence(rest); len(fs) < len(rest)-1 {
				if sp2, ok2 := x.allSpeakers(fs); ok2 {
					sp, ok = sp2, true
				}
			}
		}
		if !ok && c.n != len(" by ") && c.n != len(" with ") {
			// "Title — Rachel Kim, Intuit: what the talk said"
			if k := strings.Index(rest, ": "); k > 0 {
				sp, ok = x.allSpeakers(rest[:k])
			}
		}
		if ok && c.n == len(" with ") && s[c.at:c.at+c.n] == " with " && !allGivenNames(sp) {
			ok = false // "Faster with Trunk-Based Development" names no one
		}
		if ok {
			return trimTitle(title), sp, true
		}
	}
	// Speaker first: "Marta Kowalczyk (SUSE) – Rootless Podman in CI",
	// "Thomas Lefèvre on “Building Minimal Images”", the first cut from
	// the left whose left side is all speakers and right side a title.
	if (strings.HasSuffix(s, "\"") || strings.HasSuffix(s, "”")) && strings.Contains(s, " on ") {
		if m := speakerOnRe.FindStringSubmatch(s); m != nil {
			if sp, ok := x.allSpeakers(m[1]); ok {
				return trimTitle(m[2]), sp, true
			}
		}
	}
	for i := len(cuts) - 1; i >= 0; i-- {
		c := cuts[i]
		if sep := s[c.at : c.at+c.n]; sep == " by " || sep == " with " || c.at > 120 {
			continue
		}
		who, title := strings.TrimSpace(s[:c.at]), strings.TrimSpace(s[c.at+c.n:])
		if r, _ := utf8.DecodeRuneInString(who); !unicode.IsUpper(r) {
			continue // a speaker list starts with a name
		}
		// "Liz Rice – Isovalent" is a speaker and her company
		if !strings.Contains(title, " ") || x.isCatalogName(trimTitle(title)) || !titleLike(upperFirst(trimTitle(title))) {
			continue
		}
		if sp, ok := x.allSpeakers(who); ok {
			if _, both := x.allSpeakers(title); !both {
				return trimTitle(title), sp, true
			}
		}
	}
	if m := parenTitleRe.FindStringSubmatch(s); m != nil {
		if sp, ok := x.allSpeakers(m[2]); ok {
			return trimTitle(m[1]), sp, true
		}
	}
	return "", nil, false
}

// panelListRe matches the words before the list of a panel's members.
var panelListRe = lazyRe(`(?i)\b(?:on the panel|the panell?ists|panell?ists)(?:\s*:|\s+were)\s+`).needing("anel", "ANEL")

// slotless removes what comes before a title on a line of a programme: a
// chat bot's command ("!next -> "), a time slot ("11:00 - 11:30 | ") and
// the room after it ("10:30 UD2.218A: ").
func slotless(text string) string {
	bot := false
	if len(text) > 5 && text[0] == '!' {
		if m := botCmdRe.FindStringIndex(text); m != nil {
			text, bot = text[m[1]:], true
		}
	}
	if len(text) > 5 && text[0] >= '0' && text[0] <= '9' {
		m := slotRe.FindStringIndex(text)
		if m == nil && bot {
			m = bareTimeRe.FindStringIndex(text) // (a bot's line: "10:30 Room: Title")
		}
		if m != nil && m[1] < len(text) {
			text = text[m[1]:]
			r := roomCodeRe.FindStringIndex(text)
			if r == nil && bot {
				r = roomWordRe.FindStringIndex(text) // "14:00 Janson: Keynote: Title"
			}
			if r != nil && !labelFirst(text) {
				text = text[r[1]:]
			}
		}
	}
	if len(text) > 5 && text[0] == '[' {
		if m := kindTagRe.FindStringIndex(text); m != nil {
			text = text[m[1]:] // "[lightning] Title": the session's kind
		}
	}
	return text
}

var (
	// botCmdRe matches a chat bot's command and arrow before its answer.
	botCmdRe   = lazyRe(`^![a-z]+\s*(?:->|=>|→|:)\s*`)
	bareTimeRe = lazyRe(`^\d{1,2}[:.h]\d{2}\s+`)
	roomWordRe = lazyRe(`^\p{Lu}[\p{L}\d.]{1,15}:\s+`)
	kindTagRe  = lazyRe(`(?i)^\[(?:lightning|lightning talk|keynote|panel|workshop|talk|demo)\]\s+`)
	// roomCodeRe matches a room's code and a colon before a title, after a
	// time slot: "UD2.218A: ", "H.1302: ".
	roomCodeRe = lazyRe(`^\p{Lu}[\p{L}]{0,3}\d?[.\d]*\d[\p{L}\d]*:\s+`)
)

// asideRe matches words in brackets that start in lower case and are more
// than one word: an aside, never a company ("(busy week for her)").
var asideRe = lazyRe(`\s*\(\p{Ll}[^()]*\s[^()]*\)`).needing("(")

// sessionLabel reports whether s names a kind of session and nothing
// else: "Lightning talks ⚡", "Keynote".
func sessionLabel(s string) bool {
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "lightning", "talk", "talks", "keynote", "keynotes", "session", "sessions", "workshop", "workshops", "ignite", "ignites", "demo", "demos":
			n++
		default:
			return false
		}
	}
	return n > 0
}

// allGivenNames reports whether every speaker's name starts with a known
// given name.
func allGivenNames(sp []speaker) bool {
	for _, p := range sp {
		if !isFirstName(strings.Fields(p.name)[0]) {
			return false
		}
	}
	return true
}

func allIndex(s, sep string) []int {
	var out []int
	for i := 0; ; {
		j := strings.Index(s[i:], sep)
		if j < 0 {
			return out
		}
		out = append(out, i+j)
		i += j + len(sep)
	}
}

// allSpeakers parses a speaker list and succeeds only if every part of it
// is a speaker, an organisation in parentheses or a role.
func (x *extractor) allSpeakers(s string) ([]speaker, bool) {
	s = strings.TrimSpace(strings.TrimRight(timeRe.ReplaceAllString(s, ""), " .;:"))
	if s == "" || utf8.RuneCountInString(s) > 250 {
		return nil, false
	}

	if strings.Contains(s, ", ") {
		s = unreversed(s) // "Nakamura, Yuki* (RIKEN); Bauer, T. (KIT)"
	}
	aside := false
	if strings.IndexByte(s, '(') >= 0 {
		t := asideRe.ReplaceAllString(s, "") // "A and B (busy week for her)": an aside, no company
		aside, s = len(t) < len(s), t
	}
	if strings.Contains(s, "oderat") || strings.Contains(s, " by ") || strings.Contains(s, ": ") {
		// "A, Org; B; moderated by C", "A and B, moderator: C": the
		// moderator is one more speaker of the panel
		s = strings.TrimLeft(moderatorRe.ReplaceAllString(s, "; "), "; ")
	}
	sp, rejected := x.speakerList(s)
	if len(sp) == 0 || rejected > 0 || aside && !allGivenNames(sp) {
		return nil, false // ('Lofi Kettle (licensed via Epidemic Sound)': a band)
	}
	// Reject when words remain that are neither names nor organisations:
	// "Cilium Mesh – How to Connect Kubernetes ..." is a subtitle.
	rest := s
	for _, p := range sp {
		rest = strings.Replace(rest, p.name, "", 1)
		if p.org != "" {
			rest = cutOrg(rest, p.org)
		}
	}
	if strings.IndexByte(rest, '@') >= 0 {
		rest = handleRe.ReplaceAllString(rest, " ") // "Anjali Rao (@anjalirao)"
	}
	if strings.IndexByte(rest, '(') >= 0 {
		rest = parenRe.ReplaceAllString(rest, " ") // "(CSC – IT Center for Science)": a company too long to be read as one
	}
	rest = restWordsRe.ReplaceAllString(rest, " ")
	for _, w := range strings.Fields(rest) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !isRole(w) && !panelRoleRe.MatchString(strings.Trim(w, "().,")) {
			return nil, false // (but "(moderator)")
		}
	}
	return sp, true
}

// handleRe matches a social handle: "@anjalirao", "@dana@fosstodon.org".
var handleRe = lazyRe(`@[\w.-]+(?:@[\w.-]+)?`).needing("@")

// splitCell splits a table cell's list at slashes, semicolons and commas.
func splitCell(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == ';' || r == ',' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cutOrg removes org from rest, with the parentheses around it and the
// role beside it there: "(SRE team, Bank of Ireland)".
func cutOrg(rest, org string) string {
	k := strings.Index(rest, org)
	if k < 0 {
		return rest
	}
	open := strings.LastIndexByte(rest[:k], '(')
	end := strings.IndexByte(rest[k:], ')')
	if open >= 0 && end >= 0 && !strings.ContainsRune(rest[open:k], ')') {
		return rest[:open] + rest[k+end+1:]
	}
	return rest[:k] + rest[k+len(org):]
}

// speakerLines reads the speakers from the lines right after a title:
// "Speaker(s): A", "Presented by A and B.", "*Speaker: A, Company*".
func (x *extractor) speakerLines(i int) []speaker {
	var out []speaker
	var starts []int // where each speaker line's speakers start in out
	companies := 0   // the company lines read
	fields := 0      // the other fields read before the speakers
	for j := i + 1; j < len(x.doc.Blocks) && (j <= i+3+fields || len(out) > 0 && j <= i+8); j++ {
		b := &x.doc.Blocks[j]
		if x.consumed[j] {
			break
		}
		text := strings.TrimSpace(b.Text)
		if len(b.starts) > 1 && b.Kind == Quote {
			text = cardSpeakerLines(b)
		}
		var m []string
		if labelFirst(text) {
			m = speakerLineRe.FindStringSubmatch(text)
			if m == nil && bareSpeakerLabelRe.MatchString(text) {
				// "Speakers:" over a line for each: "Aiko Fujimura, SRE
				// Lead, Kanto Trust Bank"; "Panelists:" after "Moderated
				// by Katrin Oberhuber."
				if len(out) == 0 {
					return x.namesUnder(j)
				}
				return append(out, x.namesUnder(j)...)
			}
		}
		if m == nil && len(out) == 0 && fields < 5 && j == i+1+fields && x.fieldOf(i, j) {
			fields++
			continue // "Session code: KCJ25-104", "Location: Room Orion" before the speakers
		}
		if m == nil && len(out) > 0 {
			// "Speakers: A & B" over "Company: Org A & Org B"; "Speaker: A",
			// "Speaker: B" over "Company: Org A", "Company: Org B"
			if c := companyFieldRe.FindStringSubmatch(firstLine(b)); c != nil {
				if strings.Contains(c[1], "(") && orgsByName(out, c[1]) {
					continue // "Company: Zalando (Chidinma), Lindwurm Bank (Lukas)" under two lines of speakers
				}
				group := out
				if len(starts) > 1 && companies < len(starts) {
					end := len(out)
					if companies+1 < len(starts) {
						end = starts[companies+1]
					}
					group = out[starts[companies]:end]
				}
				companies++
				if giveOrgs(group, c[1]) {
					continue
				}
			}
		}
		if m == nil {
			if b.Kind == Heading || len(out) > 0 {
				break
			}
			if b.Kind == Para && !b.Emph && (j > i+1 || isHeadingLike(b)) {
				break
			}
			continue
		}
		list := m[1]
		if modLabelRe.MatchString(text) || strings.HasPrefix(strings.ToLower(text), "moderated by ") {
			list = strings.Replace(list, ", with ", "; ", 1) // "Moderated by A (Org), with B (Org) and C"
		}
		if strings.HasSuffix(list, ")") {
			list = parenTailRe.ReplaceAllString(list, "") // "... (main track keynote, Janson, 10:00)"
		}
		if shouting(list) {
			list = nameCase(list) // "BY HELGA MAGNÚSDÓTTIR / FREEHOLD SOFTWARE COOPERATIVE"
		}
		if strings.Contains(list, ". ") {
			list = firstSentences(list, 1) // "Adaeze N. Okafor, Chainguard, Inc." is one
		}
		sp, ok := x.allSpeakers(list)
		if !ok {
			sp = x.splitSpeakers(list)
			if strings.HasPrefix(strings.ToLower(text), "by ") || strings.HasPrefix(strings.ToLower(text), "with ") {
				continue // "By no means ..." is prose
			}
		}
		for k := range sp {
			sp[k].line = b.Line
			sp[k].text = text
		}
		starts = append(starts, len(out))
		out = append(out, sp...)
		if modLabelRe.MatchString(text) {
			// "mod: Chiara De Luca, Sovereign Tech Fund" over "- Hyun-woo
			// Park (Samsung) - containerd maintainer": the panel under
			// its moderator
			out = append(out, x.panelistsUnder(j)...)
		}
	}
	return out
}

// cardSpeakerLines returns the speaker lines that open a quote of fields,
// one a line: "> **Moderator:** A — Role at Org" and "> **Panelists:** B;
// C" over "> **Level:** Beginner" is "Moderator: A — Role at Org;
// Panelists: B; C".
func cardSpeakerLines(b *Block) string {
	var sb strings.Builder
	for k, st := range b.starts {
		end := len(b.Text)
		if k+1 < len(b.starts) {
			end = b.starts[k+1].off
		}
		line := strings.TrimSpace(b.Text[st.off:end])
		switch {
		case k == 0:
		case isSpeakerLine(stripEmphasis(line)):
			sb.WriteString("; ")
		case fieldLineRe.MatchString(stripEmphasis(line)):
			return sb.String() // "Level: Beginner | Track: Keynote"
		default:
			sb.WriteByte(' ')
		}
		sb.WriteString(line)
	}
	return sb.String()
}

// modLabelRe matches a moderator's label.
var modLabelRe = lazyRe(`(?i)^(?:mod|moderator|moderated by)\s*[:：]`)

// panelistsUnder reads the items right after block j that each open with a
// panelist: "Hyun-woo Park (Samsung) - containerd maintainer".
func (x *extractor) panelistsUnder(j int) []speaker {
	var out []speaker
	for k := j + 1; k < len(x.doc.Blocks) && k <= j+8; k++ {
		b := &x.doc.Blocks[k]
		if b.Kind != Item || len(b.starts) > 1 || x.consumed[k] {
			break
		}
		who, _, _ := strings.Cut(b.Text, " - ")
		who, _, _ = strings.Cut(who, " – ")
		sp, ok := x.allSpeakers(strings.TrimSpace(who))
		if !ok || len(sp) != 1 || !strings.Contains(sp[0].name, " ") {
			break
		}
		sp[0].line, sp[0].text = b.Line, b.Text
		out = append(out, sp[0])
	}
	return out
}

// companyFieldRe matches a line that gives the employers of the speakers
// named in the line above.
var companyFieldRe = lazyRe(`(?i)^(?:compan(?:y|ies)|orgs?|organi[sz]ations?|employers?|affiliations?|firm|firma|empresa|entreprise|bedrijf)\s*[:：]\s*(.+)$`)

// fieldOf reports whether block j is a field of the entry whose title is
// block i: in an outline, a field is a bullet under the title's.
func (x *extractor) fieldOf(i, j int) bool {
	t, b := &x.doc.Blocks[i], &x.doc.Blocks[j]
	return x.isField(j) && !(t.Kind == Item && b.Kind == Item && b.Level <= t.Level)
}

// entryFieldRe matches the label of a field a programme entry or a note
// about a talk has besides its title and speakers (not "Score:" or "Kind:",
// which are projects that open titles: "Score: Lessons Learned from 100
// Clusters").
var entryFieldRe = prefixFiltered(`(?i)^(?:type|format|level|track|room|hall|stage|location|day|slot|session\s+(?:code|id|type)|code|duration|length|language|lang|audience|difficulty|tags?|topics?|rating|stars|slides|video|recording|category|compan(?:y|ies)|orgs?|organi[sz]ations?|employers?|affiliations?)\s*:\s`,
	"type", "format", "level", "track", "room", "hall", "stage", "location", "day", "slot", "session", "code", "duration", "length",
	"lang", "audience", "difficulty", "tag", "topic", "rating", "stars", "slides", "video", "recording", "category", "compan", "org", "employer", "affiliation")

// isField reports whether block i is a short one-line field of an entry
// ("Location: Room Orion", "Session code: KCJ25-104"), not its speakers'
// or a labelled title.
func (x *extractor) isField(i int) bool {
	if i < 0 || i >= len(x.doc.Blocks) {
		return false
	}
	b := &x.doc.Blocks[i]
	if b.Kind != Para && b.Kind != Item || len(b.starts) != 1 || len(b.Text) > 100 {
		return false
	}
	// a label of at most three words, a colon and a space: "Session code: "
	k := strings.IndexByte(b.Text[:min(len(b.Text), 27)], ':')
	if k < 2 || k+1 >= len(b.Text) || b.Text[k+1] != ' ' && b.Text[k+1] != '\t' || strings.Count(b.Text[:k], " ") >= 2 {
		return false
	}
	return fieldLineRe.MatchString(b.Text) && !isSpeakerLine(b.Text) && matchLabel(b.Text) == nil
}

// bareSpeakerLabelRe matches a speaker label alone on its line.
var bareSpeakerLabelRe = lazyRe(`(?i)^(?:speakers?|spkrs?|speaker\(s\)|presenters?|panell?ists?|moderators?|sprecher(?:innen)?|referent(?:en|innen)?|ponentes?|intervenants?)\s*[:：]$`)

// namesUnder reads the speakers listed one to a line under the label in
// block j.
func (x *extractor) namesUnder(j int) []speaker {
	var out []speaker
	for k := j + 1; k < len(x.doc.Blocks) && k <= j+8; k++ {
		b := &x.doc.Blocks[k]
		if b.Kind != Para && b.Kind != Item || len(b.starts) > 1 || x.consumed[k] {
			break
		}
		sp, ok := x.allSpeakers(b.Text)
		if !ok {
			break
		}
		for n := range sp {
			sp[n].line, sp[n].text = b.Line, b.Text
		}
		out = append(out, sp...)
	}
	return out
}

// orgForRe matches an organisation with whom it is for in brackets:
// "Chainguard (Aoife)".
var orgForRe = lazyRe(`([^,;()]+?)\s*\(([^()]+)\)`)

// orgsByName gives the speakers the organisations list names them with,
// by their full or given name: "Chainguard (Aoife), Hanse Versicherung
// (Tobias)", "Zalando (Chidinma), Lindwurm Bank (Lukas), Ana-Maria didn't
// say". It reports whether every organisation went to a speaker.
func orgsByName(sp []speaker, list string) bool {
	ms := orgForRe.FindAllStringSubmatch(list, -1)
	if len(ms) < 2 || len(ms) > len(sp) {
		return false
	}
	orgs := make([]string, len(sp))
	for _, m := range ms {
		who := graph.Fold(strings.TrimSpace(m[2]))
		k := slices.IndexFunc(sp, func(s speaker) bool {
			f := graph.Fold(s.name)
			return f == who || strings.HasPrefix(f, who+" ")
		})
		if k < 0 || orgs[k] != "" {
			return false
		}
		orgs[k] = strings.TrimSpace(strings.TrimLeft(m[1], " &"))
	}
	for k := range sp {
		if sp[k].org == "" {
			sp[k].org = cleanOrg(orgs[k])
		}
	}
	return true
}

// isLegalSuffix reports whether s is a company's legal form ("Inc.",
// "GmbH"), which a comma may separate from its name.
func isLegalSuffix(s string) bool {
	switch strings.ToLower(strings.TrimRight(strings.TrimSpace(s), ".")) {
	case "inc", "ltd", "llc", "gmbh", "ag", "sa", "s.a", "co", "corp", "plc", "bv", "b.v", "ab", "oy", "as", "srl", "spa", "s.p.a", "kg", "pty ltd", "co., ltd":
		return true
	}
	return false
}

// orgListRe splits a list of organisations: "Novo Nordisk & Trifork",
// "Red Hat / Volvo Cars".
var orgListRe = lazyRe(`\s+(?:&|and|und|et|en|y|e)\s+|\s*[/;]\s*`)

// firstLine is the text of b's first line.
func firstLine(b *Block) string {
	if len(b.starts) > 1 {
		return strings.TrimSpace(b.Text[:b.starts[1].off])
	}
	return strings.TrimSpace(b.Text)
}

// giveOrgs sets the employers of speakers without one from a list: one
// for all, or one each in order ("Novo Nordisk & Trifork"). It reports
// whether the list fit.
func giveOrgs(sp []speaker, list string) bool {
	orgs := orgListRe.Split(strings.TrimRight(list, "."), -1)
	if len(orgs) != len(sp) {
		// "Org A, Org B", not "Chainguard, Inc."
		if c := splitCell(list); len(c) == len(sp) && !slices.ContainsFunc(c, isLegalSuffix) {
			orgs = c
		} else if len(orgs) != 1 {
			return false
		}
	}
	for k := range sp {
		if sp[k].org == "" {
			sp[k].org = cleanOrg(orgs[min(k, len(orgs)-1)])
		}
	}
	return true
}

// quoteSpeakers reads the speakers from the attribution of a quote in a
// heading's section: '"... basically free money." — Marta Szymańska, Staff
// Engineer at Grafana Labs'.
func (x *extractor) quoteSpeakers(i int) []speaker {
	for j := i + 1; j < len(x.doc.Blocks) && j <= i+3; j++ {
		b := &x.doc.Blocks[j]
		if b.Kind == Heading {
			return nil
		}
		if b.Kind != Quote {
			continue
		}
		k, dash := strings.LastIndex(b.Text, "— "), len("— ")
		if k2 := strings.LastIndex(b.Text, "– "); k2 > k {
			k, dash = k2, len("– ")
		}
		if k < 0 {
			return nil
		}
		// "Daniel Okafor and Yuki Tanabe, SREs at Zalando"
		sp, ok := x.allSpeakers(strings.TrimSpace(b.Text[k+dash:]))
		if !ok {
			return nil
		}
		for n := range sp {
			sp[n].line, sp[n].text = b.LineAt(k), b.Text
		}
		return sp
	}
	return nil
}

// emphSpeakers reads an emphasised line right under a title that is all
// speakers, as blogs set them: "*Oskar Lindqvist and Mei Tanaka, both at
// Buoyant*", "*Chinedu Eze, Principal Engineer @ Diagrid*".
func (x *extractor) emphSpeakers(i int) []speaker {
	if i+1 >= len(x.doc.Blocks) {
		return nil
	}
	b := &x.doc.Blocks[i+1]
	if !b.Emph || b.Kind != Para || len(b.starts) != 1 || x.consumed[i+1] {
		return nil
	}
	list, org := strings.TrimRight(strings.TrimSpace(b.Text), "."), ""
	if m := bothAtRe.FindStringSubmatch(list); m != nil {
		list, org = m[1], cleanOrg(m[2])
	}
	sp, ok := x.allSpeakers(list)
	if !ok {
		return nil
	}
	for k := range sp {
		if sp[k].org == "" {
			sp[k].org = org
		}
		sp[k].line, sp[k].text = b.Line, b.Text
	}
	return sp
}

// isField reports whether b is one line of a field: "Rating: ⭐⭐⭐☆☆",
// "**Level:** intermediate".
func isField(b *Block) bool {
	if b.Kind != Para || len(b.starts) != 1 {
		return false
	}
	t := stripEmphasis(b.Text)
	if !fieldLineRe.MatchString(t) || labelFirst(t) {
		return false // "Talk: Title", "Session: Title" name the talk itself
	}
	label := strings.ToLower(t[:strings.IndexByte(t, ':')])
	return label != "title" && label != "topic" && !strings.Contains(label, "speaker")
}

// allKnownNames reports whether every speaker's name starts with a known
// given name.
func (x *extractor) allKnownNames(sp []speaker) bool {
	for _, s := range sp {
		if _, ok := x.personName(s.name, weak); !ok {
			return false
		}
	}
	return true
}

var bothAtRe = lazyRe(`^(.+?),?\s+both\s+(?:at|from|of|with)\s+(.+)$`)

// narrativeSpeakers finds a speaker named in the prose right after a title:
// "Thomas Graf, CTO of Isovalent, offered ...", "the session of Filip
// Nicolic", "This one was from Bill Mulligan".
func (x *extractor) narrativeSpeakers(i int) []speaker {
	for j := i + 1; j < len(x.doc.Blocks) && j <= i+2; j++ {
		b := &x.doc.Blocks[j]
		underField := j == i+2 && isField(&x.doc.Blocks[i+1])
		if b.Kind == Heading || isHeadingLike(b) && j > i+1 && !underField {
			return nil
		}
		if b.Kind != Para {
			continue
		}
		if len(b.starts) == 1 && !strings.HasSuffix(b.Text, ".") {
			// a programme line of its own ("Marta Kowalczyk (SUSE) – Title")
			if title, sp, ok := x.titleSpeakers(b.Text); ok && len(sp) > 0 && !x.nameOverOrg(title, sp) {
				return nil
			}
			// a line of names alone: "Hana Kobayashi and Tom Ashford (Red Hat)"
			if sp, ok := x.allSpeakers(b.Text); ok && len(sp) > 1 && x.allKnownNames(sp) {
				for k := range sp {
					sp[k].line, sp[k].text = b.Line, b.Text
				}
				shareLastOrg(sp)
				return sp
			}
		}
		if out := x.paraSpeakers(b, x.doc.Blocks[i].Kind == Heading); len(out) > 0 {
			return out
		}
	}
	return nil
}

// paraSpeakers finds the speakers a paragraph introduces in its first two
// sentences: "Noor Haddad from Red Hat opened the track", "a lightning
// slot by Sofie Andersen of SUSE". underHeading allows the readings of
// recaps in Chinese, Japanese and Turkish, which only a title above makes
// safe.
func (x *extractor) paraSpeakers(b *Block, underHeading bool) []speaker {
	head := firstSentences(b.Text, 2)
	var out []speaker
	people := x.peopleIn(head)
	for k, sp := range people {
		before := head[:sp.start]
		after := head[sp.end:]
		lead := strings.TrimSpace(leadRe.ReplaceAllString(before, ""))
		atStart := lead == "" || strings.HasSuffix(lead, ".") || strings.HasSuffix(lead, "!") || duoRe.MatchString(lead)
		withOrg := strings.HasPrefix(strings.TrimLeft(after, " "), "(") && len(out) == 0 && sp.start < 120 &&
			!handleParenRe.MatchString(after) // "exported by Priya Raman (priya.raman)": a login, no company
		if (atStart && (spokeAfter(after) || x.pairSpoke(head, people[k:]))) ||
			talkCueRe.MatchString(before) || intlCue(before) || withOrg ||
			(len(out) > 0 && listGlueRe.MatchString(head[out[len(out)-1].end:sp.start])) {
			out = append(out, speaker{name: sp.name, line: b.LineAt(sp.start), text: sentenceAt(b.Text, sp.start), org: x.orgAfter(after)})
			out[len(out)-1].end = sp.end
		}
	}
	if len(out) == 0 {
		out = x.cuedSpeaker(b, head)
	}
	if len(out) == 0 && underHeading && hasCJK(b.Text) {
		out = x.cjkSpeakers(b)
	}
	if len(out) == 0 && underHeading && (strings.Contains(head, "'") || strings.Contains(head, "’")) {
		out = x.trSpeakers(b, head)
	}
	if len(out) > 0 {
		shareLastOrg(out) // "..., ambos do Itaú Unibanco"
	}
	return out
}

// namesFirst reports whether s opens with a person's name and a comma.
func (x *extractor) namesFirst(s string) bool {
	if len(s) > 80 {
		if k := strings.LastIndexByte(s[:80], ' '); k > 0 {
			s = s[:k]
		}
	}
	p := x.peopleIn(s)
	return len(p) > 0 && p[0].start == 0 && strings.HasPrefix(s[p[0].end:], ",")
}

// speakerIsRe: an entry of a live blog or chat log that names the
// speakers of the talk the entry before it announced: "speaker is Hannah
// Whitcombe, she runs ...", "Speakers: ...".
var speakerIsRe = lazyRe(`(?i)^(?:the\s+)?(?:speakers?|presenters?)\s*(?:is|are|:|was|were)\s+`)

// nextEntrySpeakers reads the speakers from the entry after entry i of a
// live blog or chat log, when it says who they are.
func (x *extractor) nextEntrySpeakers(i int) []speaker {
	if i+1 >= len(x.doc.Blocks) || !x.doc.Blocks[i].stamp || !x.doc.Blocks[i+1].stamp {
		return nil
	}
	nb := &x.doc.Blocks[i+1]
	text := nb.Text
	if m := stampRe.FindString(text); m != "" {
		text = text[len(m):]
	}
	m := speakerIsRe.FindStringIndex(text)
	if m == nil {
		return nil
	}
	off := len(nb.Text) - len(text) + m[1]
	rest := nb.Text[off:]
	var out []speaker
	for _, p := range x.peopleIn(firstSentence(rest)) {
		if p.start != 0 && (len(out) == 0 || !listGlueRe.MatchString(rest[out[len(out)-1].end-off:p.start])) {
			break
		}
		out = append(out, speaker{name: p.name, line: nb.LineAt(off + p.start), text: nb.Text, org: x.orgAfter(rest[p.end:]), end: off + p.end})
	}
	shareLastOrg(out)
	return out
}

// handleParenRe matches a login in brackets after a name: "(priya.raman)".
var handleParenRe = lazyRe(`^\s*\(@?[a-z0-9]+[._-][a-z0-9._-]*\)`)

// spokeAfter reports whether the words after a name say its bearer
// spoke: "... (Isovalent) walked through", "... van Adyen gaf".
func spokeAfter(after string) bool {
	a := strings.TrimLeft(after, " ")
	return verbCueRe.MatchString(a) || intlVerb(a)
}

// pairSpoke reports whether the first of people opens a list of names
// whose last one has the verb: "Derek Olson from Dell Technologies and
// Priya Natarajan from Indeed told ...".
func (x *extractor) pairSpoke(head string, people []span) bool {
	for k := 1; k < len(people) && k < 4; k++ {
		if people[k].start-people[k-1].end > 50 || !listGlueRe.MatchString(head[people[k-1].end:people[k].start]) {
			return false
		}
		if spokeAfter(head[people[k].end:]) {
			return true
		}
	}
	return false
}

// jaSpeakerRe: a name in Latin letters with the honorific a Japanese
// recap gives a speaker, after the company it is "of" ("Preferred
// Networks の Takeshi Hoshino さん").
var jaSpeakerRe = lazyRe(`(?:(\p{Lu}[\p{L}\p{N}.&'-]*(?:[ \t]+[\p{Lu}\d][\p{L}\p{N}.&'-]*){0,3})\s*の\s*)?(\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,3})\s*(?:さん|氏)`)

// trSpeakerRe: the speakers as a Turkish recap names them, an org with
// the ablative suffix, then one or two names with the genitive one:
// "Hepsiburada'dan Zeynep Kaya'nın konuşması", "Turkcell'den Can Öztürk
// ve Selin Demir'in ortak sunumu".
var trSpeakerRe = lazyRe(`(\p{Lu}[\p{L}\p{N}.&-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}.&-]*){0,3})['’](?:dan|den|tan|ten)\s+(\p{Lu}[\p{L}-]+(?:[ \t]+\p{Lu}[\p{L}-]+){1,2})(?:['’](?:n?[ıiuü]n))?(?:\s+ve\s+(\p{Lu}[\p{L}-]+(?:[ \t]+\p{Lu}[\p{L}-]+){1,2})(?:['’](?:n?[ıiuü]n))?)?\s+(?:\S+\s+){0,3}?(?:konuşma|sunum|oturum|ignite|keynote)`)

// trSpeakers reads the speakers trSpeakerRe finds in head, the opening
// sentences of block b.
func (x *extractor) trSpeakers(b *Block, head string) []speaker {
	m := trSpeakerRe.FindStringSubmatchIndex(head)
	if m == nil {
		return nil
	}
	org := cleanOrg(head[m[2]:m[3]])
	var out []speaker
	for _, g := range [][2]int{{m[4], m[5]}, {m[6], m[7]}} {
		if g[0] < 0 {
			continue
		}
		if name, ok := x.personName(head[g[0]:g[1]], strong); ok {
			out = append(out, speaker{name: name, org: org, line: b.LineAt(g[0]), text: sentenceAt(b.Text, g[0]), end: g[1]})
		}
	}
	return out
}

// koSpeakerRe: a name in Latin letters with the honorific a Korean recap
// gives a speaker, after an optional company and 의 ("of") or before the
// company in brackets: "Coupang의 Seungho Lee님", "Minji Kang님(Toss)".
var koSpeakerRe = lazyRe(`(?:(\p{Lu}[\p{L}\p{N}.&'-]*(?:[ \t]+[\p{Lu}\d][\p{L}\p{N}.&'-]*){0,3})\s*의\s*)?(\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,3})\s*님(?:\s*\(([^()]{2,40})\))?`).needing("님")

// zhSpeakerRe: a name in Latin letters as a Chinese recap introduces a
// speaker: "来自 Alibaba Cloud 的 Chen Haoran", "Wei Jiaqi（Huawei Cloud）".
var zhSpeakerRe = lazyRe(`来自\s*([^的，。]{2,40}?)\s*的\s*(\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,3})|(\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,3})\s*（([^）]{2,40})）`)

// hasCJK reports whether s holds Chinese, Japanese or Korean script.
func hasCJK(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE3 && s[i] <= 0xED { // the lead bytes of U+3000-U+9FFF and U+AC00-U+D7A3
			r, _ := utf8.DecodeRuneInString(s[i:])
			if r >= 0x3040 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7A3 {
				return true
			}
		}
	}
	return false
}

// cjkSpeakers reads the speakers a Japanese or Chinese recap names in the
// first sentence under a talk's heading: "NVIDIA の Marcus Lindqvist さんと
// Intel の Yuki Arai さんの共同セッション", "来自 Alibaba Cloud 的 Chen
// Haoran 分享了", "Wei Jiaqi（Huawei Cloud）和 Liang Shuyi（小红书）".
func (x *extractor) cjkSpeakers(b *Block) []speaker {
	first := b.Text // the first two sentences: "第一场就是我最期待的。来自 ..."
	if k := strings.Index(first, "。"); k >= 0 {
		if k2 := strings.Index(first[k+len("。"):], "。"); k2 >= 0 {
			first = first[:k+len("。")+k2]
		}
	}
	var out []speaker
	add := func(nameAt, nameEnd, orgAt, orgEnd int, mode nameContext) {
		name, ok := x.personName(first[nameAt:nameEnd], mode)
		if !ok || !strings.Contains(name, " ") || slices.ContainsFunc(out, func(s speaker) bool { return s.name == name }) {
			return
		}
		from, to := 0, len(first) // the sentence the name is in
		if k := strings.LastIndex(first[:nameAt], "。"); k >= 0 {
			from = k + len("。")
		}
		if k := strings.Index(first[nameEnd:], "。"); k >= 0 {
			to = nameEnd + k
		}
		s := speaker{name: name, line: b.LineAt(nameAt), text: first[from:to], end: nameEnd}
		if orgAt >= 0 {
			org, _, _ := strings.Cut(first[orgAt:orgEnd], "，") // "Yunshan Networks，联合创始人"
			s.org = cleanOrg(org)
		}
		out = append(out, s)
	}
	for _, m := range jaSpeakerRe.FindAllStringSubmatchIndex(first, -1) {
		add(m[4], m[5], m[2], m[3], weak)
	}
	for _, m := range koSpeakerRe.FindAllStringSubmatchIndex(first, -1) {
		// the honorific marks a person: any name-shaped words
		if m[2] >= 0 {
			add(m[4], m[5], m[2], m[3], strong)
		} else {
			add(m[4], m[5], m[6], m[7], strong)
		}
	}
	for _, m := range zhSpeakerRe.FindAllStringSubmatchIndex(first, -1) {
		if m[4] >= 0 {
			add(m[4], m[5], m[2], m[3], strong) // "来自 Org 的 Name": the words say who
		} else {
			add(m[6], m[7], m[8], m[9], strong)
		}
	}
	return out
}

// cuedSpeakerRe: a sentence that opens with a name followed by a role at
// an organisation, or "from Org", and a speaking verb: the structure marks
// the name even when the given name is unknown ("Xenia Weber, engineer at
// Solo.io, gave this talk").
var cuedSpeakerRe = lazyRe(`^((?:\p{Lu}[\p{L}'’-]+\s+){1,3}\p{Lu}[\p{L}'’-]+)(,\s*[^,]{2,80}?\s+(?:at|of|@|from)\s+[^,]{2,50},|\s+(?:from|of)\s+\p{Lu}[^\s,]*(?:\s+\p{Lu}[^\s,]*)?)\s+(?:gave|presented|talked|spoke|explained|showed|opened|closed|walked|shared|introduced|discussed|delivered|led|ran|covered|described|demonstrated|kicked)\b`)

func (x *extractor) cuedSpeaker(b *Block, head string) []speaker {
	m := cuedSpeakerRe.FindStringSubmatchIndex(head)
	if m == nil {
		return nil
	}
	name, ok := x.personName(head[m[2]:m[3]], strong)
	if !ok || len(strings.Fields(name)) < 2 {
		return nil
	}
	return []speaker{{name: name, line: b.LineAt(m[2]), text: sentenceAt(b.Text, m[2]),
		org: x.orgAfter(head[m[3]:]), end: m[3]}}
}

// intlVerbRe: a name's verb of speaking in the languages other than
// English recaps are written in (Dutch, German, Spanish, French, past
// tense), after an optional "van/von/de Org" or ", who ...,".
var intlVerbRe = lazyRe(`(?i)^(?:(?:van|von|de|del|di|bei|chez|de chez|da|do|fra|från)\s+\p{Lu}[\p{L}\p{N}.&!-]*(?:\s+\p{Lu}[\p{L}\p{N}.&!-]*)?\s+|,(?:[^,.]|\.\S){2,90},\s*)?(?:gaf|liet|vertelde|begon|presenteerde|sprak|opende|toonde|legde|nam|deelde|zeigte|erklärte|sprach|stellte|präsentierte|berichtete|gab|eröffnete|führte|hielt|presentó|habló|mostró|explicó|abrió|cerró|compartió|contó|dio|apresentou|falou|mostrou|deu|contou|explicou|abriu|fechou|compartilhou|trouxe|a\s+présenté|a\s+montré|a\s+expliqué|a\s+parlé|a\s+partagé|a\s+ouvert|présente|montre|explique|ha\s+(?:presentato|mostrato|spiegato|raccontato|parlato|aperto|chiuso|condiviso|illustrato|portato)|racconta|spiega|fortalte|viste|snakket|tok|presenterte|gikk|berättade|visade|pratade|presenterade|gick|tog|jobber|arbeider|jobbar|arbetar|er|är)(?:\s|[,.:;]|$)`)

// intlCueWords and intlVerbWords are the words intlCueRe ends with and
// intlVerbRe starts with: most names in English recaps have none there,
// and are not run through the expressions.
var (
	intlCueWords = map[string]bool{"van": true, "von": true, "de": true, "del": true, "di": true, "par": true,
		"por": true, "door": true, "spreker": true, "sprekers": true, "sprekers:": true, "spreker:": true,
		"sprecher": true, "sprecherin": true, "sprecher:": true, "sprecherinnen:": true, "ponente": true,
		"ponentes": true, "ponentes:": true, "ponente:": true, "prowadzący": true, "prowadząca": true, "prowadzący:": true,
		"prowadząca:": true, "prelegent": true, "prelegentka": true, "prelegenci": true, "prelegent:": true, "prelegenci:": true, "av": true, "med": true, "kom": true,
		"foredragsholdere": true, "foredragsholder": true, "foredragsholderne": true, "foredragsholderen": true, "intervenant": true, "conférencier": true, "conférencière": true,
		"da": true, "do": true, "dos": true, "das": true, "oleh": true, "pembicara": true, "pembicaranya": true, "konuşmacı": true, "konuşmacılar": true, "af": true, "ved": true}
	intlVerbWords = map[string]bool{"van": true, "von": true, "de": true, "del": true, "bei": true, "chez": true,
		"gaf": true, "liet": true, "vertelde": true, "begon": true, "presenteerde": true, "sprak": true, "opende": true,
		"toonde": true, "legde": true, "nam": true, "deelde": true, "zeigte": true, "erklärte": true, "sprach": true,
		"stellte": true, "präsentierte": true, "berichtete": true, "gab": true, "eröffnete": true, "führte": true,
		"hielt": true, "presentó": true, "habló": true, "mostró": true, "explicó": true, "abrió": true, "cerró": true,
		"compartió": true, "contó": true, "dio": true, "a": true, "présente": true, "montre": true, "explique": true,
		"da": true, "do": true, "apresentou": true, "falou": true, "mostrou": true, "deu": true, "contou": true,
		"explicou": true, "abriu": true, "fechou": true, "compartilhou": true, "trouxe": true,
		"di": true, "ha": true, "racconta": true, "spiega": true, "fra": true, "från": true, "fortalte": true, "viste": true,
		"snakket": true, "tok": true, "presenterte": true, "gikk": true, "berättade": true, "visade": true, "pratade": true,
		"presenterade": true, "gick": true, "tog": true, "jobber": true, "arbeider": true, "jobbar": true, "arbetar": true,
		"er": true, "är": true}
)

// addressWords are forms of address before a name (Indonesian).
var addressWords = map[string]bool{"Mas": true, "Mbak": true, "Kak": true, "Pak": true, "Bu": true, "Bapak": true, "Ibu": true}

// intlCue is intlCueRe.MatchString(before) for text whose last word may
// end a cue.
func intlCue(before string) bool {
	t := strings.TrimRight(before, " \t\n")
	if k := strings.LastIndexByte(t, ' '); k >= 0 && addressWords[t[k+1:]] {
		// "dibawakan oleh Mas Andi Setiawan": the form of address is
		// no part of the cue
		before = t[:k+1]
		t = t[:k]
	}
	return inWordSet(intlCueWords, strings.TrimRight(t[strings.LastIndexAny(t, " \t\n")+1:], ",:")) && intlCueRe.MatchString(before)
}

// intlVerb is intlVerbRe.MatchString(after) for text whose first word may
// start one.
func intlVerb(after string) bool {
	if strings.HasPrefix(after, ",") {
		return intlVerbRe.MatchString(after)
	}
	w, _, _ := strings.Cut(after, " ")
	return inWordSet(intlVerbWords, strings.TrimRight(w, ",.:;")) && intlVerbRe.MatchString(after)
}

// inWordSet reports whether w in lower case is in set, lowering a short
// ASCII word in a buffer.
func inWordSet(set map[string]bool, w string) bool {
	if len(w) == 0 || len(w) > 24 {
		return false
	}
	var buf [24]byte
	l, ok := lowerASCII(buf[:], w)
	if !ok {
		l = []byte(strings.ToLower(w))
	}
	return set[string(l)]
}

// duoRe: words that introduce the speakers of a talk at a sentence start.
var duoRe = lazyRe(`(?i)(?:^|[.!]\s+)(?:the\s+)?(?:duo|pair|trio|speakers?|presenters?|our\s+colleagues?|my\s+colleagues?)$`)

// (and the articles that stand before a name in Portuguese, Spanish,
// Italian: "O Thiago Azevedo, do Mercado Livre, apresentou")
var leadRe = lazyRe(`(?i)^\s*(?:(?:(?:right|straight|just|immediately)\s+)?(?:after|before|following)(?:\s+[^,.;:]{1,30})?,\s*|(?:then|next|first|finally|afterwards|later|to close|to start)\b\s*,?\s*|(?:our|the)\s+(?:(?:host|hosts|sponsor|sponsors)['’]s?\s+)?(?:very\s+)?own\s+|(?:o|a|el|la|il|lo)\s+)+`)

// orgAfter reads ", Role of Org," / " from Org" / " (Org)" right after a name.
func (x *extractor) orgAfter(after string) string {
	t := strings.TrimLeft(after, " ")
	if t == "" || t[0] != '(' && t[0] != ',' && (t == after || !orgPreps[firstWord(t)]) {
		return "" // none of the shapes: "(Org)", ", ... Org", " from Org"
	}
	if m := orgAfterRe.FindStringSubmatch(after); m != nil {
		for _, g := range m[1:] {
			if g != "" {
				g = orgPrepRe.ReplaceAllString(g, "") // "(de Grafana Labs)", "(van Picnic)"
				if strings.Contains(g, ",") {
					g = roleOrg(g) // "(Platform Engineering, Nordhaven Digital)"
				}
				return cleanOrg(trimOrgTail(g))
			}
		}
	}
	return ""
}

var orgAfterRe = lazyRe(`^\s*(?:\(([^()]{2,50})\)|,\s*(?:from|of|at|de|di|van|von|bei|chez|da|do|dos|das|presso|fra|från|dari)\s+([^,.;:()\"“]{2,50})|\s+(?:from|of|at|van|von|bei|de chez|chez|de|da|del|di|do|presso|z firmy|z|fra|från|dari)\s+((?:the\s+)?\p{Lu}[^,.;:()\"“]{1,50}|dbi services)|,\s*[^,.;()]{2,60}?\s+(?:at|of|@|for|de|di|van|von|bei|chez|da|do|na|no|presso|dari)\s+([^,.;:()\"“]{2,50}))`)

// orgPreps are the words orgAfterRe reads before an org right after a name.
var orgPreps = map[string]bool{"from": true, "of": true, "at": true, "van": true, "von": true, "bei": true,
	"de": true, "chez": true, "da": true, "del": true, "di": true, "do": true, "presso": true, "z": true, "fra": true, "från": true, "dari": true}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

var orgPrepRe = lazyRe(`^(?:from|at|de|di|van|von|bei|chez|da|do|na|no|presso|z firmy|z|fra|från|dari|both|beide|ambos|entrambi|begge|båda)\s+`)

// trimOrgTail cuts an organisation name before a following verb or clause:
// "RedHat. The main topic" -> "RedHat"; "Isovalent offered" -> "Isovalent".
func trimOrgTail(s string) string {
	w := strings.Fields(s)
	for i, t := range w {
		r, _ := utf8.DecodeRuneInString(t)
		if i > 0 && unicode.IsLower(r) && !strings.EqualFold(t, "services") && t != "&" && t != "of" && t != "de" {
			return strings.Join(w[:i], " ")
		}
	}
	return s
}

// filteredRe is a case-insensitive regular expression with a cheap test in
// front: every match contains one of needles (in lower case), so text
// without any of them is not run through the regular expression. Most
// blocks of a recap hold none of a closing phrase's words.
type filteredRe struct {
	re      *lazyRegexp
	needles []string
	prefix  bool // every match starts with a needle
}

func prefiltered(expr string, needles ...string) filteredRe {
	return filteredRe{re: lazyRe(expr), needles: needles}
}

// prefixFiltered is prefiltered for an anchored expression whose every
// match starts with one of prefixes, each at most maxPrefix bytes.
func prefixFiltered(expr string, prefixes ...string) filteredRe {
	for _, p := range prefixes {
		if len(p) > maxPrefix {
			panic("prefixFiltered: prefix longer than maxPrefix: " + p)
		}
	}
	return filteredRe{re: lazyRe(expr), needles: prefixes, prefix: true}
}

const maxPrefix = 24

// hasPrefix reports whether s in lower case starts with one of f's
// needles. It lowers only the bytes a needle can span, into a buffer, when
// they are ASCII.
func (f filteredRe) hasPrefix(s string) bool {
	var buf [maxPrefix]byte
	l, ok := lowerASCII(buf[:], s[:min(len(s), maxPrefix)])
	if !ok {
		l = []byte(strings.ToLower(s))
	}
	for _, n := range f.needles {
		if len(l) >= len(n) && string(l[:len(n)]) == n {
			return true
		}
	}
	return false
}

func (f filteredRe) MatchString(s string) bool {
	if !f.re.mayMatch(s) {
		return false
	}
	if f.prefix {
		return f.hasPrefix(s) && f.re.MatchString(s)
	}
	l := strings.ToLower(s)
	for _, n := range f.needles {
		if strings.Contains(l, n) {
			return f.re.MatchString(s)
		}
	}
	return false
}

// quotedTitles finds every title text quotes (in double or single quotes,
// or in italics or bold: one of spans), as offsets of the quoted text
// with its quotes and of the title, in order and not overlapping.
func quotedTitles(text string, spans []string) [][4]int {
	var out [][4]int
	if hasQuote(text) {
		for _, m := range quotedInRe.FindAllStringSubmatchIndex(text, -1) {
			if m = frenchQuote(m); m != nil {
				out = append(out, [4]int{m[0], m[1], m[2], m[3]})
			}
		}
	}
	if hasSingleQuote(text) {
		for _, m := range singleQuotedInRe.FindAllStringSubmatchIndex(text, -1) {
			_, open := utf8.DecodeLastRuneInString(text[:m[2]])
			_, shut := utf8.DecodeRuneInString(text[m[3]:])
			out = append(out, [4]int{m[2] - open, m[3] + shut, m[2], m[3]})
		}
	}
	for _, sp := range spans {
		if k := strings.Index(text, sp); k >= 0 {
			out = append(out, [4]int{k, k + len(sp), k, k + len(sp)})
		}
	}
	slices.SortFunc(out, func(a, b [4]int) int { return a[0] - b[0] })
	kept := out[:0]
	for _, m := range out {
		if n := len(kept); n == 0 || m[0] >= kept[n-1][1] {
			kept = append(kept, m)
		}
	}
	return kept
}

// rollWordsRe: the words between a speaker's name and the title they
// gave in a paragraph that goes through several talks: "from Rackspace
// kicked things off with", "on", "of Oracle gave the crowd favourite,".
var rollWordsRe = lazyRe(`(?i)^(?:\s*(?:\([^()]{2,60}\)|,[^,.;:]{2,60},|(?:from|of|at)\s+\p{Lu}[\p{L}\p{N}.&!-]*(?:\s+\p{Lu}[\p{L}\p{N}.&!-]*){0,2}))?\s+(?:(?:\S+\s+){0,6}?(?:on|with|about|titled|called|entitled)|(?:then\s+|also\s+|later\s+)?(?:gave|showed|presented|delivered|did|ran|opened|closed|demoed|shared)(?:\s+\S+){0,4}?\s*[,:]?|[:—–-])\s*$`)

// talkRoll reads a paragraph that goes through several talks, each a
// title in quotes or italics after the name of the speaker and words
// that say they gave it: 'Jordan Pike from Rackspace kicked things off
// with "Helm Charts I Regret", followed by Celeste Moreau on *Five
// kubectl Plugins*. Then Ravi Shankar from Atlassian showed "..."'. It
// returns the talks when there are at least two, by different speakers.
func (x *extractor) talkRoll(i int) []talk {
	b := &x.doc.Blocks[i]
	if b.Kind != Para || len(b.Text) < 120 || !hasQuote(b.Text) && b.spans == nil && !hasSingleQuote(b.Text) {
		return nil
	}
	text := b.Text
	titles := quotedTitles(text, b.spanTexts())
	if len(titles) < 2 {
		return nil
	}
	people := x.peopleIn(text)
	if len(people) < 2 {
		return nil
	}
	bounds := sentenceBounds(text)
	var out []talk
	seen := map[string]bool{}
	prevEnd := 0
	for _, m := range titles {
		lo := max(prevEnd, bounds[sort.SearchInts(bounds, m[0]+1)-1])
		prevEnd = m[1]
		title := strings.Join(strings.Fields(strings.TrimRight(text[m[2]:m[3]], ".,")), " ") // "*Five\nkubectl Plugins*"
		if !strings.Contains(title, " ") || !titleLike(title) || notTalkRe.MatchString(title) {
			continue
		}
		k := -1 // the last name between lo and the title
		for j, p := range people {
			if p.start >= lo && p.end <= m[0] {
				k = j
			}
		}
		if k < 0 || m[0]-people[k].end > 90 || !rollWordsRe.MatchString(text[people[k].end:m[0]]) {
			continue
		}
		first := k // "Alice Ng and Bo Li from Acme showed ..."
		for first > 0 && people[first-1].start >= lo && listGlueRe.MatchString(text[people[first-1].end:people[first].start]) {
			first--
		}
		var sp []speaker
		for _, p := range people[first : k+1] {
			if seen[p.name] {
				return nil // one name, two talks: not a roll of talks
			}
			seen[p.name] = true
			sp = append(sp, speaker{name: p.name, line: b.LineAt(p.start), text: sentenceAt(text, p.start),
				org: x.orgAfter(text[p.end:]), end: p.end})
		}
		shareLastOrg(sp)
		out = append(out, talk{title: title, speakers: sp, block: i, off: m[2], end: i + 1, roll: true, rollAt: people[first].start})
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// rollRuns gives each talk of a roll, in block bi, the words from its
// first speaker's clause to the next talk's: its mentions.
func (x *extractor) rollRuns(bi, first, last int) {
	text := x.doc.Blocks[bi].Text
	bounds := sentenceBounds(text)
	starts := make([]int, 0, last-first)
	prevEnd := 0
	for ti := first; ti < last; ti++ {
		t := &x.talks[ti]
		start := bounds[sort.SearchInts(bounds, t.rollAt+1)-1]
		if prevEnd > start {
			// "..., followed by Celeste Moreau on": the clause of the name
			start = prevEnd
			if c := strings.LastIndexAny(text[start:t.rollAt], ",;—"); c >= 0 {
				_, n := utf8.DecodeRuneInString(text[start+c:])
				start += c + n
			}
		}
		starts = append(starts, start)
		prevEnd = t.off + len(t.title)
	}
	if x.runs == nil {
		x.runs = map[int][]noteRun{}
	}
	for k, start := range starts {
		end := len(text)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		x.runs[bi] = append(x.runs[bi], noteRun{start, end, first + k})
	}
}
