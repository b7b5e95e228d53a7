// Package pause holds pause values and the pure math of how they reshape a
// billing schedule: flexible pauses, whole-period pauses, the bookings they
// hit, the pause policies of gym contracts, and the freeze of prepaid
// passes and class cards. Package subscription folds pauses into its
// timeline; this package never sees a subscription.
//
// # Flexible and whole-period pauses
//
// A Flexible pause is a range of days with a mandatory reason. The customer
// has no access on those days, but the schedule does not move: the billing
// periods it touches keep their dates and, unless an InvoiceOverride sets them,
// their invoice amounts. Touched previews those periods with their paused
// days, and SuggestedAmount proposes an invoice prorated by the days that
// are not paused. An Extension adds whole periods (never days) at the end,
// each with its own invoice.
//
// Days 2025-03-10 through 2025-04-20, the range [2025-03-10, 2025-04-21),
// on a monthly subscription from 2025-01-15 at 30.00 EUR:
//
//	billing period              paused   suggested  paused part
//	[2025-02-15, 2025-03-15)     5 / 28      24.64         5.36
//	[2025-03-15, 2025-04-15)    31 / 31       0.00        30.00
//	[2025-04-15, 2025-05-15)     6 / 30      24.00         6.00
//	                            42 days
//
// Without overrides the three invoices stay 30.00; with an extension of 2
// periods the subscription ends two months later.
//
// A WholePeriod pause picks whole billing periods. By default each moves to
// the end: it has no invoice and no access where it stood, later periods
// keep their dates and one period is added after the last, so the
// termination date moves by the paused length. SkipOnly turns the move off.
// A period already invoiced cannot be paused (subscription.ErrPeriodInvoiced).
//
// Every pause carries a reason; a blank one is ErrReasonRequired.
//
// # Bookings
//
// No booking is allowed on a paused day. Hit reports the bookings already
// made on paused days, each with the Treatment the business chose: Delete
// it, or Detach it, keeping it as a booking without product.
//
// # Policies
//
// A Policy holds the limits of a contract: the length of one pause, pauses
// and paused days per calendar year, the notice, and an optional Fee (flat,
// or a percentage of the period price). Check returns a *PolicyError per
// breached limit, matching ErrPolicy and naming the limit and both values:
//
//	pause: policy limit max_days: pause of 42 days, at most 30
//
// # Pass freezes
//
// A Pass (time pass or class card) is frozen from the first day it cannot
// be used: its validity ends there, and the remaining days and sessions are
// kept. Unfreezing on day r makes it valid for the remaining days from r.
//
//	                          valid                      days  sessions left
//	bought, 4 sessions used   [2025-06-01, 2025-09-01)     92   6
//	frozen from 2025-07-01    [2025-06-01, 2025-07-01)     30   6 (62 days kept)
//	unfrozen on 2025-10-01    [2025-10-01, 2025-12-02)     62   6
//
// # Bounds
//
// Every date lies in 0001-01-01 … 9999-12-31, and every count is bounded:
// an extension adds at most MaxExtensionPeriods periods, a policy limit is
// at most MaxPolicyDays days or MaxPerYear per year, a card holds at most
// MaxSessions sessions, and a pass never stays valid after 9999-12-31.
// Anything beyond is an error naming the value.
//
// # Text forms
//
// Every type has a strict JSON form: unknown fields, duplicate keys,
// values of the wrong type and bad dates or amounts are errors that name
// the field and wrap this package's sentinels (a bad date also wraps
// period.ErrInvalidDate). JSON null is the same as an absent field: an
// optional field keeps its zero or nil value, a required one is an error
// naming it. Decoders validate what they decode — a policy whose min_days
// is above its max_days fails when it is decoded.
//
// All values are immutable: functions and methods return new values and
// never keep or change the caller's slices. Sequences are iter.Seq
// (Touched, Hit). Nothing panics on bad input; errors wrap the sentinels
// of this package with the offending values, under one package prefix.
package pause
