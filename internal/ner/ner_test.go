package ner

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/segment"
)

func tag(text string) *doc.Doc {
	d := ingest.FromText("t", text)
	segment.Run(d)
	testRecognizer.Run(d)
	return d
}

func mentions(d *doc.Doc) []string {
	var out []string
	for _, m := range d.Mentions {
		s := string(m.Type) + ":" + m.Text
		if m.Description != "" {
			s += "[" + m.Description + "]"
		}
		out = append(out, s)
	}
	return out
}

func has(ms []string, want string) bool {
	for _, m := range ms {
		if m == want {
			return true
		}
	}
	return false
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    []string
		wantNot []string
	}{
		{"title before name", "He met Russian Foreign Minister Sergei Lavrov in Moscow.",
			[]string{"PERSON:Sergei Lavrov[Russian Foreign Minister]", "GPE:Moscow", "NORP:Russian"}, []string{"PERSON:Russian Foreign Minister Sergei Lavrov"}},
		{"title with complement", "U.S. Secretary of State John Kerry said talks would go on.",
			[]string{"PERSON:John Kerry[U.S. Secretary of State]", "GPE:U.S."}, nil},
		{"lower-case title", "She called UN special envoy Staffan de Mistura on Monday.",
			[]string{"PERSON:Staffan de Mistura[UN special envoy]", "ORG:UN"}, nil},
		{"apposition after", "Vitaly Churkin, Russia's UN ambassador, said the talks were useful.",
			[]string{"PERSON:Vitaly Churkin[Russia's UN ambassador]"}, nil},
		{"apposition before", "Turkey's president, Recep Tayyip Erdogan, said he had a plan.",
			[]string{"PERSON:Recep Tayyip Erdogan[Turkey's president]", "GPE:Turkey"}, nil},
		{"sentence-initial common words", "Reports on Tuesday said a hospital was hit. Despite this, talks went on. Days of strikes followed. Expressing concern, Ana Ruiz left.",
			[]string{"PERSON:Ana Ruiz"}, []string{"MISC:Reports", "PERSON:Reports", "MISC:Despite", "MISC:Days", "MISC:Expressing", "PERSON:Tuesday"}},
		{"weekdays and months are not entities", "On Thursday, April 28, the Saturday meeting was cancelled by Mary Clark.",
			[]string{"PERSON:Mary Clark"}, []string{"PERSON:Thursday", "MISC:Saturday", "MISC:April"}},
		{"possessive and surname link", "Angela Okafor arrived. Okafor's plan was praised.",
			[]string{"PERSON:Angela Okafor", "PERSON:Okafor"}, nil},
		{"hyphenated compounds", "U.S.-backed rebels fought al-Qaeda-linked militants and Iran-backed groups.",
			[]string{"GPE:U.S.", "ORG:al-Qaeda", "GPE:Iran"}, nil},
		{"organisation head words", "The Syrian Observatory for Human Rights and the Aleppo Media Center counted the dead.",
			[]string{"ORG:Syrian Observatory for Human Rights", "ORG:Aleppo Media Center"}, []string{"ORG:The Syrian Observatory for Human Rights"}},
		{"acronym defined", "The High Negotiations Committee (HNC) withdrew. The HNC said it would return.",
			[]string{"ORG:High Negotiations Committee", "ORG:HNC"}, nil},
		{"credits are not entities", "A boy in Aleppo. (Jean-Christophe Bott/Reuters)\n\nSource: TRTWorld and agencies",
			[]string{"GPE:Aleppo"}, []string{"PERSON:Jean-Christophe Bott", "MISC:Source", "ORG:Reuters", "MISC:TRTWorld"}},
		{"particles in names", "Bashar al Assad and his father Hafiz al Assad ruled. Later de Mistura spoke.",
			[]string{"PERSON:Bashar al Assad", "PERSON:Hafiz al Assad"}, nil},
		{"event names", "Storm Edda flooded the coast after World War II memorials were moved.",
			[]string{"EVENT:Storm Edda", "EVENT:World War II"}, []string{"PERSON:Storm Edda"}},
		{"demonyms", "Syrian and Russian jets struck; Syrians fled.",
			[]string{"NORP:Syrian", "NORP:Russian", "NORP:Syrians"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := mentions(tag(tt.text))
			for _, w := range tt.want {
				if !has(ms, w) {
					t.Errorf("missing %s in %q", w, ms)
				}
			}
			for _, w := range tt.wantNot {
				if has(ms, w) {
					t.Errorf("unexpected %s in %q", w, ms)
				}
			}
		})
	}
}

func TestKeysGroupMentions(t *testing.T) {
	d := tag("Staffan de Mistura arrived. \"We hope,\" De Mistura said. Later de Mistura left. Sergei Lavrov met him; Lavrov smiled.")
	keys := map[string]string{}
	for _, m := range d.Mentions {
		keys[m.Text] = m.Key
	}
	for surface, want := range map[string]string{"De Mistura": "Staffan de Mistura", "de Mistura": "Staffan de Mistura", "Lavrov": "Sergei Lavrov"} {
		if keys[surface] != want {
			t.Errorf("key of %q = %q, want %q (all %v)", surface, keys[surface], want, keys)
		}
	}
}

func TestCountryAliases(t *testing.T) {
	lx := sharedLexicon()
	for _, w := range []string{"US", "U.S.", "United States", "America"} {
		e, ok := lx.gazLookup(w)
		if !ok || e.Type != doc.TypeGPE || e.Canonical != "United States" {
			t.Errorf("gazLookup(%q) = %s %s %v", w, e.Type, e.Canonical, ok)
		}
	}
	if _, ok := lx.gazLookup("May"); ok {
		t.Error("May must not be a place")
	}
}

func TestMentionsAreTextSpans(t *testing.T) {
	d := tag("Recep Tayyip Erdogan told Vladimir Putin's aides in Ankara about the U.S.-Russian plan.")
	for _, m := range d.Mentions {
		if d.Text[m.Start:m.End] != m.Text {
			t.Errorf("mention %q does not match text %q", m.Text, d.Text[m.Start:m.End])
		}
	}
	if got := fmt.Sprint(mentions(d)); !strings.Contains(got, "PERSON:Vladimir Putin") || !strings.Contains(got, "NORP:Russian") {
		t.Errorf("mentions %s", got)
	}
}

func BenchmarkNER(b *testing.B) {
	var b0 strings.Builder
	for i := 0; i < 40; i++ {
		// Distinct paragraphs: repeated ones would be removed as duplicates.
		fmt.Fprintf(&b0, "US Secretary of State John Kerry said on Sunday he hoped to make progress in talks %d in Geneva with Russian Foreign Minister Sergei Lavrov. The Syrian Observatory for Human Rights said 279 civilians were killed in Aleppo.\n\n", i)
	}
	d := ingest.FromText("b", b0.String())
	segment.Run(d)
	testRecognizer.Run(d)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		testRecognizer.Run(d)
	}
	b.ReportMetric(float64(len(d.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func TestOneLabelPerName(t *testing.T) {
	ms := []doc.Mention{{Key: "Jordan", Type: doc.TypeGPE}, {Key: "Jordan", Type: doc.TypePerson}, {Key: "Jordan", Type: doc.TypeGPE}, {Key: "Amman", Type: doc.TypeGPE}}
	oneLabelPerName(ms)
	for _, m := range ms {
		if m.Type != doc.TypeGPE {
			t.Errorf("%s stayed %s", m.Key, m.Type)
		}
	}
}
