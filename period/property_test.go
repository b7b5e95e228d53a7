package period_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// Generators.

var units = []period.Unit{period.Day, period.Week, period.Month, period.Year}

// genRecurrence draws a valid recurrence of any unit, Every 1 to 36.
func genRecurrence() *rapid.Generator[period.Recurrence] {
	return rapid.Custom(func(t *rapid.T) period.Recurrence {
		return period.Recurrence{
			Unit:  rapid.SampledFrom(units).Draw(t, "unit"),
			Every: rapid.IntRange(1, 36).Draw(t, "every"),
		}
	})
}

// genAnchor draws a date between 1600 and 2400, often near the end of its
// month, where clamping happens.
func genAnchor() *rapid.Generator[date.Date] {
	return rapid.Custom(func(t *rapid.T) date.Date {
		y := rapid.IntRange(1600, 2400).Draw(t, "year")
		m := rapid.IntRange(1, 12).Draw(t, "month")
		dim := naiveDaysIn(y, m)
		d := rapid.OneOf(rapid.IntRange(1, dim), rapid.IntRange(dim-3, dim)).Draw(t, "day")
		return date.New(y, time.Month(m), d)
	})
}

func genSchedule() *rapid.Generator[period.Schedule] {
	return rapid.Custom(func(t *rapid.T) period.Schedule {
		return period.Schedule{Anchor: genAnchor().Draw(t, "anchor"), Every: genRecurrence().Draw(t, "recurrence")}
	})
}

// The oracle: a naive schedule, independent of the code under test. It
// walks boundaries in order from the anchor; month steps are taken one
// month at a time, and the anchor's day is clamped to the month reached
// using schoolbook leap-year rules. Dates are built with date.New, which
// goes through the standard library's time package.

func naiveDaysIn(y, m int) int {
	switch m {
	case 2:
		if y%400 == 0 || y%4 == 0 && y%100 != 0 {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

type oracle struct {
	every  period.Recurrence
	day    int       // the anchor's day of month
	y, m   int       // the month of boundary k (month and year units)
	k      int       // the index of the current boundary
	cur    date.Date // boundary k
	monthy bool
}

func newOracle(s period.Schedule) oracle {
	y, m, d := s.Anchor.Date()
	return oracle{every: s.Every, day: d, y: y, m: int(m), cur: s.Anchor,
		monthy: s.Every.Unit == period.Month || s.Every.Unit == period.Year}
}

// next returns the oracle moved on by one boundary.
func (o oracle) next() oracle {
	o.k++
	switch o.every.Unit {
	case period.Day:
		o.cur = o.cur.AddDate(0, 0, o.every.Every)
	case period.Week:
		o.cur = o.cur.AddDate(0, 0, 7*o.every.Every)
	default:
		n := o.every.Every
		if o.every.Unit == period.Year {
			n *= 12
		}
		for range n {
			o.m++
			if o.m > 12 {
				o.m, o.y = 1, o.y+1
			}
		}
		o.cur = date.New(o.y, time.Month(o.m), min(o.day, naiveDaysIn(o.y, o.m)))
	}
	return o
}

// period returns the oracle's current period, [boundary k, boundary k+1).
func (o oracle) period() period.Period { return period.Period{Start: o.cur, End: o.next().cur} }

// seek returns the oracle at the period that holds d ≥ anchor.
func (o oracle) seek(d date.Date) oracle {
	for {
		n := o.next()
		if n.cur > d {
			return o
		}
		o = n
	}
}

// Properties.

func TestPropTiling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchedule().Draw(t, "s")
		k := rapid.IntRange(-200, 2000).Draw(t, "k")
		p, ok1 := s.Period(k)
		q, ok2 := s.Period(k + 1)
		if !ok1 || !ok2 {
			// Past the bounds of dates: only a period with a boundary
			// outside 0001-01-01 … 9999-12-31 is refused.
			for j, ok := range []bool{ok1, ok2} {
				_, okA := s.Boundary(k + j)
				_, okB := s.Boundary(k + j + 1)
				if !ok && okA && okB {
					t.Fatalf("Period(%d) refused, but Boundary(%d) and Boundary(%d) exist", k+j, k+j, k+j+1)
				}
			}
			return
		}
		if p.End != q.Start {
			t.Fatalf("Period(%d) = %s, Period(%d) = %s: they do not tile", k, p, k+1, q)
		}
		if p.Start != boundary(s, k) || p.End != boundary(s, k+1) {
			t.Fatalf("Period(%d) = %s; want [Boundary(%d), Boundary(%d)) = [%s, %s)", k, p, k, k+1, boundary(s, k), boundary(s, k+1))
		}
		if p.IsEmpty() || p.Days() < s.Every.MinDays() {
			t.Fatalf("Period(%d) = %s has %d days; want at least MinDays = %d", k, p, p.Days(), s.Every.MinDays())
		}
		if k >= 0 {
			if got, ok := s.Index(p.Start); !ok || got != k {
				t.Fatalf("Index(%s) = %d, %t; want %d, true", p.Start, got, ok, k)
			}
			if last, _ := p.Last(); !func() bool { got, ok := s.Index(last); return ok && got == k }() {
				t.Fatalf("Index(%s), the last day of period %d, is not %d", last, k, k)
			}
		}
	})
}

