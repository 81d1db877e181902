package pipeline

import (
	"fmt"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quantity"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/segment"
	"github.com/storyline-news/storyline/internal/timex"
)

// Stage is one per-document step. It declares the layers it reads and
// the ones it writes, and writes nothing else (spaCy's requires and
// assigns): the engine checks the order of its stages when it is built,
// and a test checks that each stage leaves every other layer as it was.
type Stage struct {
	Name  string
	Needs []Layer
	Adds  []Layer
	Run   func(*doc.Doc)
}

// stages are the per-document stages in order, applying the given
// entity and quote stages (which hold their trained models).
func stages(entities *ner.Recognizer, quotes *quote.Quoter) []Stage {
	text := []Layer{LayerParagraphs, LayerSentences, LayerTokens}
	return []Stage{
		{Name: "segment", Adds: text, Run: segment.Run},
		{Name: "entities", Needs: []Layer{LayerSentences, LayerTokens, LayerCredits}, Adds: []Layer{LayerMentions}, Run: entities.Run},
		{Name: "dating", Needs: text, Adds: []Layer{LayerDating}, Run: timex.Date},
		{Name: "times", Needs: append(text, LayerCredits, LayerDating), Adds: []Layer{LayerTimes}, Run: timex.Run},
		{Name: "quotes", Needs: append(text, LayerCredits, LayerMentions), Adds: []Layer{LayerQuotes}, Run: quotes.Run},
		{Name: "quantities", Needs: append(text, LayerCredits, LayerMentions, LayerTimes, LayerQuotes), Adds: []Layer{LayerQuantities},
			Run: quantity.Run},
		{Name: "events", Needs: append(text, LayerCredits, LayerMentions, LayerDating, LayerTimes, LayerQuotes), Adds: []Layer{LayerEvents},
			Run: event.Run},
	}
}

// checkStages reports a stage list that cannot work: a stage reading a
// layer no earlier stage (or ingest) adds, two stages adding one layer,
// or a layer of the document that no stage adds.
func checkStages(list []Stage) error {
	by := map[Layer]string{}
	for _, l := range layers {
		if l.ingest {
			by[l.name] = "ingest"
		}
	}
	for _, s := range list {
		if s.Name == "" || s.Run == nil {
			return fmt.Errorf("pipeline: a stage without a name or a function (%q)", s.Name)
		}
		for _, n := range s.Needs {
			if _, ok := by[n]; !ok {
				return fmt.Errorf("pipeline: stage %s needs layer %s, which no earlier stage adds", s.Name, n)
			}
		}
		for _, a := range s.Adds {
			if layerNamed(a) == nil {
				return fmt.Errorf("pipeline: stage %s adds %s, which is not a layer of the document", s.Name, a)
			}
			if other, ok := by[a]; ok {
				return fmt.Errorf("pipeline: stage %s adds layer %s, which %s adds already", s.Name, a, other)
			}
			by[a] = s.Name
		}
	}
	for _, l := range layers {
		if _, ok := by[l.name]; !ok {
			return fmt.Errorf("pipeline: no stage adds layer %s", l.name)
		}
	}
	return nil
}
