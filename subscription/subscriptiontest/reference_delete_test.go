package subscriptiontest_test

// Deleting a pause (DESIGN rule 11): the walk of the log without it.

import (
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// replay walks the log from the start without the pauses of without and
// their deletions, to day until (open), as the walk of a deletion: the
// pauses given after a deleted one stand as they were given, and a
// termination the walk reaches before the last deletion waits for it
// (the deletion takes effect where it stands in its day), then fires at
// it. pending is the day of a deletion about to be given after the log,
// or 0: its caller fires the termination.
func (m *refModel) replay(until date.Date, without map[int]bool, pending date.Date) *world {
	w := newWorld(m.cfg)
	w.replaying, w.until = true, pending
	last := -1
	for i, e := range m.log {
		if e.kind == evDelete {
			w.until, last = max(w.until, e.on), i
		}
	}
	for i, e := range m.log {
		if without[e.id] {
			continue
		}
		w.to(e.on)
		if e.kind == evDelete {
			if i == last && pending == 0 {
				w.fireHeldEnd()
			}
			continue
		}
		if err := w.apply(e); err != nil {
			w.diverged = true
		}
	}
	w.to(until)
	w.replaying = false
	return w
}

// tryDelete decides a deletion (rule 11): the walk without the pause,
// the pauses given since standing as given, unless a later pause would
// stand on a period it added (rule 20: ErrOrphanPause), a later command
// would no longer apply, the subscription would have ended before the
// deletion, or a day or an invoice issued by the deletion's date would
// change (ErrPeriodInvoiced).
func (m *refModel) tryDelete(w *world, e *refEvent) (*world, error) {
	i := slices.IndexFunc(w.pauses, func(p refPause) bool { return p.id == e.pauseID })
	if i < 0 {
		return w, subscription.ErrPauseNotFound
	}
	without := map[int]bool{e.pauseID: true}
	for id := range m.deleted {
		without[id] = true
	}
	// A pause beyond the end as the log has it now is moot: ignored.
	mootFrom, hasEnd := w.project(e.on + 1).end()
	rs := m.replay(e.on, without, e.on)
	rs.addHits(w) // the hits of a walk stay hit
	if rs.diverged {
		// A later command relied on the pause: the timeline without it
		// cannot be restored (rule 11).
		return w, subscription.ErrPeriodInvoiced
	}
	if !hasEnd {
		mootFrom = forever
	}
	whole, flex, already := rs.stranded(mootFrom)
	if already && !whole && !flex {
		w.hits[hitStrandedAlready], rs.hits[hitStrandedAlready] = true, true
	}
	if whole || flex {
		// A later pause would stand on what the deleted one added
		// (rule 20): delete it first.
		return w, subscription.ErrOrphanPause
	}
	if end, ok := rs.end(); !slices.Equal(rs.days, w.days) || (ok && end < e.on) {
		// The days already past would change (a stop on another day),
		// or the subscription would have ended before the deletion: the
		// timeline without the pause cannot be restored (rule 11,
		// "unless what it changed has already been invoiced").
		return w, subscription.ErrPeriodInvoiced
	}
	rs.fireHeldEnd() // ending today, after today's events, as TerminateNow would
	w.hits = rs.hits
	if !rs.reissued() {
		// A pause given after the deleted one would now change an
		// invoice issued before it was given: an extension that claims
		// a period invoiced already, say.
		return w, subscription.ErrPeriodInvoiced
	}
	if !sameInvoices(w.issuedThrough(e.on), rs.issuedThrough(e.on)) {
		return w, subscription.ErrPeriodInvoiced
	}
	return rs, nil
}

// forever is a day after every day the model walks.
const forever = date.Date(1 << 40)

// stranded reports whether a pause of the walk stands on what is no
// more: a whole period that is not a billing period before the
// termination date, or a flexible pause whose days or overrides reach
// past a termination date that came before mootFrom, the one the walk
// had before. Whatever starts from mootFrom on was beyond the end
// already and is moot. already reports a flexible pause that reached
// past the end before.
func (w *world) stranded(mootFrom date.Date) (whole, flex, already bool) {
	limit := w.day
	for _, p := range w.pauses {
		for _, r := range p.ranges() {
			limit = max(limit, r.End)
		}
	}
	proj := w.projectFor(min(limit, mootFrom) + 1)
	end, hasEnd := w.end() // a termination that waits for the deletion is at its date
	if !hasEnd || end >= w.day {
		end, hasEnd = proj.end()
	}
	slot := func(p period.Period) bool {
		return (!hasEnd || p.Start < end) && slices.ContainsFunc(proj.slots, func(s refSlot) bool { return s.p == p })
	}
	for _, p := range w.pauses {
		for _, r := range p.ranges() {
			switch {
			case r.Start >= mootFrom:
			case !p.flex && !slot(r):
				whole = true
			case p.flex && hasEnd && r.End > end && end < mootFrom:
				flex = true
			case p.flex && hasEnd && r.End > end:
				already = true // it reached past the end before: the library refuses (see hitStrandedAlready)
			}
		}
		for _, o := range p.overrides {
			if o.p.Start < mootFrom && !slot(o.p) {
				flex = true
			}
		}
	}
	return whole, flex, already
}

func sameInvoices(a, b []refInvoice) bool {
	return slices.EqualFunc(a, b, func(x, y refInvoice) bool {
		return x.issue == y.issue && x.period == y.period && x.total == y.total && x.ext == y.ext && x.over == y.over
	})
}

// fireHeldEnd fires, at the deletion on w.until, the termination that
// waited for it.
func (w *world) fireHeldEnd() {
	if end, ok := w.end(); ok && end <= w.day && w.status != stTerminated {
		w.terminate(w.day)
	}
}
