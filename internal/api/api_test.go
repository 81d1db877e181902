package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/service"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/view"
	"github.com/storyline-news/storyline/internal/web"
)

const corpus = `{"id":"flood-1","published":"2025-03-03","source":"Courier","title":"Storm floods Gdansk harbour","text":"Storm Edda drove seawater into the harbour district of Gdansk on Monday, officials said.\n\nThe regional crisis centre said at least 12 people were killed in Gdansk.\n\n\"We have not seen water this high in fifty years,\" Mayor Katarzyna Lis told reporters."}
{"id":"flood-2","published":"2025-03-04","source":"Wire","title":"Gdansk flood toll rises","text":"The number of people killed in the Gdansk flood rose to 15 on Tuesday, rescuers said, a day after Storm Edda hit the harbour district.\n\nMayor Katarzyna Lis called for an inquiry into the broken sea wall."}
{"id":"evil","published":"2025-03-05","source":"Evil <script>alert(1)</script>","title":"<img src=x onerror=alert(1)> Gdansk flood","text":"Gdansk residents wrote <script>alert('x')</script> on the broken sea wall of the harbour district after the flood.\n\n<img src=x onerror=alert(2)> Mayor Katarzyna Lis said \"<b onmouseover=alert(3)>we will rebuild</b>\" on Wednesday."}
`

// newServer starts the API and pages over a fresh store filled through
// POST /api/v1/documents.
func newServer(t *testing.T, token string) *httptest.Server {
	t.Helper()
	st, err := store.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	live := view.NewLive(nil)
	mux := http.NewServeMux()
	cfg := pipeline.DefaultConfig()
	cfg.Keep = true
	eng, err := pipeline.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := &api.Server{Store: st, Live: live, MaxBody: 1 << 20, Ingest: &service.Service{Engine: eng, Store: st, Live: live}}
	s.Register(mux)
	web.New(live, st, nil).Register(mux)
	ts := httptest.NewServer(api.RequireToken(token, mux))
	t.Cleanup(ts.Close)
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/documents", strings.NewReader(corpus))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST corpus: %d %s", resp.StatusCode, body)
	}
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func getJSON(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	code, b := get(t, ts, path)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: not JSON (%v): %s", path, err, b)
	}
	return code
}

func TestRoutes(t *testing.T) {
	ts := newServer(t, "")
	checkDocumentRoutes(t, ts)
	checkEntityRoutes(t, ts)
	checkStorylineRoutes(t, ts)
	for _, p := range []string{"/api/v1/quotes?doc=flood-1", "/api/v1/quantities", "/api/v1/events?code=0"} {
		var pg api.Page[map[string]any]
		if c := getJSON(t, ts, p, &pg); c != 200 || pg.Total == 0 {
			t.Errorf("%s: %d %+v", p, c, pg)
		}
	}
	var hits struct {
		Hits []store.Hit `json:"hits"`
	}
	if c := getJSON(t, ts, "/api/v1/search?q=sea+wall", &hits); c != 200 || len(hits.Hits) == 0 || !strings.Contains(hits.Hits[0].Snippet, "[") {
		t.Errorf("search: %d %+v", c, hits)
	}
}

// checkDocumentRoutes checks the document list, its paging and filters,
// and one document's detail.
func checkDocumentRoutes(t *testing.T, ts *httptest.Server) {
	t.Helper()
	var docs api.Page[api.DocumentSummary]
	if c := getJSON(t, ts, "/api/v1/documents", &docs); c != 200 || docs.Total != 3 || len(docs.Items) != 3 {
		t.Fatalf("documents: %d %+v", c, docs)
	}
	var one api.Page[api.DocumentSummary]
	if getJSON(t, ts, "/api/v1/documents?limit=1&offset=1", &one); one.Total != 3 || len(one.Items) != 1 || one.Offset != 1 {
		t.Errorf("paging: %+v", one)
	}
	if getJSON(t, ts, "/api/v1/documents?source=wire", &one); one.Total != 1 || one.Items[0].ID != "flood-2" {
		t.Errorf("source filter: %+v", one)
	}
	if getJSON(t, ts, "/api/v1/documents?date=2025-03-04", &one); one.Total != 1 {
		t.Errorf("date filter: %+v", one)
	}
	var d api.DocumentDetail
	if c := getJSON(t, ts, "/api/v1/documents/flood-1", &d); c != 200 || d.Text == "" || len(d.Mentions) == 0 || len(d.Quotes) == 0 || len(d.Quantities) == 0 || d.Storyline == "" {
		t.Errorf("document detail: %d %+v", c, d)
	}
}

