// Package quantity finds numeric claims ("279 civilians have been killed
// in Aleppo since April 22") with what is counted, the event, the place, the
// period and who states the figure. Breakdowns stay linked to their total.
package quantity

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
)

var units = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

var scales = map[string]float64{"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "trillion": 1e12}

var vague = map[string]float64{"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2e6, "dozen": 12}

// approxWords before a number make it approximate.
var approxWords = []string{"nearly", "about", "some", "roughly", "around", "almost", "approximately", "more than", "as many as", "at least",
	"up to", "over", "fewer than", "less than", "close to", "an estimated", "estimated", "upwards of", "at most", "no fewer than", "in excess of", "just under", "just over"}

// events maps the words that say what happened to the counted to a
// normalised event.
var events = map[string]string{"killed": "killed", "killing": "killed", "kills": "killed", "kill": "killed", "dead": "dead", "died": "dead", "deaths": "dead",
	"death": "dead", "lives": "dead", "wounded": "wounded", "wounding": "wounded", "injured": "injured", "injuring": "injured", "injuries": "injured",
	"displaced": "displaced", "fled": "displaced", "evacuated": "evacuated", "arrested": "arrested", "detained": "detained", "missing": "missing",
	"kidnapped": "kidnapped", "abducted": "kidnapped", "executed": "killed", "casualties": "casualties", "hurt": "injured", "rescued": "rescued", "homeless": "displaced"}

// stopAfter ends the noun phrase that says what is counted.
var stopAfter = map[string]bool{"have": true, "has": true, "had": true, "were": true, "was": true, "are": true, "is": true, "be": true, "been": true,
	"in": true, "on": true, "at": true, "of": true, "from": true, "to": true, "and": true, "or": true, "since": true, "by": true, "for": true,
	"with": true, "who": true, "that": true, "which": true, "across": true, "during": true, "after": true, "before": true, "reportedly": true,
	"among": true, "per": true, "percent": false, "while": true, "as": true, "into": true, "a": true, "the": true, "this": true, "last": true,
	"spent": true, "left": true, "remain": true, "remained": true, "lost": true, "said": true, "say": true, "will": true, "would": true, "could": true,
	"may": true, "might": true, "can": true, "did": true, "do": true, "still": true, "also": true, "now": true, "then": true}

// Run adds numeric claims to d. It needs tokens, mentions and times.
func Run(d *doc.Doc) {
	d.Quantities = d.Quantities[:0]
	toks := d.Tokens
	sc := newScan(d)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if sc.times.Overlaps(t.Span) || d.InCreditKind(t.Span, "photo", "source") {
			continue
		}
		if q, n, ok := claimAt(d, i, sc); ok {
			d.Quantities = append(d.Quantities, q)
			i += n - 1
		}
	}
	linkBreakdowns(d)
	dropUncounted(d)
}

// claimAt reads the claim whose number starts at token i, and how many
// tokens the number spans; not ok when there is no number or it counts
// nothing.
func claimAt(d *doc.Doc, i int, sc scan) (doc.Quantity, int, bool) {
	toks := d.Tokens
	val, n, ok := number(d, i)
	if !ok {
		return doc.Quantity{}, 0, false
	}
	numSpan := doc.Span{Start: toks[i].Start, End: toks[i+n-1].End}
	q := doc.Quantity{NumSpan: numSpan, Value: val, Place: -1, AttributedTo: -1, PartOf: -1}
	q.Approximate = approximate(d, i)
	si := toks[i].Sentence
	q.What = counted(d, i+n, si, sc.times)
	// Skip bare numbers that count nothing and have no event (ages,
	// scores, list items) unless an event word follows.
	q.Event = findEvent(d, i, n)
	if q.What == "" && q.Event == "" {
		// "the death toll rose to 17", "the number of people killed rose to 15"
		q.What, q.Event = tollBefore(d, i)
	}
	if q.What == "" && q.Event == "" && !mayContinueBreakdown(d, i, si) {
		return doc.Quantity{}, 0, false
	}
	if strings.EqualFold(q.What, "percent") || strings.EqualFold(q.What, "%") {
		q.What = "percent"
	}
	// The clause: from the number (or a preceding event verb) to the
	// clause end.
	cs, ce := clause(d, i, i+n, si)
	q.Span = doc.Span{Start: cs, End: ce}
	sent := d.Sentences[si]
	q.Place = findPlace(d, numSpan, sent)
	q.Since, q.Time = findTimes(d, numSpan, sent)
	q.AttributedTo, q.AttrName = attribution(d, numSpan, si, sc.longestQuote)
	return q, n, true
}

// approximate reports whether the number at token i is approximate: a
// vague plural ("hundreds"), or after an approximation word ("nearly").
func approximate(d *doc.Doc, i int) bool {
	if _, isVague := vague[d.Tokens[i].Lower]; isVague {
		return true
	}
	before := strings.TrimSuffix(strings.TrimSuffix(lowerBefore(d, i, 5), " a"), " an")
	for _, a := range approxWords {
		if strings.HasSuffix(before, " "+a) || before == a {
			return true
		}
	}
	return false
}

// counted is what is counted: up to four words from token j in sentence
// si, up to a stop word, an event word, a time or a participle.
func counted(d *doc.Doc, j, si int, times doc.Cover) string {
	toks := d.Tokens
	var what []string
	for j < len(toks) && toks[j].Sentence == si && len(what) < 4 {
		ww := d.Text[toks[j].Start:toks[j].End]
		lw := toks[j].Lower
		if !isWordTok(ww) || stopAfter[lw] || events[lw] != "" || times.Overlaps(toks[j].Span) ||
			len(what) > 0 && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")) {
			break
		}
		what = append(what, ww)
		j++
	}
	return strings.Join(what, " ")
}

