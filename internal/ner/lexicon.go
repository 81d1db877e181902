package ner

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pariz/gountries"
	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/lex"
	"github.com/tidwall/cities"
)

// The lexicons below are general knowledge about the world and about
// English news writing (titles, organisation head words, demonyms). They
// name no story: the statistical tagger of a later version learns the rest.

// demonyms maps nationality adjectives (and plural nouns) to their country.
var demonymList = `Afghan:Afghanistan Albanian:Albania Algerian:Algeria American:United States Angolan:Angola Argentine:Argentina Argentinian:Argentina Armenian:Armenia Australian:Australia Austrian:Austria Azerbaijani:Azerbaijan Bahraini:Bahrain Bangladeshi:Bangladesh Belarusian:Belarus Belgian:Belgium Bolivian:Bolivia Bosnian:Bosnia and Herzegovina Brazilian:Brazil British:United Kingdom Bulgarian:Bulgaria Burmese:Myanmar Cambodian:Cambodia Cameroonian:Cameroon Canadian:Canada Chadian:Chad Chilean:Chile Chinese:China Colombian:Colombia Congolese:DR Congo Croatian:Croatia Cuban:Cuba Cypriot:Cyprus Czech:Czechia Danish:Denmark Dutch:Netherlands Ecuadorian:Ecuador Egyptian:Egypt Emirati:United Arab Emirates English:United Kingdom Eritrean:Eritrea Estonian:Estonia Ethiopian:Ethiopia European:Europe Filipino:Philippines Finnish:Finland French:France Georgian:Georgia German:Germany Ghanaian:Ghana Greek:Greece Guatemalan:Guatemala Haitian:Haiti Honduran:Honduras Hungarian:Hungary Icelandic:Iceland Indian:India Indonesian:Indonesia Iranian:Iran Iraqi:Iraq Irish:Ireland Israeli:Israel Italian:Italy Ivorian:Ivory Coast Jamaican:Jamaica Japanese:Japan Jordanian:Jordan Kazakh:Kazakhstan Kenyan:Kenya Korean:South Korea Kosovar:Kosovo Kurdish:Kurdistan Kuwaiti:Kuwait Kyrgyz:Kyrgyzstan Lao:Laos Latvian:Latvia Lebanese:Lebanon Liberian:Liberia Libyan:Libya Lithuanian:Lithuania Malaysian:Malaysia Malian:Mali Maltese:Malta Mexican:Mexico Moldovan:Moldova Mongolian:Mongolia Moroccan:Morocco Mozambican:Mozambique Namibian:Namibia Nepalese:Nepal Nepali:Nepal Nicaraguan:Nicaragua Nigerian:Nigeria Nigerien:Niger Norwegian:Norway Omani:Oman Pakistani:Pakistan Palestinian:Palestine Panamanian:Panama Paraguayan:Paraguay Peruvian:Peru Polish:Poland Portuguese:Portugal Qatari:Qatar Romanian:Romania Russian:Russia Rwandan:Rwanda Saudi:Saudi Arabia Scottish:United Kingdom Senegalese:Senegal Serbian:Serbia Slovak:Slovakia Slovenian:Slovenia Somali:Somalia South African:South Africa Spanish:Spain Sri Lankan:Sri Lanka Sudanese:Sudan Swedish:Sweden Swiss:Switzerland Syrian:Syria Taiwanese:Taiwan Tajik:Tajikistan Tanzanian:Tanzania Thai:Thailand Tunisian:Tunisia Turkish:Turkey Turkmen:Turkmenistan Ugandan:Uganda Ukrainian:Ukraine Uruguayan:Uruguay Uzbek:Uzbekistan Venezuelan:Venezuela Vietnamese:Vietnam Welsh:United Kingdom Yemeni:Yemen Zambian:Zambia Zimbabwean:Zimbabwe Arab:Arab world Kurd:Kurdistan Western:West Sunni:Sunni Shia:Shia Shiite:Shia Muslim:Islam Christian:Christianity Jewish:Judaism Alawite:Alawite Druze:Druze Yazidi:Yazidi Pashtun:Pashtun Baloch:Balochistan Tamil:Tamil Sikh:Sikh Hindu:Hindu Buddhist:Buddhist Catholic:Catholic Protestant:Protestant Orthodox:Orthodox Republican:Republican Democratic:Democratic Democrat:Democratic Communist:Communist Islamist:Islamist Jihadist:Jihadist Latino:Latino Hispanic:Hispanic Asian:Asia African:Africa Scandinavian:Scandinavia Balkan:Balkans Caucasian:Caucasus Gulf:Gulf`

