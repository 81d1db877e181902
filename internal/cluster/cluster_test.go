package cluster

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/textvec"
)

func mk(id, date, text string) *doc.Doc {
	d := &doc.Doc{ID: id, Published: date, Text: text}
	segment.Run(d)
	return d
}

// features builds the vectors of docs as the engine does, all documents
// at once.
func features(docs []*doc.Doc, entityOf func(di, mi int) string) *Vectors {
	fb := NewFeatureBuilder(entityOf)
	for i, d := range docs {
		fb.Add(i, d)
	}
	return fb.Vectors()
}

func group(docs []*doc.Doc, lines []Storyline) (storylines, stories []string) {
	for _, sl := range lines {
		var ids []string
		for _, i := range sl.Docs {
			ids = append(ids, docs[i].ID)
		}
		storylines = append(storylines, strings.Join(ids, ","))
		for _, st := range sl.Stories {
			var s []string
			for _, i := range st {
				s = append(s, docs[i].ID)
			}
			stories = append(stories, strings.Join(s, ","))
		}
	}
	return
}

func TestStoriesNestInStorylines(t *testing.T) {
	flood := "Storm floods the harbour district; rescuers search flooded cellars after the sea wall broke near the shipyard."
	docs := []*doc.Doc{
		mk("f1", "2025-03-03", flood),
		mk("f2", "2025-03-04", flood+" The toll rose."),
		mk("f3", "2025-09-20", flood+" An inquiry into the sea wall reported months later."),
		mk("b1", "2025-03-04", "Ministers met carmakers at a battery summit to plan electric car factories and jobs."),
	}
	vs := features(docs, func(int, int) string { return "" })
	lines := Cluster(docs, vs, DefaultOptions())
	sl, st := group(docs, lines)
	if strings.Join(sl, "|") != "f1,f2,f3|b1" {
		t.Errorf("storylines %v", sl)
	}
	if strings.Join(st, "|") != "f1,f2|f3|b1" {
		t.Errorf("stories %v", st)
	}
}

func TestUndatedNeedStrongerLinks(t *testing.T) {
	docs := []*doc.Doc{
		mk("a", "", "Rescuers search flooded cellars in the harbour after the storm broke the sea wall."),
		mk("b", "", "Rescuers search flooded cellars in the harbour after the storm broke the sea wall again today."),
		mk("c", "", "The storm also delayed trains in the north of the country and closed two schools near the harbour."),
	}
	vs := features(docs, func(int, int) string { return "" })
	_, st := group(docs, Cluster(docs, vs, DefaultOptions()))
	if st[0] != "a,b" {
		t.Errorf("stories %v", st)
	}
}

// Unrelated documents stay apart, and the result does not depend on the
// order documents arrive in when they are dated.
func TestUnrelatedStayApart(t *testing.T) {
	var docs []*doc.Doc
	for i := 0; i < 200; i++ {
		docs = append(docs, mk(fmt.Sprint(i), "2025-03-03", fmt.Sprintf("topic%d alpha%d beta%d gamma%d delta%d common words here", i, i, i, i, i)))
	}
	vs := features(docs, func(int, int) string { return "" })
	if n := len(Cluster(docs, vs, DefaultOptions())); n != 200 {
		t.Errorf("%d storylines for 200 unrelated documents", n)
	}
}

// TestRefineMergesSplitTopic: a stream that starts a topic twice (its first
// articles share little) ends with one storyline once the refining pass
// compares the two groups' distinctive terms; an unrelated topic stays
// apart.
func TestRefineMergesSplitTopic(t *testing.T) {
	docs := []*doc.Doc{
		mk("q1", "", "Quake survivors in Port-au-Prince wait for water as aid flights land at the damaged airport."),
		mk("q2", "", "Aid agencies say quake survivors in Port-au-Prince need water, shelter and medicine after the earthquake."),
		mk("q3", "", "The earthquake destroyed the presidential palace in Port-au-Prince; survivors sleep in the streets."),
		mk("q4", "", "Earthquake rescuers pulled survivors from rubble in Port-au-Prince as aid arrived."),
		mk("o1", "", "Oil from the leaking well reached the Louisiana marshes as crews laid booms along the coast."),
		mk("o2", "", "Crews laid more booms against the oil slick near the Louisiana coast as the well kept leaking."),
	}
	vs := features(docs, func(int, int) string { return "" })
	// Streamed as two groups of the quake topic plus the oil topic.
	split := [][]int{{0, 1}, {2, 3}, {4, 5}}
	got := refine(datesOf(docs), vs, split, DefaultOptions().StorylineSim, DefaultOptions().MergeSim, DefaultOptions().StorylineDays)
	sizes := map[int]int{}
	for _, g := range got {
		sizes[len(g)]++
	}
	if len(got) != 2 || sizes[4] != 1 || sizes[2] != 1 {
		t.Errorf("refined groups %v, want the four quake articles together and the two oil ones apart", got)
	}
	if again := refine(datesOf(docs), vs, split, DefaultOptions().StorylineSim, 0, DefaultOptions().StorylineDays); len(again) != 3 {
		t.Errorf("merging off: %v", again)
	}
}

