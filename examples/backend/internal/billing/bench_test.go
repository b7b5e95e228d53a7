package billing

import (
	"testing"

	"github.com/rickb777/date/v2"
)

// BenchmarkNextAction measures what the job pays per subscription for the
// next day to look: the library's NextAction alone, and the layer's, which
// also looks for the documents the library's skips (see NextAction).
func BenchmarkNextAction(b *testing.B) {
	s, _, err := NewSubscription([]byte(monthly))
	if err != nil {
		b.Fatal(err)
	}
	after := date.New(2025, 3, 10)
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.s.NextAction(after)
		}
	})
	b.Run("layer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.NextAction(after)
		}
	})
}

// BenchmarkDueOn measures the agenda of one day turned into the job's
// work: a renewal day, with its invoice encoded as JSON, and a quiet day.
func BenchmarkDueOn(b *testing.B) {
	s, _, err := NewSubscription([]byte(monthly))
	if err != nil {
		b.Fatal(err)
	}
	for name, d := range map[string]date.Date{"renewal": date.New(2025, 3, 1), "quiet": date.New(2025, 3, 10)} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.DueOn(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReplay measures rebuilding a subscription from what storage
// keeps, as the job does for each subscription it claims.
func BenchmarkReplay(b *testing.B) {
	_, terms, err := NewSubscription([]byte(monthly))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Replay(terms, nil); err != nil {
			b.Fatal(err)
		}
	}
}
