package model

// List is one list of an analysis, for the code that treats them all
// alike: storing an analysis in parts and reading it back, making nil
// lists empty, indexing items by document. Adding a list to Analysis adds
// an entry to Lists (TestListsCoverAnalysis fails until it does).
type List struct {
	Name string
	// Len is the number of items.
	Len func(*Analysis) int
	// Part returns an analysis holding items [from, to) of this list only.
	Part func(a *Analysis, from, to int) *Analysis
	// Append appends p's items of this list to a's.
	Append func(a, p *Analysis)
	// Ensure makes a nil list empty: lists are never null in the JSON.
	Ensure func(*Analysis)
	// DocOf returns the document item i belongs to; nil for lists whose
	// items span documents (entities, storylines).
	DocOf func(a *Analysis, i int) string
}

// Lists are the lists of an analysis, in the order they are written.
var Lists = []List{
	list("documents", func(a *Analysis) *[]Document { return &a.Documents }, func(d Document) string { return d.ID }),
	list[Entity]("entities", func(a *Analysis) *[]Entity { return &a.Entities }, nil),
	list("quotes", func(a *Analysis) *[]Quote { return &a.Quotes }, func(q Quote) string { return q.Doc }),
	list("times", func(a *Analysis) *[]Time { return &a.Times }, func(t Time) string { return t.Doc }),
	list("quantities", func(a *Analysis) *[]Quantity { return &a.Quantities }, func(q Quantity) string { return q.Doc }),
	list("events", func(a *Analysis) *[]Event { return &a.Events }, func(e Event) string { return e.Doc }),
	list[Storyline]("storylines", func(a *Analysis) *[]Storyline { return &a.Storylines }, nil),
}

// ListNamed returns the list of that name, or nil.
func ListNamed(name string) *List {
	for i := range Lists {
		if Lists[i].Name == name {
			return &Lists[i]
		}
	}
	return nil
}

func list[T any](name string, of func(*Analysis) *[]T, docOf func(T) string) List {
	l := List{Name: name,
		Len:  func(a *Analysis) int { return len(*of(a)) },
		Part: func(a *Analysis, from, to int) *Analysis { p := &Analysis{}; *of(p) = (*of(a))[from:to]; return p },
		Append: func(a, p *Analysis) {
			*of(a) = append(*of(a), *of(p)...)
		},
		Ensure: func(a *Analysis) {
			if *of(a) == nil {
				*of(a) = []T{}
			}
		},
	}
	if docOf != nil {
		l.DocOf = func(a *Analysis, i int) string { return docOf((*of(a))[i]) }
	}
	return l
}

// EnsureLists makes every nil list of a empty.
func EnsureLists(a *Analysis) {
	for _, l := range Lists {
		l.Ensure(a)
	}
}
