// Package period is billcycle's calendar core: recurrence units, half-open
// date ranges, anchored billing schedules and exact proration fractions.
//
// # Dates
//
// Dates are civil dates (date.Date from github.com/rickb777/date/v2): no time
// of day, no zone. The caller maps its instants to the business's local date.
// ParseDate reads ISO dates strictly: "2021-02-30" is an error, not March 2.
//
// Every date billcycle accepts or returns lies in MinDate … MaxDate,
// 0001-01-01 … 9999-12-31, the years an ISO text can write. CheckDate
// tells; a date outside is an error wrapping ErrInvalidDate wherever it is
// given, and no computation returns one: a billing period whose end would
// fall after 9999-12-31 does not exist, so lookups report false and
// sequences stop before it.
//
// # Periods are half-open
//
// A Period is [Start, End): End is the first day after it. A monthly period
// starting 2021-10-01 is [2021-10-01, 2021-11-01). Inclusive last days are a
// display helper (Period.Last), never storage.
//
// # Recurrences
//
// A Recurrence is Every × Unit, Unit being Day, Week, Month or Year. Its text
// form is a one-unit ISO 8601 duration: P1D, P10D, P2W, P1M, P3M, P1Y.
// FromProAbono maps ProAbono's DurationRecurrence/UnitRecurrence pair. Its
// length is bounded, not only its count: at most MaxYears (100) years
// whatever the unit — P36500D, P5200W, P1200M, P100Y — so P9000Y and
// P366000M are errors.
//
// # Schedules are anchored, never chained
//
// Boundary k of a Schedule is Anchor + k × Every, computed from the anchor,
// the day of month clamped to the length of the month:
//
//	anchor       every  boundaries 1, 2, 3
//	2021-01-31   P1M    2021-02-28  2021-03-31  2021-04-30
//	2024-01-31   P1M    2024-02-29  2024-03-31  2024-04-30
//	2024-02-29   P1Y    2025-02-28  2026-02-28  2027-02-28  (2028-02-29)
//	2022-06-03   P1W    2022-06-10  2022-06-17  2022-06-24
//
// Chaining (adding one month to the previous boundary) would drift to the
// 28th or 29th for ever after February; anchoring never does. The period
// that holds a date is found by arithmetic in constant time, however old the
// schedule.
//
// # Proration
//
// Coverage gives the exact fraction of a period's days that a range covers,
// as whole days over whole days; money is rounded later, once, on the
// invoice line.
//
// # Lookups and sequences
//
// Lookups that may find nothing return a bool beside their value, never a
// zero value that means "none": Boundary, Period, Index, PeriodOf, Next,
// Period.Intersect, Period.Last, Period.Shift. Ranges are Periods
// (half-open); sequences are iter.Seq (Schedule.Periods, PeriodsFrom).
//
// # Text forms
//
// A Period's JSON form is {"start":"2021-10-01","end":"2021-11-01"}, both
// required. Its decoder is strict, like every decoder of billcycle:
// unknown fields, duplicate keys, values of the wrong type and data after
// the object are errors naming the field; JSON null is the same as an
// absent field (an optional field keeps its zero value, a required one is
// an error naming it). Units and recurrences are text: "month", "P1M".
package period
