package ingest

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/storyline-news/storyline/internal/doc"
)

// ErrEncoding is returned for text that is neither UTF-8 nor a single-byte
// encoding we can repair.
var ErrEncoding = errors.New("invalid UTF-8 that cannot be repaired")

// decodeText returns valid UTF-8. Text with invalid UTF-8 is taken to be
// Windows-1252 (the usual culprit in news archives) when that decoding
// gives printable text; otherwise it is rejected.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	bad := 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	// Mostly invalid: not a text encoding we know.
	if bad*2 > len(data) {
		return "", ErrEncoding
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", ErrEncoding
	}
	return string(out), nil
}

var (
	zeroWidth = strings.NewReplacer("\u200b", "", "\u200c", "", "\u200d", "", "\ufeff", "", "\u00ad", "",
		"\u00a0", " ", "\u2009", " ", "\u202f", " ", "\u2007", " ", "\r\n", "\n", "\r", "\n", "\t", " ")
	manyBlank = regexp.MustCompile(`\n{3,}`)
	manySpace = regexp.MustCompile(` {2,}`)
)

// Normalize applies NFC, drops zero-width characters, unifies line ends
// and spaces, and trims each line. Curly quotes are kept: later stages
// match both kinds.
func Normalize(s string) string {
	s = norm.NFC.String(s)
	s = zeroWidth.Replace(s)
	s = strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = manySpace.ReplaceAllString(strings.TrimSpace(l), " ")
	}
	s = strings.Join(lines, "\n")
	s = manyBlank.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}

// dedupeLines removes every line that repeats an earlier line of the same
// document verbatim (after white-space normalisation), returning the text
// and how many lines were removed. Captions and lead paragraphs are often
// repeated by CMS templates.
func dedupeLines(s string) (string, int) {
	lines := strings.Split(s, "\n")
	seen := make(map[string]bool, len(lines))
	out := lines[:0]
	removed := 0
	for _, l := range lines {
		key := strings.ToLower(strings.TrimSpace(l))
		if key == "" {
			// Keep single blank separators only.
			if len(out) > 0 && out[len(out)-1] == "" {
				continue
			}
			out = append(out, l)
			continue
		}
		if seen[key] {
			removed++
			continue
		}
		seen[key] = true
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")), removed
}

// FromText builds a document from plain text: normalised, repeated lines
// removed, a title taken from a short first line, credits recognised.
func FromText(id, raw string) *doc.Doc {
	text := Normalize(Unwrap(raw))
	text, removed := dedupeLines(text)
	d := &doc.Doc{ID: id, Text: text}
	if removed > 0 {
		d.Meta = map[string]any{"duplicate_lines_removed": removed}
	}
	d.Title = guessTitle(text)
	FindCredits(d)
	return d
}

// guessTitle returns the first line when it looks like a headline: short,
// followed by more text, and not ending like a sentence (an initialism such
// as "U.S." may end a headline).
func guessTitle(text string) string {
	nl := strings.IndexByte(text, '\n')
	if nl < 0 {
		return ""
	}
	first := strings.TrimSpace(text[:nl])
	if first == "" || len(first) > 120 || strings.Count(first, " ") > 18 {
		return ""
	}
	if strings.HasSuffix(first, ".") {
		words := strings.Fields(first)
		last := strings.TrimSuffix(words[len(words)-1], ".")
		if !strings.Contains(last, ".") { // not an initialism like U.S.
			return ""
		}
	}
	if strings.HasSuffix(first, ":") || strings.HasSuffix(first, ",") {
		return ""
	}
	return first
}

var (
	sourceLine  = regexp.MustCompile(`(?i)^(source|sources|credit|credits|photo|photos|image|picture|via)\s*:\s*(.+)$`)
	parenCredit = regexp.MustCompile(`\(([^()]{2,80}/[^()]{2,80})\)\s*$`)
	// "… 'barely alive' Denis Balibouse/Reuters": a name, a slash, an agency,
	// at the end of a line.
	trailCredit = regexp.MustCompile(`(?:^|[\s'"’”])((?:\p{Lu}[\p{L}.'’-]*\s){0,3}\p{Lu}[\p{L}.'’-]*/\p{Lu}[\p{L}&.'’ -]{1,40})\s*$`)
	camelSplit  = regexp.MustCompile(`^(\p{Lu}{2,})(\p{Lu}\p{Ll}+)$`)
)

// FindCredits marks source lines, photo credits and captions, and sets the
// document's Source from a "Source:" line when none is given.
func FindCredits(d *doc.Doc) {
	d.Credits = d.Credits[:0]
	off := 0
	for _, line := range strings.SplitAfter(d.Text, "\n") {
		l := strings.TrimRight(line, "\n")
		start := off
		off += len(line)
		if strings.TrimSpace(l) == "" {
			continue
		}
		span := doc.Span{Start: start, End: start + len(l)}
		if m := sourceLine.FindStringSubmatchIndex(l); m != nil && len(l) < 120 {
			label := strings.ToLower(l[m[2]:m[3]])
			outlet := ""
			kind := "photo"
			if strings.HasPrefix(label, "source") || label == "via" {
				kind = "source"
				outlet = OutletName(l[m[4]:m[5]])
			}
			d.Credits = append(d.Credits, doc.Credit{Span: span, Kind: kind, Outlet: outlet})
			if kind == "source" && d.Source == "" && outlet != "" {
				d.Source = outlet
			}
			continue
		}
		if m := parenCredit.FindStringSubmatchIndex(l); m != nil && looksLikeCredit(l[m[2]:m[3]]) {
			d.Credits = append(d.Credits,
				doc.Credit{Span: span, Kind: "caption"},
				doc.Credit{Span: doc.Span{Start: start + m[0], End: start + m[1]}, Kind: "photo", Outlet: agency(l[m[2]:m[3]])})
			continue
		}
		if m := trailCredit.FindStringSubmatchIndex(l); m != nil && looksLikeCredit(l[m[2]:m[3]]) {
			d.Credits = append(d.Credits,
				doc.Credit{Span: span, Kind: "caption"},
				doc.Credit{Span: doc.Span{Start: start + m[2], End: start + m[3]}, Kind: "photo", Outlet: agency(l[m[2]:m[3]])})
		}
	}
}

// looksLikeCredit: "Name Surname/Agency" with capitalised parts, no digits.
func looksLikeCredit(s string) bool {
	if strings.ContainsAny(s, "0123456789") {
		return false
	}
	parts := strings.Split(s, "/")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return false
		}
		r, _ := utf8.DecodeRuneInString(p)
		if !unicode.IsUpper(r) {
			return false
		}
		if len(strings.Fields(p)) > 4 {
			return false
		}
	}
	return true
}

