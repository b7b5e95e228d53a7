package subscription

import (
	"iter"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// slot is one billing period of a run, numbered once by the calendar walk.
type slot struct {
	run    int
	k      int
	pos    int           // position among all billing periods
	p      period.Period // the period of the schedule
	shown  period.Period // p, ending where the next run starts if earlier
	billed int           // number among billed periods (paused ones excluded)
	// counted is the number among the periods that count towards the term
	// (moved ones excluded).
	counted int
	paused  int // index in model.pauses of the pause that removes it, or -1
}

// slots returns the billing periods that share a day with [from, to), in
// order (see eachSlot).
func (m *model) slots(from, to date.Date) iter.Seq[slot] {
	return func(yield func(slot) bool) { m.eachSlot(from, to, yield) }
}

// eachSlot calls yield with the billing periods that share a day with
// [from, to), in order, until yield returns false, without walking from
// the start: the first run is found by binary search and each period by
// arithmetic. m must be a projection. Unlike slots, it keeps m on the
// caller's stack.
func (m *model) eachSlot(from, to date.Date, yield func(slot) bool) {
	{
		x := &m.idx
		stub := m.t.stubBilled()
		first := m.firstRunAt(from)
		for ri := first; ri < m.nruns(); ri++ {
			r := m.run(ri)
			if r.from >= to {
				return
			}
			limit := min(r.until, x.end)
			n := r.count(limit)
			k, p := r.firstK, period.Period{}
			if from > r.from {
				var ok bool
				if p, k, ok = r.sched.PeriodOf(from); !ok {
					if from >= r.sched.Anchor {
						return // from lies past the last period of the calendar
					}
					// from lies in the stub before the anchor: the periods
					// start at the anchor.
					k, p = r.firstK, periodAt(r.sched, r.firstK)
				}
			} else {
				p = periodAt(r.sched, k)
			}
			nextFrom := forever
			if ri+1 < m.nruns() {
				nextFrom = m.run(ri + 1).from
			}
			for ; k < r.firstK+n; k++ {
				if p.Start >= to || p.End > lastDay+1 {
					return // a period ending after 9999-12-31 does not exist
				}
				pos := r.slotBase + k - r.firstK
				s := slot{run: ri, k: k, pos: pos, p: p, shown: p, paused: -1,
					billed: stub + pos - x.pausedBelow(pos), counted: pos - x.movedBelow(pos)}
				s.shown.End = min(p.End, nextFrom)
				if i, ok := x.wholeAt(pos); ok {
					s.paused = i
				}
				if !yield(s) {
					return
				}
				if p.End >= to {
					break // the next run may start before to: a cut period
				}
				p = period.Period{Start: p.End, End: boundary(r.sched, k+2)}
			}
		}
	}
}

// firstRunAt returns the index of the first run with a period that may
// hold day from or come after it: the run that holds from, or an earlier
// one cut inside a period that reaches from (several re-anchorings inside
// one period leave the runs between them empty).
func (m *model) firstRunAt(from date.Date) int {
	i := max(0, m.runOf(from))
	for j := i - 1; j >= 0; j-- {
		if r := m.run(j); r.until <= r.from {
			continue // a run that holds no day: look past it
		}
		if m.lastPeriodEnd(j) <= from {
			break
		}
		i = j
	}
	return i
}

// lastPeriodEnd returns the end of the period of run i that holds its last
// day, the day before it was cut; its from for a run that holds no day.
func (m *model) lastPeriodEnd(i int) date.Date {
	r := m.run(i)
	if r.until == forever {
		return forever
	}
	if r.until <= r.from {
		return r.from
	}
	k, ok := r.sched.Index(r.until - 1)
	if !ok {
		return r.from
	}
	return boundary(r.sched, k+1)
}

// firstBilledAfter returns the position of the first billing period with an
// invoice issued after d.
func (m *model) firstBilledAfter(d date.Date) (int, bool) {
	for s := range m.slots(d, forever) {
		if s.paused < 0 && !m.freeTrial(s) && m.issueDate(s) > d {
			return s.pos, true
		}
	}
	return 0, false
}

// inTrial reports whether s is one of the trial periods of the plan: the
// first periods of the first plan on its original schedule, which a
// renewal on one of its boundaries keeps.
func (m *model) inTrial(s slot) bool {
	if s.k >= m.t.plan.Trial.Periods {
		return false
	}
	r := m.run(s.run)
	return r.plan == &m.t.plan && r.sched == m.run(0).sched
}

// freeTrial reports whether s is a trial period without invoice.
func (m *model) freeTrial(s slot) bool {
	return m.inTrial(s) && m.t.plan.Trial.Price == nil
}

// issueDate returns the day the invoice of s is issued: its first day in
// advance; its end, or the termination that cuts it short, in arrears.
func (m *model) issueDate(s slot) date.Date {
	if m.run(s.run).plan.billing() != InArrears {
		return s.p.Start
	}
	// Only a termination issues it early: a suspension may be followed by
	// a restart, and an issued invoice never changes.
	return min(s.p.End, m.idx.end)
}
