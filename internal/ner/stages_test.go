package ner

// testRecognizer is the entity stage as the engine builds it.
var testRecognizer = func() *Recognizer {
	m, err := DefaultModel()
	if err != nil {
		panic(err)
	}
	return New(m)
}()
