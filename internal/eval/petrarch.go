package eval

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
)

// CodedEvent is one who-did-what-to-whom coding: CAMEO actor codes and the
// event code.
type CodedEvent struct {
	Source, Target, Code string
}

// PetrarchRecord is one sentence of a PETRARCH validation file with its
// gold codings. NoEvents says the sentence must yield none; Error marks a
// record that tests error handling, which is not scored.
type PetrarchRecord struct {
	ID, Category, Date, Text string
	Events                   []CodedEvent
	NoEvents                 bool
	Error                    string
}

// ReadPetrarch reads the <Sentence> records of a PETRARCH validation file
// (PETR.UnitTest.records.xml and the like).
func ReadPetrarch(r io.Reader) ([]PetrarchRecord, error) {
	type coding struct {
		Source   string `xml:"sourcecode,attr"`
		Target   string `xml:"targetcode,attr"`
		Code     string `xml:"eventcode,attr"`
		NoEvents string `xml:"noevents,attr"`
		Error    string `xml:"error,attr"`
	}
	type sentence struct {
		ID       string   `xml:"id,attr"`
		Category string   `xml:"category,attr"`
		Date     string   `xml:"date,attr"`
		Codings  []coding `xml:"EventCoding"`
		Text     string   `xml:"Text"`
	}
	dec := xml.NewDecoder(r)
	dec.Strict = false
	var out []PetrarchRecord
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("PETRARCH records: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Sentence" {
			continue
		}
		var s sentence
		if err := dec.DecodeElement(&s, &se); err != nil {
			return nil, fmt.Errorf("PETRARCH records: sentence after %d records: %w", len(out), err)
		}
		rec := PetrarchRecord{ID: s.ID, Category: s.Category, Date: s.Date, Text: strings.Join(strings.Fields(s.Text), " ")}
		for _, c := range s.Codings {
			switch {
			case c.Error != "":
				rec.Error = c.Error
			case strings.EqualFold(strings.TrimSpace(c.NoEvents), "true"):
				rec.NoEvents = true
			case c.Code != "":
				rec.Events = append(rec.Events, CodedEvent{Source: c.Source, Target: c.Target, Code: c.Code})
			}
		}
		out = append(out, rec)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("PETRARCH records: no <Sentence> records")
	}
	return out, nil
}

// ActorDict maps actor names to CAMEO actor codes, read from a PETRARCH
// actor dictionary ("GONDOR [GON]", synonyms on "+" lines, dated codes on
// indented lines). Names match whole words; a name without a trailing
// underscore also matches words it begins ("ARGENTIN" for "Argentine").
type ActorDict struct {
	entries []actorEntry
}

type actorEntry struct {
	words []string
	exact bool // the last word must match whole
	code  string
}

