package pipeline

import (
	"fmt"

	"github.com/storyline-news/storyline/internal/doc"
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
