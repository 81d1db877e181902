package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/service"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/view"
)

// FuzzPostDocuments: any body POSTed gets a JSON answer with a 2xx, 4xx
// or, never, a 5xx status, and never a panic; the store stays readable.
//
//	go test ./internal/api -run XXX -fuzz FuzzPostDocuments -fuzztime 2m
func FuzzPostDocuments(f *testing.F) {
	for _, s := range append(strings.Split(strings.TrimSpace(corpus), "\n"), "", "[", "{}", `{"text": 5}`, `[{"text":"a"},{"text":"b"}]`,
		`{"id": 1e400, "text": "x"}`, `{"text": "x", "meta": {"a": {"b": {"c": [1, 2, {"d": null}]}}}}`, "{\"text\": \"a\\u0000b\"}") {
		f.Add(s)
	}
	st, err := store.Open(":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	cfg := pipeline.DefaultConfig()
	cfg.Keep = true
	eng, err := pipeline.New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	live := view.NewLive(nil)
	mux := http.NewServeMux()
	(&api.Server{Store: st, Live: live, MaxBody: 1 << 20, Ingest: &service.Service{Engine: eng, Store: st, Live: live}}).Register(mux)
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/api/v1/documents", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		if w.Code >= 500 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("POST %q: %d %s", body, w.Code, w.Body)
		}
		if _, err := st.Analysis(r.Context()); err != nil && err != store.ErrNoAnalysis {
			t.Fatalf("store unreadable after POST %q: %v", body, err)
		}
	})
}
