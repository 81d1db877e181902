package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// checkOutputs refuses, before anything is written, an output file (the
// report, a profile) that is the store or one of its files, or one of the
// inputs, or lies inside an input directory (the next run would read the
// report as an article). `analyze --db s.db -o s.db` wrote the report
// over the store and lost it.
func checkOutputs(db string, inputs []string, outputs map[string]string) error {
	for flag, out := range outputs {
		if out == "" || out == "-" {
			continue
		}
		if db != ":memory:" && !isURL(db) {
			for _, f := range []string{db, db + "-wal", db + "-shm", db + "-journal"} {
				if samePath(out, f) {
					return fmt.Errorf("%s %s is the store (--db %s): it would be overwritten", flag, out, db)
				}
			}
		}
		for _, in := range inputs {
			if in == "-" {
				continue
			}
			if samePath(out, in) {
				return fmt.Errorf("%s %s is one of the inputs: it would be overwritten", flag, out)
			}
			if inside(out, in) {
				return fmt.Errorf("%s %s lies inside the input directory %s: the next run would read it as an article", flag, out, in)
			}
		}
	}
	return nil
}

// samePath reports whether a and b name the same file: the same file on
// disk when both exist, else the same absolute path.
func samePath(a, b string) bool {
	ai, errA := os.Stat(a)
	bi, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ai, bi)
	}
	return abs(a) == abs(b)
}

// inside reports whether file lies below dir, a directory.
func inside(file, dir string) bool {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return false
	}
	rel, err := filepath.Rel(abs(dir), abs(file))
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

func abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return filepath.Clean(a)
	}
	return filepath.Clean(p)
}
