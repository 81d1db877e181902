package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/store"
)

// Helpers the commands share for their files and their store.

// errorsFile opens the --errors file of an eval command: io.Discard when no
// path is given. done flushes and closes it.
func errorsFile(path string) (w io.Writer, done func(), err error) {
	if path == "" {
		return io.Discard, func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	bw := bufio.NewWriter(f)
	return bw, func() { bw.Flush(); f.Close() }, nil
}

// saveModel writes a trained model to path and returns its size.
func saveModel(path string, save func(io.Writer) error) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	if err := save(f); err != nil {
		f.Close()
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// openStore opens the --db store and its analysis; the analysis is nil
// when nothing has been analysed yet.
func openStore(ctx context.Context, db string) (store.Store, *model.Analysis, error) {
	st, err := store.Open(db)
	if err != nil {
		return nil, nil, err
	}
	a, err := st.Analysis(ctx)
	if err != nil && !errors.Is(err, store.ErrNoAnalysis) {
		st.Close()
		return nil, nil, fmt.Errorf("reading %s: %w", store.Redact(db), err)
	}
	return st, a, nil
}

// readJSONLines decodes each non-blank line of a JSON lines file into a T
// and hands it to each with its line number. Errors name the file and the
// line; a file with no line is an error too.
func readJSONLines[T any](path string, each func(line int, v *T) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	line, n := 0, 0
	for sc.Scan() {
		line++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if err := each(line, &v); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: no documents", path)
	}
	return nil
}
