package subscription_test

import (
	"encoding/json"
	"fmt"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// hostileDateViews: the views of one date asked about the ends of
// date.Date and the last days of the calendar, and the JSON of what is
// shown near 9999-12-31.
func hostileDateViews(c *hostileCorpus, fx hostileFixtures) {
	var zero subscription.Subscription
	state := func(s subscription.Subscription, d date.Date, want subscription.State) func() error {
		return func() error {
			if got := s.StatusOn(d).State; got != want && (want != 0 || !got.Valid()) {
				return fmt.Errorf("StatusOn(%s) = %s; want %s", d, got, want)
			}
			return nil
		}
	}
	c.view("StatusOn MinInt64", state(fx.base, hMinInt, subscription.Pending))
	c.view("StatusOn MaxInt64 after the term", state(fx.base, hMaxInt, subscription.Terminated))
	c.view("StatusOn MaxInt64 without end", state(fx.open, hMaxInt, 0))
	c.view("StatusOn 10000-01-01 without end", state(fx.openLate, hY10000, 0))
	c.view("StatusOn of the zero Subscription", func() error {
		if st := zero.StatusOn(hMaxInt); st != (subscription.Status{}) {
			return fmt.Errorf("StatusOn = %v; want the zero Status", st)
		}
		return nil
	})
	c.view("Start of the zero Subscription", func() error {
		// Issue 12 and STYLE 9: no zero date that means "unset". The zero
		// Subscription has no start: IsZero says so, and Start's zero
		// date.Date is documented as meaningless then.
		if !zero.IsZero() || zero.Start() != 0 || zero.Anchor() != 0 {
			return fmt.Errorf("IsZero() = %v, Start() = %s for a subscription without terms", zero.IsZero(), zero.Start())
		}
		return nil
	})
	c.view("Entitled MinInt64", func() error {
		if fx.base.Entitled(hMinInt) {
			return fmt.Errorf("entitled before the start")
		}
		return nil
	})
	next := func(name string, fn func(date.Date) (date.Date, bool), after date.Date, want date.Date, ok bool) {
		c.view(name, func() error {
			got, gotOK := fn(after)
			if gotOK != ok || (ok && got != want) {
				return fmt.Errorf("(%s) = %s, %v; want %s, %v", after, got, gotOK, want, ok)
			}
			return nil
		})
	}
	next("NextAction MaxInt64", fx.open.NextAction, hMaxInt, 0, false)
	next("NextAction 9999-12-31", fx.openLate.NextAction, period.MaxDate, 0, false)
	next("NextAction MinInt64", fx.base.NextAction, hMinInt, hStart, true)
	next("NextAction of the zero Subscription", zero.NextAction, hMinInt, 0, false)
	next("NextRenewal MaxInt64", fx.open.NextRenewal, hMaxInt, 0, false)
	next("NextRenewal 9999-12-20", fx.openLate.NextRenewal, hDay("9999-12-20"), 0, false)
	next("NextRenewal 9999-11-20", fx.openLate.NextRenewal, hDay("9999-11-20"), 0, false)
	next("NextRenewal MinInt64", fx.base.NextRenewal, hMinInt, hStart, true)
	next("TerminationDate near 9999", func(date.Date) (date.Date, bool) { return fx.nearEnd.TerminationDate() }, 0, hDay("9999-12-01"), true)
	c.view("PlanOn MinInt64", func() error { return hSamePlan(fx.base.PlanOn(hMinInt), hPlan()) })
	c.view("PlanOn MaxInt64", func() error { return hSamePlan(fx.open.PlanOn(hMaxInt), fx.open.Plan()) })
	c.view("Pauses of a reason not UTF-8", func() error {
		for p := range fx.paused.Pauses(hNotUTF8) {
			return fmt.Errorf("pause %d listed", p.ID)
		}
		return nil
	})
	hostilePreviewViews(c, fx)
	hostileRoundTrips(c, fx)
}

// hostilePreviewViews: PreviewFlexiblePause of reversed days and of days
// outside the calendar.
func hostilePreviewViews(c *hostileCorpus, fx hostileFixtures) {
	touches := func(s subscription.Subscription, days period.Period, max int) func() error {
		return func() error {
			n := 0
			for tc := range s.PreviewFlexiblePause(days) {
				if err := hCheckDates(fmt.Sprint("touch ", tc.Period), tc.Period.Start, tc.Period.End); err != nil {
					return err
				}
				n++
			}
			if n > max {
				return fmt.Errorf("%d periods touched; want at most %d", n, max)
			}
			return nil
		}
	}
	c.view("PreviewFlexiblePause reversed", touches(fx.base, hPer("2025-05-01", "2025-04-01"), 0))
	c.view("PreviewFlexiblePause of every day", touches(fx.base, period.Period{Start: hMinInt, End: hMaxInt}, 12))
	c.view("PreviewFlexiblePause into 10000", touches(fx.openLate, period.Period{Start: hDay("9999-11-01"), End: hMaxInt}, 2))
}

// hostileRoundTrips: what is shown near the ends of the calendar encodes
// to JSON that decodes back to the same bytes.
func hostileRoundTrips(c *hostileCorpus, fx hostileFixtures) {
	whole := period.Period{Start: period.MinDate, End: period.MaxDate}
	timeline := func(s subscription.Subscription, span period.Period, asOf date.Date) func() error {
		return func() error {
			tl, err := s.Timeline(span, asOf)
			if err != nil {
				return fmt.Errorf("Timeline(%s): %w", span, err)
			}
			return hRoundTrip(tl, new(subscription.Timeline))
		}
	}
	c.view("Timeline JSON of 9999, without end", timeline(fx.openLate, hPer("9999-01-01", "9999-12-31"), hDay("9999-06-01")))
	c.view("Timeline JSON of the calendar, from 9990", timeline(fx.nearEnd, whole, hDay("9995-01-01")))
	c.view("Timeline JSON of the calendar, paused", timeline(fx.paused, whole, hDay("2025-05-01")))
	for _, v := range []struct {
		name string
		s    subscription.Subscription
	}{{"from 9990", fx.nearEnd}, {"from 9999", fx.openLate}, {"failed", fx.failed}, {"paused", fx.paused}} {
		c.view("Subscription JSON, "+v.name, func() error { return hRoundTrip(v.s, new(subscription.Subscription)) })
	}
	c.view("RetryPeriods JSON, failed", func() error {
		for rp := range fx.failed.RetryPeriods() {
			if err := hRoundTrip(rp, new(subscription.RetryPeriod)); err != nil {
				return err
			}
		}
		return nil
	})
}

// hRoundTrip checks that v encodes, decodes into back and encodes to the
// same bytes.
func hRoundTrip(v any, back json.Unmarshaler) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding: %w", err)
	}
	if err := back.UnmarshalJSON(b); err != nil {
		return fmt.Errorf("%s does not decode: %w", b, err)
	}
	b2, err := json.Marshal(back)
	if err != nil || string(b2) != string(b) {
		return fmt.Errorf("decode∘encode is not the identity: %s then %s (%v)", b, b2, err)
	}
	return nil
}

// hSamePlan reports plans whose JSON differ.
func hSamePlan(got, want subscription.Plan) error {
	g, err1 := json.Marshal(got)
	w, err2 := json.Marshal(want)
	if err1 != nil || err2 != nil || string(g) != string(w) {
		return fmt.Errorf("plan %s; want %s (%v, %v)", g, w, err1, err2)
	}
	return nil
}
