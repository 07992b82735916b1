package extract

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

// particles may stand between the parts of a name: "Raymond de Jong".
var particles = map[string]bool{"de": true, "van": true, "der": true, "den": true, "von": true,
	"da": true, "di": true, "du": true, "del": true, "della": true, "le": true, "la": true,
	"ten": true, "ter": true, "bin": true, "al": true, "dos": true, "das": true, "do": true,
	"van't": true, "zu": true, "af": true, "y": true}

// nameContext says how sure the surroundings are that a person is named.
type nameContext int

const (
	weak   nameContext = iota // prose: needs a known given name
	strong                    // a speaker line, a byline, "talk by": any name-shaped words
)

// personName checks that s is shaped like a person's name and returns it
// cleaned ("Dr. Liz Rice." -> "Liz Rice"). In weak context the first part
// must be a known given name and there must be at least two parts; in
// strong context one given name alone is enough. Words that are catalog
// names, common English words or title words never make a name.
func (x *extractor) personName(s string, ctx nameContext) (string, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ".,;:!?\"'“”‘’*_()[]"))
	s = strings.Join(strings.Fields(s), " ")
	for _, t := range []string{"Dr. ", "Dr ", "Prof. ", "Prof ", "Mr. ", "Mrs. ", "Ms. ", "Sir "} {
		s = strings.TrimPrefix(s, t)
	}
	if c := s[:min(len(s), 1)]; c == "M" || c == "K" || c == "P" || c == "B" || c == "I" {
		// Indonesian forms of address before a full name: "Mas Andi
		// Setiawan", "Mbak Dewi Lestari", "Kak Tania Permatasari"
		for _, t := range []string{"Mas ", "Mbak ", "Kak ", "Pak ", "Bu ", "Bapak ", "Ibu "} {
			if rest, ok := strings.CutPrefix(s, t); ok && strings.Contains(rest, " ") {
				s = rest
			}
		}
	}
	if s == "" || utf8.RuneCountInString(s) > 60 {
		return "", false
	}
	parts := strings.Fields(s)
	if len(parts) > 5 {
		return "", false
	}
	real := 0
	for i, p := range parts {
		lp := strings.ToLower(p)
		switch {
		case particles[lp] && i > 0 && i < len(parts)-1:
			continue
		case isInitial(p):
			if i == len(parts)-1 {
				return "", false
			}
			continue
		case !nameWord(p):
			return "", false
		}
		if isWord(lp) && !isFirstName(p) && !(i == 0 && len(parts) == 2 && koreanName(lp, parts[1])) {
			// "Cloud Native", "Key Takeaways": an English word is only a
			// name part when it is also a known given name, or a surname
			// after a given name in a strong context ("Lisa Falco", "Bill Rose").
			// "Liz Rice" is a name; "Mark Your Calendars" and "Grant Access
			// Policies" are not: there the given name is an English word too.
			if !(i > 0 && !notNameWord(lp) && (ctx == strong || !isWord(strings.ToLower(parts[0])))) {
				return "", false
			}
		}
		real++
	}
	if real == 0 {
		return "", false
	}
	first := parts[0]
	if isInitial(first) && len(parts) > 1 {
		first = parts[1]
	}
	if x.isCatalogName(s) || (len(parts) > 1 && x.isCatalogName(parts[0]) && !isFirstName(parts[0])) {
		return "", false
	}
	if len(parts) > 1 && isCity(s) {
		return "", false // "Hong Kong", "San Diego"
	}
	switch {
	case real == 1 && len(parts) == 1:
		if ctx != strong || !isFirstName(parts[0]) {
			return "", false
		}
	case ctx == weak && !isFirstName(first) && !(len(parts) >= 3 && isInitial(parts[0]) && isInitial(parts[1])):
		return "", false
	}
	return s, true
}

// koreanName reports whether a surname that is also an English word
// ("Park", "Song", "Moon") comes before a Korean given name of two
// syllables joined by a hyphen: "Park Ji-hoon", "Moon Hye-jin".
func koreanName(surname, given string) bool {
	switch surname {
	case "park", "song", "moon", "han":
	default:
		return false
	}
	k := strings.IndexByte(given, '-')
	return k >= 2 && k+3 <= len(given) && given[0] >= 'A' && given[0] <= 'Z' && given[k+1] >= 'a' && given[k+1] <= 'z' &&
		strings.IndexFunc(given[1:k]+given[k+1:], func(r rune) bool { return r < 'a' || r > 'z' }) < 0
}

func notNameWord(w string) bool {
	for _, n := range notNames {
		if n == w {
			return true
		}
	}
	return false
}