// countryAliases are short and common forms of country names that the
// country database does not list.
var countryAliases = map[string]string{
	"US": "United States", "U.S.": "United States", "U.S": "United States", "USA": "United States", "U.S.A.": "United States",
	"United States of America": "United States", "America": "United States", "the States": "United States",
	"UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
	"Russian Federation": "Russia", "South Korea": "South Korea", "North Korea": "North Korea", "Korea": "South Korea",
	"Iran": "Iran", "Syria": "Syria", "Laos": "Laos", "Vietnam": "Vietnam", "Ivory Coast": "Ivory Coast",
	"Czech Republic": "Czechia", "Holland": "Netherlands", "Burma": "Myanmar", "DRC": "DR Congo", "Congo": "DR Congo",
	"UAE": "United Arab Emirates", "Emirates": "United Arab Emirates", "Palestine": "Palestine", "Gaza": "Gaza", "West Bank": "West Bank",
	"Taiwan": "Taiwan", "Kosovo": "Kosovo", "Vatican": "Vatican City", "Turkiye": "Turkey", "Türkiye": "Turkey",
	"Crimea": "Crimea", "Kurdistan": "Kurdistan", "Europe": "Europe", "Africa": "Africa", "Asia": "Asia",
	"Middle East": "Middle East", "Latin America": "Latin America", "Scotland": "Scotland", "England": "England", "Wales": "Wales",
	"Soviet Union": "Soviet Union", "USSR": "Soviet Union", "U.S.S.R.": "Soviet Union", "West Germany": "West Germany", "East Germany": "East Germany",
	"Yugoslavia": "Yugoslavia", "Czechoslovakia": "Czechoslovakia",
	"Washington": "Washington", "Tehran": "Tehran", "Riyadh": "Riyadh", "Kyiv": "Kyiv", "Kiev": "Kyiv",
}

// majorCities are English names of capitals and cities often in the news
// that the city list spells differently or lacks.
var majorCities = `Geneva Munich Cologne Vienna Prague Cairo Riyadh Jeddah Mecca Medina Raqqa Homs Hama Daraa Palmyra Kobani Manbij Afrin
Douma Ghouta Idlib Aleppo Damascus Latakia Tartus Qamishli Hasakah Mosul Fallujah Ramadi Tikrit Kirkuk Erbil Basra Baghdad Najaf Karbala
Deir ez-Zor|New York|Los Angeles|San Francisco|Chicago|Boston|Houston|Miami|Atlanta|Seattle|Philadelphia|Detroit|Dallas|Denver|Las Vegas|New Orleans|Washington D.C.
Tel Aviv|Jerusalem|Gaza|Gaza City|Ramallah|Hebron|Nablus|Jenin|Rafah|Khan Younis|Beirut|Tripoli|Benghazi|Misrata|Sirte|Tunis|Algiers|Rabat|Casablanca
Sanaa|Aden|Hodeidah|Taiz|Marib|Muscat|Doha|Abu Dhabi|Dubai|Manama|Kuwait City|Amman|Ankara|Istanbul|Izmir|Gaziantep|Tehran|Isfahan|Mashhad|Kabul|Kandahar|Herat
Islamabad|Karachi|Lahore|Peshawar|Quetta|New Delhi|Delhi|Mumbai|Kolkata|Chennai|Bangalore|Dhaka|Colombo|Kathmandu|Beijing|Shanghai|Hong Kong|Taipei|Tokyo|Osaka|Seoul|Pyongyang
Moscow|Saint Petersburg|St. Petersburg|Kyiv|Kiev|Kharkiv|Odesa|Odessa|Donetsk|Luhansk|Mariupol|Sevastopol|Minsk|Warsaw|Berlin|Hamburg|Frankfurt|Paris|Marseille|Lyon|London|Manchester
Brussels|Amsterdam|The Hague|Luxembourg|Bern|Zurich|Lausanne|Rome|Milan|Naples|Venice|Florence|Madrid|Barcelona|Lisbon|Athens|Budapest|Bucharest|Sofia|Belgrade|Zagreb|Sarajevo
Stockholm|Oslo|Copenhagen|Helsinki|Dublin|Edinburgh|Reykjavik|Vilnius|Riga|Tallinn|Tbilisi|Yerevan|Baku|Nairobi|Mogadishu|Addis Ababa|Khartoum|Juba|Kampala|Kigali|Kinshasa
Lagos|Abuja|Accra|Dakar|Bamako|Johannesburg|Cape Town|Pretoria|Harare|Luanda|Mexico City|Havana|Caracas|Bogota|Lima|Santiago|Buenos Aires|Sao Paulo|Rio de Janeiro|Brasilia|Ottawa|Toronto|Montreal|Vancouver
Sydney|Melbourne|Canberra|Wellington|Auckland|Jakarta|Manila|Bangkok|Hanoi|Ho Chi Minh City|Kuala Lumpur|Singapore|Yangon|Naypyitaw|Phnom Penh|Davos|Vienna|Strasbourg|Sochi|Astana|Tashkent`

