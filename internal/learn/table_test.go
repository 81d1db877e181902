package learn

import (
	"math/rand"
	"slices"
	"testing"
)

// The table must behave as a map from key to K weights, through growth,
// with colliding slots and the key 0.
func TestTableAgreesWithMap(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	tab := NewTable(3, 2) // tiny: forces several grows
	want := map[uint64][3]float32{}
	keys := []uint64{0, 1, 1 << 63}
	for i := 0; i < 5000; i++ {
		keys = append(keys, r.Uint64()&0xffff) // many repeats, clustered slots
	}
	for i, k := range keys {
		w := tab.Put(k)
		w[i%3] += float32(i)
		v := want[k]
		v[i%3] += float32(i)
		want[k] = v
	}
	if tab.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", tab.Len(), len(want))
	}
	for k, v := range want {
		got := tab.Get(k)
		if len(got) != 3 || got[0] != v[0] || got[1] != v[1] || got[2] != v[2] {
			t.Fatalf("Get(%d) = %v, want %v", k, got, v)
		}
	}
	for _, k := range []uint64{0x10000, 1<<40 + 7, ^uint64(0)} {
		if got := tab.Get(k); got != nil {
			t.Fatalf("Get(%d) = %v for a key never put", k, got)
		}
	}
	ks := tab.Keys()
	if len(ks) != len(want) || !slices.IsSorted(ks) {
		t.Fatalf("Keys: %d keys, sorted %v; want %d sorted", len(ks), slices.IsSorted(ks), len(want))
	}
}

func BenchmarkTableGet(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	tab := NewTable(9, 200000)
	keys := make([]uint64, 200000)
	for i := range keys {
		keys[i] = r.Uint64()
		tab.Put(keys[i])[0] = 1
	}
	b.ResetTimer()
	var s float32
	for i := 0; i < b.N; i++ {
		s += tab.Get(keys[i%len(keys)])[0]
	}
	_ = s
}
