// Package report renders an analysis for people: a terminal report, a
// Markdown document, or one self-contained HTML file. JSON output is the
// contract itself and is written by the caller.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

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

type style struct {
	h1, h2, h3 func(string) string
	item       func(string) string
	quote      func(string) string
}

var textStyle = style{
	h1:    func(s string) string { return strings.ToUpper(s) + "\n" + strings.Repeat("=", min(len(s), 78)) + "\n" },
	h2:    func(s string) string { return "\n" + s + "\n" + strings.Repeat("-", min(len(s), 78)) + "\n" },
	h3:    func(s string) string { return "\n  " + s + "\n" },
	item:  func(s string) string { return "    • " + s + "\n" },
	quote: func(s string) string { return "“" + s + "”" },
}

var mdStyle = style{
	h1:    func(s string) string { return "# " + mdEscape(s) + "\n" },
	h2:    func(s string) string { return "\n## " + mdEscape(s) + "\n" },
	h3:    func(s string) string { return "\n### " + mdEscape(s) + "\n\n" },
	item:  func(s string) string { return "- " + s + "\n" },
	quote: func(s string) string { return "“" + mdEscape(s) + "”" },
}

func mdEscape(s string) string {
	r := strings.NewReplacer("*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "`", "\\`", "#", `\#`)
	return r.Replace(s)
}

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
	esc := func(s string) string { return s }
	if st.h1("x") == mdStyle.h1("x") {
		esc = mdEscape
	}
	for _, sl := range a.Storylines {
		b.WriteString(st.h2(sl.Title))
		span := storySpan(sl)
		fmt.Fprintf(&b, "%d documents, %d stories%s\n", len(sl.Documents), len(sl.Stories), span)
		if len(sl.Stories) > 1 {
			b.WriteString(st.h3("Stories"))
			for _, s := range sl.Stories {
				when := s.Start
				if s.End != s.Start && s.End != "" {
					when += " – " + s.End
				}
				if when == "" {
					when = "undated"
				}
				b.WriteString(st.item(fmt.Sprintf("%s (%s; %d documents)", esc(s.Title), when, len(s.Documents))))
			}
		}
		if len(sl.Summary) > 0 {
			b.WriteString(st.h3("Summary"))
			for _, s := range sl.Summary {
				b.WriteString(st.item(fmt.Sprintf("%s [%s]", esc(s.Text), esc(v.cite(s.Evidence)))))
			}
		}
		if len(sl.Timeline) > 0 {
			b.WriteString(st.h3("Timeline"))
			for _, t := range sl.Timeline {
				b.WriteString(st.item(fmt.Sprintf("%s  %s [%s]", t.Date, esc(t.Text), esc(v.cite(t.Evidence)))))
			}
		}
		for _, group := range []struct {
			title string
			types []string
		}{{"People", []string{"PERSON"}}, {"Organisations", []string{"ORG"}}, {"Places", []string{"GPE", "LOC", "FAC"}}} {
			es := v.keyEntities(sl, group.types, 10)
			if len(es) == 0 {
				continue
			}
			b.WriteString(st.h3(group.title))
			for _, e := range es {
				line := esc(e.Name)
				if len(e.Descriptions) > 0 {
					line += " — " + esc(e.Descriptions[0])
				}
				if n := len(e.Mentions); n == 1 {
					line += " (1 mention)"
				} else {
					line += fmt.Sprintf(" (%d mentions)", n)
				}
				b.WriteString(st.item(line))
			}
		}
		if qs := v.quotesOf(sl, 8); len(qs) > 0 {
			b.WriteString(st.h3("Quotes"))
			for _, q := range qs {
				who := q.SpeakerName
				if who == "" {
					who = "unattributed"
				}
				b.WriteString(st.item(fmt.Sprintf("%s — %s [%s]", st.quote(q.Text), esc(who), esc(v.cite([]model.Evidence{{Doc: q.Doc}})))))
			}
		}
		if fs := v.figuresOf(sl, 10); len(fs) > 0 {
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
				b.WriteString(st.item(esc(strings.Join(strings.Fields(line), " ")) + " [" + esc(v.cite([]model.Evidence{{Doc: q.Doc}})) + "]"))
			}
		}
		if len(sl.Disagreements) > 0 {
			b.WriteString(st.h3("Where sources disagree"))
			for _, dis := range sl.Disagreements {
				b.WriteString(st.item(fmt.Sprintf("%s (%s): %s", esc(dis.About), dis.Kind, esc(dis.Note))))
				for _, c := range dis.Claims {
					approx := ""
					if c.Approximate {
						approx = "~"
					}
					src := c.Source
					if src == "" {
						src = c.Doc
					}
					b.WriteString("  " + st.item(fmt.Sprintf("%s%s — %s, %s: %s", approx, fmtNum(c.Value), esc(src), c.Published, st.quote(c.Text))))
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
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