// nameWord: a capitalised word of letters, apostrophes and hyphens
// ("O'Brien", "Jean-Baptiste", "DeTiberus"); not an acronym.
func nameWord(p string) bool {
	r, _ := utf8.DecodeRuneInString(p)
	if !unicode.IsUpper(r) {
		return false
	}
	letters, upper := 0, 0
	for _, c := range p {
		switch {
		case unicode.IsLetter(c):
			letters++
			if unicode.IsUpper(c) {
				upper++
			}
		case c == '\'' || c == '’' || c == '-':
		default:
			return false
		}
	}
	return letters >= 2 && !(upper == letters && letters > 1)
}

// isInitial reports whether p is one or more initials: "J." or "J.R.".
func isInitial(p string) bool {
	if p == "" {
		return false
	}
	for p != "" {
		r, n := utf8.DecodeRuneInString(p)
		if !unicode.Is(unicode.Lu, r) || n >= len(p) || p[n] != '.' {
			return false
		}
		p = p[n+1:]
	}
	return true
}

// isCatalogName reports whether s is (by key) a catalog spelling of a
// project, topic or org.
func (x *extractor) isCatalogName(s string) bool {
	ok, seen := x.catNames[s]
	if !seen {
		// names recur in a recap, and ByName tokenises each
		_, ok = x.cat.ByName(s)
		x.catNames[s] = ok
	}
	return ok
}

// capWord is a capitalised word of prose, or an initial ("J."), or a
// particle ("de") between two of them.
type capWord struct {
	start, end int  // offsets of the word without surrounding punctuation
	stop       bool // punctuation after it ends a run of words
	particle   bool
}

// turkishSuffix returns where a case ending that Turkish writes after an
// apostrophe starts in word w ("Kaya'nın", "Koç'un", "Getir'de"), 0 for
// none: lower-case letters only, at most five, after two letters or more.
func turkishSuffix(w string) int {
	if strings.IndexByte(w, '\'') < 0 && !strings.Contains(w, "’") {
		return 0 // (most words: LastIndexAny with a non-ASCII set decodes every rune)
	}
	k := strings.LastIndexAny(w, "'’")
	if k < 2 {
		return 0
	}
	rest := w[k:]
	rest = rest[strings.IndexAny(rest, "'’")+1:]
	if rest == "" || rest == "s" || utf8.RuneCountInString(rest) > 5 || strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLower(r) }) >= 0 {
		return 0
	}
	return k
}

// capRuns splits text into runs of capitalised words, particles and
// initials separated only by spaces: the candidates for people's names.
// It is a hand-written scanner because it runs on every block.
func capRuns(text string) [][]capWord {
	var runs [][]capWord
	var cur []capWord
	end := func() {
		// a run never ends on a particle
		for len(cur) > 0 && cur[len(cur)-1].particle {
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	i := 0
	for i < len(text) {
		// next whitespace-separated field
		for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
			i++
		}
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' {
			j++
		}
		if i == j {
			break
		}
		f := text[i:j]
		if len(cur) == 0 && f[0] >= 'a' && f[0] <= 'z' {
			// most words of prose: a lower-case word starts no run
			// (only a particle continues one), whatever follows it
			i = j
			continue
		}
		s, e := 0, len(f)
		for s < e && strings.ContainsRune("\"“‘'([*_", rune(f[s])) {
			s++
		}
		stop := false
		for e > s {
			r, w := utf8.DecodeLastRuneInString(f[s:e])
			if unicode.IsLetter(r) || (r == '.' && e-s == 2) {
				break
			}
			e -= w
			stop = true
		}
		// "Annie’s talk": the possessive ends the name
		for _, suf := range []string{"’s", "'s"} {
			if strings.HasSuffix(f[s:e], suf) {
				e -= len(suf)
				stop = true
				break
			}
		}
		if k := turkishSuffix(f[s:e]); k > 0 {
			e, stop = s+k, true // "Zeynep Kaya'nın": a case ending after the name
		}
		for k := s + 1; k < e; k++ {
			if f[k] >= 0xE3 && f[k] <= 0xED {
				if r, _ := utf8.DecodeRuneInString(f[k:]); isCJKRune(r) {
					e, stop = k, true // "Cho님과": a particle glued to the name ends it
					break
				}
			}
		}
		core := f[s:e]
		if s > 0 {
			end() // an opening quote or bracket starts a new run
		}
		switch {
		case core == "":
			end()
		case len(cur) > 1 && particles[core] && surnamed(text, cur):
			// "Thijs Verbeek van Rabobank", "Anouk de Vries van Schuberg
			// Philis": after a given name and a surname, "van" names
			// where the person works
			end()
		case len(cur) > 0 && particles[core]:
			cur = append(cur, capWord{start: i + s, end: i + e, particle: true, stop: stop})
		case isInitial(core) || capName(core):
			cur = append(cur, capWord{start: i + s, end: i + e, stop: stop})
		default:
			end()
		}
		if stop && len(cur) > 0 && !isInitial(core) {
			end()
		}
		i = j
	}
	end()
	return runs
}

