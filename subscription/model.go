package subscription

import (
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

// forever stands for "no end" inside the model; it never leaves the package.
const forever = date.Date(1 << 40)

// lastDay is the last date billcycle handles, 9999-12-31: every date it
// returns has a four-digit year, so its ISO text parses back strictly.
var lastDay = period.MustParseDate("9999-12-31")

// run is a stretch of billing on one anchored schedule: the periods of
// sched from firstK on, while they start before until. A restart after the
// last period ended, a plan change with another recurrence, or a late
// payment under the restart-on-payment policy begins a new run.
type run struct {
	sched   period.Schedule
	plan    Plan
	firstK  int
	until   date.Date
	renewal bool // the first period is a renewal (restart or late payment)
	prepaid bool // the first period was paid by the invoice of the period cut short before it
}

// free returns the number of leading periods of r that the previous run's
// invoice paid: they are neither billed nor counted towards the term.
func (r run) free() int {
	if r.prepaid {
		return 1
	}
	return 0
}

// uncounted returns, for period k of r, how many periods of r before k do
// not count: moved whole-period pauses (sorted ks) and a prepaid first one.
func (r run) uncounted(ks []int, k int) int {
	n := countBelow(ks, k)
	if r.prepaid && k > r.firstK {
		n++
	}
	return n
}

// seg is a change of the base state on a date; the state holds until the
// next seg. Pending, trial and paused days are overlaid by the views.
type seg struct {
	from   date.Date
	state  State
	reason Reason
	cause  int // log index of the event that caused the change; -1 for the plan
}

// pauseRec is a pause in the log, kept when deleted so that IDs stay stable.
type pauseRec struct {
	id      int
	on      date.Date
	flex    *pause.Flexible
	whole   *pause.WholePeriod
	fee     *pause.Fee // the plan's freeze fee when the pause was added
	deleted bool
	// shiftsEnd reports whether the pause moves the termination date that
	// a Terminate command set before it was added.
	shiftsEnd bool
	// extStart is the number, among the periods counted towards the term,
	// of the first period of a flexible pause's extension.
	extStart int
}

// reason returns the pause's reason.
func (p pauseRec) reason() string {
	if p.flex != nil {
		return p.flex.Reason
	}
	return p.whole.Reason
}

// ranges returns the days the pause covers.
func (p pauseRec) ranges() []period.Period {
	if p.flex != nil {
		return []period.Period{p.flex.Days}
	}
	return p.whole.Periods
}

// adds returns the number of periods the pause's extension adds to a term.
// A moved whole period needs none: it does not count towards the term, so
// the term ends one period later by itself.
func (p pauseRec) adds() int {
	if p.flex != nil {
		return p.flex.Extension.Periods
	}
	return 0
}

// retryRec is the retry period that follows a failed charge.
type retryRec struct {
	due      date.Date
	policy   retry.Policy
	outcomes []retry.Outcome
	status   retry.Status
	closed   date.Date // suspension or termination that stopped it; forever if none
	unpaid   bool      // exhausted and not paid since
}

// model is the fold of a subscription's log: the views read it, the
// commands extend it. It is built once per Subscription value and never
// changed afterwards.
type model struct {
	start    date.Date
	lead     period.Period // trial in days, or the stub before the anchor; empty if none
	trialEnd date.Date     // first day after the trial; start when there is none
	plan     Plan          // the first plan

	runs []run
	segs []seg

	status    State // Active, SuspensionScheduled, Suspended, PastDue or Terminated
	lastEnd   date.Date
	end       date.Date // termination date set by a Terminate command, or forever
	scheduled *seg      // a scheduled suspension: from is its effective date
	change    *Plan     // a plan change waiting for the next renewal
	changeAt  date.Date
	invalidAt date.Date // when the payment method became invalid; forever if valid
	autoAt    date.Date // planned automatic suspension for the invalid method
	pauses    []pauseRec
	retries   []retryRec
	openRetry int // index in retries, or -1
	unpaid    int
	now       date.Date // date the fold has advanced to
	cause     int       // log index of the event being folded, or -1
	endCause  int       // log index of the Terminate event that set the end, or -1
	autoCause int       // log index of the invalidation behind autoAt
}

func newModel(plan Plan, start, anchor date.Date) *model {
	m := &model{start: start, plan: plan, trialEnd: start, end: forever, invalidAt: forever,
		autoAt: forever, openRetry: -1, status: Active, now: start, cause: -1, endCause: -1}
	sched := period.Schedule{Anchor: anchor, Every: plan.Every}
	switch {
	case plan.Trial.Days > 0:
		m.trialEnd = start + date.Date(plan.Trial.Days)
		m.lead = period.Period{Start: start, End: m.trialEnd}
	case anchor > start:
		m.lead = period.Period{Start: start, End: anchor}
	}
	if plan.Trial.Periods > 0 {
		m.trialEnd = sched.Boundary(plan.Trial.Periods)
	}
	m.runs = []run{{sched: sched, plan: plan, until: forever}}
	m.segs = []seg{{from: start, state: Active, cause: -1}}
	return m
}

func (m *model) clone() *model {
	c := *m
	c.runs = slices.Clone(m.runs)
	c.segs = slices.Clone(m.segs)
	c.pauses = slices.Clone(m.pauses)
	c.retries = slices.Clone(m.retries)
	for i := range c.retries {
		c.retries[i].outcomes = slices.Clone(c.retries[i].outcomes)
	}
	return &c
}

func (m *model) cur() *run { return &m.runs[len(m.runs)-1] }

// setState records the base state from date d on. Same-day changes replace
// each other, so the last event of a day wins.
func (m *model) setState(d date.Date, s State, r Reason) {
	m.status = s
	last := &m.segs[len(m.segs)-1]
	if last.from == d {
		last.state, last.reason, last.cause = s, r, m.cause
		if len(m.segs) > 1 && m.segs[len(m.segs)-2].state == s && m.segs[len(m.segs)-2].reason == r {
			m.segs = m.segs[:len(m.segs)-1]
		}
		return
	}
	if last.state == s && last.reason == r {
		return
	}
	m.segs = append(m.segs, seg{from: d, state: s, reason: r, cause: m.cause})
}

// running returns the base state of a subscription that is running.
func (m *model) running() State {
	switch {
	case m.openRetry >= 0:
		return PastDue
	case m.scheduled != nil:
		return SuspensionScheduled
	}
	return Active
}

// activePauses yields the pauses that are not deleted.
func (m *model) activePauses() []pauseRec {
	out := make([]pauseRec, 0, len(m.pauses))
	for _, p := range m.pauses {
		if !p.deleted {
			out = append(out, p)
		}
	}
	return out
}

// moves returns the number of periods a whole-period pause moves to the end.
func (p pauseRec) moves() int {
	if p.whole == nil || p.whole.SkipOnly {
		return 0
	}
	return len(p.whole.Periods)
}

// pauseAdds returns the periods that active pauses' extensions add to a
// term.
func (m *model) pauseAdds() int {
	n := 0
	for _, p := range m.pauses {
		if !p.deleted {
			n += p.adds()
		}
	}
	return n
}

// pausedSlots returns, sorted, the indexes in r's schedule of the periods
// paused by active whole-period pauses; moved selects the moved ones only.
func (m *model) pausedSlots(r run, movedOnly bool) []int {
	var ks []int
	for _, p := range m.pauses {
		if p.deleted || p.whole == nil || (movedOnly && p.whole.SkipOnly) {
			continue
		}
		for _, pp := range p.whole.Periods {
			if k, ok := r.sched.Index(pp.Start); ok && k >= r.firstK && r.sched.Boundary(k) == pp.Start &&
				r.sched.Boundary(k+1) == pp.End && pp.Start < r.until {
				ks = append(ks, k)
			}
		}
	}
	slices.Sort(ks)
	return ks
}

// countBelow returns how many of the sorted ks are below k.
func countBelow(ks []int, k int) int {
	n, _ := slices.BinarySearch(ks, k)
	return n
}

// slotsIn returns the number of periods of r that start before its until
// and before limit.
func slotsIn(r run, limit date.Date) int {
	u := min(r.until, limit)
	if u <= r.sched.Boundary(r.firstK) {
		return 0
	}
	k, _ := r.sched.Index(u - 1)
	return k - r.firstK + 1
}

// termEnd returns the end of the plan's fixed term, moved by the periods
// that pauses add or move, and false if the plan has no term or the term
// does not end in the runs known (a suspension that never restarted).
func (m *model) termEnd() (date.Date, bool) {
	if m.plan.Periods == 0 {
		return 0, false
	}
	remaining := m.plan.Periods + m.pauseAdds()
	for _, r := range m.runs {
		moved := m.pausedSlots(r, true)
		k := r.firstK + max(remaining, 0) + r.free()
		for _, mk := range moved {
			if mk < k {
				k++
			}
		}
		if r.sched.Boundary(k-1) < r.until {
			return r.sched.Boundary(k), true
		}
		n := slotsIn(r, forever)
		remaining -= n - r.uncounted(moved, r.firstK+n)
	}
	return 0, false
}

// setEnd sets the termination date as given: the pauses added so far no
// longer move it, only those added after it do.
func (m *model) setEnd(d date.Date) {
	m.end = d
	for i := range m.pauses {
		m.pauses[i].shiftsEnd = false
	}
}

// commandEnd returns the termination date a Terminate command set, moved by
// the periods that pauses added after it add or move, or forever.
func (m *model) commandEnd() date.Date {
	if m.end == forever {
		return forever
	}
	n := 0
	for _, p := range m.pauses {
		if !p.deleted && p.shiftsEnd {
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
	for i, r := range m.runs {
		last := i == len(m.runs)-1
		k := r.firstK
		if !started {
			ke, ok := r.sched.Index(e)
			if !ok || ke < r.firstK || r.sched.Boundary(ke) != e || (!last && e >= r.until) {
				continue
			}
			started, k = true, ke
		}
		if last {
			return r.sched.Boundary(k + n), true
		}
		left := slotsIn(r, forever) - (k - r.firstK)
		if n < left {
			return r.sched.Boundary(k + n), true
		}
		n -= left
	}
	return e, false
}

// countedBefore returns how many periods starting before e count towards
// the term.
func (m *model) countedBefore(e date.Date) int {
	n := 0
	for _, r := range m.runs {
		c := slotsIn(r, e)
		n += c - r.uncounted(m.pausedSlots(r, true), r.firstK+c)
	}
	return n
}

// endDate returns the termination date as known so far.
func (m *model) endDate() (date.Date, bool) {
	end := m.commandEnd()
	if t, ok := m.termEnd(); ok && t < end {
		end = t
	}
	return end, end != forever
}

// boundaryAtOrAfter returns the first boundary of the current run on or
// after d.
func (m *model) boundaryAtOrAfter(d date.Date) date.Date {
	r := m.cur()
	if d <= r.sched.Boundary(r.firstK) {
		return r.sched.Boundary(r.firstK)
	}
	k, _ := r.sched.Index(d)
	if b := r.sched.Boundary(k); b == d {
		return b
	}
	return r.sched.Boundary(k + 1)
}

// boundaryAfter returns the first boundary of the current run after d.
func (m *model) boundaryAfter(d date.Date) date.Date { return m.boundaryAtOrAfter(d + 1) }

// advance brings the fold to date t, firing what was scheduled before or on
// it: the end of the term or a planned termination, a scheduled or
// automatic suspension, a plan change at renewal.
func (m *model) advance(t date.Date) {
	for m.status != Terminated {
		end, hasEnd := m.endDate()
		next := forever
		if hasEnd {
			next = end
		}
		if m.scheduled != nil && m.scheduled.from < next {
			next = m.scheduled.from
		}
		if m.status != Suspended && m.autoAt < next {
			next = m.autoAt
		}
		if m.change != nil && m.status != Suspended && m.changeAt < next {
			next = m.changeAt
		}
		if next > t || next == forever {
			break
		}
		saved := m.cause
		switch {
		case hasEnd && next == end:
			m.cause = m.endCause
			m.terminate(end)
		case m.scheduled != nil && next == m.scheduled.from:
			s := *m.scheduled
			m.scheduled = nil
			m.cause = s.cause
			m.suspend(s.from, s.reason)
		case next == m.autoAt:
			m.autoAt = forever
			m.cause = m.autoCause
			m.suspend(next, PaymentMethodInvalid)
		default:
			m.applyChange(next)
		}
		m.cause = saved
	}
	if t > m.now {
		m.now = t
	}
}

func (m *model) terminate(d date.Date) {
	m.closeRetry(d)
	m.scheduled, m.change = nil, nil
	if c := m.cur(); d < c.until {
		c.until = d
	}
	m.setEnd(d) // final
	m.setState(d, Terminated, 0)
}

func (m *model) suspend(d date.Date, r Reason) {
	if m.status == Suspended || m.status == Terminated {
		return
	}
	m.closeRetry(d)
	m.scheduled, m.autoAt = nil, forever
	m.lastEnd = m.boundaryAtOrAfter(d)
	if c := m.cur(); d < c.until {
		c.until = d
	}
	m.setState(d, Suspended, r)
}

func (m *model) closeRetry(d date.Date) {
	if m.openRetry >= 0 {
		m.retries[m.openRetry].closed = d
		m.openRetry = -1
	}
}

// applyChange starts the pending plan at the renewal on date b.
func (m *model) applyChange(b date.Date) {
	p := *m.change
	m.change = nil
	m.newRun(b, p, false)
	if !p.Suspension.InvalidPaymentMethod {
		m.autoAt = forever // the new plan has no such rule
	} else if m.invalidAt != forever && m.autoAt == forever {
		m.autoAt = m.nextRenewal(b)
	}
}

// newRun cuts the current run at b and starts the next one there, anchored
// on b unless b is a boundary of the current schedule and the recurrence is
// the same, in which case the anchor is kept, so month ends never drift.
func (m *model) newRun(b date.Date, p Plan, renewal bool) {
	c := m.cur()
	if b < c.until {
		c.until = b
	}
	if p.Every == c.sched.Every {
		// On a boundary of the same schedule (a plan change, or a restart
		// exactly when the next period was due), keep the anchor: a 31st
		// anchor must not become a 28th.
		if k, ok := c.sched.Index(b); ok && c.sched.Boundary(k) == b {
			m.runs = append(m.runs, run{sched: c.sched, plan: p, firstK: k, until: forever, renewal: renewal})
			return
		}
	}
	m.runs = append(m.runs, run{sched: period.Schedule{Anchor: b, Every: p.Every}, plan: p, until: forever, renewal: renewal})
}

// stateOf returns the base state on d as folded so far.
func (m *model) baseAt(d date.Date) seg {
	i, found := slices.BinarySearchFunc(m.segs, d, func(s seg, d date.Date) int {
		switch {
		case s.from < d:
			return -1
		case s.from > d:
			return 1
		}
		return 0
	})
	if !found {
		i--
	}
	if i < 0 {
		return seg{from: m.start, state: Pending, cause: -1}
	}
	return m.segs[i]
}

// pausedOn reports whether d is a paused day.
func (m *model) pausedOn(d date.Date) bool {
	for _, p := range m.pauses {
		if !p.deleted && slices.ContainsFunc(p.ranges(), func(r period.Period) bool { return r.Contains(d) }) {
			return true
		}
	}
	return false
}

// stateOn returns the state on d with the pending, trial and paused
// overlays.
func (m *model) stateOn(d date.Date) (State, Reason) {
	if d < m.start {
		return Pending, 0
	}
	b := m.baseAt(d)
	if end, ok := m.endDate(); ok && d >= end {
		return Terminated, 0
	}
	if !b.state.Entitled() {
		return b.state, b.reason
	}
	if m.pausedOn(d) {
		return Paused, 0
	}
	if d < m.trialEnd && b.state == Active {
		return Trial, 0
	}
	return b.state, b.reason
}

// apply checks e against the state on its date and folds it in.
func (m *model) apply(idx int, e Event) error {
	if err := e.validate(); err != nil {
		return err
	}
	if e.Date < m.start {
		return fmt.Errorf("%w: %s on %s, start %s", ErrBeforeStart, e.Kind, e.Date, m.start)
	}
	if e.Date < m.now {
		return fmt.Errorf("%w: %s on %s after an event on %s", ErrOutOfOrder, e.Kind, e.Date, m.now)
	}
	if max(e.Date, e.Effective, e.Due) > lastDay {
		return fmt.Errorf("%w: %s on %s: dates after %s", ErrInvalidEvent, e.Kind, e.Date, lastDay)
	}
	if err := m.fold(idx, e); err != nil {
		return err
	}
	if end, ok := m.endDate(); ok && end > lastDay {
		return fmt.Errorf("%w: %s on %s: the subscription would end on %s, after %s", ErrInvalidEvent, e.Kind, e.Date, end, lastDay)
	}
	return nil
}

// fold applies e, already checked for dates, to the fold.
func (m *model) fold(idx int, e Event) error {
	m.advance(e.Date)
	m.cause = idx
	defer func() { m.cause = -1 }()
	refuse := func() error { return m.refusal(e) }
	if m.status == Terminated {
		return refuse()
	}
	switch e.Kind {
	case Suspend:
		if m.status == Suspended {
			return refuse()
		}
		m.suspend(e.Date, e.Reason)
	case ScheduleSuspension:
		if m.status == Suspended {
			return refuse()
		}
		m.scheduled = &seg{from: e.Effective, reason: e.Reason, cause: idx}
		m.setState(e.Date, m.running(), 0)
	case CancelSuspension:
		if m.scheduled == nil {
			return fmt.Errorf("%w: no suspension scheduled on %s", ErrNotSuspended, e.Date)
		}
		m.scheduled = nil
		m.setState(e.Date, m.running(), 0)
	case Restart:
		return m.restart(e.Date)
	case Terminate:
		return m.applyTerminate(e)
	case CancelTermination:
		if m.end == forever {
			return fmt.Errorf("%w: cancel termination on %s: no termination planned", ErrInvalidTransition, e.Date)
		}
		m.end, m.endCause = forever, -1
	case ChangePlan:
		if m.status == Suspended {
			m.change, m.changeAt = e.Plan, forever
			return nil
		}
		m.change, m.changeAt = e.Plan, m.boundaryAfter(e.Date)
		return m.checkChange()
	case AddFlexiblePause, AddWholePeriodPause:
		return m.addPause(idx, e)
	case DeletePause:
		return m.deletePause(e)
	case PaymentFailed:
		return m.paymentFailed(e)
	case PaymentSucceeded:
		return m.paymentSucceeded(e)
	case PaymentMethodInvalidated:
		m.invalidAt, m.autoCause = e.Date, idx
		if m.cur().plan.Suspension.InvalidPaymentMethod && m.status != Suspended {
			m.autoAt = m.nextRenewal(e.Date)
		}
	case PaymentMethodUpdated:
		m.invalidAt, m.autoAt = forever, forever
	}
	return nil
}

// nextRenewal returns the first boundary after d of the current run that
// starts a billed period (skipping whole-period pauses).
func (m *model) nextRenewal(d date.Date) date.Date {
	b := m.boundaryAfter(d)
	paused := m.pausedSlots(*m.cur(), false)
	for {
		k, _ := m.cur().sched.Index(b)
		if _, found := slices.BinarySearch(paused, k); !found {
			return b
		}
		b = m.cur().sched.Boundary(k + 1)
	}
}

func (m *model) restart(d date.Date) error {
	switch {
	case m.status == Suspended:
	case m.scheduled != nil:
		// A suspension is scheduled: restarting cancels it.
		m.scheduled = nil
		m.setState(d, m.running(), 0)
		return nil
	default:
		return fmt.Errorf("%w: restart on %s: state is %s", ErrNotSuspended, d, m.status)
	}
	renewal := d >= m.lastEnd
	if renewal {
		// Renewal: a new period starts on the restart date (rule 8).
		p := m.cur().plan
		if m.change != nil {
			p, m.change = *m.change, nil
		}
		m.newRun(d, p, true)
	} else {
		m.cur().until = forever
		if m.change != nil {
			m.changeAt = m.boundaryAfter(d)
			if err := m.checkChange(); err != nil {
				return err
			}
		}
	}
	m.autoAt = forever
	if m.invalidAt != forever && m.cur().plan.Suspension.InvalidPaymentMethod {
		m.autoAt = m.nextRenewal(d)
	}
	m.setState(d, m.running(), 0)
	if renewal {
		return m.checkWholePauses(d, "restart")
	}
	return nil
}

// withChange returns the fold with the pending plan change applied on its
// date, or m itself if none is pending or it waits for a restart.
func (m *model) withChange() *model {
	if m.change == nil || m.changeAt == forever {
		return m
	}
	probe := m.clone()
	probe.applyChange(m.changeAt)
	return probe
}

// checkChange refuses a pending change to another recurrence that would
// re-anchor the schedule under a whole-period pause.
func (m *model) checkChange() error {
	if m.change == nil || m.change.Every == m.cur().sched.Every {
		return nil
	}
	return m.withChange().checkWholePauses(m.changeAt, "plan change")
}

// checkWholePauses returns an error wrapping ErrOrphanPause if a
// whole-period pause of a period not over by d no longer names a billing
// period, because a renewal re-anchored the schedule under it.
func (m *model) checkWholePauses(d date.Date, what string) error {
	for _, p := range m.pauses {
		if p.deleted || p.whole == nil {
			continue
		}
		for _, pp := range p.whole.Periods {
			if end, ok := m.endDate(); pp.End > d && !(ok && pp.Start >= end) && !m.slotOf(pp) {
				return fmt.Errorf("%w: %s on %s re-anchors the schedule under pause %d of %s; delete the pause first",
					ErrOrphanPause, what, d, p.id, pp)
			}
		}
	}
	return nil
}

func (m *model) applyTerminate(e Event) error {
	if e.Effective == e.Date {
		m.terminate(e.Date)
		return nil
	}
	if cur, ok := m.endDate(); ok && e.Effective > cur {
		return fmt.Errorf("%w: terminate on %s effective %s: the subscription already ends on %s", ErrInvalidTransition, e.Date, e.Effective, cur)
	}
	m.setEnd(e.Effective)
	m.endCause = m.cause
	return nil
}

// refusal returns the *TransitionError for event e, refused in the state on
// its date.
func (m *model) refusal(e Event) error {
	st, _ := m.stateOn(e.Date)
	b := m.baseAt(e.Date)
	if m.status == Terminated {
		st = Terminated
	}
	since := b.from
	if st == Terminated {
		since, _ = m.endDate()
	}
	return &TransitionError{Command: e.Kind, On: e.Date, State: st, Since: since}
}