// checkEntityRoutes checks the entity list by type and the first
// person's detail.
func checkEntityRoutes(t *testing.T, ts *httptest.Server) {
	t.Helper()
	var ents api.Page[api.EntitySummary]
	if getJSON(t, ts, "/api/v1/entities?type=person", &ents); ents.Total == 0 || ents.Items[0].Type != "PERSON" {
		t.Fatalf("entities by type: %+v", ents)
	}
	var e api.EntityDetail
	if c := getJSON(t, ts, "/api/v1/entities/"+ents.Items[0].ID, &e); c != 200 || len(e.Mentions) == 0 || e.QuotesBy == nil || e.CoOccurring == nil {
		t.Errorf("entity: %d %+v", c, e)
	}
}

// checkStorylineRoutes checks the storyline list and the first
// storyline's detail.
func checkStorylineRoutes(t *testing.T, ts *httptest.Server) {
	t.Helper()
	var lines api.Page[api.StorylineSummary]
	if getJSON(t, ts, "/api/v1/storylines", &lines); lines.Total == 0 || lines.Items[0].Documents == 0 || lines.Items[0].Sources == 0 {
		t.Fatalf("storylines: %+v", lines)
	}
	var sl map[string]any
	if c := getJSON(t, ts, "/api/v1/storylines/"+lines.Items[0].ID, &sl); c != 200 || sl["timeline"] == nil {
		t.Errorf("storyline: %d %v", c, sl)
	}
}

