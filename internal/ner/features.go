package ner

import (
	"strings"

	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/segment"
)

// Features are 64-bit hashes of (template, value) pairs, computed without
// allocating: the tagger's hot path runs once per token.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hbyte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	h *= fnvPrime
	return h
}

// feat hashes a template id with up to two values.
func feat(tmpl byte, a, b string) uint64 {
	h := hbyte(fnvOffset, tmpl)
	h = hstr(h, a)
	h = hbyte(h, 0)
	return hstr(h, b)
}

// docContext holds what the whole document says about its words: which
// appear in lower case, and which appear capitalised inside a sentence.
// Both tell a name from a capitalised common word at a sentence start.
type docContext struct {
	lower   map[string]bool
	capsMid map[string]bool
	// hist counts, per capitalised word, the types the tagger gave it
	// earlier in the document (0 O, 1 PER, 2 ORG, 3 LOC, 4 MISC): a name
	// keeps its label through the article ("John Kerry" … "Kerry").
	hist map[string]*[5]int
}

func (c *docContext) remember(lower string, tag int) {
	if c == nil {
		return
	}
	h := c.hist[lower]
	if h == nil {
		h = &[5]int{}
		c.hist[lower] = h
	}
	h[(tag+1)/2]++
}

func (c *docContext) reset() { c.hist = map[string]*[5]int{} }

var histNames = [5]string{"O", "PER", "ORG", "LOC", "MISC"}

func newDocContext(sents [][]string) *docContext {
	c := &docContext{lower: map[string]bool{}, capsMid: map[string]bool{}, hist: map[string]*[5]int{}}
	for _, s := range sents {
		for i, w := range s {
			r, _ := utf8.DecodeRuneInString(w)
			switch {
			case unicode.IsLower(r):
				c.lower[w] = true
			case unicode.IsUpper(r) && i > 0 && !segment.AllCaps(w):
				c.capsMid[strings.ToLower(w)] = true
			}
		}
	}
	return c
}

// token is a word with its precomputed forms.
type token struct {
	w, lower, shape string
	gaz             string // gazetteer BIO tag over the sentence ("B-GPE", "I-ORG", "")
	class           string // classOf(lower), from wordClasses
}

// shapeOf is a word's shape (segment.AppendShape) with ASCII punctuation
// kept as it is and other runes as "*": "U.S." → "X.X.".
func shapeOf(w string) string {
	var buf [24]byte
	b := segment.AppendShape(buf[:0], w, len(buf), asciiOrStar)
	n := len(b)
	if s, ok := commonShapes[string(b[:n])]; ok {
		return s // no allocation for the shapes most words have
	}
	return string(b[:n])
}

func asciiOrStar(r rune) byte {
	if r < 128 {
		return byte(r)
	}
	return '*'
}

// commonShapes holds every shape of two to four classes made of X, x, d,
// '.', '-' and ',' ("Xx", "X.X.", "d,d"), made once: the tagger asks for
// the shape of every word, and most have one of these.
var commonShapes = func() map[string]string {
	const classes = "Xxd.-,"
	m := map[string]string{}
	var grow func(s string)
	grow = func(s string) {
		if len(s) >= 2 {
			m[s] = s
		}
		if len(s) == 4 {
			return
		}
		for _, c := range []byte(classes) {
			if len(s) == 0 || s[len(s)-1] != c {
				grow(s + string(c))
			}
		}
	}
	grow("")
	return m
}()

// gazCity is the gazetteer tag of a city or subdivision name, told apart
// from a country's: such names are often also surnames ("Kerry").
const gazCity = "CITY"

// gazTags are the gazetteer BIO tags of each type, made once.
var gazTags = func() map[string][2]string {
	m := map[string][2]string{}
	for _, t := range []string{"GPE", gazCity, "LOC", "ORG", "PER", "NORP", "FAC", "EVENT", "MISC"} {
		m[t] = [2]string{"B-" + t, "I-" + t}
	}
	return m
}()