// orgList: widely known organisations with their short forms
// ("canonical|alias|alias").
var orgList = []string{
	"United Nations|UN|U.N.", "UN Security Council|Security Council|UNSC", "European Union|EU|E.U.", "NATO|North Atlantic Treaty Organization",
	"Islamic State|ISIS|ISIL|IS|Daesh|DAESH|Islamic State of Iraq and the Levant|Islamic State in Iraq and Syria|Islamic State of Iraq and Syria",
	"Al Qaeda|al-Qaeda|al Qaeda|Al-Qaeda|al-Qaida|Al Qaida|al Qaida|Al-Qaida", "Taliban", "Hezbollah|Hizbollah|Hizballah", "Hamas", "Boko Haram", "Al-Shabaab|al-Shabab|Al Shabaab",
	"Nusra Front|al-Nusra Front|Jabhat al-Nusra|Al Nusra Front", "Houthis|Houthi", "Kremlin", "White House", "Pentagon", "State Department", "Foreign Office",
	"Congress", "Senate", "House of Representatives", "Parliament", "Supreme Court", "Downing Street", "Elysee|Élysée",
	"World Health Organization|WHO", "International Monetary Fund|IMF", "World Bank", "World Trade Organization|WTO", "Red Cross|ICRC|International Committee of the Red Cross",
	"Red Crescent", "Amnesty International|Amnesty", "Human Rights Watch|HRW", "Doctors Without Borders|MSF|Medecins Sans Frontieres", "UNICEF", "UNHCR", "OPEC",
	"African Union|AU", "Arab League", "Gulf Cooperation Council|GCC", "ASEAN", "OSCE", "Interpol", "Europol", "International Criminal Court|ICC",
	"Reuters", "Associated Press|AP", "Agence France-Presse|AFP", "Getty Images|Getty", "BBC", "CNN", "Al Jazeera", "TASS", "RIA Novosti", "Xinhua", "Bloomberg",
	"New York Times", "Washington Post", "Wall Street Journal", "Guardian", "Financial Times", "Fox News", "NBC", "CBS", "ABC", "EPA", "Anadolu Agency|Anadolu",
	"CIA", "FBI", "NSA", "KGB", "FSB", "Mossad", "Pentagon", "Google", "Apple", "Microsoft", "Facebook", "Twitter", "Amazon",
	"Free Syrian Army|FSA", "Syrian Democratic Forces|SDF", "YPG", "PKK", "Muslim Brotherhood", "Hayat Tahrir al-Sham|HTS",
	"Federal Reserve|Fed", "Treasury", "Bundesbank", "Bank of Japan", "Bank of England", "European Community|EC", "GATT", "OECD", "European Commission", "European Central Bank|ECB", "Bundestag", "Duma", "Knesset",
}

