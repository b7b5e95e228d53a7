package period

import (
	"encoding/json"
	"fmt"

	"github.com/rickb777/date/v2"
)

// Period is a half-open range of days [Start, End): Start is the first day
// in the range and End the first day after it. A monthly period starting on
// 2021-10-01 is [2021-10-01, 2021-11-01), and a subscription "valid until
// 1 November" has End 2021-11-01. A Period with Start == End is empty.
//
// Periods are values, compared with ==.
type Period struct {
	// Start is the first day of the period.
	Start date.Date
	// End is the first day after the period.
	End date.Date
}

// New returns the period [start, end), or an error wrapping ErrInvalidRange
// if end is before start.
func New(start, end date.Date) (Period, error) {
	p := Period{Start: start, End: end}
	if err := p.Validate(); err != nil {
		return Period{}, err
	}
	return p, nil
}

// Validate returns an error wrapping ErrInvalidRange if End is before Start.
func (p Period) Validate() error {
	if p.End < p.Start {
		return fmt.Errorf("%w: end %s before start %s", ErrInvalidRange, p.End, p.Start)
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

// Shift returns p moved by the given number of days.
func (p Period) Shift(days int) Period {
	return Period{Start: p.Start + date.Date(days), End: p.End + date.Date(days)}
}

// String returns p in interval notation, "[2021-10-01, 2021-11-01)".
func (p Period) String() string {
	return "[" + p.Start.String() + ", " + p.End.String() + ")"
}

type periodJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// MarshalJSON encodes p as {"start":"2021-10-01","end":"2021-11-01"}.
func (p Period) MarshalJSON() ([]byte, error) {
	return json.Marshal(periodJSON{Start: p.Start.String(), End: p.End.String()})
}

// UnmarshalJSON decodes p from {"start":…,"end":…} with strict ISO dates
// (see ParseDate) and rejects an end before the start.
func (p *Period) UnmarshalJSON(data []byte) error {
	var raw periodJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("period: decoding period: %w", err)
	}
	start, err := ParseDate(raw.Start)
	if err != nil {
		return err
	}
	end, err := ParseDate(raw.End)
	if err != nil {
		return err
	}
	v, err := New(start, end)
	if err != nil {
		return err
	}
	*p = v
	return nil
}