// surnamed reports whether a run already holds a known given name and a
// surname after it ("Thijs Verbeek", not "As Raymond").
func surnamed(text string, run []capWord) bool {
	for k := len(run) - 2; k >= 0; k-- {
		if !run[k].particle && isFirstName(text[run[k].start:run[k].end]) {
			for _, w := range run[k+1:] {
				if !w.particle {
					return true
				}
			}
			return false
		}
	}
	return false
}

// capName: a word that starts with an upper-case letter and has only
// letters, apostrophes and hyphens.
func capName(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range w {
		if !unicode.IsLetter(c) && c != '\'' && c != '’' && c != '-' {
			return false
		}
	}
	return true
}

// span is a name found in a block.
type span struct {
	start, end int
	name       string
}

// peopleIn finds people named in prose: a run of capitalised words that
// starts with a known given name ("In this session, Thomas Graf explores"),
// trimmed to at most four parts.
func (x *extractor) peopleIn(text string) []span {
	var out []span
	for _, run := range x.capRuns(text) {
		// skip leading words that are not given names ("Then Thomas Graf")
		k := 0
		for k < len(run) {
			w := text[run[k].start:run[k].end]
			if !run[k].particle && isFirstName(w) || // "Quello di Paolo Rossi": Di is a given name, di is not
				isInitial(w) && k+1 < len(run) && isFirstName(text[run[k+1].start:run[k+1].end]) {
				break
			}
			// "J. R. Smith": two initials and a surname
			if isInitial(w) && k+2 < len(run) && isInitial(text[run[k+1].start:run[k+1].end]) && !isWord(text[run[k+2].start:run[k+2].end]) {
				break
			}
			k++
		}
		words := run[k:]
		if len(words) < 2 {
			continue
		}
		for n := min(len(words), 4); n >= 2; n-- {
			parts := make([]string, n)
			for i := range parts {
				parts[i] = text[words[i].start:words[i].end]
			}
			if name, ok := x.personName(strings.Join(parts, " "), weak); ok {
				end := words[n-1].end
				if n == len(words) {
					// "Paulo Ribeiro da Silva, Software Engineer": a
					// particle after a name is where one works ("van
					// Rabobank") unless a speaker has the longer name
					name, end = x.knownLonger(text, name, end)
				}
				out = append(out, span{words[0].start, end, name})
				break
			}
		}
	}
	return out
}

// knownLonger extends name, which ends at end in text, by a particle and
// the capitalised words after it when the document already knows a
// person by that longer name.
func (x *extractor) knownLonger(text, name string, end int) (string, int) {
	if len(x.people) == 0 || end+4 > len(text) || text[end] != ' ' {
		return name, end
	}
	rest := text[end+1:]
	p, after, ok := strings.Cut(rest, " ")
	if !ok || !particles[p] {
		return name, end
	}
	k := end + 1 + len(p) + 1
	for n := 0; n < 2; n++ {
		w := after
		if j := strings.IndexAny(w, " ,.;:()"); j >= 0 {
			w = w[:j]
		}
		if w == "" || !capName(w) {
			break
		}
		long := name + text[end:k+len(w)]
		if id, ok := x.people[graph.Fold(long)]; ok && id != "" {
			return long, k + len(w)
		}
		k += len(w) + 1
		if k > len(text) {
			break
		}
		after = text[k:]
	}
	return name, end
}

// splitSpeakers reads a list of speakers with optional organisations and
// roles: "A (Org) and B (Org)", "A, Org & B, Org", "A, Role, Org; B, Org",
// "A and B". Chunks that start with a role ("Co-Founder, Wasmcloud") belong
// to the speaker before them.
func (x *extractor) splitSpeakers(s string) []speaker {
	sp, _ := x.speakerList(s)
	return sp
}

