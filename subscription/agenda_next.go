package subscription

import (
	"sort"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// This file holds NextAction: the first day after a date on which the
// agenda is not empty, found without building the agenda.

// NextAction returns the first day after after on which the agenda is not
// empty, and false when nothing will ever happen again (terminated, or a
// fixed term fully billed). A backend stores it and loads the
// subscription again on that day only (see the package documentation).
// The zero Subscription has none.
func (s Subscription) NextAction(after date.Date) (date.Date, bool) {
	var b viewBuf
	m := s.view(&b)
	if m == nil {
		return 0, false
	}
	next := m.nextInvoice(after)
	next = min(next, m.nextChange(after, next))
	if next > after+1 {
		for c := range m.planChanges(period.Period{Start: after + 1, End: next}) {
			next = c.on
			break
		}
	}
	if s.h != nil {
		for rp := range s.RetryPeriods() {
			for _, a := range rp.Attempts {
				if a.On > after && a.On < next {
					next = a.On
				}
			}
		}
	}
	return next, next != forever
}

// nextInvoice returns the issue date of the first invoice issued after
// after, or forever.
func (m *model) nextInvoice(after date.Date) date.Date {
	next := forever
	if m.t.lead.Days() > 0 {
		if inv, ok, err := m.leadInvoice(); ok && err == nil && inv.IssueDate > after {
			next = inv.IssueDate
		}
	}
	if after < next {
		for _, inv := range m.orphans(period.Period{Start: after + 1, End: next}) {
			next = min(next, inv.IssueDate)
		}
	}
	for _, doc := range m.ownIn(after+1, next, true) {
		next = min(next, doc.IssueDate) // a change's own document
	}
	if d, ok := m.nextIssueInRun(after); ok {
		return min(next, d)
	}
	m.eachSlot(after, forever, func(s slot) bool {
		if s.p.Start >= next {
			return false
		}
		if s.paused < 0 && !m.freeTrial(s) {
			if d := m.issueDate(s); d > after {
				next = min(next, d)
				return false
			}
		}
		return true
	})
	return next
}

// nextIssueInRun returns the issue date of the first invoice issued after
// after when it is the invoice of the period that holds after, or of the
// next one, in the last run without whole-period pauses: arithmetic on one
// period, the common case. It returns false when it cannot tell.
func (m *model) nextIssueInRun(after date.Date) (date.Date, bool) {
	i := m.runOf(after)
	if i < 0 || i+1 < m.nruns() || len(m.idx.whole) > 0 || m.firstRunAt(after) != i {
		return 0, false // not the last run alone: an earlier one may issue after after
	}
	r := m.run(i)
	p, k, ok := r.sched.PeriodOf(after)
	if !ok || k < r.firstK {
		return 0, false
	}
	limit := min(r.until, m.idx.end)
	if r.plan.billing() == InArrears {
		// The invoice of period k, issued at its end or the termination.
		d := min(p.End, limit)
		return d, d > after && p.Start < limit && !(i == 0 && k < m.t.plan.Trial.Periods)
	}
	// The invoice of period k + 1, issued on its first day: after is in k.
	return p.End, p.End < limit && !(i == 0 && k+1 < m.t.plan.Trial.Periods)
}

// nextChange returns the first day after after and before limit on which
// the state changes, or forever.
func (m *model) nextChange(after, limit date.Date) date.Date {
	for {
		c := m.nextCut(after)
		if c >= limit {
			return forever
		}
		if _, ok := m.changeOn(c); ok {
			return c
		}
		after = c
	}
}

// nextCut returns the first day after after on which the state may change
// (see cuts), or forever.
func (m *model) nextCut(after date.Date) date.Date {
	next := forever
	later := func(d date.Date) {
		if d > after && d < next {
			next = d
		}
	}
	if j := sort.Search(m.nsegs(), func(i int) bool { return m.seg(i).from > after }); j < m.nsegs() {
		later(m.seg(j).from)
	}
	later(m.t.start)
	later(m.t.trialEnd)
	later(m.idx.end)
	if x := m.pidx; x != nil {
		i := max(0, x.pausedIn(after))
		for ; i < len(x.paused) && x.paused[i].days.End <= after; i++ {
		}
		if i < len(x.paused) {
			later(x.paused[i].days.Start)
			later(x.paused[i].days.End)
		}
	}
	return next
}