// prepare computes word forms and gazetteer matches for a sentence, into
// dst's memory when it has room (the tagger reuses one buffer across a
// document's sentences).
func (lx *lexicon) prepare(dst []token, words []string) []token {
	toks := dst[:0]
	if cap(toks) < len(words) {
		toks = make([]token, len(words))
	}
	toks = toks[:len(words)]
	for i, w := range words {
		lower := strings.ToLower(w)
		toks[i] = token{w: w, lower: lower, shape: shapeOf(w), class: lx.wordClasses[lower]}
	}
	// Each word's normal form is made once into one buffer (ends[j] is
	// where word j's ends); a phrase is a slice of it.
	var nb [256]byte
	norm := nb[:0]
	var eb [64]int
	ends := eb[:0]
	for i := range toks {
		norm = appendNorm(norm, toks[i].w)
		ends = append(ends, len(norm))
		norm = append(norm, ' ')
	}
	for i := 0; i < len(toks); i++ {
		if !isCap(toks[i].w) {
			continue
		}
		if n, typ := lx.longestGaz(toks, norm, ends, i); n > 0 {
			tags, ok := gazTags[typ]
			if !ok {
				tags = [2]string{"B-" + typ, "I-" + typ}
			}
			toks[i].gaz = tags[0]
			for k := i + 1; k < i+n; k++ {
				toks[k].gaz = tags[1]
			}
			i += n - 1
		}
	}
	return toks
}

// longestGaz is the longest gazetteer phrase of capitalised words starting
// at token i: its length in words (0 when none) and its gazetteer tag
// type. norm and ends hold the words' normal forms.
func (lx *lexicon) longestGaz(toks []token, norm []byte, ends []int, i int) (n int, typ string) {
	var kb [128]byte
	key := kb[:0]
	for j := i; j < len(toks) && j < i+lx.maxGazLen; j++ {
		if j > i {
			key = append(key, ' ')
		}
		from := 0
		if j > 0 {
			from = ends[j-1] + 1
		}
		key = append(key, norm[from:ends[j]]...)
		if e, ok := lx.gazetteer[string(key)]; ok && isCap(toks[j].w) {
			n, typ = j-i+1, string(e.Type)
			if e.Type == doc.TypeGPE && !lx.strongGaz(e) {
				typ = gazCity
			}
		}
		if !lx.gazPrefixes[string(key)] {
			break // no longer phrase starts with this one
		}
	}
	return n, typ
}

// classOf is a word's lexicon class ("title", "orghead", …) or "". The
// lexicon builds wordClasses from it once, so a token's class costs one
// look-up.
func (lx *lexicon) classOf(w string) string {
	switch {
	case lx.titleWords[w]:
		return "title"
	case lx.titleMods[w]:
		return "titlemod"
	case lx.orgHeads[w]:
		return "orghead"
	case lx.locHeads[w]:
		return "lochead"
	case lx.monthsDays[w]:
		return "date"
	case lx.particles[w]:
		return "particle"
	case lx.funcWords[w]:
		return "func"
	}
	return ""
}

