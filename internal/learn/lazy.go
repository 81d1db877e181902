package learn

import "sync"

// Lazy is a value made on first use and shared after: an embedded model,
// which costs tens of milliseconds to read and is never changed once read.
type Lazy[T any] struct {
	once sync.Once
	make func() (T, error)
	v    T
	err  error
}

// NewLazy returns a Lazy that make makes.
func NewLazy[T any](make func() (T, error)) *Lazy[T] { return &Lazy[T]{make: make} }

// Get makes the value the first time and returns it (or the error making
// it gave) every time.
func (l *Lazy[T]) Get() (T, error) {
	l.once.Do(func() { l.v, l.err = l.make() })
	return l.v, l.err
}
