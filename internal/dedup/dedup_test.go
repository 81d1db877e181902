package dedup

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

const original = `Rescue teams in Gdansk worked through the night after Storm Edda drove a surge of seawater into the harbour district on Monday.
The regional crisis centre said at least 12 people were killed and about 40 injured when the water broke through the old sea wall near the shipyard.
"We have not seen water this high in fifty years," Mayor Katarzyna Lis told reporters at the city hall.
Marek Zielinski, the head of the regional crisis centre, said the sea wall had been due for repairs since 2019.`

func TestFindsCopiesNotRelatedArticles(t *testing.T) {
	wire := "GDANSK (Reuters) - " + original + "\nReporting by Anna Nowak; editing by Tom Lee."
	updated := strings.Replace(original, "at least 12 people", "at least 17 people", 1)
	related := `The death toll from Storm Edda in Gdansk rose on Tuesday as divers searched flooded cellars in the harbour district.
Prime Minister Jan Kowal visited the shipyard and promised money for a new sea wall, which the city had asked for since 2019.
Residents said the water came in minutes and that nobody had warned them before the wall broke on Monday night.`
	items := []Item{
		{Text: updated, Order: "2025-03-04"},
		{Text: original, Order: "2025-03-03"},
		{Text: related, Order: "2025-03-04"},
		{Text: wire, Order: "2025-03-03T12"},
		{Text: "Too short to judge.", Order: "2025-03-05"},
	}
	ms := Find(items, DefaultOptions())
	got := map[int]int{}
	for _, m := range ms {
		got[m.Dup] = m.Of
		if m.Similarity < DefaultOptions().Threshold {
			t.Errorf("match %+v below the threshold", m)
		}
	}
	if got[0] != 1 || got[3] != 1 {
		t.Errorf("copies not linked to the earliest: %v", ms)
	}
	if _, ok := got[2]; ok {
		t.Errorf("a related article taken for a copy: %v", ms)
	}
	if _, ok := got[1]; ok {
		t.Errorf("the original marked as a duplicate: %v", ms)
	}
	if len(ms) != 2 {
		t.Errorf("matches %v", ms)
	}
}

func TestSimilarityEstimatesJaccard(t *testing.T) {
	words := strings.Fields(strings.Repeat(original+" ", 3))
	a := strings.Join(words, " ")
	// Change every 10th word: about half the 5-word shingles survive.
	w2 := append([]string(nil), words...)
	for i := 0; i < len(w2); i += 10 {
		w2[i] = fmt.Sprintf("x%d", i)
	}
	b := strings.Join(w2, " ")
	est := Similarity(Sign(a, DefaultOptions()), Sign(b, DefaultOptions()))
	if est < 0.25 || est > 0.75 {
		t.Errorf("estimated Jaccard %.2f for texts sharing about half their shingles", est)
	}
	if s := Similarity(Sign(a, DefaultOptions()), Sign(a, DefaultOptions())); s != 1 {
		t.Errorf("self-similarity %.2f", s)
	}
}

func BenchmarkFind(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	vocab := strings.Fields(original)
	items := make([]Item, 2000)
	for i := range items {
		ws := make([]string, 400)
		for k := range ws {
			ws[k] = vocab[rng.Intn(len(vocab))]
		}
		items[i] = Item{Text: strings.Join(ws, " "), Order: fmt.Sprint(i)}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Find(items, DefaultOptions())
	}
	b.ReportMetric(float64(len(items)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
