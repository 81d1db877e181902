package learn

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
)

// The model file is one gzip member (so several models can follow each
// other in one file). Version 2, which Save writes:
//
//	"SLPERC2\n"
//	uint32 K, uint32 features, uint32 L
//	L float32 levels: every distinct non-zero weight, once
//	per feature, in increasing order of hash:
//	    uint64 hash minus the previous feature's hash (0 before the first)
//	    (K+7)/8 bytes: bit k set when class k has a non-zero weight
//	    per set bit, a uint16: the index of the weight in the levels
//
// All numbers are little-endian. Most weights of a feature are zero (a
// feature says something about a few classes), so they take no room. The
// hashes are random 64-bit numbers that gzip cannot shrink; their
// differences, in sorted order, have zero top bytes that it can (a tenth
// of the file). And because the levels are stored as they are, loading
// gives exactly the weights that were saved, whatever arithmetic
// quantised them.
//
// Version 1 ("SLPERC1\n", uint32 K, uint32 features, float32 scale, then
// per feature its hash and K int16 weights, each weight int16 × scale) is
// still read.
const (
	magicV1 = "SLPERC1\n"
	magicV2 = "SLPERC2\n"
	// maxLevels: a level index is a uint16.
	maxLevels = 1 << 16
	// quantSteps: a trained model's weights are rounded to this many
	// steps either side of zero of its largest weight.
	quantSteps = 32767
)

// Save writes the model in the version-2 format. The weights of a trained
// model are first rounded to quantSteps steps of its largest weight (the
// file is small enough to embed); a model read from a file already holds
// such values and is written back exactly as read.
func (m *Model) Save(w io.Writer) error {
	value := m.quantiser()
	levels, index, err := m.levels(value)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(w)
	bw := &writer{w: bufio.NewWriter(zw)}
	bw.w.WriteString(magicV2)
	for _, v := range []uint32{uint32(m.K), uint32(m.w.Len()), uint32(len(levels))} {
		bw.u32(v)
	}
	for _, v := range levels {
		bw.u32(math.Float32bits(v))
	}
	// Sorted keys: the same model always makes the same bytes.
	mask := make([]byte, (m.K+7)/8)
	last := uint64(0)
	for _, f := range m.w.Keys() {
		ws := m.w.Get(f)
		clear(mask)
		for k, x := range ws {
			if value(x) != 0 {
				mask[k/8] |= 1 << (k % 8)
			}
		}
		bw.u64(f - last)
		last = f
		bw.w.Write(mask)
		for _, x := range ws {
			if v := value(x); v != 0 {
				bw.u16(index[v])
			}
		}
	}
	// A bufio.Writer keeps its first error; Flush returns it.
	if err := bw.w.Flush(); err != nil {
		return fmt.Errorf("perceptron model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("perceptron model: %w", err)
	}
	return nil
}

// quantiser returns the value Save writes for a weight: the weight itself
// for a model read from a file, else the weight rounded to the nearest of
// quantSteps steps of the largest weight.
func (m *Model) quantiser() func(float32) float32 {
	if m.quantised {
		return func(x float32) float32 { return x }
	}
	var maxAbs float32
	for _, x := range m.w.vals {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := float32(quantSteps) / maxAbs
	return func(x float32) float32 {
		return float32(int16(math.Round(float64(x*scale)))) / scale
	}
}

// levels returns the distinct non-zero values Save writes, by increasing
// magnitude (negative first on a tie: small indexes for the many small
// weights compress well), and each one's index.
func (m *Model) levels(value func(float32) float32) ([]float32, map[float32]uint16, error) {
	seen := map[float32]bool{}
	var levels []float32
	for _, x := range m.w.vals {
		if v := value(x); v != 0 && !seen[v] {
			seen[v] = true
			levels = append(levels, v)
		}
	}
	if len(levels) > maxLevels {
		return nil, nil, fmt.Errorf("perceptron model: %d distinct weights, at most %d fit the format", len(levels), maxLevels)
	}
	slices.SortFunc(levels, func(a, b float32) int {
		if c := compareAbs(a, b); c != 0 {
			return c
		}
		if a < b {
			return -1
		}
		return 1
	})
	index := make(map[float32]uint16, len(levels))
	for i, v := range levels {
		index[v] = uint16(i)
	}
	return levels, index, nil
}

func compareAbs(a, b float32) int {
	switch a, b := math.Abs(float64(a)), math.Abs(float64(b)); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Load reads a model written by Save, in either version of the format.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("perceptron model: %w", err)
	}
	// One model per gzip member, so several can follow each other in one
	// file (read them from one io.ByteReader, such as a bufio.Reader).
	zr.Multistream(false)
	br := bufio.NewReader(zr)
	head := make([]byte, len(magicV2))
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, errors.New("perceptron model: not a Storyline model file")
	}
	var m *Model
	switch string(head) {
	case magicV1:
		m, err = readV1(&reader{r: br})
	case magicV2:
		m, err = readV2(&reader{r: br})
	default:
		return nil, errors.New("perceptron model: not a Storyline model file")
	}
	if err != nil {
		return nil, fmt.Errorf("perceptron model: %w", err)
	}
	// Read to the member's end (its checksum) so the next model starts
	// where this one ends.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("perceptron model: %w", err)
	}
	return m, nil
}

