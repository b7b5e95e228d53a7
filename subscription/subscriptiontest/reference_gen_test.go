package subscriptiontest_test

// Generated logs for the reference model: a plan and terms, then commands
// fitted to the model's projection of the log so far, so that most of
// them are accepted and the rules bite (period boundaries, invoices that
// can fail, attempts on their planned days), with the odd command the
// state does not allow.

import (
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// weighted draws an index with the given weights.
func weighted(t *rapid.T, label string, weights ...int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	x := rapid.IntRange(0, sum-1).Draw(t, label)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func drawEvery(t *rapid.T) refEvery {
	return refEveries[weighted(t, "every", 50, 15, 5, 5, 10, 15)]
}

func drawDiscounts(t *rapid.T) []refDiscount {
	var out []refDiscount
	for range weighted(t, "discounts", 60, 30, 10) {
		d := refDiscount{periods: rapid.IntRange(0, 3).Draw(t, "discount_periods")}
		if rapid.Bool().Draw(t, "percent") {
			d.percent = true
			d.value = rapid.SampledFrom([]int64{1000, 1250, 2500, 3333, 5000, 10000}).Draw(t, "percent_value")
		} else {
			d.value = rapid.Int64Range(1, 5000).Draw(t, "fixed_value")
		}
		out = append(out, d)
	}
	return out
}

func drawRetry(t *rapid.T, every refEvery) refRetry {
	r := refRetry{exhausted: []retry.Exhaustion{0, retry.Terminate, retry.Suspend, retry.LeaveUnpaid}[rapid.IntRange(0, 3).Draw(t, "exhausted")],
		late: rapid.IntRange(0, 6).Draw(t, "late") == 0}
	if weighted(t, "retries", 3, 7) == 0 {
		return r
	}
	most := every.minDays() - 1
	r.attempts = rapid.IntRange(1, min(5, most)).Draw(t, "attempts")
	if rapid.IntRange(0, 2).Draw(t, "offsets") == 0 {
		at := 0
		for i := range r.attempts {
			room := most - at - (r.attempts - i - 1)
			at += rapid.IntRange(1, max(1, min(3, room))).Draw(t, "offset")
			r.offsets = append(r.offsets, at)
		}
	}
	return r
}

// drawPlan draws a plan; first is false for a plan changed to at a
// renewal, which has no trial and keeps the first plan's term.
func drawPlan(t *rapid.T, first *refPlan) *refPlan {
	p := &refPlan{every: drawEvery(t), arrears: rapid.IntRange(0, 2).Draw(t, "arrears") == 0, discounts: drawDiscounts(t)}
	switch weighted(t, "price_kind", 1, 9, 10) {
	case 1:
		p.price = rapid.Int64Range(1, 20000).Draw(t, "price") // small amounts, where rounding bites
	case 2:
		p.price = rapid.SampledFrom([]int64{999, 1000, 2990, 3000, 3100, 4900, 9999, 12345, 15000, 49900}).Draw(t, "usual_price")
	}
	if first != nil {
		// A fixed term counts periods of one recurrence: a plan change to
		// another recurrence is drawn for open-ended plans only.
		if first.periods > 0 || rapid.IntRange(0, 2).Draw(t, "same_every") > 0 {
			p.every = first.every
		}
		p.periods = first.periods
		if rapid.IntRange(0, 3).Draw(t, "same_billing") > 0 {
			p.arrears = first.arrears
		}
	} else if rapid.Bool().Draw(t, "fixed_term") {
		most := map[refUnit]int{refWeek: 30 / p.every.n, refMonth: 18 / p.every.n, refYear: 3}[p.every.unit]
		p.periods = rapid.IntRange(1, most).Draw(t, "periods")
	}
	p.retry = drawRetry(t, p.every)
	p.unpaidRule = []int{0, 0, 0, 1, 2}[rapid.IntRange(0, 4).Draw(t, "unpaid_rule")]
	p.invalidRule = rapid.IntRange(0, 2).Draw(t, "invalid_rule") == 0
	if first != nil {
		return p
	}
	switch weighted(t, "trial", 6, 2, 2) {
	case 1:
		p.trialDays = rapid.IntRange(1, 45).Draw(t, "trial_days")
	case 2:
		if p.periods == 0 || p.periods > 1 {
			p.trialPeriods = rapid.IntRange(1, 2).Draw(t, "trial_periods")
			if p.periods > 0 {
				p.trialPeriods = min(p.trialPeriods, p.periods-1)
			}
		}
	}
	if (p.trialDays > 0 || p.trialPeriods > 0) && rapid.Bool().Draw(t, "paid_trial") {
		tp := rapid.Int64Range(0, 2000).Draw(t, "trial_price")
		p.trialPrice = &tp
	}
	return p
}

func drawCfg(t *rapid.T) *refCfg {
	p := drawPlan(t, nil)
	start := date.New(2020, 1, 1) + date.Date(rapid.IntRange(0, 2190).Draw(t, "start"))
	if rapid.IntRange(0, 2).Draw(t, "month_end") == 0 {
		y := rapid.IntRange(2020, 2025).Draw(t, "year")
		m := rapid.IntRange(1, 12).Draw(t, "month")
		start = addMonths(date.New(y, 1, 31), m-1) // the last day of a month, Feb 29 in 2020 and 2024
	}
	c := &refCfg{plan: p, start: start, anchor: start + date.Date(p.trialDays)}
	if p.trialDays == 0 && rapid.IntRange(0, 4).Draw(t, "later_anchor") == 0 {
		days := int(p.every.add(start, 1) - start)
		c.anchor, c.later = start+date.Date(rapid.IntRange(1, days-1).Draw(t, "anchor")), true
	}
	return c
}

// drawDay draws the date of the next command, on or after last: the same
// day, soon, later, or near a period boundary ahead, where rules bite.
func drawDay(t *rapid.T, proj *world, last date.Date) date.Date {
	switch weighted(t, "when", 2, 3, 2, 4) {
	case 0:
		return last
	case 1:
		return last + date.Date(rapid.IntRange(1, 10).Draw(t, "days"))
	case 2:
		return last + date.Date(rapid.IntRange(1, 70).Draw(t, "days"))
	}
	var ends []date.Date
	for _, s := range proj.slots {
		if s.p.End >= last && len(ends) < 8 {
			ends = append(ends, s.p.Start, s.p.End)
		}
	}
	if len(ends) == 0 {
		return last + 1
	}
	on := ends[rapid.IntRange(0, len(ends)-1).Draw(t, "boundary")] + date.Date(rapid.IntRange(-1, 1).Draw(t, "nudge"))
	return max(on, last)
}

// ahead returns up to n billing periods of the projection that start after d.
func ahead(proj *world, d date.Date, n int) []period.Period {
	var out []period.Period
	for _, s := range proj.slots {
		if s.p.Start > d && s.pauseID < 0 && len(out) < n {
			out = append(out, s.p)
		}
	}
	return out
}

func drawEvent(t *rapid.T, m *refModel, proj *world, last date.Date) *refEvent {
	w := m.w
	e := &refEvent{on: drawDay(t, proj, last), reason: subscription.ByBusiness}
	kinds := []refKind{evSuspend, evSchedule, evCancelSuspension, evRestart, evTerminateNow, evTerminateOn,
		evTerminateAtEnd, evCancelTermination, evChangePlan, evFlexible, evWhole, evDelete, evPayFail,
		evPaySucceed, evInvalidate, evUpdateMethod}
	weights := []int{6, 3, 1, 3, 1, 3, 2, 1, 3, 6, 6, 2, 8, 2, 2, 1}
	switch {
	case w.status == stSuspended:
		weights[0], weights[1], weights[3], weights[10], weights[12] = 1, 1, 24, 1, 1
	case w.open >= 0:
		weights[0], weights[12], weights[13] = 3, 20, 30
	}
	if w.schedSusp != nil {
		weights[2] = 3
	}
	if len(w.pauses) > 0 {
		weights[11] = 4
	}
	if w.hasCmdEnd {
		weights[7] = 3
	}
	e.kind = kinds[weighted(t, "kind", weights...)]
	switch e.kind {
	case evSuspend:
		e.reason = subscription.Reason(weighted(t, "reason", 6, 1, 1) + 1)
	case evSchedule:
		e.reason = subscription.Reason(weighted(t, "reason", 6, 1, 1) + 1)
		e.eff = e.on + date.Date(rapid.IntRange(1, 40).Draw(t, "effective"))
		if next := ahead(proj, e.on, 3); len(next) > 0 && rapid.Bool().Draw(t, "on_boundary") {
			e.eff = next[rapid.IntRange(0, len(next)-1).Draw(t, "effective_period")].Start
		}
	case evTerminateOn:
		e.eff = e.on + date.Date(rapid.IntRange(1, 90).Draw(t, "effective"))
		if next := ahead(proj, e.on, 6); len(next) > 0 && rapid.IntRange(0, 2).Draw(t, "on_boundary") > 0 {
			e.eff = next[rapid.IntRange(0, len(next)-1).Draw(t, "effective_period")].Start
		}
	case evChangePlan:
		e.plan = drawPlan(t, m.cfg.plan)
	case evFlexible:
		drawFlexible(t, m, proj, e)
	case evWhole:
		drawWhole(t, proj, e)
	case evDelete:
		e.pauseID = rapid.IntRange(0, max(0, len(m.log)-1)).Draw(t, "pause_id")
		if len(w.pauses) > 0 && rapid.IntRange(0, 5).Draw(t, "any_id") > 0 {
			e.pauseID = w.pauses[rapid.IntRange(0, len(w.pauses)-1).Draw(t, "pause")].id
		}
	case evPayFail:
		drawFailure(t, w, proj, last, e)
	case evPaySucceed:
		drawPayment(t, w, last, e)
	}
	return e
}

func drawFlexible(t *rapid.T, m *refModel, proj *world, e *refEvent) {
	from := e.on + date.Date(rapid.IntRange(-20, 60).Draw(t, "from"))
	from = max(from, m.cfg.start)
	e.days = period.Period{Start: from, End: from + date.Date(rapid.IntRange(1, 45).Draw(t, "length"))}
	if (m.cfg.plan.periods > 0 || m.w.hasCmdEnd) && rapid.Bool().Draw(t, "extend") {
		e.ext = rapid.IntRange(1, 2).Draw(t, "ext")
		if rapid.Bool().Draw(t, "ext_amount") {
			a := rapid.Int64Range(0, 5000).Draw(t, "amount")
			e.extAmt = &a
		}
	}
	for _, s := range proj.slots {
		if !s.p.Overlaps(e.days) || rapid.IntRange(0, 3).Draw(t, "override") > 0 {
			continue
		}
		o := refOverride{p: s.p, prorated: rapid.Bool().Draw(t, "prorated")}
		if !o.prorated {
			o.amount = rapid.Int64Range(0, 3000).Draw(t, "override_amount")
		}
		e.overrides = append(e.overrides, o)
	}
}

func drawWhole(t *rapid.T, proj *world, e *refEvent) {
	next := ahead(proj, e.on, 8)
	if stray := (period.Period{Start: e.on + 1, End: addMonths(e.on+1, 1)}); len(next) == 0 || rapid.IntRange(0, 39).Draw(t, "stray") == 0 {
		if !slices.Contains(next, stray) {
			next = append(next, stray)
			slices.SortFunc(next, func(a, b period.Period) int { return int(a.Start - b.Start) })
		}
	}
	i := rapid.IntRange(0, len(next)-1).Draw(t, "period")
	e.whole = []period.Period{next[i]}
	if i+1 < len(next) && rapid.IntRange(0, 3).Draw(t, "two") == 0 {
		if second := next[i+1+rapid.IntRange(0, min(1, len(next)-i-2)).Draw(t, "second")]; second.Start >= next[i].End {
			e.whole = append(e.whole, second)
		}
	}
	if len(e.whole) == 1 && rapid.IntRange(0, 29).Draw(t, "misaligned") == 0 {
		e.whole[0].End++
	}
	e.skip = rapid.IntRange(0, 2).Draw(t, "skip") == 0
}

// drawFailure draws a failed charge: the renewal charge of an invoice the
// projection issues, or an attempt of the open retry period, mostly on its
// planned day.
func drawFailure(t *rapid.T, w *world, proj *world, last date.Date, e *refEvent) {
	if w.open >= 0 && rapid.IntRange(0, 5).Draw(t, "attempt") > 0 {
		r := w.retries[w.open]
		e.due = r.due
		e.on = max(last, r.due+date.Date(r.policy.offset(len(r.failures))))
		if rapid.IntRange(0, 9).Draw(t, "off_day") == 0 {
			e.on = max(last, e.on+date.Date(rapid.IntRange(-1, 1).Draw(t, "shift")))
		}
		return
	}
	var dues []date.Date
	for _, inv := range proj.invoices {
		if inv.issue >= last && inv.total > 0 && !slices.Contains(dues, inv.issue) && len(dues) < 4 {
			if !slices.ContainsFunc(w.retries, func(r refRetryRec) bool { return r.due == inv.issue }) {
				dues = append(dues, inv.issue)
			}
		}
	}
	if len(dues) == 0 || rapid.IntRange(0, 14).Draw(t, "stray_failure") == 0 {
		e.due = e.on
		return
	}
	e.due = dues[rapid.IntRange(0, len(dues)-1).Draw(t, "due")]
	e.on = e.due
}

// drawPayment draws a payment of the open retry period within its
// window, or of an unpaid invoice.
func drawPayment(t *rapid.T, w *world, last date.Date, e *refEvent) {
	if w.open >= 0 && rapid.IntRange(0, 4).Draw(t, "pay_open") > 0 {
		r := w.retries[w.open]
		e.due = r.due
		e.on = max(last, r.due+date.Date(rapid.IntRange(0, r.policy.window()+1).Draw(t, "paid_after")))
		return
	}
	var unpaid []date.Date
	for _, r := range w.retries {
		if r.unpaid || r.exhausted {
			unpaid = append(unpaid, r.due)
		}
	}
	if len(unpaid) == 0 {
		e.due = max(w.cfg.start, e.on-date.Date(rapid.IntRange(0, 40).Draw(t, "due_back")))
		return
	}
	e.due = unpaid[rapid.IntRange(0, len(unpaid)-1).Draw(t, "unpaid")]
}

// libApply gives e to the library through the public commands.
func libApply(s subscription.Subscription, e *refEvent) (subscription.Subscription, error) {
	switch e.kind {
	case evSuspend:
		return s.Suspend(e.on, e.reason)
	case evSchedule:
		return s.ScheduleSuspension(e.on, e.eff, e.reason)
	case evCancelSuspension:
		return s.CancelSuspension(e.on)
	case evRestart:
		return s.Restart(e.on)
	case evTerminateNow:
		return s.TerminateNow(e.on)
	case evTerminateOn:
		return s.TerminateOn(e.on, e.eff)
	case evTerminateAtEnd:
		return s.TerminateAtPeriodEnd(e.on)
	case evCancelTermination:
		return s.CancelTermination(e.on)
	case evChangePlan:
		return s.ChangePlanAtRenewal(e.on, e.plan.lib())
	case evFlexible:
		f := pause.Flexible{Days: e.days, Reason: "injury", Extension: pause.Extension{Periods: e.ext}}
		if e.extAmt != nil {
			a := eurCents(*e.extAmt)
			f.Extension.Amount = &a
		}
		for _, o := range e.overrides {
			lo := pause.InvoiceOverride{Period: o.p, Mode: pause.Prorated}
			if !o.prorated {
				a := eurCents(o.amount)
				lo = pause.InvoiceOverride{Period: o.p, Mode: pause.FixedAmount, Amount: &a}
			}
			f.Overrides = append(f.Overrides, lo)
		}
		return s.AddFlexiblePause(e.on, f)
	case evWhole:
		return s.AddWholePeriodPause(e.on, pause.WholePeriod{Periods: slices.Clone(e.whole), Reason: "travel", SkipOnly: e.skip})
	case evDelete:
		return s.DeletePause(e.on, e.pauseID)
	case evPayFail:
		return s.RecordPaymentFailure(e.on, e.due)
	case evPaySucceed:
		return s.RecordPayment(e.on, e.due)
	case evInvalidate:
		return s.InvalidatePaymentMethod(e.on)
	}
	return s.UpdatePaymentMethod(e.on)
}

var _ = invoice.EUR
