package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/fetch"
)

// Inputs besides text, HTML and JSON: web addresses, PDFs, CSV files, and
// the binary files refused by what their content is, whatever their name.

// Errors of these inputs, for callers and tests that tell them apart.
var (
	ErrNoPDFText = errors.New("no text in this PDF: its pages are images (a scan: run OCR first) or its fonts give no text")
	ErrNotPDF    = errors.New("named .pdf but not a PDF (no %PDF- header)")
	ErrScheme    = errors.New("only http and https addresses are fetched")
	ErrNoFetch   = errors.New("web addresses are not fetched here")
)

// maxPDFPages bounds the pages read from one PDF.
const maxPDFPages = 2000

// binaryKind names the type of data when its first bytes are the
// signature of a format that is not text (http.DetectContentType's
// table: PDF, images, audio, video, fonts, archives); "" for text, or
// for bytes no signature names (isBinary then judges them).
func binaryKind(data []byte) string {
	mime, _, _ := strings.Cut(http.DetectContentType(data), ";")
	switch {
	case mime == "application/pdf", mime == "application/postscript":
		return mime
	case strings.HasPrefix(mime, "image/"), strings.HasPrefix(mime, "audio/"), strings.HasPrefix(mime, "video/"), strings.HasPrefix(mime, "font/"):
		return mime
	case mime == "application/zip", mime == "application/x-gzip", mime == "application/x-rar-compressed",
		mime == "application/wasm", mime == "application/vnd.ms-fontobject", mime == "application/ogg":
		return mime
	}
	return ""
}

// pdfTimeout bounds the time one PDF may take to read. The reader has
// looped for ever on hostile files in ways the checks below do not all
// catch (fuzzing found some); past this the file is refused by name and
// the read left to run out in the background, so one bad file never
// stops a batch. (Only analyze reads PDFs: its process ends soon after.)
const pdfTimeout = 30 * time.Second

// readPDF is parsePDF within a time limit.
func readPDF(in input, data []byte, opt Options, limit time.Duration) (*doc.Doc, error) {
	type result struct {
		d   *doc.Doc
		err error
	}
	done := make(chan result, 1)
	go func() {
		d, err := parsePDF(in, data, opt)
		done <- result{d, err}
	}()
	select {
	case r := <-done:
		return r.d, r.err
	case <-time.After(limit):
		return nil, fmt.Errorf("unreadable PDF: still reading after %s", limit)
	}
}

// parsePDF reads a PDF's text, page by page (a blank line between pages);
// its title is the document information's when it gives one. A PDF whose
// pages give no text (a scan) is refused, as is one the reader cannot
// read; a panic of the reader on a malformed file is an error too.
func parsePDF(in input, data []byte, opt Options) (d *doc.Doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("unreadable PDF (%v)", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("unreadable PDF: %w", err)
	}
	max := opt.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	text, err := pdfText(r, max)
	if err != nil {
		return nil, err
	}
	if !hasWords(text) {
		return nil, ErrNoPDFText
	}
	d = FromText(in.id, text)
	if t := strings.TrimSpace(r.Trailer().Key("Info").Key("Title").Text()); t != "" && hasWords(t) && len(t) < 300 {
		d.Title = Normalize(t)
	}
	return d, nil
}

// pdfText is the text of a PDF's pages, at most max bytes of it.
func pdfText(r *pdf.Reader, max int64) (string, error) {
	pages, err := pdfPages(r)
	if err != nil {
		return "", err
	}
	fonts := map[string]*pdf.Font{}
	var b strings.Builder
	for i, p := range pages {
		if err := pdfStreamsEnd(p, max); err != nil {
			return "", fmt.Errorf("unreadable PDF page %d: %w", i+1, err)
		}
		t, err := p.GetPlainText(fonts)
		if err != nil {
			return "", fmt.Errorf("unreadable PDF page %d: %w", i+1, err)
		}
		b.WriteString(strings.TrimSpace(t))
		b.WriteString("\n\n")
		if int64(b.Len()) > max {
			return "", fmt.Errorf("%w (its text passes %d bytes; raise --max-bytes)", ErrTooLarge, max)
		}
	}
	return b.String(), nil
}

