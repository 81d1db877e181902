package timex

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
)

// cand is one recognised expression before normalisation.
type cand struct {
	doc.Span
	k                kind
	year, month, day int
	weekday          time.Weekday
	n                int    // count for durations and "ago"
	unit             string // D, W, M, Y, H, DE (decade)
	rel              string // last, this, next, past ...
	text             string
	future           bool
}

// wordStart is a place where a pattern may begin: a word that starts
// with a letter or digit, in a sentence.
type wordStart struct {
	start, end int    // the word's bytes
	lower      string // the word in lower case
	digit      bool   // it starts with a digit
}

// find returns the expressions of text, longest first where they overlap.
func find(d *doc.Doc) []cand {
	text := d.Text
	var cs []cand
	var starts []wordStart
	// Sentence by sentence: short inputs keep Go's regexp on its fast
	// backtracking path, and no expression crosses a sentence.
	paras := d.Sentences
	if len(paras) == 0 {
		paras = []doc.Span{{Start: 0, End: len(text)}}
	}
	for _, para := range paras {
		ptext := text[para.Start:para.End]
		lower := strings.ToLower(ptext)
		hasDigit := strings.ContainsAny(ptext, "0123456789")
		starts = starts[:0]
		for _, p := range patterns {
			rule := &scanRules[p.kind]
			if rule.digit && !hasDigit || !triggered(rule, ptext, lower) {
				continue
			}
			if len(starts) == 0 {
				starts = wordStarts(ptext, starts)
			}
			cs = appendMatches(cs, d, p, para.Start, ptext, starts)
		}
	}
	return resolveOverlaps(d, cs)
}

// triggered reports whether the sentence (and its lower-case form) holds
// a trigger of the rule.
func triggered(rule *scanRule, sent, lower string) bool {
	if rule.triggers == nil {
		return true
	}
	hay := lower
	if rule.asWritten {
		hay = sent
	}
	for _, t := range rule.triggers {
		if strings.Contains(hay, t) {
			return true
		}
	}
	return false
}

// wordStarts appends to buf the word starts of text: the letters and
// digits after a byte that is not part of a word.
func wordStarts(text string, buf []wordStart) []wordStart {
	for off := 0; off < len(text); {
		r, n := utf8.DecodeRuneInString(text[off:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) || off > 0 && isWordByte(text[off-1]) {
			off += n
			continue
		}
		end := off
		for end < len(text) && isWordByte(text[end]) {
			end++
		}
		buf = append(buf, wordStart{start: off, end: end, lower: strings.ToLower(text[off:end]), digit: unicode.IsDigit(r)})
		off = end
	}
	return buf
}

// appendMatches adds the matches of p in the sentence text (which starts
// at byte base of the document). The pattern is tried anchored at each
// word start its kind may begin with: far fewer starts than the
// unanchored search, which tries every byte.
func appendMatches(cs []cand, d *doc.Doc, p pattern, base int, text string, starts []wordStart) []cand {
	start := &scanRules[p.kind].start
	for _, w := range starts {
		if !start.allows(text[w.start:w.end], w.lower, w.digit) {
			continue
		}
		// A window of about 80 bytes, ending at a word boundary, holds
		// any expression and keeps each attempt cheap.
		end := min(len(text), w.start+80)
		for end < len(text) && isWordByte(text[end]) {
			end++
		}
		idx := p.re.FindStringSubmatchIndex(text[w.start:end])
		if idx == nil {
			continue
		}
		for k := range idx {
			if idx[k] >= 0 {
				idx[k] += w.start
			}
		}
		c, ok := extract(p, base, text, idx)
		if ok && !d.InCreditKind(c.Span, "photo", "source") {
			cs = append(cs, c)
		}
	}
	return cs
}

// resolveOverlaps keeps the longest (then the earliest) of overlapping
// expressions, in text order, and reads the tense around each.
func resolveOverlaps(d *doc.Doc, cs []cand) []cand {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Len() != cs[j].Len() {
			return cs[i].Len() > cs[j].Len()
		}
		return cs[i].Start < cs[j].Start
	})
	// Longest first, each kept when it shares no byte with one kept
	// before: the bytes kept so far in a bit set (comparing with every
	// kept candidate was quadratic in a long document).
	var out []cand
	taken := newBits(len(d.Text) + 1)
	for _, c := range cs {
		if !taken.any(c.Start, c.End) {
			taken.set(c.Start, c.End)
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := range out {
		out[i].future = futureContext(d, out[i].Span)
		if out[i].k == kWeekday && out[i].rel != "" {
			out[i].future = out[i].rel != "last"
		}
	}
	return out
}

// bits is a set of byte offsets.
type bits []uint64

func newBits(n int) bits { return make(bits, n/64+1) }

// any reports whether an offset in [lo, hi) is set.
func (b bits) any(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if b[i/64]&(1<<(i%64)) != 0 {
			return true
		}
	}
	return false
}

// set sets the offsets [lo, hi).
func (b bits) set(lo, hi int) {
	for i := lo; i < hi; i++ {
		b[i/64] |= 1 << (i % 64)
	}
}
