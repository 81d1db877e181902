// Package api serves the store as JSON under /api/v1: documents with their
// layers, entities, storylines, quotes, figures, events, full-text search,
// and ingestion of new documents. Errors are JSON objects with a message.
package api

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/view"
)

// Server answers the API from the live snapshot and the store, which it
// only reads; a POST hands its body to Ingest.
type Server struct {
	Store Searcher
	Live  *view.Live
	Log   *slog.Logger
	// Ingest stores and analyses posted documents (nil: POST is refused).
	Ingest Ingester
	// MaxBody bounds a POSTed body, in bytes.
	MaxBody int64
}

// Searcher runs full-text queries over the stored documents.
type Searcher interface {
	Search(ctx context.Context, query string, limit int) ([]store.Hit, error)
}

// Ingester takes the documents a POST sends: a JSON object, a JSON array
// or JSON lines. A report with no documents means the body held none that
// could be read (its errors say why).
type Ingester interface {
	IngestBody(ctx context.Context, body []byte) (model.IngestReport, error)
}

// Route is one API endpoint.
type Route struct {
	Method, Pattern string
	handle          func(*Server, http.ResponseWriter, *http.Request)
}

// Routes are the API's endpoints; the OpenAPI document lists the same.
var Routes = []Route{
	{"GET", "/api/v1/documents", (*Server).listDocuments},
	{"GET", "/api/v1/documents/{id}", (*Server).getDocument},
	{"POST", "/api/v1/documents", (*Server).postDocuments},
	{"GET", "/api/v1/entities", (*Server).listEntities},
	{"GET", "/api/v1/entities/{id}", (*Server).getEntity},
	{"GET", "/api/v1/storylines", (*Server).listStorylines},
	{"GET", "/api/v1/storylines/{id}", (*Server).getStoryline},
	{"GET", "/api/v1/quotes", (*Server).listQuotes},
	{"GET", "/api/v1/quantities", (*Server).listQuantities},
	{"GET", "/api/v1/events", (*Server).listEvents},
	{"GET", "/api/v1/search", (*Server).search},
	{"GET", "/api/v1/openapi.json", (*Server).openAPI},
}

//go:embed openapi.json
var openapiDoc []byte

// Register adds the API's routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	for _, r := range Routes {
		h := r.handle
		mux.HandleFunc(r.Method+" "+r.Pattern, func(w http.ResponseWriter, req *http.Request) { h(s, w, req) })
	}
	// Anything else under the API is a JSON 404, not the web UI's page.
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: %s %s (see /api/v1/openapi.json)", r.Method, r.URL.Path)
	})
}

// Error is the body of every error response.
type Error struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, Error{Error: fmt.Sprintf(format, args...)})
}

// Page is a paged list.
type Page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// paging reads limit (default 50, at most 500) and offset.
func paging(r *http.Request) (limit, offset int, err error) {
	limit, offset = 50, 0
	if v := r.URL.Query().Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 500 {
			return 0, 0, fmt.Errorf("limit must be a number from 1 to 500, not %q", v)
		}
	}
	if v := r.URL.Query().Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, fmt.Errorf("offset must be a number from 0, not %q", v)
		}
	}
	return limit, offset, nil
}

