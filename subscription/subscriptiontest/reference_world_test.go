package subscriptiontest_test

// The reference model: a deliberately naive walk, one day at a time, of a
// subscription under DESIGN rules 8–10, 13 and 17. Each day opens (what
// its date fires: an in-arrears invoice, the termination, a scheduled or
// automatic suspension, a plan change), takes its events in log order,
// then closes (a period due that day starts and, in advance, is
// invoiced). Invoices are written when they are issued and never touched
// again. It shares no code with package subscription and decides by
// itself what to refuse (reference_events_test.go).
//
// Where DESIGN.md is silent or ambiguous the model decides as follows
// (from the seed articles and the library's own tests where they say):
//
//   - Same-day order: a day's dated effects (the termination, a scheduled
//     suspension, the automatic one, a plan change, in that order) come
//     before its events, and its events before the renewal due that day:
//     a suspension on a renewal day means no renewal (rule 16). A charge
//     that failed that day was issued all the same: its invoice stays
//     even if a later event of the day stops the period (rule 17).
//   - Rule 8: "the last period that ran" ends at the first boundary on or
//     after the suspension; a period whose renewal charge ran out of
//     retries, billed in advance, did not run unless paid since. A
//     restart inside the period it was suspended in bills nothing more,
//     in arrears too: the period is billed whole. A renewal on a boundary
//     of the same schedule keeps its anchor, so month ends never drift.
//   - Trials: the trial state covers the days before the trial's end on
//     an otherwise active day. Trial periods are the first plan's first
//     periods on its original schedule: a renewal that keeps the anchor
//     keeps them, a re-anchoring or a plan change ends them. They count
//     in the period numbers, and for "first N periods" discounts, like
//     any period of the plan; the stub before a later anchor is period
//     #0 and takes its discounts.
//   - In arrears, a period (or the stub, or a paid trial in days) cut
//     short by a suspension not lifted within it, or by the termination,
//     bills the days served over all its days; the invoice names the
//     whole period. In advance the same holds for a termination known
//     when the period starts (issue 10, defect 5); one decided later
//     leaves the issued invoice as it was.
//   - The termination date a command sets moves by one billing period for
//     each period that pauses added after it move or extend, along the
//     schedule; once a new run starts, the date it came to stays a date.
//     A whole-period pause on or after the termination date is moot: it
//     orphans nothing (ignored by the checks of restarts and deletions),
//     and a command that brings it back into the subscription's life
//     (a cancelled termination) is refused with ErrOrphanPause.
//   - Commands are checked against the log so far: scheduled and
//     automatic suspensions may still be cancelled, so a projection does
//     not fire them; a pending plan change does fire.
//   - Deleting a pause restores the walk without it (rule 11); if that
//     walk would change a day already past, or a later command would no
//     longer apply, the deletion is refused with ErrPeriodInvoiced.
//   - A retry period stopped by a suspension or termination leaves its
//     invoice unpaid: it counts for the unpaid-invoices rule and can be
//     paid later (issue 10, defect 2).
//   - Under restart-on-payment, a late payment starts a new run on the
//     payment day whose first period the failed invoice pays for
//     (gated as issue 10, defect 3: the lead is to confirm this reading).

