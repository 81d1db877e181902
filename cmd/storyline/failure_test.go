package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/api"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/store"
	"github.com/storyline-news/storyline/internal/view"
)

// The failure rule, through every door: a document a stage failed on is
// never stored half-analysed, whichever of analyze, POST, watch and worker
// brought it, and the next run of the same door, with the stage working,
// stores it whole. The stage that fails is inserted after the quotes (as
// in the report that found the bug: the document was stored without its
// figures and events, and a re-run said "unchanged").

const poison = "Officials counted the BOOM damage in Gdansk on Tuesday."

// articles are two good articles and one the injected stage fails on.
var articles = []map[string]string{
	{"id": "good-1", "published": "2025-03-03", "title": "Storm floods Gdansk", "text": "Storm Edda drove seawater into Gdansk on Monday, officials said.\n\nAt least 12 people were killed in Gdansk."},
	{"id": "good-2", "published": "2025-03-04", "title": "Gdansk toll rises", "text": "The number of people killed in the Gdansk flood rose to 15 on Tuesday, rescuers said."},
	{"id": "bad", "published": "2025-03-04", "title": "Damage counted", "text": poison + "\n\nThe mayor said 40 homes were destroyed."},
}

// failingEnv is an env whose engines run a stage that panics on the
// poisoned article.
func failingEnv(stdout, stderr io.Writer) *env {
	return &env{stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, configure: func(c *pipeline.Config) {
		c.Stages = func(s []Stage) []Stage {
			at := slices.IndexFunc(s, func(s Stage) bool { return s.Name == "quotes" }) + 1
			return slices.Insert(s, at, Stage{Name: "boom", Needs: []pipeline.Layer{pipeline.LayerQuotes}, Run: func(d *doc.Doc) {
				if strings.Contains(d.Text, "BOOM") {
					panic("injected failure")
				}
			}})
		}
	}}
}

// Stage is pipeline.Stage, short for the tests.
type Stage = pipeline.Stage

func healthyEnv(stdout, stderr io.Writer) *env {
	return &env{stdin: strings.NewReader(""), stdout: stdout, stderr: stderr}
}

// door runs one entry point over the articles with the env given and
// returns a store to check (opened after the run).
type door func(t *testing.T, e *env) (check store.Store)

func TestFailedDocumentsAreNeverStoredHalfAnalysed(t *testing.T) {
	for name, run := range map[string]func(t *testing.T) door{"analyze": analyzeDoor, "post": postDoor, "watch": watchDoor, "worker": workerDoor} {
		t.Run(name, func(t *testing.T) {
			through := run(t)
			var out, errs bytes.Buffer
			st := through(t, failingEnv(&out, &errs))
			checkStored(t, st, false)
			st = through(t, healthyEnv(&out, &errs))
			checkStored(t, st, true)
		})
	}
}