// ReadActorDict reads a PETRARCH actor dictionary. Of dated codes
// ("[HOB < 950601]") the first is used: validation records are coded
// against the dictionary, not against the calendar.
func ReadActorDict(r io.Reader) (*ActorDict, error) {
	d := &ActorDict{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var pending []string // names of the current entry still without a code
	lastCode := ""       // the current entry's code, for its synonyms
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "<") {
			continue
		}
		code := ""
		if i := strings.Index(line, "["); i >= 0 {
			if j := strings.Index(line[i:], "]"); j > 0 {
				if f := strings.Fields(line[i+1 : i+j]); len(f) > 0 {
					code = f[0]
				}
				line = strings.TrimSpace(line[:i])
			}
		}
		if i := strings.Index(line, "{"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "" && code != "":
			// A (dated) code line under an entry: the first one counts.
			if len(pending) > 0 {
				for _, n := range pending {
					d.add(n, code)
				}
				pending, lastCode = nil, code
			}
		case strings.HasPrefix(line, "+"):
			name := strings.TrimSpace(line[1:])
			switch {
			case code != "":
				d.add(name, code)
			case lastCode != "":
				d.add(name, lastCode)
			default:
				pending = append(pending, name)
			}
		case line != "":
			// A new entry.
			pending, lastCode = nil, code
			if code != "" {
				d.add(line, code)
			} else {
				pending = []string{line}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(d.entries) == 0 {
		return nil, fmt.Errorf("actor dictionary: no entries")
	}
	// Longest names first, so "HAMAS MILITARY COMMAND" wins over "HAMAS".
	sort.SliceStable(d.entries, func(i, j int) bool { return len(d.entries[i].words) > len(d.entries[j].words) })
	return d, nil
}

func (d *ActorDict) add(name, code string) {
	if code == "" || code == "---" || strings.HasPrefix(code, "+") {
		return
	}
	exact := strings.HasSuffix(name, "_")
	name = strings.Trim(name, "_ ")
	ws := strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool { return r == '_' || r == ' ' })
	if len(ws) == 0 {
		return
	}
	d.entries = append(d.entries, actorEntry{words: ws, exact: exact, code: code})
}

func upperWords(s string) []string {
	return strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool {
		// "Arnor's" is "ARNOR 'S", as the tokenised text PETRARCH reads.
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
}

// Find returns the code of the first actor named in s (by position, the
// longest name at that position), or "".
func (d *ActorDict) Find(s string) string {
	ws := upperWords(s)
	for i := range ws {
		for _, e := range d.entries {
			if i+len(e.words) > len(ws) {
				continue
			}
			ok := true
			for k, w := range e.words {
				got := ws[i+k]
				last := k == len(e.words)-1
				if got != w && (e.exact || !last || !strings.HasPrefix(got, w)) {
					ok = false
					break
				}
			}
			if ok {
				return e.code
			}
		}
	}
	return ""
}

// EventScores counts coded events against gold over many sentences.
type EventScores struct {
	Gold, System int
	Full         int // source, target and event code all right
	Root         int // source, target and the event code's root (first two digits)
	Actors       int // source and target right, any code
	CodeOnly     int // event code right, any actors
	// Sentences where gold has no event: how many got none.
	NoEventGold, NoEventRight int
}

// ScoreEvents matches system against gold events of one sentence; each
// gold event is matched at most once per measure.
func ScoreEvents(gold, sys []CodedEvent, noEvents bool) EventScores {
	s := EventScores{Gold: len(gold), System: len(sys)}
	if noEvents {
		s.NoEventGold = 1
		if len(sys) == 0 {
			s.NoEventRight = 1
		}
	}
	root := func(c string) string {
		if len(c) >= 2 {
			return c[:2]
		}
		return c
	}
	count := func(eq func(g, p CodedEvent) bool) int {
		used := make([]bool, len(sys))
		n := 0
		for _, g := range gold {
			for j, p := range sys {
				if !used[j] && eq(g, p) {
					used[j] = true
					n++
					break
				}
			}
		}
		return n
	}
	s.Full = count(func(g, p CodedEvent) bool { return g == p })
	s.Root = count(func(g, p CodedEvent) bool {
		return g.Source == p.Source && g.Target == p.Target && root(g.Code) == root(p.Code)
	})
	s.Actors = count(func(g, p CodedEvent) bool { return g.Source == p.Source && g.Target == p.Target })
	s.CodeOnly = count(func(g, p CodedEvent) bool { return g.Code == p.Code })
	return s
}

// Add sums scores.
func (s *EventScores) Add(o EventScores) {
	s.Gold += o.Gold
	s.System += o.System
	s.Full += o.Full
	s.Root += o.Root
	s.Actors += o.Actors
	s.CodeOnly += o.CodeOnly
	s.NoEventGold += o.NoEventGold
	s.NoEventRight += o.NoEventRight
}

// EventTable prints the scores.
func EventTable(w io.Writer, s EventScores) {
	fmt.Fprintf(w, "%-34s %9s %9s %9s %7s\n", "", "precision", "recall", "F1", "count")
	row := func(name string, tp int) {
		p, r, f := prf(tp, s.System, s.Gold)
		fmt.Fprintf(w, "%-34s %9.3f %9.3f %9.3f %7d\n", name, p, r, f, tp)
	}
	row("source + target + code", s.Full)
	row("source + target + root code", s.Root)
	row("source + target (any code)", s.Actors)
	row("event code (any actors)", s.CodeOnly)
	acc := 0.0
	if s.NoEventGold > 0 {
		acc = float64(s.NoEventRight) / float64(s.NoEventGold)
	}
	fmt.Fprintf(w, "gold %d, system %d; sentences with no event left empty %.3f (%d/%d)\n", s.Gold, s.System, acc, s.NoEventRight, s.NoEventGold)
}
