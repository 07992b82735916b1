package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Format is the syntax of an input.
type Format string

// Input formats.
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	HTML     Format = "html"
)

// InputError is bad input: the file cannot be read as a recap. Name is the
// file, Reason says why in a few words.
type InputError struct {
	Name   string
	Reason string
}

func (e *InputError) Error() string { return e.Name + ": " + e.Reason }

// ErrInput is matched by every *InputError with errors.Is.
var ErrInput = errors.New("bad input")

// Is makes errors.Is(err, ErrInput) true for input errors.
func (e *InputError) Is(target error) bool { return target == ErrInput }

// Decoded is an input's text as UTF-8, with what had to be repaired.
type Decoded struct {
	Text     string
	Warnings []string
}

// Decode reads at most max bytes from r (max <= 0 means no limit) and
// returns its text as UTF-8. UTF-16 with a byte-order mark is converted; a
// UTF-8 BOM is dropped; invalid UTF-8 sequences are replaced by U+FFFD and
// reported in Warnings. Empty input, input over max bytes and binary input
// (NUL bytes, or mostly control characters) are refused with an *InputError.
func Decode(r io.Reader, name string, max int64) (Decoded, error) {
	var buf []byte
	var err error
	if max > 0 {
		buf, err = io.ReadAll(io.LimitReader(r, max+1))
	} else {
		buf, err = io.ReadAll(r)
	}
	if err != nil {
		return Decoded{}, &InputError{name, "cannot read: " + err.Error()}
	}
	if max > 0 && int64(len(buf)) > max {
		return Decoded{}, &InputError{name, fmt.Sprintf("larger than the %d MB limit (use --max-size)", max>>20)}
	}
	return DecodeBytes(buf, name)
}

// DecodeBytes is Decode on bytes already read.
func DecodeBytes(buf []byte, name string) (Decoded, error) {
	var d Decoded
	switch {
	case bytes.HasPrefix(buf, []byte{0xEF, 0xBB, 0xBF}):
		buf = buf[3:]
	case bytes.HasPrefix(buf, []byte{0xFF, 0xFE}), bytes.HasPrefix(buf, []byte{0xFE, 0xFF}):
		buf = decodeUTF16(buf)
		d.Warnings = append(d.Warnings, name+": converted from UTF-16")
	}
	if len(bytes.TrimSpace(buf)) == 0 {
		return d, &InputError{name, "empty file"}
	}
	if isBinary(buf) {
		return d, &InputError{name, "binary file, not a text recap"}
	}
	if !utf8.Valid(buf) {
		buf = bytes.ToValidUTF8(buf, []byte("\uFFFD"))
		d.Warnings = append(d.Warnings, name+": invalid UTF-8 repaired (bad bytes replaced by U+FFFD)")
	}
	d.Text = strings.ReplaceAll(string(buf), "\r\n", "\n")
	d.Text = strings.ReplaceAll(d.Text, "\r", "\n")
	return d, nil
}

func decodeUTF16(b []byte) []byte {
	big := b[0] == 0xFE
	b = b[2:]
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if big {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// isBinary looks at the first 8 KB: any NUL byte, or more than 10% control
// characters other than tab, newline, carriage return and form feed.
func isBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	ctrl := 0
	for _, c := range b {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f':
			ctrl++
		}
	}
	return ctrl*10 > len(b)
}

// DetectFormat chooses the syntax of an input from its file name and, when
// the extension is missing or unknown, from its content.
func DetectFormat(name, text string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return Markdown
	case ".html", ".htm", ".xhtml":
		if looksHTML(text) {
			return HTML
		}
	case ".txt", ".text", ".gmi", ".gemini":
		if looksHTML(text) {
			return HTML
		}
		return Text
	}
	switch {
	case looksHTML(text):
		return HTML
	case looksMarkdown(text):
		return Markdown
	}
	return Text
}

func looksHTML(s string) bool {
	head := strings.ToLower(strings.TrimSpace(prefix(s, 2048)))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.Contains(head, "<body") || strings.Contains(head, "<head>") ||
		(strings.HasPrefix(head, "<") && (strings.Contains(head, "<p>") || strings.Contains(head, "<div")))
}

func looksMarkdown(s string) bool {
	if strings.HasPrefix(s, "---\n") {
		return true
	}
	n := 0
	for _, l := range strings.SplitN(prefix(s, 8192), "\n", 200) {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") && strings.Contains(t, "# ") || strings.Contains(t, "](") || strings.HasPrefix(t, "```") {
			n++
		}
	}
	return n >= 2
}

func prefix(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
