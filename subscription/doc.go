// Package subscription is the heart of billcycle: a subscription is its
// terms (plan, start, anchor, buyer and beneficiary) and the ordered log of
// what happened to it; every view — the state on a date, the billing
// periods, the invoices issued or planned, the next renewal, the
// termination date, the timeline, the agenda of a day — is a pure function
// of that log and the date asked about. Nothing reads the clock: every
// "now" is an argument.
//
// # Dates and periods
//
// Dates are civil (date.Date, no time of day): the caller maps its instants
// to the business's local date. Every range is half-open, [Start, End): a
// monthly period from 2021-10-01 is [2021-10-01, 2021-11-01), and the
// termination date is the first day without service. A schedule is
// anchored, never chained: boundary k is the anchor plus k periods, the day
// of the month clamped, so an anchor on January 31 gives February 28 (29),
// March 31, April 30. Every date lies in 0001-01-01 … 9999-12-31: terms
// that would leave it are refused (ErrInvalidTerms).
//
// # Commands and the log
//
// Commands (Suspend, Restart, TerminateAtPeriodEnd, AddWholePeriodPause,
// RecordPaymentFailure, ChangePlanNow, …) check themselves against the
// state on their date and return a new Subscription with one more Event,
// or an *EventError wrapping a sentinel such as ErrTerminated or
// ErrPeriodInvoiced, with the offending values in its message. They never
// change the receiver, so a Subscription is safe for concurrent use.
// Same-day events apply in log order: a suspension and a restart on one
// day leave the subscription active. An event dated before the start or
// before the event ahead of it is refused (ErrBeforeStart, ErrOutOfOrder).
// Apply takes an Event the caller built, which is how a reference (a
// payment provider's charge ID) and metadata (who did it) travel with it;
// Replay rebuilds a subscription from stored terms and events, and JSON
// does the same.
//
// # States
//
//	pending              before the start                       not entitled
//	trial                during a trial                         entitled
//	active               running                                entitled
//	suspension_scheduled running, a suspension is planned       entitled
//	past_due             in a retry period after a failed charge entitled
//	paused               on a paused day                        not entitled
//	suspended            by the business, payment due, or an
//	                     invalid payment method                 not entitled
//	terminated           final                                  not entitled
//
// # Restart
//
// A suspended subscription restarts on any date. On or after the end of
// the last period that ran, the restart renews: a new period starts on the
// restart date and is invoiced. Before it, nothing is invoiced and the
// next renewal comes as scheduled. Monthly at 10.00, period
// [2021-10-01, 2021-11-01):
//
//	suspended 10-15, restarted 10-20   no invoice at the restart; renewal 11-01
//	suspended 10-15, restarted 11-10   one renewal invoice on 11-10 for
//	                                   [11-10, 12-10); no service 11-01 … 11-09
//	terminated 10-15, restart 10-20    ErrTerminated
//
// A period whose renewal charge was never paid — its retries ran out — did
// not run: a restart after the suspension for payment due renews on the
// restart date, unless a payment recovered that period.
//
// # Pauses
//
// A flexible pause is a day range with a reason: its periods keep their
// invoices unless overridden (to 0, or the prorated amount
// PreviewFlexiblePause suggests), and an extension adds whole periods at
// the end, each with its invoice. A whole-period pause picks billing
// periods; each moves to the end by default — no invoice and no access
// where it stood, later periods keep their dates, the term ends one period
// later — or is skipped only. Monthly at 49.00 from 2025-01-15 for 12
// periods, the period [2025-04-15, 2025-05-15) paused: no invoice on
// 04-15, and the term ends on 2026-02-15 instead of 2026-01-15. A pause
// never changes an invoice already issued on the command's date
// (ErrPeriodInvoiced), and deleting one restores exactly the timeline
// without it. A plan whose pause policy credits paused days
// (pause.Policy.CreditPausedDays) issues a credit note for the paused days
// of periods already invoiced.
//
// # Payment retries
//
// RecordPaymentFailure(D, D) opens the retry period of the plan's
// retry.Policy: past due (entitled) from D, attempts on D+1 … D+N (or the
// policy's offsets). A RecordPayment recovers the period and keeps the
// schedule — the renewed period still starts on D — or, under
// retry.RestartOnPayment, credits the failed invoice and starts a new
// period on the payment day. The failure of the last attempt terminates,
// suspends or leaves the invoice unpaid, as the policy says. A suspension
// or termination during the retry period closes it: no attempt after it,
// and the invoice stays unpaid until paid. Recording the same payment twice
// is a no-op. Plan.Suspension adds the automatic suspensions: too many
// unpaid invoices, or an invalid payment method at the next renewal.
//
// # Invoices
//
// Invoices are computed, never stored here: Invoices(span) lists those
// issued in span, by issue date, each with its lines (the recurring price,
// features beyond their included quantity, discounts for N periods,
// overrides, extensions, prorations), total and currency. In advance, a
// period's invoice is issued on its first day; in arrears on its end, or
// on the termination date of a period cut short, for the days billed.
// Issued invoices never change or disappear: a failed invoice stays listed
// with its Payment (paid, open, unpaid), and a correction is a credit note
// (invoice.KindCreditNote) naming the invoice it credits. No invoice covers
// a day after the termination date.
//
// # Changes inside a period
//
// ChangePlanNow and ChangeQuantity take effect on their date. With the same
// recurrence the anchor stays and the days left of a period invoiced in
// advance are priced by tails: at terms whose whole period [s, e) of D
// days costs A, the days [a, e) cost R(a) = A × (e − a) / D, rounded once,
// half away from zero, and days [a, b) cost R(a) − R(b), so that the parts
// of a period add up to its price exactly. ProrateNow issues on the change
// date a document crediting those days at the old terms and charging them
// at the new — an invoice, or a credit note when the net gives money back;
// ProrateAtRenewal puts the same lines on the next invoice; NoProration
// bills the new terms from the next renewal. Seats at 10.00 each on a
// monthly period [2024-03-01, 2024-04-01), 3 → 5 seats on 03-16: credit
// 3 × 10.00 × 16/31 = −15.48, charge 5 × 10.00 × 16/31 = +25.81, an
// invoice of 10.33 on 03-16. Another recurrence starts a new schedule on the
// change date, its first period invoiced that day, and credits the days
// left of the old one. TerminateNowWithCredit ends the subscription now and
// gives back nothing, the days after the termination, or everything the
// period was billed.
//
// # The daily run
//
// Agenda(span) lists everything a backend acts on in span — invoices and
// credit notes issued, charge attempts, state changes taking effect (a
// suspension, a restart, the termination, a pause's start and end, the end
// of the trial, a plan change) — in date order, then log order.
// NextAction(after) is the first day after after on which the agenda is
// not empty. A backend keeps it in an indexed column, runs each day over
// the subscriptions due only, and stores the new date in the same
// transaction as the events the run records:
//
//	CREATE INDEX subscriptions_due ON subscriptions (next_action_on);
//
//	SELECT id, terms, events FROM subscriptions
//	WHERE next_action_on <= $1          -- the day of the run
//	ORDER BY next_action_on, id
//	FOR UPDATE SKIP LOCKED;             -- several workers share a run
//
//	-- for each: act on Agenda([next_action_on, $1 + 1)), then
//	UPDATE subscriptions SET next_action_on = $2, version = version + 1
//	WHERE id = $3 AND version = $4;     -- $2 from NextAction($1); NULL when false
//
// A command changes what is due: after it, store NextAction of the day
// before the command's date again. examples/backend does all of this on
// SQLite and PostgreSQL.
//
// # JSON
//
// Plans, events, subscriptions and every view have a JSON form with
// snake_case names, "YYYY-MM-DD" dates and enums as words. Decoding is
// strict: unknown fields, duplicate keys, a value of the wrong type, an
// impossible date ("2021-02-30") are errors naming the field
// ("events[3].due") and wrapping the package's sentinel (ErrInvalidPlan,
// ErrInvalidEvent, ErrInvalidTerms, ErrInvalidView) and the cause
// (period.ErrInvalidDate, invoice.ErrInvalidAmount); the field's path is
// read with errors.As into an interface{ Field() string }, as an API does
// to answer 400 naming the field. null is the same as an absent field. A decoded Subscription is replayed, so it is always
// valid, and encoding it again gives the same bytes.
//
// # How an event becomes a view
//
// A Subscription value holds its terms, checked once by New and shared by
// every value built from it, and a history: the log, the fold of the log
// as of its last event, and the projection of that fold to the end of
// time. A subscription without events has no history; its views read its
// terms.
//
// Apply copies the fold, advances the copy to the event's date — firing
// what the log scheduled up to it: a planned termination or the end of the
// term, a scheduled or automatic suspension, a plan change at renewal —,
// checks the event against the state there and folds it in. The fold is a
// few values (the state, the run in progress, what is pending) and
// append-only lists (the log, the finished runs of one anchored schedule,
// the changes of state with the event that caused each, the settled retry
// periods, the termination dates known day by day, the changes inside a
// period): the copy shares those lists with the value it came from and
// appends to them in place, so an event costs what it changes, not the
// length of the log. Pauses are few and copied when one is added or
// deleted, resolved once to the days they cover.
//
// The projection fires everything the fold still schedules, then resolves,
// once, what the views need: the termination date, and the billing periods
// that whole-period pauses remove or move and that pause fees land on, by
// their position among all billing periods. The views never copy or
// advance anything: the state on a date is a binary search among the
// changes of state and the pauses; the billing period that holds a date is
// a binary search among the runs and then the schedule's arithmetic
// (period.Schedule), so that no view's cost grows with the subscription's
// age; the number of a period is its position less the paused periods
// before it.
//
// The files follow that path: model.go and model_lists.go (the fold and its
// lists), fold.go, lifecycle.go, fold_pause.go and fold_payment.go (the
// guards and the changes each event makes), calendar.go and slots.go (the
// runs, their periods and their numbers), index.go (the projection),
// invoices.go (what each period bills), adjust.go and adjust_docs.go (the
// changes inside a period and their documents), and views.go, retries.go,
// timeline.go and agenda.go (what users read).
package subscription
