package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	gen "github.com/storyline-news/storyline/internal/corpus"
	"github.com/storyline-news/storyline/internal/doc"
)

func TestCheckStages(t *testing.T) {
	run := func(*doc.Doc) {}
	defaults := newEngine(t).Stages()
	tests := []struct {
		name string
		edit func([]Stage) []Stage
		want string // in the error; "" for none
	}{
		{"the engine's own stages", func(s []Stage) []Stage { return s }, ""},
		{"a check stage that adds nothing", func(s []Stage) []Stage {
			return append(s, Stage{Name: "check", Needs: []Layer{LayerEvents}, Run: run})
		}, ""},
		{"a need no earlier stage adds", func(s []Stage) []Stage {
			return append([]Stage{{Name: "early", Needs: []Layer{LayerQuotes}, Run: run}}, s...)
		}, "stage early needs layer quotes"},
		{"two stages add one layer", func(s []Stage) []Stage {
			return append(s, Stage{Name: "again", Adds: []Layer{LayerTimes}, Run: run})
		}, "stage again adds layer times, which times adds already"},
		{"a layer the document does not have", func(s []Stage) []Stage {
			return append(s, Stage{Name: "odd", Adds: []Layer{"sentiment"}, Run: run})
		}, "not a layer of the document"},
		{"a layer no stage adds", func(s []Stage) []Stage { return s[:len(s)-1] }, "no stage adds layer events"},
		{"a stage without a function", func(s []Stage) []Stage { return append(s, Stage{Name: "empty"}) }, "without a name or a function"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkStages(tt.edit(slices.Clone(defaults)))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
	// New refuses such a list rather than running it.
	if _, err := New(DefaultConfig()); err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Stages = func(s []Stage) []Stage { return s[1:] }
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "needs layer") {
		t.Errorf("New with segmentation left out: %v", err)
	}
}

// Every field of doc.Doc is metadata or a layer of the list: a layer
// added to the document without an entry would be lost on its way into
// the analysis, and no stage order check would see it.
func TestLayersCoverDoc(t *testing.T) {
	metadata := map[string]bool{"ID": true, "Title": true, "Source": true, "URL": true, "Author": true, "Published": true,
		"Meta": true, "Origin": true, "Hash": true, "LayersVersion": true, "IDFromName": true, "Linked": true}
	fields := map[string]bool{}
	typ := reflect.TypeOf(doc.Doc{})
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		fields[f.Name] = true
		if metadata[f.Name] {
			continue
		}
		found := false
		for _, l := range layers {
			found = found || l.field == f.Name
		}
		if !found {
			t.Errorf("doc.Doc.%s is neither metadata nor in pipeline.layers", f.Name)
		}
	}
	for _, l := range layers {
		if !fields[l.field] {
			t.Errorf("layer %s names field %s, which doc.Doc does not have", l.name, l.field)
		}
		// The entry reads its own field: set it and see get change.
		d := &doc.Doc{}
		before, _ := json.Marshal(l.get(d))
		v := reflect.ValueOf(d).Elem().FieldByName(l.field)
		switch v.Kind() {
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		case reflect.String:
			v.SetString("x")
		case reflect.Struct:
			v.Field(0).SetString("x")
		}
		if after, _ := json.Marshal(l.get(d)); string(after) == string(before) {
			t.Errorf("layer %s does not read doc.Doc.%s", l.name, l.field)
		}
	}
}

// layerDocs are documents for checks over the stages' output: the flood
// corpus, some generated articles, and undated ones.
func layerDocs() []*doc.Doc {
	docs := append(corpus(), gen.Synthetic(30, 5)...)
	for i := 0; i < len(docs); i += 4 {
		docs[i].Published = ""
	}
	return docs
}

// Each stage writes only the layers it declares: everything else of the
// document (metadata included) is the same before and after it runs.
func TestStagesWriteOnlyTheirLayers(t *testing.T) {
	e := newEngine(t)
	for _, d := range layerDocs() {
		for _, s := range e.Stages() {
			before := snapshot(d, s.Adds)
			s.Run(d)
			after := snapshot(d, s.Adds)
			for k := range before {
				if before[k] != after[k] {
					t.Fatalf("%s: stage %s changed %s, which it does not declare", d.ID, s.Name, k)
				}
			}
		}
	}
}

