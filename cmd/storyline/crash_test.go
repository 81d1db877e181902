package main

import (
	"context"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/corpus"
	"github.com/storyline-news/storyline/internal/store"
)

// TestMain lets the test binary stand in for the storyline command, so the
// crash test can run it as a child process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("STORYLINE_TEST_AS_CLI") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestCrashSafety kills `storyline analyze` with SIGKILL at random moments
// while it ingests generated articles, then runs it to the end, and checks
// that every article is stored exactly once with its layers, and the
// analysis covers them all.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: kills and restarts the analysis several times")
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "articles.jsonl")
	f, err := os.Create(input)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1500
	enc := json.NewEncoder(f)
	for _, d := range corpus.Synthetic(n, 7) {
		enc.Encode(map[string]string{"id": d.ID, "text": d.Text, "published": d.Published, "source": d.Source})
	}
	f.Close()
	db := filepath.Join(dir, "crash.db")
	analyze := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "analyze", "--quiet", "--db", db, "--format", "json", "-o", filepath.Join(dir, "out.json"), input)
		cmd.Env = append(os.Environ(), "STORYLINE_TEST_AS_CLI=1")
		return cmd
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	kills := 0
	for round := 0; round < 4; round++ {
		cmd := analyze()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+rng.Intn(7000)) * time.Millisecond) // during analysis, the write or the cross-document stages
		if err := cmd.Process.Signal(syscall.SIGKILL); err == nil {
			kills++
		}
		cmd.Wait()
		checkStore(t, db, 0) // whatever was committed is whole
	}
	out, err := analyze().CombinedOutput()
	if err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	checkStore(t, db, n)
	t.Logf("%d kills, then a complete run", kills)
}

// checkStore opens the store (if it exists yet) and checks each document
// is whole; want > 0 also asks for exactly that many, all analysed.
func checkStore(t *testing.T, db string, want int) {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		if want > 0 {
			t.Fatalf("no store: %v", err)
		}
		return
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatalf("store unreadable after a kill: %v", err)
	}
	defer st.Close()
	ctx := context.Background()
	docs, err := st.Docs(ctx, nil)
	if err != nil {
		t.Fatalf("documents unreadable after a kill: %v", err)
	}
	seen := map[string]bool{}
	for _, d := range docs {
		if seen[d.ID] {
			t.Fatalf("document %s stored twice", d.ID)
		}
		seen[d.ID] = true
		if d.Text == "" || len(d.Sentences) == 0 || len(d.Mentions) == 0 {
			t.Fatalf("document %s stored without its layers", d.ID)
		}
	}
	if want == 0 {
		return
	}
	if len(docs) != want {
		t.Fatalf("%d documents stored, want %d", len(docs), want)
	}
	a, err := st.Analysis(ctx)
	if err != nil {
		t.Fatalf("no analysis after the complete run: %v", err)
	}
	if len(a.Documents) != want {
		t.Errorf("the analysis covers %d documents, want %d", len(a.Documents), want)
	}
}
