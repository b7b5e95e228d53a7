package invoice_test

import (
	"errors"
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
				if parts[i] != eur(w) {
					t.Errorf("Allocate(%s, %v)[%d] = %s; want %s EUR", tc.total, tc.weights, i, parts[i], w)
				}
			}
		}
	})
	t.Run("M-05", func(t *testing.T) {
		// 0.125 comes from a ratio or a rate, since money itself is exact in
		// cents: 1.00 × 1/8 and 12.5 % of 1.00.
		for in, want := range map[string]string{"1.00": "0.13", "-1.00": "-0.13"} {
			got, err := eur(in).MulRatio(1, 8)
			if err != nil || got != eur(want) {
				t.Errorf("%s EUR × 1/8 = %s, %v; want %s EUR", in, got, err, want)
			}
			got, err = eur(in).Percent(decimal.RequireFromString("12.5"))
			if err != nil || got != eur(want) {
				t.Errorf("12.5%% of %s EUR = %s, %v; want %s EUR", in, got, err, want)
			}
		}
		// An amount of 0.125 EUR is refused, never rounded silently.
		if _, err := invoice.FromDecimal(decimal.RequireFromString("0.125"), invoice.EUR); !errors.Is(err, invoice.ErrInvalidAmount) {
			t.Errorf("FromDecimal(0.125 EUR) = %v; want ErrInvalidAmount", err)
		}
		if _, err := invoice.ParseMoney("-0.125", invoice.EUR); !errors.Is(err, invoice.ErrInvalidAmount) {
			t.Errorf("ParseMoney(-0.125 EUR) = %v; want ErrInvalidAmount", err)
		}
	})
}
