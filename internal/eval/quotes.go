package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Range is a byte range of a document's text.
type Range struct{ Start, End int }

// Attribution is one reported statement: who said it (Source), the words
// that report it (Cue), and what was said (Content). Each part may be
// discontinuous ("'We will,' he said, 'rebuild.'") and Source may be empty
// when the text does not say who.
type Attribution struct {
	Source, Cue, Content []Range
	// Speaker is the speaker's name when the gold names a person rather
	// than marking a span (the JSON lines format).
	Speaker string
	Direct  bool
}

// AttrDoc is a document with its attributions.
type AttrDoc struct {
	Name, Text string
	Attrs      []Attribution
}

// ReadPolNeAR reads a PolNeAR compartment: dir holds text/NAME.txt and
// attributions/NAME_ANNOTATOR.ann (brat standoff, offsets in characters).
// When several annotators did one article, the first in name order is
// used, so every article counts once.
func ReadPolNeAR(dir string) ([]AttrDoc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("%s: no attributions/*.ann files (expected a PolNeAR compartment such as data/dev)", dir)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var out []AttrDoc
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			base = base[:i]
		}
		if seen[base] {
			continue
		}
		seen[base] = true
		txt, err := os.ReadFile(filepath.Join(dir, "text", base+".txt"))
		if err != nil {
			return nil, fmt.Errorf("%s: text for %s: %w", dir, filepath.Base(a), err)
		}
		f, err := os.Open(a)
		if err != nil {
			return nil, err
		}
		attrs, err := ReadBrat(string(txt), f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		out = append(out, AttrDoc{Name: base, Text: string(txt), Attrs: attrs})
	}
	return out, nil
}

