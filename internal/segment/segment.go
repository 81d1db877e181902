// Package segment splits a document's cleaned text into paragraphs,
// sentences and tokens, all as byte offsets. It is the first per-document
// stage: every later stage works on its layers.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
)

// abbreviations end with a period that does not end a sentence. Keys are
// lower-case and without the final period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true,
	"st": true, "gen": true, "col": true, "lt": true, "maj": true, "capt": true, "cpt": true, "sgt": true,
	"rep": true, "sen": true, "gov": true, "pres": true, "rev": true, "hon": true, "adm": true, "cmdr": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "bros": true, "no": true, "nos": true, "vs": true, "etc": true,
	"approx": true, "est": true, "dept": true, "univ": true, "ave": true, "blvd": true, "mt": true, "ft": true,
	"e.g": true, "i.e": true, "a.m": true, "p.m": true, "u.s": true, "u.k": true, "u.n": true, "e.u": true,
}

// Run adds paragraphs, sentences and tokens to d.
func Run(d *doc.Doc) {
	d.Paragraphs = Paragraphs(d.Text)
	// New slices, never the old ones refilled: a copy of the document
	// (doc.Clone) shares them.
	d.Sentences, d.Tokens = nil, nil
	for _, p := range d.Paragraphs {
		toks := Tokenize(d.Text, p)
		k := 0 // sentences and tokens are both in order: one pass over each
		for _, s := range sentences(d.Text, toks, p) {
			si := len(d.Sentences)
			d.Sentences = append(d.Sentences, s)
			for k < len(toks) && toks[k].Start < s.Start {
				k++
			}
			for ; k < len(toks) && toks[k].End <= s.End; k++ {
				d.Tokens = append(d.Tokens, NewToken(d.Text, toks[k], si))
			}
		}
	}
}

// NewToken is the token of text under span t, in sentence si, with its
// lower-case form and flags.
func NewToken(text string, t doc.Span, si int) doc.Token {
	w := text[t.Start:t.End]
	tk := doc.Token{Span: t, Sentence: si, Lower: strings.ToLower(w), Poss: possessive(w)}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		tk.Flags |= doc.Word
	}
	if unicode.IsUpper(r) {
		tk.Flags |= doc.Cap
	}
	if unicode.IsDigit(r) {
		tk.Flags |= doc.Digit
	}
	if AllCaps(w[:len(w)-int(tk.Poss)]) {
		tk.Flags |= doc.AllCaps
	}
	if strings.IndexByte(w, '-') > 0 {
		tk.Flags |= doc.Hyphenated
	}
	return tk
}

// possessive is the byte length of the possessive ending of word w
// ("'s", "’s", or a bare apostrophe after a plural), 0 when none or when
// too little would be left of the word.
func possessive(w string) int8 {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
			return int8(len(suf))
		}
	}
	return 0
}

// AllCaps reports at least two letters, all upper case (a token's flag is
// this of the word without its possessive ending: "NATO's" is all caps).
func AllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// Paragraphs returns one span per non-empty line, trimmed of surrounding
// white space. News text puts one paragraph on a line; blank lines only add
// spacing.
func Paragraphs(text string) []doc.Span {
	var out []doc.Span
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, doc.Span{Start: s, End: e})
		}
		start = end + 1
	}
	return out
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == '\v'
}

// Tokenize splits the text under span p into tokens. Words keep internal
// apostrophes, hyphens and periods of initialisms ("U.S.", "al-Assad",
// "don't"); numbers keep thousands separators and decimals ("1,200.5").
func Tokenize(text string, p doc.Span) []doc.Span {
	toks := make([]doc.Span, 0, (p.End-p.Start)/5+1)
	i := p.Start
	for i < p.End {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		start := i
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			i = wordEnd(text, i, p.End)
		default:
			i += n
		}
		toks = append(toks, doc.Span{Start: start, End: i})
	}
	return toks
}

// wordEnd scans a word or number starting at i.
func wordEnd(text string, i, end int) int {
	start := i
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			i += n
			continue
		}
		if i+n < end && joins(text, start, i, r, n) {
			i += n
			continue
		}
		break
	}
	return abbreviationEnd(text, start, i, end)
}

// joins reports whether the joiner r at i (' ’ - . , / &) continues the
// word that began at start: "1,200", "24/7", "3.5", "U.S", "AT&T",
// "al-Assad", "don't".
func joins(text string, start, i int, r rune, n int) bool {
	if r != '\'' && r != '’' && r != '-' && r != '.' && r != ',' && r != '/' && r != '&' {
		return false
	}
	nr, _ := utf8.DecodeRuneInString(text[i+n:])
	prev, _ := utf8.DecodeLastRuneInString(text[start:i])
	switch r {
	case ',', '/':
		return unicode.IsDigit(prev) && unicode.IsDigit(nr) // 1,200 and 24/7 only between digits
	case '.':
		// 3.5 or U.S (initialisms: single letters between dots).
		return unicode.IsDigit(prev) && unicode.IsDigit(nr) || unicode.IsLetter(nr) && isInitialism(text[start:i])
	case '&':
		return unicode.IsUpper(prev) && unicode.IsUpper(nr) // AT&T
	}
	return unicode.IsLetter(nr) || unicode.IsDigit(nr)
}

