package pause_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

var (
	genDate = rapid.Custom(func(t *rapid.T) date.Date {
		lo, hi := date.New(1990, time.January, 1), date.New(2110, time.December, 31)
		return date.Date(rapid.Int64Range(int64(lo), int64(hi)).Draw(t, "date"))
	})
	genRecurrence = rapid.Custom(func(t *rapid.T) period.Recurrence {
		unit := rapid.SampledFrom([]period.Unit{period.Day, period.Week, period.Month, period.Year}).Draw(t, "unit")
		return period.Recurrence{Every: rapid.IntRange(1, 3).Draw(t, "every"), Unit: unit}
	})
	genSchedule = rapid.Custom(func(t *rapid.T) period.Schedule {
		return period.Schedule{Anchor: genDate.Draw(t, "anchor"), Every: genRecurrence.Draw(t, "recurrence")}
	})
	genCurrency = rapid.SampledFrom([]invoice.Currency{invoice.EUR, invoice.USD, invoice.JPY, invoice.KWD, invoice.GBP, invoice.CHF})
	genMoney    = rapid.Custom(func(t *rapid.T) invoice.Money {
		c := genCurrency.Draw(t, "currency")
		m, _ := invoice.FromMinor(rapid.Int64Range(0, 1e12).Draw(t, "minor"), c)
		return m
	})
	genRange = func(around date.Date, maxDays int) *rapid.Generator[period.Period] {
		return rapid.Custom(func(t *rapid.T) period.Period {
			start := around + date.Date(rapid.IntRange(-400, 2000).Draw(t, "offset"))
			return period.Period{Start: start, End: start + date.Date(rapid.IntRange(1, maxDays).Draw(t, "days"))}
		})
	}
	genReason = rapid.StringMatching(`[a-z][a-z ]{0,15}`)
)

// TestPropertyTouched checks Touched against a day-by-day walk: each paused
// day on or after the anchor falls in exactly one touched period, and the
// paused days add up to the days of the pause that the periods cover.
func TestPropertyTouched(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchedule.Draw(t, "schedule")
		days := genRange(s.Anchor, 800).Draw(t, "pause")
		got := slices.Collect(pause.Touched(s.PeriodsFrom(s.Anchor), days))

		covered := period.Period{Start: s.Anchor, End: days.End}
		want := 0
		if in, ok := days.Intersect(covered); ok {
			want = in.Days()
		}
		sum := 0
		for i, tc := range got {
			sum += tc.PausedDays
			if tc.PausedDays < 1 || tc.PausedDays > tc.Days || tc.Days != tc.Period.Days() {
				t.Fatalf("touch %d = %+v", i, tc)
			}
			if i > 0 && got[i-1].Period.End != tc.Period.Start {
				t.Fatalf("touch %d %s does not follow %s", i, tc.Period, got[i-1].Period)
			}
		}
		if sum != want {
			t.Fatalf("paused days sum to %d; want %d (pause %s, anchor %s)", sum, want, days, s.Anchor)
		}
		// Oracle: walk the days one by one.
		for d := days.Start; d < days.End; d++ {
			p, _, ok := s.PeriodOf(d)
			if !ok {
				continue
			}
			n := 0
			for _, tc := range got {
				if tc.Period == p {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("day %s in %s found in %d touches", d, p, n)
			}
		}
	})
}

// TestPropertySplit checks that the suggestion and the paused part add up
// to the amount exactly, and that the suggestion is the prorated amount
// within one minor unit.
func TestPropertySplit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		amount := genMoney.Draw(t, "amount")
		n := rapid.IntRange(1, 400).Draw(t, "days")
		tc := pause.Touch{PausedDays: rapid.IntRange(0, n).Draw(t, "paused"), Days: n}
		kept, paused, err := pause.Split(amount, tc)
		if err != nil {
			t.Fatal(err)
		}
		suggested, err := pause.SuggestedAmount(amount, tc)
		if err != nil {
			t.Fatal(err)
		}
		if suggested != kept {
			t.Fatalf("SuggestedAmount = %s, Split kept %s", suggested, kept)
		}
		sum, err := kept.Add(paused)
		if err != nil || sum != amount {
			t.Fatalf("%s + %s = %s; want %s", kept, paused, sum, amount)
		}
		exact, _ := amount.MulRatio(int64(tc.UnpausedDays()), int64(n))
		diff, _ := kept.Sub(exact)
		if diff.Minor() < -1 || diff.Minor() > 1 {
			t.Fatalf("suggested %s, prorated %s", kept, exact)
		}
		if kept.IsNegative() || paused.IsNegative() {
			t.Fatalf("negative part: %s, %s", kept, paused)
		}
	})
}

