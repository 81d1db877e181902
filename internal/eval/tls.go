package eval

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
)

// rougeStopwords are left out of n-grams, as ROUGE-1.5.5 leaves out its
// list of common words with -s. This is a list of English function words
// and very common verbs; ROUGE's own list (SMART, 571 words) is not in
// this repository, so absolute scores can differ slightly from the
// published ones (docs/accuracy.md says how they were checked).
var rougeStopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above across after afterwards again against all almost alone along already also although always am
	among amongst an and another any anybody anyhow anyone anything anyway anywhere are around as at be became because become becomes been
	before beforehand behind being below beside besides between beyond both but by can cannot could did do does doing done down during each
	either else elsewhere enough etc even ever every everyone everything everywhere except few for former formerly from further had has have
	having he hence her here hereafter hereby herein hers herself him himself his how however i ie if in indeed into is it its itself just
	last latter latterly least less many may me meanwhile might more moreover most mostly much must my myself namely neither never
	nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours
	ourselves out over own per perhaps rather same say says said seem seemed seeming seems several she should since so some somehow someone
	something sometime sometimes somewhere still such than that the their theirs them themselves then thence there thereafter thereby
	therefore therein thereupon these they this those though through throughout thru thus to together too toward towards under until up upon
	us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which
	while whither who whoever whole whom whose why will with within without would yet you your yours yourself yourselves s t don didn doesn
	isn wasn weren won wouldn shouldn couldn`) {
		m[w] = true
	}
	return m
}()

// RougeTokens turns text into ROUGE tokens: lower case, anything but
// letters, digits and hyphens as a separator, stopwords left out, Porter
// stems (ROUGE-1.5.5 with -m -s).
func RougeTokens(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	})
	out := f[:0]
	for _, w := range f {
		w = strings.Trim(w, "-")
		if w == "" || rougeStopwords[w] {
			continue
		}
		out = append(out, Porter(w))
	}
	return out
}

func ngrams(toks []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

// RougeCounts are the raw counts of ROUGE-N between a summary and one or
// more references: clipped n-gram hits, n-grams in the summary (once per
// reference) and n-grams in the references.
type RougeCounts struct{ Hit, Peer, Model float64 }

// Rouge counts ROUGE-N of a summary against references, each given as
// tokens.
func Rouge(summary []string, refs [][]string, n int) RougeCounts {
	var c RougeCounts
	s := ngrams(summary, n)
	sn := 0
	for _, k := range s {
		sn += k
	}
	for _, ref := range refs {
		r := ngrams(ref, n)
		for g, k := range r {
			c.Hit += float64(min(k, s[g]))
			c.Model += float64(k)
		}
		c.Peer += float64(sn)
	}
	return c
}

// Timeline is dated lists of sentences.
type Timeline map[string][]string

// Dates returns the timeline's dates in order.
func (t Timeline) Dates() []string {
	ds := make([]string, 0, len(t))
	for d := range t {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	return ds
}

func (t Timeline) tokens(date string) []string {
	return RougeTokens(strings.Join(t[date], " "))
}

// TLSScores are the timeline summarisation measures of Martschat and
// Markert (2017) as news-tls reports them: ROUGE-1 and -2 F1 for concat,
// agreement and alignment (align+ m:1), and date F1.
type TLSScores struct {
	Concat1, Concat2, Agree1, Agree2, Align1, Align2 float64
	DateP, DateR, DateF                              float64
}

// fscore is F1 from the hits over the summary's n-grams (precision) and
// the hits over the references' n-grams (recall); they differ when hits
// are counted over different dates or weighted.
func fscore(hitP, peer, hitR, model float64) float64 {
	var p, r float64
	if peer > 0 {
		p = hitP / peer
	}
	if model > 0 {
		r = hitR / model
	}
	return f1(p, r)
}

// ScoreTimeline scores a system timeline against reference timelines.
func ScoreTimeline(sys Timeline, refs []Timeline) TLSScores {
	var s TLSScores
	x := readTimelines(sys, refs)
	for n, dst := range map[int][3]*float64{1: {&s.Concat1, &s.Agree1, &s.Align1}, 2: {&s.Concat2, &s.Agree2, &s.Align2}} {
		*dst[0] = x.concat(n)
		*dst[1] = x.agreement(n)
		*dst[2] = x.alignment(n)
	}
	inter := 0
	for d := range sys {
		if x.refDates[d] {
			inter++
		}
	}
	if len(sys) > 0 {
		s.DateP = float64(inter) / float64(len(sys))
	}
	if len(x.refDates) > 0 {
		s.DateR = float64(inter) / float64(len(x.refDates))
	}
	s.DateF = f1(s.DateP, s.DateR)
	return s
}

// timelines are a system timeline and its references as the measures
// read them: every date's tokens, once (the measures read them many
// times), and the alignment of dates.
type timelines struct {
	sysTok   map[string][]string
	refTok   []map[string][]string // per reference
	refDates map[string]bool       // of any reference
	sysDates []string              // in order
	rDates   []string              // in order
	// all and refAll are each timeline's sentences as one text, in date
	// order (for concat).
	all    []string
	refAll [][]string
	// toRef and toSys pair each system date with a reference date and
	// each reference date with a system date (for alignment).
	toRef, toSys map[string]string
}

func readTimelines(sys Timeline, refs []Timeline) *timelines {
	x := &timelines{sysTok: map[string][]string{}, refDates: map[string]bool{}, refTok: make([]map[string][]string, len(refs))}
	for d := range sys {
		x.sysTok[d] = sys.tokens(d)
	}
	for i, r := range refs {
		x.refTok[i] = map[string][]string{}
		for d := range r {
			x.refDates[d] = true
			x.refTok[i][d] = r.tokens(d)
		}
	}
	x.sysDates, x.rDates = sys.Dates(), sortedKeys(x.refDates)
	for _, d := range x.sysDates {
		x.all = append(x.all, x.sysTok[d]...)
	}
	x.refAll = make([][]string, len(refs))
	for i, r := range refs {
		for _, d := range r.Dates() {
			x.refAll[i] = append(x.refAll[i], x.refTok[i][d]...)
		}
	}
	x.align()
	return x
}

// refsOn gives each reference's tokens for a date (nil where it has
// none).
func (x *timelines) refsOn(date string) [][]string {
	out := make([][]string, len(x.refTok))
	for i := range x.refTok {
		out[i] = x.refTok[i][date]
	}
	return out
}

// align pairs dates as alignment (align+ m:1) does: each system date with
// the reference date of least cost (date distance times content
// difference) for precision, each reference date with a system date for
// recall. The pairing does not depend on n.
func (x *timelines) align() {
	x.toRef, x.toSys = map[string]string{}, map[string]string{}
	for _, sd := range x.sysDates {
		x.toRef[sd] = alignTo(sd, x.rDates, func(rd string) float64 { return contentCost(x.sysTok[sd], x.refsOn(rd)) })
	}
	for _, rd := range x.rDates {
		x.toSys[rd] = alignTo(rd, x.sysDates, func(sd string) float64 { return contentCost(x.sysTok[sd], x.refsOn(rd)) })
	}
}

// concat is ROUGE-N F1 of all sentences of each timeline as one text.
func (x *timelines) concat(n int) float64 {
	c := Rouge(x.all, x.refAll, n)
	return fscore(c.Hit, c.Peer, c.Hit, c.Model)
}

// agreement is ROUGE-N F1 of the summaries of the same date; precision
// over the system's dates, recall over the references'.
func (x *timelines) agreement(n int) float64 {
	var hitP, peer, hitR, model float64
	for _, d := range x.sysDates {
		c := Rouge(x.sysTok[d], x.refsOn(d), n)
		hitP += c.Hit
		peer += c.Peer
	}
	for _, d := range x.rDates {
		c := Rouge(x.sysTok[d], x.refsOn(d), n)
		hitR += c.Hit
		model += c.Model
	}
	return fscore(hitP, peer, hitR, model)
}

// alignment is ROUGE-N F1 over aligned dates (see align), hits weighted
// by 1/(days apart + 1).
func (x *timelines) alignment(n int) float64 {
	var hitP, peer, hitR, model float64
	for _, sd := range x.sysDates {
		rd := x.toRef[sd]
		c := Rouge(x.sysTok[sd], x.refsOn(rd), n) // no reference date: all misses
		if rd != "" {
			hitP += c.Hit / float64(daysApart(sd, rd)+1)
		}
		peer += c.Peer
	}
	for _, rd := range x.rDates {
		sd := x.toSys[rd]
		c := Rouge(x.sysTok[sd], x.refsOn(rd), n)
		if sd != "" {
			hitR += c.Hit / float64(daysApart(sd, rd)+1)
		}
		model += c.Model
	}
	return fscore(hitP, peer, hitR, model)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// alignTo returns the candidate date of least cost for date d: the date
// factor 1-1/(days+1) times the content factor.
func alignTo(d string, cands []string, content func(string) float64) string {
	best, bestCost := "", math.Inf(1)
	for _, c := range cands {
		cost := (1 - 1/float64(daysApart(d, c)+1)) * content(c)
		if cost < bestCost {
			best, bestCost = c, cost
		}
	}
	return best
}

// contentCost is 1 minus an approximation of ROUGE-1 F1 between a
// summary and the references of a date (unigram overlap).
func contentCost(sum []string, refs [][]string) float64 {
	c := Rouge(sum, refs, 1)
	return 1 - fscore(c.Hit, c.Peer, c.Hit, c.Model)
}

func daysApart(a, b string) int {
	ta, err1 := time.Parse(doc.DayLayout, a)
	tb, err2 := time.Parse(doc.DayLayout, b)
	if err1 != nil || err2 != nil {
		return 1 << 20
	}
	d := int(math.Round(ta.Sub(tb).Hours() / 24))
	if d < 0 {
		d = -d
	}
	return d
}

// Add sums scores (for averaging).
func (s *TLSScores) Add(o TLSScores) {
	s.Concat1 += o.Concat1
	s.Concat2 += o.Concat2
	s.Agree1 += o.Agree1
	s.Agree2 += o.Agree2
	s.Align1 += o.Align1
	s.Align2 += o.Align2
	s.DateP += o.DateP
	s.DateR += o.DateR
	s.DateF += o.DateF
}

// Scale divides every score by n.
func (s *TLSScores) Scale(n float64) {
	for _, p := range []*float64{&s.Concat1, &s.Concat2, &s.Agree1, &s.Agree2, &s.Align1, &s.Align2, &s.DateP, &s.DateR, &s.DateF} {
		*p /= n
	}
}
