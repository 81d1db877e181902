package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/storyline-news/storyline/internal/pipeline"
)

// env is what a command runs with: its streams, and how it builds the
// engine (the one front door every command that analyses goes through).
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// configure, if set, edits the configuration of every engine a command
	// builds (tests insert a failing stage through it).
	configure func(*pipeline.Config)
}

// newEngine builds an engine from cfg (after env's edits).
func (e *env) newEngine(cfg pipeline.Config) (*pipeline.Engine, error) {
	if e.configure != nil {
		e.configure(&cfg)
	}
	return pipeline.New(cfg)
}

// progress draws a progress bar on stderr while documents are analysed,
// when stderr is a terminal and a batch is large enough for one to help.
type progress struct {
	quiet  bool
	stderr io.Writer
	bar    *progressbar.ProgressBar
	total  int
}

// update is a pipeline.Config.Progress.
func (p *progress) update(done, total int) {
	if p.quiet || total <= 5 {
		return
	}
	if p.bar == nil || total != p.total {
		p.finish()
		f, ok := p.stderr.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return
		}
		p.total = total
		p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(p.stderr), progressbar.OptionSetDescription("analysing"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("docs"),
			progressbar.OptionThrottle(100*time.Millisecond))
	}
	p.bar.Set(done)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.stderr)
		p.bar = nil
	}
}