// ReadBrat reads brat standoff attribution annotations (T lines for
// Source, Cue and Content spans, E lines joining them) over text. Brat
// offsets count characters; they are converted to byte offsets, and each
// span is checked against the text it claims to cover.
func ReadBrat(text string, r io.Reader) ([]Attribution, error) {
	// Character offset -> byte offset.
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	spans := map[string][]Range{}
	var events [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 {
			continue
		}
		switch {
		case strings.HasPrefix(f[0], "T"):
			head := strings.SplitN(f[1], " ", 2)
			if len(head) < 2 {
				return nil, fmt.Errorf("line %d: malformed span %q", line, f[1])
			}
			var rs []Range
			for _, frag := range strings.Split(head[1], ";") {
				se := strings.Fields(frag)
				if len(se) != 2 {
					return nil, fmt.Errorf("line %d: malformed offsets %q", line, frag)
				}
				s, err1 := strconv.Atoi(se[0])
				e, err2 := strconv.Atoi(se[1])
				if err1 != nil || err2 != nil || s < 0 || e < s || e >= len(byteAt) {
					return nil, fmt.Errorf("line %d: offsets %q outside the text (%d characters)", line, frag, len(byteAt)-1)
				}
				rs = append(rs, Range{byteAt[s], byteAt[e]})
			}
			spans[f[0]] = rs
		case strings.HasPrefix(f[0], "E"):
			events = append(events, strings.Fields(f[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []Attribution
	for _, ev := range events {
		if len(ev) == 0 || !strings.HasPrefix(ev[0], "Attribution") {
			continue
		}
		var a Attribution
		for _, arg := range ev[1:] {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			switch strings.TrimRight(role, "0123456789") {
			case "Source":
				a.Source = append(a.Source, spans[id]...)
			case "Cue":
				a.Cue = append(a.Cue, spans[id]...)
			case "Content":
				a.Content = append(a.Content, spans[id]...)
			}
		}
		if len(a.Content) == 0 {
			continue
		}
		for _, rs := range [][]Range{a.Source, a.Cue, a.Content} {
			sort.Slice(rs, func(i, j int) bool { return rs[i].Start < rs[j].Start })
		}
		a.Direct = strings.ContainsAny(text[a.Content[0].Start:a.Content[len(a.Content)-1].End], "\"“”")
		out = append(out, a)
	}
	return out, nil
}

// words returns the word tokens (letters and digits) covered by rs, as
// byte offsets: comparing these ignores quotation marks, punctuation and
// spaces at the edges, on which annotation guides differ.
func words(text string, rs []Range) map[int]bool {
	out := map[int]bool{}
	for _, r := range rs {
		in := false
		for i := r.Start; i < r.End && i < len(text); {
			c, n := utf8.DecodeRuneInString(text[i:])
			w := unicode.IsLetter(c) || unicode.IsDigit(c)
			if w && !in {
				out[i] = true
			}
			in = w
			i += n
		}
	}
	return out
}

func same(a, b map[int]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func shared(a, b map[int]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// QuoteScores counts how system attributions match gold ones.
type QuoteScores struct {
	Gold, System int
	// Matched pairs: one system attribution per gold one, the pair that
	// shares the most content words first.
	ContentExact, ContentOverlap int
	// Of the overlapping pairs: the source (or speaker name) is right.
	SourceExact, SourceOverlap int
}

// Add sums scores.
func (s *QuoteScores) Add(o QuoteScores) {
	s.Gold += o.Gold
	s.System += o.System
	s.ContentExact += o.ContentExact
	s.ContentOverlap += o.ContentOverlap
	s.SourceExact += o.SourceExact
	s.SourceOverlap += o.SourceOverlap
}

// QuoteMatch is one gold attribution and the system one paired with it
// (System < 0: missed).
type QuoteMatch struct {
	Gold, System  int
	Exact         bool
	SourceCorrect bool
}

// ScoreQuotes pairs system with gold attributions over one text. Content
// is compared by its words: exact when the same words, overlap when any
// word is shared. A source is exact when it covers the same words as the
// gold source (both empty counts as right); when the gold gives a speaker
// name instead, the system's speaker must match it (see SameSpeaker).
func ScoreQuotes(text string, gold, sys []Attribution, sysSpeaker []string) (QuoteScores, []QuoteMatch) {
	s := QuoteScores{Gold: len(gold), System: len(sys)}
	gw := make([]map[int]bool, len(gold))
	sw := make([]map[int]bool, len(sys))
	for i, a := range gold {
		gw[i] = words(text, a.Content)
	}
	for j, a := range sys {
		sw[j] = words(text, a.Content)
	}
	type pair struct {
		g, p  int
		score float64
	}
	var pairs []pair
	for i := range gold {
		for j := range sys {
			if n := shared(gw[i], sw[j]); n > 0 {
				pairs = append(pairs, pair{i, j, float64(n) / float64(len(gw[i])+len(sw[j])-n)})
			}
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].score != pairs[b].score {
			return pairs[a].score > pairs[b].score
		}
		return pairs[a].g < pairs[b].g || pairs[a].g == pairs[b].g && pairs[a].p < pairs[b].p
	})
	usedG, usedS := map[int]int{}, map[int]bool{}
	for _, p := range pairs {
		if _, ok := usedG[p.g]; ok || usedS[p.p] {
			continue
		}
		usedG[p.g], usedS[p.p] = p.p, true
	}
	var ms []QuoteMatch
	for i := range gold {
		j, ok := usedG[i]
		if !ok {
			ms = append(ms, QuoteMatch{Gold: i, System: -1})
			continue
		}
		m := QuoteMatch{Gold: i, System: j, Exact: same(gw[i], sw[j])}
		s.ContentOverlap++
		if m.Exact {
			s.ContentExact++
		}
		if gold[i].Speaker != "" {
			name := ""
			if j < len(sysSpeaker) {
				name = sysSpeaker[j]
			}
			if SameSpeaker(gold[i].Speaker, name) {
				m.SourceCorrect = true
				s.SourceExact++
				s.SourceOverlap++
			}
		} else {
			gs, ss := words(text, gold[i].Source), words(text, sys[j].Source)
			if same(gs, ss) {
				m.SourceCorrect = true
				s.SourceExact++
			}
			if same(gs, ss) || shared(gs, ss) > 0 {
				s.SourceOverlap++
			}
		}
		ms = append(ms, m)
	}
	return s, ms
}

// SameSpeaker compares a gold speaker name with a system one: equal
// ignoring case, or one is the other's surname ("Lavrov", "Sergei Lavrov").
// A gold "-" means no speaker can be named, and only an empty one matches.
func SameSpeaker(gold, sys string) bool {
	g, s := strings.ToLower(strings.TrimSpace(gold)), strings.ToLower(strings.TrimSpace(sys))
	if g == "-" {
		return s == "" // the gold says no speaker can be named
	}
	if g == "" || s == "" {
		return g == s
	}
	if g == s {
		return true
	}
	gf, sf := strings.Fields(g), strings.Fields(s)
	return gf[len(gf)-1] == sf[len(sf)-1] && (len(gf) == 1 || len(sf) == 1)
}

// QuoteTable prints the scores.
func QuoteTable(w io.Writer, s QuoteScores, speakerByName bool) {
	pr := func(tp int) (float64, float64, float64) { return prf(tp, s.System, s.Gold) }
	fmt.Fprintf(w, "%-26s %9s %9s %9s %7s\n", "", "precision", "recall", "F1", "count")
	row := func(name string, tp int) {
		p, r, f := pr(tp)
		fmt.Fprintf(w, "%-26s %9.3f %9.3f %9.3f %7d\n", name, p, r, f, tp)
	}
	row("content exact", s.ContentExact)
	row("content overlap", s.ContentOverlap)
	if speakerByName {
		row("speaker (name)", s.SourceExact)
	} else {
		row("source exact", s.SourceExact)
		row("source overlap", s.SourceOverlap)
	}
	acc := 0.0
	if s.ContentOverlap > 0 {
		acc = float64(s.SourceExact) / float64(s.ContentOverlap)
	}
	fmt.Fprintf(w, "gold %d, system %d; speaker accuracy on matched quotes %.3f (%d/%d)\n", s.Gold, s.System, acc, s.SourceExact, s.ContentOverlap)
}
