// Package retry holds retry policies and attempt schedules for a renewal
// charge that failed: pure values and functions, no clock, no I/O.
//
// # The retry period
//
// A Policy of N attempts works like this. When the renewal
// charge due on day D fails:
//
//   - attempts are planned one a day on D+1 … D+N (AttemptDates, Next);
//   - the customer keeps the service on [D, D+N) (GracePeriod);
//   - if an attempt succeeds, or the customer pays by hand between
//     attempts, the renewed period still starts on D: the days used without
//     payment are deducted, not given again, and the schedule goes on as
//     before (KeepStart; RestartOnPayment starts the period on the day of the
//     payment instead);
//   - if the attempt on D+N fails, the retry period is exhausted on D+N: the
//     subscription ends on D+N, or is suspended for payment due from D+N if
//     OnExhausted is Suspend;
//   - no attempt is planned after a success or the exhaustion.
//
// A policy of 0 attempts has no retry period: the failure on D exhausts it
// at once, and the subscription ends (or is suspended) on D.
//
// Policy.Evaluate folds the recorded outcomes into a Status: Retrying with
// the next attempt, Recovered on the day of the payment, or Exhausted on
// D+N. With N = 3 and D = 2024-04-01:
//
//	day          outcome           state       service
//	2024-04-01   charge fails (D)  retrying    yes, next attempt 04-02
//	2024-04-02   attempt 1 fails   retrying    yes, next attempt 04-03
//	2024-04-03   attempt 2 fails   retrying    yes, next attempt 04-04
//	2024-04-04   attempt 3 fails   exhausted   no: ends (or suspended) from 04-04
//
// Had attempt 2 succeeded on 2024-04-03, the period would be recovered on
// 04-03, the renewed monthly period would still be [2024-04-01, 2024-05-01),
// and the attempt of 04-04 would not be planned.
//
// # Custom offsets
//
// Offsets spread the attempts like Stripe's or Chargebee's smart retries:
// Policy{Attempts: 4, Offsets: []int{1, 3, 5, 7}} tries on D+1, D+3, D+5 and
// D+7. The window — days from the failed charge to the last attempt — is
// then the last offset, 7; with one attempt a day it is N. The service is
// kept on [D, D+Window).
//
// # Configuration that cannot work is rejected up front
//
// Validate checks a policy on its own; ValidateFor also rejects a window
// that reaches the shortest period of the plan's recurrence, since the
// retry period would run into the next renewal: at most 27 days for a
// monthly plan, 6 for a weekly one. A window is at most MaxWindow days,
// and every attempt day must be by 9999-12-31: a charge that failed too
// close to it is an error wrapping period.ErrInvalidDate.
//
// # Optional values and text forms
//
// Status.Next and Status.Settled are pointers, nil when there is none:
// Next only while retrying, Settled only once settled. Every type has a
// strict JSON form: unknown fields, duplicate keys, values of the wrong
// type and bad dates are errors that name the field; JSON null is the same
// as an absent field (an optional field keeps its zero or nil value, a
// required one is an error naming it). Decoders validate what they
// decode: a status "recovered" without a settled date, or "exhausted" with
// a next attempt, is refused.
//
// # Automatic suspension
//
// Suspension holds ProAbono's automatic suspension rules — too many unpaid
// invoices, an invalid payment method — which package subscription
// evaluates.
package retry