// pdfPages lists a PDF's pages in order, walking its page tree itself:
// the reader's own walk loops for ever on a tree that holds itself (a
// hostile or broken file), so depth and the nodes visited are bounded.
func pdfPages(r *pdf.Reader) ([]pdf.Page, error) {
	var pages []pdf.Page
	visited := 0
	var walk func(node pdf.Value, depth int) error
	walk = func(node pdf.Value, depth int) error {
		visited++
		if depth > 64 || visited > 4*maxPDFPages {
			return errors.New("unreadable PDF: its page tree is too deep or loops")
		}
		switch node.Key("Type").Name() {
		case "Page":
			if len(pages) == maxPDFPages {
				return fmt.Errorf("a PDF of more than %d pages", maxPDFPages)
			}
			pages = append(pages, pdf.Page{V: node})
		case "Pages":
			kids := node.Key("Kids")
			for i := 0; i < kids.Len(); i++ {
				if err := walk(kids.Index(i), depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	err := walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return pages, err
}

// pdfStreamsEnd checks that the streams the reader will interpret for a
// page (its contents, its fonts' ToUnicode maps) end no hex string open:
// the reader loops for ever on one that runs to the end of the stream.
func pdfStreamsEnd(p pdf.Page, max int64) error {
	streams := []pdf.Value{p.V.Key("Contents")}
	fonts := p.Resources().Key("Font")
	for _, name := range fonts.Keys() {
		streams = append(streams, fonts.Key(name).Key("ToUnicode"))
	}
	for _, v := range streams {
		var readers []io.Reader
		switch v.Kind() {
		case pdf.Null:
			continue
		case pdf.Array:
			for i := 0; i < v.Len(); i++ {
				readers = append(readers, v.Index(i).Reader())
			}
		default:
			readers = append(readers, v.Reader())
		}
		data, err := io.ReadAll(io.LimitReader(io.MultiReader(readers...), max))
		if err != nil {
			return err
		}
		if hexStringOpen(data) {
			return errors.New("a content stream ends inside a hex string")
		}
	}
	return nil
}

// hexStringOpen reports whether PDF content ends inside a <…> hex string,
// reading literal (…) strings, with their escapes and nesting, and %
// comments as the PDF lexer does.
func hexStringOpen(data []byte) bool {
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case '(':
			i = literalEnd(data, i+1)
		case '<':
			if i+1 < len(data) && data[i+1] == '<' {
				i++
				continue
			}
			end := bytes.IndexByte(data[i+1:], '>')
			if end < 0 {
				return true
			}
			i += end + 1
		}
	}
	return false
}

// literalEnd is the index of the parenthesis that closes a literal string
// starting at i (len(data) when none does).
func literalEnd(data []byte, i int) int {
	depth := 1
	for ; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return i
}

// parseCSV reads a CSV file with a header line: each row is an article,
// its columns named by the header as a JSON article's fields are (a
// "text" or "html" column is required; id, title, published, source, url
// and author are read as such; other non-empty cells are metadata).
// Errors name the file and the row's line.
func parseCSV(path string, data []byte) ([]*doc.Doc, []error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, []error{&InputError{Path: path, Err: err}}
	}
	r := csv.NewReader(strings.NewReader(text))
	header, err := csvHeader(r)
	if err != nil {
		return nil, []error{&InputError{Path: path, Err: err}}
	}
	var docs []*doc.Doc
	var errs []error
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			errs = append(errs, &InputError{Path: path, Line: pe.StartLine, Err: fmt.Errorf("invalid CSV: %v", pe.Err)})
			continue
		}
		d, err := fromRecord(csvRecord(header, row))
		if err != nil {
			errs = append(errs, &InputError{Path: path, Line: line, Err: err})
			continue
		}
		d.Origin = fmt.Sprintf("%s:%d", path, line)
		docs = append(docs, d)
	}
	return docs, errs
}

