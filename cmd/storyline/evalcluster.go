package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
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

// cmdEvalCluster: storyline eval cluster --gold FILE | --t17 DIR | --wikiref DIR
func cmdEvalCluster(args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("eval cluster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "", "JSON lines of {id, text, published, cluster}")
	t17 := fs.String("t17", "", "Timeline17 directory (topic_outlet/articles.json); the label is the topic")
	wikiref := fs.String("wikiref", "", "WikiRef directory of text files; the label is the file name without its number")
	level := fs.String("level", "storyline", "storyline or story: which grouping to score")
	perTopic := fs.Int("per-topic", 0, "with --t17: at most this many articles per folder (0: all)")
	storylineSim := fs.Float64("storyline-sim", 0, "override the storyline similarity threshold")
	storySim := fs.Float64("story-sim", 0, "override the story similarity threshold")
	assignments := fs.String("assignments", "", "write each document's gold and system cluster to this TSV file")
	mergeSim := fs.Float64("merge-sim", -1, "override the centroid similarity at which storylines merge (0: no merging)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	given := 0
	for _, s := range []string{*gold, *t17, *wikiref} {
		if s != "" {
			given++
		}
	}
	if given != 1 || (*level != "storyline" && *level != "story") {
		fmt.Fprintln(stderr, "usage: storyline eval cluster --gold FILE | --t17 DIR | --wikiref DIR [--level storyline|story]")
		return exitUsage
	}
	var items []labelled
	var err error
	switch {
	case *gold != "":
		items, err = readClusterGold(*gold)
	case *t17 != "":
		items, err = readT17Articles(*t17, *perTopic)
	default:
		items, err = readWikiRef(*wikiref)
	}
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
	}
	start := time.Now()
	docs := make([]*doc.Doc, len(items))
	labels := make([]string, len(items))
	for i, it := range items {
		docs[i], labels[i] = it.doc, it.label
	}
	cfg := pipeline.DefaultConfig()
	if *storylineSim > 0 {
		cfg.Cluster.StorylineSim = *storylineSim
	}
	if *storySim > 0 {
		cfg.Cluster.StorySim = *storySim
	}
	if *mergeSim >= 0 {
		cfg.Cluster.MergeSim = *mergeSim
	}
	eng, err := e.newEngine(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "storyline: %v\n", err)
		return exitFailed
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
		if *level == "storyline" {
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
	if *assignments != "" {
		var b strings.Builder
		b.WriteString("id\tgold\tsystem\tpublished\n")
		for i := range docs {
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", docs[i].ID, labels[i], sys[i], docs[i].Published)
		}
		if err := os.WriteFile(*assignments, []byte(b.String()), 0o644); err != nil {
			fmt.Fprintf(stderr, "storyline: %v\n", err)
			return exitFailed
		}
	}
	fmt.Fprintf(stdout, "storyline %s clustering of %d documents (%.1fs)\n", *level, len(docs), time.Since(start).Seconds())
	eval.ClusterTable(stdout, eval.ScoreClusters(labels, sys))
	return exitOK
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