// speakerList is splitSpeakers that also counts the parts that were
// neither a speaker nor a role of the speaker before.
func (x *extractor) speakerList(s string) ([]speaker, int) {
	rejected := 0
	s = strings.TrimSpace(s)
	s = timeRe.ReplaceAllString(s, "")
	s = strings.TrimRight(s, " .;:")
	if strings.Contains(s, ", ") {
		s = legalCommaRe.ReplaceAllString(s, "$1") // "Chainguard, Inc.": one company, not two parts
	}
	// "Zhang Hao · Huawei Cloud, Lin Mei · DaoCloud": a name and its company
	// joined by a dot, pairs separated by commas
	if strings.Contains(s, " · ") {
		s = dotPairs(s)
	}
	// "Ravi Subramaniam / Red Hat, Magdalena de la Cruz / Isovalent": a
	// name and its company joined by a slash, pairs separated
	if strings.Contains(s, " / ") {
		s = slashPairs(s)
	}
	// "Koen Maes, Sofie Janssens / Proximus": the company after a slash
	shared := ""
	if k := strings.LastIndex(s, " / "); k > 0 && strings.Count(s[:k], "(") == strings.Count(s[:k], ")") { // not "(Red Hat / Volvo Cars)"
		if tail := strings.TrimSpace(s[k+3:]); x.orgLike(tail) {
			s, shared = s[:k], tail
		}
	}
	if strings.Contains(s, " / ") && strings.Contains(s, "(") {
		s = slashInParens(s) // "(Red Hat / Volvo Cars)" is one part
	}
	var out []speaker
	chunks := splitChunks(s)
	ownBrackets := false // a speaker before the last has brackets of their own: "A (moderator), B (Monzo)"
	for k, chunk := range chunks {
		chunk = strings.TrimPrefix(strings.TrimSpace(chunk), "@") // "@Priya Raghunathan"
		if strings.IndexByte(chunk, '"') > 0 || strings.Contains(chunk, "“") {
			chunk = nicknameRe.ReplaceAllString(chunk, " ") // 'Rafael "Rafa" Okafor'
		}
		if chunk == "" {
			continue
		}
		name, org := chunk, ""
		if m := parenOrgRe.FindStringSubmatch(chunk); m != nil {
			ownBrackets = ownBrackets || k < len(chunks)-1
			name, org = strings.TrimSpace(m[1]), strings.ReplaceAll(strings.TrimSpace(m[2]), "\x00", "/")
			org = roleOrg(org)
			if _, ok := x.personName(org, strong); ok && !latin(name) && latin(org) && strings.Contains(org, " ") {
				// "Игорь Васильев-Бельский (Igor Vasilyev-Belsky)": the
				// name in Latin letters, no company
				name, org = org, ""
			}
		} else if i := strings.IndexAny(chunk, ",@|–—"); i >= 0 && !strings.HasPrefix(chunk[i:], "-") {
			name = strings.TrimSpace(chunk[:i])
			_, w := utf8.DecodeRuneInString(chunk[i:]) // ("—" is three bytes)
			rest := strings.Split(chunk[i+w:], ",")
			org = roleOrg(strings.TrimSpace(rest[len(rest)-1]))
		} else if m := fromOrgRe.FindStringSubmatch(chunk); m != nil {
			name, org = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
			if k := strings.Index(org, ". "); k > 0 {
				org = org[:k] // "Ola Pawlak z Brainly. Pięć minut"
			}
		} else if k := strings.Index(chunk, " von "); k > 0 && strings.Contains(chunk[:k], " ") {
			// German "Nadia Petrova von Nirmata"; "Max von Hagen" is a name
			name, org = strings.TrimSpace(chunk[:k]), strings.TrimSpace(chunk[k+5:])
		}
		if p, ok := x.personName(name, strong); ok {
			o := speakerOrg(org)
			if strings.Contains(org, " / ") {
				o = org // "(Red Hat / Volvo Cars)": shareLastOrg pairs them
			}
			out = append(out, speaker{name: p, org: o})
			continue
		}
		if k == len(chunks)-1 && len(out) > 0 && org == "" && out[len(out)-1].org == "" && x.orgLike(name) {
			// "Игорь Васильев-Бельский (Igor Vasilyev-Belsky), Ozon": the
			// company of the speakers before it
			for n := range out {
				if out[n].org == "" {
					out[n].org = speakerOrg(name)
				}
			}
			continue
		}
		if len(out) > 0 && (isRole(name) || org != "") {
			if last := &out[len(out)-1]; last.org == "" && org != "" && org != name {
				last.org = speakerOrg(org) // "(Moderator), Developer Advocate, Ochanomizu Labs"
			}
			continue // a second role of the speaker before
		}
		rejected++
	}
	for k := range out {
		if out[k].org == "" {
			out[k].org = cleanOrg(shared)
		}
	}
	if !ownBrackets {
		shareLastOrg(out)
	}
	for k := range out {
		if strings.Contains(out[k].org, " / ") {
			out[k].org = "" // several companies, not one each
		}
	}
	return out, rejected
}

// slashInParens hides the slashes inside parentheses from splitChunks,
// which splits a list at slashes; the org keeps them.
func slashInParens(s string) string {
	b := []byte(s)
	depth := 0
	for i, c := range b {
		switch {
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case c == '/' && depth > 0:
			b[i] = 0
		}
	}
	return string(b)
}

