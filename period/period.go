package period

import (
	"fmt"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/rickb777/date/v2"
)

// Period is a half-open range of days [Start, End): Start is the first day
// in the range and End the first day after it. A monthly period starting on
// 2021-10-01 is [2021-10-01, 2021-11-01), and a subscription "valid until
// 1 November" has End 2021-11-01. A Period with Start == End is empty.
//
// Periods are values, compared with ==. Both dates of a valid Period lie in
// MinDate … MaxDate.
type Period struct {
	// Start is the first day of the period.
	Start date.Date
	// End is the first day after the period.
	End date.Date
}

// New returns the period [start, end). It returns an error wrapping
// ErrInvalidRange if end is before start, and ErrInvalidDate if a date lies
// outside MinDate … MaxDate.
func New(start, end date.Date) (Period, error) {
	p := Period{Start: start, End: end}
	if err := p.Validate(); err != nil {
		return Period{}, err
	}
	return p, nil
}

// Validate returns an error wrapping ErrInvalidRange if End is before
// Start, and ErrInvalidDate if Start or End lies outside MinDate … MaxDate.
func (p Period) Validate() error {
	if err := CheckDate(p.Start); err != nil {
		return fmt.Errorf("%w (start of %s)", err, p)
	}
	if err := CheckDate(p.End); err != nil {
		return fmt.Errorf("%w (end of %s)", err, p)
	}
	if p.End < p.Start {
		return fmt.Errorf("%w: end %s before start %s", ErrInvalidRange, formatDate(p.End), formatDate(p.Start))
	}
	return nil
}

// Days returns the number of days in p: End − Start.
func (p Period) Days() int { return int(p.End - p.Start) }

// IsEmpty reports whether p holds no day.
func (p Period) IsEmpty() bool { return p.End <= p.Start }

// Contains reports whether d lies in p: Start ≤ d < End.
func (p Period) Contains(d date.Date) bool { return p.Start <= d && d < p.End }

// Overlaps reports whether p and q share at least one day.
func (p Period) Overlaps(q Period) bool {
	return p.Start < q.End && q.Start < p.End && !p.IsEmpty() && !q.IsEmpty()
}

// Intersect returns the days that p and q share, and false if they share none.
func (p Period) Intersect(q Period) (Period, bool) {
	r := Period{Start: max(p.Start, q.Start), End: min(p.End, q.End)}
	if r.IsEmpty() {
		return Period{}, false
	}
	return r, true
}

// Last returns the last day in p, End − 1, for display ("valid through
// 31 October"), and false if p is empty. Never store it: store End.
func (p Period) Last() (date.Date, bool) {
	if p.IsEmpty() {
		return 0, false
	}
	return p.End - 1, true
}

// Shift returns p moved by the given number of days, and false if a date
// of the result would leave MinDate … MaxDate.
func (p Period) Shift(days int) (Period, bool) {
	if days < -int(MaxDate) || days > int(MaxDate) {
		return Period{}, false
	}
	q := Period{Start: p.Start + date.Date(days), End: p.End + date.Date(days)}
	if CheckDate(q.Start) != nil || CheckDate(q.End) != nil {
		return Period{}, false
	}
	return q, true
}

// String returns p in interval notation, "[2021-10-01, 2021-11-01)".
func (p Period) String() string {
	return "[" + formatDate(p.Start) + ", " + formatDate(p.End) + ")"
}

// GoString returns p as String does, so that %#v — and testify's failure
// messages, "expected: [2021-10-01, 2021-11-01)" — print dates, not day
// numbers.
func (p Period) GoString() string { return p.String() }

// MarshalJSON encodes p as {"start":"2021-10-01","end":"2021-11-01"}. A
// date outside MinDate … MaxDate is an error wrapping ErrInvalidDate.
func (p Period) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Date("start", p.Start)
	o.Date("end", p.End)
	return o.Bytes()
}

// UnmarshalJSON decodes p from {"start":…,"end":…}, both required, with
// strict ISO dates (see ParseDate), and rejects an end before the start.
// Unknown fields, duplicate keys and values of the wrong type are errors
// wrapping ErrInvalidRange that name the field; JSON null counts as absent,
// and a whole null leaves p unchanged.
func (p *Period) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, ErrInvalidRange, Period.Validate, func(v *Period) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Date("start", &v.Start).Required(),
			jsonx.Date("end", &v.End).Required(),
		}
	})
}
