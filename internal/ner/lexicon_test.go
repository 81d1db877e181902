package ner

import (
	"strings"
	"testing"
)

// appendNorm is the allocation-free normKey of the tagger's hot path: it
// must give the same form as the plain rune loop for any input.
func TestAppendNormMatchesRuneLoop(t *testing.T) {
	slow := func(s string) string {
		var b strings.Builder
		space := false
		for _, r := range strings.ToLower(s) {
			switch r {
			case '.', '’', '\'':
				continue
			case '-', ' ', '\t', '\n':
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
		return b.String()
	}
	for _, s := range []string{"", "New York", "U.S.", "al-Assad", "Côte d’Ivoire", "-Foo- Bar", "ÉCOLE Normale",
		"O'Brien", "A  B\tc\nD", "Bosnia-Herzegovina", "x-Ünïcode-y", "İstanbul", "..."} {
		if got, want := string(appendNorm([]byte("pre "), s)), "pre "+slow(s); got != want {
			t.Errorf("appendNorm(%q) = %q, want %q", s, got, want)
		}
	}
}
