package quote

import (
	_ "embed"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/learn"
	"github.com/storyline-news/storyline/internal/lex"
	"github.com/storyline-news/storyline/internal/segment"
)

// Applying the trained attribution tagger: each paragraph with a cue or a
// quotation mark is prepared (prepare, emitFeatures, transFeatures),
// tagged (viterbi, in attrib.go), and its content spans become quotes with
// the nearest cue and source (tagged); merge then joins them with the
// rules' quotes.

var pronounWords = map[string]bool{"he": true, "she": true, "they": true, "it": true, "i": true, "we": true, "you": true, "who": true, "which": true}

// ptok is one token prepared for the attribution tagger.
type ptok struct {
	text, lower, shape, suf string
	inQuote, mark           bool
	cue                     bool
	ment                    string // mention type, with B- or I-
	sentStart, sentEnd      bool
	cueLeft, cueRight       int  // tokens to the nearest cue word in the sentence, 0: none
	commaToCue              bool // a comma lies between the token and the cue to its right
	toEnd                   int  // tokens to the sentence end
	sent                    int
}

// shapeOf is a token's shape (segment.AppendShape), eight bytes at most,
// anything but letters and digits as ".".
func shapeOf(s string) string {
	var buf [8]byte
	return string(segment.AppendShape(buf[:0], s, len(buf), func(rune) byte { return '.' }))
}

func isMark(s string) bool {
	switch s {
	case "\"", "“", "”", "''", "``", "«", "»":
		return true
	}
	return false
}

// prepare builds the tagger's view of the tokens of window w (one
// paragraph).
func prepare(d *doc.Doc, w window) []ptok {
	toks := make([]ptok, w.len())
	readTokens(d, w, toks)
	cueDistancesLeft(toks)
	cueDistancesRight(toks)
	return toks
}

// readTokens fills in what each token of w is: its forms, whether it is
// inside quotation marks, its mention, and where its sentence starts and
// ends.
func readTokens(d *doc.Doc, w window, toks []ptok) {
	inQ := false
	cursor := 0
	if w.lo < w.hi {
		// Start at the window's first mention, not the document's: a
		// document of many paragraphs would scan its mentions once per
		// paragraph.
		start := d.Tokens[w.lo].Start
		cursor = sort.Search(len(d.Mentions), func(i int) bool { return d.Mentions[i].End > start })
	}
	for i := range toks {
		t := d.Tokens[w.lo+i]
		s := d.Text[t.Start:t.End]
		p := &toks[i]
		p.text, p.lower, p.shape = s, t.Lower, shapeOf(s)
		if len(p.lower) > 3 {
			p.suf = p.lower[len(p.lower)-3:]
		}
		p.sent = t.Sentence
		p.mark = isMark(s)
		if p.mark {
			inQ = quotesAfter(s, inQ)
		}
		p.inQuote = inQ && !p.mark
		p.cue = lex.CueWords[p.lower]
		if m := mentionAtCursor(d, t.Start, &cursor); m >= 0 {
			pre := "I-"
			if d.Mentions[m].Start == t.Start {
				pre = "B-"
			}
			p.ment = pre + string(d.Mentions[m].Type)
		}
		p.sentStart = i == 0 || toks[i-1].sent != p.sent
		if i > 0 && p.sentStart {
			toks[i-1].sentEnd = true
		}
	}
	if len(toks) > 0 {
		toks[len(toks)-1].sentEnd = true
	}
}

// quotesAfter reports whether the text after quotation mark s is quoted,
// inQ telling whether the text before it was: curly marks and guillemets
// say which way they go, straight ones turn the state over.
func quotesAfter(s string, inQ bool) bool {
	switch s {
	case "“", "``", "«":
		return true
	case "”", "''", "»":
		return false
	}
	return !inQ
}

// cueDistancesLeft sets each token's distance to the nearest cue word
// before it in its sentence, outside quotes.
func cueDistancesLeft(toks []ptok) {
	last := -1
	for i := range toks {
		if toks[i].sentStart {
			last = -1
		}
		if last >= 0 {
			toks[i].cueLeft = i - last
		}
		if toks[i].cue && !toks[i].inQuote {
			last = i
		}
	}
}

