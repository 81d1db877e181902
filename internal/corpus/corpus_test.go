package corpus

import (
	"os"
	"strings"
	"testing"
)

func TestReadReutersSGML(t *testing.T) {
	dir := t.TempDir()
	sgm := `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TEXT>&#2;
<TITLE>BAHIA COCOA REVIEW</TITLE>
<BODY>Showers continued throughout the week in the Bahia cocoa zone &amp; improved prospects, Comissaria Smith said.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="2"><DATE>26-FEB-1987 15:02:20.00</DATE><TEXT TYPE="BRIEF"><TITLE>NO BODY</TITLE></TEXT></REUTERS>`
	os.WriteFile(dir+"/reut2-000.sgm", []byte(sgm), 0o644)
	docs, err := ReadReuters(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d docs", len(docs))
	}
	d := docs[0]
	if d.ID != "reuters-1" || d.Published != "1987-02-26" || d.Title != "BAHIA COCOA REVIEW" || !strings.Contains(d.Text, "cocoa zone & improved") || strings.Contains(d.Text, "Reuter\n") {
		t.Errorf("%+v", d)
	}
	if _, err := ReadReuters(t.TempDir(), 0); err == nil {
		t.Error("empty directory accepted")
	}
}

func TestSyntheticIsDeterministic(t *testing.T) {
	a, b := Synthetic(20, 3), Synthetic(20, 3)
	for i := range a {
		if a[i].Text != b[i].Text || a[i].Published != b[i].Published {
			t.Fatal("same seed, different articles")
		}
	}
	if !strings.Contains(a[0].Text, "\"") || a[0].Published == "" {
		t.Errorf("article lacks quotes or a date: %q", a[0].Text)
	}
}
