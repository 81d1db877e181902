package learn

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"math/rand"
	"testing"
)

// sameWeights reports the first feature whose weights differ bit for bit.
func sameWeights(t *testing.T, a, b *Model) {
	t.Helper()
	if a.K != b.K || a.Features() != b.Features() {
		t.Fatalf("%d classes, %d features; want %d, %d", b.K, b.Features(), a.K, a.Features())
	}
	for _, f := range a.w.Keys() {
		wa, wb := a.w.Get(f), b.w.Get(f)
		if wb == nil {
			t.Fatalf("feature %x lost", f)
		}
		for k := range wa {
			if math.Float32bits(wa[k]) != math.Float32bits(wb[k]) {
				t.Fatalf("feature %x class %d: %v, want %v", f, k, wb[k], wa[k])
			}
		}
	}
}

func roundTrip(t *testing.T, m *Model) (*Model, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	l, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return l, buf.Bytes()
}

// sparseModel has k classes and mostly zero weights, some of them tiny
// enough to round to zero.
func sparseModel(k, n int) *Model {
	rng := rand.New(rand.NewSource(int64(k)))
	m := &Model{K: k, w: NewTable(k, n)}
	for i := 0; i < n; i++ {
		ws := m.w.Put(rng.Uint64())
		for j := range ws {
			switch rng.Intn(4) {
			case 0:
				ws[j] = float32(rng.NormFloat64() * 3)
			case 1:
				ws[j] = 1e-7
			}
		}
	}
	return m
}

// TestSaveQuantisesOnceAndKeepsLoadedWeights: a trained model's weights
// are rounded to steps of its largest weight; a loaded model saves back
// to the same bytes and the same weights, for any number of classes.
func TestSaveQuantisesOnceAndKeepsLoadedWeights(t *testing.T) {
	for _, k := range []int{1, 7, 8, 9, 49} {
		m := sparseModel(k, 500)
		l, file := roundTrip(t, m)
		var maxAbs float32
		for _, x := range m.w.vals {
			maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
		}
		scale := float32(quantSteps) / maxAbs
		for _, f := range m.w.Keys() {
			for c, x := range m.w.Get(f) {
				want := float32(int16(math.Round(float64(x*scale)))) / scale
				if got := l.w.Get(f)[c]; got != want {
					t.Fatalf("K=%d: weight %v loads as %v, want %v", k, x, got, want)
				}
			}
		}
		l2, file2 := roundTrip(t, l)
		sameWeights(t, l, l2)
		if !bytes.Equal(file, file2) {
			t.Errorf("K=%d: saving a loaded model changed the file", k)
		}
	}
}

// saveV1 writes the version-1 format: dense int16 weights times a scale.
func saveV1(m *Model, scale float32) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(magicV1))
	binary.Write(zw, binary.LittleEndian, []uint32{uint32(m.K), uint32(m.w.Len())})
	binary.Write(zw, binary.LittleEndian, scale)
	for _, f := range m.w.Keys() {
		binary.Write(zw, binary.LittleEndian, f)
		for _, x := range m.w.Get(f) {
			binary.Write(zw, binary.LittleEndian, int16(math.Round(float64(x/scale))))
		}
	}
	zw.Close()
	return buf.Bytes()
}

// TestLoadReadsVersion1: a version-1 file loads with its weights int16 ×
// scale, and converts to version 2 without a weight changing.
func TestLoadReadsVersion1(t *testing.T) {
	m := sparseModel(7, 300)
	const scale = float32(0.000731)
	v1, err := Load(bytes.NewReader(saveV1(m, scale)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.w.Keys() {
		for c, x := range m.w.Get(f) {
			if want := float32(int16(math.Round(float64(x/scale)))) * scale; v1.w.Get(f)[c] != want {
				t.Fatalf("weight %v loads as %v, want %v", x, v1.w.Get(f)[c], want)
			}
		}
	}
	v2, _ := roundTrip(t, v1)
	sameWeights(t, v1, v2)
}

func TestLoadRejectsBadLevel(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(magicV2))
	binary.Write(zw, binary.LittleEndian, []uint32{2, 1, 1, math.Float32bits(0.5)})
	binary.Write(zw, binary.LittleEndian, uint64(42))
	zw.Write([]byte{0b11})                                // both classes
	binary.Write(zw, binary.LittleEndian, []uint16{0, 1}) // level 1 of 1
	zw.Close()
	if _, err := Load(bufio.NewReader(&buf)); err == nil {
		t.Error("a level index past the levels was accepted")
	}
}
