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
