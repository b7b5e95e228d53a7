// Package billcycle is an embeddable, pure-Go library for subscription state
// and billing-period math. It holds only this documentation; the work is
// done by its packages.
//
// A backend hands billcycle a subscription — a plan, a start date and the
// log of what happened to it — and a date; billcycle hands back the state on
// that date, the billing periods, the invoices that are issued or planned,
// what a pause or a restart would do, and when to retry a failed payment.
// It does no I/O, reads no clock and keeps no globals: every "today" is an
// explicit asOf argument and every result is a value the caller stores as it
// likes.
//
// The packages, each importing only those above it:
//
//	period        recurrence units, anchored schedules, date ranges, proration fractions
//	invoice       money (amount + currency), prices, features, discounts, lines, invoices
//	pause         flexible and whole-period pauses, pause policies, pass freezes
//	retry         retry policies and attempt schedules, outcomes of a failed renewal
//	subscription  plan, lifecycle state machine, event log, Timeline
//	subscription/subscriptiontest  rapid generators and invariant checks
//
// The rules they follow: dates are civil; periods are half-open [Start, End);
// schedules are anchored, never chained; money is rounded once, on the
// invoice line, half away from zero; a subscription is an event log in and
// computed views out.
package billcycle
