package quote

import (
	"fmt"
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/segment"
)

// quoteCase is a text and the quotes found in it, by the rules alone and
// by the rules merged with the tagger, each written by describe.
type quoteCase struct {
	name, text string
	rules, all []string
}

// quoteCases pin the behaviour of each rule (quotation marks, speakers
// before and after the verb, pronouns, nominals, reported speech) and of
// the tagger's source resolution as it is.
var quoteCases = []quoteCase{
	{"single quotes", "The truce is 'barely alive now' said Staffan de Mistura.",
		[]string{
			"barely alive now | Staffan de Mistura | Staffan de Mistura | said | direct",
		},
		[]string{
			"The truce is 'barely alive now | Staffan de Mistura | Staffan de Mistura | said | reported",
			"barely alive now | Staffan de Mistura | Staffan de Mistura | said | direct",
		},
	},
	{"an apostrophe inside a word opens nothing", "The mayor's 'new plan' was rejected, Maria Lopez said.",
		[]string{
			"new plan | Maria Lopez | Maria Lopez | said | direct",
		},
		[]string{
			"The mayor's 'new plan' was rejected | Maria Lopez | Maria Lopez | said | reported",
			"new plan | Maria Lopez | Maria Lopez | said | direct",
		},
	},
	{"guillemets", "«We will not give up,» Ana Ruiz said.",
		[]string{
			"We will not give up | Ana Ruiz | Ana Ruiz | said | direct",
		},
		[]string{
			"We will not give up | Ana Ruiz | Ana Ruiz | said | direct",
		},
	},
	{"trailing comma trimmed", `"We will not give up on the city, ever," the mayor said.`,
		[]string{
			"We will not give up on the city, ever |  |  | said | direct",
		},
		[]string{
			"We will not give up on the city, ever |  | the mayor | said | direct",
		},
	},
	{"multi-paragraph quote", "Ana Ruiz said: \"The first part runs on\n\n\"and the second part closes it.\"",
		[]string{
			"The first part runs on | Ana Ruiz | Ana Ruiz | said | direct",
			"and the second part closes it. | Ana Ruiz | Ana Ruiz |  | direct",
		},
		[]string{
			"The first part runs on | Ana Ruiz | Ana Ruiz | said: | direct",
			"and the second part closes it. | Ana Ruiz | Ana Ruiz |  | direct",
		},
	},
	{"continuation needs the quote to open the paragraph", "\"The hope is we can make progress,\" Kerry said at a meeting. John Kerry arrived.\n\nHe left. \"These are critical hours for everyone.\"",
		[]string{
			"The hope is we can make progress | John Kerry | Kerry | said | direct",
			"These are critical hours for everyone. |  |  |  | direct",
		},
		[]string{
			"The hope is we can make progress | John Kerry | Kerry | said | direct",
			"These are critical hours for everyone. | John Kerry | Kerry |  | direct",
		},
	},
	{"people adjective and generic source", "Syrian officials said the talks would resume in Geneva next month.",
		[]string{
			"the talks would resume in Geneva next month |  | Syrian officials | said | reported",
		},
		[]string{
			"the talks would resume in Geneva next month |  | Syrian officials | said | reported",
		},
	},
	{"people adjective is not the speaker", "Syrian state television said the army had taken the town on Sunday.",
		[]string{
			"the army had taken the town on Sunday |  | Syrian state television | said | reported",
		},
		[]string{
			"the army had taken the town on Sunday |  | Syrian state television | said | reported",
		},
	},
	{"first person names nobody", `"We are ready to talk to everyone," I said.`,
		[]string{
			"We are ready to talk to everyone |  | I | said | direct",
		},
		[]string{
			"We are ready to talk to everyone |  | I | said | direct",
		},
	},
	{"it resolves to an organisation before", "The Syrian Observatory gave new figures on Monday. It said at least 40 people had died in the strikes.",
		[]string{
			"at least 40 people had died in the strikes | Syrian Observatory | It | said | reported",
		},
		[]string{
			"at least 40 people had died in the strikes | Syrian Observatory | It | said | reported",
		},
	},
	{"it after said is who said", "The White House said it hoped the talks would resume soon after the holiday.",
		[]string{
			"it hoped the talks would resume soon after the holiday | White House | White House | said | reported",
		},
		[]string{
			"it hoped the talks would resume soon after the holiday | White House | The White House | said | reported",
		},
	},
	{"nominal subject resolves through a title", "The UN mediator Staffan de Mistura spoke on Monday. The envoy said the talks would resume within a week.",
		[]string{
			"the talks would resume within a week | Staffan de Mistura | The envoy | said | reported",
		},
		[]string{
			"the talks would resume within a week | Staffan de Mistura | The envoy | said | reported",
		},
	},
	{"nominal after an inverted verb", `"The talks are over for now," said the spokesman for the ministry.`,
		[]string{
			"The talks are over for now |  | the spokesman | said | direct",
		},
		[]string{
			"The talks are over for now |  | the spokesman | said | direct",
			"the spokesman for the ministry |  |  | said | reported",
		},
	},
	{"pronoun after an inverted verb, nobody before", `"The talks are over for now," said he.`,
		[]string{
			"The talks are over for now |  | he | said | direct",
		},
		[]string{
			"The talks are over for now |  | he | said | direct",
		},
	},
	{"pronoun after an inverted verb", `John Kerry met the press. "The talks are over for now," said he.`,
		[]string{
			"The talks are over for now | John Kerry | he | said | direct",
		},
		[]string{
			"The talks are over for now | John Kerry | he | said | direct",
		},
	},
	{"told the addressee that", "Maria Lopez told The Associated Press that the city could not wait another winter.",
		[]string{
			"that the city could not wait another winter | Maria Lopez | Maria Lopez | told | reported",
		},
		[]string{
			"that the city could not wait another winter | Maria Lopez | Maria Lopez | told | reported",
		},
	},
	{"told reporters on a day", "Maria Lopez told reporters on Sunday the city could not wait another winter.",
		[]string{
			"city could not wait another winter | Maria Lopez | Maria Lopez | told | reported",
		},
		[]string{
			"the city could not wait another winter | Maria Lopez | Maria Lopez | told | reported",
		},
	},
	{"clause before the source", "The talks will resume next week in Geneva, officials said.",
		[]string{
			"The talks will resume next week in Geneva |  | officials | said | reported",
		},
		[]string{
			"The talks will resume next week in Geneva |  | officials | said | reported",
		},
	},
	{"clause before the source too short", "Talks resume, officials said.",
		nil,
		nil,
	},
	{"reported is no rule cue", "Maria Lopez reported the city could not wait another winter.",
		nil,
		[]string{
			"the city could not wait another winter | Maria Lopez | Maria Lopez | reported | reported",
		},
	},
	{"trailing marks trimmed", `Maria Lopez said the city could not wait another winter!"`,
		[]string{
			"the city could not wait another winter | Maria Lopez | Maria Lopez | said | reported",
		},
		[]string{
			"the city could not wait another winter! | Maria Lopez | Maria Lopez | said | reported",
		},
	},
	{"partial quote after said", "Maria Lopez said the storm was “the worst in decades.”",
		[]string{
			"the worst in decades. | Maria Lopez | Maria Lopez | said | direct",
		},
		[]string{
			"the worst in decades. | Maria Lopez | Maria Lopez | said | direct",
		},
	},
	{"according to a named source", `"We will rebuild," according to the mayor Anna Berg.`,
		[]string{
			"We will rebuild | Anna Berg | the mayor Anna Berg | according to | direct",
		},
		[]string{
			"We will rebuild | Anna Berg | the mayor Anna Berg | according to | direct",
		},
	},
	{"pronoun with no antecedent", "He said the talks would resume soon in Geneva.",
		[]string{
			"the talks would resume soon in Geneva |  | He | said | reported",
		},
		[]string{
			"the talks would resume soon in Geneva |  | He | said | reported",
		},
	},
	{"pronoun resolves to the previous subject", "John Kerry arrived on Monday. He said the talks would resume soon in Geneva.",
		[]string{
			"the talks would resume soon in Geneva | John Kerry | He | said | reported",
		},
		[]string{
			"the talks would resume soon in Geneva | John Kerry | He | said | reported",
		},
	},
	{"credit paragraph skipped", "Photo: Reuters\n\n\"We will rebuild the wall,\" Maria Lopez said.",
		[]string{
			"We will rebuild the wall | Maria Lopez | Maria Lopez | said | direct",
		},
		[]string{
			"We will rebuild the wall | Maria Lopez | Maria Lopez | said | direct",
		},
	},
	{"continuation in the same paragraph only", "\"We will rebuild the wall,\" Maria Lopez said. \"We start tomorrow morning.\"\n\nThe city agreed.\n\n\"It will take a year at least.\"",
		[]string{
			"We will rebuild the wall | Maria Lopez | Maria Lopez | said | direct",
			"We start tomorrow morning. | Maria Lopez | Maria Lopez |  | direct",
			"It will take a year at least. |  |  |  | direct",
		},
		[]string{
			"We will rebuild the wall | Maria Lopez | Maria Lopez | said | direct",
			"We start tomorrow morning. | Maria Lopez | Maria Lopez | said | direct",
			"It will take a year at least. | Maria Lopez | Maria Lopez |  | direct",
		},
	},
	{"apposition with a nominal", "Kerry, the top diplomat, said the talks had failed again this week.",
		[]string{
			"the talks had failed again this week |  | the top diplomat | said | reported",
		},
		[]string{
			"the talks had failed again this week | Kerry | Kerry, the top diplomat | said | reported",
		},
	},
	{"verb inside the sentence", "The plan, said Maria Lopez, was never going to work in this city.",
		[]string{
			"was never going to work in this city | Maria Lopez | Maria Lopez | said | reported",
		},
		[]string{
			"Maria Lopez, was never going to work in this city |  | The plan | said | reported",
		},
	},
	{"relative pronoun after the speaker", `"It is over," the minister, who resigned on Friday, said.`,
		[]string{
			"It is over |  | who | said | direct",
		},
		[]string{
			"It is over |  | the minister, who resigned on Friday | said | direct",
		},
	},
	{"according to with no direct quote", "At least 40 people were injured, according to a senior official in the capital.",
		nil,
		[]string{
			"At least 40 people were injured |  | a senior official in the capital | according to | reported",
		},
	},
	{"generic source after the clause", "More than 40 people died, police said on Tuesday.",
		[]string{
			"More than 40 people died |  | police | said | reported",
		},
		[]string{
			"More than 40 people died |  | police | said | reported",
		},
	},
	{"title then name then relative clause", `"We will win," said Portuguese Economy Minister Rui Matos, who spoke in Lisbon.`,
		[]string{
			"We will win | Rui Matos | Portuguese Economy Minister Rui Matos | said | direct",
		},
		[]string{
			"We will win | Rui Matos | Portuguese Economy Minister Rui Matos, who spoke in Lisbon | said | direct",
		},
	},
	{"said in a statement", "The company said in a statement that profits fell sharply in the third quarter.",
		[]string{
			"in a statement that profits fell sharply in the third quarter |  | The company | said | reported",
		},
		[]string{
			"that profits fell sharply in the third quarter |  | The company | said in a statement | reported",
		},
	},
	{"tagger: pronoun source", "John Kerry arrived on Monday. He told reporters that the talks would resume in Geneva.",
		[]string{
			"that the talks would resume in Geneva | John Kerry | He | told | reported",
		},
		[]string{
			"that the talks would resume in Geneva | John Kerry | He | told | reported",
		},
	},
	{"tagger: it source", "The Syrian Observatory gave new figures on Monday. It reported that at least 40 people had died.",
		nil,
		[]string{
			"that at least 40 people had died | Syrian Observatory | It | reported | reported",
		},
	},
	{"tagger: who source", "The plan was backed by Maria Lopez, who told reporters that the city could not wait.",
		[]string{
			"that the city could not wait | Maria Lopez | who | told | reported",
		},
		[]string{
			"The plan | Maria Lopez | Maria Lopez | was backed | reported",
			"that the city could not wait | Maria Lopez | who | told | reported",
		},
	},
	{"tagger: nominal source", "UN mediator Staffan de Mistura spoke on Monday.\n\nThe top diplomat told reporters that the talks would resume.",
		[]string{
			"that the talks would resume | Staffan de Mistura | The top diplomat | told | reported",
		},
		[]string{
			"that the talks would resume | Staffan de Mistura | The top diplomat | told | reported",
		},
	},
	{"tagger: organisation source", "The Britain-based Syrian Observatory for Human Rights reported that 40 people had died in Aleppo.",
		nil,
		[]string{
			"that 40 people had died in Aleppo | Syrian Observatory for Human Rights | The Britain-based Syrian Observatory for Human Rights | reported | reported",
		},
	},
	{"no cue, no speaker", `Critics called the plan "a step backwards for everyone involved".`,
		[]string{
			"a step backwards for everyone involved |  |  |  | direct",
		},
		[]string{
			"a step backwards for everyone involved |  | Critics | called | direct",
		},
	},
}