// features appends the features of token i given the two previous tags,
// in a fixed order (scores are summed in it): the word and its neighbours
// up to two tokens away, their shapes and bigrams, the previous tags and
// the gazetteer tag; prefixes and suffixes of 1-4 bytes of the lower-case
// word; its casing in the document; the word classes of the word and its
// neighbours with the neighbours' gazetteer tags; then the document
// history and the word's own make (wordFeatures). The tagger's hot path:
// the groups that need no branching are written out here rather than
// called.
func (lx *lexicon) features(out []uint64, toks []token, i int, prev, prev2 string, dc *docContext) []uint64 {
	t := toks[i]
	get := func(k int) (string, string) {
		if k < 0 {
			return "<s>", "<s>"
		}
		if k >= len(toks) {
			return "</s>", "</s>"
		}
		return toks[k].lower, toks[k].shape
	}
	lm1, sm1 := get(i - 1)
	lp1, sp1 := get(i + 1)
	lm2, _ := get(i - 2)
	lp2, _ := get(i + 2)
	out = append(out,
		feat(0, "", ""),
		feat(1, t.w, ""),
		feat(2, t.lower, ""),
		feat(3, t.shape, ""),
		feat(4, lm1, ""),
		feat(5, lp1, ""),
		feat(6, lm2, ""),
		feat(7, lp2, ""),
		feat(8, sm1, t.shape),
		feat(9, t.shape, sp1),
		feat(10, lm1, t.lower),
		feat(11, t.lower, lp1),
		feat(12, prev, ""),
		feat(13, prev, prev2),
		feat(14, prev, t.lower),
		feat(15, prev, t.shape),
		feat(16, t.gaz, ""),
		feat(17, t.gaz, prev),
		feat(40, sm1, ""),
		feat(41, sp1, ""),
	)
	lw := t.lower
	for n := 1; n <= 4 && n <= len(lw); n++ {
		out = append(out, feat(18, lw[:n], ""), feat(19, lw[len(lw)-n:], ""))
	}
	out = dc.casingFeatures(out, toks, i)
	if c := t.class; c != "" {
		out = append(out, feat(23, c, ""))
	}
	if i > 0 {
		if c := toks[i-1].class; c != "" {
			out = append(out, feat(24, c, ""))
		}
		out = append(out, feat(27, toks[i-1].gaz, t.gaz))
	}
	if i+1 < len(toks) {
		if c := toks[i+1].class; c != "" {
			out = append(out, feat(25, c, ""))
		}
		out = append(out, feat(28, toks[i+1].gaz, ""))
	}
	return lx.wordFeatures(out, t, dc)
}

// casingFeatures: the shape of a sentence's first word, and whether the
// document also writes a capitalised word in lower case (or, for a
// sentence-initial one, capitalised mid-sentence). A sentence-initial
// capitalised word that the document also uses in lower case is probably
// not a name.
func (c *docContext) casingFeatures(out []uint64, toks []token, i int) []uint64 {
	t := toks[i]
	if i > 0 {
		if c != nil && isCap(t.w) && c.lower[t.lower] {
			out = append(out, feat(22, "lower-elsewhere", ""))
		}
		return out
	}
	out = append(out, feat(20, t.shape, ""))
	if c == nil || !isCap(t.w) {
		return out
	}
	if c.lower[t.lower] {
		out = append(out, feat(21, "lower-elsewhere", ""))
	}
	if c.capsMid[t.lower] {
		out = append(out, feat(21, "caps-elsewhere", ""))
	}
	return out
}

// wordFeatures: the types the tagger gave the same capitalised word
// earlier in the document (each, and the most frequent), a demonym, and
// the suffix of a hyphenated word ("-based") with the gazetteer type of
// what comes before it ("U.S.-led").
func (lx *lexicon) wordFeatures(out []uint64, t token, dc *docContext) []uint64 {
	if dc != nil && isCap(t.w) {
		if h := dc.hist[t.lower]; h != nil {
			best, n := 0, 0
			for k, count := range h {
				if count > n {
					best, n = k, count
				}
				if count > 0 {
					out = append(out, feat(32, histNames[k], ""))
				}
			}
			out = append(out, feat(31, histNames[best], ""))
		}
	}
	if _, ok := lx.demonyms[t.w]; ok {
		out = append(out, feat(26, "demonym", ""))
	}
	if !strings.Contains(t.w, "-") {
		return out
	}
	if j := strings.LastIndexByte(t.w, '-'); j > 0 {
		out = append(out, feat(29, strings.ToLower(t.w[j+1:]), ""))
		if e, ok := lx.gazLookup(t.w[:j]); ok {
			out = append(out, feat(30, string(e.Type), ""))
		}
	}
	return out
}
