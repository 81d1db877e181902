package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/eval"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/pipeline"
)

// labelled is a document with its gold cluster.
type labelled struct {
	doc   *doc.Doc
	label string
}

// clusterFlags are the options of storyline eval cluster.
type clusterFlags struct {
	gold, t17, wikiref, level, assignments string
	perTopic                               int
	storylineSim, storySim, mergeSim       float64
}

// parseClusterFlags reads eval cluster's flags; not ok (with the exit
// code) when they are wrong or help was asked for.
func parseClusterFlags(args []string, stderr io.Writer) (clusterFlags, int, bool) {
	var f clusterFlags
	fs := flag.NewFlagSet("eval cluster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.gold, "gold", "", "JSON lines of {id, text, published, cluster}")
	fs.StringVar(&f.t17, "t17", "", "Timeline17 directory (topic_outlet/articles.json); the label is the topic")
	fs.StringVar(&f.wikiref, "wikiref", "", "WikiRef directory of text files; the label is the file name without its number")
	fs.StringVar(&f.level, "level", "storyline", "storyline or story: which grouping to score")
	fs.IntVar(&f.perTopic, "per-topic", 0, "with --t17: at most this many articles per folder (0: all)")
	fs.Float64Var(&f.storylineSim, "storyline-sim", 0, "override the storyline similarity threshold")
	fs.Float64Var(&f.storySim, "story-sim", 0, "override the story similarity threshold")
	fs.StringVar(&f.assignments, "assignments", "", "write each document's gold and system cluster to this TSV file")
	fs.Float64Var(&f.mergeSim, "merge-sim", -1, "override the centroid similarity at which storylines merge (0: no merging)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, exitOK, false
		}
		return f, exitUsage, false
	}
	given := 0
	for _, s := range []string{f.gold, f.t17, f.wikiref} {
		if s != "" {
			given++
		}
	}
	if given != 1 || (f.level != "storyline" && f.level != "story") {
		fmt.Fprintln(stderr, "usage: storyline eval cluster --gold FILE | --t17 DIR | --wikiref DIR [--level storyline|story]")
		return f, exitUsage, false
	}
	return f, exitOK, true
}

// cmdEvalCluster: storyline eval cluster --gold FILE | --t17 DIR | --wikiref DIR
func cmdEvalCluster(args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	f, code, ok := parseClusterFlags(args, stderr)
	if !ok {
		return code
	}
	items, err := f.read()
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	start := time.Now()
	eng, err := e.newEngine(f.config())
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	docs, labels, sys := clusterLabelled(eng, items, f.level, stderr)
	if f.assignments != "" {
		if err := writeAssignments(f.assignments, docs, labels, sys); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
	}
	fmt.Fprintf(stdout, "storyline %s clustering of %d documents (%.1fs)\n", f.level, len(docs), time.Since(start).Seconds())
	eval.ClusterTable(stdout, eval.ScoreClusters(labels, sys))
	return exitOK
}

// read reads the labelled documents of the data set given.
func (f clusterFlags) read() ([]labelled, error) {
	switch {
	case f.gold != "":
		return readClusterGold(f.gold)
	case f.t17 != "":
		return readT17Articles(f.t17, f.perTopic)
	}
	return readWikiRef(f.wikiref)
}

// config is the engine's configuration with the thresholds overridden.
func (f clusterFlags) config() pipeline.Config {
	cfg := pipeline.DefaultConfig()
	if f.storylineSim > 0 {
		cfg.Cluster.StorylineSim = f.storylineSim
	}
	if f.storySim > 0 {
		cfg.Cluster.StorySim = f.storySim
	}
	if f.mergeSim >= 0 {
		cfg.Cluster.MergeSim = f.mergeSim
	}
	return cfg
}

