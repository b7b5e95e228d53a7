package invoice

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
)

// Allocate splits total, first rounded to its minor unit, into one part per
// weight, proportionally, so that the parts add up to the rounded total to
// the last minor unit. Each part gets the whole minor units of its exact
// share; the units left over go one each to the parts with the largest
// remainders, ties to the earliest part (the largest-remainder method).
//
//	10.00 EUR over 1, 1, 1       → 3.34, 3.33, 3.33
//	30.00 EUR over 28, 31, 30    → 9.44, 10.45, 10.11
//
// A negative total is split as its absolute value and negated. Weights must
// be non-negative with a positive sum; anything else is an error wrapping
// ErrInvalidWeights.
func Allocate(total Money, weights []int64) ([]Money, error) {
	var sum big.Int
	for i, w := range weights {
		if w < 0 {
			return nil, fmt.Errorf("%w: weight %d is %d", ErrInvalidWeights, i, w)
		}
		sum.Add(&sum, big.NewInt(w))
	}
	if sum.Sign() == 0 {
		return nil, fmt.Errorf("%w: %v add up to zero", ErrInvalidWeights, weights)
	}
	digits := total.Currency.digits
	units := total.Round().Amount.Shift(digits).BigInt() // exact: rounded
	negative := units.Sign() < 0
	units.Abs(units)

	parts := make([]big.Int, len(weights))
	rems := make([]big.Int, len(weights))
	var given big.Int
	for i, w := range weights {
		var num big.Int
		num.Mul(units, big.NewInt(w))
		parts[i].QuoRem(&num, &sum, &rems[i])
		given.Add(&given, &parts[i])
	}
	left := new(big.Int).Sub(units, &given).Int64() // < len(weights)
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	// Largest remainder first; the stable sort keeps ties in part order.
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(&rems[a]) })
	for _, i := range order[:left] {
		parts[i].Add(&parts[i], big.NewInt(1))
	}
	out := make([]Money, len(weights))
	for i := range parts {
		if negative {
			parts[i].Neg(&parts[i])
		}
		out[i] = Money{Amount: decimal.NewFromBigInt(&parts[i], -digits), Currency: total.Currency}
	}
	return out, nil
}
