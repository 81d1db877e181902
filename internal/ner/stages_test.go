package ner

// testRecognizer is the entity stage as the engine builds it.
var testRecognizer, _ = Default()
