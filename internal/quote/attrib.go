package quote

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/learn"
	"github.com/storyline-news/storyline/internal/lex"
)

// The attribution tagger labels each token of a paragraph as part of a
// source (who), a cue (the reporting words) or a content (what was said),
// in BIO form. It is trained on PolNeAR (`storyline train quotes`), whose
// attributions cover direct and indirect speech, beliefs and reports
// ("a poll shows that", "according to").
var attrTags = []string{"O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"}

const (
	tO = iota
	tBSrc
	tISrc
	tBCue
	tICue
	tBCon
	tICon
	nAttrTags
)

// attrAllowed: an I- tag continues a span of its own kind.
func attrAllowed(prev, t int) bool {
	switch t {
	case tISrc:
		return prev == tBSrc || prev == tISrc
	case tICue:
		return prev == tBCue || prev == tICue
	case tICon:
		return prev == tBCon || prev == tICon
	}
	return true
}

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

func shapeOf(s string) string {
	var b [8]byte
	n := 0
	var last byte
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '.'
		}
		if c != last && n < len(b) {
			b[n] = c
			n++
			last = c
		}
	}
	return string(b[:n])
}

func isMark(s string) bool {
	switch s {
	case "\"", "“", "”", "''", "``", "«", "»":
		return true
	}
	return false
}

