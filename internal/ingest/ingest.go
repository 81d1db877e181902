// Package ingest turns files, directories, standard input and JSON lines
// into cleaned documents. It owns every decision about input formats and
// about what counts as bad input; errors always name the input (file and,
// for JSON lines, the line number).
package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
)

// DefaultMaxBytes is the default size limit for one input file or document.
const DefaultMaxBytes = 10 << 20

// Options control reading.
type Options struct {
	// MaxBytes rejects any file (or JSON line) larger than this.
	MaxBytes int64
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Feed reads an RSS or Atom file (.xml, .rss, .atom, or sniffed) into
	// documents; nil refuses feeds. The feed package provides it, so this
	// package needs no feed parser.
	Feed func(path string, data []byte) ([]*doc.Doc, error)
}

// InputError is a failure tied to one input: a file, or a line in a file.
type InputError struct {
	Path string
	Line int // 0 when the error concerns the whole file
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// Sentinel causes, for callers and tests that need to tell them apart.
var (
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary data, not text")
	ErrTooLarge = errors.New("input exceeds the size limit")
	ErrNoText   = errors.New("no article text found")
)

// Result is what reading a set of inputs gives: the documents that could be
// read and one error per input (or line) that could not.
type Result struct {
	Docs   []*doc.Doc
	Errors []error
}

// Read expands paths (files, directories, "-") and reads every document.
// Errors are collected per input; reading goes on with the rest.
func Read(paths []string, opt Options) Result {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	var res Result
	for _, p := range paths {
		if p == "-" {
			in := opt.Stdin
			if in == nil {
				in = os.Stdin
			}
			data, err := readLimited(in, opt.MaxBytes)
			if err != nil {
				res.Errors = append(res.Errors, &InputError{Path: "stdin", Err: err})
				continue
			}
			docs, errs := Parse("stdin", "", data, opt)
			res.Docs = append(res.Docs, docs...)
			res.Errors = append(res.Errors, errs...)
			continue
		}
		files, err := expand(p)
		if err != nil {
			res.Errors = append(res.Errors, &InputError{Path: p, Err: err})
			continue
		}
		for _, f := range files {
			docs, errs := ReadFile(f, opt)
			res.Docs = append(res.Docs, docs...)
			res.Errors = append(res.Errors, errs...)
		}
	}
	return res
}

// supported lists the extensions read from directories. Files named
// explicitly are read whatever their extension (sniffed).
var supported = map[string]bool{".txt": true, ".text": true, ".md": true, ".html": true, ".htm": true, ".jsonl": true, ".ndjson": true, ".json": true}

func expand(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, cleanErr(err)
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if supported[strings.ToLower(filepath.Ext(path))] {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadFile reads one file.
func ReadFile(path string, opt Options) ([]*doc.Doc, []error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{&InputError{Path: path, Err: cleanErr(err)}}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > opt.MaxBytes {
		return nil, []error{&InputError{Path: path, Err: fmt.Errorf("%w (%d bytes > %d; raise --max-bytes)", ErrTooLarge, st.Size(), opt.MaxBytes)}}
	}
	data, err := readLimited(f, opt.MaxBytes)
	if err != nil {
		return nil, []error{&InputError{Path: path, Err: err}}
	}
	return Parse(path, strings.ToLower(filepath.Ext(path)), data, opt)
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w (more than %d bytes; raise --max-bytes)", ErrTooLarge, max)
	}
	return data, nil
}

// Parse reads documents from data. ext selects the format (".txt",
// ".html", ".jsonl", ".json"); an empty or unknown ext is sniffed.
func Parse(path, ext string, data []byte, opt Options) ([]*doc.Doc, []error) {
	fail := func(err error) ([]*doc.Doc, []error) { return nil, []error{&InputError{Path: path, Err: err}} }
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(ErrEmpty)
	}
	if isBinary(data) {
		return fail(ErrBinary)
	}
	switch ext {
	case ".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".xml", ".rss", ".atom":
	default:
		ext = sniff(data)
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	switch ext {
	case ".xml", ".rss", ".atom":
		if opt.Feed == nil {
			return fail(errors.New("RSS/Atom feeds are not read here"))
		}
		docs, err := opt.Feed(path, data)
		if err != nil {
			return fail(err)
		}
		return finish(docs, path)
	case ".jsonl", ".ndjson":
		return parseJSONL(path, stem, data, opt)
	case ".json":
		return parseJSON(path, stem, data)
	case ".html", ".htm":
		d, err := FromHTML(stem, data)
		if err != nil {
			return fail(err)
		}
		d.Origin = path
		return finish([]*doc.Doc{d}, path)
	default:
		text, err := decodeText(data)
		if err != nil {
			return fail(err)
		}
		d := FromText(stem, text)
		d.Origin = path
		return finish([]*doc.Doc{d}, path)
	}
}

func finish(docs []*doc.Doc, path string) ([]*doc.Doc, []error) {
	var out []*doc.Doc
	var errs []error
	for _, d := range docs {
		if strings.TrimSpace(d.Text) == "" {
			errs = append(errs, &InputError{Path: path, Err: ErrNoText})
			continue
		}
		out = append(out, d)
	}
	return out, errs
}

func sniff(data []byte) string {
	t := bytes.TrimSpace(data)
	t = bytes.TrimPrefix(t, []byte("\xef\xbb\xbf"))
	switch {
	case len(t) > 0 && t[0] == '{':
		// One object per line, or one pretty-printed object.
		if json.Valid(t) {
			return ".json"
		}
		return ".jsonl"
	case len(t) > 0 && t[0] == '[':
		return ".json"
	case len(t) > 0 && t[0] == '<':
		head := bytes.ToLower(t[:min(len(t), 512)])
		if bytes.HasPrefix(head, []byte("<?xml")) || bytes.HasPrefix(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) {
			return ".xml"
		}
		return ".html"
	}
	return ".txt"
}

// isBinary reports data that is not text: NUL bytes, or many control
// characters, in the first 8 KB.
func isBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctrl++
		}
	}
	return ctrl*20 > len(head)
}