// checkStored checks the good articles are stored whole, and the poisoned
// one stored whole (repaired) or not at all. Articles are told apart by
// their text: a feed gives them ids of its own.
func checkStored(t *testing.T, st store.Store, repaired bool) {
	t.Helper()
	ctx := context.Background()
	docs, err := st.Docs(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	good, bad := 0, 0
	for _, d := range docs {
		if strings.Contains(d.Text, "BOOM") {
			bad++
		} else {
			good++
		}
		if d.LayersVersion != pipeline.LayersVersion || len(d.Sentences) == 0 || len(d.Quantities) == 0 {
			t.Errorf("%s stored without its layers (version %d, %d sentences, %d figures)", d.ID, d.LayersVersion, len(d.Sentences), len(d.Quantities))
		}
	}
	if good != 2 {
		t.Fatalf("%d good articles stored, want 2", good)
	}
	if want := map[bool]int{false: 0, true: 1}[repaired]; bad != want {
		t.Fatalf("after the %s run, %d copies of the failed article stored, want %d", map[bool]string{false: "failing", true: "repairing"}[repaired], bad, want)
	}
	a, err := st.Analysis(ctx)
	if err != nil {
		t.Fatalf("no analysis: %v", err)
	}
	if len(a.Documents) != len(docs) {
		t.Errorf("the analysis covers %d documents, the store holds %d", len(a.Documents), len(docs))
	}
}

func writeArticles(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	var b bytes.Buffer
	for _, a := range articles {
		json.NewEncoder(&b).Encode(a)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func openSQLite(t *testing.T, path string) store.Store {
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func analyzeDoor(t *testing.T) door {
	input, db := writeArticles(t), filepath.Join(t.TempDir(), "a.db")
	return func(t *testing.T, e *env) store.Store {
		code := e.run(context.Background(), []string{"analyze", "--quiet", "--db", db, "--format", "json", input})
		errs := e.stderr.(*bytes.Buffer).String()
		failing := e.configure != nil
		if failing && (code != exitPartial || !strings.Contains(errs, "stage boom failed: injected failure")) {
			t.Fatalf("failing run: exit %d, stderr %q", code, errs)
		}
		if !failing && code != exitOK {
			t.Fatalf("repairing run: exit %d, stderr %q", code, errs)
		}
		return openSQLite(t, db)
	}
}

func postDoor(t *testing.T) door {
	var body bytes.Buffer
	for _, a := range articles {
		json.NewEncoder(&body).Encode(a)
	}
	db := filepath.Join(t.TempDir(), "p.db")
	return func(t *testing.T, e *env) store.Store {
		st := openSQLite(t, db)
		live := view.NewLive(nil)
		svc, err := newService(e, st, live)
		if err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		ts := httptest.NewServer(newHandler(&api.Server{Store: st, Live: live, Log: log, Ingest: svc}, st, live, "", nil, log))
		defer ts.Close()
		resp, err := http.Post(ts.URL+"/api/v1/documents", "application/json", bytes.NewReader(body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var rep model.IngestReport
		json.NewDecoder(resp.Body).Decode(&rep)
		if e.configure != nil && (len(rep.Failed) != 1 || rep.Failed[0].ID != "bad" || rep.Failed[0].Stage != "boom") {
			t.Fatalf("failing POST: %d %+v", resp.StatusCode, rep)
		}
		if e.configure == nil && (len(rep.Failed) != 0 || rep.Added != 1) {
			t.Fatalf("repairing POST: %d %+v", resp.StatusCode, rep)
		}
		return st
	}
}

func watchDoor(t *testing.T) door {
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/rss" {
			fmt.Fprint(w, `<rss version="2.0"><channel><title>Harbour Daily</title>`)
			for _, a := range articles {
				fmt.Fprintf(w, `<item><title>%s</title><link>%s/%s</link><guid>%s</guid><pubDate>%s</pubDate></item>`,
					a["title"], ts.URL, a["id"], a["id"], mustTime(a["published"]).Format(time.RFC1123))
			}
			fmt.Fprint(w, `</channel></rss>`)
			return
		}
		for _, a := range articles {
			if "/"+a["id"] == r.URL.Path {
				fmt.Fprintf(w, "<html><body><article><h1>%s</h1>", a["title"])
				for _, p := range strings.Split(a["text"], "\n\n") {
					fmt.Fprintf(w, "<p>%s</p>", p)
				}
				fmt.Fprint(w, "</article></body></html>")
				return
			}
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(ts.Close)
	db := filepath.Join(t.TempDir(), "w.db")
	return func(t *testing.T, e *env) store.Store {
		if code := e.run(context.Background(), []string{"watch", "--once", "--allow-net", "127.0.0.1", "--db", db, ts.URL + "/rss"}); code != exitOK {
			t.Fatalf("watch: exit %d: %s", code, e.stderr.(*bytes.Buffer).String())
		}
		return openSQLite(t, db)
	}
}

func mustTime(day string) time.Time {
	t, err := time.Parse(doc.DayLayout, day)
	if err != nil {
		panic(err)
	}
	return t
}

func workerDoor(t *testing.T) door {
	dsn, admin := postgresSchema(t)
	input := writeArticles(t)
	return func(t *testing.T, e *env) store.Store {
		if code := e.run(context.Background(), []string{"enqueue", "--db", dsn, input}); code != exitOK {
			t.Fatalf("enqueue: exit %d %s", code, e.stderr.(*bytes.Buffer).String())
		}
		if code := e.run(context.Background(), []string{"worker", "--db", dsn, "--once", "--poll", "10ms"}); code != exitOK {
			t.Fatalf("worker: exit %d %s", code, e.stderr.(*bytes.Buffer).String())
		}
		var failed int
		admin.QueryRow(`SELECT COUNT(*) FROM jobs WHERE status = 'failed' AND doc_id = 'bad' AND error LIKE '%stage boom%'`).Scan(&failed)
		if e.configure != nil && failed != 1 {
			t.Errorf("the failed job is not marked failed with its stage (%d)", failed)
		}
		st, err := store.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
}
