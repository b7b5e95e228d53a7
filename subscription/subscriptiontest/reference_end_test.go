package subscriptiontest_test

// The model's termination date, its projections of the log so far, and
// the checks that need them.

import (
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// end returns the termination date as the log so far has it: the date a
// command set, moved by the pauses added after it (a moved whole period,
// an extension), or the end of the fixed term, whichever comes first.
func (w *world) end() (date.Date, bool) {
	if w.status == stTerminated {
		return w.endedOn, true
	}
	e, ok := date.Date(0), false
	if w.hasCmdEnd {
		e, ok = w.shiftedCmdEnd(), true
	}
	if t, has := w.termEnd(); has && (!ok || t < e) {
		e, ok = t, true
	}
	return e, ok
}

// shiftedCmdEnd returns the date a command set, moved by one billing period
// for each period that pauses added after it move or extend.
func (w *world) shiftedCmdEnd() date.Date {
	n := 0
	for _, p := range w.pauses {
		if p.shiftsEnd {
			n += p.ext
			if !p.flex && !p.skip {
				n += len(p.whole)
			}
		}
	}
	return w.shift(w.cmdEnd, n)
}

// shift returns the start of the n-th billing period after the one that
// starts on e, along the periods that started and the boundaries of the
// current run after them; e itself if no period starts on e.
func (w *world) shift(e date.Date, n int) date.Date {
	if n == 0 {
		return e
	}
	for i, s := range w.slots {
		if s.p.Start != e {
			continue
		}
		if i+n < len(w.slots) {
			return w.slots[i+n].p.Start
		}
		return w.sched.at(w.nextK + i + n - len(w.slots))
	}
	if k, ok := w.sched.index(e); ok && e >= w.nextAt {
		return w.sched.at(k + n)
	}
	return e
}

// isStart reports whether a billing period starts on e: one that started,
// or one the current run will start.
func (w *world) isStart(e date.Date) bool {
	for _, s := range w.slots {
		if s.p.Start == e {
			return true
		}
	}
	_, ok := w.sched.index(e)
	return ok && e >= w.nextAt
}

// termEnd returns the end of the fixed term, extensions included, once
// the last period it counts has started.
func (w *world) termEnd() (date.Date, bool) {
	if w.cfg.plan.periods == 0 {
		return 0, false
	}
	n := w.target()
	if len(w.counted) >= n {
		return w.counted[n-1], true
	}
	return 0, false
}

// target returns the number of periods the term counts, extensions included.
func (w *world) target() int {
	n := w.cfg.plan.periods
	for _, p := range w.pauses {
		n += p.ext
	}
	return n
}

// project returns the world as the log so far has it, walked on to day
// limit with no further event. Scheduled and automatic suspensions do not
// fire in a projection: like a command's check in the library, it sees
// the schedule a suspension may still be cancelled from. A pending plan
// change does fire. The projection stops early once terminated.
func (w *world) project(limit date.Date) *world {
	p := w.clone()
	p.projecting = true
	if p.day == p.until {
		p.fireHeldEnd() // no event is to come before the deletion
	}
	for p.day < limit && p.status != stTerminated {
		p.to(p.day + 1)
	}
	return p
}

// projectFor is project for a decision on w: what the projection hits
// counts for w.
func (w *world) projectFor(limit date.Date) *world {
	p := w.project(limit)
	w.addHits(p)
	return p
}

// addHits adds the hits of o, a walk w decides on, to w's.
func (w *world) addHits(o *world) {
	for i, h := range o.hits {
		w.hits[i] = w.hits[i] || h
	}
	if w.why == "" {
		w.why = o.why
	}
}

// projectTerm returns the projection walked until the term's end is
// known, the subscription terminated, or nothing can change any more.
func (w *world) projectTerm() *world {
	p := w.clone()
	p.projecting = true
	if p.day == p.until {
		p.fireHeldEnd()
	}
	for w.cfg.plan.periods > 0 && p.status != stTerminated && p.day < w.day+40*366 {
		if _, ok := p.termEnd(); ok || p.status == stSuspended {
			break
		}
		p.to(p.day + 1)
	}
	w.addHits(p)
	return p
}

// slotBeforeEnd reports whether p is exactly a billing period of the
// projection that starts before its termination date.
func (w *world) slotBeforeEnd(p period.Period) bool {
	end, hasEnd := w.end()
	if hasEnd && p.Start >= end {
		return false
	}
	return slices.ContainsFunc(w.slots, func(s refSlot) bool { return s.p == p })
}

// countedBefore returns how many periods counting towards the term start
// before e.
func (w *world) countedBefore(e date.Date) int {
	n := 0
	for _, s := range w.slots {
		if s.p.Start < e && (s.pauseID < 0 || s.skip) && !s.prepaid {
			n++
		}
	}
	return n
}

// countedUntil returns how many periods counting towards the term start
// before e: those that started, then the periods of the current
// schedule, whole-period pauses that move them left out.
func (w *world) countedUntil(e date.Date) int {
	n := w.countedBefore(e)
	for k := w.nextK; w.sched.at(k) < e; k++ {
		p := period.Period{Start: w.sched.at(k), End: w.sched.at(k + 1)}
		if !slices.ContainsFunc(w.pauses, func(pz refPause) bool { return !pz.flex && !pz.skip && slices.Contains(pz.whole, p) }) {
			n++
		}
	}
	return n
}

// orphan returns a whole-period pause period that, in the log so far, ends
// after d and starts before the termination date but is no longer a
// billing period: a renewal re-anchored the schedule under it, or the
// period an extension added is gone. Periods from the termination date on
// are moot and ignored.
func (w *world) orphan(d date.Date) (period.Period, bool) {
	limit := d
	for _, pz := range w.pauses {
		for _, r := range pz.whole {
			limit = max(limit, r.End)
		}
	}
	proj := w.projectFor(limit + 1)
	end, hasEnd := proj.end()
	for _, pz := range w.pauses {
		for _, r := range pz.whole {
			if r.End > d && !(hasEnd && r.Start >= end) && !proj.slotBeforeEnd(r) {
				return r, true
			}
		}
	}
	return period.Period{}, false
}

// today returns the world with today closed, to see what today issues;
// a defect today's close hits counts for w, which decides on it.
func (w *world) today() *world {
	c := w.clone()
	c.closeDay()
	w.addHits(c)
	return c
}

// issuedThrough returns the invoices issued on or before day d (today
// included, its renewal done).
func (w *world) issuedThrough(d date.Date) []refInvoice {
	var out []refInvoice
	for _, inv := range w.today().invoices {
		if inv.issue <= d {
			out = append(out, inv)
		}
	}
	return out
}
