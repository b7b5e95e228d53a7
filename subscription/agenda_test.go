package subscription_test

import (
	"testing"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func agendaOf(s subscription.Subscription, from, to string) []string {
	var out []string
	for a := range s.Agenda(pp(from, to)) {
		out = append(out, a.On.String()+" "+a.Kind.String())
	}
	return out
}

func TestAgendaTable(t *testing.T) {
	m := must(t)
	s := newSub(t, monthly("10.00"), "2021-10-01")
	s = m(s.ScheduleSuspension(d("2021-10-05"), d("2021-11-15"), subscription.ByBusiness))
	assert.Equal(t, []string{"2021-10-01 state_change", "2021-10-01 invoice", "2021-10-05 state_change",
		"2021-11-01 invoice", "2021-11-15 suspension"}, agendaOf(s, "2021-10-01", "2022-01-01"))
	next, ok := s.NextAction(d("2021-11-01"))
	require.True(t, ok)
	assert.Equal(t, "2021-11-15", next.String())
	_, ok = s.NextAction(d("2021-11-15"))
	assert.False(t, ok, "suspended for ever: nothing will happen")
	var _ = period.Monthly
}
