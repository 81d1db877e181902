// Package web serves the browser pages: storylines by recent activity, a
// storyline with its timeline, cited summary, disagreements, people and
// quotes; a document with its layers highlighted; an entity; search. Pages
// are rendered on the server with html/template and work without
// JavaScript. Everything that comes from articles is escaped, and a strict
// Content-Security-Policy forbids scripts altogether.
package web

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/view"
)

//go:embed templates/*.html static/*
var files embed.FS

// CSP is the Content-Security-Policy of every page: no scripts, no
// frames, styles and images only from this server.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// Searcher runs full-text search.
type Searcher interface {
	Search(ctx context.Context, q string, limit int) ([]store.Hit, error)
}

// UI serves the pages.
type UI struct {
	Live   *view.Live
	Search Searcher
	Log    *slog.Logger
	tmpl   *template.Template
}

// New parses the embedded templates.
func New(live *view.Live, s Searcher, log *slog.Logger) *UI {
	funcs := template.FuncMap{
		"join":     strings.Join,
		"plural":   plural,
		"entity":   func(s *view.Snapshot, id string) *model.Entity { return s.Entity[id] },
		"doc":      func(s *view.Snapshot, id string) *model.Document { return s.Doc[id] },
		"cite":     citeURL,
		"shortNum": shortNum,
	}
	t := template.Must(template.New("").Funcs(funcs).ParseFS(files, "templates/*.html"))
	return &UI{Live: live, Search: s, Log: log, tmpl: t}
}