// clusterLabelled analyses and groups the items, and returns their
// documents in the engine's order (by date) with each one's gold label
// and system cluster (storyline or story, by level).
func clusterLabelled(eng *pipeline.Engine, items []labelled, level string, stderr io.Writer) ([]*doc.Doc, []string, []string) {
	docs := make([]*doc.Doc, len(items))
	labels := make([]string, len(items))
	for i, it := range items {
		docs[i], labels[i] = it.doc, it.label
	}
	for _, err := range failures(eng.AnalyzeAll(context.Background(), docs, nil)) {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
	}
	labelOf := map[string]string{}
	for i, d := range docs {
		labelOf[d.ID] = labels[i]
	}
	a := eng.Connect(docs) // sorts docs by date
	index := map[string]int{}
	for i, d := range docs {
		index[d.ID] = i
		labels[i] = labelOf[d.ID]
	}
	sys := make([]string, len(docs))
	for _, sl := range a.Storylines {
		if level == "storyline" {
			for _, id := range sl.Documents {
				sys[index[id]] = sl.ID
			}
			continue
		}
		for _, st := range sl.Stories {
			for _, id := range st.Documents {
				sys[index[id]] = st.ID
			}
		}
	}
	return docs, labels, sys
}

// writeAssignments writes each document's gold and system cluster to
// path, as TSV.
func writeAssignments(path string, docs []*doc.Doc, labels, sys []string) error {
	var b strings.Builder
	b.WriteString("id\tgold\tsystem\tpublished\n")
	for i := range docs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", docs[i].ID, labels[i], sys[i], docs[i].Published)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func readClusterGold(path string) ([]labelled, error) {
	type gold struct {
		ID, Text, Published, Title string
		Cluster                    any
	}
	var out []labelled
	err := readJSONLines(path, func(line int, g *gold) error {
		if g.Text == "" || g.Cluster == nil {
			return errors.New("needs text and cluster")
		}
		if g.ID == "" {
			g.ID = fmt.Sprintf("line-%d", line)
		}
		d := ingest.FromText(g.ID, g.Text)
		d.Published = g.Published
		if g.Title != "" {
			d.Title = g.Title
		}
		out = append(out, labelled{d, fmt.Sprint(g.Cluster)})
		return nil
	})
	return out, err
}

// t17Article is one article of Timeline17's articles.json.
type t17Article struct {
	UID  string `json:"uid"`
	DCT  string `json:"dct"`
	Text string `json:"text"`
}

// readT17Topic reads one Timeline17 folder's articles, detokenised.
func readT17Topic(dir string) ([]*doc.Doc, error) {
	data, err := os.ReadFile(filepath.Join(dir, "articles.json"))
	if err != nil {
		return nil, err
	}
	var as []t17Article
	if err := json.Unmarshal(data, &as); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "articles.json"), err)
	}
	name := filepath.Base(dir)
	out := make([]*doc.Doc, 0, len(as))
	for _, a := range as {
		id := name + "/" + a.UID
		d := ingest.FromText(id, eval.Detokenize(a.Text))
		d.Published = a.DCT
		out = append(out, d)
	}
	return out, nil
}

func t17Folders(root string) ([]string, error) {
	es, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, e := range es {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(root, e.Name(), "articles.json")); err == nil {
				dirs = append(dirs, filepath.Join(root, e.Name()))
			}
		}
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%s: no topic folders with articles.json (expected the Timeline17 layout)", root)
	}
	sort.Strings(dirs)
	return dirs, nil
}

func readT17Articles(root string, perTopic int) ([]labelled, error) {
	dirs, err := t17Folders(root)
	if err != nil {
		return nil, err
	}
	var out []labelled
	for _, dir := range dirs {
		docs, err := readT17Topic(dir)
		if err != nil {
			return nil, err
		}
		if perTopic > 0 && len(docs) > perTopic {
			docs = docs[:perTopic]
		}
		topic, _, _ := strings.Cut(filepath.Base(dir), "_")
		for _, d := range docs {
			out = append(out, labelled{d, topic})
		}
	}
	return out, nil
}

var wikirefNumber = regexp.MustCompile(`(?:\s*\(\d+\)|\.\d+)$`)

func readWikiRef(dir string) ([]labelled, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .txt files (expected a WikiRef folder such as WikiRef220)", dir)
	}
	sort.Strings(files)
	var out []labelled
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		d := ingest.FromText(name, string(data))
		d.Origin = f
		out = append(out, labelled{d, wikirefNumber.ReplaceAllString(name, "")})
	}
	return out, nil
}