import (
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

type refStatus int

const (
	stActive refStatus = iota + 1 // running: active, suspension scheduled or past due
	stSuspended
	stTerminated
)

// refDay is the state of a day before the pause and trial overlays.
type refDay struct {
	state  subscription.State
	reason subscription.Reason
}

// refSlot is a billing period that started.
type refSlot struct {
	p, shown period.Period // shown ends where a run starting inside it begins
	plan     *refPlan
	planNo   int  // how many plan changes came before its plan
	trial    bool // a trial period of the first plan
	pauseID  int  // the whole-period pause that removes it, or −1
	skip     bool // that pause only skips it
	prepaid  bool // paid by the failed invoice of a late payment (restart on payment)
	number   int  // among the billed periods of the subscription (the display number)
	discNo   int  // among the billed periods of its plan (discounts for N periods)
	counted  int  // how many periods counting towards the term came before it
	cut      date.Date
	pending  bool // in arrears: not invoiced yet
}

// refLead is the stretch before the anchor: a trial in days, or a stub.
type refLead struct {
	p       period.Period
	ran     bool
	cut     date.Date
	pending bool
}

type refInvoice struct {
	issue   date.Date
	period  period.Period
	total   int64
	lib     int64 // the total today's library bills (issue 10, defects 4 and 5)
	ext     bool
	charged bool // charged on the day its period did not start (issue 10, defect 6)
	over    int  // the override that set it: 0 none, 1 a fixed amount, 2 prorated
}

func (i refInvoice) String() string {
	return fmt.Sprintf("%s %s %d.%02d", i.issue, i.period, i.total/100, i.total%100)
}

// The known defects of today's library (issue 10) that a walk can hit.
const (
	hitRestartUnpaid   = 1 // restart before the end of a period whose retries ran out
	hitRetryClosed     = 2 // a retry period stopped by a suspension or termination
	hitLatePayment     = 3 // a late payment under restart-on-payment
	hitDiscountNumbers = 4 // "first N periods" of a plan taken at a renewal
	hitProratedAdvance = 5 // a termination inside a period not yet invoiced in advance
	hitChargedGone     = 6 // an invoice charged on the day its period did not start
	hitClosedRetryUsed = 7 // the invoice of a stopped retry period is paid, or counted as unpaid
)

// The disagreements with today's library that this model found and
// reported (not in issue 10's list); see knownDefect.
const (
	hitTrialRenewal      = 11 + iota // a renewal restart keeps the anchor inside a trial
	hitDeleteMoot                    // a deletion while a whole-period pause lies after the end
	hitEndReanchored                 // a new run under a termination date moved by pauses
	hitLeadCut                       // in arrears, a suspension cuts the lead short
	hitSuspendedChange               // a whole-period pause while suspended with a plan change pending
	hitDeleteAuto                    // a deletion moves the automatic suspension for an invalid method
	hitCancelOrphan                  // a cancelled termination leaves a whole-period pause orphaned
	hitDeleteRewrites                // the walk without a deleted pause would rewrite the past
	hitDeleteExtStart                // a deletion moves the periods a later extension adds
	hitPendingRecurrence             // a pause command under a pending change to another recurrence
	hitModel             = 31        // the model reached a state it cannot account for
)

// world is the model's subscription on one day, mid-walk.
type world struct {
	cfg        *refCfg
	day        date.Date
	projecting bool // a projection of the log so far: scheduled and automatic suspensions do not fire
	replaying  bool // re-walking a log after a deletion: bounds are not checked again

	status    refStatus
	reason    subscription.Reason
	lastEnd   date.Date // end of the last period that ran, set by a suspension
	susUnpaid int       // retry whose unpaid period the payment-due suspension stands on, or −1
	sched     refSched
	runStart  date.Date // first boundary of the current run
	plan      *refPlan
	planNo    int
	original  bool // still the first plan's first schedule
	nextK     int  // index of the next period to start
	nextAt    date.Date
	prepaid   bool // the next period to start is prepaid
	billed    int
	planBill  int
	schedSusp *refScheduled
	change    *refPlan
	changeAt  date.Date
	waits     bool // the change waits for a restart
	cmdEnd    date.Date
	hasCmdEnd bool
	endedOn   date.Date
	pauses    []refPause
	counted   []date.Date // ends of the periods that count towards the term
	invalid   bool
	autoAt    date.Date
	hasAuto   bool
	retries   []refRetryRec
	open      int
	unpaid    int
	slots     []refSlot
	lead      *refLead
	invoices  []refInvoice
	committed *refInvoice // charged today, before the period it bills started
	days      []refDay
	hits      [hitModel + 1]bool
	why       string // what the model could not account for
	diverged  bool   // a replayed event no longer applies
}

func newWorld(cfg *refCfg) *world {
	w := &world{cfg: cfg, day: cfg.start, status: stActive, susUnpaid: -1, open: -1,
		sched: refSched{cfg.anchor, cfg.plan.every}, runStart: cfg.anchor, plan: cfg.plan, original: true,
		nextAt: cfg.anchor}
	if cfg.anchor > cfg.start {
		w.lead = &refLead{p: period.Period{Start: cfg.start, End: cfg.anchor}}
	}
	if cfg.later {
		w.billed, w.planBill = 1, 1 // the stub is billed period #0
	}
	w.openDay()
	return w
}

func (w *world) clone() *world {
	c := *w
	c.pauses = slices.Clone(w.pauses)
	c.retries = slices.Clone(w.retries)
	c.slots = slices.Clone(w.slots)
	c.invoices = w.invoices[:len(w.invoices):len(w.invoices)]
	c.days = w.days[:len(w.days):len(w.days)]
	c.counted = w.counted[:len(w.counted):len(w.counted)]
	if w.lead != nil {
		l := *w.lead
		c.lead = &l
	}
	return &c
}

func (w *world) bug(format string, args ...any) {
	if !w.hits[hitModel] {
		w.hits[hitModel], w.why = true, fmt.Sprintf("on %s: ", w.day)+fmt.Sprintf(format, args...)
	}
}

// to brings the world to day d, open: events of d may follow.
func (w *world) to(d date.Date) {
	for w.day < d {
		w.closeDay()
		w.day++
		w.openDay()
	}
}

// openDay fires what the date itself brings, before its events.
func (w *world) openDay() {
	d := w.day
	w.issueArrears(d)
	if w.status == stTerminated {
		return
	}
	if end, ok := w.end(); ok && end <= d {
		if end < d {
			w.bug("the termination date %s moved into the past", end)
		}
		w.terminate(d)
		return
	}
	if s := w.schedSusp; s != nil && s.eff == d && !w.projecting {
		w.suspend(d, s.reason, -1)
	}
	if w.hasAuto && w.autoAt == d && w.status == stActive && !w.projecting {
		w.suspend(d, subscription.PaymentMethodInvalid, -1)
	}
	if w.change != nil && !w.waits && w.changeAt == d && w.status == stActive {
		p := w.change
		w.change = nil
		w.newRun(d, p, true)
		if !p.invalidRule {
			w.hasAuto = false
		} else if w.invalid && !w.hasAuto {
			w.autoAt, w.hasAuto = w.nextRenewal(d), true
		}
	}
}

// closeDay starts the period due today, and records the day's state.
func (w *world) closeDay() {
	d := w.day
	if d == w.cfg.start && w.lead != nil {
		w.startLead()
	}
	before := len(w.invoices)
	if w.status == stActive && d == w.nextAt {
		if end, ok := w.end(); !ok || d < end {
			w.startSlot()
		}
	} else if w.status == stActive && d > w.nextAt {
		w.bug("period %d of %v was due on %s", w.nextK, w.sched, w.nextAt)
	}
	if c := w.committed; c != nil {
		// The invoice charged today stays even if its period did not
		// start: an issued invoice never disappears (rule 17).
		if !slices.Contains(w.invoices[before:], *c) {
			w.hits[hitChargedGone] = true
			gone := *c
			gone.charged = true
			w.invoices = append(w.invoices, gone)
		}
		w.committed = nil
	}
	w.days = append(w.days, w.baseDay())
}

// baseDay returns today's state before the overlays.
func (w *world) baseDay() refDay {
	switch {
	case w.status == stTerminated:
		return refDay{state: subscription.Terminated}
	case w.status == stSuspended:
		return refDay{state: subscription.Suspended, reason: w.reason}
	case w.open >= 0:
		return refDay{state: subscription.PastDue}
	case w.schedSusp != nil:
		return refDay{state: subscription.SuspensionScheduled}
	}
	return refDay{state: subscription.Active}
}

func (w *world) startLead() {
	l := w.lead
	if end, ok := w.end(); w.status != stActive || (ok && end <= l.p.Start) {
		return
	}
	l.ran = true
	if w.cfg.plan.arrears {
		l.pending = true
		return
	}
	full := l.p.End - l.p.Start
	if end, ok := w.end(); ok && end < l.p.End {
		w.hits[hitProratedAdvance] = true
		w.issueLead(l.p.Start, end-l.p.Start, full, full)
		return
	}
	w.issueLead(l.p.Start, full, full, full)
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
		// the days up to it (issue 10, defect 5).
		w.hits[hitProratedAdvance] = true
		w.issueSlot(len(w.slots)-1, d, int64(end-p.Start), full, full)
		return
	}
	w.issueSlot(len(w.slots)-1, d, full, full, full)
}
