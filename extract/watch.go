package extract

import (
	"sort"
	"strings"

	"github.com/kg-tool/kg/graph"
)

// Recaps that tell each talk in prose often give its exact title only in
// the link to its recording or slides, on a line of its own under (or
// above) the paragraph about it:
//
//	Noor Haddad from Red Hat opened the track. The idea: ...
//	=> https://video.fosdem.org/2026/... Video: bootc and composefs: Your OS Is Now a Container Image
//
// Such a "watch line" names the talk of the paragraph that introduces its
// speakers; the section heading above them is then no talk's title.

// watchLabelRe matches a watch line's text: a label for a recording or
// slides, then the title.
var watchLabelRe = prefiltered(`(?i)^\W{0,3}(?:video|recording|watch|replay|slides|youtube|vod|(?:the\s+)?talk(?:\s+(?:video|recording))?)(?:\s+\([^()]{1,30}\))?\s*(?::|：|\s[–—-]\s)\s*(.{6,})$`,
	"video", "recording", "watch", "replay", "slides", "youtube", "vod", "talk")

// watchTitle returns the title a watch line gives and its offset in the
// block's text: the block is one line whose text is a link's, or a label
// and then a link ("Video: [Title](url)").
func watchTitle(b *Block) (string, int, bool) {
	if len(b.Links) == 0 || len(b.starts) != 1 || b.Kind != Para && b.Kind != Item || len(b.Text) > 300 {
		return "", 0, false
	}
	text := strings.TrimSpace(b.Text)
	l := strings.TrimSpace(b.Links[len(b.Links)-1].Text)
	if l == "" || !strings.HasSuffix(text, l) || len(text)-len(l) > 30 {
		return "", 0, false
	}
	if !watchLabelRe.MatchString(text) {
		return "", 0, false
	}
	m := watchLabelRe.re.FindStringSubmatchIndex(text)
	title := trimTitle(text[m[2]:])
	if !strings.Contains(title, " ") || !titleLike(upperFirst(title)) || notTalkRe.MatchString(title) {
		return "", 0, false
	}
	return title, strings.Index(b.Text, text) + m[2], true
}

// watchLines lists the document's watch lines, once per document.
func (x *extractor) watchLines() []int {
	if x.watch == nil {
		x.watch = []int{}
		for i := range x.doc.Blocks {
			if len(x.doc.Blocks[i].Links) > 0 {
				if _, _, ok := watchTitle(&x.doc.Blocks[i]); ok {
					x.watch = append(x.watch, i)
				}
			}
		}
	}
	return x.watch
}

// watchAfter returns the first watch line in the few blocks after block
// i, before any heading.
func (x *extractor) watchAfter(i, span int) (int, bool) {
	w := x.watchLines()
	k := sort.SearchInts(w, i+1)
	if k == len(w) || w[k] > i+span {
		return 0, false
	}
	for j := i + 1; j < w[k]; j++ {
		if x.doc.Blocks[j].Kind == Heading {
			return 0, false
		}
	}
	return w[k], true
}

// watchedTalk reads block i, a paragraph, as the start of a talk whose
// title the watch line after it gives, when it introduces the speakers
// and no paragraph between them introduces others.
func (x *extractor) watchedTalk(i int) (talk, bool) {
	w, ok := x.watchAfter(i, 4)
	if !ok || x.consumed[w] {
		return talk{}, false
	}
	sp := x.paraSpeakers(&x.doc.Blocks[i], false)
	if len(sp) == 0 {
		return talk{}, false
	}
	for j := i + 1; j < w; j++ {
		if b := &x.doc.Blocks[j]; b.Kind == Para && len(x.paraSpeakers(b, false)) > 0 {
			return talk{}, false
		}
	}
	title, off, _ := watchTitle(&x.doc.Blocks[w])
	x.consumed[w] = true
	return talk{title: title, speakers: sp, block: i, quoteBlock: w, off: off, end: -1, prose: true}, true
}

// watchTalk reads watch line i, which no paragraph before it took, as a
// talk's title line with its speakers in the paragraph below.
func (x *extractor) watchTalk(i int) (talk, bool) {
	title, off, ok := watchTitle(&x.doc.Blocks[i])
	if !ok || x.consumed[i] {
		return talk{}, false
	}
	if i > 0 && x.doc.Blocks[i-1].Kind == Para && !x.consumed[i-1] {
		// under a paragraph that named no speaker, the line closes that
		// paragraph's part rather than opening the next one's
		return talk{}, false
	}
	sp := x.narrativeSpeakers(i)
	if len(sp) == 0 {
		return talk{}, false
	}
	return talk{title: title, speakers: sp, block: i, off: off, end: -1, prose: true}, true
}

// sameTitle reports whether two titles are one talk's.
func sameTitle(a, b string) bool {
	return graph.Fold(a) == graph.Fold(b)
}