// snapshot is the JSON of every layer of d but those in except, and of its
// metadata.
func snapshot(d *doc.Doc, except []Layer) map[string]string {
	out := map[string]string{}
	for _, l := range layers {
		if !slices.Contains(except, l.name) {
			b, _ := json.Marshal(l.get(d))
			out[string(l.name)] = string(b)
		}
	}
	meta := doc.Doc{ID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Author: d.Author, Published: d.Published, Meta: d.Meta,
		Origin: d.Origin, Hash: d.Hash, Linked: d.Linked}
	b, _ := json.Marshal(meta)
	out["metadata"] = string(b) + fmt.Sprint(meta.Linked)
	return out
}

// layersFingerprint is, per LayersVersion, a hash of what the stages
// write for layerDocs. When a change to a stage changes its output, this
// test fails: bump LayersVersion (stored documents are then analysed
// again) and add the new version's fingerprint here.
var layersFingerprint = map[int]string{
	1: "9c09eb41b7a5133484149a6d31aa22f64c36ba85af6bfca438ee4c0226afd3cd",
}

func TestLayersVersion(t *testing.T) {
	e := newEngine(t)
	h := sha256.New()
	for _, d := range layerDocs() {
		if err := e.AnalyzeDoc(d); err != nil {
			t.Fatal(err)
		}
		if d.LayersVersion != LayersVersion {
			t.Fatalf("analysed document has layers version %d, want %d", d.LayersVersion, LayersVersion)
		}
		for _, l := range layers {
			b, _ := json.Marshal(l.get(d))
			h.Write(b)
		}
	}
	got := hex.EncodeToString(h.Sum(nil))
	want, ok := layersFingerprint[LayersVersion]
	if !ok || want != got {
		t.Fatalf("the stages' output is not the one recorded for layers version %d (%q): if the change is meant, bump LayersVersion "+
			"in layers.go and record layersFingerprint[%d] = %q", LayersVersion, want, LayersVersion+btoi(ok && want != ""), got)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The layers the stages search by position are in text order: mentions
// sorted and disjoint (doc.MentionAt searches them), times and quotes
// sorted by start (the figures stage searches them by sentence).
func TestLayersAreInTextOrder(t *testing.T) {
	e := newEngine(t)
	for _, d := range layerDocs() {
		if err := e.AnalyzeDoc(d); err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(d.Mentions); i++ {
			if d.Mentions[i].Start < d.Mentions[i-1].End {
				t.Fatalf("%s: mentions %v and %v out of order or overlapping", d.ID, d.Mentions[i-1].Span, d.Mentions[i].Span)
			}
		}
		for i := 1; i < len(d.Times); i++ {
			if d.Times[i].Start < d.Times[i-1].Start {
				t.Fatalf("%s: times out of order", d.ID)
			}
		}
		for i := 1; i < len(d.Quotes); i++ {
			if d.Quotes[i].Start < d.Quotes[i-1].Start {
				t.Fatalf("%s: quotes out of order", d.ID)
			}
		}
	}
}

// BenchmarkRepetitive runs every stage on one document of the same
// sentence (a quote, a date, a figure, a place) repeated, 100 KB and 1 MB
// of it, as one paragraph and as one paragraph a sentence: the time per
// byte must not grow with the document (each stage once compared every
// token, figure or quote with every time, quote, mention or cue).
func BenchmarkRepetitive(b *testing.B) {
	e := newEngine(b)
	sentence := `"Yes," said John Smith on Monday, March 3, 2025, when 12 people died in Gdansk, the mayor said.`
	for _, size := range []int{100 << 10, 1 << 20} {
		for _, sep := range []string{" ", "\n\n"} {
			text := strings.Repeat(sentence+sep, size/(len(sentence)+len(sep)))
			b.Run(fmt.Sprintf("%dKB/paragraphs=%v", size>>10, sep != " "), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for i := 0; i < b.N; i++ {
					d := &doc.Doc{ID: "r", Text: text, Published: "2025-03-03"}
					if err := e.AnalyzeDoc(d); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
