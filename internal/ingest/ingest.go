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
	"unicode"

	unicode16 "golang.org/x/text/encoding/unicode"

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
	// Fetch gets a web address given as an input (http and https only);
	// nil refuses addresses. The caller provides it (internal/fetch's
	// client, with its timeout, size limit, redirect bound and refused
	// addresses), so this package opens no connection itself.
	Fetch fetchPage
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
	ErrNoFiles  = errors.New("no file to read here (.txt, .text, .md, .html, .htm, .jsonl, .ndjson, .json, .csv, .pdf)")
	// ErrNotRegular is a path that is a named pipe, a device or a socket.
	ErrNotRegular = errors.New("not a regular file (a pipe, device or socket): not read")
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
		if isAddress(p) {
			docs, errs := readAddress(p, opt)
			res.Docs = append(res.Docs, docs...)
			res.Errors = append(res.Errors, errs...)
			continue
		}
		files, errs := expand(p)
		res.Errors = append(res.Errors, errs...)
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
var supported = map[string]bool{".txt": true, ".text": true, ".md": true, ".html": true, ".htm": true, ".jsonl": true, ".ndjson": true, ".json": true,
	".csv": true, ".pdf": true}

// expand lists the files to read for p: p itself, or the supported files
// below a directory (hidden ones left out). What cannot be read is
// reported, path by path, and the rest is listed: one unreadable
// subdirectory does not cost the others.
func expand(p string) ([]string, []error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, []error{&InputError{Path: p, Err: cleanErr(err)}}
	}
	if !st.IsDir() {
		if err := regular(st); err != nil {
			return nil, []error{&InputError{Path: p, Err: err}}
		}
		return []string{p}, nil
	}
	var files []string
	var errs []error
	filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, &InputError{Path: path, Err: cleanErr(err)})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		hidden := path != p && strings.HasPrefix(d.Name(), ".")
		switch {
		case d.IsDir() && hidden:
			return filepath.SkipDir
		case d.IsDir() || hidden || !supported[strings.ToLower(filepath.Ext(path))]:
			return nil
		case !d.Type().IsRegular():
			errs = append(errs, &InputError{Path: path, Err: ErrNotRegular})
			return nil
		}
		files = append(files, path)
		return nil
	})
	sort.Strings(files)
	if len(files) == 0 && len(errs) == 0 {
		errs = append(errs, &InputError{Path: p, Err: ErrNoFiles})
	}
	return files, errs
}

// regular refuses what is not a regular file: reading a named pipe blocks
// until someone writes to it, a device may never end.
func regular(st fs.FileInfo) error {
	if !st.Mode().IsRegular() {
		return ErrNotRegular
	}
	return nil
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
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, []error{&InputError{Path: path, Err: ErrNotRegular}}
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
// ".html", ".jsonl", ".json", ".csv", ".pdf"); an empty or unknown ext is
// sniffed. What the content is decides over the name: a PDF is read as a
// PDF and an image is refused whatever they are called.
func Parse(path, ext string, data []byte, opt Options) ([]*doc.Doc, []error) {
	return parseInput(input{path: path, ext: ext, id: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))}, data, opt)
}

// input is one thing read: its name (a path, "stdin" or an address), the
// format its name or content type gives, the id a single document of it
// takes, and for a fetched page its final address.
type input struct {
	path, ext, id, pageURL string
}

var knownExt = map[string]bool{".txt": true, ".text": true, ".md": true, ".html": true, ".htm": true, ".jsonl": true,
	".ndjson": true, ".json": true, ".xml": true, ".rss": true, ".atom": true, ".csv": true, ".pdf": true}