// mayContinueBreakdown keeps a bare number that may continue a breakdown
// ("... and 124 in regime-held districts"): after "and", "with" or a
// comma, in the sentence of the claim before it. linkBreakdowns decides.
func mayContinueBreakdown(d *doc.Doc, i, si int) bool {
	prev := lowerBefore(d, i, 1)
	return (prev == "and" || prev == "with" || prev == ",") && len(d.Quantities) > 0 &&
		d.SentenceAt(d.Quantities[len(d.Quantities)-1].NumSpan.Start) == si
}

// dropUncounted removes the claims that still count nothing once
// breakdowns are linked, and links the rest again (indexes shift).
func dropUncounted(d *doc.Doc) {
	out := d.Quantities[:0]
	for _, q := range d.Quantities {
		if q.What != "" || q.Event != "" {
			out = append(out, q)
		}
	}
	if len(out) != len(d.Quantities) {
		for i := range out {
			out[i].PartOf = -1
		}
		d.Quantities = out
		linkBreakdowns(d)
	}
}

func isWordTok(w string) bool {
	for _, r := range w {
		return unicode.IsLetter(r)
	}
	return false
}

// scan is what Run works out once about the document, so that reading
// each figure stays independent of the document's length.
type scan struct {
	times        doc.Cover // a token inside a time is part of a date, not a count
	longestQuote int       // bytes
}

func newScan(d *doc.Doc) scan {
	spans := make([]doc.Span, len(d.Times))
	for i, t := range d.Times {
		spans[i] = t.Span
	}
	sc := scan{times: doc.CoverOf(spans)}
	for _, q := range d.Quotes {
		sc.longestQuote = max(sc.longestQuote, q.Len())
	}
	return sc
}

