package extract

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

//go:embed firstnames.txt
var firstNamesTxt string

//go:embed words.txt
var wordsTxt string

var (
	lexOnce     sync.Once
	firstNames  map[string]bool // folded given names
	commonWords map[string]bool // lower-case English words
)

func loadLexicons() {
	lexOnce.Do(func() {
		firstNames = map[string]bool{}
		for _, l := range strings.Split(firstNamesTxt, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				firstNames[graph.Fold(l)] = true
			}
		}
		commonWords = map[string]bool{}
		for _, l := range strings.Split(wordsTxt, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				commonWords[strings.ToLower(l)] = true
			}
		}
		for _, w := range notNames {
			commonWords[w] = true
		}
	})
}

// isFirstName reports whether w is a known given name.
func isFirstName(w string) bool {
	loadLexicons()
	var buf [32]byte
	if l, ok := lowerASCII(buf[:], w); ok {
		if firstNames[string(l)] {
			return true
		}
	} else if firstNames[graph.Fold(w)] {
		return true
	}
	// "Mei-Lin", "Jean-Pierre": two known given names joined (not
	// "Mercedes-Benz", "Llewellyn-Jones")
	if k := strings.IndexByte(w, '-'); k > 1 && k+2 < len(w) && w[k+1] >= 'A' && w[k+1] <= 'Z' && !strings.Contains(w[k+1:], "-") {
		return isFirstName(w[:k]) && isFirstName(w[k+1:])
	}
	return false
}

// isWord reports whether w is a common English word.
func isWord(w string) bool {
	loadLexicons()
	var buf [32]byte
	if l, ok := lowerASCII(buf[:], w); ok {
		return commonWords[string(l)]
	}
	return commonWords[strings.ToLower(w)]
}

// lowerASCII writes w in lower case into buf, if w is ASCII and fits: a
// map lookup with string(buf) then allocates nothing, where ToLower (and
// Fold) allocated for every capitalised word.
func lowerASCII(buf []byte, w string) ([]byte, bool) {
	if len(w) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)], true
}

// ambiguousWord reports whether an imported name is an ordinary word, so
// that it is matched only where the text uses it as a name.
func ambiguousWord(name string) bool {
	return allWords(name)
}

// allWords reports whether every word of s is an ordinary English word
// ("Scale", "Cloud Native Landscape").
func allWords(s string) bool {
	toks := strings.Fields(s)
	if len(toks) == 0 {
		return false
	}
	for _, t := range toks {
		if !isWord(strings.Trim(strings.ToLower(t), ".,:;()")) {
			return false
		}
	}
	return true
}

// notNames are capitalised words that start sentences or titles and are
// never part of a person's name.
var notNames = []string{"the", "this", "that", "these", "those", "a", "an", "in", "on", "at", "for",
	"with", "from", "by", "of", "and", "or", "but", "so", "then", "when", "while", "after", "before",
	"during", "today", "yesterday", "tomorrow", "next", "last", "first", "second", "third", "finally",
	"also", "however", "here", "there", "we", "i", "you", "he", "she", "they", "it", "our", "my",
	"his", "her", "their", "its", "day", "days", "summit", "conference", "talk", "talks", "keynote",
	"session", "sessions", "workshop", "panel", "community", "cloud", "native", "foundation", "labs",
	"inc", "ltd", "gmbh", "ag", "llc", "corp", "university", "project", "projects", "group", "team",
	"hotel", "center", "centre", "arena", "campus", "venue", "theatre", "theater", "congress", "convention", "messe",
	"meetup", "europe", "america", "north", "south", "east", "west", "asia", "africa", "china", "india",
	"japan", "kubecon", "cloudnativecon", "kcd", "devopsdays", "fosdem", "rejekts", "key", "takeaways",
	"summary", "introduction", "conclusion", "lunch", "break", "coffee", "opening", "closing",
	"speaker", "speakers", "presented", "presenter", "chapter", "part", "track", "room", "hall", "stage",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
	"march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"mr", "mrs", "ms", "dr", "prof", "sir", "co", "founder", "cto", "ceo", "engineer", "developer",
	"advocate", "manager", "architect", "maintainer", "director", "vp", "lead", "head", "principal",
	"staff", "senior", "junior", "chief", "officer", "evangelist", "consultant", "researcher",
	"professor", "student", "intern", "sre", "pm", "api", "apis", "cli", "ui", "ux", "vm", "vms",
	"linux", "windows", "mac", "ios", "android", "web", "mesh", "gateway", "service", "services",
	"network", "networking", "security", "data", "ai", "ml", "devops", "gitops", "platform", "edge",
	"demo", "q", "faq", "update", "note", "notes", "recap", "blog", "post", "home", "news", "github",
	"gitlab", "slack", "twitter", "youtube", "linkedin", "kubernetes", "k8s", "cncf", "why", "what",
	"how", "who", "where", "which", "is", "are", "was", "were", "be", "can", "will", "should", "must",
	"all", "some", "many", "most", "more", "other", "every", "each", "both", "no", "not", "yes",
	"good", "great", "best", "new", "old", "big", "small", "open", "source", "hello", "thanks", "thank",
	"welcome", "virtual", "hybrid", "live", "online", "global", "local", "general", "special", "tech",
}