// cueDistancesRight sets each token's distance to the nearest cue word
// after it in its sentence, outside quotes, whether a comma lies between,
// and its distance to the sentence end.
func cueDistancesRight(toks []ptok) {
	last := -1
	comma := false
	end := len(toks)
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].sentEnd {
			end = i + 1
		}
		toks[i].toEnd = end - i
		if last >= 0 {
			toks[i].cueRight = last - i
			toks[i].commaToCue = comma
		}
		if toks[i].text == "," && last >= 0 {
			comma = true
		}
		if toks[i].cue && !toks[i].inQuote {
			last, comma = i, false
		}
		if toks[i].sentStart {
			last, comma = -1, false
		}
	}
}

// mentionAtCursor is d.MentionAt for offsets visited in increasing order:
// cursor keeps its place among the mentions (sorted by start), so a
// paragraph costs one pass instead of a scan per token.
func mentionAtCursor(d *doc.Doc, off int, cursor *int) int {
	ms := d.Mentions
	for *cursor < len(ms) && ms[*cursor].End <= off {
		*cursor++
	}
	if *cursor < len(ms) && ms[*cursor].Start <= off && off < ms[*cursor].End {
		return *cursor
	}
	return -1
}

func bucket(n int) string {
	switch {
	case n == 0:
		return "none"
	case n <= 3:
		return strconv.Itoa(n)
	case n <= 6:
		return "4-6"
	case n <= 12:
		return "7-12"
	}
	return "far"
}

// Feature templates; each has its own hash seed.
const (
	fBias = iota
	fW
	fShape
	fSuf
	fPrevW
	fNextW
	fPrev2W
	fNext2W
	fPrevT
	fPrevTW
	fPrev2T
	fQuote
	fMark
	fCue
	fMent
	fPrevMent
	fNextMent
	fSentStart
	fSentEnd
	fCueL
	fCueR
	fCueLR
	fPrevTCueL
	fPrevTQuote
	fPron
	fPrevTSS
	fWQuote
	fPrevTNextW
	fPrevTCueR
	fCommaToCue
	fToEnd
	fNextQuote
	fPrevTMent
	fCueWordL
	fCueWordR
	fPrevTCueWordL
	fParaPos
	nTemplates
)

var seed = func() (s [nTemplates]uint64) {
	for i := range s {
		s[i] = learn.Seed("attr" + strconv.Itoa(i) + "=")
	}
	return s
}()

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func word(toks []ptok, j int) string {
	if j < 0 {
		return "<s>"
	}
	if j >= len(toks) {
		return "</s>"
	}
	return toks[j].lower
}

// emitFeatures appends the features of token i that do not depend on the
// previous tag.
func emitFeatures(buf []uint64, toks []ptok, i int) []uint64 {
	t := &toks[i]
	cl, cr := bucket(t.cueLeft), bucket(t.cueRight)
	nq := "</s>"
	if i+1 < len(toks) {
		nq = boolStr(toks[i+1].inQuote) + boolStr(toks[i+1].mark) + boolStr(toks[i+1].cue)
	}
	buf = append(buf,
		seed[fBias],
		learn.Str(seed[fW], t.lower),
		learn.Str(seed[fShape], t.shape),
		learn.Str(seed[fSuf], t.suf),
		learn.Str(seed[fPrevW], word(toks, i-1)),
		learn.Str(seed[fNextW], word(toks, i+1)),
		learn.Str(seed[fPrev2W], word(toks, i-2)),
		learn.Str(seed[fNext2W], word(toks, i+2)),
		learn.Str(seed[fQuote], boolStr(t.inQuote)),
		learn.Str(seed[fMark], boolStr(t.mark)+t.text),
		learn.Str(seed[fCue], boolStr(t.cue)),
		learn.Str(seed[fMent], t.ment),
		learn.Str(seed[fSentStart], boolStr(t.sentStart)),
		learn.Str(seed[fSentEnd], boolStr(t.sentEnd)),
		learn.Str(seed[fCueL], cl),
		learn.Str(seed[fCueR], cr),
		learn.Str(learn.Str(seed[fCueLR], cl), cr),
		learn.Str(seed[fPron], boolStr(pronounWords[t.lower])),
		learn.Str(learn.Str(seed[fWQuote], t.lower), boolStr(t.inQuote)),
		learn.Str(learn.Str(seed[fCommaToCue], boolStr(t.commaToCue)), cr),
		learn.Str(seed[fToEnd], bucket(t.toEnd)),
		learn.Str(seed[fNextQuote], nq),
		learn.Str(learn.Str(seed[fCueWordL], cl), cueWord(toks, i, -t.cueLeft)),
		learn.Str(learn.Str(seed[fCueWordR], cr), cueWord(toks, i, t.cueRight)),
		learn.Str(seed[fParaPos], bucket(i)),
	)
	if i > 0 {
		buf = append(buf, learn.Str(seed[fPrevMent], toks[i-1].ment))
	}
	if i+1 < len(toks) {
		buf = append(buf, learn.Str(seed[fNextMent], toks[i+1].ment))
	}
	return buf
}