// number reads a number at token i: digits ("1,200", "3.5"), words
// ("forty", "a half-million", "two million"), vague plurals ("hundreds").
// It returns the value and how many tokens it spans.
func number(d *doc.Doc, i int) (float64, int, bool) {
	toks := d.Tokens
	w := d.Text[toks[i].Start:toks[i].End]
	lw := toks[i].Lower
	if v, ok := parseDigits(w); ok {
		// A year, or part of a date, is not a claim.
		n := 1
		if i+1 < len(toks) {
			if s, ok := scales[toks[i+1].Lower]; ok {
				v *= s
				n = 2
			}
		}
		return v, n, true
	}
	if strings.HasPrefix(lw, "half-") {
		if s, ok := scales[lw[5:]]; ok {
			return s / 2, 1, true
		}
	}
	if v, ok := vague[lw]; ok {
		// "hundreds of people"
		return v, 1, true
	}
	if lw == "one" {
		return 0, 0, false
	}
	v, ok := wordValue(lw)
	if !ok {
		return 0, 0, false
	}
	n := 1
	total := v
	for i+n < len(toks) {
		nw := toks[i+n].Lower
		if s, ok := scales[nw]; ok {
			total *= s
			n++
			continue
		}
		if u, ok := wordValue(nw); ok && u < 10 && int(total)%10 == 0 && total < 100 {
			total += u
			n++
			continue
		}
		break
	}
	return total, n, true
}

func wordValue(w string) (float64, bool) {
	if v, ok := units[w]; ok {
		return v, true
	}
	// "forty-two"
	if a, b, ok := strings.Cut(w, "-"); ok {
		x, ok1 := units[a]
		y, ok2 := units[b]
		if ok1 && ok2 && x >= 20 && y < 10 {
			return x + y, true
		}
	}
	return 0, false
}

