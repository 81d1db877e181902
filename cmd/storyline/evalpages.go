package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/storyline-news/storyline/internal/ingest"
)

// Helpers of the page evaluations (eval dates, eval extract): benchmark
// pages are saved HTML, often gzipped, named by a file of expectations.

// readPage reads a saved page of dir named name, or name.gz, or
// name.html.gz (the layouts the benchmarks ship), gunzipped when its
// content is gzip. It returns fs.ErrNotExist when no such file is there, so
// a caller can count pages missing from a partial copy apart from pages
// that fail.
func readPage(dir, name string) ([]byte, error) {
	for _, cand := range []string{name, name + ".gz", name + ".html.gz", name + ".html"} {
		p := filepath.Join(dir, cand)
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return gunzipPage(p, data)
	}
	return nil, fmt.Errorf("%s: %w", filepath.Join(dir, name), fs.ErrNotExist)
}

// gunzipPage returns data itself, or its gunzipped content when it starts
// with the gzip magic bytes, bounded like any input (a small file may
// inflate without end).
func gunzipPage(path string, data []byte) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, ingest.DefaultMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) > ingest.DefaultMaxBytes {
		return nil, fmt.Errorf("%s: more than %d bytes once gunzipped", path, ingest.DefaultMaxBytes)
	}
	return out, nil
}

// readExpected decodes a benchmark's JSON object of expectations, keyed by
// page, and returns it with its keys sorted (results do not depend on map
// order).
func readExpected[T any](path string) (map[string]T, []string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var m map[string]T
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(m) == 0 {
		return nil, nil, fmt.Errorf("%s: no pages", path)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return m, keys, nil
}

// pageFlags are the flags every page evaluation takes.
type pageFlags struct {
	pages, expected, errors string
}

// check says which required flag is missing, naming the command.
func (f pageFlags) check(cmd string) error {
	var missing []string
	if f.pages == "" {
		missing = append(missing, "--pages")
	}
	if f.expected == "" {
		missing = append(missing, "--expected")
	}
	if len(missing) > 0 {
		return fmt.Errorf("storyline eval %s: %s required", cmd, strings.Join(missing, " and "))
	}
	return nil
}