// orgHeads end (or start, with "of") organisation names.
var orgHeadList = `committee council observatory center centre ministry agency organization organisation association union party
front movement army forces force navy corps police guard guards brigade brigades battalion coalition alliance institute university
college school bank fund company corporation corp corp. inc inc. ltd ltd. group network media news times post press television tv
radio court parliament assembly congress senate commission board authority department office service services foundation trust
federation league society club church mission programme program watch crescent cross airlines airways council command administration
agency regime government embassy consulate tribunal caucus cabinet junta militia brotherhood hospital
exchange co co. plc ag nv sa gmbh llc lp bhd spa holdings industries partners motors systems laboratories labs pharmaceuticals
enterprises management capital products foods brands stores resources mining petroleum chemical chemicals steel electric
investments securities insurance financial bancorp savings associates airlines railways railroad technologies communications`

var locHeadList = `river mountains mountain mount sea ocean lake valley desert gulf island islands strait peninsula coast bay canal plain plateau heights basin`
var gpeHeadList = `province district city county region governorate state territory municipality prefecture oblast village town`
var facHeadList = `airport bridge stadium palace square tower street road avenue highway base prison dam mosque cathedral temple hall building plaza port harbour harbor`

// eventStarts open event names: "Storm Edda", "Operation Desert Storm".
var eventStartList = `storm hurricane typhoon cyclone tropical operation battle siege`

var eventHeadList = `war olympics games summit cup championship election elections conference festival uprising revolution crisis massacre`

// functionWords are capitalised only because they start a sentence, or
// never name anything on their own.
var functionWordList = `a an the this that these those there here it its he she they we i you his her their our my your
in on at by for from with without within into onto over under about above below after before during since until till upon
despite against among amid amidst between beyond through throughout toward towards via per across along around behind near
and but or nor so yet if when while where whereas whether because although though unless as than then also only even just
what which who whom whose why how all any both each every either neither no none not some such many much more most other
another several few first last next one two three four five six seven eight nine ten can could may might must shall
should will would do does did is are was were be been being have has had meanwhile however moreover furthermore nevertheless
still instead indeed perhaps thus hence therefore otherwise already again once twice later earlier today yesterday tomorrow
tonight now soon recently currently according given including following regarding amid let please yes oh well mr mrs
reports report days day weeks week months month years year people residents officials sources experts efforts talks fighting
critics analysts witnesses authorities activists rebels troops forces police protesters demonstrators civilians children women men
asked speaking expressing addressing writing adding noting citing responding commenting describing referring calling saying
earlier meanwhile elsewhere together overall separately nearly almost about some around roughly`

// lexicon is what the tagger knows of the world and of English news
// writing: the gazetteer and the word lists, with the indexes made from
// them. It is built once per process (reading the city and country
// databases takes a while; see sharedLexicon) and never changed after.
type lexicon struct {
	gazetteer   map[string]gazEntry // normalised phrase -> entry
	maxGazLen   int                 // words in the longest phrase
	gazPrefixes map[string]bool     // word-prefixes of multi-word gazetteer phrases
	wordClasses map[string]string   // word -> classOf(word), for the lexicon's words
	demonyms    map[string]string   // nationality adjective -> country
	countries   map[string]bool     // common names of the country database
	countryish  map[string]bool     // demonyms and canonical names in countryAliases
	titleWords  map[string]bool
	titleMods   map[string]bool
	orgHeads    map[string]bool
	locHeads    map[string]bool
	gpeHeads    map[string]bool
	facHeads    map[string]bool
	eventHeads  map[string]bool
	eventStarts map[string]bool
	particles   map[string]bool
	funcWords   map[string]bool
	monthsDays  map[string]bool
}

// gazEntry is a gazetteer phrase's type and its canonical name ("U.S." is
// GPE "United States").
type gazEntry struct {
	Type      doc.EntityType
	Canonical string
}

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// normKey is the form gazetteer look-ups use: lower case, hyphens and
// periods dropped, spaces collapsed.
func normKey(s string) string { return string(appendNorm(nil, s)) }

