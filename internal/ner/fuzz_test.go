package ner

import (
	"strings"
	"testing"
)

// FuzzReadCoNLL: any file gives sentences with one tag per token or an
// error, never a panic.
func FuzzReadCoNLL(f *testing.F) {
	f.Add("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\n")
	f.Add("word\n\n\n")
	f.Add("a b c\nd e f g h\n")
	f.Fuzz(func(t *testing.T, s string) {
		docs, err := ReadCoNLL(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, sent := range d.Sentences {
				if len(sent.Words) != len(sent.Tags) {
					t.Fatalf("%d words, %d tags", len(sent.Words), len(sent.Tags))
				}
			}
		}
	})
}