// TestPropertyPassKeepsDays checks that a pass keeps its days across a
// freeze and an unfreeze, and its sessions.
func TestPropertyPassKeepsDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := genDate.Draw(t, "start")
		n := rapid.IntRange(1, 1000).Draw(t, "days")
		sessions := rapid.IntRange(0, 50).Draw(t, "sessions")
		p := pause.Pass{Valid: period.Period{Start: start, End: start + date.Date(n)}, Sessions: sessions}
		if sessions > 0 {
			p.Used = rapid.IntRange(0, sessions).Draw(t, "used")
		}
		from := start + date.Date(rapid.IntRange(0, n-1).Draw(t, "from"))
		frozen, err := p.Freeze(from)
		if err != nil {
			t.Fatal(err)
		}
		on := from + date.Date(rapid.IntRange(0, 1000).Draw(t, "delay"))
		back, err := frozen.Unfreeze(on)
		if err != nil {
			t.Fatal(err)
		}
		if got := frozen.Valid.Days() + back.Valid.Days(); got != n {
			t.Fatalf("%d days before the freeze + %d after = %d; want %d", frozen.Valid.Days(), back.Valid.Days(), got, n)
		}
		if back.Valid.Start != on || back.IsFrozen() || back.Sessions != p.Sessions || back.Used != p.Used {
			t.Fatalf("unfrozen %+v from %+v", back, p)
		}
		if err := back.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

var genFlexible = rapid.Custom(func(t *rapid.T) pause.Flexible {
	s := genSchedule.Draw(t, "schedule")
	f := pause.Flexible{Days: genRange(s.Anchor, 200).Draw(t, "days"), Reason: genReason.Draw(t, "reason")}
	for _, tc := range slices.Collect(pause.Touched(s.PeriodsFrom(s.Anchor), f.Days)) {
		switch rapid.IntRange(0, 2).Draw(t, "override") {
		case 1:
			f.Overrides = append(f.Overrides, pause.InvoiceOverride{Period: tc.Period, Mode: pause.Prorated})
		case 2:
			f.Overrides = append(f.Overrides, pause.InvoiceOverride{Period: tc.Period, Mode: pause.FixedAmount, Amount: ptrTo(genMoney.Draw(t, "amount"))})
		}
	}
	f.Extension.Periods = rapid.IntRange(0, 5).Draw(t, "extension")
	if rapid.Bool().Draw(t, "extension amount") {
		m := genMoney.Draw(t, "extension amount")
		f.Extension.Amount = &m
	}
	return f
})

func TestPropertyJSONRoundTrip(t *testing.T) {
	t.Run("Flexible", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			f := genFlexible.Draw(t, "pause")
			if err := f.Validate(); err != nil {
				t.Fatalf("generated %+v: %v", f, err)
			}
			b, err := json.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			var back pause.Flexible
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if !flexibleEqual(f, back) {
				t.Fatalf("%s decoded to %+v", b, back)
			}
		})
	})
	t.Run("WholePeriod", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			s := genSchedule.Draw(t, "schedule")
			w := pause.WholePeriod{Reason: genReason.Draw(t, "reason"), SkipOnly: rapid.Bool().Draw(t, "skip")}
			k := rapid.IntRange(0, 20).Draw(t, "first")
			for range rapid.IntRange(1, 5).Draw(t, "count") {
				p, _ := s.Period(k)
				w.Periods = append(w.Periods, p)
				k += rapid.IntRange(1, 3).Draw(t, "step")
			}
			b, err := json.Marshal(w)
			if err != nil {
				t.Fatal(err)
			}
			var back pause.WholePeriod
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if back.Reason != w.Reason || back.SkipOnly != w.SkipOnly || len(back.Periods) != len(w.Periods) {
				t.Fatalf("%s decoded to %+v", b, back)
			}
			for i := range w.Periods {
				if back.Periods[i] != w.Periods[i] {
					t.Fatalf("%s decoded to %+v", b, back)
				}
			}
		})
	})
	t.Run("Pass", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			start := genDate.Draw(t, "start")
			n := rapid.IntRange(1, 1000).Draw(t, "days")
			p := pause.Pass{Valid: period.Period{Start: start, End: start + date.Date(n)}, Sessions: rapid.IntRange(0, 50).Draw(t, "sessions")}
			if p.Sessions > 0 {
				p.Used = rapid.IntRange(0, p.Sessions).Draw(t, "used")
			}
			if rapid.Bool().Draw(t, "frozen") {
				var err error
				p, err = p.Freeze(start + date.Date(rapid.IntRange(0, n-1).Draw(t, "from")))
				if err != nil {
					t.Fatal(err)
				}
			}
			b, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			var back pause.Pass
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if !back.Equal(p) {
				t.Fatalf("%s decoded to %+v; want %+v", b, back, p)
			}
		})
	})
}

func ptrTo[T any](v T) *T { return &v }
