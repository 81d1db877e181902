package entity

import (
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/model"
	"github.com/storyline-news/storyline/internal/segment"
)

func analyse(texts ...string) []*doc.Doc {
	var docs []*doc.Doc
	for i, t := range texts {
		d := ingest.FromText(string(rune('a'+i)), t)
		segment.Run(d)
		testEntities.Run(d)
		docs = append(docs, d)
	}
	return docs
}

func entityOf(t *testing.T, es []model.Entity, name string) model.Entity {
	t.Helper()
	if e := find(es, name); e != nil {
		return *e
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Type+":"+e.Name)
	}
	t.Fatalf("no entity %q in %v", name, names)
	return model.Entity{}
}

// Resolution rules on sentences written for the test.
func TestResolutionOnText(t *testing.T) {
	docs := analyse(
		"Talks resume in Vienna\n\nForeign Minister Sergei Lavrov met the envoy in Vienna on Monday. Lavrov said the talks were useful.\n\nThe High Negotiations Committee (HNC) walked out, and the HNC said it would return.",
		"Lavrov warns rebels\n\nRussian Foreign Minister Sergey Lavrov said on Tuesday that the Islamic State in Iraq and Syria (ISIS) was losing ground.\n\nThe UN said the U.S. would send aid. Washington and the United Nations agreed.",
		"Assad family rule\n\nBashar al-Assad succeeded his father Hafiz al Assad in 2000. Bashar al Assad has ruled since then, and Assad rejects the talks.",
	)
	res := Resolve(docs)
	es := res.Entities
	lav := entityOf(t, es, "Sergei Lavrov")
	for _, n := range []string{"Sergey Lavrov", "Lavrov"} {
		if e := entityOf(t, es, n); e.ID != lav.ID {
			t.Errorf("%q is not the same entity as Sergei Lavrov", n)
		}
	}
	if lav.Type != string(doc.TypePerson) || len(lav.Descriptions) == 0 {
		t.Errorf("Lavrov: %+v", lav)
	}
	if hnc := entityOf(t, es, "HNC"); hnc.ID != entityOf(t, es, "High Negotiations Committee").ID || hnc.Name != "High Negotiations Committee" {
		t.Errorf("acronym defined in the text not merged: %+v", hnc)
	}
	isis := entityOf(t, es, "ISIS")
	if isis.Name != "Islamic State" || isis.Type != string(doc.TypeOrg) {
		t.Errorf("ISIS: %+v", isis)
	}
	if un := entityOf(t, es, "UN"); un.ID != entityOf(t, es, "United Nations").ID {
		t.Error("UN and United Nations are two entities")
	}
	if us := entityOf(t, es, "U.S."); us.Name != "United States" {
		t.Errorf("U.S.: %+v", us)
	}
	bashar := entityOf(t, es, "Bashar al-Assad")
	if entityOf(t, es, "Bashar al Assad").ID != bashar.ID || entityOf(t, es, "Assad").ID != bashar.ID {
		t.Error("spellings of Bashar al-Assad not merged")
	}
	if entityOf(t, es, "Hafiz al Assad").ID == bashar.ID {
		t.Error("father and son merged")
	}
	if bashar.Name != "Bashar al Assad" && bashar.Name != "Bashar al-Assad" {
		t.Errorf("canonical name %q is not the fullest form", bashar.Name)
	}
}

// A bare surname from an article that never names the person in full is
// not attached to one of two namesakes.
func TestSurnameAloneStaysApartWhenAmbiguous(t *testing.T) {
	docs := analyse(
		"Budget vote\n\nFinance Minister Anna Kowalczyk presented the budget on Monday.",
		"Football\n\nStriker Piotr Kowalczyk scored twice on Sunday.",
		"Reaction\n\nKowalczyk said on Tuesday that the plan would pass.",
	)
	es := Resolve(docs).Entities
	anna, piotr := entityOf(t, es, "Anna Kowalczyk"), entityOf(t, es, "Piotr Kowalczyk")
	if anna.ID == piotr.ID {
		t.Fatal("two people with one surname merged")
	}
	for _, e := range es {
		if e.Name == "Kowalczyk" && (e.ID == anna.ID || e.ID == piotr.ID) {
			t.Error("ambiguous surname attached to one of the namesakes")
		}
	}
}
