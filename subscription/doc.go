// Package subscription is the heart of billcycle: a subscription is its
// terms (plan, start, anchor, buyer and beneficiary) and the ordered log of
// what happened to it; every view — the state on a date, the billing
// periods, the invoices issued or planned, the next renewal, the
// termination date, the timeline — is a pure function of that log and the
// date asked about.
//
// # Commands and the log
//
// Commands (Suspend, Restart, TerminateAtPeriodEnd, AddWholePeriodPause,
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
// # Restart (ProAbono)
//
// Base: monthly at 10.00, running period [2021-10-01, 2021-11-01).
//
//	suspended 10-15, restarted 10-20   no invoice at the restart; renewal 11-01
//	suspended 10-15, restarted 11-10   one renewal invoice on 11-10 for
//	                                   [11-10, 12-10); no service 11-01 … 11-09
//	terminated 10-15, restart 10-20    ErrTerminated
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
// says. Plan.Suspension adds ProAbono's automatic suspensions: too many
// unpaid invoices, or an invalid payment method at the next renewal.
//
// # Performance
//
// The log is folded once, when a Subscription value is made; a view then
// finds the period that holds a date by arithmetic, so the cost of StateOn
// does not grow with the subscription's age.
package subscription
