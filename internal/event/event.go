// Package event codes who-did-what-to-whom events in sentences with CAMEO
// codes: a verb (or verb phrase) from a small dictionary gives the code,
// the nearest actor before it and the nearest target after it.
package event

import (
	"sort"
	"strings"

	"github.com/storyline-news/storyline/internal/doc"
)

// verb is one dictionary entry.
type verb struct {
	code, label string
}

// Labels of the CAMEO root codes.
var Labels = map[string]string{
	"01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult", "05": "engage in diplomatic cooperation",
	"06": "engage in material cooperation", "07": "provide aid", "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove",
	"12": "reject", "13": "threaten", "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
	"19": "fight", "20": "use unconventional mass violence",
}

// verbs maps lower-case verb forms to codes. Finer codes where the verb is
// unambiguous.
var verbs = map[string]verb{}

func init() {
	add := func(code, label string, forms ...string) {
		for _, f := range forms {
			verbs[f] = verb{code, label}
		}
	}
	add("020", "make an appeal or request", "appealed", "appeals", "urged", "urges", "urging", "called for", "calls for", "asked for", "pleaded")
	add("030", "express intent to cooperate", "pledged", "pledges", "promised", "promises", "vowed", "offered", "offers")
	add("036", "express intent to meet or negotiate", "proposed talks", "offered talks")
	add("040", "consult", "met", "meets", "meeting", "talks", "held talks", "consulted", "discussed", "discusses", "negotiated", "negotiating", "spoke with")
	add("042", "make a visit", "visited", "visits", "arrived in", "travelled to", "traveled to")
	add("043", "host a visit", "hosted", "hosts", "welcomed")
	add("046", "engage in negotiation", "brokered", "mediate", "mediated", "negotiations")
	add("051", "praise or endorse", "praised", "praises", "endorsed", "welcomed the")
	add("057", "sign formal agreement", "signed", "signs")
	add("061", "cooperate economically", "traded")
	add("070", "provide aid", "delivered aid", "provided aid", "sent aid")
	add("081", "ease administrative sanctions", "lifted sanctions", "eased sanctions")
	add("086", "allow humanitarian access", "allowed aid")
	add("087", "de-escalate military engagement", "ceasefire", "truce", "withdrew troops", "cessation of hostilities")
	add("090", "investigate", "investigated", "investigates", "investigating", "probed")
	add("100", "demand", "demanded", "demands", "insisted")
	add("111", "criticize or denounce", "criticized", "criticised", "criticizing", "criticising", "denounced", "condemned", "condemns", "condemnation", "mocking", "blamed")
	add("112", "accuse", "accused", "accuses", "accusing")
	add("120", "reject", "rejected", "rejects", "refused", "refuses", "dismissed")
	add("130", "threaten", "threatened", "threatens", "warned")
	add("140", "engage in political dissent", "protested", "protests", "demonstrated", "rallied")
	add("150", "demonstrate military or police power", "deployed", "deploys", "mobilized", "mobilised", "send troops", "sent troops")
	add("160", "reduce relations", "withdrew from", "suspended", "end bilateral", "cut ties", "excluded", "broke off")
	add("163", "impose embargo, boycott, or sanctions", "sanctions on", "imposed sanctions", "embargo")
	add("173", "arrest, detain", "arrested", "detained", "arrests")
	add("181", "abduct, hijack, take hostage", "kidnapped", "abducted")
	add("183", "conduct suicide, car, or other non-military bombing", "bombing", "bombed", "suicide bombing")
	add("190", "use conventional military force", "attacked", "attacks", "fighting", "fought", "clashes", "clashed", "offensive", "shelling", "shelled", "fired", "struck", "hit", "launched")
	add("195", "employ aerial weapons", "air strikes", "airstrikes", "air strike", "airstrike", "bombardments", "bombardment", "bombarded", "air raids")
	add("200", "use unconventional mass violence", "massacre", "massacred")
}

// genericActors stand for actors with no name.
var genericActors = map[string]bool{"regime": true, "rebels": true, "opposition": true, "forces": true, "government": true, "army": true,
	"militants": true, "troops": true, "civilians": true, "police": true, "protesters": true, "fighters": true, "coalition": true, "militia": true,
	"ministers": true, "officials": true, "soldiers": true, "leaders": true, "delegates": true, "negotiators": true}