func parseInput(in input, data []byte, opt Options) ([]*doc.Doc, []error) {
	fail := func(err error) ([]*doc.Doc, []error) { return nil, []error{&InputError{Path: in.path, Err: err}} }
	data, err := fromUTF16(data)
	if err != nil {
		return fail(err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(ErrEmpty)
	}
	switch kind := binaryKind(data); {
	case kind == "application/pdf":
		in.ext = ".pdf"
	case kind != "":
		return fail(fmt.Errorf("%w (%s)", ErrBinary, kind))
	case in.ext == ".pdf":
		return fail(ErrNotPDF)
	case isBinary(data):
		return fail(ErrBinary)
	}
	if !knownExt[in.ext] {
		in.ext = sniff(data)
	}
	return parseAs(in, data, opt)
}

// parseAs reads data in the format in.ext names.
func parseAs(in input, data []byte, opt Options) ([]*doc.Doc, []error) {
	fail := func(err error) ([]*doc.Doc, []error) { return nil, []error{&InputError{Path: in.path, Err: err}} }
	one := func(d *doc.Doc, err error) ([]*doc.Doc, []error) {
		if err != nil {
			return fail(err)
		}
		return finish([]*doc.Doc{named(d, in)}, in.path)
	}
	switch in.ext {
	case ".xml", ".rss", ".atom":
		if opt.Feed == nil {
			return fail(errors.New("RSS/Atom feeds are not read here"))
		}
		docs, err := opt.Feed(in.path, data)
		if err != nil {
			return fail(err)
		}
		return finish(docs, in.path)
	case ".jsonl", ".ndjson":
		return parseJSONL(in.path, data, opt)
	case ".json":
		return parseJSON(in.path, data)
	case ".csv":
		return parseCSV(in.path, data)
	case ".pdf":
		return one(readPDF(in, data, opt, pdfTimeout))
	case ".html", ".htm":
		return one(FromPage(in.id, data, in.pageURL))
	}
	text, err := decodeText(data)
	if err != nil {
		return fail(err)
	}
	return one(FromText(in.id, text), nil)
}

// named marks a document read from one file as such: its id is the
// file's name (which another file elsewhere may share: the engine keeps
// them apart), and standard input gets an id from its content instead of
// "stdin", which every such article would share.
func named(d *doc.Doc, in input) *doc.Doc {
	d.Origin = in.path
	switch {
	case in.path == "stdin":
		d.ID = contentID(d)
	case in.pageURL != "":
		// A fetched page: its id comes from its address, and it is its URL
		// unless the page names its own.
		if d.URL == "" {
			d.URL = in.pageURL
		}
	default:
		d.IDFromName = true
	}
	return d
}

func finish(docs []*doc.Doc, path string) ([]*doc.Doc, []error) {
	var out []*doc.Doc
	var errs []error
	for _, d := range docs {
		if !hasWords(d.Text) {
			errs = append(errs, &InputError{Path: path, Err: ErrNoText})
			continue
		}
		out = append(out, d)
	}
	return out, errs
}

// hasWords reports whether s holds a letter or a digit: text of only
// spaces, punctuation or invisible characters is no article.
func hasWords(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
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

func parseJSONL(path string, data []byte, opt Options) ([]*doc.Doc, []error) {
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
		if err := decodeJSON(b, &r); err != nil {
			errs = append(errs, &InputError{Path: path, Line: line, Err: fmt.Errorf("invalid JSON: %v", jsonErr(err))})
			continue
		}
		d, err := fromRecord(r)
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

func parseJSON(path string, data []byte) ([]*doc.Doc, []error) {
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\xef\xbb\xbf"))
	var recs []record
	if len(data) > 0 && data[0] == '[' {
		if err := decodeJSON(data, &recs); err != nil {
			return nil, []error{&InputError{Path: path, Err: fmt.Errorf("invalid JSON: %v", jsonErr(err))}}
		}
	} else {
		var r record
		if err := decodeJSON(data, &r); err != nil {
			return nil, []error{&InputError{Path: path, Err: fmt.Errorf("invalid JSON: %v", jsonErr(err))}}
		}
		recs = []record{r}
	}
	var docs []*doc.Doc
	var errs []error
	for i, r := range recs {
		d, err := fromRecord(r)
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

// Bounds on an article's metadata: what a store keeps must read back, and
// a JSON line of 10 MB nested 10,000 deep once made every later read of
// the store fail.
const (
	maxMetaDepth = 16
	maxMetaBytes = 64 << 10
)

// decodeJSON decodes with numbers kept as written ("12345678901234567890"
// and "1.0" stay what they are: through float64 they became the same
// number as their neighbours).
func decodeJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// fields reads the known fields of a record as strings (an id may be a
// number, kept as written).
func (r record) fields() (map[string]string, error) {
	out := map[string]string{}
	for k := range knownFields {
		switch v := r[k].(type) {
		case nil:
		case string:
			out[k] = v
		case json.Number:
			if k != "id" {
				return nil, fmt.Errorf("field %q must be a string, not a number", k)
			}
			out[k] = v.String()
		default:
			return nil, fmt.Errorf("field %q must be a string, not %s", k, jsonType(v))
		}
	}
	return out, nil
}

func jsonType(v any) string {
	switch v.(type) {
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func fromRecord(r record) (*doc.Doc, error) {
	fields, err := r.fields()
	if err != nil {
		return nil, err
	}
	d, err := recordBody(fields)
	if err != nil {
		return nil, err
	}
	if t := strings.TrimSpace(fields["title"]); t != "" {
		d.Title = Normalize(t)
	}
	d.Source, d.URL, d.Author = clean(fields["source"]), clean(fields["url"]), clean(fields["author"])
	if p := strings.TrimSpace(fields["published"]); p != "" {
		norm, err := NormalizeDate(p)
		if err != nil {
			return nil, fmt.Errorf("field \"published\": %w", err)
		}
		d.Published = norm
	}
	if err := addMeta(d, r); err != nil {
		return nil, err
	}
	d.ID = clean(fields["id"])
	if d.ID == "" {
		d.ID = contentID(d)
	}
	return d, nil
}

// recordBody makes the document of a record's text or HTML.
func recordBody(fields map[string]string) (*doc.Doc, error) {
	switch {
	case strings.TrimSpace(fields["text"]) != "":
		text, err := decodeText([]byte(fields["text"]))
		if err != nil {
			return nil, err
		}
		return FromText("", text), nil
	case strings.TrimSpace(fields["html"]) != "":
		return FromHTML("", []byte(fields["html"]))
	}
	return nil, errors.New(`no "text" or "html" field`)
}

// clean trims s and drops control characters (NUL among them: no store
// keeps one).
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s))
}

// addMeta keeps a record's other fields as metadata, within bounds, with
// control characters dropped from its strings.
func addMeta(d *doc.Doc, r record) error {
	for k, v := range r {
		if knownFields[k] {
			continue
		}
		if depth(v) > maxMetaDepth {
			return fmt.Errorf("field %q is nested deeper than %d levels", k, maxMetaDepth)
		}
		if d.Meta == nil {
			d.Meta = map[string]any{}
		}
		d.Meta[clean(k)] = cleanValue(v)
	}
	if len(d.Meta) > 0 {
		if b, _ := json.Marshal(d.Meta); len(b) > maxMetaBytes {
			return fmt.Errorf("the fields besides text and html take %d bytes, more than the %d kept as metadata", len(b), maxMetaBytes)
		}
	}
	return nil
}

func depth(v any) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			n = max(n, depth(x))
		}
		return n + 1
	case []any:
		for _, x := range v {
			n = max(n, depth(x))
		}
		return n + 1
	}
	return 0
}

func cleanValue(v any) any {
	switch v := v.(type) {
	case string:
		return clean(v)
	case map[string]any:
		for k, x := range v {
			delete(v, k)
			v[clean(k)] = cleanValue(x)
		}
	case []any:
		for i, x := range v {
			v[i] = cleanValue(x)
		}
	}
	return v
}

// contentID is the id of an article given without one: derived from its
// source, address, title and text, so the same article gets the same id
// and different ones never share one (they all got "stdin" and replaced
// each other).
func contentID(d *doc.Doc) string {
	h := sha256.New()
	for _, s := range []string{d.Source, d.URL, d.Title, d.Text} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return "doc-" + hex.EncodeToString(h.Sum(nil))[:16]
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
// same content is a no-op, and any change to what is stored of it (its
// address, author and metadata too) is an update. The address, author and
// metadata count only when given, so documents without them keep the
// hash they always had.
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
	for _, extra := range []struct{ k, v string }{{"url", d.URL}, {"author", d.Author}, {"meta", metaKey(d.Meta)}} {
		if extra.v != "" {
			io.WriteString(h, "\x00"+extra.k+"\x00"+extra.v)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// metaKey is metadata as canonical JSON (sorted keys), "" when none.
func metaKey(m map[string]any) string {
	if len(m) == 0 {
		return ""
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// fromUTF16 transcodes text that starts with a UTF-16 byte-order mark to
// UTF-8 (a file saved as "Unicode" by Windows tools); other data is
// returned as it is.
func fromUTF16(data []byte) ([]byte, error) {
	var e unicode16.Endianness
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		e = unicode16.LittleEndian
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		e = unicode16.BigEndian
	default:
		return data, nil
	}
	out, err := unicode16.UTF16(e, unicode16.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("UTF-16 text that does not decode: %w", err)
	}
	return out, nil
}
