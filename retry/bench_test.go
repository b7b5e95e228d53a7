package retry_test

import (
	"testing"

	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

func BenchmarkEvaluate(b *testing.B) {
	d := date.New(2024, 4, 1)
	cases := []struct {
		name     string
		pol      retry.Policy
		outcomes []retry.Outcome
	}{
		{"retrying", retry.Policy{Attempts: 5}, []retry.Outcome{{On: d + 1}, {On: d + 2}}},
		{"recovered", retry.Policy{Attempts: 5}, []retry.Outcome{{On: d + 1}, {On: d + 2, Succeeded: true}}},
		{"exhausted smart", retry.Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}},
			[]retry.Outcome{{On: d + 1}, {On: d + 3}, {On: d + 5}, {On: d + 7}}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.pol.Evaluate(d, c.outcomes); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