// csvHeader reads and checks the header line: lower-cased names, no name
// twice, a text or html column.
func csvHeader(r *csv.Reader) ([]string, error) {
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("invalid CSV header: %w", err)
	}
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if seen[h] {
			return nil, fmt.Errorf("the CSV header names the column %q twice", h)
		}
		seen[h], header[i] = true, h
	}
	if !seen["text"] && !seen["html"] {
		return nil, fmt.Errorf(`a CSV file needs a header line with a "text" or "html" column (its first line is: %s)`, strings.Join(header, ","))
	}
	return header, nil
}

// csvRecord makes a JSON-like record of a row; empty cells of other
// columns are left out.
func csvRecord(header, row []string) record {
	r := record{}
	for i, name := range header {
		if i >= len(row) {
			break
		}
		if row[i] == "" && !knownFields[name] {
			continue
		}
		r[name] = row[i]
	}
	return r
}

// isAddress reports whether an input names a web address ("scheme://…")
// rather than a path.
func isAddress(p string) bool {
	scheme, rest, ok := strings.Cut(p, "://")
	if !ok || scheme == "" || rest == "" {
		return false
	}
	for _, c := range scheme {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// readAddress fetches a web address with opt.Fetch and reads what it
// serves, by its content type (sniffed when the type says nothing).
// Documents of one page take an id made from the address, which a later
// fetch of the same page keeps (an update, not a new article).
func readAddress(u string, opt Options) ([]*doc.Doc, []error) {
	scheme, _, _ := strings.Cut(u, "://")
	if s := strings.ToLower(scheme); s != "http" && s != "https" {
		return nil, []error{&InputError{Path: u, Err: fmt.Errorf("%w (not %s://)", ErrScheme, s)}}
	}
	if opt.Fetch == nil {
		return nil, []error{&InputError{Path: u, Err: ErrNoFetch}}
	}
	page, err := opt.Fetch(u)
	if err != nil {
		return nil, []error{&InputError{Path: u, Err: err}}
	}
	in := input{path: u, ext: extOfType(page.Type), id: addressID(u), pageURL: firstNonEmpty(page.URL, u)}
	return parseInput(in, page.Body, opt)
}

// extOfType maps a response's content type to the extension whose reader
// takes it; "" lets the content decide.
func extOfType(contentType string) string {
	mime, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	switch strings.TrimSpace(mime) {
	case "text/html", "application/xhtml+xml":
		return ".html"
	case "text/plain":
		return ".txt"
	case "text/csv":
		return ".csv"
	case "application/json", "application/ld+json":
		return ".json"
	case "application/x-ndjson", "application/jsonl":
		return ".jsonl"
	case "application/rss+xml", "application/atom+xml", "application/xml", "text/xml":
		return ".xml"
	case "application/pdf":
		return ".pdf"
	}
	return ""
}

// addressID is the id of the page at u: "url-" and a hash of the
// address.
func addressID(u string) string {
	h := sha256.Sum256([]byte(u))
	return "url-" + hex.EncodeToString(h[:8])
}

// ReadURLList reads a file of web addresses, one a line; blank lines and
// lines starting with # are skipped. A line that is not an http or https
// address is an error naming the file and the line.
func ReadURLList(path string) ([]string, []error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, []error{&InputError{Path: path, Err: cleanErr(err)}}
	}
	var urls []string
	var errs []error
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		low := strings.ToLower(l)
		if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") {
			errs = append(errs, &InputError{Path: path, Line: i + 1, Err: fmt.Errorf("%w: %q", ErrScheme, l)})
			continue
		}
		urls = append(urls, l)
	}
	if len(urls) == 0 && len(errs) == 0 {
		errs = append(errs, &InputError{Path: path, Err: errors.New("no web address in this list")})
	}
	return urls, errs
}

// fetchPage is the type of Options.Fetch.
type fetchPage = func(url string) (*fetch.Page, error)
