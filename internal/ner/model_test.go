package ner

import (
	"bytes"
	"strings"
	"testing"
)

func TestDefaultModelLoads(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	if m.Features() < 10000 {
		t.Fatalf("embedded model has only %d features", m.Features())
	}
	tags := m.TagDocument([][]string{strings.Fields("Peter Blackburn of the European Commission visited Brussels on Tuesday .")})[0]
	got := strings.Join(tags, " ")
	want := "B-PER I-PER O O B-ORG I-ORG O B-LOC O O O"
	if got != want {
		t.Errorf("tags\n got %s\nwant %s", got, want)
	}
}

func TestTagsAreAlwaysValid(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"I-ORG I-ORG mess : New York New York 's Mets beat the Yankees", "U.S.-led talks in Lausanne , Switzerland ended", "( AP ) - SOCCER - JAPAN GET LUCKY WIN ."} {
		tags := m.TagDocument([][]string{strings.Fields(s)})[0]
		prev := "O"
		for _, tg := range tags {
			if strings.HasPrefix(tg, "I-") && (prev == "O" || prev[2:] != tg[2:]) {
				t.Fatalf("invalid sequence %v for %q", tags, s)
			}
			prev = tg
		}
	}
}

func TestTrainSaveLoadRoundTrip(t *testing.T) {
	docs := []Document{{Sentences: []Sentence{
		{Words: strings.Fields("Anna Berg visited Oslo ."), Tags: []string{"B-PER", "I-PER", "O", "B-LOC", "O"}},
		{Words: strings.Fields("Berg works for Statoil ."), Tags: []string{"B-PER", "O", "O", "B-ORG", "O"}},
	}}}
	m := Train(docs, TrainOptions{Iterations: 5, Seed: 1})
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := LoadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	a := m.TagDocument([][]string{strings.Fields("Anna Berg visited Oslo .")})[0]
	b := m2.TagDocument([][]string{strings.Fields("Anna Berg visited Oslo .")})[0]
	if strings.Join(a, " ") != strings.Join(b, " ") || a[0] != "B-PER" || a[3] != "B-LOC" {
		t.Errorf("before %v after %v", a, b)
	}
	// Same data, same seed: the same model.
	var buf2 bytes.Buffer
	Train(docs, TrainOptions{Iterations: 5, Seed: 1}).Save(&buf2)
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("training is not reproducible")
	}
	if _, err := LoadModel(strings.NewReader("not a model")); err == nil {
		t.Error("garbage accepted as a model")
	}
}

func TestReadCoNLL(t *testing.T) {
	in := "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nA B I-NP I-LOC\nC D I-NP B-LOC\n"
	docs, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sentences) != 2 {
		t.Fatalf("docs %+v", docs)
	}
	if got := strings.Join(docs[0].Sentences[1].Tags, " "); got != "B-PER I-PER" {
		t.Errorf("IOB1 to BIO: %s", got)
	}
	if got := strings.Join(docs[1].Sentences[0].Tags, " "); got != "B-LOC B-LOC" {
		t.Errorf("adjacent names: %s", got)
	}
	if sp := Spans(docs[0].Sentences[0].Tags); len(sp) != 2 || sp[0] != (Span{0, 1, "ORG"}) || sp[1] != (Span{2, 3, "MISC"}) {
		t.Errorf("spans %+v", sp)
	}
	if _, err := ReadCoNLL(strings.NewReader("word\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("malformed line: %v", err)
	}
}

func BenchmarkTagger(b *testing.B) {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]string
	for i := 0; i < 40; i++ {
		sents = append(sents, strings.Fields("US Secretary of State John Kerry said on Sunday he hoped to make progress in talks in Geneva with Russian Foreign Minister Sergei Lavrov ."),
			strings.Fields("The Syrian Observatory for Human Rights said 279 civilians were killed in Aleppo since April 22 ."))
	}
	tokens := 0
	for _, s := range sents {
		tokens += len(s)
	}
	m.TagDocument(sents)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.TagDocument(sents)
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
