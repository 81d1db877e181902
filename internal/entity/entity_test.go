package entity

import (
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/model"
)

func mdoc(id string, ms ...doc.Mention) *doc.Doc {
	return &doc.Doc{ID: id, Mentions: ms}
}

func m(text string, typ doc.EntityType, key, desc string) doc.Mention {
	return doc.Mention{Text: text, Type: typ, Key: key, Description: desc}
}

func find(es []model.Entity, name string) *model.Entity {
	for i := range es {
		if es[i].Name == name {
			return &es[i]
		}
		for _, a := range es[i].Aliases {
			if a == name {
				return &es[i]
			}
		}
	}
	return nil
}

func TestResolveAcrossSpellings(t *testing.T) {
	docs := []*doc.Doc{
		mdoc("a", m("Sergei Lavrov", doc.TypePerson, "Sergei Lavrov", "Russian Foreign Minister"), m("Bashar al Assad", doc.TypePerson, "Bashar al Assad", ""),
			m("Hafiz al Assad", doc.TypePerson, "Hafiz al Assad", ""), m("Assad", doc.TypePerson, "Bashar al Assad", ""), m("High Negotiations Committee", doc.TypeOrg, "High Negotiations Committee", "")),
		mdoc("b", m("Sergey Lavrov", doc.TypePerson, "Sergey Lavrov", ""), m("Bashar al-Assad", doc.TypePerson, "Bashar al-Assad", "Syrian President"),
			m("Assad", doc.TypePerson, "Assad", ""), m("HNC", doc.TypeOrg, "HNC", ""), m("US", doc.TypeGPE, "United States", ""), m("U.S.", doc.TypeGPE, "United States", "")),
		mdoc("c", m("Bashar Assad", doc.TypePerson, "Bashar Assad", ""), m("Lavrov", doc.TypePerson, "Lavrov", "")),
	}
	res := Resolve(docs)
	same := [][]string{{"Sergei Lavrov", "Sergey Lavrov", "Lavrov"}, {"Bashar al Assad", "Bashar al-Assad", "Bashar Assad", "Assad"},
		{"High Negotiations Committee", "HNC"}, {"United States", "US", "U.S."}}
	for _, group := range same {
		first := find(res.Entities, group[0])
		if first == nil {
			t.Fatalf("no entity for %q", group[0])
		}
		for _, n := range group[1:] {
			if e := find(res.Entities, n); e == nil || e.ID != first.ID {
				t.Errorf("%q and %q are not one entity", group[0], n)
			}
		}
	}
	if a, b := find(res.Entities, "Bashar al Assad"), find(res.Entities, "Hafiz al Assad"); a == nil || b == nil || a.ID == b.ID {
		t.Error("Bashar and Hafiz al Assad merged")
	}
	l := find(res.Entities, "Sergei Lavrov")
	if len(l.Descriptions) != 1 || l.Descriptions[0] != "Russian Foreign Minister" || len(l.Mentions) != 3 {
		t.Errorf("Lavrov: %+v", l)
	}
	// Every mention maps to its entity.
	for di, d := range docs {
		for mi := range d.Mentions {
			if res.ByRef[Ref{di, mi}] == "" {
				t.Errorf("mention %d/%d unresolved", di, mi)
			}
		}
	}
}

func TestIDsStable(t *testing.T) {
	docs := []*doc.Doc{mdoc("a", m("John Kerry", doc.TypePerson, "John Kerry", ""), m("Geneva", doc.TypeGPE, "Geneva", ""))}
	a, b := Resolve(docs), Resolve(docs)
	if a.Entities[0].ID != b.Entities[0].ID || find(a.Entities, "John Kerry").ID != "person-john-kerry" {
		t.Errorf("ids: %s %s", a.Entities[0].ID, find(a.Entities, "John Kerry").ID)
	}
}

func TestSamePerson(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{{"Sergei Lavrov", "Sergey Lavrov", true}, {"Bashar al Assad", "Bashar Assad", true}, {"Hafiz al Assad", "Bashar al Assad", false},
		{"John Kerry", "Jane Kerry", false}, {"Kerry", "John Kerry", false}} {
		if got := samePerson(personParts(tt.a), personParts(tt.b)); got != tt.want {
			t.Errorf("samePerson(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