// prepare builds the tagger's view of tokens [lo, hi) (one paragraph).
func prepare(d *doc.Doc, lo, hi int) []ptok {
	toks := make([]ptok, hi-lo)
	inQ := false
	cursor := 0
	for i := range toks {
		t := d.Tokens[lo+i]
		s := d.Text[t.Start:t.End]
		p := &toks[i]
		p.text, p.lower, p.shape = s, strings.ToLower(s), shapeOf(s)
		if len(p.lower) > 3 {
			p.suf = p.lower[len(p.lower)-3:]
		}
		p.sent = t.Sentence
		p.mark = isMark(s)
		if p.mark {
			switch s {
			case "“", "``", "«":
				inQ = true
			case "”", "''", "»":
				inQ = false
			default:
				inQ = !inQ
			}
		}
		p.inQuote = inQ && !p.mark
		p.cue = lex.CueWords[p.lower]
		if m := mentionAt(d, t.Start, &cursor); m >= 0 {
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
	// Distances to the nearest cue word in the same sentence, outside quotes.
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
	last = -1
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
	return toks
}

// mentionAt is d.MentionAt for offsets visited in increasing order:
// cursor keeps its place among the mentions (sorted by start), so a
// paragraph costs one pass instead of a scan per token.
func mentionAt(d *doc.Doc, off int, cursor *int) int {
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

// scorer is what decoding needs from a model or a trainer.
type scorer interface {
	Scores(feats []uint64, out []float32)
}

// tagger is the two halves of the attribution model: emission scores per
// tag, and transition scores per (previous tag, tag).
type tagger struct {
	emit, trans scorer
}

// viterbi finds the best tag sequence for a prepared paragraph under the
// first-order model, within the BIO constraints.
func viterbi(m tagger, toks []ptok, out []int) []int {
	n := len(toks)
	out = out[:0]
	if n == 0 {
		return out
	}
	const K = nAttrTags
	score := make([][K]float32, n)
	back := make([][K]int8, n)
	buf := make([]uint64, 0, 32)
	emit := make([]float32, K)
	trans := make([]float32, K*K)
	neg := float32(math.Inf(-1))
	for i := 0; i < n; i++ {
		buf = emitFeatures(buf[:0], toks, i)
		m.emit.Scores(buf, emit)
		buf = transFeatures(buf[:0], toks, i)
		m.trans.Scores(buf, trans)
		for t := 0; t < K; t++ {
			score[i][t] = neg
		}
		prevs := K
		if i == 0 {
			prevs = 1 // the start: as after O
		}
		for p := 0; p < prevs; p++ {
			base := float32(0)
			if i > 0 {
				if score[i-1][p] == neg {
					continue
				}
				base = score[i-1][p]
			}
			row := trans[p*K : (p+1)*K]
			for t := 0; t < K; t++ {
				if !attrAllowed(p, t) {
					continue
				}
				if v := base + emit[t] + row[t]; v > score[i][t] {
					score[i][t], back[i][t] = v, int8(p)
				}
			}
		}
	}
	best := 0
	for t := 1; t < K; t++ {
		if score[n-1][t] > score[n-1][best] {
			best = t
		}
	}
	for i := 0; i < n; i++ {
		out = append(out, 0)
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i][best])
	}
	return out
}

// paragraphTokens returns the token range of each paragraph.
func paragraphTokens(d *doc.Doc) [][2]int {
	var out [][2]int
	k := 0
	for _, p := range d.Paragraphs {
		for k < len(d.Tokens) && d.Tokens[k].Start < p.Start {
			k++
		}
		lo := k
		for k < len(d.Tokens) && d.Tokens[k].End <= p.End {
			k++
		}
		if k > lo {
			out = append(out, [2]int{lo, k})
		}
	}
	return out
}

// TrainDoc is a document (segmented, with entity mentions) and the gold
// role of each token: one of attrTags' indexes.
type TrainDoc struct {
	Doc  *doc.Doc
	Tags []int
}

// GoldTags labels d's tokens from attributions given as byte ranges.
// roles[i] holds the source, cue and content ranges of attribution i.
func GoldTags(d *doc.Doc, roles [][3][]doc.Span) []int {
	tags := make([]int, len(d.Tokens))
	owner := make([]int, len(d.Tokens))
	for i, t := range d.Tokens {
		owner[i] = -1
		for a, r := range roles {
			for part, spans := range r {
				for _, s := range spans {
					if t.Start >= s.Start && t.Start < s.End {
						tags[i] = 1 + 2*part // B of its part; fixed to I below
						owner[i] = a
					}
				}
			}
		}
	}
	for i := range tags {
		if tags[i] != tO && i > 0 && owner[i] == owner[i-1] && (tags[i-1] == tags[i] || tags[i-1] == tags[i]+1) &&
			d.Tokens[i-1].End >= d.Tokens[i].Start-2 {
			tags[i]++ // continues the span: I-
		}
	}
	return tags
}

// TrainOptions control training of the attribution tagger.
type TrainOptions struct {
	Iterations int
	Seed       int64
	MinCount   int
	Progress   func(iter int, acc float64)
}

// TrainAttributions learns the attribution tagger (averaged perceptron,
// greedy decoding with its own predictions as history).
func TrainAttributions(docs []TrainDoc, opt TrainOptions) *AttributionModel {
	if opt.Iterations <= 0 {
		opt.Iterations = 10
	}
	type para struct {
		toks []ptok
		gold []int
	}
	var paras []para
	for _, td := range docs {
		for _, r := range paragraphTokens(td.Doc) {
			paras = append(paras, para{prepare(td.Doc, r[0], r[1]), td.Tags[r[0]:r[1]]})
		}
	}
	em, tr := learn.NewTrainer(nAttrTags), learn.NewTrainer(nAttrTags*nAttrTags)
	rng := rand.New(rand.NewSource(opt.Seed))
	buf := make([]uint64, 0, 32)
	var pred []int
	for it := 1; it <= opt.Iterations; it++ {
		rng.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })
		right, all := 0, 0
		for _, p := range paras {
			pred = viterbi(tagger{em, tr}, p.toks, pred)
			em.Step()
			tr.Step()
			for i := range p.toks {
				g, q := p.gold[i], pred[i]
				gp, qp := tO, tO
				if i > 0 {
					gp, qp = p.gold[i-1], pred[i-1]
				}
				if g == q {
					right++
				}
				all++
				if g == q && gp == qp {
					continue
				}
				if g != q {
					buf = emitFeatures(buf[:0], p.toks, i)
					em.Adjust(buf, g, 1)
					em.Adjust(buf, q, -1)
				}
				buf = transFeatures(buf[:0], p.toks, i)
				tr.Adjust(buf, gp*nAttrTags+g, 1)
				tr.Adjust(buf, qp*nAttrTags+q, -1)
			}
		}
		if opt.Progress != nil {
			opt.Progress(it, float64(right)/float64(max(all, 1)))
		}
	}
	return &AttributionModel{Emit: em.Model(max(opt.MinCount, 1)), Trans: tr.Model(max(opt.MinCount, 1))}
}

//go:embed model/attrib.bin.gz
var embeddedAttrib []byte

// AttributionModel is the trained tagger: emission weights per tag, and
// transition weights per (previous tag, tag).
type AttributionModel struct {
	Emit, Trans *learn.Model
}

// Features is the number of features with weights.
func (m *AttributionModel) Features() int { return m.Emit.Features() + m.Trans.Features() }

// Save writes both halves, one gzip member each.
func (m *AttributionModel) Save(w io.Writer) error {
	if err := m.Emit.Save(w); err != nil {
		return err
	}
	return m.Trans.Save(w)
}

