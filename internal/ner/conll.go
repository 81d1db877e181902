package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one tokenised sentence with BIO tags (B-PER, I-ORG, O …).
type Sentence struct {
	Words []string
	Tags  []string
}

// Document is a run of sentences from one article (CoNLL "-DOCSTART-").
type Document struct {
	Sentences []Sentence
}

// ReadCoNLL reads the CoNLL-2003 format: one token a line ("word POS chunk
// NE"), blank lines between sentences, "-DOCSTART-" between documents. Tags
// in IOB1 (I- at the start of a name) are converted to BIO. Errors name the
// line.
func ReadCoNLL(r io.Reader) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var docs []Document
	var cur Sentence
	line := 0
	flush := func() {
		if len(cur.Words) == 0 {
			return
		}
		cur.Tags = toBIO(cur.Tags)
		if len(docs) == 0 {
			docs = append(docs, Document{})
		}
		docs[len(docs)-1].Sentences = append(docs[len(docs)-1].Sentences, cur)
		cur = Sentence{}
	}
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			flush()
			continue
		}
		f := strings.Fields(l)
		if f[0] == "-DOCSTART-" {
			flush()
			docs = append(docs, Document{})
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want \"word ... tag\", got %q", line, l)
		}
		tag := f[len(f)-1]
		if tag != "O" && !(strings.HasPrefix(tag, "I-") || strings.HasPrefix(tag, "B-")) {
			return nil, fmt.Errorf("line %d: bad tag %q", line, tag)
		}
		cur.Words = append(cur.Words, f[0])
		cur.Tags = append(cur.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	flush()
	// Drop empty documents (a leading -DOCSTART-).
	out := docs[:0]
	for _, d := range docs {
		if len(d.Sentences) > 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

// toBIO converts IOB1 or BIO tags to BIO: a name starts with B-.
func toBIO(tags []string) []string {
	out := make([]string, len(tags))
	prev := "O"
	for i, t := range tags {
		if strings.HasPrefix(t, "I-") {
			typ := t[2:]
			if prev == "O" || prev[2:] != typ {
				t = "B-" + typ
			}
		}
		out[i] = t
		prev = t
	}
	return out
}

// conllType is one of CoNLL-2003's four name types, as the trained tagger
// gives them. It is not a mention type: mapType refines it into one.
type conllType string

const (
	conllPer  conllType = "PER"
	conllOrg  conllType = "ORG"
	conllLoc  conllType = "LOC"
	conllMisc conllType = "MISC"
)

// Span is a typed name over token indexes [Start, End).
type Span struct {
	Start, End int
	Type       string
}

// Spans returns the names of a BIO tag sequence.
func Spans(tags []string) []Span {
	var out []Span
	for i := 0; i < len(tags); i++ {
		if !strings.HasPrefix(tags[i], "B-") {
			continue
		}
		typ := tags[i][2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ {
			j++
		}
		out = append(out, Span{i, j, typ})
		i = j - 1
	}
	return out
}