// TestUndatedPlacedByItsDates: an undated article that writes out a date
// shortly before a story's joins it at the dated threshold; one with no
// such date still needs a close match.
func TestUndatedPlacedByItsDates(t *testing.T) {
	story := "Envoys met in Geneva to save the truce after air strikes on Aleppo killed civilians; Kerry and Lavrov discussed the ceasefire."
	mkT := func(id, date, text, value string) *doc.Doc {
		d := mk(id, date, text)
		if value != "" {
			d.Times = append(d.Times, doc.Time{Type: "DATE", Value: value})
		}
		return d
	}
	later := "The UN envoy said the truce was barely alive after air strikes on Aleppo and urged Russia to act before talks resume."
	for _, tc := range []struct {
		value string
		want  bool
	}{{"2016-02", true}, {"", false}, {"2015-01", false}} {
		docs := []*doc.Doc{
			mkT("a", "2016-05-01", story, ""),
			mkT("b", "2016-05-03", story+" Talks continued.", ""),
			mkT("u", "", later, tc.value),
		}
		vs := features(docs, func(int, int) string { return "" })
		_, st := group(docs, Cluster(docs, vs, DefaultOptions()))
		together := false
		for _, s := range st {
			if strings.Contains(s, "u") && strings.Contains(s, "a") {
				together = true
			}
		}
		if together != tc.want {
			t.Errorf("undated article mentioning %q: with the story = %v, want %v (stories %v)", tc.value, together, tc.want, st)
		}
	}
}

// FeatureBuilder interns terms, but must weigh them as plain TF-IDF does
// (sub-linear TF, smoothed IDF, L2 norm) and keep the order of terms: ids
// follow the terms' sorted order, so ties in weight break the same way.
func TestFeaturesMatchPlainTFIDF(t *testing.T) {
	docs := []*doc.Doc{
		mk("a", "2016-01-01", "Rebels shelled the old city. The old city burned; rebels said the army shelled it first."),
		mk("b", "2016-01-02", "The army shelled rebel positions near the old city, the army said."),
		mk("c", "2016-01-03", "Talks in Geneva opened with the envoy asking both sides for a ceasefire."),
		mk("d", "2016-01-04", "Zebra apple mango zebra apple mango."),
	}
	got := features(docs, func(int, int) string { return "" })
	// The same vectors made the plain way, with maps of terms.
	want := make([]map[string]float64, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		want[i] = map[string]float64{}
		for _, s := range d.Sentences {
			for _, term := range textvec.Terms(d, s) {
				if want[i][term] == 0 {
					df[term]++
				}
				want[i][term]++
			}
		}
	}
	n := float64(len(docs))
	for _, v := range want {
		var norm float64
		for term, c := range v {
			v[term] = (1 + math.Log(c)) * (math.Log((n+1)/(float64(df[term])+1)) + 1)
			norm += v[term] * v[term]
		}
		for term := range v {
			v[term] /= math.Sqrt(norm)
		}
	}
	for i := range docs {
		// Top terms by a full sort: weight, then term.
		var top []string
		for term := range want[i] {
			top = append(top, term)
		}
		sort.Slice(top, func(a, b int) bool {
			if want[i][top[a]] != want[i][top[b]] {
				return want[i][top[a]] > want[i][top[b]]
			}
			return top[a] < top[b]
		})
		top = top[:min(topTerms, len(top))]
		if len(got.tops[i]) != len(top) {
			t.Fatalf("doc %d: %d top terms, want %d", i, len(got.tops[i]), len(top))
		}
		for k, id := range got.tops[i] {
			if got.terms[id] != top[k] {
				t.Errorf("doc %d: top term %d is %q, want %q", i, k, got.terms[id], top[k])
			}
		}
		for j := range docs {
			var cos float64
			for term, w := range want[i] {
				cos += w * want[j][term]
			}
			if a := textvec.Dot(got.vecs[i], got.vecs[j]); math.Abs(a-cos) > 1e-6 { // weights are float32
				t.Errorf("cosine(%d,%d) = %v, plain TF-IDF says %v", i, j, a, cos)
			}
		}
	}
}

// A centroid table must add and look up like a map through its growth.
func TestIDMap(t *testing.T) {
	m := newIDMap(1)
	want := map[int32]float64{}
	for i := 0; i < 3000; i++ {
		id := int32(i*7919) % 1009
		m.add(id, float64(i))
		want[id] += float64(i)
	}
	if m.n != len(want) {
		t.Fatalf("%d ids, want %d", m.n, len(want))
	}
	for id, w := range want {
		if m.get(id) != w {
			t.Fatalf("get(%d) = %v, want %v", id, m.get(id), w)
		}
	}
	if m.get(5000) != 0 {
		t.Fatal("an id never added has a weight")
	}
}

func TestCandidates(t *testing.T) {
	// shared[g]: how many of an article's top terms group g has.
	shared := []int32{0, 9, 3, 2, 9, 5, 1, 3}
	var cands []int
	for g := range shared {
		if shared[g] > 0 {
			cands = bestCandidates(cands, g, shared)
		}
	}
	// Most shared first; a tie goes to the later (more recent) group.
	if want := []int{4, 1, 5, 7, 2, 3, 6}; fmt.Sprint(cands) != fmt.Sprint(want) {
		t.Errorf("candidates %v, want %v", cands, want)
	}
	// Those sharing under a third of the best's 9 terms are dropped.
	if got, want := closeCandidates(cands, shared), []int{4, 1, 5, 7, 2}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("close candidates %v, want %v", got, want)
	}
	// At most maxCandidates are kept.
	many := make([]int32, 3*maxCandidates)
	cands = cands[:0]
	for g := range many {
		many[g] = int32(g)
		cands = bestCandidates(cands, g, many)
	}
	if len(cands) != maxCandidates || cands[0] != len(many)-1 || cands[maxCandidates-1] != len(many)-maxCandidates {
		t.Errorf("%d candidates %v, want the %d sharing most", len(cands), cands, maxCandidates)
	}
}