// LoadAttributionModel reads a model written by Save.
func LoadAttributionModel(r io.Reader) (*AttributionModel, error) {
	br := bufio.NewReader(r)
	emit, err := learn.Load(br)
	if err != nil {
		return nil, fmt.Errorf("attribution model, emission weights: %w", err)
	}
	trans, err := learn.Load(br)
	if err != nil {
		return nil, fmt.Errorf("attribution model, transition weights: %w", err)
	}
	if emit.K != nAttrTags || trans.K != nAttrTags*nAttrTags {
		return nil, fmt.Errorf("attribution model: %d and %d classes, want %d and %d", emit.K, trans.K, nAttrTags, nAttrTags*nAttrTags)
	}
	return &AttributionModel{Emit: emit, Trans: trans}, nil
}

func (m *AttributionModel) tagger() tagger { return tagger{m.Emit, m.Trans} }

var (
	attribOnce  sync.Once
	attribModel *AttributionModel
	attribErr   error
)

// DefaultAttributionModel is the embedded tagger, loaded once.
func DefaultAttributionModel() (*AttributionModel, error) {
	attribOnce.Do(func() {
		attribModel, attribErr = LoadAttributionModel(bytes.NewReader(embeddedAttrib))
	})
	return attribModel, attribErr
}

// tagSpan is one tagged span: kind 0 source, 1 cue, 2 content; tokens [lo, hi).
type tagSpan struct {
	kind, lo, hi int
}

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
	for _, r := range paragraphTokens(d) {
		lo, hi := r[0], r[1]
		if d.InCreditKind(doc.Span{Start: d.Tokens[lo].Start, End: d.Tokens[hi-1].End}, "source", "caption") {
			continue
		}
		toks := prepare(d, lo, hi)
		if !hasCueOrMark(toks) {
			continue // nothing reported here: most paragraphs, and the tagger's main cost
		}
		tags = viterbi(m.tagger(), toks, tags)
		var srcs, cues, cons []tagSpan
		for _, s := range spansOf(tags, lo) {
			switch s.kind {
			case 0:
				srcs = append(srcs, s)
			case 1:
				cues = append(cues, s)
			default:
				cons = append(cons, s)
			}
		}
		for _, c := range cons {
			qt := q.contentQuote(c, toks, lo)
			if qt.Len() == 0 {
				continue
			}
			if cue, ok := q.nearest(c, cues); ok {
				qt.CueSpan = doc.Span{Start: d.Tokens[cue.lo].Start, End: d.Tokens[cue.hi-1].End}
				qt.Cue = d.Text[qt.CueSpan.Start:qt.CueSpan.End]
				if src, ok := q.nearest(cue, srcs); ok {
					src = q.snap(src)
					qt.Source = doc.Span{Start: d.Tokens[src.lo].Start, End: d.Tokens[src.hi-1].End}
					qt.Speaker, qt.SpeakerName = q.resolveSource(src)
				}
			} else if src, ok := q.nearest(c, srcs); ok {
				src = q.snap(src)
				qt.Source = doc.Span{Start: d.Tokens[src.lo].Start, End: d.Tokens[src.hi-1].End}
				qt.Speaker, qt.SpeakerName = q.resolveSource(src)
			} else if last != nil && qt.Direct {
				// A quote running on without a cue keeps its speaker.
				qt.Source, qt.Speaker, qt.SpeakerName = last.Source, last.Speaker, last.SpeakerName
			} else {
				continue // words reported by nobody the text names, with no cue: not an attribution
			}
			out = append(out, qt)
			if qt.Source.Len() > 0 {
				last = &out[len(out)-1]
			}
		}
	}
	return out
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
	if hi-lo < 2 || words < 2 {
		return doc.Quote{}
	}
	// What follows "said at", "said in", "and …" is a circumstance or the
	// next clause, not what was said.
	first, next := strings.ToLower(toks[lo-base].text), ""
	if lo+1 < hi {
		next = strings.ToLower(toks[lo+1-base].text)
	}
	switch first {
	case "at", "in", "on", "during", "after", "before", "from", "with", "and", "or", "but", "which", "who":
		// "At least 40 people were injured" is a claim, not a place.
		if !toks[lo-base].inQuote && !(first == "at" && (next == "least" || next == "most")) {
			return doc.Quote{}
		}
	}
	s := doc.Span{Start: d.Tokens[lo].Start, End: d.Tokens[hi-1].End}
	return doc.Quote{Span: s, Text: d.Text[s.Start:s.End], Speaker: -1, Direct: 2*inside > words}
}

func edgePunct(s string) bool {
	return isMark(s) || s == "," || s == "." || s == ":" || s == ";" || s == "'" || s == "’" || s == "‘" || s == "—" || s == "-"
}

// nearest returns the span of cands closest to s, preferring its own
// sentence; false when there is none.
func (q *quoter) nearest(s tagSpan, cands []tagSpan) (tagSpan, bool) {
	d := q.d
	best, bestD := tagSpan{}, math.MaxInt
	for _, c := range cands {
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
		if dist < bestD {
			best, bestD = c, dist
		}
	}
	return best, bestD < math.MaxInt
}

