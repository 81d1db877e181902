// Package corpus reads and makes article collections for benchmarks:
// Reuters-21578 from its SGML files, and generated news-like articles for
// sizes beyond it.
package corpus

import (
	"bytes"
	"fmt"
	"html"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/doc"
	"github.com/storyline-news/storyline/internal/ingest"
)

var (
	reRecord = regexp.MustCompile(`(?s)<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>`)
	reDate   = regexp.MustCompile(`(?s)<DATE>\s*([^<]+?)\s*</DATE>`)
	reTitle  = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>`)
	reBody   = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
)

// ReadReuters reads up to limit stories (0: all) with a body from the
// reut2-*.sgm files of dir, in file order, each dated from its <DATE>.
func ReadReuters(dir string, limit int) ([]*doc.Doc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no reut2-*.sgm files (expected the Reuters-21578 distribution)", dir)
	}
	sort.Strings(files)
	var out []*doc.Doc
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		data = bytes.ToValidUTF8(data, []byte("?"))
		for _, m := range reRecord.FindAllSubmatch(data, -1) {
			body := reBody.FindSubmatch(m[2])
			if body == nil {
				continue
			}
			text := html.UnescapeString(string(body[1]))
			text = strings.TrimSuffix(strings.TrimSpace(text), "Reuter")
			title := ""
			if t := reTitle.FindSubmatch(m[2]); t != nil {
				title = html.UnescapeString(strings.TrimSpace(string(t[1])))
			}
			d := ingest.FromText("reuters-"+string(m[1]), title+"\n\n"+text)
			d.Title, d.Source, d.Origin = title, "Reuters", f
			// "26-FEB-1987 15:01:01.79": the day is what is kept.
			if dm := reDate.FindSubmatch(m[2]); dm != nil {
				if f := strings.Fields(string(dm[1])); len(f) > 0 {
					if t, err := time.Parse("2-Jan-2006", f[0]); err == nil {
						d.Published = t.Format(doc.DayLayout)
					}
				}
			}
			out = append(out, d)
			if limit > 0 && len(out) >= limit {
				return out, nil
			}
		}
	}
	return out, nil
}

var syllables = []string{"ka", "lo", "mi", "ra", "ten", "vo", "shi", "dan", "pel", "gor", "ux", "ber", "sa", "ti", "nor", "val"}

// PseudoWord makes a word of three or four syllables: topic vocabulary
// for generated articles that no two topics share by chance.
func PseudoWord(rng *rand.Rand) string {
	var b strings.Builder
	for k := 0; k < 3+rng.Intn(2); k++ {
		b.WriteString(syllables[rng.Intn(len(syllables))])
	}
	return b.String()
}

// Synthetic makes n news-like articles: topics with people, places and
// organisations, dated over two years, with quotes, figures and dates, so
// that every stage has work to do. The same seed gives the same articles.
func Synthetic(n int, seed int64) []*doc.Doc {
	rng := rand.New(rand.NewSource(seed))
	first := []string{"Anna", "Jan", "Maria", "Tomas", "Elena", "Karim", "Sofia", "Pavel", "Lina", "Omar", "Ines", "Viktor", "Nadia", "Hugo", "Mira", "Felix"}
	last := []string{"Kowal", "Lis", "Novak", "Costa", "Berg", "Haddad", "Silva", "Ivanov", "Moreau", "Rossi", "Weber", "Okafor", "Jensen", "Duarte", "Varga", "Petrov"}
	places := []string{"Gdansk", "Lisbon", "Riga", "Porto", "Tallinn", "Valencia", "Malmo", "Split", "Bergen", "Antwerp", "Genoa", "Odessa", "Tangier", "Izmir", "Varna", "Kiel"}
	orgs := []string{"the regional crisis centre", "the European Commission", "the port authority", "the health ministry", "the Red Cross", "the central bank", "the transport union", "the city council"}
	subjects := []string{"flood", "strike", "election", "fire", "trade talks", "port expansion", "energy prices", "bridge collapse", "drought", "summit", "rail dispute", "storm"}
	verbs := []string{"said", "told reporters", "warned", "added", "said on Monday", "told a news conference"}
	topics := max(n/40, 3)
	type topic struct {
		subject, place, person, org string
		start                       time.Time
		words                       []string // what this story is about, beyond the template
	}
	word := func() string { return PseudoWord(rng) }
	ts := make([]topic, topics)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	// Each topic has its own place and person, as real stories do; the
	// short lists above name the first topics and recur at random only
	// as often as well-known names would. Without this, a few dozen names
	// shared by thousands of articles link every topic to every other.
	name := func(list []string, i int) string {
		if i < len(list) && rng.Intn(4) == 0 {
			return list[i]
		}
		w := word()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	// Common words of news around the topic's own, frequent ones more
	// often (a Zipf-like draw).
	common := make([]string, 2000)
	for i := range common {
		common[i] = word() + "s"
	}
	for i := range ts {
		ts[i] = topic{subjects[rng.Intn(len(subjects))], name(places, i),
			first[rng.Intn(len(first))] + " " + name(last, i), orgs[rng.Intn(len(orgs))], base.AddDate(0, 0, rng.Intn(700)), nil}
		for k := 0; k < 40; k++ {
			ts[i].words = append(ts[i].words, word())
		}
	}
	out := make([]*doc.Doc, n)
	for i := range out {
		t := ts[rng.Intn(topics)]
		pub := t.start.AddDate(0, 0, rng.Intn(40))
		when := pub.AddDate(0, 0, -1-rng.Intn(3))
		surname := t.person[strings.LastIndexByte(t.person, ' ')+1:]
		var b strings.Builder
		fmt.Fprintf(&b, "%s hits %s\n\n", strings.ToUpper(t.subject[:1])+t.subject[1:], t.place)
		fmt.Fprintf(&b, "The %s in %s entered its %d day on %s, %s, as officials met to discuss the response.\n\n",
			t.subject, t.place, 2+rng.Intn(9), when.Weekday(), when.Format("January 2, 2006"))
		fmt.Fprintf(&b, "At least %d people were affected and about %d were injured since %s, %s said.\n\n",
			10+rng.Intn(500), 1+rng.Intn(80), when.AddDate(0, 0, -7).Format("January 2"), t.org)
		fmt.Fprintf(&b, "\"We will not leave anyone behind in %s,\" %s %s. %s, who leads the response, met ministers on %s.\n\n",
			t.place, t.person, verbs[rng.Intn(len(verbs))], surname, pub.Weekday())
		for k := 0; k < 3+rng.Intn(4); k++ {
			fmt.Fprintf(&b, "Residents of %s said the %s had changed daily life, and %s promised new measures by %s.",
				t.place, t.subject, t.org, pub.AddDate(0, 1+rng.Intn(3), 0).Format("January"))
			b.WriteString(" The")
			for w := 0; w < 16; w++ {
				if rng.Intn(2) == 0 {
					b.WriteString(" " + t.words[rng.Intn(len(t.words))])
				} else {
					b.WriteString(" " + common[int(float64(len(common))*rng.Float64()*rng.Float64())])
				}
			}
			b.WriteString(" matter most now.\n\n")
		}
		d := ingest.FromText(fmt.Sprintf("synthetic-%06d", i), b.String())
		d.Published = pub.Format(doc.DayLayout)
		d.Source = []string{"Courier", "Wire", "Daily", "Ledger"}[rng.Intn(4)]
		out[i] = d
	}
	return out
}