// transFeatures appends the keys of token i's transition features: each
// scores every (previous tag, tag) pair, so one look-up gives the whole
// K×K matrix instead of one look-up per previous tag.
func transFeatures(buf []uint64, toks []ptok, i int) []uint64 {
	t := &toks[i]
	return append(buf,
		seed[fPrevT],
		learn.Str(seed[fPrevTW], t.lower),
		learn.Str(seed[fPrevTCueL], bucket(t.cueLeft)),
		learn.Str(seed[fPrevTQuote], boolStr(t.inQuote)+boolStr(t.mark)),
		learn.Str(seed[fPrevTSS], boolStr(t.sentStart)),
		learn.Str(seed[fPrevTNextW], word(toks, i+1)),
		learn.Str(seed[fPrevTCueR], bucket(t.cueRight)),
		learn.Str(seed[fPrevTMent], t.ment),
		learn.Str(seed[fPrev2T], t.shape),
		learn.Str(seed[fPrevTCueWordL], cueWord(toks, i, -t.cueLeft)),
	)
}

// cueWord is the word at offset off from token i when off points at a
// cue (off 0: none).
func cueWord(toks []ptok, i, off int) string {
	if off == 0 || i+off < 0 || i+off >= len(toks) {
		return ""
	}
	return toks[i+off].lower
}

// tagSpan is one tagged span: kind 0 source, 1 cue, 2 content; tokens [lo, hi).
type tagSpan struct {
	kind, lo, hi int
}

// The kinds of a tagSpan.
const (
	spanSource = iota
	spanCue
	spanContent
)

func (s tagSpan) window() window { return window{s.lo, s.hi} }

// spansOf turns a tag sequence into spans (token indexes offset by base).
func spansOf(tags []int, base int) []tagSpan {
	var out []tagSpan
	for i := 0; i < len(tags); i++ {
		t := tags[i]
		if t == tO {
			continue
		}
		kind := (t - 1) / 2
		j := i + 1
		for j < len(tags) && tags[j] == 2+2*kind {
			j++
		}
		out = append(out, tagSpan{kind, base + i, base + j})
		i = j - 1
	}
	return out
}

// firstRune reports the first rune of s.
func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// tagged runs the attribution tagger over d and returns its quotes: one
// per content span, with the cue and source it belongs to and the speaker
// the source resolves to.
func (q *quoter) tagged(m *AttributionModel) []doc.Quote {
	d := q.d
	var out []doc.Quote
	var tags []int
	var last *doc.Quote // the previous attributed quote, for continuations
	for _, p := range paragraphWindows(d) {
		if d.InCreditKind(q.span(p), "source", "caption") {
			continue
		}
		toks := prepare(d, p)
		if !hasCueOrMark(toks) {
			continue // nothing reported here: most paragraphs, and the tagger's main cost
		}
		tags = viterbi(m.tagger(), toks, tags)
		var byKind [3][]tagSpan
		for _, s := range spansOf(tags, p.lo) {
			byKind[s.kind] = append(byKind[s.kind], s)
		}
		for _, c := range byKind[spanContent] {
			qt := q.contentQuote(c, toks, p.lo)
			if qt.Len() == 0 || !q.attributeContent(&qt, c, byKind[spanCue], byKind[spanSource], last) {
				continue
			}
			out = append(out, qt)
			if qt.Source.Len() > 0 {
				last = &out[len(out)-1]
			}
		}
	}
	return out
}

