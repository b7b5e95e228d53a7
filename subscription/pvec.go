package subscription

import "sync/atomic"

// pvec is a persistent, append-only vector: push returns a new vector and
// never changes the receiver, so values that share a history share its
// backing array. Appending to the longest vector of a backing array writes
// in place (amortised O(1)); appending to a shorter one — a branch, such as
// a second command applied to the same Subscription — copies.
//
// The tip records the length of the longest vector built on the backing
// array. A push claims the slot at its own length with a compare-and-swap,
// so two goroutines pushing onto the same value never write the same slot,
// and no vector ever reads past its own length: values stay safe for
// concurrent use.
type pvec[T any] struct {
	items []T
	tip   *atomic.Int64
}

// len returns the number of items.
func (v pvec[T]) len() int { return len(v.items) }

// all returns the items, for reading only.
func (v pvec[T]) all() []T { return v.items }

// push returns v with x appended.
func (v pvec[T]) push(x T) pvec[T] {
	n := len(v.items)
	if v.tip != nil && n < cap(v.items) && v.tip.CompareAndSwap(int64(n), int64(n+1)) {
		items := v.items[:n+1]
		items[n] = x
		return pvec[T]{items: items, tip: v.tip}
	}
	items := make([]T, n+1, max(4, 2*n))
	copy(items, v.items)
	items[n] = x
	tip := new(atomic.Int64)
	tip.Store(int64(n + 1))
	return pvec[T]{items: items, tip: tip}
}

// set returns v with item i replaced by x. It copies the items: use it for
// rare changes of a settled item only.
func (v pvec[T]) set(i int, x T) pvec[T] {
	items := make([]T, len(v.items), max(4, cap(v.items)))
	copy(items, v.items)
	items[i] = x
	tip := new(atomic.Int64)
	tip.Store(int64(len(items)))
	return pvec[T]{items: items, tip: tip}
}
