// Package subscriptiontest helps users of package subscription test their
// own code with properties, as net/http/httptest helps with HTTP: rapid
// generators of plans and subscriptions, and a checker of the invariants
// that every subscription must keep, whatever its log.
//
// # Generators
//
// The generators are pgregory.net/rapid generators, so they shrink: a
// failing case comes back as a short log.
//
//	generator       draws
//	Recurrence()    P1M, P1W, P1Y, P3M, P10D, P2W
//	Price(c)        a recurring price in c, maybe a feature and a discount
//	Plan()          a valid plan: term, trial, billing, retry and suspension rules
//	Subscription()  a valid subscription with a random log of accepted commands
//	Events(sub)     an arbitrary log for sub's terms, valid or not
//
// Subscription issues commands at non-decreasing dates — suspensions,
// restarts, terminations, plan changes, pauses of both kinds, failed
// charges, retry attempts and payments — and keeps those the library
// accepts, so every log it draws is one a real backend could have stored.
//
// # Invariants
//
// Check(s, asOf) looks at the span from the start of s to three years past
// asOf (or past the termination) and returns a Violation for each broken
// rule of DESIGN.md; Require fails a test with all of them:
//
//	rule                        what must hold
//	segments-tile               the timeline's segments tile the span and agree with StateOn
//	periods-tile                billing periods never overlap, tile each run, stop at the end
//	terminated-final            terminated stays terminated; later commands get ErrTerminated
//	no-invoice-in-whole-pause   a whole-period pause has no invoice where it stood
//	no-entitlement              no entitlement on a paused, suspended or terminated day
//	invoice-totals              totals are the sum of the lines, never negative
//	replay                      Replay(s.Terms(), s.Events()) gives the same timeline
//	json-round-trip             so does a JSON round-trip
//	issued-stable               what was issued as of asOf never changes later
//
// A user's property test draws a subscription, runs its own code on it and
// checks the result:
//
//	rapid.Check(t, func(t *rapid.T) {
//		sub := subscriptiontest.Subscription().Draw(t, "sub")
//		sub = myBackend.Reconcile(sub) // the code under test
//		subscriptiontest.Require(t, sub, sub.Start()+90)
//	})
package subscriptiontest
