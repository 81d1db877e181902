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