// record is one JSON article.
type record map[string]any

func parseJSONL(path, stem string, data []byte, opt Options) ([]*doc.Doc, []error) {
	var docs []*doc.Doc
	var errs []error
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 1<<20), int(opt.MaxBytes)+1)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(b) == 0 {
			continue
		}
		var r record
		if err := json.Unmarshal(b, &r); err != nil {
			errs = append(errs, &InputError{Path: path, Line: line, Err: fmt.Errorf("invalid JSON: %v", jsonErr(err))})
			continue
		}
		d, err := fromRecord(r, fmt.Sprintf("%s-%d", stem, line))
		if err != nil {
			errs = append(errs, &InputError{Path: path, Line: line, Err: err})
			continue
		}
		d.Origin = fmt.Sprintf("%s:%d", path, line)
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &InputError{Path: path, Line: line + 1, Err: err})
	}
	return docs, errs
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v at byte %d", se, se.Offset)
	}
	return err.Error()
}

func parseJSON(path, stem string, data []byte) ([]*doc.Doc, []error) {
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\xef\xbb\xbf"))
	var recs []record
	if len(data) > 0 && data[0] == '[' {
		if err := json.Unmarshal(data, &recs); err != nil {
			return nil, []error{&InputError{Path: path, Err: fmt.Errorf("invalid JSON: %v", jsonErr(err))}}
		}
	} else {
		var r record
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, []error{&InputError{Path: path, Err: fmt.Errorf("invalid JSON: %v", jsonErr(err))}}
		}
		recs = []record{r}
	}
	var docs []*doc.Doc
	var errs []error
	for i, r := range recs {
		fallback := stem
		if len(recs) > 1 {
			fallback = fmt.Sprintf("%s-%d", stem, i+1)
		}
		d, err := fromRecord(r, fallback)
		if err != nil {
			errs = append(errs, &InputError{Path: path, Err: fmt.Errorf("item %d: %w", i+1, err)})
			continue
		}
		d.Origin = path
		docs = append(docs, d)
	}
	return docs, errs
}

