package eval

import (
	"strings"
	"testing"
)

// FuzzReadTimeML: any file gives timexes inside the text or an error.
func FuzzReadTimeML(f *testing.F) {
	f.Add(`<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06" functionInDocument="CREATION_TIME">02/06/1998</TIMEX3></DCT><TEXT>On <TIMEX3 tid="t1" type="DATE" value="1998-02-05">Thursday</TIMEX3> it rained.</TEXT></TimeML>`)
	f.Add(`<TimeML><TEXT><TIMEX3 type="DATE">unclosed</TEXT>`)
	f.Add(`<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><TimeML><TEXT>&b;</TEXT></TimeML>`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ReadTimeML("f.tml", strings.NewReader(s))
		if err != nil {
			return
		}
		for _, x := range d.Gold {
			if x.Start < 0 || x.End > len(d.Text) || x.Start > x.End {
				t.Fatalf("timex %+v outside a text of %d bytes", x, len(d.Text))
			}
		}
	})
}

// FuzzReadBrat: any annotation file gives ranges inside the text or an
// error.
func FuzzReadBrat(f *testing.F) {
	f.Add("Clinton’s aide said it.", "T1\tSource 10 14\taide\nT2\tCue 15 19\tsaid\nT3\tContent 20 23\tit\nE1\tAttribution:T2 Content:T3 Source:T1\n")
	f.Add("short", "T1\tContent 0 999\tx\nE1\tAttribution:T1 Content:T1\n")
	f.Add("x", "T1\tContent 0;1 2\n")
	f.Fuzz(func(t *testing.T, text, ann string) {
		as, err := ReadBrat(text, strings.NewReader(ann))
		if err != nil {
			return
		}
		for _, a := range as {
			for _, rs := range [][]Range{a.Source, a.Cue, a.Content} {
				for _, r := range rs {
					if r.Start < 0 || r.End > len(text) || r.Start > r.End {
						t.Fatalf("range %+v outside a text of %d bytes", r, len(text))
					}
				}
			}
		}
	})
}
