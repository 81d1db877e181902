package quote

import (
	"github.com/storyline-news/storyline/internal/ner"
)

// testEntities is the entity stage as the engine builds it.
var testEntities = func() *ner.Recognizer {
	m, err := ner.DefaultModel()
	if err != nil {
		panic(err)
	}
	return ner.New(m)
}()

// testQuotes is the quote stage as the engine builds it.
var testQuotes = func() *Quoter {
	m, err := DefaultAttributionModel()
	if err != nil {
		panic(err)
	}
	return New(m)
}()