// genOffset draws a distance in days from the anchor: mostly within a few
// years, sometimes up to 400 years.
func genOffset(t *rapid.T) int {
	return rapid.OneOf(rapid.IntRange(0, 2000), rapid.IntRange(0, 146097)).Draw(t, "offset")
}

func TestPropIndexAgreesWithOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchedule().Draw(t, "s")
		d := s.Anchor + date.Date(genOffset(t))
		o := newOracle(s).seek(d)
		k, ok := s.Index(d)
		if !ok || k != o.k {
			t.Fatalf("Index(%s) = %d, %t; want %d, true (oracle)", d, k, ok, o.k)
		}
		p, k, ok := s.PeriodOf(d)
		if want := o.period(); !ok || k != o.k || p != want {
			t.Fatalf("PeriodOf(%s) = %s, %d, %t; want %s, %d, true (oracle)", d, p, k, ok, want, o.k)
		}
		before := s.Anchor - date.Date(rapid.IntRange(1, 146097).Draw(t, "before"))
		if k, ok := s.Index(before); ok {
			t.Fatalf("Index(%s) = %d, true before the anchor %s; want false", before, k, s.Anchor)
		}
	})
}

func TestPropEveryDayInExactlyOnePeriod(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchedule().Draw(t, "s")
		from := s.Anchor + date.Date(rapid.IntRange(0, 3000).Draw(t, "from"))
		n := rapid.IntRange(1, 400).Draw(t, "days")
		o := newOracle(s).seek(from)
		for d := from; d < from+date.Date(n); d++ {
			o = o.seek(d)
			k, ok := s.Index(d)
			if !ok || k != o.k {
				t.Fatalf("Index(%s) = %d, %t; want %d, true (oracle)", d, k, ok, o.k)
			}
			holders := 0
			for j := k - 1; j <= k+1; j++ {
				if j >= 0 && periodAt(s, j).Contains(d) {
					holders++
					if j != k {
						t.Fatalf("Period(%d) = %s holds %s; want only Period(%d)", j, periodAt(s, j), d, k)
					}
				}
			}
			if holders != 1 {
				t.Fatalf("%s lies in %d of periods %d..%d; want 1", d, holders, k-1, k+1)
			}
		}
	})
}

func TestPropBoundariesDoNotDrift(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchedule().Draw(t, "s")
		ay, am, ad := s.Anchor.Date()
		switch s.Every.Unit {
		case period.Month, period.Year:
			step := s.Every.Every
			if s.Every.Unit == period.Year {
				step *= 12
			}
			k := rapid.IntRange(-4800/step, 4800/step).Draw(t, "k")
			b := boundary(s, k)
			y, m, d := b.Date()
			if got, want := y*12+int(m)-1, ay*12+int(am)-1+k*step; got != want {
				t.Fatalf("Boundary(%d) = %s: month %d; want month %d", k, b, got, want)
			}
			if want := min(ad, naiveDaysIn(y, int(m))); d != want {
				t.Fatalf("Boundary(%d) = %s; want day %d (anchor %s)", k, b, want, s.Anchor)
			}
		default:
			days := s.Every.Every
			if s.Every.Unit == period.Week {
				days *= 7
			}
			k := rapid.IntRange(-146097/days, 146097/days).Draw(t, "k")
			if b, want := boundary(s, k), s.Anchor.AddDate(0, 0, k*days); b != want {
				t.Fatalf("Boundary(%d) = %s; want %s", k, b, want)
			}
		}
	})
}

func TestPropRecurrenceText(t *testing.T) {
	t.Run("parse(print(r)) = r", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			r := period.Recurrence{
				Unit:  rapid.SampledFrom(units).Draw(t, "unit"),
				Every: rapid.OneOf(rapid.IntRange(1, 36), rapid.IntRange(1, period.Year.MaxEvery())).Draw(t, "every"),
			}
			got, err := period.ParseRecurrence(r.String())
			if err != nil || got != r {
				t.Fatalf("ParseRecurrence(%q) = %+v, %v; want %+v", r.String(), got, err, r)
			}
			b, err := r.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText(%+v) error: %v", r, err)
			}
			var back period.Recurrence
			if err := back.UnmarshalText(b); err != nil || back != r {
				t.Fatalf("UnmarshalText(%q) = %+v, %v; want %+v", b, back, err, r)
			}
		})
	})
	t.Run("print(parse(s)) = s", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			s := "P" + strconv.Itoa(rapid.IntRange(1, period.Year.MaxEvery()).Draw(t, "n")) + rapid.SampledFrom([]string{"D", "W", "M", "Y"}).Draw(t, "unit")
			r, err := period.ParseRecurrence(s)
			if err != nil {
				t.Fatalf("ParseRecurrence(%q) error: %v", s, err)
			}
			if got := r.String(); got != s {
				t.Fatalf("ParseRecurrence(%q).String() = %q", s, got)
			}
		})
	})
	t.Run("any accepted text prints back", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			s := rapid.StringMatching(`[Pp]?[-+0-9.,]{0,7}[DWMYTHdwmy]{0,2}`).Draw(t, "s")
			r, err := period.ParseRecurrence(s)
			if err != nil {
				return
			}
			if r.Validate() != nil || r.String() != s {
				t.Fatalf("ParseRecurrence(%q) = %+v (%q), Validate() = %v", s, r, r.String(), r.Validate())
			}
		})
	})
}

