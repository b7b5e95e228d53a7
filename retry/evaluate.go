package retry

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Outcome is the recorded result of one attempt, or of a payment the
// customer made by hand during the retry period.
type Outcome struct {
	// On is the day of the attempt or payment.
	On date.Date `json:"on"`
	// Succeeded reports whether the money came in.
	Succeeded bool `json:"succeeded"`
}

// Attempt is one attempt of a retry period with its status.
type Attempt struct {
	// On is the day of the attempt.
	On date.Date `json:"on"`
	// State says whether the attempt is still planned, failed or succeeded.
	State AttemptState `json:"state"`
}

// Status is what a retry period comes to, given the outcomes so far.
type Status struct {
	// State is Retrying, Recovered or Exhausted.
	State RetryState
	// Next is the next planned attempt when State is Retrying; HasNext
	// reports whether there is one (only while Retrying).
	Next date.Date
	// HasNext reports whether Next holds a planned attempt.
	HasNext bool
	// Settled is the day the retry period was settled: the day of the
	// successful payment when Recovered, the day of the last failed attempt
	// (failedOn + Window) when Exhausted. It is zero while Retrying.
	Settled date.Date
	// Attempts lists the attempts in date order: the failed ones, then the
	// successful payment when Recovered, or the still planned ones when
	// Retrying. Attempts planned after a success are not listed: they will
	// not happen.
	Attempts []Attempt
}

// Evaluate folds the outcomes, in date order, of the attempts that followed
// a renewal charge that failed on failedOn, and returns what the retry
// period has come to.
//
// Failures must be recorded for the planned attempts in turn: the k-th
// failure on the k-th attempt day (see AttemptDates). A success on any day of
// [failedOn, failedOn+Window] recovers the period, on an attempt day or
// between attempts (the customer paid by hand); a failed attempt and a
// payment may share a day, in that order. When the failure of the last
// attempt is recorded the period is Exhausted, settled on that day,
// failedOn+Window. With no attempts (Attempts == 0) the period is Exhausted
// at once, settled on failedOn, and no outcome may be recorded.
//
// While Retrying, Status.Attempts lists every planned attempt; once
// Recovered, it stops at the success, since later attempts will not happen.
//
// Evaluate returns an error wrapping ErrInvalidPolicy for an invalid policy;
// ErrOutOfOrder for an outcome dated before failedOn or before the outcome
// ahead of it; ErrNotAttemptDay for a failure that is not on the next planned
// attempt day (the message names it and the planned days); ErrOutsidePeriod
// for a success after the last attempt day; ErrSettled for any outcome after
// a success or after exhaustion; and period.ErrInvalidDate for a failedOn
// too close to the ends of the calendar.
func (p Policy) Evaluate(failedOn date.Date, outcomes []Outcome) (Status, error) {
	if err := p.Validate(); err != nil {
		return Status{}, err
	}
	w := p.Window()
	if err := checkDate(failedOn, w); err != nil {
		return Status{}, err
	}
	if p.Attempts == 0 {
		if len(outcomes) > 0 {
			return Status{}, fmt.Errorf("%w: outcome 0 on %v: the charge that failed on %v has no retry period",
				ErrSettled, outcomes[0].On, failedOn)
		}
		return Status{State: Exhausted, Settled: failedOn}, nil
	}
	last := failedOn + date.Date(w)
	st := Status{State: Retrying}
	// Every state needs at most Attempts entries: a success comes before
	// the last failure.
	attempts := make([]Attempt, 0, p.Attempts)
	failures := 0
	prev := failedOn
	for i, o := range outcomes {
		switch st.State {
		case Recovered:
			return Status{}, fmt.Errorf("%w: outcome %d on %v: the retry period was recovered on %v", ErrSettled, i, o.On, st.Settled)
		case Exhausted:
			return Status{}, fmt.Errorf("%w: outcome %d on %v: the last attempt failed on %v", ErrSettled, i, o.On, st.Settled)
		}
		if o.On < prev {
			if i == 0 || o.On < failedOn {
				return Status{}, fmt.Errorf("%w: outcome %d on %v: before the charge that failed on %v", ErrOutOfOrder, i, o.On, failedOn)
			}
			return Status{}, fmt.Errorf("%w: outcome %d on %v: before outcome %d on %v", ErrOutOfOrder, i, o.On, i-1, prev)
		}
		prev = o.On
		if o.Succeeded {
			if o.On > last {
				return Status{}, fmt.Errorf("%w: payment on %v: the last attempt was planned on %v", ErrOutsidePeriod, o.On, last)
			}
			attempts = append(attempts, Attempt{On: o.On, State: Succeeded})
			st.State, st.Settled = Recovered, o.On
			continue
		}
		want := failedOn + date.Date(p.offset(failures))
		if o.On != want {
			return Status{}, fmt.Errorf("%w: failure %d on %v: the next planned attempt is on %v (planned: %s)",
				ErrNotAttemptDay, i, o.On, want, p.plannedList(failedOn))
		}
		attempts = append(attempts, Attempt{On: o.On, State: Failed})
		failures++
		if failures == p.Attempts {
			st.State, st.Settled = Exhausted, o.On
		}
	}
	if st.State == Retrying {
		for k := failures; k < p.Attempts; k++ {
			attempts = append(attempts, Attempt{On: failedOn + date.Date(p.offset(k)), State: Planned})
		}
		st.Next, st.HasNext = attempts[failures].On, true
	}
	st.Attempts = attempts
	return st, nil
}

