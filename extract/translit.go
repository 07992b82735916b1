package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names of people and companies in Cyrillic letters get their spelling in
// Latin letters as an alias, so that "Maria Kuznetsova" finds the
// speaker a Russian recap calls "Мария Кузнецова". The scheme is the
// one English-language press uses for Russian and Ukrainian names (as
// BGN/PCGN, with "ий" at a word's end as "y": "Дмитрий" is "Dmitry").

var cyrLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
}

// latinSpelling returns s in Latin letters when it has Cyrillic ones.
func latinSpelling(s string) (string, bool) {
	if !hasCyrillic(s) {
		return "", false
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		lr := unicode.ToLower(r)
		t, ok := cyrLatin[lr]
		if !ok {
			b.WriteRune(r)
			continue
		}
		// "ий", "ый" at a word's end: "Дмитрий" Dmitry, "Василий" Vasily
		if (lr == 'и' || lr == 'ы') && i+1 < len(rs) && unicode.ToLower(rs[i+1]) == 'й' && (i+2 == len(rs) || !unicode.IsLetter(rs[i+2])) {
			t = "y"
			i++
		}
		if r != lr && t != "" {
			rt, n := utf8.DecodeRuneInString(t)
			t = string(unicode.ToUpper(rt)) + t[n:]
		}
		b.WriteString(t)
	}
	return b.String(), true
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r <= 0x4ff {
			return true
		}
	}
	return false
}
