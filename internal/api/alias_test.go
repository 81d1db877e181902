package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/view"
	"github.com/storyline-news/storyline/internal/web"
)

// aliased is an analysis whose storyline-1 absorbed storyline-2 (now its
// alias) and whose story moved.
func aliased() *model.Analysis {
	return &model.Analysis{Schema: model.Schema, Storylines: []model.Storyline{{
		ID: "storyline-1", Aliases: []string{"storyline-2"}, Title: "Flood", Documents: []string{"a", "b"},
		Stories: []model.Story{{ID: "storyline-1-story-1", Aliases: []string{"storyline-2-story-1"}, Documents: []string{"a", "b"}}},
	}}}
}

// Saved links keep working after groups merge: an id a storyline or story
// had redirects to the storyline that holds it now, in the API and in the
// pages.
func TestAliasesRedirect(t *testing.T) {
	live := view.NewLive(aliased())
	mux := http.NewServeMux()
	(&api.Server{Live: live}).Register(mux)
	web.New(live, nil, nil).Register(mux)
	ts := httptest.NewServer(mux)
	defer ts.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range []struct {
		path, location string
		status         int
	}{
		{"/api/v1/storylines/storyline-1", "", http.StatusOK},
		{"/api/v1/storylines/storyline-2?x=1", "/api/v1/storylines/storyline-1?x=1", http.StatusPermanentRedirect},
		{"/api/v1/storylines/storyline-1-story-1", "/api/v1/storylines/storyline-1", http.StatusPermanentRedirect},
		{"/api/v1/storylines/storyline-2-story-1", "/api/v1/storylines/storyline-1", http.StatusPermanentRedirect},
		{"/api/v1/storylines/storyline-9", "", http.StatusNotFound},
		{"/storylines/storyline-2", "/storylines/storyline-1", http.StatusMovedPermanently},
		{"/storylines/storyline-1-story-1", "/storylines/storyline-1#storyline-1-story-1", http.StatusMovedPermanently},
		{"/storylines/storyline-9", "", http.StatusNotFound},
	} {
		resp, err := client.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status || resp.Header.Get("Location") != tt.location {
			t.Errorf("GET %s: %d → %q, want %d → %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.status, tt.location)
		}
	}
}

// Objects posted without an id are two articles, not one replacing the
// other (they all got the id "stdin").
func TestPostsWithoutIDsKeepBoth(t *testing.T) {
	ts := newServer(t, "")
	for _, body := range []string{`{"text": "Storm Edda flooded Gdansk on Monday, officials said."}`,
		`{"text": "Ministers met in Lisbon on Tuesday to discuss batteries."}`} {
		resp, err := http.Post(ts.URL+"/api/v1/documents", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var rep model.IngestReport
		json.NewDecoder(resp.Body).Decode(&rep)
		resp.Body.Close()
		if rep.Added != 1 || rep.Updated != 0 || !strings.HasPrefix(rep.Documents[0], "doc-") || rep.Errors == nil || rep.Failed == nil {
			t.Fatalf("POST %s: %d %+v", body, resp.StatusCode, rep)
		}
	}
}
