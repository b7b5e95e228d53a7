package subscription

import (
	"sort"

	"github.com/billcycle/billcycle/invoice"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

// run is a stretch of billing on one anchored schedule: the periods of
// sched from firstK on, while they start before until. A restart after the
// last period ended, a plan change with another recurrence, or a late
// payment under the restart-on-payment policy begins a new run.
type run struct {
	sched  period.Schedule
	plan   *Plan
	firstK int
	from   date.Date // the first day of the run: Boundary(firstK)
	until  date.Date
	// slotBase is the number of billing periods of the runs before it.
	slotBase int
	// planRun is the index of the run in which its plan took effect: the
	// first periods of a plan are counted from there (discounts for the
	// first N periods).
	planRun int
	// renewal reports whether the first period is a renewal (a restart or
	// a late payment).
	renewal bool
}

// count returns the number of periods of r that start before its until
// and before limit.
func (r *run) count(limit date.Date) int {
	u := min(r.until, limit)
	if u == forever {
		return maxSlots
	}
	if u <= r.from {
		return 0
	}
	k, _ := r.sched.Index(u - 1)
	return k - r.firstK + 1
}

// maxSlots stands for the periods of a run without end.
const maxSlots = 1 << 40

// seg is a change of the base state on a date; the state holds until the
// next seg. Several segs may share a date: the last of a day wins, as
// same-day events apply in log order. Pending, trial and paused days are
// overlaid by the views.
type seg struct {
	from   date.Date
	state  State
	reason Reason
	cause  int // log index of the event behind the change; -1 for the plan
}

// pauseRec is a pause of the log that has not been deleted.
type pauseRec struct {
	id    int // log index of the event that added it
	on    date.Date
	flex  *pause.Flexible
	whole *pause.WholePeriod
	fee   *pause.Fee // the plan's freeze fee when the pause was added
	// extStart is the number, among the periods counted towards the term,
	// of the first period of a flexible pause's extension.
	extStart int
}

// reason returns the pause's reason.
func (p *pauseRec) reason() string {
	if p.flex != nil {
		return p.flex.Reason
	}
	return p.whole.Reason
}

// ranges returns the days the pause covers.
func (p *pauseRec) ranges() []period.Period {
	if p.flex != nil {
		return []period.Period{p.flex.Days}
	}
	return p.whole.Periods
}

// adds returns the number of periods the pause's extension adds to a term.
// A moved whole period needs none: it does not count towards the term, so
// the term ends one period later by itself.
func (p *pauseRec) adds() int {
	if p.flex != nil {
		return p.flex.Extension.Periods
	}
	return 0
}

// moves returns the number of periods a whole-period pause moves to the end.
func (p *pauseRec) moves() int {
	if p.whole == nil || p.whole.SkipOnly {
		return 0
	}
	return len(p.whole.Periods)
}

// retryRec is the retry period that follows a failed charge.
type retryRec struct {
	due      date.Date
	policy   retry.Policy
	outcomes []retry.Outcome
	// closed is the day a suspension or termination stopped the period
	// before it settled; forever if none did.
	closed date.Date
	// paidLate is the day the invoice was paid after the period ran out or
	// was closed; forever if it was not.
	paidLate date.Date
	// inv is the invoice whose charge failed, as issued on due: it stays
	// listed even when no billing period holds it any more (a termination
	// or suspension on its issue day).
	inv invoice.Invoice
}

// status returns what the retry period has come to.
func (r *retryRec) status() retry.Status {
	st, _ := r.policy.Evaluate(r.due, r.outcomes) // checked when each outcome was recorded
	return st
}

// settled reports whether the period has run out, recovered or been
// closed: no attempt is planned any more.
func (r *retryRec) settled() bool {
	return r.closed != forever || r.status().State != retry.Retrying
}

// unpaid reports whether the invoice is unpaid: its retries ran out or a
// suspension or termination stopped them, and nothing was paid since.
func (r *retryRec) unpaid() bool {
	if r.paidLate != forever {
		return false
	}
	st := r.status()
	return st.State == retry.Exhausted || (r.closed != forever && st.State == retry.Retrying)
}

// pending is what the log has scheduled and not yet happened.
type pending struct {
	// suspension is a scheduled suspension: from is its effective date.
	suspension *seg
	// change is a plan change waiting for the next renewal, due on
	// changeAt (forever while suspended: it waits for the restart).
	change      *Plan
	changeAt    date.Date
	changeCause int
	// autoAt is the automatic suspension for an invalid payment method, at
	// the next renewal; forever if none is planned.
	autoAt    date.Date
	autoCause int
}

// model is the fold of a subscription's log as of its last event (the
// fold), or that fold with everything it schedules fired to the end of
// time (the projection, which the views read). Neither changes once its
// Subscription value is made: the fold is copied for the next event, and
// the append-only lists are shared between the copies.
type model struct {
	t *terms

	status State // base state: Active, SuspensionScheduled, Suspended, PastDue or Terminated
	now    date.Date

	cur  run       // the run in progress
	runs pvec[run] // the runs before it
	segs pvec[seg] // base state changes, from the start's on
	// tail holds what the projection adds to runs and segs, so that the
	// fold's lists stay append-only for the next event.
	tail *tail

	// lastEnd is the end of the last period that ran, set by a suspension:
	// a restart on or after it renews (rule 8). unpaidFrom is the first day
	// of a period whose renewal charge was never paid, which did not run,
	// or forever; a restart on or after it renews too.
	lastEnd    date.Date
	unpaidFrom date.Date
	// end is the termination date a Terminate command set, or forever;
	// endCause is that event, and the pauses added after it (IDs above
	// endMark) move it by the periods they add or move.
	end      date.Date
	endCause int
	endMark  int
	// known is the termination date as the log knew it after the events
	// of each day, from the start's on: an invoice issued on a day prorates
	// to the termination known then, and never changes after.
	known pvec[knownEnd]

	pend      pending
	invalidAt date.Date // the payment method became invalid; forever while valid

	pauses  []pauseRec  // in the order they were added; copied on change
	pidx    *pauseIndex // the pauses resolved; nil without pauses
	retries pvec[retryRec]
	open    *retryRec // the retry period in progress, or nil; copied on change
	// orphans are the indexes in retries of the failed invoices whose
	// billing period was cut on their issue day: the views list them where
	// no billing period holds them.
	orphans pvec[int]
	grants  pvec[grant] // discounts granted, in log order

	// idx is the projection's resolved data for the views, and projected
	// reports whether m is a projection (and idx set).
	idx       index
	projected bool
}

// grant is a discount granted to the customer on the invoices issued from
// a day on.
type grant struct {
	on       date.Date
	discount invoice.Discount
}

// knownEnd is the termination date known from a day on.
type knownEnd struct {
	on, end date.Date
}

// tail holds the runs and state changes a projection adds.
type tail struct {
	runs    []run
	segs    []seg
	retries []retryRec
}

// newModel returns the fold of an empty log.
func newModel(t *terms) *model {
	m := &model{}
	t.initial(m)
	m.idx, m.projected = index{}, false // a fold has no index
	return m
}

// recordEnd records the termination date known after an event on date on:
// the projection's, what the views report.
func (m *model) recordEnd(on date.Date) {
	end, _ := m.endDate()
	if p := m.pend; p.suspension != nil || p.change != nil || p.autoAt != forever {
		probe := m.clone()
		probe.tail = &tail{} // nothing of it is kept
		probe.advance(forever - 1)
		end, _ = probe.endDate()
	}
	if last := m.known.items[m.known.len()-1]; last.end != end {
		m.known = m.known.push(knownEnd{on: on, end: end})
	}
}

// endKnownOn returns the termination date known on day d: after the events
// of that day for a day of the log, the projection's for a later one.
func (m *model) endKnownOn(d date.Date) date.Date {
	if d > m.now && m.projected {
		return m.idx.end
	}
	items := m.known.all()
	i := sort.Search(len(items), func(i int) bool { return items[i].on > d }) - 1
	return items[max(i, 0)].end
}

// clone returns a copy of m that shares its append-only lists.
func (m *model) clone() *model {
	c := *m
	return &c
}

// nsegs returns the number of state changes, the projection's included.
func (m *model) nsegs() int {
	n := m.segs.len()
	if m.tail != nil {
		n += len(m.tail.segs)
	}
	return n
}

// seg returns state change i.
func (m *model) seg(i int) seg {
	if n := m.segs.len(); i >= n {
		return m.tail.segs[i-n]
	}
	return m.segs.items[i]
}

// pushSeg appends a state change.
func (m *model) pushSeg(s seg) {
	if m.tail != nil {
		m.tail.segs = append(m.tail.segs, s)
		return
	}
	m.segs = m.segs.push(s)
}

// nruns returns the number of runs, the one in progress included.
func (m *model) nruns() int {
	n := m.runs.len() + 1
	if m.tail != nil {
		n += len(m.tail.runs)
	}
	return n
}

// run returns run i; the last is the run in progress.
func (m *model) run(i int) *run {
	n := m.runs.len()
	switch {
	case i < n:
		return &m.runs.items[i]
	case m.tail != nil && i-n < len(m.tail.runs):
		return &m.tail.runs[i-n]
	}
	return &m.cur
}

// pushRun closes the run in progress and makes r the run in progress.
func (m *model) pushRun(r run) {
	if m.tail != nil {
		m.tail.runs = append(m.tail.runs, m.cur)
	} else {
		m.runs = m.runs.push(m.cur)
	}
	m.cur = r
}

// baseAt returns the base state on d: the last state change on or before
// it, or pending before the start.
func (m *model) baseAt(d date.Date) seg {
	i := sort.Search(m.nsegs(), func(i int) bool { return m.seg(i).from > d }) - 1
	if i < 0 {
		return seg{from: m.t.start, state: Pending, cause: -1}
	}
	return m.seg(i)
}

// setState records the base state s from date d on, caused by the event at
// log index cause. A change on the day of the last one shadows it, so the
// last event of a day wins.
func (m *model) setState(d date.Date, s State, r Reason, cause int) {
	m.status = s
	last := m.seg(m.nsegs() - 1)
	if last.from != d && last.state == s && last.reason == r {
		return
	}
	m.pushSeg(seg{from: d, state: s, reason: r, cause: cause})
}

// running returns the base state of a subscription that is running.
func (m *model) running() State {
	switch {
	case m.open != nil:
		return PastDue
	case m.pend.suspension != nil:
		return SuspensionScheduled
	}
	return Active
}

// stateOn returns the state on d with the pending, trial and paused
// overlays, and the pause behind a paused day.
func (m *model) stateOn(d date.Date) (State, Reason) {
	if d < m.t.start {
		return Pending, 0
	}
	if end, ok := m.endDate(); ok && d >= end {
		return Terminated, 0
	}
	b := m.baseAt(d)
	if !b.state.Entitled() {
		return b.state, b.reason
	}
	if _, ok := m.pausedOn(d); ok {
		return Paused, 0
	}
	if d < m.t.trialEnd && b.state == Active {
		return Trial, 0
	}
	return b.state, b.reason
}

// nretries returns the number of settled retry periods, the projection's
// included.
func (m *model) nretries() int {
	n := m.retries.len()
	if m.tail != nil {
		n += len(m.tail.retries)
	}
	return n
}

// retry returns settled retry period i.
func (m *model) retry(i int) *retryRec {
	if n := m.retries.len(); i >= n {
		return &m.tail.retries[i-n]
	}
	return &m.retries.items[i]
}

// pushRetry appends a settled retry period and returns it.
func (m *model) pushRetry(r retryRec) *retryRec {
	if m.tail != nil {
		m.tail.retries = append(m.tail.retries, r)
		return &m.tail.retries[len(m.tail.retries)-1]
	}
	m.retries = m.retries.push(r)
	return &m.retries.items[m.retries.len()-1]
}