// legalCommaRe matches a company's legal form after a comma: ", Inc.",
// ", Co., Ltd.".
var legalCommaRe = lazyRe(`,\s*(?:Inc|Ltd|LLC|Corp|Co\.,?\s*Ltd|GmbH|AG|S\.A|B\.V|Pty\.?\s*Ltd|plc)\.?([\s,;)]|$)`)

// dotPairs rewrites "A · Org, B · Org" as "A (Org), B (Org)" when every
// comma-separated part is one name and one company; else s is kept.
func dotPairs(s string) string {
	parts := strings.Split(s, ", ")
	for i, p := range parts {
		name, org, ok := strings.Cut(p, " · ")
		r, _ := utf8.DecodeRuneInString(org)
		lowerOrg := unicode.IsLower(r) && !strings.Contains(org, " ") && !isWord(org) // "Stefan Moser · willhaben"
		if !ok || !unicode.IsUpper(r) && !lowerOrg || strings.Contains(org, " · ") || strings.ContainsAny(name, "()") {
			return s // "Claire Montgomery · 14 min read"
		}
		parts[i] = name + " (" + org + ")"
	}
	return strings.Join(parts, ", ")
}

// shouting reports whether s has letters and none in lower case: "BY
// HELGA MAGNÚSDÓTTIR / FREEHOLD SOFTWARE COOPERATIVE".
func shouting(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4
}

// nameCase writes a speaker list in capitals as names are written:
// "HELGA MAGNÚSDÓTTIR / FREEHOLD SOFTWARE COOPERATIVE" as "Helga
// Magnúsdóttir / Freehold Software Cooperative", "LUCÍA VAN DER MEER / HPE"
// as "Lucía van der Meer / HPE": a company of one short word is an
// acronym, and in a name the particles are lower case.
func nameCase(s string) string {
	out, _ := mapParts(s, func(part string) (string, bool) {
		cut := strings.IndexAny(part, "/(")
		if cut < 0 {
			return caseWords(part, false), true
		}
		return caseWords(part[:cut], false) + part[cut:cut+1] + caseWords(part[cut+1:], true), true
	}, strings.ToLower)
	return out
}

// caseWords is nameCase for the words of one name or one company.
func caseWords(s string, org bool) string {
	words := strings.Fields(strings.Trim(s, " ()"))
	if org && len(words) == 1 && utf8.RuneCountInString(words[0]) <= 4 {
		return s // "HPE", "AWS"
	}
	out := s
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case lw == "and" || lw == "by" || lw == "of" || lw == "the" || lw == "with":
			w = lw
		case particles[lw] && i > 0 && !org:
			w = lw
		default:
			w = titleWord(lw)
		}
		out = strings.Replace(out, words[i], w, 1)
	}
	return out
}

// titleWord capitalises a lower-case word and each part after a hyphen:
// "asante-darko" as "Asante-Darko".
func titleWord(w string) string {
	parts := strings.Split(w, "-")
	for i, p := range parts {
		if r, n := utf8.DecodeRuneInString(p); n > 0 {
			parts[i] = string(unicode.ToUpper(r)) + p[n:]
		}
	}
	return strings.Join(parts, "-")
}

// reversedRe matches a name written surname first, as author lists of
// papers write them, with an optional star for the presenting author and
// the affiliation: "Van den Broeck, Pieter-Jan* (Ghent University)",
// "Bauer, T. (KIT)".
var reversedRe = lazyRe(`^\s*((?:(?:van|von|de|den|der|da|del|la|Van|Von|De|Den|Der|Da|Del|La)\s+)*\p{Lu}[\p{L}'’-]+(?:\s+(?:de\s+la|de|del|da|y)\s+\p{Lu}[\p{L}'’-]+)?),\s+(\p{Lu}[\p{L}'’-]*\.?(?:[\s-]\p{Lu}[\p{L}'’-]*\.?)?)(\*?)\s*(\([^()]*\))?\s*$`).needing(",")

