package graph

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldMap spells out letters that Unicode decomposition leaves alone.
var foldMap = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// Fold returns s in lower case with diacritics removed ("Raphaël" ->
// "raphael", "Łukasz" -> "lukasz"). Everything else is kept.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	// Names in Latin letters fold a letter at a time from a table: the
	// decomposition of a whole string (foldSlow) was two thirds of the
	// time extraction spent folding.
	table := latinFold()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= latinEnd {
			return foldSlow(s)
		}
		if r < utf8.RuneSelf {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteString(table[r])
		}
	}
	return b.String()
}

// latinEnd ends the letters latinFold covers: Latin-1 and Latin Extended-A
// and -B. Each decomposes on its own, into a letter and combining marks
// that Fold drops, so folding them one by one gives what foldSlow gives
// for a whole string of them.
const latinEnd = 0x250

// latinFold is built on first use, not when the package initialises: it
// takes ~0.5 ms, which every kg process would pay, queries included.
var latinFold = sync.OnceValue(func() *[latinEnd]string {
	var t [latinEnd]string
	for r := rune(0); r < latinEnd; r++ {
		t[r] = foldSlow(string(r))
	}
	return &t
})

// foldSlow is Fold for any string: compatibility decomposition, combining
// marks removed, foldMap's letters spelled out, the rest in lower case.
func foldSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if m, ok := foldMap[r]; ok {
			b.WriteString(m)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Key returns the lookup key of a spelling: folded, with everything but
// letters and digits removed, and "&" read as "and". "Argo CD", "ArgoCD" and
// "argo-cd" share the key "argocd". The alias index is keyed by it.
func Key(s string) string {
	f := Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	for _, r := range f {
		switch {
		case r == '&':
			b.WriteString("and")
		case r == '+':
			b.WriteString("plus")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Slug returns the id part of a name: folded, with runs of anything but
// letters and digits turned into one hyphen ("Liz Rice" -> "liz-rice",
// "CRI-O" -> "cri-o", "C++" -> "c-plus-plus"). A slug never starts or ends
// with a hyphen and is at most 80 bytes long.
func Slug(s string) string {
	f := Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	dash := false
	for _, r := range f {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '+':
			if b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString("plus")
			dash = true
		case r == '&':
			if b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString("and")
			dash = true
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 80 {
		out = out[:80]
		for !utf8.ValidString(out) {
			out = out[:len(out)-1]
		}
		out = strings.TrimRight(out, "-")
	}
	return out
}

// NodeID returns the id of a node of kind k named name: "kind:slug". It is
// the same whatever order sources arrive in. Talks use TalkID instead.
func NodeID(k NodeKind, name string) string {
	return string(k) + ":" + Slug(name)
}

// TalkID returns the id of a talk: "talk:<scope>/<title slug>", where scope
// is the slug of the talk's event id ("kcd-zurich-2023"), or of the source
// id when the event is unknown.
func TalkID(scope, title string) string {
	return "talk:" + IDSlug(scope) + "/" + Slug(title)
}

// IDSlug returns the part of an id after "kind:". For a talk id it is
// "scope/title".
func IDSlug(id string) string {
	if i := strings.IndexByte(id, ':'); i >= 0 {
		return id[i+1:]
	}
	return id
}

// IDKind returns the kind prefix of an id.
func IDKind(id string) NodeKind {
	if i := strings.IndexByte(id, ':'); i >= 0 {
		return NodeKind(id[:i])
	}
	return ""
}

// TalkScope returns the scope part of a talk id ("kcd-zurich-2023" for
// "talk:kcd-zurich-2023/ebpf-for-security"), or "" if id is not a talk id.
func TalkScope(id string) string {
	if IDKind(id) != Talk {
		return ""
	}
	s := IDSlug(id)
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i]
	}
	return ""
}
