package event

import (
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quote"
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
var testQuotes = func() *quote.Quoter {
	m, err := quote.DefaultAttributionModel()
	if err != nil {
		panic(err)
	}
	return quote.New(m)
}()
