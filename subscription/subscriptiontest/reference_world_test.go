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
// (from the seed articles, issue 10 and the lead's decisions on it):
//
//   - Same-day order: a day's dated effects (the termination, a scheduled
//     suspension, the automatic one, a plan change, in that order) come
//     before its events, and its events before the renewal due that day:
//     a suspension on a renewal day means no renewal (rule 16).
//   - A charge that failed was issued: its invoice stays listed even if
//     the day's events then stop its period (its period is no billing
//     period), and beside the invoice of a renewal restart that day (a
//     new document). If its period does start that day on the run it was
//     charged on, the invoice issued is that one as the day's events
//     left it (defect 6). The commands name an invoice by its issue date:
//     a second failure for a day whose charge failed already is refused
//     with ErrNotDue (ErrInvalidTransition first while suspended or
//     retrying), and the payment of an invoice paid already is a no-op.
//   - Rule 8: "the last period that ran" ends at the first boundary on or
//     after the suspension; a period billed in advance whose renewal
//     charge ran out of retries (or whose retries were stopped) did not
//     run unless paid since, the stub before a later anchor included: a
//     restart renews on its day (defect 1). A restart inside the period it
//     was suspended in bills nothing more, in arrears too. A renewal on a
//     boundary of the same schedule keeps its anchor, so month ends never
//     drift; a new run replaces the period it starts in from its day.
//   - Trials: the trial state covers the days before the trial's end on
//     an otherwise active day. Trial periods are the first plan's first
//     periods on its original schedule: a renewal that keeps the anchor
//     keeps them, a re-anchoring or a plan change ends them. They count
//     in the period numbers but not for "first N periods" discounts,
//     which count the billed periods of a plan from when it was taken
//     (defect 4); the stub before a later anchor is period #0 of the
//     first plan, and a plan taken at the anchor counts from there.
//   - A period cut short is billed for the days served over all its days,
//     and its invoice names them ([start, cut)). In arrears the cut is a
//     suspension not lifted within the period (the stub and a paid trial
//     in days too) or the termination; in advance, the termination known
//     on the issue day after that day's events: later decisions never
//     change an issued invoice (defect 5).
//   - The termination date a command sets moves by one billing period for
//     each period that pauses added after it move or extend, along the
//     schedule; once a new run starts, the date it came to stays a date
//     (a date no period starts on yet moves on the new schedule). An
//     extension's periods come after that date, counted on the schedule
//     as it stands, while suspended too; of two extensions that claim a
//     period, the later one adds it (the earlier one was cut off by a
//     termination date a command set since).
//   - A whole-period pause on or after the termination date is moot: it
//     orphans nothing, and a command that brings it back into the
//     subscription's life (a cancelled termination) is refused with
//     ErrOrphanPause if it names no billing period then. While suspended
//     no period lies ahead: the restart checks, and every restart checks
//     the whole-period pauses against the schedule it leaves.
//   - Commands are checked against the log so far: scheduled and
//     automatic suspensions may still be cancelled, so a projection does
//     not fire them; a pending plan change does fire.
//   - The automatic suspension for an invalid payment method comes at the
//     first billed renewal after the day it was planned (the invalidation,
//     a restart, a plan change), moved by whole-period pauses given since.
//   - Deleting a pause (rule 11): the subscription becomes the walk of the
//     log without it, the pauses given after it standing as they were
//     given (their extensions counted again). Refused with ErrOrphanPause
//     when a later pause would stand on what it added (a whole period that
//     is no billing period, a flexible pause or an override past the new
//     termination date), and with ErrPeriodInvoiced when a later command
//     would no longer apply, a day already past or an invoice issued by
//     the deletion's date would change, or the subscription would have
//     ended before the deletion. A termination, or an automatic
//     suspension, that the walk reaches on the deletion's day takes effect
//     at the deletion, after the day's events before it.
//   - A suspension or termination closes an open retry period: no attempt
//     is planned on or after its day (one planned before stays listed, and
//     next); the invoice is unpaid, counts for the unpaid-invoices rule and
//     can be paid while suspended (defect 2). The retry periods are what
//     the whole log comes to: one still open is closed by the termination
//     ahead.
//   - Under restart-on-payment, a late payment starts a new run on the
//     payment day whose first period the failed invoice pays for (gated as
//     issue 10, defect 3: the lead is settling how it bills).

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
	issue  date.Date
	period period.Period
	total  int64
	ext    bool
	over   int  // the override that set it: 0 none, 1 a fixed amount, 2 prorated
	orphan bool // charged (and failed) on the day its period did not start
	// slot is the index of the billing period it bills, or -1 (the lead);
	// it bills num of its den days.
	slot     int
	num, den int64
}

func (i refInvoice) String() string {
	return fmt.Sprintf("%s %s %d.%02d", i.issue, i.period, i.total/100, i.total%100)
}

// world is the model's subscription on one day, mid-walk.
type world struct {
	cfg        *refCfg
	day        date.Date
	projecting bool // a projection of the log so far: scheduled and automatic suspensions do not fire
	replaying  bool // re-walking a log for a deletion: the pauses stand as given

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
	autoFrom  date.Date // the day the automatic suspension was planned from
	hasAuto   bool
	retries   []refRetryRec
	open      int
	unpaid    int
	slots     []refSlot
	lead      *refLead
	invoices  []refInvoice
	committed *refInvoice // charged today, before the period it bills started
	rerun     bool        // a new run started since it was charged: it is its own document
	days      []refDay
	hits      [hitModel + 1]bool
	why       string // what the model could not account for
	diverged  bool   // a replayed event no longer applies
	// until is, replaying for a deletion, its day: the termination the
	// walk reaches before it waits for it (see refModel.replay).
	until date.Date
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
	if end, ok := w.end(); ok && end <= d && (d > w.until || (d == w.until && w.projecting)) {
		// Replaying for a deletion on w.until, the termination the walk
		// reaches before it waits for it (see refModel.replay).
		if end < d && end >= w.until {
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
		w.planAuto(d) // the rule of the plan taken, from its first renewal

	}
}

// closeDay starts the period due today, and records the day's state.
func (w *world) closeDay() {
	d := w.day
	before := len(w.invoices)
	if d == w.cfg.start && w.lead != nil {
		w.startLead()
	}
	if w.status == stActive && d == w.nextAt {
		if end, ok := w.end(); !ok || d < end || d < w.until {
			w.startSlot()
		}
	} else if w.status == stActive && d > w.nextAt {
		w.bug("period %d of %v was due on %s", w.nextK, w.sched, w.nextAt)
	}
	if c := w.committed; c != nil {
		// The invoice charged today stays even if its period did not
		// start: an issued invoice never disappears (rule 17). If its
		// period did start, on the run it was charged on, the invoice
		// issued is that one as the day's events left it (issue 10,
		// defect 5); a renewal restart since is a new document.
		if w.rerun || !slices.ContainsFunc(w.invoices[before:], func(i refInvoice) bool { return i.period.Start == c.period.Start }) {
			o := *c
			o.orphan = true
			w.invoices = append(w.invoices, o)
		}
		w.committed, w.rerun = nil, false
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