// unreversed rewrites a list of names written surname first, parts
// separated by semicolons ("Kowalski, Marek* (CERN); Adeyemi, Folasade*
// (CERN); Rossi, G. (INFN)"), as "Marek Kowalski (CERN); ...", keeping
// only the starred presenting authors when the list stars any. A given
// name must be a known one or an initial in one of the parts at least:
// "Kenji Morimoto, Sakura Datasystems" is a name and a company. Any other
// list is left as it is.
func unreversed(s string) string {
	// a surname of at most four words, then a given name of at most two
	k := strings.Index(s, ", ")
	if k < 0 || strings.Count(s[:k], " ") > 3 {
		return s
	}
	given := s[k+2:]
	if e := strings.IndexAny(given, "(;*"); e >= 0 {
		given = given[:e]
	}
	if strings.Count(strings.TrimSpace(given), " ") > 1 {
		return s
	}
	parts := strings.Split(s, ";")
	out := make([]string, 0, len(parts))
	starred := strings.Contains(s, "*")
	known := 0
	for _, p := range parts {
		m := reversedRe.FindStringSubmatch(p)
		if m == nil {
			return s
		}
		if given := strings.Fields(strings.ReplaceAll(m[2], "-", " ")); isFirstName(given[0]) || isInitial(given[0]) {
			known++
		}
		if starred && m[3] == "" {
			continue // a co-author who did not present
		}
		name := m[2] + " " + m[1]
		if m[4] != "" {
			name += " " + m[4]
		}
		out = append(out, name)
	}
	if len(out) == 0 || known == 0 || len(parts) == 1 && known < 1 {
		return s
	}
	return strings.Join(out, "; ")
}

// latin reports whether every letter of s is a Latin one.
func latin(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// pairSepRe matches what separates the parts of a speaker list.
var pairSepRe = lazyRe(`,\s*|\s+(?:and|AND|&)\s+`)

// slashPairs rewrites a list whose every part is "Name / Org" as "Name
// (Org)" parts; any other list is left as it is.
func slashPairs(s string) string {
	out, ok := mapParts(s, func(part string) (string, bool) {
		name, org, ok := strings.Cut(part, " / ")
		if !ok || strings.Contains(org, " / ") || strings.ContainsAny(name, "()") || strings.TrimSpace(org) == "" {
			return "", false // "Koen Maes, Sofie Janssens / Proximus", "(Red Hat / Volvo Cars)"
		}
		if w := strings.Fields(org); len(w) >= 2 && len(w) <= 4 && isFirstName(strings.Trim(w[0], ",")) {
			return "", false // "Jonas Weber / Miriam Schulz": two names
		}
		return name + " (" + strings.TrimSpace(org) + ")", true
	}, nil)
	if !ok {
		return s
	}
	return out
}

// mapParts rewrites each part of a speaker list (what pairSepRe separates)
// with f and each separator with sep (nil: as it is); it reports false,
// and stops, when f refuses a part.
func mapParts(s string, f func(part string) (string, bool), sep func(string) string) (string, bool) {
	seps := pairSepRe.FindAllStringIndex(s, -1)
	var b strings.Builder
	from := 0
	for k := 0; k <= len(seps); k++ {
		end := len(s)
		if k < len(seps) {
			end = seps[k][0]
		}
		part, ok := f(s[from:end])
		if !ok {
			return "", false
		}
		b.WriteString(part)
		if k < len(seps) {
			if sp := s[seps[k][0]:seps[k][1]]; sep != nil {
				b.WriteString(sep(sp))
			} else {
				b.WriteString(sp)
			}
			from = seps[k][1]
		}
	}
	return b.String(), true
}

// shareLastOrg gives an org named only after the last of several names to
// them all: "Sneha Kulkarni & Arjun Bhatia (Swiggy)", "de Daniela Soto y
// Rodrigo Peña, ambos de BBVA México".
func shareLastOrg(out []speaker) {
	n := len(out)
	if n < 2 || out[n-1].org == "" {
		return
	}
	for _, p := range out[:n-1] {
		if p.org != "" {
			return
		}
	}
	// "Tomasz Zieliński & Hanna Sjöberg (Red Hat / Volvo Cars)": one each,
	// in order
	if parts := strings.Split(out[n-1].org, " / "); len(parts) == n {
		for k := range out {
			out[k].org = cleanOrg(parts[k])
		}
		return
	}
	for k := range out[:n-1] {
		out[k].org = out[n-1].org
	}
}

// nicknameRe matches a nickname in quotes between a given name and a
// surname: 'Rafael "Rafa" Okafor'.
var nicknameRe = lazyRe(`(?:^|\s)["“]\p{Lu}[\p{L}.'-]{1,20}["”]\s`)

// orgLike reports whether s names an organisation rather than a person:
// the catalog's organisation, or words that are no person's name.
func (x *extractor) orgLike(s string) bool {
	if cleanOrg(s) == "" || strings.ContainsAny(s, ",&") {
		return false
	}
	if e, ok := x.cat.ByName(s); ok {
		return e.Kind == graph.Org
	}
	_, person := x.personName(s, strong)
	return !person
}

type speaker struct {
	name, org string
	line      int    // where the speaker was read
	text      string // the line or sentence it was read from
	end       int    // end offset of the name in prose (narrative speakers)
}

var (
	timeRe     = lazyRe(`\(\s*\d{1,2}[:.h]\d{2}\s*[-–]\s*\d{1,2}[:.h]\d{2}\s*\)`).needing("(")
	parenOrgRe = lazyRe(`^(.+?)\s*\(([^()]+)\)\s*$`).needing(")")
	fromOrgRe  = lazyRe(`^(.+?)\s+(?:from|of|at|@|z firmy|z|fra|från|dari)\s+(.+)$`)
	atOrgRe    = lazyRe(`^[^,]*?\s(?:at|@|na|no|bei|chez|di|dari|presso)\s+(\p{Lu}[^,]*)$`).needing("at", "@", "na", "no", "bei", "chez", "di", "presso")
	roleAtRe   = lazyRe(`(?i)^.*?(?:\b(?:at|of|for|from)\s+|@\s*)(.+)$`) // "SRE @ Hapag-Lloyd" too
)

// moderatorRe matches the words that introduce a panel's moderator (or
// its members) in a list of its speakers.
var moderatorRe = lazyRe(`(?i)(?:^|\s*[;,]\s*(?:and\s+)?|\s+and\s+)(?:(?:moderated|hosted|facilitated|chaired|emceed)\s+by|moderator\s*:|moderation\s*:|host\s*:|chair\s*:|panel\s*:|panell?ists?\s*:)\s+`)

// panelRoleRe matches a speaker's part in a session, in brackets after
// the name where a company often stands.
var panelRoleRe = lazyRe(`(?i)^(?:moderator|moderation|host|co-host|chair|co-chair|mc|emcee|panell?ist|facilitator|keynote|speaker|presenter)$`)

var (
	andSplitRe   = lazyRe(`,?\s+(?:&|and|und|et|en|y|e|i|и|og|och|\+)\s+`)
	parenCommaRe = lazyRe(`\)\s*,\s*`).needing(")")
)

// hasAndWord reports whether s may hold one of andSplitRe's words
// between spaces: most speaker lists have one name and no such word.
func hasAndWord(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i-1] != ' ' && s[i-1] != '\t' {
			continue
		}
		switch s[i] {
		case '&', '+', 'a', 'u', 'e', 'y', 'i', 'o':
			return true
		case 0xd0: // "и" (Russian), 0xd0 0xb8
			if s[i+1] == 0xb8 {
				return true
			}
		}
	}
	return false
}