func parseDigits(w string) (float64, bool) {
	if w == "" || !unicode.IsDigit(rune(w[0])) {
		return 0, false
	}
	clean := strings.ReplaceAll(w, ",", "")
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

func lowerBefore(d *doc.Doc, i, n int) string {
	var ws []string
	for k := i - 1; k >= 0 && k >= i-n && d.Tokens[k].Sentence == d.Tokens[i].Sentence; k-- {
		ws = append([]string{d.Tokens[k].Lower}, ws...)
	}
	return strings.Join(ws, " ")
}

// findEvent looks for an event word after the number (up to 8 tokens, not
// past another number) or just before it ("killing nearly 250 people").
func findEvent(d *doc.Doc, i, n int) string {
	toks := d.Tokens
	si := toks[i].Sentence
	// An event verb right before the number ("killed some 140 people")
	// binds tighter than one after a conjunction.
	for k := i - 1; k >= 0 && k >= i-2 && toks[k].Sentence == si; k-- {
		w := toks[k].Lower
		if e := events[w]; e != "" {
			return e
		}
	}
	for k := i + n; k < len(toks) && k <= i+n+8 && toks[k].Sentence == si; k++ {
		w := toks[k].Lower
		if e := events[w]; e != "" {
			return e
		}
		if _, _, ok := number(d, k); ok && k > i+n {
			break
		}
		if w == ";" || w == "and" && k > i+n+3 {
			break
		}
	}
	for k := i - 1; k >= 0 && k >= i-6 && toks[k].Sentence == si; k-- {
		w := toks[k].Lower
		if e := events[w]; e != "" {
			return e
		}
		if w == "," || w == "and" || w == "but" || w == ";" || w == "." {
			break
		}
	}
	return ""
}

// tollBefore reads a count named before its number: "the death toll ...
// rose to 17", "the number of people killed ... stood at 15".
func tollBefore(d *doc.Doc, i int) (what, event string) {
	toks := d.Tokens
	si := toks[i].Sentence
	prev := lowerBefore(d, i, 1)
	if prev != "to" && prev != "at" && prev != "of" && prev != "reached" && prev != "was" && prev != "is" {
		return "", ""
	}
	for k := i - 1; k >= 0 && k >= i-12 && toks[k].Sentence == si; k-- {
		w := toks[k].Lower
		if w == "toll" {
			return "people", "killed"
		}
		if w == "number" && k+3 < i {
			// "number of people killed"
			if toks[k+1].Lower == "of" {
				what := d.Text[toks[k+2].Start:toks[k+2].End]
				ev := events[toks[k+3].Lower]
				if ev != "" {
					return what, ev
				}
			}
		}
	}
	return "", ""
}

// clause returns the byte range of the clause holding tokens [i, j).
func clause(d *doc.Doc, i, j, si int) (int, int) {
	toks := d.Tokens
	s := i
	for s > 0 && toks[s-1].Sentence == si && s > i-6 {
		w := d.Text[toks[s-1].Start:toks[s-1].End]
		if w == "," || w == ";" || w == "\"" || w == "“" || w == "(" {
			break
		}
		s--
	}
	e := j
	for e < len(toks) && toks[e].Sentence == si && e < j+14 {
		w := d.Text[toks[e].Start:toks[e].End]
		if w == ";" || w == "." || w == "\"" || w == "”" || w == ")" {
			break
		}
		if w == "," && e > j+3 {
			break
		}
		e++
	}
	return toks[s].Start, toks[e-1].End
}

// findPlace: the first place after the number in its sentence, else the
// nearest before it.
func findPlace(d *doc.Doc, num doc.Span, sent doc.Span) int {
	best := -1
	// The sentence's mentions only (mentions are in text order): a scan of
	// every mention per figure was quadratic in a long document.
	first := sort.Search(len(d.Mentions), func(i int) bool { return d.Mentions[i].Start >= sent.Start })
	for mi := first; mi < len(d.Mentions) && d.Mentions[mi].Start < sent.End; mi++ {
		m := d.Mentions[mi]
		if m.Type != doc.TypeGPE && m.Type != doc.TypeLoc && m.Type != doc.TypeFac || !sent.Contains(m.Span) {
			continue
		}
		if m.Start > num.End {
			return mi
		}
		best = mi
	}
	return best
}

func findTimes(d *doc.Doc, num doc.Span, sent doc.Span) (since, at string) {
	// The sentence's times only (times are in text order).
	first := sort.Search(len(d.Times), func(i int) bool { return d.Times[i].Start >= sent.Start })
	for _, t := range d.Times[first:] {
		if t.Start >= sent.End {
			break
		}
		if !sent.Contains(t.Span) || t.Type != "DATE" {
			continue
		}
		pre := strings.ToLower(strings.TrimSpace(d.Text[max(sent.Start, t.Start-8):t.Start]))
		if strings.HasSuffix(pre, "since") {
			if t.Start > num.Start || since == "" {
				since = t.Value
			}
			continue
		}
		if at == "" {
			at = t.Value
		}
	}
	return since, at
}

// attribution finds who states the figure: a quote covering it, "according
// to X", or the subject of a reporting verb in the sentence or the one
// before ("The Syrian Observatory ... has reported that 279 ...").
func attribution(d *doc.Doc, num doc.Span, si int, longestQuote int) (int, string) {
	if q, ok := quoteAround(d, num, longestQuote); ok {
		return q.Speaker, q.SpeakerName
	}
	for _, s := range []int{si, si - 1} {
		if s < 0 {
			continue
		}
		if m, name, ok := sourceIn(d, num, s, s == si); ok {
			return m, name
		}
	}
	return -1, ""
}

// sourceIn finds the source of the figure at num in sentence s (same: the
// figure's own sentence, where a reporting verb must come before it and a
// nominal source may stand without a mention).
func sourceIn(d *doc.Doc, num doc.Span, s int, same bool) (int, string, bool) {
	toks := d.TokensIn(d.Sentences[s])
	for k, t := range toks {
		w := t.Lower
		if w == "according" && k+2 < len(toks) {
			if m := accordingTo(d, toks, k); m >= 0 {
				return m, d.Mentions[m].Key, true
			}
		}
		if !lex.FigureSources[w] || same && t.Start > num.Start {
			continue
		}
		if m := subjectBefore(d, toks, k); m >= 0 {
			return m, d.Mentions[m].Key, true
		}
		// A nominal source: "Syrian state television said".
		if ws := wordsBefore(d, toks, k); len(ws) > 0 && same && nominalSource(ws) {
			return -1, strings.Join(ws, " "), true
		}
	}
	return 0, "", false
}

// accordingTo is the mention "according" (token k) names: the one right
// after "to", or an organisation within a few words ("according to the
// Britain-based Syrian Observatory ..."); -1 when none.
func accordingTo(d *doc.Doc, toks []doc.Token, k int) int {
	if m := d.MentionAt(toks[k+2].Start); m >= 0 {
		return m
	}
	for x := k + 2; x < len(toks) && x < k+6; x++ {
		if m := d.MentionAt(toks[x].Start); m >= 0 && d.Mentions[m].Type == doc.TypeOrg {
			return m
		}
	}
	return -1
}

// subjectBefore is the subject of the reporting verb at token k: the
// nearest mention before it (skipping auxiliaries), not a people
// adjective; -1 when none.
func subjectBefore(d *doc.Doc, toks []doc.Token, k int) int {
	for x := k - 1; x >= 0 && x >= k-8; x-- {
		if m := d.MentionAt(toks[x].Start); m >= 0 {
			if d.Mentions[m].Type == doc.TypeNORP {
				continue
			}
			return m
		}
	}
	return -1
}

// wordsBefore is the run of up to four words before token k, skipping
// "has" and "have" and anything not a word right before it.
func wordsBefore(d *doc.Doc, toks []doc.Token, k int) []string {
	var ws []string
	for x := k - 1; x >= 0 && x >= k-4; x-- {
		ww := d.Text[toks[x].Start:toks[x].End]
		if !isWordTok(ww) || strings.EqualFold(ww, "has") || strings.EqualFold(ww, "have") {
			if len(ws) > 0 {
				break
			}
			continue
		}
		ws = append([]string{ww}, ws...)
	}
	return ws
}

// linkBreakdowns ties "with 155 killed in opposition-held areas and 124 in
// regime-held districts" to the total before them in the sentence.
func linkBreakdowns(d *doc.Doc) {
	qs := d.Quantities
	for i := range qs {
		si := d.SentenceAt(qs[i].NumSpan.Start)
		for j := i - 1; j >= 0; j-- {
			if d.SentenceAt(qs[j].NumSpan.Start) != si {
				break
			}
			between := strings.ToLower(d.Text[qs[j].NumSpan.End:qs[i].NumSpan.Start])
			parent := j
			if qs[j].PartOf >= 0 {
				parent = qs[j].PartOf
			}
			isPart := strings.Contains(between, " with ") || strings.Contains(between, "including") || strings.Contains(between, "of whom") ||
				strings.Contains(between, "among them") || qs[j].PartOf >= 0 && strings.Contains(between, " and ")
			if !isPart || qs[parent].Value <= qs[i].Value {
				continue
			}
			qs[i].PartOf = parent
			if qs[i].Event == "" {
				qs[i].Event = qs[parent].Event
			}
			if qs[i].What == "" {
				qs[i].What = qs[parent].What
			}
			if qs[i].Since == "" {
				qs[i].Since = qs[parent].Since
			}
			if qs[i].AttributedTo < 0 && qs[i].AttrName == "" {
				qs[i].AttributedTo, qs[i].AttrName = qs[parent].AttributedTo, qs[parent].AttrName
			}
			break
		}
	}
}

// nominalSource accepts a short noun phrase as a source ("Syrian state
// television", "the army") and refuses clause fragments ("Reports on
// Tuesday", "with the Saudi-led coalition").
func nominalSource(ws []string) bool {
	for i, w := range ws {
		switch strings.ToLower(w) {
		case "the", "a", "an":
			if i > 0 {
				return false
			}
		case "with", "of", "on", "in", "at", "for", "from", "to", "by", "and", "or", "that", "which", "who", "it", "he", "she", "they", "we":
			return false
		}
	}
	return true
}

// quoteAround is the first quote (in text order) holding num that names
// its speaker. Quotes are in text order but may nest, so the search looks
// only at quotes that start late enough to reach num: none is longer than
// the longest (a scan of every quote per figure was quadratic).
func quoteAround(d *doc.Doc, num doc.Span, longest int) (doc.Quote, bool) {
	first := sort.Search(len(d.Quotes), func(i int) bool { return d.Quotes[i].Start >= num.End-longest })
	for _, q := range d.Quotes[first:] {
		if q.Start > num.Start {
			break
		}
		if q.Span.Contains(num) && (q.Speaker >= 0 || q.SpeakerName != "") {
			return q, true
		}
	}
	return doc.Quote{}, false
}
