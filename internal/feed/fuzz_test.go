package feed

import (
	"testing"
)

// FuzzParse: any bytes give a feed or an error naming why, never a panic
// (entity bombs are refused before parsing: TestRefusesEntityBombs).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`<rss version="2.0"><channel><title>T</title><item><title>A</title><link>http://x/a</link><guid>a</guid></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title><id>a</id><link href="http://x/a"/></entry></feed>`,
		`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</title></item></channel></rss>`,
		`<rss><channel><item><description><![CDATA[<p>Hi</p>]]></description></item>`, "", "<", "\xff\xfe<rss/>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := parse(data)
		if err == nil && feed == nil {
			t.Fatal("no feed and no error")
		}
		if err == nil {
			for _, it := range feed.Items {
				_ = itemKey(it)
			}
		}
	})
}
