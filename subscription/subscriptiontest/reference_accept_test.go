package subscriptiontest_test

// The reference model checked on its own against DESIGN's numbers: the
// acceptance scenarios it covers, the library's worked tables, and what
// issue 10 says the defects it lists should give instead.

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

var refDate = period.MustParseDate

// refRun applies events to the model, each of which it must accept, and
// walks on to until.
func refRun(t *testing.T, cfg *refCfg, until string, events ...*refEvent) *world {
	t.Helper()
	m := newRefModel(cfg)
	for i, e := range events {
		e.id = i
		w, err := m.try(e)
		if err != nil {
			t.Fatalf("the model refuses %v: %v", e, err)
		}
		m.accept(w, e)
	}
	w := m.w.clone()
	w.to(refDate(until))
	if w.hits[hitModel] {
		t.Fatalf("the model cannot account for it: %s", w.why)
	}
	return w
}

// refRefusal returns the model's refusal of last after events.
func refRefusal(t *testing.T, cfg *refCfg, last *refEvent, events ...*refEvent) error {
	t.Helper()
	m := newRefModel(cfg)
	for i, e := range append(events, last) {
		e.id = i
		w, err := m.try(e)
		if e == last {
			return err
		}
		if err != nil {
			t.Fatalf("the model refuses %v: %v", e, err)
		}
		m.accept(w, e)
	}
	return nil
}

func refMonthly(price int64, start string) *refCfg {
	p := &refPlan{every: refEvery{refMonth, 1}, price: price}
	return &refCfg{plan: p, start: refDate(start), anchor: refDate(start)}
}

func ev(kind refKind, on string) *refEvent {
	return &refEvent{kind: kind, on: refDate(on), reason: subscription.ByBusiness}
}

// invoiceText lists the invoices as "issue period total", sorted by period.
func invoiceText(w *world) string {
	var out []string
	for _, inv := range w.invoices {
		out = append(out, inv.String())
	}
	return strings.Join(out, "; ")
}

func periodText(w *world) string {
	var out []string
	for _, s := range w.slots {
		p := s.shown.String()
		if s.pauseID >= 0 {
			p += " paused"
		}
		out = append(out, p)
	}
	return strings.Join(out, "; ")
}

func wantStates(t *testing.T, w *world, want map[string]subscription.State) {
	t.Helper()
	for d, st := range want {
		if got := w.stateOn(refDate(d)).state; got != st {
			t.Errorf("state on %s = %s; want %s", d, got, st)
		}
	}
}