// splitChunks splits a speaker list on ";", " & ", " and ", and on commas
// that separate "Name (Org)" items.
func splitChunks(s string) []string {
	var out []string
	s = chunkSeps.Replace(s)
	for _, part := range strings.Split(s, ";") {
		ands := []string{part}
		if hasAndWord(part) {
			ands = andSplitRe.Split(part, -1)
		}
		for _, p := range ands {
			// "A (Org), B (Org)" -> split after ")"
			for _, q := range parenCommaRe.Split(p, -1) {
				if strings.Count(q, "(") > strings.Count(q, ")") {
					q += ")"
				}
				out = append(out, splitNameList(q)...)
			}
		}
	}
	return out
}

// chunkSeps turns the separators of a speaker list other than commas and
// "and" into semicolons. A Replacer builds its lookup table on first use,
// so it is made once, not per list.
var chunkSeps = strings.NewReplacer(" · ", ";", " • ", ";", " | ", ";", " / ", ";")

// splitNameList splits "A, B, C" where every part is a name; a list with a
// part that is not a name is left whole ("A, CTO, Org").
func splitNameList(s string) []string {
	parts := strings.Split(s, ",")
	if len(parts) < 2 {
		return []string{s}
	}
	unknown := 0 // parts whose first word is no known given name
	for i, p := range parts {
		if k := strings.IndexByte(p, '('); i == len(parts)-1 && k > 0 && strings.HasSuffix(p, ")") {
			p = p[:k] // "A, B (Sysdig)": the last name has its company
		}
		w := strings.Fields(p)
		if len(w) < 2 || len(w) > 4 || strings.Contains(p, "(") || isLegalSuffix(w[len(w)-1]) || isRole(strings.TrimSpace(p)) {
			return []string{s} // "Robert Bosch GmbH" is a company
		}
		if !isFirstName(w[0]) {
			unknown++
		}
	}
	// one unknown given name among three or more known ones: "Chidinma
	// Okeke, Lukas Hörmann, Ana-Maria Popescu"
	if unknown > 0 && (unknown > 1 || len(parts) < 3) {
		return []string{s}
	}
	return parts
}

