package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/view"
)

// A highlight range outside the text, reversed, negative or not numbers
// at all shows the page without one (hl=0-99999999 panicked).
func TestHighlightRangesAreChecked(t *testing.T) {
	a := &model.Analysis{Schema: model.Schema, Documents: []model.Document{{ID: "d", Text: "Kerry met Lavrov on Monday.",
		Sentences: []model.Span{{Start: 0, End: 27}}}}}
	mux := http.NewServeMux()
	New(view.NewLive(a), nil, nil).Register(mux)
	for _, hl := range []string{"0-99999999", "-5-3", "20-3", "x-y", "99999999-99999999999", "0-27", "-9223372036854775808-9223372036854775807"} {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest("GET", "/documents/d?hl="+hl, nil))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Lavrov") {
			t.Errorf("hl=%s: %d", hl, w.Code)
		}
	}
}