func wantText(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

func TestReferenceCalendar(t *testing.T) {
	for _, tc := range []struct {
		name, start string
		every       refEvery
		want        string
	}{
		{"R-01", "2021-01-31", refEvery{refMonth, 1}, "2021-01-31 2021-02-28 2021-03-31 2021-04-30 2021-05-31"},
		{"R-02", "2024-01-31", refEvery{refMonth, 1}, "2024-01-31 2024-02-29 2024-03-31 2024-04-30 2024-05-31"},
		{"R-03", "2022-06-03", refEvery{refWeek, 1}, "2022-06-03 2022-06-10 2022-06-17 2022-06-24 2022-07-01"},
		{"R-06", "2024-02-29", refEvery{refYear, 1}, "2024-02-29 2025-02-28 2026-02-28 2027-02-28 2028-02-29"},
		{"P3M from a month end", "2023-11-30", refEvery{refMonth, 3}, "2023-11-30 2024-02-29 2024-05-30 2024-08-30 2024-11-30"},
	} {
		s := refSched{refDate(tc.start), tc.every}
		var got []string
		for k := range 5 {
			got = append(got, s.at(k).String())
			if i, ok := s.index(s.at(k)); !ok || i != k {
				t.Errorf("%s: index(%s) = %d, %t; want %d", tc.name, s.at(k), i, ok, k)
			}
		}
		wantText(t, tc.name, strings.Join(got, " "), tc.want)
	}
	r11 := refSched{refDate("2024-01-31"), refEvery{refMonth, 1}}
	if k := r11.containing(refDate("2124-03-15")); k != 1201 || r11.at(k).String() != "2124-02-29" || r11.at(k+1).String() != "2124-03-31" {
		t.Errorf("R-11: period of 2124-03-15 = %d, [%s, %s); want [2124-02-29, 2124-03-31)", k, r11.at(k), r11.at(k+1))
	}
	if got := (refEvery{refMonth, 1}).minDays(); got != 28 {
		t.Errorf("minDays(P1M) = %d; want 28", got)
	}
	// M-03/M-05-style rounding, half away from zero, once per line.
	for _, tc := range []struct {
		got, want int64
	}{
		{charge(1000, nil, 0, 14, 29), 483},
		{charge(10, []refDiscount{{percent: true, value: 1250}}, 0, 1, 1), 9},
		{charge(2990, []refDiscount{{percent: true, value: 2000}}, 0, 1, 1), 2392},
		{charge(500, []refDiscount{{value: 800}}, 0, 1, 1), 0},
		{charge(1000, []refDiscount{{value: 100, periods: 2}}, 2, 1, 1), 1000},
		{roundDiv(25, 1, 2), 13},
	} {
		if tc.got != tc.want {
			t.Errorf("amount %d; want %d", tc.got, tc.want)
		}
	}
}

func TestReferenceModelAcceptance(t *testing.T) {
	t.Run("S-01 restart within the period", func(t *testing.T) {
		w := refRun(t, refMonthly(1000, "2021-10-01"), "2022-01-01", ev(evSuspend, "2021-10-15"), ev(evRestart, "2021-10-20"))
		wantText(t, "invoices", invoiceText(w), "2021-10-01 [2021-10-01, 2021-11-01) 10.00; "+
			"2021-11-01 [2021-11-01, 2021-12-01) 10.00; 2021-12-01 [2021-12-01, 2022-01-01) 10.00")
		wantStates(t, w, map[string]subscription.State{"2021-10-14": subscription.Active, "2021-10-15": subscription.Suspended,
			"2021-10-19": subscription.Suspended, "2021-10-20": subscription.Active})
	})
	t.Run("S-02 restart after the period", func(t *testing.T) {
		w := refRun(t, refMonthly(1000, "2021-10-01"), "2021-12-11", ev(evSuspend, "2021-10-15"), ev(evRestart, "2021-11-10"))
		wantText(t, "invoices", invoiceText(w), "2021-10-01 [2021-10-01, 2021-11-01) 10.00; "+
			"2021-11-10 [2021-11-10, 2021-12-10) 10.00; 2021-12-10 [2021-12-10, 2022-01-10) 10.00")
		wantStates(t, w, map[string]subscription.State{"2021-11-01": subscription.Suspended, "2021-11-09": subscription.Suspended,
			"2021-11-10": subscription.Active})
	})
	t.Run("S-05 terminated", func(t *testing.T) {
		err := refRefusal(t, refMonthly(1000, "2021-10-01"), ev(evRestart, "2021-10-20"), ev(evTerminateNow, "2021-10-15"))
		if !errors.Is(err, subscription.ErrTerminated) {
			t.Errorf("restart after the termination: %v; want ErrTerminated", err)
		}
	})
	gym := func(price int64) *refCfg {
		c := refMonthly(price, "2025-01-15")
		c.plan.periods = 12
		return c
	}
	whole := func(on, from, to string, skip bool) *refEvent {
		e := ev(evWhole, on)
		e.whole, e.skip = []period.Period{{Start: refDate(from), End: refDate(to)}}, skip
		return e
	}
	for _, tc := range []struct {
		name  string
		skip  bool
		end   string
		count int
		total int64
	}{{"W-01 moved", false, "2026-02-15", 12, 58800}, {"W-02 skipped", true, "2026-01-15", 11, 53900}} {
		t.Run(tc.name, func(t *testing.T) {
			w := refRun(t, gym(4900), "2027-01-01", whole("2025-03-01", "2025-04-15", "2025-05-15", tc.skip))
			var sum int64
			for _, inv := range w.invoices {
				sum += inv.total
			}
			end, _ := w.end()
			wantText(t, "end, invoices, total", fmt.Sprint(end, len(w.invoices), sum), fmt.Sprintf("%s %d %d", tc.end, tc.count, tc.total))
			wantStates(t, w, map[string]subscription.State{"2025-04-15": subscription.Paused, "2025-05-15": subscription.Active})
		})
	}
	t.Run("W-06 invoiced period", func(t *testing.T) {
		err := refRefusal(t, gym(4900), whole("2025-04-20", "2025-04-15", "2025-05-15", false))
		if !errors.Is(err, subscription.ErrPeriodInvoiced) {
			t.Errorf("pausing the running period: %v; want ErrPeriodInvoiced", err)
		}
		refRun(t, gym(4900), "2025-07-01", whole("2025-04-20", "2025-05-15", "2025-06-15", false))
	})
	flex := func(ext int, amt *int64) *refEvent {
		e := ev(evFlexible, "2025-03-01")
		e.days, e.ext, e.extAmt = period.Period{Start: refDate("2025-03-10"), End: refDate("2025-04-21")}, ext, amt
		return e
	}
	t.Run("F-01 flexible pause", func(t *testing.T) {
		w := refRun(t, gym(3000), "2026-06-01", flex(0, nil))
		end, _ := w.end()
		wantText(t, "end and invoices", fmt.Sprint(end, len(w.invoices)), "2026-01-15 12")
		wantStates(t, w, map[string]subscription.State{"2025-03-09": subscription.Active, "2025-03-10": subscription.Paused,
			"2025-04-20": subscription.Paused, "2025-04-21": subscription.Active})
	})
	t.Run("F-02 extension", func(t *testing.T) {
		amt := int64(3000)
		w := refRun(t, gym(3000), "2026-06-01", flex(2, &amt))
		var sum int64
		for _, inv := range w.invoices {
			sum += inv.total
		}
		end, _ := w.end()
		wantText(t, "end, invoices, total", fmt.Sprint(end, len(w.invoices), sum), "2026-03-15 14 42000")
	})
	refAcceptPayments(t)
	refAcceptPlans(t)
}

func pay(kind refKind, on, due string) *refEvent {
	e := ev(kind, on)
	e.due = refDate(due)
	return e
}

func payer(r refRetry) *refCfg {
	c := refMonthly(1000, "2024-03-01")
	c.plan.retry = r
	return c
}

func refAcceptPayments(t *testing.T) {
	t.Run("Y-01 recovered", func(t *testing.T) {
		w := refRun(t, payer(refRetry{attempts: 5}), "2024-05-02", pay(evPayFail, "2024-04-01", "2024-04-01"),
			pay(evPayFail, "2024-04-02", "2024-04-01"), pay(evPaySucceed, "2024-04-03", "2024-04-01"))
		wantText(t, "invoices", invoiceText(w), "2024-03-01 [2024-03-01, 2024-04-01) 10.00; "+
			"2024-04-01 [2024-04-01, 2024-05-01) 10.00; 2024-05-01 [2024-05-01, 2024-06-01) 10.00")
		wantStates(t, w, map[string]subscription.State{"2024-04-01": subscription.PastDue, "2024-04-02": subscription.PastDue,
			"2024-04-03": subscription.Active})
		wantText(t, "retry", w.retries[0].view().String(), "{due 2024-04-01 recovered [{2024-04-02 failed} {2024-04-03 succeeded}] next 0001-01-01/false unpaid false}")
	})
	t.Run("Y-02 exhausted", func(t *testing.T) {
		w := refRun(t, payer(refRetry{attempts: 3}), "2024-06-01", pay(evPayFail, "2024-04-01", "2024-04-01"),
			pay(evPayFail, "2024-04-02", "2024-04-01"), pay(evPayFail, "2024-04-03", "2024-04-01"), pay(evPayFail, "2024-04-04", "2024-04-01"))
		end, _ := w.end()
		wantText(t, "end", end.String(), "2024-04-04")
		wantStates(t, w, map[string]subscription.State{"2024-04-03": subscription.PastDue, "2024-04-04": subscription.Terminated})
	})
	t.Run("Y-04 no retry: the charged invoice stays (issue 10 #6)", func(t *testing.T) {
		w := refRun(t, payer(refRetry{}), "2024-06-01", pay(evPayFail, "2024-04-01", "2024-04-01"))
		end, _ := w.end()
		wantText(t, "end", end.String(), "2024-04-01")
		wantText(t, "invoices", invoiceText(w), "2024-03-01 [2024-03-01, 2024-04-01) 10.00; 2024-04-01 [2024-04-01, 2024-05-01) 10.00")
		wantText(t, "periods", periodText(w), "[2024-03-01, 2024-04-01)")
	})
	t.Run("custom offsets", func(t *testing.T) {
		w := refRun(t, payer(refRetry{attempts: 4, offsets: []int{1, 3, 5, 7}}), "2024-04-03", pay(evPayFail, "2024-04-01", "2024-04-01"))
		wantText(t, "retry", w.retries[0].view().String(), "{due 2024-04-01 retrying [{2024-04-02 planned} {2024-04-04 planned} "+
			"{2024-04-06 planned} {2024-04-08 planned}] next 2024-04-02/true unpaid false}")
		if err := refRefusal(t, payer(refRetry{attempts: 4, offsets: []int{1, 3, 5, 7}}), pay(evPayFail, "2024-04-03", "2024-04-01"),
			pay(evPayFail, "2024-04-01", "2024-04-01")); !errors.Is(err, retry.ErrNotAttemptDay) {
			t.Errorf("failure on D+2: %v; want ErrNotAttemptDay", err)
		}
	})
	t.Run("exhausted, suspended, restarted before the unpaid period's end renews (issue 10 #1)", func(t *testing.T) {
		w := refRun(t, payer(refRetry{attempts: 3, exhausted: retry.Suspend}), "2024-05-11", pay(evPayFail, "2024-04-01", "2024-04-01"),
			pay(evPayFail, "2024-04-02", "2024-04-01"), pay(evPayFail, "2024-04-03", "2024-04-01"), pay(evPayFail, "2024-04-04", "2024-04-01"),
			ev(evRestart, "2024-04-10"))
		wantText(t, "invoices", invoiceText(w), "2024-03-01 [2024-03-01, 2024-04-01) 10.00; "+
			"2024-04-01 [2024-04-01, 2024-05-01) 10.00; 2024-04-10 [2024-04-10, 2024-05-10) 10.00; 2024-05-10 [2024-05-10, 2024-06-10) 10.00")
		wantStates(t, w, map[string]subscription.State{"2024-04-04": subscription.Suspended, "2024-04-10": subscription.Active})
	})
	t.Run("a suspension stops the retry period: unpaid, and payable (issue 10 #2)", func(t *testing.T) {
		w := refRun(t, payer(refRetry{attempts: 3}), "2024-05-01", pay(evPayFail, "2024-04-01", "2024-04-01"),
			ev(evSuspend, "2024-04-02"), pay(evPaySucceed, "2024-04-20", "2024-04-01"))
		wantText(t, "retry", w.retries[0].view().String(), "{due 2024-04-01 retrying [] next 0001-01-01/false unpaid false}")
		if w.unpaid != 0 {
			t.Errorf("unpaid invoices %d; want 0 once paid", w.unpaid)
		}
	})
}

func refAcceptPlans(t *testing.T) {
	t.Run("trials", func(t *testing.T) {
		five, one := int64(500), int64(100)
		for _, tc := range []struct {
			name   string
			trial  func(p *refPlan)
			invs   string
			active string
		}{
			{"days/free", func(p *refPlan) { p.trialDays = 14 },
				"2024-01-15 [2024-01-15, 2024-02-15) 10.00; 2024-02-15 [2024-02-15, 2024-03-15) 10.00; 2024-03-15 [2024-03-15, 2024-04-15) 10.00", "2024-01-15"},
			{"days/paid", func(p *refPlan) { p.trialDays, p.trialPrice = 14, &five },
				"2024-01-01 [2024-01-01, 2024-01-15) 5.00; 2024-01-15 [2024-01-15, 2024-02-15) 10.00; 2024-02-15 [2024-02-15, 2024-03-15) 10.00; 2024-03-15 [2024-03-15, 2024-04-15) 10.00", "2024-01-15"},
			{"periods/free", func(p *refPlan) { p.trialPeriods = 1 },
				"2024-02-01 [2024-02-01, 2024-03-01) 10.00; 2024-03-01 [2024-03-01, 2024-04-01) 10.00", "2024-02-01"},
			{"periods/paid", func(p *refPlan) { p.trialPeriods, p.trialPrice = 2, &one },
				"2024-01-01 [2024-01-01, 2024-02-01) 1.00; 2024-02-01 [2024-02-01, 2024-03-01) 1.00; 2024-03-01 [2024-03-01, 2024-04-01) 10.00", "2024-03-01"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := refMonthly(1000, "2024-01-01")
				tc.trial(c.plan)
				c.anchor = c.start + date.Date(c.plan.trialDays)
				w := refRun(t, c, "2024-04-01")
				wantText(t, "invoices", invoiceText(w), tc.invs)
				wantStates(t, w, map[string]subscription.State{"2024-01-01": subscription.Trial,
					tc.active: subscription.Active, (refDate(tc.active) - 1).String(): subscription.Trial})
			})
		}
	})
	t.Run("in arrears, terminated inside a period", func(t *testing.T) {
		c := refMonthly(1000, "2024-01-01")
		c.plan.arrears = true
		on := ev(evTerminateOn, "2024-02-05")
		on.eff = refDate("2024-02-15")
		w := refRun(t, c, "2024-06-01", on)
		wantText(t, "invoices", invoiceText(w), "2024-02-01 [2024-01-01, 2024-02-01) 10.00; 2024-02-15 [2024-02-01, 2024-02-15) 4.83")
	})
	t.Run("in advance, a termination set ahead inside a period prorates it (issue 10 #5)", func(t *testing.T) {
		on := ev(evTerminateOn, "2024-01-10")
		on.eff = refDate("2024-02-15")
		w := refRun(t, refMonthly(1000, "2024-01-01"), "2024-06-01", on)
		wantText(t, "invoices", invoiceText(w), "2024-01-01 [2024-01-01, 2024-02-01) 10.00; 2024-02-01 [2024-02-01, 2024-02-15) 4.83")
	})
	change := func(on string, p *refPlan) *refEvent {
		e := ev(evChangePlan, on)
		e.plan = p
		return e
	}
	t.Run("plan change keeps the anchor", func(t *testing.T) {
		w := refRun(t, refMonthly(1000, "2024-01-31"), "2024-05-01", change("2024-02-20", &refPlan{every: refEvery{refMonth, 1}, price: 1500}))
		wantText(t, "invoices", invoiceText(w), "2024-01-31 [2024-01-31, 2024-02-29) 10.00; 2024-02-29 [2024-02-29, 2024-03-31) 15.00; "+
			"2024-03-31 [2024-03-31, 2024-04-30) 15.00; 2024-04-30 [2024-04-30, 2024-05-31) 15.00")
	})
	t.Run("plan change to yearly re-anchors at the renewal", func(t *testing.T) {
		w := refRun(t, refMonthly(1000, "2024-01-31"), "2026-06-01", change("2024-02-20", &refPlan{every: refEvery{refYear, 1}, price: 10000}))
		wantText(t, "periods", periodText(w), "[2024-01-31, 2024-02-29); [2024-02-29, 2025-02-28); [2025-02-28, 2026-02-28); [2026-02-28, 2027-02-28)")
	})
	t.Run("discounts count from when the plan was taken (issue 10 #4)", func(t *testing.T) {
		half := &refPlan{every: refEvery{refMonth, 1}, price: 2000, discounts: []refDiscount{{percent: true, value: 5000, periods: 2}}}
		w := refRun(t, refMonthly(1000, "2024-01-01"), "2024-07-01", change("2024-03-10", half))
		wantText(t, "invoices", invoiceText(w), "2024-01-01 [2024-01-01, 2024-02-01) 10.00; 2024-02-01 [2024-02-01, 2024-03-01) 10.00; "+
			"2024-03-01 [2024-03-01, 2024-04-01) 10.00; 2024-04-01 [2024-04-01, 2024-05-01) 10.00; 2024-05-01 [2024-05-01, 2024-06-01) 10.00; "+
			"2024-06-01 [2024-06-01, 2024-07-01) 20.00")
	})
	t.Run("a later anchor bills a stub", func(t *testing.T) {
		c := refMonthly(3100, "2021-01-01")
		c.anchor, c.later = refDate("2021-01-11"), true
		w := refRun(t, c, "2021-02-01")
		wantText(t, "invoices", invoiceText(w), "2021-01-01 [2021-01-01, 2021-01-11) 10.00; 2021-01-11 [2021-01-11, 2021-02-11) 31.00")
	})
}