func page[T any](w http.ResponseWriter, r *http.Request, items []T) {
	limit, offset, err := paging(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	total := len(items)
	lo := min(offset, total)
	hi := lo + min(limit, total-lo) // offset+limit may overflow
	out := items[lo:hi]
	if out == nil {
		out = []T{}
	}
	writeJSON(w, http.StatusOK, Page[T]{Items: out, Total: total, Limit: limit, Offset: offset})
}

// DocumentSummary is a document in a list.
type DocumentSummary struct {
	ID                string `json:"id"`
	Title             string `json:"title"`
	Source            string `json:"source"`
	Published         string `json:"published"`
	PublishedInferred bool   `json:"published_inferred"`
	Storyline         string `json:"storyline,omitempty"`
	DuplicateOf       string `json:"duplicate_of,omitempty"`
}

func (s *Server) listDocuments(w http.ResponseWriter, r *http.Request) {
	snap := s.Live.Get()
	q := r.URL.Query()
	source, date, line := q.Get("source"), q.Get("date"), q.Get("storyline")
	var out []DocumentSummary
	for _, d := range snap.A.Documents {
		if source != "" && !strings.EqualFold(d.Source, source) || date != "" && !strings.HasPrefix(d.Published, date) ||
			line != "" && snap.StorylineOf[d.ID] != line {
			continue
		}
		out = append(out, DocumentSummary{ID: d.ID, Title: d.Title, Source: d.Source, Published: d.Published, PublishedInferred: d.PublishedInferred,
			Storyline: snap.StorylineOf[d.ID], DuplicateOf: d.DuplicateOf})
	}
	page(w, r, out)
}

// DocumentDetail is one document with its layers.
type DocumentDetail struct {
	model.Document
	Storyline  string               `json:"storyline,omitempty"`
	Story      string               `json:"story,omitempty"`
	Mentions   []view.EntityMention `json:"mentions"`
	Times      []model.Time         `json:"times"`
	Quotes     []model.Quote        `json:"quotes"`
	Quantities []model.Quantity     `json:"quantities"`
	Events     []model.Event        `json:"events"`
}

func pick[T any](all []T, idx []int) []T {
	out := make([]T, 0, len(idx))
	for _, i := range idx {
		out = append(out, all[i])
	}
	return out
}

// Detail gathers a document's layers from a snapshot.
func Detail(snap *view.Snapshot, id string) (DocumentDetail, bool) {
	d := snap.Doc[id]
	if d == nil {
		return DocumentDetail{}, false
	}
	out := DocumentDetail{Document: *d, Storyline: snap.StorylineOf[id], Story: snap.StoryOf[id], Mentions: snap.MentionsOf[id],
		Times: pick(snap.A.Times, snap.Of("times", id)), Quotes: pick(snap.A.Quotes, snap.Of("quotes", id)),
		Quantities: pick(snap.A.Quantities, snap.Of("quantities", id)), Events: pick(snap.A.Events, snap.Of("events", id))}
	if out.Mentions == nil {
		out.Mentions = []view.EntityMention{}
	}
	return out, true
}

func (s *Server) getDocument(w http.ResponseWriter, r *http.Request) {
	d, ok := Detail(s.Live.Get(), r.PathValue("id"))
	if !ok {
		writeError(w, http.StatusNotFound, "no document %q", r.PathValue("id"))
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// EntitySummary is an entity in a list.
type EntitySummary struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Mentions int    `json:"mentions"`
	Docs     int    `json:"documents"`
}

func (s *Server) listEntities(w http.ResponseWriter, r *http.Request) {
	snap := s.Live.Get()
	typ := strings.ToUpper(r.URL.Query().Get("type"))
	minMentions := 0
	if v := r.URL.Query().Get("min_mentions"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writeError(w, http.StatusBadRequest, "min_mentions must be a number from 0, not %q", v)
			return
		}
		minMentions = n
	}
	var out []EntitySummary
	for _, e := range snap.A.Entities {
		if typ != "" && e.Type != typ || len(e.Mentions) < minMentions {
			continue
		}
		docs := map[string]bool{}
		for _, m := range e.Mentions {
			docs[m.Doc] = true
		}
		out = append(out, EntitySummary{ID: e.ID, Name: e.Name, Type: e.Type, Mentions: len(e.Mentions), Docs: len(docs)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Mentions > out[j].Mentions })
	page(w, r, out)
}

// EntityDetail is one entity with what is said by and about it.
type EntityDetail struct {
	model.Entity
	QuotesBy    []model.Quote `json:"quotes_by"`
	QuotesAbout []model.Quote `json:"quotes_about"`
	CoOccurring []view.Count  `json:"co_occurring"`
}

func (s *Server) getEntity(w http.ResponseWriter, r *http.Request) {
	snap := s.Live.Get()
	id := r.PathValue("id")
	e := snap.Entity[id]
	if e == nil {
		writeError(w, http.StatusNotFound, "no entity %q", id)
		return
	}
	out := EntityDetail{Entity: *e, QuotesBy: pick(snap.A.Quotes, snap.QuotesBy[id]), QuotesAbout: []model.Quote{}, CoOccurring: snap.CoOccurring(id, 20)}
	names := append([]string{e.Name}, e.Aliases...)
	for _, q := range snap.A.Quotes {
		if q.Speaker != nil && *q.Speaker == id {
			continue
		}
		for _, n := range names {
			if len(n) > 2 && strings.Contains(q.Text, n) {
				out.QuotesAbout = append(out.QuotesAbout, q)
				break
			}
		}
	}
	if out.CoOccurring == nil {
		out.CoOccurring = []view.Count{}
	}
	writeJSON(w, http.StatusOK, out)
}

// StorylineSummary is a storyline in a list.
type StorylineSummary struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Documents   int      `json:"documents"`
	Sources     int      `json:"sources"`
	Start       string   `json:"start"`
	End         string   `json:"end"`
	TopEntities []string `json:"top_entities"`
}

// Storylines lists storylines by latest activity.
func Storylines(snap *view.Snapshot) []StorylineSummary {
	var out []StorylineSummary
	for _, sl := range snap.A.Storylines {
		sum := StorylineSummary{ID: sl.ID, Title: sl.Title, Documents: len(sl.Documents), TopEntities: sl.TopEntities}
		sources := map[string]bool{}
		for _, id := range sl.Documents {
			d := snap.Doc[id]
			if d == nil {
				continue
			}
			if d.Source != "" {
				sources[d.Source] = true
			}
			if p := d.Published; len(p) >= 10 {
				if sum.Start == "" || p[:10] < sum.Start {
					sum.Start = p[:10]
				}
				if p[:10] > sum.End {
					sum.End = p[:10]
				}
			}
		}
		sum.Sources = len(sources)
		if sum.TopEntities == nil {
			sum.TopEntities = []string{}
		}
		out = append(out, sum)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].End > out[j].End })
	return out
}

