package subscriptiontest_test

// How the model's world changes course: a suspension, the termination, a
// new run of the schedule (a renewal restart, a plan change, a late
// payment), and the boundaries these are decided on.

import (
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

// suspend suspends from d; ur is the retry whose unpaid period, billed in
// advance and running on d, did not run (rule 8), or −1.
func (w *world) suspend(d date.Date, r subscription.Reason, ur int) {
	if w.status != stActive {
		return
	}
	w.closeRetry(d)
	w.schedSusp, w.hasAuto = nil, false
	w.lastEnd = w.boundaryAtOrAfter(d)
	if n := len(w.slots); n > 0 && w.slots[n-1].p.Start < d && d < w.slots[n-1].p.End {
		w.slots[n-1].cut = d
	}
	if l := w.lead; l != nil && l.ran && d < l.p.End {
		l.cut = d
	}
	w.status, w.reason, w.susUnpaid = stSuspended, r, ur
}

// terminate ends the subscription on d: in arrears, what was served is
// invoiced now.
func (w *world) terminate(d date.Date) {
	w.closeRetry(d)
	w.schedSusp, w.change = nil, nil
	w.status, w.reason, w.endedOn = stTerminated, 0, d
	if l := w.lead; l != nil && l.pending {
		w.issueLeadArrears(d)
	}
	for i := max(0, len(w.slots)-2); i < len(w.slots); i++ {
		if w.slots[i].pending {
			w.issueSlotArrears(i, d)
		}
	}
}

// closeRetry stops an open retry period on d: its invoice is unpaid
// (issue 10, defect 2).
func (w *world) closeRetry(d date.Date) {
	if w.open < 0 {
		return
	}
	r := &w.retries[w.open]
	r.closed, r.unpaid = d, true
	w.unpaid++
	w.open = -1
}

// newRun starts the schedule of plan p on d: the anchor is kept if d is
// one of its boundaries and the recurrence is the same, so month ends
// never drift; otherwise d is the new anchor. taken says p is a plan
// taken now, whose discounts count from here.
func (w *world) newRun(d date.Date, p *refPlan, taken bool) {
	// The periods that pauses added to a termination date were counted
	// on the schedule so far: the date they came to stays a date.
	w.rerun = w.committed != nil
	w.hits[hitRenewalNoRun] = w.hits[hitRenewalNoRun] || len(w.slots) == 0
	moved := w.hasCmdEnd && w.shiftedCmdEnd() != w.cmdEnd
	was := w.shiftedCmdEnd()
	if k, ok := w.sched.index(d); ok && p.every == w.plan.every && d >= w.runStart {
		w.nextK = k
	} else {
		w.sched, w.nextK, w.original = refSched{d, p.every}, 0, false
	}
	w.nextAt = w.sched.at(w.nextK)
	if moved {
		w.cmdEnd = was
		for i := range w.pauses {
			w.pauses[i].shiftsEnd = false
		}
	}
	w.runStart, w.plan, w.nextAt = d, p, w.sched.at(w.nextK)
	if taken {
		w.planNo++
		w.planBill = 0
	}
	if n := len(w.slots); n > 0 {
		if s := &w.slots[n-1]; s.p.Start < d && d < s.p.End && (s.cut == 0 || d < s.cut) {
			s.cut = d
		}
		// The new run replaces the period from d on, even if its own
		// first period never starts (suspended that day).
		if s := &w.slots[n-1]; s.shown.End > d {
			s.shown.End = max(d, s.p.Start)
		}
	}
}

// boundaryAtOrAfter returns the first boundary of the current run on or
// after d.
func (w *world) boundaryAtOrAfter(d date.Date) date.Date {
	if d <= w.runStart {
		return w.runStart
	}
	k := w.sched.containing(d)
	if w.sched.at(k) == d {
		return d
	}
	return w.sched.at(k + 1)
}

func (w *world) boundaryAfter(d date.Date) date.Date { return w.boundaryAtOrAfter(d + 1) }

// wholePaused reports whether a whole-period pause removes p.
func (w *world) wholePaused(p period.Period) bool {
	for _, pz := range w.pauses {
		if !pz.flex && slices.Contains(pz.whole, p) {
			return true
		}
	}
	return false
}

// nextRenewal returns the first boundary after d of the current run that
// starts a period no whole-period pause removes.
func (w *world) nextRenewal(d date.Date) date.Date {
	b := w.boundaryAfter(d)
	for {
		k, _ := w.sched.index(b)
		if !w.wholePaused(period.Period{Start: b, End: w.sched.at(k + 1)}) {
			return b
		}
		b = w.sched.at(k + 1)
	}
}

func (w *world) startLead() {
	l := w.lead
	if end, ok := w.end(); w.status != stActive || (ok && end <= l.p.Start) || w.runStart < l.p.End {
		return // not running on its first day, or replaced by a renewal before the anchor
	}
	l.ran = true
	if w.cfg.plan.arrears {
		l.pending = true
		return
	}
	full := l.p.End - l.p.Start
	if end, ok := w.end(); ok && end < l.p.End {
		// The termination known on the issue day, after its events.
		w.issueLead(l.p.Start, end-l.p.Start, full)
		return
	}
	w.issueLead(l.p.Start, full, full)
}

func (w *world) startSlot() {
	d := w.day
	p := period.Period{Start: d, End: w.sched.at(w.nextK + 1)}
	w.nextAt = p.End
	s := refSlot{p: p, shown: p, plan: w.plan, planNo: w.planNo, pauseID: -1, prepaid: w.prepaid,
		trial: w.original && w.planNo == 0 && w.nextK < w.cfg.plan.trialPeriods}
	w.prepaid = false
	if n := len(w.slots); n > 0 && w.slots[n-1].shown.End > d {
		w.slots[n-1].shown.End = d
	}
	for _, pz := range w.pauses {
		if !pz.flex && slices.Contains(pz.whole, p) {
			s.pauseID, s.skip = pz.id, pz.skip
		}
	}
	paused := s.pauseID >= 0
	s.number, s.discNo, s.counted = w.billed, w.planBill, len(w.counted)
	if !paused && !s.prepaid {
		w.billed++
		if !s.trial {
			w.planBill++ // a trial does not use up the discounted periods
		}
	}
	if (!paused || s.skip) && !s.prepaid {
		w.counted = append(w.counted, p.End)
	}
	w.nextK++
	if paused || s.prepaid || (s.trial && w.cfg.plan.trialPrice == nil) {
		w.slots = append(w.slots, s)
		return
	}
	if s.plan.arrears {
		s.pending = true
		w.slots = append(w.slots, s)
		return
	}
	w.slots = append(w.slots, s)
	full := int64(p.End - p.Start)
	if end, ok := w.end(); ok && end < p.End {
		// Rule 17: a termination inside a period not yet invoiced bills
		// the days up to it, as known on the issue day after its events.
		w.issueSlot(len(w.slots)-1, d, int64(end-p.Start), full)
		return
	}
	w.issueSlot(len(w.slots)-1, d, full, full)
}
