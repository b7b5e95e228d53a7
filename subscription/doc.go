// Package subscription is the heart of billcycle: a subscription is its
// terms (plan, start, anchor, buyer and beneficiary) and the ordered log of
// what happened to it; every view — the state on a date, the billing
// periods, the invoices issued or planned, the next renewal, the
// termination date, the timeline — is a pure function of that log and the
// date asked about.
//
// # Commands and the log
//
// Commands (KindSuspend, KindRestart, TerminateAtPeriodEnd, KindAddWholePeriodPause,
// RecordPaymentFailure, …) check themselves against the state on their date
// and return a new Subscription with one more Event, or an *EventError
// wrapping a sentinel such as ErrTerminated or ErrPeriodInvoiced. They never
// change the receiver. Same-day events apply in log order: a suspension and
// a restart on one day leave the subscription active. Replay rebuilds a
// subscription from stored terms and events; JSON does the same.
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
// # KindRestart (ProAbono)
//
// Base: monthly at 10.00, running period [2021-10-01, 2021-11-01).
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
// # Pauses (Eversports)
//
// A whole-period pause moves each picked period to the end by default: no
// invoice and no access where it stood, later periods keep their dates, and
// the term ends one period later. A flexible pause is a day range; its
// periods keep their invoices unless overridden, and an extension adds
// whole periods at the end, each with its invoice. A pause never changes an
// invoice already issued on the command's date (ErrPeriodInvoiced), and
// deleting one restores exactly the timeline without it.
//
// # Payment retries
//
// RecordPaymentFailure(D, D) opens the retry period of the plan's
// retry.Policy: past due (entitled) from D; attempts on D+1 … D+N. A
// RecordPayment recovers and keeps the schedule (or restarts the period on
// the payment day under retry.RestartOnPayment); the failure of the last
// attempt terminates, suspends or leaves the invoice unpaid, as the policy
// says. A suspension or termination during the retry period closes it: no
// attempt is made after it and the invoice stays unpaid until paid.
// Plan.Suspension adds ProAbono's automatic suspensions: too many unpaid
// invoices, or an invalid payment method at the next renewal.
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
// periods, the termination dates known day by day): the copy shares those
// lists with the value it came from and appends to them in place, so an
// event costs what it changes, not the length of the log. Pauses are few
// and copied when one is added or deleted, resolved once to the days they
// cover.
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
// invoices.go (what each period bills), and views.go, retries.go and
// timeline.go (what users read).
package subscription