func agency(s string) string {
	parts := strings.Split(s, "/")
	if len(parts) < 2 {
		return ""
	}
	return strings.TrimSpace(parts[1])
}

// OutletName turns a credit such as "TRTWorld and agencies" into an outlet
// name ("TRT World").
func OutletName(s string) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{" and agencies", " and wires", " with agencies", ",", ";", " and ", " / "} {
		if i := strings.Index(strings.ToLower(s), sep); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	words := strings.Fields(s)
	for i, w := range words {
		if m := camelSplit.FindStringSubmatch(w); m != nil {
			words[i] = m[1] + " " + m[2]
		}
	}
	return strings.Join(words, " ")
}

// Unwrap joins hard-wrapped lines (wire copy, e-mail, old archives: lines
// cut at a fixed width with paragraphs marked by indentation or blank
// lines). It leaves text alone unless most of its lines look wrapped: of
// similar width and ending mid-sentence.
func Unwrap(raw string) string {
	raw = strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(raw, "\n")
	nonEmpty, wrapped := 0, 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		nonEmpty++
		n := utf8.RuneCountInString(t)
		last, _ := utf8.DecodeLastRuneInString(t)
		if n >= 40 && n <= 100 && !strings.ContainsRune(".!?:\"”’)", last) {
			wrapped++
		}
	}
	if nonEmpty < 4 || wrapped*10 < nonEmpty*4 {
		return raw
	}
	var b strings.Builder
	para := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			if para {
				b.WriteString("\n\n")
			}
			para = false
		case para && (l[0] == ' ' || l[0] == '\t'):
			// An indented line opens a new paragraph.
			b.WriteString("\n\n")
			b.WriteString(t)
		case para:
			b.WriteByte(' ')
			b.WriteString(t)
		default:
			b.WriteString(t)
			para = true
		}
	}
	return b.String()
}
