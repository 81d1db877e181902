package model

import "fmt"

// IngestReport says what an ingestion did: what was stored, what was
// already there, and what failed and why. Nothing a stage failed on is
// stored; the next ingestion of the same input tries it again.
type IngestReport struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Reanalysed counts stored documents analysed again because an older
	// version of the stages made their layers.
	Reanalysed int `json:"reanalysed,omitempty"`
	// Failed lists the documents a stage failed on.
	Failed []Failure `json:"failed"`
	// Errors are inputs that could not be read or were refused, and the
	// failures above, one line each.
	Errors []string `json:"errors"`
	// Documents are the ids of the documents given, in order.
	Documents []string `json:"documents"`
	// Renamed are documents whose id, their file's name, another file's
	// document holds in the store: kept apart under the path instead of
	// replacing it.
	Renamed []Rename `json:"renamed,omitempty"`
}

// Rename is a document stored under another id than its file's name.
type Rename struct {
	From   string `json:"from"`   // the file's name, the id taken
	To     string `json:"to"`     // the id it is stored under
	Origin string `json:"origin"` // the file read
	Holder string `json:"holder"` // the file whose document holds From
}

func (r Rename) String() string {
	return fmt.Sprintf("%s: the id %q is %s's document's; stored as %q (--replace replaces it instead)", r.Origin, r.From, r.Holder, r.To)
}

// Failure is a document a stage failed on.
type Failure struct {
	ID     string `json:"id"`
	Origin string `json:"origin"`
	Stage  string `json:"stage"`
	Error  string `json:"error"`
}

func (f Failure) String() string {
	return fmt.Sprintf("%s: stage %s failed: %s", f.Origin, f.Stage, f.Error)
}