// header checks the class and feature counts of a model file and makes
// the model to fill.
func header(k, n uint32) (*Model, error) {
	if k == 0 || k > 256 || n > 1<<26 {
		return nil, fmt.Errorf("implausible header (%d classes, %d features)", k, n)
	}
	// A corrupt header must not allocate gigabytes.
	return &Model{K: int(k), w: NewTable(int(k), min(int(n), 1<<20)), quantised: true}, nil
}

// readV1 reads the version-1 body: dense int16 weights and one scale.
func readV1(r *reader) (*Model, error) {
	k, n, scale := r.u32(), r.u32(), math.Float32frombits(r.u32())
	if r.err != nil {
		return nil, fmt.Errorf("header: %w", r.err)
	}
	m, err := header(k, n)
	if err != nil {
		return nil, err
	}
	for i := uint32(0); i < n; i++ {
		ws := m.w.Put(r.u64())
		for j := range ws {
			ws[j] = float32(int16(r.u16())) * scale
		}
		if r.err != nil {
			return nil, fmt.Errorf("feature %d: %w", i, r.err)
		}
	}
	return m, nil
}

// readV2 reads the version-2 body: the levels, then sparse weights.
func readV2(r *reader) (*Model, error) {
	k, n, nl := r.u32(), r.u32(), r.u32()
	if r.err != nil {
		return nil, fmt.Errorf("header: %w", r.err)
	}
	m, err := header(k, n)
	if err != nil {
		return nil, err
	}
	if nl > maxLevels {
		return nil, fmt.Errorf("implausible header (%d levels)", nl)
	}
	levels := make([]float32, nl)
	for i := range levels {
		levels[i] = math.Float32frombits(r.u32())
	}
	mask := make([]byte, (k+7)/8)
	f := uint64(0)
	for i := uint32(0); i < n; i++ {
		f += r.u64()
		ws := m.w.Put(f)
		r.bytes(mask)
		if err := r.weights(ws, mask, levels); err != nil {
			return nil, fmt.Errorf("feature %d: %w", i, err)
		}
	}
	return m, nil
}

// reader decodes little-endian numbers, keeping the first error.
type reader struct {
	r   *bufio.Reader
	buf [8]byte
	err error
}

func (r *reader) bytes(b []byte) {
	if r.err == nil {
		_, r.err = io.ReadFull(r.r, b)
	}
}

func (r *reader) u16() uint16 { r.bytes(r.buf[:2]); return binary.LittleEndian.Uint16(r.buf[:]) }
func (r *reader) u32() uint32 { r.bytes(r.buf[:4]); return binary.LittleEndian.Uint32(r.buf[:]) }
func (r *reader) u64() uint64 { r.bytes(r.buf[:8]); return binary.LittleEndian.Uint64(r.buf[:]) }

// weights reads the level index of each class whose bit is set in mask.
func (r *reader) weights(ws []float32, mask []byte, levels []float32) error {
	for b, bs := range mask {
		for bs != 0 {
			k := 8*b + bits.TrailingZeros8(bs)
			bs &= bs - 1
			idx := int(r.u16())
			if r.err != nil {
				return r.err
			}
			if k >= len(ws) || idx >= len(levels) {
				return fmt.Errorf("class %d or level %d out of range", k, idx)
			}
			ws[k] = levels[idx]
		}
	}
	return r.err
}

// writer encodes little-endian numbers.
type writer struct {
	w   *bufio.Writer
	buf [8]byte
}

func (w *writer) u16(v uint16) { binary.LittleEndian.PutUint16(w.buf[:], v); w.w.Write(w.buf[:2]) }
func (w *writer) u32(v uint32) { binary.LittleEndian.PutUint32(w.buf[:], v); w.w.Write(w.buf[:4]) }
func (w *writer) u64(v uint64) { binary.LittleEndian.PutUint64(w.buf[:], v); w.w.Write(w.buf[:8]) }
