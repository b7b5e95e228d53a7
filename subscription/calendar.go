package subscription

import (
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// This file holds the calendar of the fold: where runs start and stop, which
// of their periods whole-period pauses remove or move, and where the term
// and a commanded termination end, walking the runs by arithmetic.

// pausedSlots returns, sorted, the indexes in r's schedule of the periods
// paused by whole-period pauses; movedOnly keeps the moved ones only.
func (m *model) pausedSlots(r *run, movedOnly bool) []int {
	var ks []int
	for i := range m.pauses {
		w := m.pauses[i].whole
		if w == nil || (movedOnly && w.SkipOnly) {
			continue
		}
		for _, pp := range w.Periods {
			if k, ok := slotIndex(r, pp); ok {
				ks = append(ks, k)
			}
		}
	}
	slices.Sort(ks)
	return ks
}

// slotIndex returns the index in r's schedule of the period p, and false
// if p is not exactly one of r's periods.
func slotIndex(r *run, p period.Period) (int, bool) {
	if p.Start >= r.until || p.Start < boundary(r.sched, r.firstK) {
		return 0, false
	}
	k, _ := r.sched.Index(p.Start)
	if boundary(r.sched, k) != p.Start || boundary(r.sched, k+1) != p.End {
		return 0, false
	}
	return k, true
}

// countBelow returns how many of the sorted ks are below k.
func countBelow(ks []int, k int) int {
	n, _ := slices.BinarySearch(ks, k)
	return n
}

// pauseAdds returns the periods that pauses' extensions add to a term.
func (m *model) pauseAdds() int {
	n := 0
	for i := range m.pauses {
		n += m.pauses[i].adds()
	}
	return n
}

// termEnd returns the end of the plan's fixed term, moved by the periods
// that pauses add or move, and false if the plan has no term or the term
// does not end in the runs known (a suspension that never restarted).
func (m *model) termEnd() (date.Date, bool) {
	if m.t.plan.Periods == 0 {
		return 0, false
	}
	remaining := m.t.plan.Periods + m.pauseAdds()
	for i := range m.nruns() {
		r := m.run(i)
		moved := m.pausedSlots(r, true)
		k := r.firstK + max(remaining, 0)
		for _, mk := range moved {
			if mk < k {
				k++
			}
		}
		if b := boundary(r.sched, k-1); b > lastDay {
			return forever, true // the term ends beyond the calendar
		} else if b < r.until {
			return boundary(r.sched, k), true
		}
		n := r.count(forever)
		remaining -= n - countBelow(moved, r.firstK+n)
	}
	return 0, false
}

// setEnd sets the termination date d as a command gives it, caused by the
// event at log index cause: the pauses added so far no longer move it,
// only those added after it do.
func (m *model) setEnd(d date.Date, cause int) {
	m.end, m.endCause, m.endMark = d, cause, m.lastPauseID()
}

// lastPauseID returns the ID of the last pause added, or -1.
func (m *model) lastPauseID() int {
	if n := len(m.pauses); n > 0 {
		return m.pauses[n-1].id
	}
	return -1
}

// commandEnd returns the termination date a KindTerminate command set, moved by
// the periods that pauses added after it add or move, or forever.
func (m *model) commandEnd() date.Date {
	if m.end == forever {
		return forever
	}
	n := 0
	for i := range m.pauses {
		if p := &m.pauses[i]; p.id > m.endMark {
			n += p.adds() + p.moves()
		}
	}
	if n == 0 {
		return m.end
	}
	e, _ := m.shiftEnd(m.end, n)
	return e
}

// shiftEnd returns the day n billing periods after e, walking the runs
// (whole-period pauses included) by arithmetic, and false with e if e is
// not the first day of a billing period. With n = 0 it reports whether e
// is one.
func (m *model) shiftEnd(e date.Date, n int) (date.Date, bool) {
	started := false
	last := m.nruns() - 1
	for i := range m.nruns() {
		r := m.run(i)
		k := r.firstK
		if !started {
			ke, ok := r.sched.Index(e)
			if !ok || ke < r.firstK || boundary(r.sched, ke) != e || (i != last && e >= r.until) {
				continue
			}
			started, k = true, ke
		}
		if i == last {
			return boundary(r.sched, k+n), true
		}
		left := r.count(forever) - (k - r.firstK)
		if n < left {
			return boundary(r.sched, k+n), true
		}
		n -= left
	}
	return e, false
}

// countedBefore returns how many periods starting before e count towards
// the term.
func (m *model) countedBefore(e date.Date) int {
	n := 0
	for i := range m.nruns() {
		r := m.run(i)
		c := r.count(e)
		n += c - countBelow(m.pausedSlots(r, true), r.firstK+c)
	}
	return n
}

// endBeyondCalendar reports whether the term, or a termination a command
// set and pauses moved, ends past 9999-12-31, where boundaries are
// forever.
func (m *model) endBeyondCalendar() bool {
	if m.end != forever && m.commandEnd() >= forever {
		return true
	}
	t, ok := m.termEnd()
	return ok && t >= forever
}

// endDate returns the termination date, and false if there is none.
func (m *model) endDate() (date.Date, bool) {
	if m.projected {
		return m.idx.end, m.idx.end != forever
	}
	end := m.commandEnd()
	if t, ok := m.termEnd(); ok && t < end {
		end = t
	}
	return end, end != forever
}

// boundaryAtOrAfter returns the first boundary of the run in progress on or
// after d.
func (m *model) boundaryAtOrAfter(d date.Date) date.Date {
	r := &m.cur
	if first := boundary(r.sched, r.firstK); d <= first {
		return first
	}
	k, ok := r.sched.Index(d)
	if !ok {
		return forever // d lies past the last period of the calendar
	}
	if b := boundary(r.sched, k); b == d {
		return b
	}
	return boundary(r.sched, k+1)
}

// boundaryAfter returns the first boundary of the run in progress after d.
func (m *model) boundaryAfter(d date.Date) date.Date { return m.boundaryAtOrAfter(d + 1) }

// nextRenewal returns the first boundary after d of the run in progress
// that starts a billed period (skipping whole-period pauses).
func (m *model) nextRenewal(d date.Date) date.Date {
	b := m.boundaryAfter(d)
	paused := m.pausedSlots(&m.cur, false)
	for {
		k, _ := m.cur.sched.Index(b)
		if _, found := slices.BinarySearch(paused, k); !found {
			return b
		}
		b = boundary(m.cur.sched, k+1)
	}
}

// slotOf reports whether p is exactly one billing period of the runs,
// before the termination date.
func (m *model) slotOf(p period.Period) bool {
	if end, ok := m.endDate(); ok && p.Start >= end {
		return false
	}
	for i := m.nruns() - 1; i >= 0; i-- {
		r := m.run(i)
		if p.Start < boundary(r.sched, r.firstK) || p.Start >= r.until {
			continue
		}
		_, ok := slotIndex(r, p)
		return ok
	}
	return false
}

// cutCur ends the run in progress on d, if it runs past it.
func (m *model) cutCur(d date.Date) {
	if d < m.cur.until {
		m.cur.until = d
	}
}

// newRun cuts the run in progress at b and starts the next one there with
// plan p, caused by the event at log index cause, anchored on b unless b is
// a boundary of the current schedule and the recurrence is the same, in
// which case the anchor is kept, so month ends never drift.
func (m *model) newRun(b date.Date, p *Plan, renewal bool, cause int) {
	if e := m.commandEnd(); m.end != forever && e != m.end {
		// The termination a command set, moved by whole periods of the
		// schedule by the pauses added since, becomes a date: the new
		// schedule has other periods. A date the pauses could not move
		// (not a boundary of the schedule so far) waits for the new one.
		m.end, m.endMark = e, m.lastPauseID()
	}
	m.cutCur(b)
	c := &m.cur
	// A run cut before its first period (a renewal inside the stub
	// before the anchor) holds no day: it starts where it ends, so that
	// runs stay in date order.
	c.from = min(c.from, c.until)
	next := run{sched: period.Schedule{Anchor: b, Every: p.Every}, plan: p, from: b, until: forever, renewal: renewal,
		slotBase: c.slotBase + c.count(forever), planRun: c.planRun, cause: cause}
	if p != c.plan {
		next.planRun = m.nruns()
	}
	if p.Every == c.sched.Every {
		// On a boundary of the same schedule (a plan change, or a restart
		// exactly when the next period was due), keep the anchor: a 31st
		// anchor must not become a 28th.
		if k, ok := c.sched.Index(b); ok && boundary(c.sched, k) == b {
			next.sched, next.firstK = c.sched, k
		}
	}
	m.pushRun(next)
}

// boundary returns boundary k of s, forever past 9999-12-31 and −forever
// before 0001-01-01: a date the calendar does not reach is never reached.
func boundary(s period.Schedule, k int) date.Date {
	if d, ok := s.Boundary(k); ok {
		return d
	}
	if k < 0 {
		return -forever
	}
	return forever
}

// periodAt returns period k of s, its bounds as boundary gives them.
func periodAt(s period.Schedule, k int) period.Period {
	return period.Period{Start: boundary(s, k), End: boundary(s, k+1)}
}