// abbreviationEnd takes the trailing period of an initialism or known
// abbreviation into the word that ends at i: "U.S." "Feb." "Dr.";
// "U.S.-backed" stays one word.
func abbreviationEnd(text string, start, i, end int) int {
	if i >= end || text[i] != '.' {
		return i
	}
	w := text[start:i]
	if !strings.Contains(w, ".") && !(abbreviations[strings.ToLower(w)] && startsUpper(w)) &&
		!(utf8.RuneCountInString(w) == 1 && unicode.IsUpper(rune(w[0]))) {
		return i
	}
	i++
	if i+1 < end && text[i] == '-' {
		if r, _ := utf8.DecodeRuneInString(text[i+1:]); unicode.IsLetter(r) {
			return wordEnd(text, i+1, end)
		}
	}
	return i
}

func isInitialism(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	return true
}

// sentences splits a paragraph's tokens into sentences.
func sentences(text string, toks []doc.Span, p doc.Span) []doc.Span {
	var out []doc.Span
	quotes := quotesBefore(text, toks)
	start := -1
	for k := 0; k < len(toks); k++ {
		if start < 0 {
			start = toks[k].Start
		}
		if !endsSentence(text, toks, k) {
			continue
		}
		k = absorbClosers(text, toks, k, quotes)
		if k+1 < len(toks) {
			nw := text[toks[k+1].Start:toks[k+1].End]
			r, _ := utf8.DecodeRuneInString(nw)
			// A sentence boundary needs an upper-case, digit or quote start next.
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || isOpener(nw)) {
				continue
			}
		}
		out = append(out, doc.Span{Start: start, End: toks[k].End})
		start = -1
	}
	if start >= 0 && len(toks) > 0 {
		out = append(out, doc.Span{Start: start, End: toks[len(toks)-1].End})
	}
	return out
}

// endsSentence reports whether token k can end a sentence: final
// punctuation, or an initialism at the end of a clause ("... says U.S.
// The ...") when the next word starts a new one.
func endsSentence(text string, toks []doc.Span, k int) bool {
	w := text[toks[k].Start:toks[k].End]
	switch {
	case w == "." || w == "!" || w == "?" || w == "…":
		return true
	case !strings.HasSuffix(w, ".") || len(w) < 2 || k+1 >= len(toks):
		return false
	}
	nw := text[toks[k+1].Start:toks[k+1].End]
	r, _ := utf8.DecodeRuneInString(nw)
	lw := strings.ToLower(strings.TrimSuffix(w, "."))
	return unicode.IsUpper(r) && isInitialism(strings.TrimSuffix(w, ".")) && !lex.CapitalTitles[strings.TrimSuffix(nw, ".")] &&
		len(lw) > 1 && commonSentenceStarter(nw)
}

// absorbClosers takes closing quotes, brackets and repeated punctuation
// after token k into its sentence and returns the last token taken. A
// straight double quote closes only when a quotation is open (an odd
// number of them so far in the paragraph: quotes[k] counts those before
// token k).
func absorbClosers(text string, toks []doc.Span, k int, quotes []int) int {
	for k+1 < len(toks) && isCloser(text[toks[k+1].Start:toks[k+1].End]) {
		if text[toks[k+1].Start:toks[k+1].End] == "\"" && quotes[k+1]%2 == 0 {
			break
		}
		k++
	}
	return k
}

// quotesBefore counts, for each token, the straight double quotes before
// it in the paragraph (a quote is always a token of its own).
func quotesBefore(text string, toks []doc.Span) []int {
	out := make([]int, len(toks))
	n := 0
	for k, t := range toks {
		out[k] = n
		if text[t.Start:t.End] == "\"" {
			n++
		}
	}
	return out
}

// commonSentenceStarter: after an initialism like "U.S.", a following
// capitalised function word signals a new sentence.
func commonSentenceStarter(w string) bool {
	switch w {
	case "The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On", "At", "This", "That", "These", "Those", "There", "His", "Her", "Their", "Its", "As", "After", "When", "While", "However", "Meanwhile":
		return true
	}
	return false
}

func isCloser(w string) bool {
	switch w {
	case "\"", "”", "’", "'", ")", "]", "»", ".", "!", "?":
		return true
	}
	return false
}

func isOpener(w string) bool {
	switch w {
	case "\"", "“", "‘", "'", "(", "[", "«", "-", "—":
		return true
	}
	return false
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// AppendShape appends to dst the shape of w, at most limit bytes of it:
// upper-case letters as X, lower-case as x, digits as d, any other rune as
// other says, runs of one class collapsed ("McDonald" → "XxXx",
// "1996-08-22" → "d-d-d"). The taggers' features read it.
func AppendShape(dst []byte, w string, limit int, other func(rune) byte) []byte {
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = other(r)
		}
		if c != last && len(dst) < limit {
			dst = append(dst, c)
			last = c
		}
	}
	return dst
}