// known fields of a JSON article; the rest is kept as metadata.
var knownFields = map[string]bool{"id": true, "title": true, "text": true, "html": true, "published": true, "source": true, "url": true, "author": true}

func fromRecord(r record, fallbackID string) (*doc.Doc, error) {
	str := func(k string) (string, error) {
		v, ok := r[k]
		if !ok || v == nil {
			return "", nil
		}
		switch t := v.(type) {
		case string:
			return t, nil
		case float64:
			if k == "id" {
				return fmt.Sprintf("%v", t), nil
			}
		}
		return "", fmt.Errorf("field %q must be a string, not %T", k, v)
	}
	var fields = map[string]string{}
	for _, k := range []string{"id", "title", "text", "html", "published", "source", "url", "author"} {
		s, err := str(k)
		if err != nil {
			return nil, err
		}
		fields[k] = s
	}
	var d *doc.Doc
	id := strings.TrimSpace(fields["id"])
	if id == "" {
		id = fallbackID
	}
	switch {
	case strings.TrimSpace(fields["text"]) != "":
		text, err := decodeText([]byte(fields["text"]))
		if err != nil {
			return nil, err
		}
		d = FromText(id, text)
	case strings.TrimSpace(fields["html"]) != "":
		var err error
		d, err = FromHTML(id, []byte(fields["html"]))
		if err != nil {
			return nil, err
		}
	default:
		return nil, errors.New(`no "text" or "html" field`)
	}
	d.ID = id
	if t := strings.TrimSpace(fields["title"]); t != "" {
		d.Title = Normalize(t)
	}
	if s := strings.TrimSpace(fields["source"]); s != "" {
		d.Source = s
	}
	if u := strings.TrimSpace(fields["url"]); u != "" {
		d.URL = u
	}
	if a := strings.TrimSpace(fields["author"]); a != "" {
		d.Author = a
	}
	if p := strings.TrimSpace(fields["published"]); p != "" {
		norm, err := NormalizeDate(p)
		if err != nil {
			return nil, fmt.Errorf("field \"published\": %w", err)
		}
		d.Published = norm
	}
	for k, v := range r {
		if !knownFields[k] {
			if d.Meta == nil {
				d.Meta = map[string]any{}
			}
			d.Meta[k] = v
		}
	}
	return d, nil
}

// dateLayouts are the publication date formats accepted from metadata.
var dateLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "02/01/2006",
}

// NormalizeDate turns a publication date into YYYY-MM-DD, or RFC 3339 when
// it carries a time of day.
func NormalizeDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(doc.DayLayout, s); err == nil {
		return t.Format(doc.DayLayout), nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && !strings.ContainsAny(l, "15") {
				return t.Format(doc.DayLayout), nil
			}
			if strings.Contains(l, "15") {
				return t.Format(time.RFC3339), nil
			}
			return t.Format(doc.DayLayout), nil
		}
	}
	return "", fmt.Errorf("cannot read date %q (want YYYY-MM-DD or RFC 3339)", s)
}

// ContentHash is the identity of a document's content: re-analysing the
// same content is a no-op.
func ContentHash(d *doc.Doc) string {
	h := sha256.New()
	io.WriteString(h, d.ID)
	h.Write([]byte{0})
	io.WriteString(h, d.Title)
	h.Write([]byte{0})
	io.WriteString(h, d.Published)
	h.Write([]byte{0})
	io.WriteString(h, d.Source)
	h.Write([]byte{0})
	io.WriteString(h, d.Text)
	return hex.EncodeToString(h.Sum(nil))[:32]
}