// describe writes a quote as "content | speaker | source | cue | kind".
func describe(d *doc.Doc, q doc.Quote) string {
	kind := "reported"
	if q.Direct {
		kind = "direct"
	}
	return fmt.Sprintf("%s | %s | %s | %s | %s", q.Text, q.SpeakerName, d.Text[q.Source.Start:q.Source.End],
		d.Text[q.CueSpan.Start:q.CueSpan.End], kind)
}

// runQuotes analyses text up to the quote stage qt and describes its quotes.
func runQuotes(t *testing.T, qt *Quoter, text string) []string {
	d := ingest.FromText("q", text)
	segment.Run(d)
	testEntities.Run(d)
	qt.Run(d)
	var out []string
	for _, q := range d.Quotes {
		if q.Speaker >= 0 && d.Mentions[q.Speaker].Key != q.SpeakerName {
			t.Errorf("%q: speaker %q named %q", q.Text, d.Mentions[q.Speaker].Key, q.SpeakerName)
		}
		out = append(out, describe(d, q))
	}
	return out
}

func TestQuoteRules(t *testing.T) {
	rules := New(nil)
	for _, tt := range quoteCases {
		t.Run(tt.name, func(t *testing.T) {
			if got := runQuotes(t, rules, tt.text); !slices.Equal(got, tt.rules) {
				t.Errorf("rules alone:\n got %q\nwant %q", got, tt.rules)
			}
			if got := runQuotes(t, testQuotes, tt.text); !slices.Equal(got, tt.all) {
				t.Errorf("rules and tagger:\n got %q\nwant %q", got, tt.all)
			}
		})
	}
}
