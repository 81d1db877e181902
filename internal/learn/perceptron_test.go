package learn

import (
	"bufio"
	"bytes"
	"testing"
)

// train learns to tell two classes apart by one feature each.
func train() *Model {
	tr := NewTrainer(2)
	a, b, bias := Str(Seed("w="), "yes"), Str(Seed("w="), "no"), Seed("bias")
	for i := 0; i < 20; i++ {
		for _, ex := range []struct {
			f    []uint64
			gold int
		}{{[]uint64{a, bias}, 0}, {[]uint64{b, bias}, 1}} {
			sc := make([]float32, 2)
			tr.Scores(ex.f, sc)
			pred := 0
			if sc[1] > sc[0] {
				pred = 1
			}
			tr.Step()
			if pred != ex.gold {
				tr.Adjust(ex.f, ex.gold, 1)
				tr.Adjust(ex.f, pred, -1)
			}
		}
	}
	return tr.Model(1)
}

func TestLearnsAndRoundTrips(t *testing.T) {
	m := train()
	yes, no := Str(Seed("w="), "yes"), Str(Seed("w="), "no")
	sc := make([]float32, 2)
	m.Scores([]uint64{yes}, sc)
	if sc[0] <= sc[1] {
		t.Fatalf("class 0 not preferred for its feature: %v", sc)
	}
	var buf1, buf2 bytes.Buffer
	if err := m.Save(&buf1); err != nil {
		t.Fatal(err)
	}
	if err := train().Save(&buf2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf1.Bytes(), buf2.Bytes()) {
		t.Error("the same training gave different model files")
	}
	l, err := Load(bytes.NewReader(buf1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	l.Scores([]uint64{no}, sc)
	if sc[1] <= sc[0] || l.K != 2 || l.Features() != m.Features() {
		t.Errorf("loaded model differs: scores %v, %d features (want %d)", sc, l.Features(), m.Features())
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not gzip"), {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}} {
		if _, err := Load(bytes.NewReader(in)); err == nil {
			t.Errorf("Load(%q): no error", in)
		}
	}
}

// TestModelsFollowEachOther: two models saved one after the other load
// back in order from one stream.
func TestModelsFollowEachOther(t *testing.T) {
	var buf bytes.Buffer
	a, b := train(), train()
	if err := a.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if err := b.Save(&buf); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(&buf)
	for i := 0; i < 2; i++ {
		m, err := Load(r)
		if err != nil || m.Features() != a.Features() {
			t.Fatalf("model %d: %v", i, err)
		}
	}
	if _, err := Load(r); err == nil {
		t.Error("a third model read from two")
	}
}