// appendNorm appends normKey(s) to dst without allocating for ASCII.
func appendNorm(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return appendNormRunes(dst, start, space, s[i:])
		}
		switch c {
		case '.', '\'':
			continue
		case '-', ' ', '\t', '\n':
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// appendNormRunes is appendNorm's general case, from the first non-ASCII
// byte on.
func appendNormRunes(dst []byte, start int, space bool, s string) []byte {
	for _, r := range strings.ToLower(s) {
		switch r {
		case '.', '’', '\'':
			continue
		case '-', ' ', '\t', '\n':
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// commonCityWords are city names that are also English words or first
// names; as single words they are not taken as places.
var commonCityWords = set(`of bath reading split nice mobile orange hope independence victoria march may mission union
university college bay sale wells deal battle eagle marion florence vernon homer alexander regina bristol york
sun bar male mars delta cork man zug van salem paris- troy warren nelson lincoln douglas hamilton clinton jackson
washington- franklin madison jefferson carson charlotte st george georgetown kingston columbus lowell laredo aurora
of the la le el los las san santa centre center central north south east west northern southern eastern western capital
national federal metropolitan city greater upper lower middle new old`)

// monthDayList: months and weekdays (and the feasts news dates by),
// which are never names on their own.
const monthDayList = `january february march april may june july august september october november december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
			monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun christmas easter ramadan`

var (
	lexOnce   sync.Once
	lexShared *lexicon
)

// sharedLexicon returns the lexicon, built on first use.
func sharedLexicon() *lexicon {
	lexOnce.Do(func() { lexShared = buildLexicon() })
	return lexShared
}

// buildLexicon makes the word lists, then the gazetteer from its sources
// (later ones win: cities, then subdivisions, then countries, aliases,
// organisations and peoples), then the indexes over both.
func buildLexicon() *lexicon {
	lx := &lexicon{
		gazetteer:   map[string]gazEntry{},
		titleWords:  lex.TitleWords,
		titleMods:   lex.TitleModifiers,
		orgHeads:    set(orgHeadList),
		locHeads:    set(locHeadList),
		gpeHeads:    set(gpeHeadList),
		facHeads:    set(facHeadList),
		eventHeads:  set(eventHeadList),
		eventStarts: set(eventStartList),
		particles:   lex.Particles,
		funcWords:   set(functionWordList),
		monthsDays:  set(monthDayList),
	}
	lx.addCities()
	q := gountries.New()
	lx.addSubdivisions(q)
	lx.addCountries(q)
	lx.addOrganisations()
	lx.addDemonyms()
	lx.index()
	return lx
}

// add puts a phrase in the gazetteer; an existing phrase is replaced only
// when override is set.
func (lx *lexicon) add(name string, typ doc.EntityType, canon string, override bool) {
	k := normKey(name)
	if k == "" {
		return
	}
	if _, ok := lx.gazetteer[k]; ok && !override {
		return
	}
	lx.gazetteer[k] = gazEntry{Type: typ, Canonical: canon}
	if n := len(strings.Fields(k)); n > lx.maxGazLen {
		lx.maxGazLen = n
	}
}

// addCities adds the city database, without names that are also common
// words, then the cities news writes of, over it.
func (lx *lexicon) addCities() {
	for _, c := range cities.Cities {
		k := normKey(c.City)
		if len(k) < 4 || commonCityWords[k] || lx.funcWords[k] || lx.titleWords[k] {
			continue
		}
		lx.add(c.City, doc.TypeGPE, c.City, false)
	}
	for _, line := range strings.Split(majorCities, "\n") {
		for _, name := range cityNames(line) {
			lx.add(name, doc.TypeGPE, name, true)
		}
	}
}

// addSubdivisions adds states, provinces and regions, without the ones
// that are also common words or carry numbers.
func (lx *lexicon) addSubdivisions(q *gountries.Query) {
	for _, c := range q.FindAllCountries() {
		for _, sd := range c.SubDivisions() {
			for _, n := range append([]string{sd.Name}, sd.Names...) {
				k := normKey(n)
				if len(k) < 4 || commonCityWords[k] || lx.funcWords[k] || strings.ContainsAny(n, "0123456789") {
					continue
				}
				lx.add(n, doc.TypeGPE, n, false)
			}
		}
	}
}

// addCountries adds countries under their common and official names, then
// the aliases (continents and regions are LOC).
func (lx *lexicon) addCountries(q *gountries.Query) {
	lx.countries = map[string]bool{}
	for _, c := range q.FindAllCountries() {
		lx.countries[c.Name.Common] = true
		lx.add(c.Name.Common, doc.TypeGPE, c.Name.Common, true)
		lx.add(c.Name.Official, doc.TypeGPE, c.Name.Common, true)
	}
	for alias, canon := range countryAliases {
		typ := doc.TypeGPE
		switch canon {
		case "Europe", "Africa", "Asia", "Middle East", "Latin America":
			typ = doc.TypeLoc
		}
		lx.add(alias, typ, canon, true)
	}
}

// addOrganisations adds the well-known organisations under all their
// names, with the first as canonical.
func (lx *lexicon) addOrganisations() {
	for _, line := range orgList {
		parts := strings.Split(line, "|")
		for _, p := range parts {
			lx.add(p, doc.TypeOrg, parts[0], true)
		}
	}
}

// addDemonyms adds the nationality adjectives and their plurals
// ("Syrians", not "Britishs") as peoples, in the list's order.
func (lx *lexicon) addDemonyms() {
	lx.demonyms = map[string]string{}
	for _, dm := range parseDemonyms(demonymList) {
		adj := dm[0]
		lx.demonyms[adj] = dm[1]
		lx.add(adj, doc.TypeNORP, adj, true)
		if !strings.HasSuffix(adj, "sh") && !strings.HasSuffix(adj, "ch") && !strings.HasSuffix(adj, "ese") && !strings.HasSuffix(adj, "ss") {
			lx.add(adj+"s", doc.TypeNORP, adj, true)
		}
	}
}

// parseDemonyms reads the "Adj:Country Adj:Country" list into (adjective,
// country) pairs. Both sides may contain spaces: the last word of a
// country belongs to the next adjective (two words for "South African",
// "Sri Lankan").
func parseDemonyms(list string) [][2]string {
	var out [][2]string
	fields := strings.Split(list, ":")
	adj := fields[0]
	for i := 1; i < len(fields); i++ {
		if i == len(fields)-1 {
			out = append(out, [2]string{adj, fields[i]})
			break
		}
		ws := strings.Fields(fields[i])
		cut := len(ws) - 1
		if cut >= 1 && (ws[cut-1] == "South" || ws[cut-1] == "Sri") && (ws[cut] == "African" || ws[cut] == "Lankan") {
			cut--
		}
		out = append(out, [2]string{adj, strings.Join(ws[:cut], " ")})
		adj = strings.Join(ws[cut:], " ")
	}
	return out
}

// index makes what the tagger looks up from the lists and the gazetteer.
func (lx *lexicon) index() {
	lx.countryish = map[string]bool{}
	for adj := range lx.demonyms {
		lx.countryish[adj] = true
	}
	for _, canon := range countryAliases {
		lx.countryish[canon] = true
	}
	// Words that are both a month/weekday and a place ("March", "May")
	// are never places in news text.
	for w := range lx.monthsDays {
		delete(lx.gazetteer, w)
	}
	lx.wordClasses = map[string]string{}
	for _, set := range []map[string]bool{lx.titleWords, lx.titleMods, lx.orgHeads, lx.locHeads, lx.monthsDays, lx.particles, lx.funcWords} {
		for w := range set {
			lx.wordClasses[w] = lx.classOf(w)
		}
	}
	// Every word-prefix of a longer name ("new", "new york" of "new
	// york city"): matching stops as soon as a phrase is none.
	lx.gazPrefixes = map[string]bool{}
	for k := range lx.gazetteer {
		for i := 0; i < len(k); i++ {
			if k[i] == ' ' {
				lx.gazPrefixes[k[:i]] = true
			}
		}
	}
}

// cityNames splits a line of the city list: a line with "|" separates
// names with "|" (names may hold spaces), any other line with spaces.
func cityNames(line string) []string {
	line = strings.TrimSpace(line)
	if line == "" {
		return nil
	}
	if strings.Contains(line, "|") {
		var out []string
		for _, n := range strings.Split(line, "|") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
		return out
	}
	return strings.Fields(line)
}

// gazLookup is gazetteer[normKey(s)] without allocating the key.
func (lx *lexicon) gazLookup(s string) (gazEntry, bool) {
	var b [64]byte
	e, ok := lx.gazetteer[string(appendNorm(b[:0], s))]
	return e, ok
}