func TestErrorsAreJSON(t *testing.T) {
	ts := newServer(t, "")
	for path, want := range map[string]int{
		"/api/v1/documents/nope":       404,
		"/api/v1/entities/nope":        404,
		"/api/v1/storylines/nope":      404,
		"/api/v1/documents?limit=9999": 400,
		"/api/v1/documents?offset=-1":  400,
		"/api/v1/search":               400,
		"/api/v1/nothing-here":         404,
	} {
		var e api.Error
		if c := getJSON(t, ts, path, &e); c != want || e.Error == "" {
			t.Errorf("%s: %d %+v, want %d with a message", path, c, e, want)
		}
	}
	post := func(body string) (int, api.Error) {
		resp, err := http.Post(ts.URL+"/api/v1/documents", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var e api.Error
		json.NewDecoder(resp.Body).Decode(&e)
		return resp.StatusCode, e
	}
	for body, want := range map[string]int{"": 400, "plain text": 415, `{"id":"x","text":""}`: 400, `{"id": 5, "text": [1]}`: 400, `{"broken": `: 400} {
		if c, e := post(body); c != want || e.Error == "" {
			t.Errorf("POST %q: %d %+v, want %d with a message", body, c, e, want)
		}
	}
	if c, e := post(strings.Repeat(" ", 2<<20)); c != 413 || e.Error == "" {
		t.Errorf("huge body: %d %+v", c, e)
	}
	// Posting the same article again changes nothing.
	resp, _ := http.Post(ts.URL+"/api/v1/documents", "application/json", strings.NewReader(strings.Split(corpus, "\n")[0]))
	var r model.IngestReport
	json.NewDecoder(resp.Body).Decode(&r)
	resp.Body.Close()
	if resp.StatusCode != 200 || r.Added != 0 || r.Unchanged != 1 {
		t.Errorf("re-post: %d %+v", resp.StatusCode, r)
	}
}

func TestAuth(t *testing.T) {
	ts := newServer(t, "s3cret")
	for _, p := range []string{"/api/v1/documents", "/", "/storylines/storyline-1"} {
		if c, _ := get(t, ts, p); c != http.StatusUnauthorized {
			t.Errorf("%s without token: %d", p, c)
		}
	}
	req, _ := http.NewRequest("GET", ts.URL+"/api/v1/documents", nil)
	req.Header.Set("Authorization", "Bearer wrong")
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != 401 {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
	req.Header.Set("Authorization", "Bearer s3cret")
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != 200 {
		t.Errorf("right token: %d", resp.StatusCode)
	}
	// A browser: ?token= sets a cookie and redirects without the token.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(ts.URL + "/?token=s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusSeeOther || strings.Contains(resp.Header.Get("Location"), "token") || len(resp.Cookies()) == 0 {
		t.Fatalf("token login: %d %q %v", resp.StatusCode, resp.Header.Get("Location"), resp.Cookies())
	}
	req, _ = http.NewRequest("GET", ts.URL+"/", nil)
	req.AddCookie(resp.Cookies()[0])
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != 200 {
		t.Errorf("with cookie: %d", resp.StatusCode)
	}
}

// TestOpenAPIMatchesRoutes: every route is documented and every documented
// path and method is served.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	data, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                            `json:"openapi"`
		Paths   map[string]map[string]interface{} `json:"paths"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("not an OpenAPI 3 document: %v", err)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	served := map[string]bool{}
	for _, r := range api.Routes {
		served[r.Method+" "+r.Pattern] = true
		if !documented[r.Method+" "+r.Pattern] {
			t.Errorf("route %s %s is not in openapi.json", r.Method, r.Pattern)
		}
	}
	var extra []string
	for k := range documented {
		if !served[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("documented but not served: %v", extra)
	}
	ts := newServer(t, "")
	if c, b := get(t, ts, "/api/v1/openapi.json"); c != 200 || !strings.Contains(string(b), `"openapi"`) {
		t.Errorf("openapi.json served: %d", c)
	}
	// Every documented GET answers (with path parameters filled in).
	fill := regexp.MustCompile(`\{id\}`)
	for k := range documented {
		if !strings.HasPrefix(k, "GET ") {
			continue
		}
		p := fill.ReplaceAllString(strings.TrimPrefix(k, "GET "), "flood-1")
		if c, _ := get(t, ts, p+"?q=flood"); c == 404 && !strings.Contains(k, "{id}") || c >= 500 {
			t.Errorf("%s: %d", p, c)
		}
	}
}

// TestNoArticleMarkupReachesPages: scripts and event handlers in an
// ingested article's title, source and text are shown as text on every
// page, and pages forbid scripts.
func TestNoArticleMarkupReachesPages(t *testing.T) {
	ts := newServer(t, "")
	var lines api.Page[api.StorylineSummary]
	getJSON(t, ts, "/api/v1/storylines", &lines)
	pages := []string{"/", "/documents/evil", "/search?q=script", "/search?q=rebuild"}
	for _, l := range lines.Items {
		pages = append(pages, "/storylines/"+l.ID)
	}
	var ents api.Page[api.EntitySummary]
	getJSON(t, ts, "/api/v1/entities?limit=500", &ents)
	for _, e := range ents.Items {
		pages = append(pages, "/entities/"+e.ID)
	}
	// Real markup: a script or image tag, or any tag with an event handler.
	// The words as escaped text ("&lt;img src=x onerror=…") are fine.
	bad := regexp.MustCompile(`(?i)<script|<img|<b\s|<[a-z][^>]*\son[a-z]+\s*=`)
	sawEscaped := false
	for _, p := range pages {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
			continue
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if m := bad.Find(b); m != nil {
			t.Errorf("%s: article markup %q reached the page", p, m)
		}
		if strings.Contains(string(b), "&lt;script&gt;") {
			sawEscaped = true
		}
	}
	if !sawEscaped {
		t.Error("the article's <script> text was not shown escaped anywhere")
	}
}
