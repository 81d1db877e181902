// Package lex holds the English word lists that more than one stage
// reads, each written once, named for what it is used for. Where two
// stages need different lists (a verb that introduces a quote is not
// always one that states a figure), both are here side by side, with why
// they differ, so that a change to one is a change made knowingly.
//
// The sets are built once at start-up and only read afterwards.
package lex

import "strings"

// Set is a set of lower-case words.
type Set map[string]bool

// Words makes a set of the white-space separated words of s.
func Words(s string) Set {
	m := Set{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Union is the set of the words of all the sets.
func Union(sets ...Set) Set {
	m := Set{}
	for _, s := range sets {
		for w := range s {
			m[w] = true
		}
	}
	return m
}

// Reporting verbs.
var (
	// SpeechVerbs introduce reported speech, belief or statement ("said",
	// "warned", "believes"): the quote rules look for them around quotes
	// and before "that" clauses.
	SpeechVerbs = Words(`said says say told tells added adds stated states asked explained warned noted insisted stressed declared
announced wrote tweeted continued replied argued acknowledged admitted claimed commented urged saying
confirmed denied reported suggested predicted cautioned emphasised emphasized believes believed thinks thought
hopes hoped underlined recalled`)

	// CueWords often open an attribution cue (speech, belief, findings:
	// "according", "shows", "found"): a feature of the attribution tagger,
	// which decides from context whether they do. A superset of
	// SpeechVerbs.
	CueWords = Union(SpeechVerbs, Words(`according tell tells telling adding noting arguing argue argues write writes responded respond concluded
revealed accused criticized criticised called calls calling urged urges insisted insists shows show showed
shown found finds find believe think want wants wanted hope expects expect plans promised promises vowed vows
reports report citing cited cites described describes suggests suggest agreed declined refused demanded
demands questioned estimates estimated indicated indicates pointed explain explains recall acknowledge admits
deny denies confirm confirms claims claim says said told added wrote tweeted stated declared noted notes
argued stressed emphasized warned warns predicted predicts asked asks announced announces knew know seems
seemed appears appeared sees saw considers considered feels felt fears feared worried worries doubt doubts
insisting claiming saying explaining warning`))

	// SpeakerCues after a single capitalised word make it a person
	// speaking ("Lavrov said"): the entity stage's cue, kept to the
	// commonest verbs so that "Reports said" stays rare.
	SpeakerCues = Words(`said says told added stated explained warned argued noted insisted asked wrote tweeted`)

	// FigureSources are verbs whose subject states a figure ("the
	// Observatory reported 279 killed"): the figures stage's attribution,
	// with the counting verbs ("estimated", "counted", "documented") that
	// introduce numbers more than speech.
	FigureSources = Words(`said says reported reports told stated estimated estimates counted documented announced confirmed claimed`)
)

// Name particles.
var (
	// Particles are lower-case parts of personal names ("Staffan de
	// Mistura", "Bashar al Assad"): the entity stage keeps them inside a
	// name.
	Particles = Words(`de da di del della van von der den al el bin ibn abu ben le la du dos das`)

	// KeyParticles are the particles entity resolution leaves out when it
	// compares names across documents ("al-Assad" and "Assad").
	KeyParticles = Words(`al el de da di van von bin ibn du del der le la abu`)

	// NameJoiners may join two capitalised parts into one name ("Bank of
	// England", "Doctors for Peace", "Bashar al Assad", "Tom and Jerry").
	NameJoiners = Words(`of for de al el bin ibn van von da di del du der the and abu`)
)

// Titles and roles.
var (
	// TitleWords are words of titles and roles. A capitalised title
	// before a name is its description, not part of it ("Foreign
	// Minister Sergei Lavrov").
	TitleWords = Words(`president presidents minister ministers secretary secretaries envoy envoys ambassador ambassadors mediator mediators
expert experts chancellor premier king queen prince princess emir sheikh sultan governor mayor senator sen. rep. representative
general gen. colonel col. commander chief director chairman chairwoman chair spokesman spokeswoman spokesperson leader leaders judge justice
pope cardinal bishop archbishop dr. mr. mrs. ms. prof. professor officer analyst correspondent reporter editor adviser advisor
coordinator commissioner deputy vice lieutenant lt. sergeant sgt. captain capt. admiral adm. marshal head ceo founder researcher
undersecretary attorney prosecutor ayatollah rabbi imam lord sir dame activist lawyer diplomat negotiator official officials lawmaker lawmakers
monitor observer inspector superintendent sheriff councillor councilor speaker whip candidate nominee presenter anchor
mufti cleric commentator economist scientist doctor nurse physician author writer historian chief-of-staff aide
striker goalkeeper midfielder defender coach manager player captain champion actor actress singer rapper
musician director producer artist designer chef banker investor entrepreneur executive chairperson president-elect
photographer journalist columnist blogger teacher student pastor priest bishop monk nun soldier sergeant
businessman businesswoman billionaire millionaire tycoon magnate owner founder co-founder vice-president`)

	// TitleModifiers appear inside title phrases ("foreign minister",
	// "special envoy", "top diplomat") without being heads themselves.
	TitleModifiers = Words(`foreign defense defence interior finance prime special top senior former acting deputy vice chief assistant
general state home justice economy trade health education energy environment agriculture transport labour labor culture
international law security national military human rights regional local federal supreme high united executive managing
associate political legal public affairs war intelligence police army navy air force joint staff press communications
information development humanitarian peace un u.n. us u.s. eu`)

	// RoleClasses group title words a nominal may use for the same person
	// ("the top diplomat" for an envoy or a foreign minister): the quote
	// stage resolves such a speaker through the titles recorded for the
	// people of the article.
	RoleClasses = [][]string{
		{"diplomat", "envoy", "mediator", "ambassador", "negotiator", "minister", "secretary", "emissary"},
		{"leader", "president", "premier", "chancellor", "king", "head", "chief", "prime"},
		{"official", "spokesman", "spokeswoman", "spokesperson", "minister", "secretary"},
		{"commander", "general", "officer", "colonel"},
		{"expert", "analyst", "researcher", "professor", "scholar"},
	}

	// SpeakerTitles are the titles that make a nominal speaker ("the
	// minister said") stand for a person rather than an office.
	SpeakerTitles = Words(`president minister secretary mayor governor senator spokesman spokeswoman chief director chairman leader
general ambassador envoy`)

	// CapitalTitles are capitalised words that follow an initialism
	// inside a sentence ("U.S. President", "U.N. Security"), so the
	// initialism's period does not end it. Case matters: these are
	// compared as written.
	CapitalTitles = Words(`Mr Mrs Ms Dr President Secretary Senator Gen Minister Navy Army Department State Government Forces Embassy Air
Congress`)
)