// attributeContent gives the quote qt of content span c its cue and
// source: the cue nearest it and the source nearest that cue; with no
// cue, the source nearest it; with neither, a direct quote running on
// keeps the last speaker. It is false for words reported by nobody the
// text names, with no cue: not an attribution.
func (q *quoter) attributeContent(qt *doc.Quote, c tagSpan, cues, srcs []tagSpan, last *doc.Quote) bool {
	if cue, ok := q.nearest(c, cues); ok {
		qt.CueSpan = q.span(cue.window())
		qt.Cue = q.d.Text[qt.CueSpan.Start:qt.CueSpan.End]
		if src, ok := q.nearest(cue, srcs); ok {
			q.setSource(qt, src)
		}
	} else if src, ok := q.nearest(c, srcs); ok {
		q.setSource(qt, src)
	} else if last != nil && qt.Direct {
		// A quote running on without a cue keeps its speaker.
		qt.Source, qt.Speaker, qt.SpeakerName = last.Source, last.Speaker, last.SpeakerName
	} else {
		return false
	}
	return true
}

// setSource gives qt the tagged source src, widened to whole names, and
// the speaker it resolves to.
func (q *quoter) setSource(qt *doc.Quote, src tagSpan) {
	src = q.snap(src)
	qt.Source = q.span(src.window())
	qt.Speaker = q.resolveSource(src)
	qt.SpeakerName = q.name(qt.Speaker)
}

// contentQuote makes a quote of content span c: its words without the
// quotation marks and punctuation at its edges; direct when most of it is
// inside quotation marks.
func (q *quoter) contentQuote(c tagSpan, toks []ptok, base int) doc.Quote {
	d := q.d
	lo, hi := c.lo, c.hi
	inside, words := 0, 0
	for k := lo; k < hi; k++ {
		t := toks[k-base]
		if t.mark || !unicode.IsLetter(firstRune(t.text)) && !unicode.IsDigit(firstRune(t.text)) {
			continue
		}
		words++
		if t.inQuote {
			inside++
		}
	}
	for lo < hi && edgePunct(toks[lo-base].text) {
		lo++
	}
	for hi > lo && edgePunct(toks[hi-1-base].text) {
		hi--
	}
	if hi-lo < 2 || words < 2 || circumstance(toks[lo-base:hi-base]) {
		return doc.Quote{}
	}
	s := q.span(window{lo, hi})
	return doc.Quote{Span: s, Text: d.Text[s.Start:s.End], Speaker: -1, Direct: 2*inside > words}
}

// circumstance: what follows "said at", "said in", "and …" is a
// circumstance or the next clause, not what was said; unless quoted, or
// "At least 40 people were injured", a claim, not a place.
func circumstance(toks []ptok) bool {
	first, next := toks[0].lower, ""
	if len(toks) > 1 {
		next = toks[1].lower
	}
	switch first {
	case "at", "in", "on", "during", "after", "before", "from", "with", "and", "or", "but", "which", "who":
		return !toks[0].inQuote && !(first == "at" && (next == "least" || next == "most"))
	}
	return false
}

func edgePunct(s string) bool {
	return isMark(s) || s == "," || s == "." || s == ":" || s == ";" || s == "'" || s == "’" || s == "‘" || s == "—" || s == "-"
}

// nearest returns the span of cands closest to s, preferring its own
// sentence; false when there is none.
func (q *quoter) nearest(s tagSpan, cands []tagSpan) (tagSpan, bool) {
	// cands are in text order and do not overlap, so their gaps to s grow
	// on each side of where s would go: look outward from there and stop
	// on a side once its gap alone is more than the best distance (the
	// first of equal distances in text order wins, as in a full scan).
	at := sort.Search(len(cands), func(i int) bool { return cands[i].lo >= s.hi })
	best, bestD := -1, math.MaxInt
	consider := func(i int) {
		if dist := q.distance(s, cands[i]); dist < bestD || dist == bestD && i < best {
			best, bestD = i, dist
		}
	}
	for i := at; i < len(cands) && cands[i].lo-s.hi <= bestD; i++ {
		consider(i)
	}
	for i := at - 1; i >= 0 && gapBefore(s, cands[i]) <= bestD; i-- {
		consider(i)
	}
	if best < 0 {
		return tagSpan{}, false
	}
	return cands[best], true
}

