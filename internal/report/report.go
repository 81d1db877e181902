// Package report renders an analysis for people: a terminal report, a
// Markdown document, or one self-contained HTML file. JSON output is the
// contract itself and is written by the caller.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

// Formats lists the output formats.
var Formats = []string{"text", "json", "markdown", "html"}

// Write renders a in the given format.
func Write(w io.Writer, a *model.Analysis, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(a)
	case "text", "":
		return writeDoc(w, a, textStyle)
	case "markdown", "md":
		return writeDoc(w, a, mdStyle)
	case "html":
		return writeHTML(w, a)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// view is what the text, Markdown and HTML reports show of a storyline.
type view struct {
	a        *model.Analysis
	docs     map[string]model.Document
	entities map[string]model.Entity
	index    *model.EntityIndex // for each storyline's key entities
}

func newView(a *model.Analysis) *view {
	v := &view{a: a, docs: map[string]model.Document{}, entities: map[string]model.Entity{}}
	for _, d := range a.Documents {
		v.docs[d.ID] = d
	}
	for _, e := range a.Entities {
		v.entities[e.ID] = e
	}
	v.index = model.NewEntityIndex(a.Entities)
	return v
}

func (v *view) cite(ev []model.Evidence) string {
	var parts []string
	for _, e := range ev {
		d := v.docs[e.Doc]
		label := e.Doc
		if d.Source != "" {
			label = d.Source + ", " + e.Doc
		}
		parts = append(parts, label)
	}
	return strings.Join(parts, "; ")
}

// keyEntities returns the most mentioned entities of the storyline by type.
func (v *view) keyEntities(sl model.Storyline, types []string, k int) []model.Entity {
	want := map[string]bool{}
	for _, t := range types {
		want[t] = true
	}
	return v.index.Top(sl.Documents, func(e model.Entity) bool { return want[e.Type] }, k)
}

func (v *view) quotesOf(sl model.Storyline, k int) []model.Quote {
	in := map[string]bool{}
	for _, id := range sl.Documents {
		in[id] = true
	}
	var out []model.Quote
	for _, q := range v.a.Quotes {
		if in[q.Doc] && q.Direct && len(strings.Fields(q.Text)) >= 5 {
			out = append(out, q)
			if len(out) >= k {
				break
			}
		}
	}
	return out
}

func (v *view) figuresOf(sl model.Storyline, k int) []model.Quantity {
	in := map[string]bool{}
	for _, id := range sl.Documents {
		in[id] = true
	}
	var out []model.Quantity
	for _, q := range v.a.Quantities {
		if in[q.Doc] && q.Event != "" && q.PartOf == nil {
			out = append(out, q)
			if len(out) >= k {
				break
			}
		}
	}
	return out
}

func fmtNum(x float64) string {
	if x == float64(int64(x)) {
		return fmt.Sprintf("%d", int64(x))
	}
	return fmt.Sprintf("%g", x)
}

// style is how a text format writes headings, list items and quotations,
// and escapes article text (esc).
type style struct {
	h1, h2, h3 func(string) string
	item       func(string) string
	quote      func(string) string
	esc        func(string) string
}

var textStyle = style{
	h1:    func(s string) string { return strings.ToUpper(s) + "\n" + strings.Repeat("=", min(len(s), 78)) + "\n" },
	h2:    func(s string) string { return "\n" + s + "\n" + strings.Repeat("-", min(len(s), 78)) + "\n" },
	h3:    func(s string) string { return "\n  " + s + "\n" },
	item:  func(s string) string { return "    • " + s + "\n" },
	quote: func(s string) string { return "“" + s + "”" },
	esc:   func(s string) string { return s },
}

var mdStyle = style{
	h1:    func(s string) string { return "# " + mdEscape(s) + "\n" },
	h2:    func(s string) string { return "\n## " + mdEscape(s) + "\n" },
	h3:    func(s string) string { return "\n### " + mdEscape(s) + "\n\n" },
	item:  func(s string) string { return "- " + s + "\n" },
	quote: func(s string) string { return "“" + mdEscape(s) + "”" },
	esc:   mdEscape,
}

func mdEscape(s string) string {
	r := strings.NewReplacer("*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "`", "\\`", "#", `\#`)
	return r.Replace(s)
}

// The entity types each list of key entities shows.
var (
	personTypes = []string{string(doc.TypePerson)}
	orgTypes    = []string{string(doc.TypeOrg)}
	placeTypes  = []string{string(doc.TypeGPE), string(doc.TypeLoc), string(doc.TypeFac)}
)

// section writes one part of a storyline's report to b (nothing when the
// storyline has nothing for it).
type section func(b *strings.Builder, v *view, sl model.Storyline, st style)

// sections are the parts of each storyline's report, in order.
var sections = []section{
	writeHeading,
	writeStories,
	writeSummary,
	writeTimeline,
	entitySection("People", personTypes),
	entitySection("Organisations", orgTypes),
	entitySection("Places", placeTypes),
	writeQuotes,
	writeFigures,
	writeDisagreements,
}

// writeDoc writes the text or Markdown report: counts over the analysis,
// then each storyline section by section.
func writeDoc(w io.Writer, a *model.Analysis, st style) error {
	v := newView(a)
	var b strings.Builder
	b.WriteString(st.h1("Storyline report"))
	inferred := 0
	for _, d := range a.Documents {
		if d.PublishedInferred {
			inferred++
		}
	}
	fmt.Fprintf(&b, "%d documents (%d with inferred dates), %d storylines, %d entities, %d quotes, %d figures\n",
		len(a.Documents), inferred, len(a.Storylines), len(a.Entities), len(a.Quotes), len(a.Quantities))
	for _, sl := range a.Storylines {
		for _, write := range sections {
			write(&b, v, sl, st)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeHeading writes the storyline's title, size and span of dates.
func writeHeading(b *strings.Builder, _ *view, sl model.Storyline, st style) {
	b.WriteString(st.h2(sl.Title))
	fmt.Fprintf(b, "%d documents, %d stories%s\n", len(sl.Documents), len(sl.Stories), storySpan(sl))
}

// writeStories lists the stories, when there are several.
func writeStories(b *strings.Builder, _ *view, sl model.Storyline, st style) {
	if len(sl.Stories) <= 1 {
		return
	}
	b.WriteString(st.h3("Stories"))
	for _, s := range sl.Stories {
		when := s.Start
		if s.End != s.Start && s.End != "" {
			when += " – " + s.End
		}
		if when == "" {
			when = "undated"
		}
		b.WriteString(st.item(fmt.Sprintf("%s (%s; %d documents)", st.esc(s.Title), when, len(s.Documents))))
	}
}

// writeSummary lists the summary's sentences, each cited.
func writeSummary(b *strings.Builder, v *view, sl model.Storyline, st style) {
	if len(sl.Summary) == 0 {
		return
	}
	b.WriteString(st.h3("Summary"))
	for _, s := range sl.Summary {
		b.WriteString(st.item(fmt.Sprintf("%s [%s]", st.esc(s.Text), st.esc(v.cite(s.Evidence)))))
	}
}

// writeTimeline lists the timeline's dated sentences, each cited.
func writeTimeline(b *strings.Builder, v *view, sl model.Storyline, st style) {
	if len(sl.Timeline) == 0 {
		return
	}
	b.WriteString(st.h3("Timeline"))
	for _, t := range sl.Timeline {
		b.WriteString(st.item(fmt.Sprintf("%s  %s [%s]", t.Date, st.esc(t.Text), st.esc(v.cite(t.Evidence)))))
	}
}

// entitySection lists, under title, the ten entities of the given types
// the storyline mentions most, with a description and their count.
func entitySection(title string, types []string) section {
	return func(b *strings.Builder, v *view, sl model.Storyline, st style) {
		es := v.keyEntities(sl, types, 10)
		if len(es) == 0 {
			return
		}
		b.WriteString(st.h3(title))
		for _, e := range es {
			line := st.esc(e.Name)
			if len(e.Descriptions) > 0 {
				line += " — " + st.esc(e.Descriptions[0])
			}
			if n := len(e.Mentions); n == 1 {
				line += " (1 mention)"
			} else {
				line += fmt.Sprintf(" (%d mentions)", n)
			}
			b.WriteString(st.item(line))
		}
	}
}

// writeQuotes lists up to eight direct quotes with their speakers.
func writeQuotes(b *strings.Builder, v *view, sl model.Storyline, st style) {
	qs := v.quotesOf(sl, 8)
	if len(qs) == 0 {
		return
	}
	b.WriteString(st.h3("Quotes"))
	for _, q := range qs {
		who := q.SpeakerName
		if who == "" {
			who = "unattributed"
		}
		b.WriteString(st.item(fmt.Sprintf("%s — %s [%s]", st.quote(q.Text), st.esc(who), st.esc(v.cite([]model.Evidence{{Doc: q.Doc}})))))
	}
}

// writeFigures lists up to ten figures: value, what, where, since when
// and per whom.
func writeFigures(b *strings.Builder, v *view, sl model.Storyline, st style) {
	fs := v.figuresOf(sl, 10)
	if len(fs) == 0 {
		return
	}
	b.WriteString(st.h3("Figures"))
	for _, q := range fs {
		approx := ""
		if q.Approximate {
			approx = "~"
		}
		line := fmt.Sprintf("%s%s %s %s", approx, fmtNum(q.Value), q.What, q.Event)
		if q.PlaceName != "" {
			line += " in " + q.PlaceName
		}
		if q.Since != "" {
			line += " since " + q.Since
		}
		if q.AttributedToName != "" {
			line += " (per " + q.AttributedToName + ")"
		}
		b.WriteString(st.item(st.esc(strings.Join(strings.Fields(line), " ")) + " [" + st.esc(v.cite([]model.Evidence{{Doc: q.Doc}})) + "]"))
	}
}

// writeDisagreements lists the figures sources disagree on, each with its
// claims.
func writeDisagreements(b *strings.Builder, _ *view, sl model.Storyline, st style) {
	if len(sl.Disagreements) == 0 {
		return
	}
	b.WriteString(st.h3("Where sources disagree"))
	for _, dis := range sl.Disagreements {
		b.WriteString(st.item(fmt.Sprintf("%s (%s): %s", st.esc(dis.About), dis.Kind, st.esc(dis.Note))))
		for _, c := range dis.Claims {
			approx := ""
			if c.Approximate {
				approx = "~"
			}
			src := c.Source
			if src == "" {
				src = c.Doc
			}
			b.WriteString("  " + st.item(fmt.Sprintf("%s%s — %s, %s: %s", approx, fmtNum(c.Value), st.esc(src), c.Published, st.quote(c.Text))))
		}
	}
}

func storySpan(sl model.Storyline) string {
	start, end := "", ""
	for _, s := range sl.Stories {
		if s.Start != "" && (start == "" || s.Start < start) {
			start = s.Start
		}
		if s.End > end {
			end = s.End
		}
	}
	if start == "" {
		return ""
	}
	if start == end {
		return ", " + start
	}
	return ", " + start + " to " + end
}
