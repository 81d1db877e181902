package eval

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	gold := []Span{{0, 0, 2, "PER"}, {0, 3, 4, "LOC"}, {1, 0, 1, "ORG"}}
	pred := []Span{{0, 0, 2, "PER"}, {0, 3, 4, "ORG"}, {1, 0, 2, "ORG"}}
	per, all := Spans(gold, pred)
	if all.TP != 1 || all.FP != 2 || all.FN != 2 {
		t.Fatalf("overall %+v", all)
	}
	if per["PER"].F1() != 1 || per["LOC"].FN != 1 || per["ORG"].FP != 2 || per["ORG"].FN != 1 {
		t.Errorf("per type %+v", per)
	}
	if math.Abs(all.F1()-1.0/3) > 1e-9 {
		t.Errorf("F1 %v", all.F1())
	}
	var b bytes.Buffer
	Table(&b, "test", per, all)
	if !strings.Contains(b.String(), "overall     0.3333") {
		t.Errorf("table:\n%s", b.String())
	}
}

func TestEmpty(t *testing.T) {
	var c Counts
	if c.P() != 0 || c.R() != 0 || c.F1() != 0 {
		t.Error("empty counts must score 0")
	}
}

func TestReadTimeMLAndScore(t *testing.T) {
	in := `<?xml version="1.0" ?>
<TimeML><DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>It fell <TIMEX3 tid="t1" type="DATE" value="1998-01-06">Tuesday</TIMEX3> after <EVENT eid="e1">talks</EVENT> for <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> &amp; more.</TEXT></TimeML>`
	d, err := ReadTimeML("x.tml", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if d.DCT != "1998-01-08" || len(d.Gold) != 2 || d.Text[d.Gold[0].Start:d.Gold[0].End] != "Tuesday" || d.Gold[1].Text != "two weeks" {
		t.Fatalf("parsed %+v", d)
	}
	sys := []Timex{
		{Start: d.Gold[0].Start, End: d.Gold[0].End, Type: "DATE", Value: "1998-01-06"},  // exact, right value
		{Start: d.Gold[1].Start - 4, End: d.Gold[1].End, Type: "DURATION", Value: "P3W"}, // relaxed, wrong value
		{Start: 0, End: 2, Type: "DATE", Value: "PRESENT_REF"},                           // spurious
	}
	s := ScoreTimex(d.Gold, sys)
	if s.Strict != 1 || s.Relaxed != 2 || s.TypeOK != 2 || s.ValueOK != 1 || s.StrictValueOK != 1 || s.System != 3 || s.Gold != 2 {
		t.Fatalf("scores %+v", s)
	}
	if _, r, _ := s.RelaxedPRF(); r != 1 {
		t.Errorf("relaxed recall %v", r)
	}
	if s.ValueAccuracy() != 0.5 {
		t.Errorf("value accuracy %v", s.ValueAccuracy())
	}
	if _, err := ReadTimeML("bad.tml", strings.NewReader("<TimeML><TEXT>unclosed <TIMEX3>")); err == nil {
		// The decoder is lenient; a file without text is an error.
		d, _ := ReadTimeML("bad.tml", strings.NewReader("<TimeML></TimeML>"))
		if d != nil {
			t.Error("document without TEXT accepted")
		}
	}
}
