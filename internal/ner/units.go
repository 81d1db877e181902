package ner

import (
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/segment"
)

var lowerSuffixes = map[string]bool{"led": true, "backed": true, "held": true, "based": true, "linked": true, "born": true, "owned": true,
	"run": true, "controlled": true, "allied": true, "sponsored": true, "made": true, "style": true, "era": true, "bound": true, "brokered": true,
	"funded": true, "aligned": true, "affiliated": true, "friendly": true, "dominated": true, "inspired": true, "supported": true, "occupied": true, "majority": true, "wide": true}

var lowerPrefixes = map[string]bool{"anti": true, "pro": true, "non": true, "ex": true, "post": true, "pre": true, "mid": true, "pan": true, "all": true}

// buildUnits makes the units of d's words, leaving out photo and source
// credits.
func (lx *lexicon) buildUnits(d *doc.Doc) []unit {
	units := make([]unit, 0, len(d.Tokens))
	lastSent := -1
	for i, tk := range d.Tokens {
		if !tk.Is(doc.Word) {
			continue
		}
		initial := tk.Sentence != lastSent
		lastSent = tk.Sentence
		if d.InCreditKind(tk.Span, "photo", "source") {
			continue
		}
		b := tokenUnits{lx: lx, d: d, tok: i, tk: tk, initial: initial, end: tk.End - int(tk.Poss)}
		if tk.Is(doc.Hyphenated) {
			var split bool
			if units, split = b.hyphenated(units); split {
				continue
			}
		}
		units = append(units, b.whole())
	}
	return units
}

// tokenUnits makes the units of one token: the word without its
// possessive ending (which segmentation measured), or pieces of it.
type tokenUnits struct {
	lx      *lexicon
	d       *doc.Doc
	tok     int
	tk      doc.Token
	initial bool
	end     int // where the word ends, before its possessive ending
}

// whole is the word as one unit; the token's flags describe it.
func (b tokenUnits) whole() unit {
	txt := b.d.Text[b.tk.Start:b.end]
	return unit{Span: doc.Span{Start: b.tk.Start, End: b.end}, text: txt, lower: b.tk.Lower[:len(b.tk.Lower)-int(b.tk.Poss)],
		tok: b.tok, sent: b.tk.Sentence, initial: b.initial, possessive: b.tk.Poss > 0,
		cap: b.tk.Is(doc.Cap) || b.lx.particleJoined(txt), allCaps: b.tk.Is(doc.AllCaps)}
}

// piece is the part [s, e) of a hyphenated word as a unit of its own.
func (b tokenUnits) piece(s, e int) unit {
	txt := b.d.Text[s:e]
	return unit{Span: doc.Span{Start: s, End: e}, text: txt, lower: strings.ToLower(txt),
		tok: b.tok, sent: b.tk.Sentence, initial: b.initial, split: true,
		cap: isCap(txt) || b.lx.particleJoined(txt), allCaps: segment.AllCaps(txt)}
}

// particleJoined: "al-Assad", a particle joined to a capitalised name.
func (lx *lexicon) particleJoined(txt string) bool {
	j := strings.IndexByte(txt, '-')
	return j > 0 && lx.particles[strings.ToLower(txt[:j])] && isCap(txt[j+1:])
}

// hyphenated appends the names inside a hyphenated word: "Assad" of
// "anti-Assad", "U.S." of "U.S.-led", "US" and "Russian" of
// "US-Russian", none of "opposition-held". It reports false, appending
// nothing, for a word that stays one unit ("al-Assad", "Jean-Claude").
func (b tokenUnits) hyphenated(units []unit) ([]unit, bool) {
	pieces := strings.Split(b.d.Text[b.tk.Start:b.end], "-")
	start := b.tk.Start
	// anti-Assad, pro-Kremlin
	if len(pieces) >= 2 && lowerPrefixes[strings.ToLower(pieces[0])] && !isCap(pieces[0]) && isCap(pieces[1]) {
		u := b.piece(start+len(pieces[0])+1, b.end)
		u.initial, u.possessive = false, b.tk.Poss > 0
		return append(units, u), true
	}
	// U.S.-led, al-Qaeda-linked, Iran-backed
	if last := b.lx.nameEnd(pieces); last < len(pieces)-1 {
		if last == 0 && !isCap(pieces[0]) {
			return units, true // "opposition-held": no name here
		}
		return append(units, b.piece(start, start+len(strings.Join(pieces[:last+1], "-")))), true
	}
	// US-Russian, U.S.-Russia: each piece a known place or people.
	if !b.lx.allKnown(pieces) {
		return units, false
	}
	for k, p := range pieces {
		u := b.piece(start, start+len(p))
		u.initial = u.initial && k == 0
		u.possessive = k == len(pieces)-1 && b.tk.Poss > 0
		units = append(units, u)
		start += len(p) + 1
	}
	return units, true
}

// nameEnd is the last piece of a name before lower-case pieces that
// describe it ("-led", "-linked"); a piece after a particle stays
// ("al-Qaeda").
func (lx *lexicon) nameEnd(pieces []string) int {
	last := len(pieces) - 1
	for last > 0 && (lowerSuffixes[strings.ToLower(pieces[last])] || !isCap(pieces[last]) && !lx.particles[strings.ToLower(pieces[last-1])]) {
		last--
	}
	return last
}

// allKnown: more than one piece, each a capitalised gazetteer name.
func (lx *lexicon) allKnown(pieces []string) bool {
	if len(pieces) < 2 {
		return false
	}
	for _, p := range pieces {
		if _, ok := lx.gazLookup(p); !ok || !isCap(p) {
			return false
		}
	}
	return true
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