func (s *Server) listStorylines(w http.ResponseWriter, r *http.Request) {
	page(w, r, Storylines(s.Live.Get()))
}

// getStoryline answers a storyline by id. An id the storyline had before
// groups merged or split, or a story's id, redirects (308) to the
// storyline that holds it now, so saved links keep working.
func (s *Server) getStoryline(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	sl, _ := s.Live.Get().Resolve(id)
	switch {
	case sl == nil:
		writeError(w, http.StatusNotFound, "no storyline %q", id)
	case sl.ID != id:
		u := *r.URL
		u.Path = "/api/v1/storylines/" + url.PathEscape(sl.ID)
		http.Redirect(w, r, u.String(), http.StatusPermanentRedirect)
	default:
		writeJSON(w, http.StatusOK, sl)
	}
}

// byDoc filters a layer by the doc query parameter.
func byDoc[T any](r *http.Request, all []T, docOf func(T) string) []T {
	d := r.URL.Query().Get("doc")
	if d == "" {
		return all
	}
	var out []T
	for _, x := range all {
		if docOf(x) == d {
			out = append(out, x)
		}
	}
	return out
}

func (s *Server) listQuotes(w http.ResponseWriter, r *http.Request) {
	qs := byDoc(r, s.Live.Get().A.Quotes, func(q model.Quote) string { return q.Doc })
	if sp := r.URL.Query().Get("speaker"); sp != "" {
		var out []model.Quote
		for _, q := range qs {
			if q.Speaker != nil && *q.Speaker == sp {
				out = append(out, q)
			}
		}
		qs = out
	}
	page(w, r, qs)
}

func (s *Server) listQuantities(w http.ResponseWriter, r *http.Request) {
	page(w, r, byDoc(r, s.Live.Get().A.Quantities, func(q model.Quantity) string { return q.Doc }))
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	es := byDoc(r, s.Live.Get().A.Events, func(e model.Event) string { return e.Doc })
	if c := r.URL.Query().Get("code"); c != "" {
		var out []model.Event
		for _, e := range es {
			if strings.HasPrefix(e.Code, c) {
				out = append(out, e)
			}
		}
		es = out
	}
	page(w, r, es)
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		writeError(w, http.StatusBadRequest, "give the words to search for in q")
		return
	}
	limit, _, err := paging(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	// A search ends with its request, and within searchTimeout.
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	hits, err := s.Store.Search(ctx, q, limit)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		writeError(w, http.StatusServiceUnavailable, "search took longer than %s: use fewer or rarer words", searchTimeout)
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, "search failed: %v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"query": q, "hits": Pending(s.Live.Get(), hits)})
}

// searchTimeout bounds the time one search may take.
const searchTimeout = 10 * time.Second

// SearchHit is a search result; Pending says the document is stored but
// not yet in the analysis being served (it is being analysed: its page
// and layers are not there yet).
type SearchHit struct {
	store.Hit
	Pending bool `json:"pending,omitempty"`
}

// Pending marks the hits the snapshot does not know yet, so that search
// and the rest of the server agree on what is there.
func Pending(snap *view.Snapshot, hits []store.Hit) []SearchHit {
	out := make([]SearchHit, len(hits))
	for i, h := range hits {
		out[i] = SearchHit{Hit: h, Pending: snap.Doc[h.ID] == nil}
	}
	return out
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openapiDoc)
}

// postDocuments ingests a JSON object, JSON array or JSON lines body: the
// documents are analysed and stored in one transaction (those a stage
// failed on are not stored, and listed), and the cross-document layers
// are recomputed.
func (s *Server) postDocuments(w http.ResponseWriter, r *http.Request) {
	if s.Ingest == nil {
		writeError(w, http.StatusMethodNotAllowed, "this server does not take documents")
		return
	}
	max := s.MaxBody
	if max <= 0 {
		max = 32 << 20
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "body over %d bytes", max)
			return
		}
		writeError(w, http.StatusBadRequest, "reading the body: %v", err)
		return
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		writeError(w, http.StatusBadRequest, "empty body: send a JSON object, a JSON array or JSON lines with at least a text field")
		return
	}
	if c := body[0]; c != '{' && c != '[' {
		writeError(w, http.StatusUnsupportedMediaType, "the body must be JSON (an object, an array, or JSON lines)")
		return
	}
	rep, err := s.Ingest.IngestBody(r.Context(), body)
	switch {
	case err != nil:
		writeError(w, http.StatusInternalServerError, "%v", err)
	case len(rep.Documents) == 0:
		writeError(w, http.StatusBadRequest, "no document in the body: %s", strings.Join(rep.Errors, "; "))
	default:
		writeJSON(w, ingestStatus(rep), rep)
	}
}

// ingestStatus is the HTTP status of an ingestion: 422 when documents
// were given but every one failed, 201 when any was added, else 200.
func ingestStatus(rep model.IngestReport) int {
	switch {
	case len(rep.Failed) > 0 && rep.Added+rep.Updated+rep.Unchanged == 0:
		return http.StatusUnprocessableEntity
	case rep.Added > 0:
		return http.StatusCreated
	}
	return http.StatusOK
}