// plannedList returns the planned attempt days for an error message, eliding
// the middle of a long list.
func (p Policy) plannedList(failedOn date.Date) string {
	var b strings.Builder
	for i := range p.Attempts {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 8 && p.Attempts > 10 {
			fmt.Fprintf(&b, "…, %v", failedOn+date.Date(p.offset(p.Attempts-1)))
			break
		}
		b.WriteString((failedOn + date.Date(p.offset(i))).String())
	}
	return b.String()
}

// dateJSON decodes a strict ISO date for the JSON forms of this package.
func dateJSON(s string, field string) (date.Date, error) {
	d, err := period.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("retry: %s: %w", field, err)
	}
	return d, nil
}

type outcomeJSON struct {
	On        string `json:"on"`
	Succeeded bool   `json:"succeeded"`
}

// MarshalJSON encodes o as {"on":"2024-04-02","succeeded":false}.
func (o Outcome) MarshalJSON() ([]byte, error) {
	return json.Marshal(outcomeJSON{On: o.On.String(), Succeeded: o.Succeeded})
}

// UnmarshalJSON decodes o from the form MarshalJSON writes. The date is read
// strictly (see period.ParseDate): "2024-02-30" is an error wrapping
// period.ErrInvalidDate.
func (o *Outcome) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var raw outcomeJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("retry: decoding outcome: %w", err)
	}
	on, err := dateJSON(raw.On, "outcome")
	if err != nil {
		return err
	}
	*o = Outcome{On: on, Succeeded: raw.Succeeded}
	return nil
}

type attemptJSON struct {
	On    string       `json:"on"`
	State AttemptState `json:"state"`
}

// MarshalJSON encodes a as {"on":"2024-04-02","state":"failed"}.
func (a Attempt) MarshalJSON() ([]byte, error) {
	return json.Marshal(attemptJSON{On: a.On.String(), State: a.State})
}

// UnmarshalJSON decodes a from the form MarshalJSON writes, with a strict
// date (see period.ParseDate) and a known state.
func (a *Attempt) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var raw attemptJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("retry: decoding attempt: %w", err)
	}
	on, err := dateJSON(raw.On, "attempt")
	if err != nil {
		return err
	}
	if !raw.State.Valid() {
		return fmt.Errorf("retry: attempt on %v: missing state", on)
	}
	*a = Attempt{On: on, State: raw.State}
	return nil
}

type statusJSON struct {
	State    RetryState `json:"state"`
	Next     string     `json:"next,omitempty"`
	Settled  string     `json:"settled,omitempty"`
	Attempts []Attempt  `json:"attempts"`
}

// MarshalJSON encodes s as {"state":"retrying","next":"2024-04-03",
// "attempts":[…]} or {"state":"recovered","settled":"2024-04-03",
// "attempts":[…]}: "next" only when HasNext, "settled" only once the period
// is settled.
func (s Status) MarshalJSON() ([]byte, error) {
	raw := statusJSON{State: s.State, Attempts: s.Attempts}
	if raw.Attempts == nil {
		raw.Attempts = []Attempt{}
	}
	if s.HasNext {
		raw.Next = s.Next.String()
	}
	if s.State == Recovered || s.State == Exhausted {
		raw.Settled = s.Settled.String()
	}
	return json.Marshal(raw)
}

// UnmarshalJSON decodes s from the form MarshalJSON writes, with strict
// dates (see period.ParseDate).
func (s *Status) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var raw statusJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("retry: decoding status: %w", err)
	}
	if !raw.State.Valid() {
		return fmt.Errorf("retry: decoding status: missing state")
	}
	v := Status{State: raw.State, Attempts: raw.Attempts}
	if len(v.Attempts) == 0 {
		v.Attempts = nil
	}
	var err error
	if raw.Next != "" {
		if v.Next, err = dateJSON(raw.Next, "status next"); err != nil {
			return err
		}
		v.HasNext = true
	}
	if raw.Settled != "" {
		if v.Settled, err = dateJSON(raw.Settled, "status settled"); err != nil {
			return err
		}
	}
	*s = v
	return nil
}