// Run codes the events of d. It needs tokens, mentions and times.
func Run(d *doc.Doc) {
	d.Events = d.Events[:0]
	direct := directQuotes(d)
	for si, s := range d.Sentences {
		if d.InCreditKind(s, "source", "photo") {
			continue
		}
		toks := d.TokensIn(s)
		seen := map[string]bool{}
		for k := 0; k < len(toks); k++ {
			// What someone says they will do is their statement, not the
			// event: no coding inside a direct quote.
			if direct.Overlaps(doc.Span{Start: toks[k].Start, End: toks[k].Start + 1}) {
				continue
			}
			var v verb
			var vs, ve int
			found := false
			// Two-word forms first.
			if k+1 < len(toks) {
				two := strings.ToLower(d.Text[toks[k].Start:toks[k+1].End])
				two = strings.Join(strings.Fields(two), " ")
				if x, ok := verbs[two]; ok {
					v, vs, ve, found = x, k, k+2, true
				}
			}
			if !found {
				if x, ok := verbs[strings.ToLower(d.Text[toks[k].Start:toks[k].End])]; ok {
					v, vs, ve, found = x, k, k+1, true
				}
			}
			if !found || seen[v.code] {
				continue
			}
			seen[v.code] = true
			e := doc.Event{Span: s, Code: v.code, Label: v.label, Verb: d.Text[toks[vs].Start:toks[ve-1].End]}
			e.Actor = actorBefore(d, toks, vs)
			e.Target = targetAfter(d, toks, ve, e.Actor)
			e.Place = placeIn(d, s, e.Actor, e.Target)
			e.Date = dateIn(d, s)
			if e.Actor == "" && e.Target == "" {
				continue
			}
			d.Events = append(d.Events, e)
			k = ve - 1
		}
		_ = si
	}
	sort.SliceStable(d.Events, func(i, j int) bool { return d.Events[i].Start < d.Events[j].Start })
}

func actorBefore(d *doc.Doc, toks []doc.Token, v int) string {
	for k := v - 1; k >= 0 && k >= v-10; k-- {
		t := toks[k]
		if m := d.MentionAt(t.Start); m >= 0 {
			mm := d.Mentions[m]
			// "Syrian regime forces": a people adjective followed by a generic actor.
			if mm.Type == "NORP" && k+1 < v {
				nw := strings.ToLower(d.Text[toks[k+1].Start:toks[k+1].End])
				if genericActors[nw] {
					return d.Text[t.Start:toks[k+1].End]
				}
			}
			return mm.Key
		}
		w := strings.ToLower(d.Text[t.Start:t.End])
		if genericActors[w] {
			// Include modifiers: "Syrian regime forces", "rebel fighters".
			start := k
			for start > 0 && start > k-3 {
				pw := strings.ToLower(d.Text[toks[start-1].Start:toks[start-1].End])
				m := d.MentionAt(toks[start-1].Start)
				if genericActors[pw] || m >= 0 && (d.Mentions[m].Type == "NORP" || d.Mentions[m].Type == "GPE") {
					start--
					continue
				}
				break
			}
			return d.Text[toks[start].Start:t.End]
		}
		if w == ";" || w == "\"" || w == "“" || w == "”" {
			break
		}
	}
	return ""
}

// directQuotes is the union of the document's direct quotes.
func directQuotes(d *doc.Doc) doc.Cover {
	var spans []doc.Span
	for _, q := range d.Quotes {
		if q.Direct {
			spans = append(spans, q.Span)
		}
	}
	return doc.CoverOf(spans)
}

func targetAfter(d *doc.Doc, toks []doc.Token, v int, actor string) string {
	for k := v; k < len(toks) && k < v+8; k++ {
		t := toks[k]
		if m := d.MentionAt(t.Start); m >= 0 {
			key := d.Mentions[m].Key
			if key == actor || d.Mentions[m].Type == "NORP" {
				continue
			}
			// "met in Lisbon": a place, not whom they met.
			if k > v {
				pw := strings.ToLower(d.Text[toks[k-1].Start:toks[k-1].End])
				if pw == "in" || pw == "at" || pw == "near" || pw == "from" {
					for k+1 < len(toks) && d.MentionAt(toks[k+1].Start) == m {
						k++
					}
					continue
				}
			}
			return key
		}
		w := strings.ToLower(d.Text[t.Start:t.End])
		if genericActors[w] || w == "hospital" || w == "hospitals" || w == "school" || w == "civilians" {
			return w
		}
		if w == "," || w == ";" {
			break
		}
	}
	return ""
}

func placeIn(d *doc.Doc, s doc.Span, actor, target string) string {
	for _, m := range d.Mentions {
		if !s.Contains(m.Span) || (m.Type != "GPE" && m.Type != "LOC" && m.Type != "FAC") {
			continue
		}
		pre := strings.ToLower(d.Text[max(s.Start, m.Start-4):m.Start])
		if strings.HasSuffix(pre, "in ") || strings.HasSuffix(pre, "at ") || strings.HasSuffix(pre, "of ") {
			if m.Key != actor && m.Key != target {
				return m.Key
			}
		}
	}
	return ""
}

func dateIn(d *doc.Doc, s doc.Span) string {
	for _, t := range d.Times {
		if s.Contains(t.Span) && t.Type == "DATE" && len(t.Value) >= 4 && t.Value[0] >= '0' && t.Value[0] <= '9' {
			return t.Value
		}
	}
	return d.Date()
}
