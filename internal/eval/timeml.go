package eval

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Timex is one temporal expression with its offsets in a document's text.
type Timex struct {
	Start, End  int
	Text        string
	Type, Value string
}

// TimeMLDoc is a TimeML document: its plain text (the TEXT element with
// the markup removed), its creation time and its gold TIMEX3 tags.
type TimeMLDoc struct {
	Name  string
	DCT   string // YYYY-MM-DD
	Text  string
	Gold  []Timex
	Lines int
}

// ReadTimeML parses a TimeML file (TimeBank, AQUAINT, TempEval-3). The DCT
// is the TIMEX3 with functionInDocument="CREATION_TIME".
func ReadTimeML(name string, r io.Reader) (*TimeMLDoc, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	doc := &TimeMLDoc{Name: name}
	var text strings.Builder
	inText, inDCT := false, false
	var open *Timex
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > 100 {
				return nil, fmt.Errorf("%s: elements nested too deeply", name)
			}
			switch t.Name.Local {
			case "TEXT":
				inText = true
			case "DCT":
				inDCT = true
			case "TIMEX3":
				attr := map[string]string{}
				for _, a := range t.Attr {
					attr[a.Name.Local] = a.Value
				}
				if inDCT || attr["functionInDocument"] == "CREATION_TIME" {
					if v := attr["value"]; len(v) >= 10 {
						doc.DCT = v[:10]
					}
				}
				if inText {
					open = &Timex{Start: text.Len(), Type: attr["type"], Value: attr["value"]}
				}
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if open != nil {
					open.End = text.Len()
					open.Text = text.String()[open.Start:open.End]
					doc.Gold = append(doc.Gold, *open)
					open = nil
				}
			}
		case xml.CharData:
			if inText {
				text.Write(t)
			}
		}
	}
	doc.Text = text.String()
	if doc.Text == "" {
		return nil, fmt.Errorf("%s: no TEXT element", name)
	}
	return doc, nil
}

// TimexScores are the TempEval-3 measures for one or more documents.
type TimexScores struct {
	Gold, System int
	// Strict counts exact span matches; Relaxed counts overlapping pairs
	// (each gold and system expression matched at most once).
	Strict, Relaxed int
	// TypeOK and ValueOK count relaxed matches whose type / value agree;
	// StrictValueOK counts strict matches whose value agrees.
	TypeOK, ValueOK, StrictValueOK int
}

// Add sums scores.
func (s *TimexScores) Add(o TimexScores) {
	s.Gold += o.Gold
	s.System += o.System
	s.Strict += o.Strict
	s.Relaxed += o.Relaxed
	s.TypeOK += o.TypeOK
	s.ValueOK += o.ValueOK
	s.StrictValueOK += o.StrictValueOK
}

func prf(tp, sys, gold int) (p, r, f float64) {
	if sys > 0 {
		p = float64(tp) / float64(sys)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// StrictPRF, RelaxedPRF, ValuePRF (relaxed span and right value) and
// StrictValuePRF (exact span and right value) give precision, recall, F1.
func (s TimexScores) StrictPRF() (float64, float64, float64) { return prf(s.Strict, s.System, s.Gold) }
func (s TimexScores) RelaxedPRF() (float64, float64, float64) {
	return prf(s.Relaxed, s.System, s.Gold)
}
func (s TimexScores) ValuePRF() (float64, float64, float64) { return prf(s.ValueOK, s.System, s.Gold) }
func (s TimexScores) StrictValuePRF() (float64, float64, float64) {
	return prf(s.StrictValueOK, s.System, s.Gold)
}

// TypeAccuracy and ValueAccuracy are measured over relaxed matches.
func (s TimexScores) TypeAccuracy() float64 {
	if s.Relaxed == 0 {
		return 0
	}
	return float64(s.TypeOK) / float64(s.Relaxed)
}

func (s TimexScores) ValueAccuracy() float64 {
	if s.Relaxed == 0 {
		return 0
	}
	return float64(s.ValueOK) / float64(s.Relaxed)
}

// ScoreTimex compares system with gold expressions of one document.
func ScoreTimex(gold, sys []Timex) TimexScores {
	s := TimexScores{Gold: len(gold), System: len(sys)}
	used := make([]bool, len(sys))
	for _, g := range gold {
		best := -1
		for i, x := range sys {
			if used[i] || x.Start >= g.End || g.Start >= x.End {
				continue
			}
			if best < 0 || x.Start == g.Start && x.End == g.End {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		used[best] = true
		x := sys[best]
		s.Relaxed++
		exact := x.Start == g.Start && x.End == g.End
		if exact {
			s.Strict++
		}
		if x.Type == g.Type {
			s.TypeOK++
		}
		if x.Value == g.Value {
			s.ValueOK++
			if exact {
				s.StrictValueOK++
			}
		}
	}
	return s
}

// TimexTable prints the scores of named rows and a total.
func TimexTable(w io.Writer, rows []string, scores []TimexScores, total TimexScores) {
	fmt.Fprintf(w, "%-28s %5s %5s | %-20s | %-20s | %6s %6s | %6s %6s\n", "", "gold", "sys", "strict span P/R/F1", "relaxed span P/R/F1", "type", "value", "valF1", "strVF1")
	line := func(name string, s TimexScores) {
		sp, sr, sf := s.StrictPRF()
		rp, rr, rf := s.RelaxedPRF()
		_, _, vf := s.ValuePRF()
		_, _, svf := s.StrictValuePRF()
		fmt.Fprintf(w, "%-28s %5d %5d | %.3f %.3f %.3f    | %.3f %.3f %.3f    | %.3f  %.3f  | %.3f  %.3f\n",
			name, s.Gold, s.System, sp, sr, sf, rp, rr, rf, s.TypeAccuracy(), s.ValueAccuracy(), vf, svf)
	}
	for i, r := range rows {
		line(r, scores[i])
	}
	line("overall", total)
}
