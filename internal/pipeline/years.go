package pipeline

import (
	"slices"

	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/timex"
)

// propagateYears is the cross-document step that dates undated documents
// from their story; its output is each document's doc.Linked. An undated
// document with dates written without a year gets the latest publication
// date of its story (else of its storyline) as its year reference
// (Linked.YearRef), and the stages that read it run again: times take
// their year from it, and figures their periods from the times. A
// document whose dates then include a full one gets a publication date
// inferred from them, fitted to the weekdays it mentions (Linked.Day),
// and its date-dependent stages run again against it. It reports whether
// any document got a date.
func (c *connection) propagateYears(lines []cluster.Storyline) (dated bool) {
	docs := c.docs
	latest := func(idx []int) (string, string) {
		best, from := "", ""
		for _, i := range idx {
			if day := docs[i].Date(); day > best {
				best, from = day, docs[i].ID
			}
		}
		return best, from
	}
	var resolved []*doc.Doc
	for _, sl := range lines {
		lineRef, lineFrom := latest(sl.Docs)
		for _, st := range sl.Stories {
			ref, from := latest(st)
			if from == "" {
				ref, from = lineRef, lineFrom
			}
			if from == "" {
				continue
			}
			for _, i := range st {
				d := docs[i]
				if d.Date() != "" || timex.YearLess(d) == 0 {
					continue
				}
				d.Linked.YearRef, d.Linked.YearFrom = ref, from
				c.rerun(d, LayerTimes, LayerQuantities)
				resolved = append(resolved, d)
			}
		}
	}
	for _, d := range resolved {
		t, ev, ok := timex.InferFromValues(d)
		if !ok {
			continue
		}
		d.Linked.Day, d.Linked.Evidence = t.Format(doc.DayLayout), ev
		c.rerun(d, LayerTimes, LayerQuantities, LayerEvents)
		dated = true
	}
	return dated
}

// rerun runs again, in order, the engine's stages that add the given
// layers, after a cross-document step changed what they read.
func (c *connection) rerun(d *doc.Doc, layers ...Layer) {
	release := withTokens(d)
	defer release()
	for _, s := range c.stages {
		for _, l := range s.Adds {
			if slices.Contains(layers, l) {
				s.Run(d)
				break
			}
		}
	}
}