func hasCueOrMark(toks []ptok) bool {
	for i := range toks {
		if toks[i].cue || toks[i].mark || trainedCues[toks[i].lower] {
			return true
		}
	}
	return false
}

// TagBCue and TagICue are the tags of cue tokens (for training tools).
const (
	TagBCue = tBCue
	TagICue = tICue
)

// FunctionWord reports words too common to signal a cue by themselves
// ("to" in "according to", "has" in "has said").
func FunctionWord(w string) bool {
	switch w {
	case "to", "the", "a", "an", "in", "on", "for", "of", "is", "are", "was", "were", "has", "have", "had", "be", "been", "also",
		"that", "and", "it", "as", "with", "by", "at", "not", "would", "will", "his", "her", "their", "its", "he", "she", "they", ",", ".":
		return true
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
	if m := d.MentionAt(d.Tokens[s.lo].Start); m >= 0 {
		for s.lo > 0 && d.Tokens[s.lo-1].Start >= d.Mentions[m].Start {
			s.lo--
		}
	}
	if m := d.MentionAt(d.Tokens[s.hi-1].Start); m >= 0 {
		for s.hi < len(d.Tokens) && d.Tokens[s.hi].End <= d.Mentions[m].End {
			s.hi++
		}
	}
	if s.lo > 0 {
		switch strings.ToLower(d.Text[d.Tokens[s.lo-1].Start:d.Tokens[s.lo-1].End]) {
		case "the", "a", "an":
			s.lo--
		}
	}
	for s.hi-1 > s.lo && edgePunct(d.Text[d.Tokens[s.hi-1].Start:d.Tokens[s.hi-1].End]) {
		s.hi--
	}
	return s
}

// resolveSource finds who a source span names: a person in it, else an
// organisation or place; a pronoun through its antecedent; "who" through
// the name before it; a title ("the top diplomat") through the people
// described so. Generic sources ("a senior official") name nobody: -1.
func (q *quoter) resolveSource(s tagSpan) (int, string) {
	d := q.d
	// A person named in the source speaks; else, when the source is a
	// title ("UN special envoy for Syria"), the person it describes; else
	// an organisation, then a place ("the Britain-based Syrian
	// Observatory" is the observatory).
	rank := map[doc.EntityType]int{doc.TypePerson: 3, doc.TypeOrg: 2, doc.TypeGPE: 1}
	best := -1
	nominalAt := -1
	for k := s.lo; k < s.hi; k++ {
		w := strings.ToLower(d.Text[d.Tokens[k].Start:d.Tokens[k].End])
		if nominalHeads[w] && nominalAt < 0 {
			nominalAt = k
		}
		if m := d.MentionAt(d.Tokens[k].Start); m >= 0 && rank[d.Mentions[m].Type] > 0 {
			if best < 0 || rank[d.Mentions[m].Type] > rank[d.Mentions[best].Type] {
				best = m
			}
		}
	}
	if best >= 0 && d.Mentions[best].Type == "PERSON" {
		return best, d.Mentions[best].Key
	}
	if nominalAt >= 0 {
		if m := q.nominal(nominalAt, d.Tokens[s.lo].Start); m >= 0 {
			return m, d.Mentions[m].Key
		}
	}
	if best >= 0 {
		return best, d.Mentions[best].Key
	}
	head := strings.ToLower(d.Text[d.Tokens[s.hi-1].Start:d.Tokens[s.hi-1].End])
	switch {
	case s.hi-s.lo == 1 && (head == "he" || head == "she"):
		if m := q.antecedent(d.Tokens[s.lo].Sentence, d.Tokens[s.lo].Start); m >= 0 {
			return m, d.Mentions[m].Key
		}
	case s.hi-s.lo == 1 && head == "it":
		if m := q.orgAntecedent(d.Tokens[s.lo].Sentence, d.Tokens[s.lo].Start); m >= 0 {
			return m, d.Mentions[m].Key
		}
	case s.hi-s.lo == 1 && (head == "who" || head == "which"):
		for k := s.lo - 1; k >= 0 && k >= s.lo-3; k-- {
			if m := d.MentionAt(d.Tokens[k].Start); m >= 0 && speakerType(d.Mentions[m].Type) && d.Mentions[m].Type != "NORP" {
				return m, d.Mentions[m].Key
			}
		}
	case nominalHeads[head]:
		if m := q.nominal(s.hi-1, d.Tokens[s.lo].Start); m >= 0 {
			return m, d.Mentions[m].Key
		}
	}
	return -1, ""
}
