package eval

import (
	"strings"
	"testing"
)

const records = `<Validation><Sentences>
<Sentence date="19950101" id="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore full diplomatic
ties with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="19950102" id="T-2" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened in Bree.</Text>
</Sentence>
<Sentence date="19950103" id="T-3" category="ERROR" sentence="true">
<EventCoding error="bad_input_parse"></EventCoding>
<Text>Broken.</Text>
</Sentence>
</Sentences></Validation>`

func TestReadPetrarch(t *testing.T) {
	rs, err := ReadPetrarch(strings.NewReader(records))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d records", len(rs))
	}
	if rs[0].Text != "Arnor is about to restore full diplomatic ties with Gondor." || len(rs[0].Events) != 1 || rs[0].Events[0] != (CodedEvent{"ARN", "GON", "064"}) {
		t.Errorf("record 1: %+v", rs[0])
	}
	if !rs[1].NoEvents || rs[2].Error == "" {
		t.Errorf("no-event and error records: %+v %+v", rs[1], rs[2])
	}
	if _, err := ReadPetrarch(strings.NewReader("<Validation></Validation>")); err == nil {
		t.Error("no records: no error")
	}
}

const actors = `<!-- test -->
ARGENTIN  [ARG]
ARNOR_  [ARN]
AUSTRALIA [AUS]
+AUSTRALIAN
GOLLUM  # pas
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
HAMAS [PSEREBHMS]
HAMAS_MILITARY_COMMAND [PSEHMSGOV]
BOROMIR  [---]
`

func TestActorDict(t *testing.T) {
	d, err := ReadActorDict(strings.NewReader(actors))
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"The Argentine navy":             "ARG", // a stem matches the words it begins
		"Arnorian troops":                "",    // a trailing underscore asks for the whole word
		"Arnor's troops":                 "ARN",
		"Australian officials":           "AUS", // synonym
		"Smeagol fled":                   "HOB", // synonyms before a dated code
		"The Hamas military command met": "PSEHMSGOV",
		"Hamas said":                     "PSEREBHMS",
		"Boromir left":                   "", // "---": no code
	} {
		if got := d.Find(text); got != want {
			t.Errorf("Find(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestScoreEvents(t *testing.T) {
	gold := []CodedEvent{{"ARN", "GON", "064"}, {"GON", "ARN", "033"}}
	sys := []CodedEvent{{"ARN", "GON", "061"}, {"GON", "ARN", "033"}, {"BRE", "ARN", "033"}}
	s := ScoreEvents(gold, sys, false)
	if s.Full != 1 || s.Root != 2 || s.Actors != 2 || s.CodeOnly != 1 || s.System != 3 || s.Gold != 2 {
		t.Errorf("%+v", s)
	}
	if s := ScoreEvents(nil, nil, true); s.NoEventGold != 1 || s.NoEventRight != 1 {
		t.Errorf("no-event sentence: %+v", s)
	}
}
