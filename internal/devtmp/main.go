package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/pipeline"
)

func main() {
	res := ingest.Read(os.Args[1:], ingest.Options{})
	for _, e := range res.Errors {
		fmt.Fprintln(os.Stderr, e)
	}
	pipeline.AnalyzeAll(res.Docs, 0, nil)
	a := pipeline.Connect(res.Docs, pipeline.DefaultOptions())
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(a)
}
