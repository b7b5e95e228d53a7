package subscriptiontest_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/billcycle/billcycle/subscription"
	"github.com/billcycle/billcycle/subscription/subscriptiontest"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// TestGeneratorsValid checks that the generators draw what they promise.
func TestGeneratorsValid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		if err := subscriptiontest.Recurrence().Draw(t, "every").Validate(); err != nil {
			t.Fatalf("Recurrence: %v", err)
		}
		p := subscriptiontest.Plan().Draw(t, "plan")
		if err := p.Validate(); err != nil {
			t.Fatalf("Plan: %v", err)
		}
		if err := p.Price.Validate(); err != nil {
			t.Fatalf("Price: %v", err)
		}
	})
}

// TestInvariants runs Check on generated subscriptions at generated dates.
func TestInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := subscriptiontest.Subscription().Draw(t, "sub")
		asOf := s.Start() + date.Date(rapid.IntRange(-10, 1500).Draw(t, "as_of"))
		requireWithJSON(t, s, asOf)
	})
}

// requireWithJSON is subscriptiontest.Require that also prints the failing
// subscription's JSON, to replay it by hand.
func requireWithJSON(t *rapid.T, s subscription.Subscription, asOf date.Date) {
	vs := subscriptiontest.Check(s, asOf)
	for _, v := range vs {
		t.Errorf("as of %s: %s", asOf, v)
	}
	if len(vs) > 0 {
		b, _ := json.Marshal(s)
		t.Fatalf("subscription: %s", b)
	}
}

// TestEventsNeverPanic replays arbitrary logs: a subscription or an error.
func TestEventsNeverPanic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := subscriptiontest.Subscription().Draw(t, "sub")
		evs := subscriptiontest.Events(base).Draw(t, "events")
		s, err := subscription.Replay(base.Terms(), slices.Values(evs))
		if err != nil {
			var ee *subscription.EventError
			if !errors.As(err, &ee) {
				t.Fatalf("Replay error %v is not an *EventError", err)
			}
			return
		}
		requireWithJSON(t, s, s.Start()+date.Date(rapid.IntRange(0, 800).Draw(t, "as_of")))
	})
}

// TestGeneratorReach checks that the generator reaches the interesting
// commands, not only the easy ones.
func TestGeneratorReach(t *testing.T) {
	seen := map[subscription.Kind]int{}
	rapid.Check(t, func(t *rapid.T) {
		for e := range subscriptiontest.Subscription().Draw(t, "sub").Events() {
			seen[e.Kind]++
		}
	})
	for k := subscription.KindSuspend; k <= subscription.KindUpdatePaymentMethod; k++ {
		t.Logf("%-28s %d", k, seen[k])
	}
}
