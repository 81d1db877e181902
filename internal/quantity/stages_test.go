package quantity

import (
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quote"
)

// testEntities is the entity stage as the engine builds it (ner's own
// tests fail if its model does not load).
var testEntities, _ = ner.Default()

// testQuotes is the quote stage as the engine builds it.
var testQuotes, _ = quote.Default()
