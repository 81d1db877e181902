package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline/internal/ingest"
)

// shingleN is the length of the token n-grams the article-extraction
// benchmark compares (evaluate.py, string_shingle_matching).
const shingleN = 4

// extractTokens splits text as evaluate.py's \w+ does under re.UNICODE:
// runs of letters, digits and underscores (marks split words there too).
func extractTokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// shingles counts a text's 4-token shingles; a text of fewer tokens is
// one shingle of all of them, and an empty text has none (evaluate.py's
// _ngrams).
func shingles(text string) map[string]int {
	toks := extractTokens(text)
	out := map[string]int{}
	for i := 0; i < max(1, len(toks)-shingleN+1); i++ {
		s := toks[i:min(i+shingleN, len(toks))]
		if len(s) > 0 {
			out[strings.Join(s, "\x00")]++
		}
	}
	return out
}

// shingleMatch is one page's true positives, false positives and false
// negatives over shingles, normalised to sum to 1 so long texts weigh no
// more than short ones (evaluate.py).
func shingleMatch(truth, pred string) [3]float64 {
	ts, ps := shingles(truth), shingles(pred)
	var tp, fp, fn float64
	for k, t := range ts {
		p := ps[k]
		tp += float64(min(t, p))
		fn += float64(max(0, t-p))
	}
	for k, p := range ps {
		fp += float64(max(0, p-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		return [3]float64{tp / s, fp / s, fn / s}
	}
	return [3]float64{}
}

// extractScores are evaluate.py's metrics over pages: precision is the
// mean of the pages' precisions where something was predicted, recall the
// mean of their recalls where something was expected, F1 their harmonic
// mean (not a mean of F1s).
func extractScores(pages [][3]float64) (p, r, f1 float64) {
	var ps, rs []float64
	for _, m := range pages {
		tp, fp, fn := m[0], m[1], m[2]
		if tp+fp > 0 {
			ps = append(ps, ratioScore(tp, fp, fn))
		}
		if tp+fn > 0 {
			rs = append(rs, ratioScore(tp, fn, fp))
		}
	}
	p, r = mean(ps), mean(rs)
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// ratioScore is evaluate.py's precision_score(tp, miss, other) (and
// recall_score with the roles of fp and fn swapped): 1 when nothing was
// missed either way, 0 when nothing matched.
func ratioScore(tp, miss, other float64) float64 {
	switch {
	case miss == 0 && other == 0:
		return 1
	case tp == 0 && miss == 0:
		return 0
	}
	return tp / (tp + miss)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// sameTokens is evaluate.py's accuracy of one page: the tokens are
// exactly the expected ones.
func sameTokens(truth, pred string) bool {
	a, b := extractTokens(truth), extractTokens(pred)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// groundTruth is one page of the benchmark's ground-truth.json.
type groundTruth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// cmdEvalExtract: storyline eval extract --pages DIR (--expected FILE |
// --trafilatura FILE)
func cmdEvalExtract(args []string, e *env) int {
	fs := flag.NewFlagSet("eval extract", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var f pageFlags
	fs.StringVar(&f.pages, "pages", "", "folder of saved pages: KEY.html or KEY.html.gz (scrapinghub), or the files --trafilatura names")
	fs.StringVar(&f.expected, "expected", "", `the article-extraction benchmark's ground truth: {"KEY": {"articleBody": TEXT, "url": URL}}`)
	traf := fs.String("trafilatura", "", `instead of --expected, trafilatura's evaldata.json: {"URL": {"file": NAME, "with": [TEXT…], "without": [TEXT…]}}`)
	fs.StringVar(&f.errors, "errors", "", "write each page's scores here (TSV)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	run := evalExtract
	if *traf != "" && f.expected == "" {
		f.expected, run = *traf, evalSnippets
	}
	if err := f.check("extract"); err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitUsage
	}
	if err := run(f, e.stdout); err != nil {
		fmt.Fprintf(e.stderr, "storyline: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// pageText is the main text the engine extracts from a page as analyze
// reads it (ingest.FromPage); "" when it finds none.
func pageText(name string, data []byte, url string) string {
	d, err := ingest.FromPage(name, data, url)
	if err != nil {
		return ""
	}
	return d.Text
}

// evalExtract scores the engine's main text against the benchmark's
// article bodies, evaluate.py's way. Pages absent from the folder are
// counted and left out.
func evalExtract(f pageFlags, stdout io.Writer) error {
	want, keys, err := readExpected[groundTruth](f.expected)
	if err != nil {
		return err
	}
	w, done, err := errorsFile(f.errors)
	if err != nil {
		return err
	}
	defer done()
	fmt.Fprintln(w, "key\ttp\tfp\tfn")
	var pages [][3]float64
	missing, same := 0, 0
	var spent time.Duration
	for _, key := range keys {
		data, err := readPage(f.pages, key)
		if errors.Is(err, fs.ErrNotExist) {
			missing++
			continue
		}
		if err != nil {
			return err
		}
		start := time.Now()
		text := pageText(key, data, want[key].URL)
		spent += time.Since(start)
		m := shingleMatch(want[key].ArticleBody, text)
		pages = append(pages, m)
		if sameTokens(want[key].ArticleBody, text) {
			same++
		}
		fmt.Fprintf(w, "%s\t%.4f\t%.4f\t%.4f\n", key, m[0], m[1], m[2])
	}
	if len(pages) == 0 {
		return fmt.Errorf("%s: none of the %d pages of %s is there", f.pages, len(keys), f.expected)
	}
	p, r, f1 := extractScores(pages)
	fmt.Fprintf(stdout, "%d pages scored, %d named in %s not in %s\n", len(pages), missing, f.expected, f.pages)
	fmt.Fprintf(stdout, "accuracy %.3f (pages whose tokens are exactly the article's); %.1f ms per page\n", float64(same)/float64(len(pages)), ms(spent, len(pages)))
	fmt.Fprintf(stdout, "overall %.3f %.3f %.3f\n", p, r, f1)
	return nil
}

func ms(d time.Duration, n int) float64 {
	return float64(d.Microseconds()) / 1000 / float64(n)
}