// distance is how far candidate c is from s, in tokens, with 40 more
// when it lies in another sentence than s begins or ends in.
func (q *quoter) distance(s, c tagSpan) int {
	d := q.d
	dist := 0
	switch {
	case c.lo >= s.hi:
		dist = c.lo - s.hi
	case s.lo >= c.hi:
		dist = s.lo - c.hi
	}
	if d.Tokens[c.lo].Sentence != d.Tokens[s.lo].Sentence && d.Tokens[c.lo].Sentence != d.Tokens[s.hi-1].Sentence {
		dist += 40
	}
	return dist
}

// gapBefore is the gap from candidate c, before s or overlapping it, to s.
func gapBefore(s, c tagSpan) int {
	if s.lo >= c.hi {
		return s.lo - c.hi
	}
	return 0
}

func hasCueOrMark(toks []ptok) bool {
	for i := range toks {
		if toks[i].cue || toks[i].mark || trainedCues[toks[i].lower] {
			return true
		}
	}
	return false
}

//go:embed model/cues.txt
var trainedCueList string

// trainedCues are the words that open or make up cues in the tagger's
// training data (written by `storyline train quotes --cues`).
var trainedCues = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(trainedCueList) {
		m[w] = true
	}
	return m
}()

// snap widens a tagged source to whole names and its determiner: the
// tagger may stop inside "Donald Trump" or start after "The".
func (q *quoter) snap(s tagSpan) tagSpan {
	d := q.d
	if m := q.mentionAt(s.lo); m >= 0 {
		for s.lo > 0 && d.Tokens[s.lo-1].Start >= d.Mentions[m].Start {
			s.lo--
		}
	}
	if m := q.mentionAt(s.hi - 1); m >= 0 {
		for s.hi < len(d.Tokens) && d.Tokens[s.hi].End <= d.Mentions[m].End {
			s.hi++
		}
	}
	if s.lo > 0 {
		switch q.lower(s.lo - 1) {
		case "the", "a", "an":
			s.lo--
		}
	}
	for s.hi-1 > s.lo && edgePunct(q.text(s.hi-1)) {
		s.hi--
	}
	return s
}

// merge combines the tagger's attributions with the rules' quotes. The
// rules know exactly where quotation marks open and close, the tagger
// finds reported speech and sources the rules miss:
//   - a direct quote both found keeps the rules' span (inside the marks)
//     and the tagger's cue and source, each filling what the other lacks;
//   - a direct quote inside reported speech ("it hoped the talks would
//     'encourage all sides'") is kept beside it, with its cue and source;
//   - reported speech both found is the tagger's;
//   - what only one found is kept.
func merge(tagged, rules []doc.Quote) []doc.Quote {
	out := tagged
	for _, r := range rules {
		keep := true
		for i := range tagged {
			t := &out[i]
			if !t.Overlaps(r.Span) {
				continue
			}
			switch {
			case r.Direct && t.Direct:
				t.Span, t.Text = r.Span, r.Text
				fill(t, r)
				keep = false
			case r.Direct:
				// Part of the same statement: one cue.
				if t.CueSpan.Len() > 0 {
					r.CueSpan, r.Cue = t.CueSpan, t.Cue
				}
				fill(&r, *t)
			default:
				fill(t, r)
				keep = false
			}
		}
		if keep {
			out = append(out, r)
		}
	}
	return out
}

// fill gives dst what src knows and it lacks: src's source (and speaker)
// when dst has none, or has the same words with no speaker; src's cue
// when dst has none.
func fill(dst *doc.Quote, src doc.Quote) {
	if dst.Source.Len() == 0 && src.Source.Len() > 0 || dst.Speaker < 0 && src.Speaker >= 0 && dst.Source == src.Source {
		dst.Source, dst.Speaker, dst.SpeakerName = src.Source, src.Speaker, src.SpeakerName
	}
	if dst.CueSpan.Len() == 0 && src.CueSpan.Len() > 0 {
		dst.CueSpan, dst.Cue = src.CueSpan, src.Cue
	}
}
