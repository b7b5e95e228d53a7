package invoice_test

import (
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/shopspring/decimal"
)

// TestAcceptance holds the money scenarios of ACCEPTANCE.md under their ids.
func TestAcceptance(t *testing.T) {
	t.Run("M-03", func(t *testing.T) {
		cases := []struct {
			total   string
			weights []int64
			want    []string
		}{
			{"10.00", []int64{1, 1, 1}, []string{"3.34", "3.33", "3.33"}},
			{"30.00", []int64{28, 31, 30}, []string{"9.44", "10.45", "10.11"}},
		}
		for _, tc := range cases {
			parts, err := invoice.Allocate(eur(tc.total), tc.weights)
			if err != nil {
				t.Fatalf("Allocate(%s, %v): %v", tc.total, tc.weights, err)
			}
			if len(parts) != len(tc.want) {
				t.Fatalf("Allocate(%s, %v) = %v; want %v", tc.total, tc.weights, parts, tc.want)
			}
			for i, w := range tc.want {
				if !parts[i].Equal(eur(w)) {
					t.Errorf("Allocate(%s, %v)[%d] = %s; want %s EUR", tc.total, tc.weights, i, parts[i], w)
				}
			}
		}
	})
	t.Run("M-05", func(t *testing.T) {
		for in, want := range map[string]string{"0.125": "0.13", "-0.125": "-0.13"} {
			m := invoice.Money{Amount: decimal.RequireFromString(in), Currency: invoice.EUR}
			if got := m.Round(); !got.Equal(eur(want)) {
				t.Errorf("Round(%s EUR) = %s; want %s EUR", in, got, want)
			}
		}
	})
}
