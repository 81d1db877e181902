package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
)

// snippetPage is one page of trafilatura's evaldata.json: text the
// extraction must hold and text it must not.
type snippetPage struct {
	File    string   `json:"file"`
	With    []string `json:"with"`
	Without []string `json:"without"`
}

// snippetCounts is trafilatura's confusion matrix (tests/comparison.py,
// evaluate_result): a "with" snippet found is a true positive, missed a
// false negative; a "without" snippet found is a false positive, absent a
// true negative. Snippets are matched as substrings of the extracted
// text, as written.
type snippetCounts struct{ tp, fn, fp, tn int }

func (c *snippetCounts) add(text string, p snippetPage) {
	for _, s := range p.With {
		if strings.Contains(text, s) {
			c.tp++
		} else {
			c.fn++
		}
	}
	for _, s := range p.Without {
		if strings.Contains(text, s) {
			c.fp++
		} else {
			c.tn++
		}
	}
}

// evalSnippets measures the engine's main text on trafilatura's pages:
// the share of "with" snippets found, of "without" snippets left out, and
// comparison.py's precision, recall and F1 over the same counts.
func evalSnippets(f pageFlags, stdout io.Writer) error {
	want, keys, err := readExpected[snippetPage](f.expected)
	if err != nil {
		return err
	}
	w, done, err := errorsFile(f.errors)
	if err != nil {
		return err
	}
	defer done()
	fmt.Fprintln(w, "url\tfile\twith found\twith\twithout found\twithout")
	var c snippetCounts
	missing, scored := 0, 0
	var spent time.Duration
	for _, url := range keys {
		p := want[url]
		data, err := readPage(f.pages, p.File)
		if errors.Is(err, fs.ErrNotExist) {
			missing++
			continue
		}
		if err != nil {
			return err
		}
		start := time.Now()
		text := pageText(p.File, data, url)
		spent += time.Since(start)
		var one snippetCounts
		one.add(text, p)
		c.tp, c.fn, c.fp, c.tn = c.tp+one.tp, c.fn+one.fn, c.fp+one.fp, c.tn+one.tn
		scored++
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%d\n", url, p.File, one.tp, len(p.With), one.fp, len(p.Without))
	}
	if scored == 0 {
		return fmt.Errorf("%s: none of the %d pages of %s is there", f.pages, len(keys), f.expected)
	}
	div := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	fmt.Fprintf(stdout, "%d pages scored, %d named in %s not in %s; %.1f ms per page\n", scored, missing, f.expected, f.pages, ms(spent, scored))
	fmt.Fprintf(stdout, "\"with\" snippets found:       %d of %d (%.3f)\n", c.tp, c.tp+c.fn, div(c.tp, c.tp+c.fn))
	fmt.Fprintf(stdout, "\"without\" snippets excluded: %d of %d (%.3f)\n", c.tn, c.tn+c.fp, div(c.tn, c.tn+c.fp))
	fmt.Fprintf(stdout, "overall %.3f %.3f %.3f\n", div(c.tp, c.tp+c.fp), div(c.tp, c.tp+c.fn), div(2*c.tp, 2*c.tp+c.fp+c.fn))
	return nil
}
