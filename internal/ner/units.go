package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/doc"
)

var lowerSuffixes = map[string]bool{"led": true, "backed": true, "held": true, "based": true, "linked": true, "born": true, "owned": true,
	"run": true, "controlled": true, "allied": true, "sponsored": true, "made": true, "style": true, "era": true, "bound": true, "brokered": true,
	"funded": true, "aligned": true, "affiliated": true, "friendly": true, "dominated": true, "inspired": true, "supported": true, "occupied": true, "majority": true, "wide": true}

var lowerPrefixes = map[string]bool{"anti": true, "pro": true, "non": true, "ex": true, "post": true, "pre": true, "mid": true, "pan": true, "all": true}

func isWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (lx *lexicon) buildUnits(d *doc.Doc) []unit {
	units := make([]unit, 0, len(d.Tokens))
	lastSent := -1
	for i, tk := range d.Tokens {
		w := d.Text[tk.Start:tk.End]
		if !isWord(w) {
			continue
		}
		initial := tk.Sentence != lastSent
		lastSent = tk.Sentence
		if d.InCreditKind(tk.Span, "photo", "source") {
			continue
		}
		start, end := tk.Start, tk.End
		poss := false
		for _, suf := range []string{"'s", "’s", "'", "’"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
				w = w[:len(w)-len(suf)]
				end -= len(suf)
				poss = true
				break
			}
		}
		mk := func(s, e int, split bool) unit {
			txt := d.Text[s:e]
			u := unit{Span: doc.Span{Start: s, End: e}, text: txt, tok: i, sent: tk.Sentence, initial: initial, split: split}
			u.cap = isCap(txt)
			u.allCaps = isAllCaps(txt)
			// "al-Assad": a particle joined to a capitalised name.
			if !u.cap {
				if j := strings.IndexByte(txt, '-'); j > 0 && lx.particles[strings.ToLower(txt[:j])] && isCap(txt[j+1:]) {
					u.cap = true
				}
			}
			return u
		}
		if strings.Contains(w, "-") {
			pieces := strings.Split(w, "-")
			// anti-Assad, pro-Kremlin
			if len(pieces) >= 2 && lowerPrefixes[strings.ToLower(pieces[0])] && !isCap(pieces[0]) && isCap(pieces[1]) {
				off := start + len(pieces[0]) + 1
				units = append(units, mk(off, end, true))
				units[len(units)-1].initial = false
				units[len(units)-1].possessive = poss
				continue
			}
			// U.S.-led, al-Qaeda-linked, Iran-backed
			last := len(pieces) - 1
			for last > 0 && (lowerSuffixes[strings.ToLower(pieces[last])] || !isCap(pieces[last]) && !lx.particles[strings.ToLower(pieces[last-1])]) {
				last--
			}
			if last < len(pieces)-1 {
				if last == 0 && !isCap(pieces[0]) {
					continue // "opposition-held": no name here
				}
				e := start + len(strings.Join(pieces[:last+1], "-"))
				u := mk(start, e, true)
				units = append(units, u)
				continue
			}
			// US-Russian, U.S.-Russia: each piece a known place or people.
			allKnown := len(pieces) > 1
			for _, p := range pieces {
				if _, ok := lx.gazLookup(p); !ok || !isCap(p) {
					allKnown = false
					break
				}
			}
			if allKnown {
				off := start
				for k, p := range pieces {
					u := mk(off, off+len(p), true)
					if k > 0 {
						u.initial = false
					}
					if k == len(pieces)-1 {
						u.possessive = poss
					}
					units = append(units, u)
					off += len(p) + 1
				}
				continue
			}
		}
		u := mk(start, end, false)
		u.possessive = poss
		units = append(units, u)
	}
	return units
}

// adjacent reports whether units a and b (b after a) may belong to one name.
func (t *tagger) adjacent(a, b unit) bool {
	if a.sent != b.sent || a.possessive || a.split || b.split && b.tok != a.tok+1 {
		return false
	}
	if b.tok != a.tok+1 {
		return false
	}
	// No characters other than spaces between them.
	return strings.TrimSpace(t.d.Text[a.End:b.Start]) == ""
}
