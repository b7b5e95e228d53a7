package retry_test

import (
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAcceptance checks ACCEPTANCE.md's retry cases at the level of the
// retry schedule; package subscription checks them on whole subscriptions.
func TestAcceptance(t *testing.T) {
	d := period.MustParseDate
	apr01, apr02, apr03, apr04 := d("2024-04-01"), d("2024-04-02"), d("2024-04-03"), d("2024-04-04")

	t.Run("Y-01", func(t *testing.T) {
		// Policy of 5 attempts; the attempt of 04-02 fails, the one of 04-03
		// succeeds: recovered on 04-03, the renewed period keeps its start.
		pol := retry.Policy{Attempts: 5}
		require.NoError(t, pol.ValidateFor(period.Monthly))
		st, err := pol.Evaluate(apr01, []retry.Outcome{{On: apr02}, {On: apr03, Succeeded: true}})
		require.NoError(t, err)
		assert.Equal(t, retry.Recovered, st.State)
		assert.Equal(t, apr03, st.SettledOn())
		assert.False(t, st.Next != nil)
		assert.Equal(t, []retry.Attempt{{On: apr02, State: retry.Failed}, {On: apr03, State: retry.Succeeded}}, st.Attempts,
			"attempts after the success (04-04 … 04-06) are not listed")
		assert.Equal(t, apr01, pol.RenewedStart(apr01, st.SettledOn()), "renewed period starts on D")
		// Entitled throughout: the grace period covers 04-01 … 04-05 and
		// the payment then renews the period.
		assert.Equal(t, period.Period{Start: apr01, End: d("2024-04-06")}, pol.Grace(apr01))
	})

	t.Run("Y-02", func(t *testing.T) {
		// Policy of 3 attempts, all fail: exhausted on 04-04, nothing after.
		pol := retry.Policy{Attempts: 3}
		require.NoError(t, pol.ValidateFor(period.Monthly))
		st, err := pol.Evaluate(apr01, []retry.Outcome{{On: apr02}, {On: apr03}, {On: apr04}})
		require.NoError(t, err)
		assert.Equal(t, retry.Exhausted, st.State)
		assert.Equal(t, apr04, st.SettledOn())
		assert.False(t, st.Next != nil)
		assert.Equal(t, retry.Terminate, pol.EffectiveOnExhausted())
		assert.Equal(t, []retry.Attempt{{apr02, retry.Failed}, {apr03, retry.Failed}, {apr04, retry.Failed}}, st.Attempts)
		assert.Equal(t, []period.Period{{Start: apr01, End: apr04}}, []period.Period{pol.Grace(apr01)},
			"entitled 04-01 … 04-03 only")
		assert.Equal(t, apr04, pol.Dates(apr01)[2], "no attempt planned after 04-04")
		_, err = pol.Next(apr01, 3)
		require.ErrorIs(t, err, retry.ErrExhausted)
		_, err = pol.Evaluate(apr01, []retry.Outcome{{On: apr02}, {On: apr03}, {On: apr04}, {On: d("2024-04-05")}})
		require.ErrorIs(t, err, retry.ErrSettled)
	})

	t.Run("Y-04", func(t *testing.T) {
		// Policy of 0 attempts: exhausted on 04-01, no attempt planned.
		pol := retry.Policy{}
		require.NoError(t, pol.ValidateFor(period.Monthly))
		st, err := pol.Evaluate(apr01, nil)
		require.NoError(t, err)
		assert.Equal(t, retry.Exhausted, st.State)
		assert.Equal(t, apr01, st.SettledOn())
		assert.Empty(t, st.Attempts)
		assert.False(t, st.Next != nil)
		assert.Empty(t, pol.Dates(apr01))
		assert.True(t, pol.Grace(apr01).IsEmpty())
		_, err = pol.Next(apr01, 0)
		require.ErrorIs(t, err, retry.ErrExhausted)
	})
}
