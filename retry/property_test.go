package retry_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// genPolicy draws a valid policy: daily or custom offsets, any enums.
func genPolicy() *rapid.Generator[retry.Policy] {
	return rapid.Custom(func(t *rapid.T) retry.Policy {
		n := rapid.IntRange(0, 40).Draw(t, "attempts")
		p := retry.Policy{
			Attempts:    n,
			OnExhausted: retry.Exhaustion(rapid.IntRange(0, 3).Draw(t, "on_exhausted")),
			LatePayment: retry.LatePayment(rapid.IntRange(0, 2).Draw(t, "late_payment")),
		}
		if n > 0 && rapid.Bool().Draw(t, "custom") {
			offs := rapid.SliceOfNDistinct(rapid.IntRange(1, 120), n, n, rapid.ID[int]).Draw(t, "offsets")
			slices.Sort(offs)
			p.Offsets = offs
		}
		return p
	})
}

// genDate draws a day between 1900 and 2200.
func genDate() *rapid.Generator[date.Date] {
	lo, hi := date.New(1900, 1, 1), date.New(2200, 12, 31)
	return rapid.Custom(func(t *rapid.T) date.Date {
		return date.Date(rapid.Int64Range(int64(lo), int64(hi)).Draw(t, "failedOn"))
	})
}

func TestPropertyAttemptDates(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy().Draw(t, "policy")
		d := genDate().Draw(t, "failedOn")
		if err := p.Validate(); err != nil {
			t.Fatalf("generated invalid policy %+v: %v", p, err)
		}
		got := p.Dates(d)
		if len(got) != p.Attempts {
			t.Fatalf("%d attempt dates; want %d", len(got), p.Attempts)
		}
		prev := d
		for i, a := range got {
			if a <= prev {
				t.Fatalf("attempt %d on %v is not after %v", i, a, prev)
			}
			if len(p.Offsets) == 0 && a != d+date.Date(i+1) {
				t.Fatalf("daily attempt %d on %v; want %v", i, a, d+date.Date(i+1))
			}
			next, err := p.Next(d, i)
			if err != nil || next != a {
				t.Fatalf("Next(%v, %d) = %v, %v; want %v", d, i, next, err, a)
			}
			prev = a
		}
		if p.Attempts == 0 {
			if p.W() != 0 {
				t.Fatalf("Window() = %d with no attempts", p.W())
			}
		} else if last := got[len(got)-1]; last != d+date.Date(p.W()) {
			t.Fatalf("last attempt %v; want failedOn+Window = %v", last, d+date.Date(p.W()))
		}
		if gp := p.Grace(d); gp.Start != d || gp.Days() != p.W() {
			t.Fatalf("GracePeriod = %v; want %d days from %v", gp, p.W(), d)
		}
		k := rapid.IntRange(p.Attempts, p.Attempts+5).Draw(t, "past the end")
		if _, err := p.Next(d, k); err == nil {
			t.Fatalf("Next(%v, %d) with %d attempts: no error", d, k, p.Attempts)
		}
	})
}

func TestPropertyEvaluate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy().Draw(t, "policy")
		d := genDate().Draw(t, "failedOn")
		dates := p.Dates(d)
		k := rapid.IntRange(0, p.Attempts).Draw(t, "failures")
		outs := make([]retry.Outcome, 0, k+1)
		for _, a := range dates[:k] {
			outs = append(outs, retry.Outcome{On: a})
		}
		pay := k < p.Attempts && rapid.Bool().Draw(t, "pay")
		var paidOn date.Date
		if pay {
			from := d
			if k > 0 {
				from = dates[k-1]
			}
			paidOn = date.Date(rapid.Int64Range(int64(from), int64(d)+int64(p.W())).Draw(t, "paidOn"))
			outs = append(outs, retry.Outcome{On: paidOn, Succeeded: true})
		}
		st, err := p.Evaluate(d, outs)
		if err != nil {
			t.Fatalf("Evaluate(%v, %v): %v", d, outs, err)
		}
		switch {
		case pay:
			if st.State != retry.Recovered || st.SettledOn() != paidOn || st.Next != nil {
				t.Fatalf("paid on %v: %+v", paidOn, st)
			}
			if len(st.Attempts) != k+1 || st.Attempts[k] != (retry.Attempt{On: paidOn, State: retry.Succeeded}) {
				t.Fatalf("paid on %v: attempts %v", paidOn, st.Attempts)
			}
		case k == p.Attempts:
			if st.State != retry.Exhausted || st.Next != nil {
				t.Fatalf("all failed: %+v", st)
			}
			if st.SettledOn() != d+date.Date(p.W()) {
				t.Fatalf("exhausted on %v; want failedOn+Window = %v", st.SettledOn(), d+date.Date(p.W()))
			}
			if len(st.Attempts) != p.Attempts {
				t.Fatalf("exhausted with %d attempts listed; want %d", len(st.Attempts), p.Attempts)
			}
		default:
			next, err := p.Next(d, k)
			if err != nil || st.State != retry.Retrying || st.Next == nil || st.NextOn() != next {
				t.Fatalf("after %d failures: %+v; Next = %v, %v", k, st, next, err)
			}
			if len(st.Attempts) != p.Attempts {
				t.Fatalf("retrying with %d attempts listed; want %d", len(st.Attempts), p.Attempts)
			}
			for i, a := range st.Attempts {
				want := retry.Failed
				if i >= k {
					want = retry.Planned
				}
				if a.On != dates[i] || a.State != want {
					t.Fatalf("attempt %d = %v %v; want %v %v", i, a.On, a.State, dates[i], want)
				}
			}
		}
		// Anything after a settled period is refused.
		if st.State != retry.Retrying {
			more := append(slices.Clone(outs), retry.Outcome{On: st.SettledOn() + 1})
			if _, err := p.Evaluate(d, more); err == nil {
				t.Fatalf("outcome after %v accepted", st.State)
			}
		}
	})
}

func TestPropertyPolicyJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy().Draw(t, "policy")
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("Marshal(%+v): %v", p, err)
		}
		var back retry.Policy
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if !back.Equal(p) || back.Attempts != p.Attempts || !slices.Equal(back.Offsets, p.Offsets) ||
			back.OnExhausted != p.OnExhausted || back.LatePayment != p.LatePayment {
			t.Fatalf("round trip %+v → %s → %+v", p, b, back)
		}
	})
}