// Register adds the pages to mux.
func (u *UI) Register(mux *http.ServeMux) {
	static, _ := fs.Sub(files, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", u.home)
	mux.HandleFunc("GET /storylines/{id}", u.storyline)
	mux.HandleFunc("GET /documents/{id}", u.document)
	mux.HandleFunc("GET /entities/{id}", u.entity)
	mux.HandleFunc("GET /search", u.search)
}

func (u *UI) render(w http.ResponseWriter, status int, name string, data any) {
	var b strings.Builder
	if err := u.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		if u.Log != nil {
			u.Log.Error("rendering page", "page", name, "err", err)
		}
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", CSP)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	w.Write([]byte(b.String()))
}

func (u *UI) notFound(w http.ResponseWriter, what string) {
	u.render(w, http.StatusNotFound, "notfound.html", map[string]any{"Title": "Not found", "What": what})
}

func (u *UI) home(w http.ResponseWriter, r *http.Request) {
	snap := u.Live.Get()
	u.render(w, http.StatusOK, "home.html", map[string]any{"Title": "Storylines", "S": snap, "Lines": api.Storylines(snap), "Docs": len(snap.A.Documents)})
}

// axisEntry is one dated point of the timeline drawing.
type axisEntry struct {
	X     int
	Date  string
	Label string
	Index int
}

// timelineSVG lays the timeline's dates on an axis 760 units wide.
func timelineSVG(tl []model.TimelineEntry) (points []axisEntry, ticks []axisEntry) {
	var first, last time.Time
	dates := map[string]int{}
	for i, e := range tl {
		t, err := time.Parse(doc.DayLayout, e.Date)
		if err != nil {
			continue
		}
		if _, ok := dates[e.Date]; !ok {
			dates[e.Date] = i
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	span := last.Sub(first).Hours() / 24
	pos := func(t time.Time) int {
		if span == 0 {
			return 400
		}
		return 20 + int(740*t.Sub(first).Hours()/24/span)
	}
	keys := make([]string, 0, len(dates))
	for d := range dates {
		keys = append(keys, d)
	}
	sort.Strings(keys)
	for _, d := range keys {
		t, _ := time.Parse(doc.DayLayout, d)
		points = append(points, axisEntry{X: pos(t), Date: d, Label: t.Format("Jan 2"), Index: dates[d]})
	}
	if len(points) > 0 {
		ticks = append(ticks, axisEntry{X: 20, Label: first.Format("2 Jan 2006")}, axisEntry{X: 760, Label: last.Format("2 Jan 2006")})
	}
	return points, ticks
}

func (u *UI) storyline(w http.ResponseWriter, r *http.Request) {
	snap := u.Live.Get()
	id := r.PathValue("id")
	sl, _ := snap.Resolve(id)
	if sl == nil {
		u.notFound(w, "storyline "+id)
		return
	}
	if sl.ID != id {
		// An earlier id, or a story's: the storyline that holds it now.
		target := "/storylines/" + url.PathEscape(sl.ID)
		if _, isStory := snap.StoryIn[id]; isStory {
			target += "#" + url.PathEscape(id)
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	points, ticks := timelineSVG(sl.Timeline)
	byType := entitiesByType(snap, sl)
	u.render(w, http.StatusOK, "storyline.html", map[string]any{"Title": sl.Title, "S": snap, "L": sl, "Points": points, "Ticks": ticks,
		"People": byType[string(doc.TypePerson)], "Orgs": byType[string(doc.TypeOrg)],
		"Places": append(byType[string(doc.TypeGPE)], byType[string(doc.TypeLoc)]...), "Quotes": quotesBySpeaker(snap, sl)})
}

// entityCount is an entity with its mentions in one storyline.
type entityCount struct {
	E *model.Entity
	N int
}

// entitiesByType are the storyline's entities by type, at most twelve
// of each, most mentioned first. Mentions are counted through the
// storyline's documents, not by reading every entity's mentions.
func entitiesByType(snap *view.Snapshot, sl *model.Storyline) map[string][]entityCount {
	count := map[string]int{}
	for _, d := range sl.Documents {
		for _, m := range snap.MentionsOf[d] {
			count[m.Entity]++
		}
	}
	byType := map[string][]entityCount{}
	for i := range snap.A.Entities {
		e := &snap.A.Entities[i]
		if n := count[e.ID]; n > 0 {
			byType[e.Type] = append(byType[e.Type], entityCount{e, n})
		}
	}
	for t := range byType {
		sort.SliceStable(byType[t], func(i, j int) bool { return byType[t][i].N > byType[t][j].N })
		if len(byType[t]) > 12 {
			byType[t] = byType[t][:12]
		}
	}
	return byType
}

// speakerQuotes are the quotes of one speaker: an entity (ID), a source
// named without one, or nobody ("Unattributed").
type speakerQuotes struct {
	Speaker string
	ID      string
	Quotes  []model.Quote
}

// quotesBySpeaker groups the storyline's quotes by speaker, the speakers
// with most quotes first (ties in order of their first quote).
func quotesBySpeaker(snap *view.Snapshot, sl *model.Storyline) []*speakerQuotes {
	inLine := map[string]bool{}
	for _, d := range sl.Documents {
		inLine[d] = true
	}
	groups := map[string]*speakerQuotes{}
	var order []string
	for _, q := range snap.A.Quotes {
		if !inLine[q.Doc] {
			continue
		}
		key, name, id := "", q.SpeakerName, ""
		if q.Speaker != nil {
			key, id = *q.Speaker, *q.Speaker
		} else if q.Source != "" {
			key, name = "source:"+strings.ToLower(q.Source), q.Source
		} else {
			key, name = "?", "Unattributed"
		}
		if groups[key] == nil {
			groups[key] = &speakerQuotes{Speaker: name, ID: id}
			order = append(order, key)
		}
		groups[key].Quotes = append(groups[key].Quotes, q)
	}
	sort.SliceStable(order, func(i, j int) bool { return len(groups[order[i]].Quotes) > len(groups[order[j]].Quotes) })
	var quotes []*speakerQuotes
	for _, k := range order {
		quotes = append(quotes, groups[k])
	}
	return quotes
}

// segment is a run of document text with the layers covering it.
type segment struct {
	Text    string
	Classes string
	Entity  string // entity id when the run is part of a mention
	Title   string // e.g. the TIMEX3 value
	Anchor  string // id of a sentence start
	Cited   bool
}

// segments cuts the text at every layer boundary so each run carries the
// classes of the layers over it. The text stays text: the template
// escapes each run.
func segments(d api.DocumentDetail, hlStart, hlEnd int) []segment {
	type span struct {
		s, e         int
		class, title string
		entity       string
	}
	var spans []span
	for _, m := range d.Mentions {
		spans = append(spans, span{m.Start, m.End, "ent", "", m.Entity})
	}
	for _, t := range d.Times {
		spans = append(spans, span{t.Start, t.End, "time", t.Type + " " + t.Value, ""})
	}
	for _, q := range d.Quotes {
		spans = append(spans, span{q.Start, q.End, "quote", "said by " + q.SpeakerName, ""})
	}
	for _, q := range d.Quantities {
		spans = append(spans, span{q.Start, q.End, "figure", "", ""})
	}
	cuts := map[int]bool{0: true, len(d.Text): true}
	starts := map[int]bool{}
	for _, s := range d.Sentences {
		cuts[s.Start] = true
		starts[s.Start] = true
	}
	if hlStart >= 0 && hlEnd <= len(d.Text) && hlEnd > hlStart {
		cuts[hlStart], cuts[hlEnd] = true, true
	}
	for _, s := range spans {
		if s.s >= 0 && s.e <= len(d.Text) && s.s < s.e {
			cuts[s.s], cuts[s.e] = true, true
		}
	}
	pos := make([]int, 0, len(cuts))
	for p := range cuts {
		pos = append(pos, p)
	}
	sort.Ints(pos)
	var out []segment
	for i := 0; i+1 < len(pos); i++ {
		a, b := pos[i], pos[i+1]
		seg := segment{Text: d.Text[a:b], Cited: hlEnd > hlStart && a >= hlStart && b <= hlEnd}
		if starts[a] {
			seg.Anchor = "o-" + strconv.Itoa(a)
		}
		var classes, titles []string
		for _, s := range spans {
			if s.s <= a && b <= s.e {
				classes = append(classes, s.class)
				if s.title != "" {
					titles = append(titles, s.title)
				}
				if s.entity != "" {
					seg.Entity = s.entity
				}
			}
		}
		seg.Classes = strings.Join(classes, " ")
		seg.Title = strings.Join(titles, "; ")
		out = append(out, seg)
	}
	return out
}

func (u *UI) document(w http.ResponseWriter, r *http.Request) {
	snap := u.Live.Get()
	d, ok := api.Detail(snap, r.PathValue("id"))
	if !ok {
		u.notFound(w, "document "+r.PathValue("id"))
		return
	}
	hs, he := -1, -1
	if hl := r.URL.Query().Get("hl"); hl != "" {
		a, b, _ := strings.Cut(hl, "-")
		hs, _ = strconv.Atoi(a)
		he, _ = strconv.Atoi(b)
	}
	title := d.Title
	if title == "" {
		title = d.ID
	}
	u.render(w, http.StatusOK, "document.html", map[string]any{"Title": title, "S": snap, "D": d, "Segs": segments(d, hs, he)})
}

func (u *UI) entity(w http.ResponseWriter, r *http.Request) {
	snap := u.Live.Get()
	id := r.PathValue("id")
	e := snap.Entity[id]
	if e == nil {
		u.notFound(w, "entity "+id)
		return
	}
	docs := map[string]int{}
	for _, m := range e.Mentions {
		docs[m.Doc]++
	}
	var ds []string
	for d := range docs {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	u.render(w, http.StatusOK, "entity.html", map[string]any{"Title": e.Name, "S": snap, "E": e, "Docs": ds, "DocCount": docs,
		"Quotes": quotesBy(snap, id), "With": snap.CoOccurring(id, 15)})
}

func quotesBy(snap *view.Snapshot, id string) []model.Quote {
	var out []model.Quote
	for _, i := range snap.QuotesBy[id] {
		out = append(out, snap.A.Quotes[i])
	}
	return out
}

func (u *UI) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	var hits []store.Hit
	var errMsg string
	if q != "" {
		var err error
		if hits, err = u.Search.Search(r.Context(), q, 50); err != nil {
			errMsg = err.Error()
		}
	}
	// Snippets mark matches with [ and ]: shown as text, the marks become
	// emphasis here, never markup from the article.
	type hit struct {
		api.SearchHit
		Parts []snippetPart
	}
	var out []hit
	for _, h := range api.Pending(u.Live.Get(), hits) {
		out = append(out, hit{h, splitSnippet(h.Snippet)})
	}
	u.render(w, http.StatusOK, "search.html", map[string]any{"Title": "Search", "Q": q, "Hits": out, "Error": errMsg, "S": u.Live.Get()})
}

type snippetPart struct {
	Text  string
	Match bool
}

func splitSnippet(s string) []snippetPart {
	var out []snippetPart
	for s != "" {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			out = append(out, snippetPart{Text: s})
			break
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			out = append(out, snippetPart{Text: s})
			break
		}
		if i > 0 {
			out = append(out, snippetPart{Text: s[:i]})
		}
		out = append(out, snippetPart{Text: s[i+1 : i+j], Match: true})
		s = s[i+j+1:]
	}
	return out
}

func citeURL(ev model.Evidence) string {
	return fmt.Sprintf("/documents/%s?hl=%d-%d#o-%d", url.PathEscape(ev.Doc), ev.Start, ev.End, ev.Start)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func shortNum(x float64) string {
	if x == float64(int64(x)) {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}
