package model

import (
	"reflect"
	"strings"
	"testing"
)

// Every list of Analysis must be in Lists, under its JSON name, or the
// store would drop it silently.
func TestListsCoverAnalysis(t *testing.T) {
	typ := reflect.TypeOf(Analysis{})
	n := 0
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if f.Type.Kind() != reflect.Slice {
			continue
		}
		n++
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		l := ListNamed(name)
		if l == nil {
			t.Errorf("Analysis.%s (%q) is not in model.Lists", f.Name, name)
			continue
		}
		// The entry reads that field, not another one.
		a := &Analysis{}
		reflect.ValueOf(a).Elem().Field(i).Set(reflect.MakeSlice(f.Type, 3, 3))
		if got := l.Len(a); got != 3 {
			t.Errorf("model.Lists entry %q reads another field than Analysis.%s", name, f.Name)
		}
	}
	if n != len(Lists) {
		t.Errorf("Analysis has %d lists, model.Lists %d", n, len(Lists))
	}
}

func TestListParts(t *testing.T) {
	a := &Analysis{Quotes: []Quote{{Doc: "a"}, {Doc: "b"}, {Doc: "c"}}}
	l := ListNamed("quotes")
	p := l.Part(a, 1, 3)
	if len(p.Quotes) != 2 || p.Quotes[0].Doc != "b" || len(p.Documents) != 0 {
		t.Fatalf("part: %+v", p)
	}
	out := &Analysis{}
	l.Append(out, p)
	l.Append(out, l.Part(a, 0, 1))
	if len(out.Quotes) != 3 || out.Quotes[2].Doc != "a" || l.DocOf(out, 0) != "b" {
		t.Fatalf("append: %+v", out.Quotes)
	}
	EnsureLists(out)
	if out.Documents == nil || out.Storylines == nil {
		t.Fatal("EnsureLists left a nil list")
	}
	if ListNamed("storylines").DocOf != nil || ListNamed("events").DocOf == nil {
		t.Fatal("DocOf is for per-document lists only")
	}
}