func TestPropPeriods(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchedule().Draw(t, "s")
		from := s.Anchor + date.Date(rapid.IntRange(-500, 5000).Draw(t, "from"))
		to := from + date.Date(rapid.IntRange(-20, 1500).Draw(t, "length"))

		// Expected: every period k ≥ 0 that overlaps [from, to), in order.
		var want []period.Period
		if to > from {
			for o := newOracle(s); o.cur < to; o = o.next() {
				if p := o.period(); p.End > from {
					want = append(want, p)
				}
			}
		}
		got := collect(s.Periods(spanOf(from, to)))
		if !slices.Equal(got, want) {
			t.Fatalf("Periods(%s, %s) = %v; want %v", from, to, got, want)
		}
		r := period.Period{Start: from, End: to}
		for _, p := range got {
			if !p.Overlaps(r) {
				t.Fatalf("Periods(%s, %s) yielded %s, which does not overlap", from, to, p)
			}
		}

		// PeriodsFrom starts at the same period and goes on.
		n := 0
		start := newOracle(s)
		if from > s.Anchor {
			start = start.seek(from)
		}
		for p := range s.PeriodsFrom(from) {
			if want := start.period(); p != want {
				t.Fatalf("PeriodsFrom(%s)[%d] = %s; want %s", from, n, p, want)
			}
			start = start.next()
			if n++; n == 5 {
				break
			}
		}
	})
}

func TestPropNext(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchedule().Draw(t, "s")
		d := s.Anchor + date.Date(rapid.IntRange(-1000, 20000).Draw(t, "d"))
		n, ok := s.Next(d)
		if !ok || n <= d {
			t.Fatalf("Next(%s) = %s, %t; want a date after it", d, n, ok)
		}
		// The oracle's first boundary after d.
		o := newOracle(s)
		for o.cur <= d {
			o = o.next()
		}
		if n != o.cur {
			t.Fatalf("Next(%s) = %s; want %s, boundary %d (oracle)", d, n, o.cur, o.k)
		}
		if k, ok := s.Index(n); !ok || boundary(s, k) != n {
			t.Fatalf("Next(%s) = %s is not a boundary", d, n)
		}
		if d >= s.Anchor {
			k1, _ := s.Index(d)
			k2, _ := s.Index(n - 1)
			if k1 != k2 {
				t.Fatalf("a boundary lies between %s and Next = %s", d, n)
			}
		}
	})
}

func TestPropCoverageAddsUp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchedule().Draw(t, "s")
		from := s.Anchor + date.Date(rapid.IntRange(0, 3000).Draw(t, "from"))
		r := period.Period{Start: from, End: from + date.Date(rapid.IntRange(0, 800).Draw(t, "days"))}
		sum := 0
		for p := range s.Periods(spanOf(r.Start, r.End)) {
			f, err := period.Coverage(p, r)
			if err != nil {
				t.Fatalf("Coverage(%s, %s) error: %v", p, r, err)
			}
			if f.Num < 1 || f.Num > f.Den || f.Den != p.Days() {
				t.Fatalf("Coverage(%s, %s) = %v", p, r, f)
			}
			sum += f.Num
		}
		if sum != r.Days() {
			t.Fatalf("coverages of %s over its periods add up to %d days; want %d", r, sum, r.Days())
		}
	})
}

func TestPropPeriodAlgebra(t *testing.T) {
	genPeriod := rapid.Custom(func(t *rapid.T) period.Period {
		start := date.Date(rapid.IntRange(738000, 738060).Draw(t, "start"))
		return period.Period{Start: start, End: start + date.Date(rapid.IntRange(0, 40).Draw(t, "days"))}
	})
	rapid.Check(t, func(t *rapid.T) {
		p, q := genPeriod.Draw(t, "p"), genPeriod.Draw(t, "q")
		shared := 0
		for d := min(p.Start, q.Start) - 1; d <= max(p.End, q.End); d++ {
			if p.Contains(d) && q.Contains(d) {
				shared++
			}
		}
		in, ok := p.Intersect(q)
		if ok != (shared > 0) || p.Overlaps(q) != ok || q.Overlaps(p) != ok || in.Days() != shared {
			t.Fatalf("%s and %s share %d days; Intersect = %s, %t; Overlaps = %t", p, q, shared, in, ok, p.Overlaps(q))
		}
		if there, ok := p.Shift(17); ok {
			if back, ok := there.Shift(-17); !ok || back != p {
				t.Fatalf("%s.Shift(17).Shift(-17) = %s, %t", p, back, ok)
			}
		}
	})
}