// roleOrg turns "Principal Engineer at Isovalent" into "Isovalent" and
// leaves a bare organisation alone. Of "Role, Org" and "Org, Role" it
// keeps the first part that is not a role: "SRE team, Bank of Ireland" is
// the bank, not "Ireland".
func roleOrg(s string) string {
	if m := atOrgRe.FindStringSubmatch(s); m != nil {
		return m[1] // "Platform Engineering at Wayfair"
	}
	if strings.Contains(s, ",") {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); teamName(p) {
				continue // "Platform Engineering, Nordhaven Digital"
			}
			if o := roleOrg(p); o != "" {
				return o
			}
		}
		return ""
	}
	if m := roleAtRe.FindStringSubmatch(s); m != nil && isRole(s[:len(s)-len(m[1])]) {
		return m[1]
	}
	if isRole(s) {
		return ""
	}
	return s
}

var roleWords = []string{"founder", "co-founder", "cofounder", "cto", "ceo", "coo", "cpo", "ciso",
	"engineer", "developer", "advocate", "manager", "architect", "maintainer", "director", "vp",
	"vice president", "president", "lead", "head", "principal", "staff", "senior", "chief",
	"officer", "evangelist", "consultant", "researcher", "professor", "student", "intern", "sre",
	"pm", "product", "owner", "fellow", "scientist", "analyst", "specialist", "contributor",
	"chair", "member", "ambassador", "devrel", "programmer", "administrator", "admin", "partner",
	"independent", "freelance", "freelancer", "self-employed", "contractor", "volunteer", "organizers", "organisers",
	"cto and", "technical", "distinguished", "community", "organizer", "organiser", "trainer", "coach"}

// roleSet holds the role words of one word. A role word of several words
// ("vice president") always holds one of them, which a test checks, so a
// text is a role when one of its space-separated words is in the set.
var roleSet = func() map[string]bool {
	m := make(map[string]bool, len(roleWords))
	for _, w := range roleWords {
		if !strings.Contains(w, " ") {
			m[w] = true
		}
	}
	return m
}()

// teamWords name a team or department rather than a company.
var teamWords = map[string]bool{"engineering": true, "team": true, "platform": true, "operations": true,
	"ops": true, "infrastructure": true, "infra": true, "development": true, "devops": true,
	"reliability": true, "security": true, "research": true, "department": true, "division": true,
	"tribe": true, "squad": true, "guild": true, "cloud": true, "data": true, "networking": true,
	"observability": true, "sre": true, "the": true, "and": true, "&": true}

// teamName reports whether every word of s names a team ("Platform
// Engineering", "SRE team").
func teamName(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	for _, w := range f {
		if !teamWords[w] && !roleSet[w] {
			return false
		}
	}
	return len(f) > 0
}

// isRole reports whether s reads as a job title ("Co-Founder and CTO"):
// whether a word of it, between single spaces and in lower case, is a role
// word. It runs for every candidate organisation, so an ASCII text is
// lowered into a buffer.
func isRole(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	var buf [64]byte
	l, ok := lowerASCII(buf[:], s)
	if !ok {
		l = []byte(strings.ToLower(s))
	}
	for len(l) > 0 {
		w := l
		if i := bytes.IndexByte(l, ' '); i >= 0 {
			w, l = l[:i], l[i+1:]
		} else {
			l = nil
		}
		if roleSet[string(w)] {
			return true
		}
	}
	return false
}

// cleanOrg trims an organisation name read next to a speaker.
func cleanOrg(s string) string {
	s = strings.TrimSpace(strings.Trim(s, " .,;:()[]*_\"'«»„“”"))
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimPrefix(s, "The ")
	if s == "" || utf8.RuneCountInString(s) > 50 || len(strings.Fields(s)) > 5 || strings.Contains(s, " / ") {
		return "" // "Red Hat / Volvo Cars" is two
	}
	if isRole(s) || teamName(s) || len(s) < 12 && panelRoleRe.MatchString(s) || strings.ContainsAny(s, "0123456789") && (!strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") || dateRe.MatchString(s)) {
		return "" // "2023", "21 July 2023"
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !hasInnerUpper(firstWord(s)) {
		return "" // "last year", "the team": not a name ("iFood" is one)
	}
	return s
}

// speakerOrg is cleanOrg for the organisation a speaker list gives a
// name ("Stefan Moser · willhaben", "Julien Fabre (leboncoin)"), which may
// be a brand written in lower case.
func speakerOrg(s string) string {
	if o := cleanOrg(s); o != "" || !brandWord(strings.TrimSpace(s)) || panelRoleRe.MatchString(strings.TrimSpace(s)) {
		return o
	}
	return strings.TrimSpace(s)
}

// brandWord reports whether s is one lower-case word that no dictionary
// has, as companies that write their name so are ("willhaben",
// "bol.com"): letters and dots, at least three.
func brandWord(s string) bool {
	if len(s) < 3 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLower(r) && r != '.' {
			return false
		}
	}
	return !isWord(strings.TrimSuffix(s, ".com")) && !isWord(strings.TrimRight(s, "s")) && s != "tba" && s != "tbd" && s != "n.a."
}
