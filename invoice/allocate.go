package invoice

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
)

// Allocate splits total into one part per weight, proportionally, so that
// the parts add up to total to the last minor unit. Each part gets the
// whole minor units of its exact share; the units left over go one each to
// the parts with the largest remainders, ties to the earliest part (the
// largest-remainder method):
//
//	10.00 EUR over 1, 1, 1       → 3.34, 3.33, 3.33
//	30.00 EUR over 28, 31, 30    → 9.44, 10.45, 10.11
//
// A negative total is split as its absolute value and negated. The shares
// are computed in 128 bits, so any weights work. Weights must be
// non-negative with a positive sum within int64; anything else is an error
// wrapping ErrInvalidWeights, and money without a currency one wrapping
// ErrUnknownCurrency. The result is a new slice, one part per
// weight.
func Allocate(total Money, weights []int64) ([]Money, error) {
	if !total.cur.Valid() {
		return nil, fmt.Errorf("%w: allocating %d minor units without a currency", ErrUnknownCurrency, total.minor)
	}
	var sum uint64
	for i, w := range weights {
		if w < 0 {
			return nil, fmt.Errorf("%w: weight %d is %d", ErrInvalidWeights, i, w)
		}
		sum += uint64(w)
		if sum > 1<<63-1 {
			return nil, fmt.Errorf("%w: the weights add up beyond %d", ErrInvalidWeights, int64(1<<63-1))
		}
	}
	if sum == 0 {
		return nil, fmt.Errorf("%w: %v add up to zero", ErrInvalidWeights, weights)
	}
	units := abs(total.minor)
	out := make([]Money, len(weights))
	rems := make([]uint64, len(weights))
	left := units
	for i, w := range weights {
		hi, lo := bits.Mul64(units, uint64(w))
		q, r := bits.Div64(hi, lo, sum) // hi < sum: w ≤ sum, so q ≤ units
		out[i].minor, rems[i] = int64(q), r
		left -= q
	}
	// left < len(weights): give one unit each to the largest remainders,
	// ties to the earliest part (the stable sort keeps part order).
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rems[b], rems[a]) })
	for _, i := range order[:left] {
		out[i].minor++
	}
	for i := range out {
		out[i].cur = total.cur
		if total.minor < 0 {
			out[i].minor = -out[i].minor
		}
	}
	return out, nil
}
