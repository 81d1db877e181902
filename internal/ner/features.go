package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
			case unicode.IsUpper(r) && i > 0 && !isAllCaps(w):
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

// shapeOf maps letters and digits to X, x, d and collapses runs of the
// same class: "McDonald" → "XxXx", "1996-08-22" → "d-d-d", "U.S." → "X.X.".
func shapeOf(w string) string {
	var b [24]byte
	n := 0
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
		case r < 128:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		if n < len(b) {
			b[n] = c
			n++
		}
	}
	return string(b[:n])
}

// gazTags are the gazetteer BIO tags, made once.
var gazTags = map[string][2]string{}

func init() {
	for _, t := range []string{"GPE", "CITY", "LOC", "ORG", "PER", "NORP", "FAC", "EVENT", "MISC"} {
		gazTags[t] = [2]string{"B-" + t, "I-" + t}
	}
}

// prepare computes word forms and gazetteer matches for a sentence.
func prepare(words []string) []token {
	loadLexicon()
	toks := make([]token, len(words))
	for i, w := range words {
		lower := strings.ToLower(w)
		toks[i] = token{w: w, lower: lower, shape: shapeOf(w), class: wordClasses[lower]}
	}
	// Longest gazetteer match starting at each capitalised word. Each
	// word's normal form is made once into one buffer (ends[j] is where
	// word j's ends); a phrase is a slice of it.
	var nb [256]byte
	norm := nb[:0]
	var eb [64]int
	ends := eb[:0]
	for i := range toks {
		norm = appendNorm(norm, toks[i].w)
		ends = append(ends, len(norm))
		norm = append(norm, ' ')
	}
	var kb [128]byte
	for i := 0; i < len(toks); i++ {
		if !isCap(toks[i].w) {
			continue
		}
		best, typ := 0, ""
		key := kb[:0]
		for j := i; j < len(toks) && j < i+maxGazLen; j++ {
			if j > i {
				key = append(key, ' ')
			}
			from := 0
			if j > 0 {
				from = ends[j-1] + 1
			}
			key = append(key, norm[from:ends[j]]...)
			if e, ok := gazetteer[string(key)]; ok && isCap(toks[j].w) {
				best, typ = j-i+1, e.Type
				if e.Type == "GPE" && !strongGaz(e) {
					typ = "CITY"
				}
			}
			if !gazPrefixes[string(key)] {
				break // no longer phrase starts with this one
			}
		}
		if best > 0 {
			tags, ok := gazTags[typ]
			if !ok {
				tags = [2]string{"B-" + typ, "I-" + typ}
			}
			toks[i].gaz = tags[0]
			for k := i + 1; k < i+best; k++ {
				toks[k].gaz = tags[1]
			}
			i += best - 1
		}
	}
	return toks
}

// classOf is a word's lexicon class ("title", "orghead", …) or "". The
// lexicon builds wordClasses from it once, so a token's class costs one
// look-up.
func classOf(w string) string {
	switch {
	case titleWords[w]:
		return "title"
	case titleMods[w]:
		return "titlemod"
	case orgHeads[w]:
		return "orghead"
	case locHeads[w]:
		return "lochead"
	case monthsDays[w]:
		return "date"
	case particles[w]:
		return "particle"
	case funcWords[w]:
		return "func"
	}
	return ""
}

// features appends the features of token i given the two previous tags.
func features(out []uint64, toks []token, i int, prev, prev2 string, dc *docContext) []uint64 {
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
	// Prefixes and suffixes of the lower-case word.
	lw := t.lower
	for n := 1; n <= 4 && n <= len(lw); n++ {
		out = append(out, feat(18, lw[:n], ""), feat(19, lw[len(lw)-n:], ""))
	}
	if i == 0 {
		out = append(out, feat(20, t.shape, ""))
		if dc != nil && isCap(t.w) {
			// A sentence-initial capitalised word that the document also
			// uses in lower case is probably not a name.
			if dc.lower[t.lower] {
				out = append(out, feat(21, "lower-elsewhere", ""))
			}
			if dc.capsMid[t.lower] {
				out = append(out, feat(21, "caps-elsewhere", ""))
			}
		}
	} else if dc != nil && isCap(t.w) && dc.lower[t.lower] {
		out = append(out, feat(22, "lower-elsewhere", ""))
	}
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
	if dc != nil && isCap(t.w) {
		if h := dc.hist[t.lower]; h != nil {
			best, n := 0, 0
			for k, c := range h {
				if c > n {
					best, n = k, c
				}
				if c > 0 {
					out = append(out, feat(32, histNames[k], ""))
				}
			}
			out = append(out, feat(31, histNames[best], ""))
		}
	}
	if _, ok := demonyms[t.w]; ok {
		out = append(out, feat(26, "demonym", ""))
	}
	if strings.Contains(t.w, "-") {
		if j := strings.LastIndexByte(t.w, '-'); j > 0 {
			out = append(out, feat(29, strings.ToLower(t.w[j+1:]), ""))
			if e, ok := gazLookup(t.w[:j]); ok {
				out = append(out, feat(30, e.Type, ""))
			}
		}
	}
	return out
}
