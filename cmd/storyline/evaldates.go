package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/storyline-news/storyline/internal/ingest"
)

// dateCounts is htmldate's confusion matrix (tests/evaluation.py,
// evaluate_result): a page whose date is found and right is a true
// positive, found and wrong a false positive only, not found a false
// negative; a page with no expected date and none found counts as a true
// negative and a false negative both, as evaluation.py does.
type dateCounts struct{ tp, fp, tn, fn int }

// add counts one page: got is "" when no date was found, want nil when the
// page has no expected date.
func (c *dateCounts) add(got string, want *string) {
	switch {
	case got == "" && want == nil:
		c.tn++
		c.fn++
	case got == "":
		c.fn++
	case want != nil && got == *want:
		c.tp++
	default:
		c.fp++
	}
}

// scores are htmldate's (tests/comparison.py, calculate_scores):
// precision tp/(tp+fp), recall tp/(tp+fn), F1 2tp/(2tp+fp+fn); 0 where a
// denominator is 0.
func (c dateCounts) scores() (p, r, f1 float64) {
	div := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	return div(c.tp, c.tp+c.fp), div(c.tp, c.tp+c.fn), div(2*c.tp, 2*c.tp+c.fp+c.fn)
}

// expectedDate is one page of htmldate's eval_default.json.
type expectedDate struct {
	File string  `json:"file"`
	Date *string `json:"date"`
}

// cmdEvalDates: storyline eval dates --pages DIR --expected FILE
func cmdEvalDates(args []string, e *env) int {
	fs := flag.NewFlagSet("eval dates", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var f pageFlags
	fs.StringVar(&f.pages, "pages", "", "folder of saved pages (FILE or FILE.gz as named in --expected)")
	fs.StringVar(&f.expected, "expected", "", `htmldate's expected dates: {"URL": {"file": NAME, "date": "YYYY-MM-DD"}}`)
	fs.StringVar(&f.errors, "errors", "", "write each page's expected and found date here (TSV)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if err := f.check("dates"); err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitUsage
	}
	if err := evalDates(f, e.stdout, e.stderr); err != nil {
		fmt.Fprintf(e.stderr, "storyline: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// evalDates scores the publication dates the engine reads from each page
// (what ingest stores as Published, the date part, read without the text:
// a page whose text is refused still has its date scored) against the
// expected ones. Pages named in the expectations but absent from the folder are
// counted and left out, as a partial copy of the set would be scored.
func evalDates(f pageFlags, stdout, stderr io.Writer) error {
	want, keys, err := readExpected[expectedDate](f.expected)
	if err != nil {
		return err
	}
	w, done, err := errorsFile(f.errors)
	if err != nil {
		return err
	}
	defer done()
	fmt.Fprintln(w, "url\tfile\texpected\tfound")
	var c dateCounts
	missing, scored := 0, 0
	var spent time.Duration
	for _, url := range keys {
		page := want[url]
		data, err := readPage(f.pages, page.File)
		if errors.Is(err, fs.ErrNotExist) {
			missing++
			continue
		}
		if err != nil {
			return err
		}
		start := time.Now()
		got := pageDate(data)
		spent += time.Since(start)
		c.add(got, page.Date)
		scored++
		exp := "-"
		if page.Date != nil {
			exp = *page.Date
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", url, page.File, exp, got)
	}
	if scored == 0 {
		return fmt.Errorf("%s: none of the %d pages of %s is there", f.pages, len(keys), f.expected)
	}
	p, r, f1 := c.scores()
	fmt.Fprintf(stdout, "%d pages scored, %d named in %s not in %s\n", scored, missing, f.expected, f.pages)
	fmt.Fprintf(stdout, "true positives %d, false positives %d, false negatives %d, true negatives %d\n", c.tp, c.fp, c.fn, c.tn)
	fmt.Fprintf(stdout, "%.1f ms per page (the date alone)\n", float64(spent.Microseconds())/1000/float64(scored))
	fmt.Fprintf(stdout, "overall %.3f %.3f %.3f\n", p, r, f1)
	return nil
}

// pageDate is the date part of the publication date the engine reads from
// a page, "" when it finds none. The page's URL is not given, as
// htmldate's evaluation gives none.
func pageDate(data []byte) string {
	p, err := ingest.PublishedFromHTML(data, "")
	if err != nil || len(p) < 10 {
		return ""
	}
	return p[:10]
}
