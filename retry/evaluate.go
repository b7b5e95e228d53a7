package retry

import (
	"fmt"
	"strings"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/rickb777/date/v2"
)

// Outcome is the recorded result of one attempt, or of a payment the
// customer made by hand during the retry period.
type Outcome struct {
	// On is the day of the attempt or payment.
	On date.Date
	// Succeeded reports whether the money came in.
	Succeeded bool
}

// Attempt is one attempt of a retry period with its status.
type Attempt struct {
	// On is the day of the attempt.
	On date.Date
	// State says whether the attempt is still planned, failed or succeeded.
	State AttemptState
}

// Status is what a retry period comes to, given the outcomes so far.
// Optional dates are pointers, nil when there is none; treat them as
// read-only.
type Status struct {
	// State is Retrying, Recovered or Exhausted.
	State State
	// Next is the next planned attempt while Retrying; nil otherwise.
	Next *date.Date
	// Settled is the day the retry period was settled: the day of the
	// successful payment when Recovered, the day of the last failed attempt
	// (failedOn + Window) when Exhausted; nil while Retrying.
	Settled *date.Date
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
// a success or after exhaustion; and period.ErrInvalidDate when an attempt
// would fall outside 0001-01-01 … 9999-12-31.
func (p Policy) Evaluate(failedOn date.Date, outcomes []Outcome) (Status, error) {
	w, err := p.check(failedOn)
	if err != nil {
		return Status{}, err
	}
	if p.Attempts == 0 {
		if len(outcomes) > 0 {
			return Status{}, fmt.Errorf("%w: outcome 0 on %v: the charge that failed on %v has no retry period",
				ErrSettled, outcomes[0].On, failedOn)
		}
		return Status{State: Exhausted, Settled: &failedOn}, nil
	}
	last := failedOn + date.Date(w)
	st := Status{State: Retrying}
	var settled date.Date
	// Every state needs at most Attempts entries: a success comes before
	// the last failure.
	attempts := make([]Attempt, 0, p.Attempts)
	failures := 0
	prev := failedOn
	for i, o := range outcomes {
		switch st.State {
		case Recovered:
			return Status{}, fmt.Errorf("%w: outcome %d on %v: the retry period was recovered on %v", ErrSettled, i, o.On, settled)
		case Exhausted:
			return Status{}, fmt.Errorf("%w: outcome %d on %v: the last attempt failed on %v", ErrSettled, i, o.On, settled)
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
			st.State, settled = Recovered, o.On
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
			st.State, settled = Exhausted, o.On
		}
	}
	if st.State == Retrying {
		for k := failures; k < p.Attempts; k++ {
			attempts = append(attempts, Attempt{On: failedOn + date.Date(p.offset(k)), State: Planned})
		}
		next := attempts[failures].On
		st.Next = &next
	} else {
		st.Settled = &settled
	}
	st.Attempts = attempts
	return st, nil
}

// plannedList returns the planned attempt days for an error message, eliding
// the middle of a long list.
func (p Policy) plannedList(failedOn date.Date) string {
	var b strings.Builder
	p.list(&b, func(i int) string { return (failedOn + date.Date(p.offset(i))).String() })
	return b.String()
}

// Validate returns an error wrapping ErrInvalidStatus unless s is
// consistent: a valid state; a next attempt exactly while Retrying, the
// first planned one; a settled date exactly when Recovered or Exhausted;
// attempts in date order, the failed ones first, then the planned ones
// while Retrying, or the one success on the settled day when Recovered,
// nothing more when Exhausted, whose last failure (if any) is on the
// settled day. A success may share the day of the failure before it.
func (s Status) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s status: "+format, append([]any{ErrInvalidStatus, s.State}, args...)...)
	}
	if !s.State.Valid() {
		return bad("unknown state")
	}
	retrying := s.State == Retrying
	if (s.Next != nil) != retrying || (s.Settled != nil) == retrying {
		return bad("next %s, settled %s: want a next attempt only while retrying, a settled date only once settled", optional(s.Next), optional(s.Settled))
	}
	for i := 1; i < len(s.Attempts); i++ {
		a, b := s.Attempts[i-1], s.Attempts[i]
		if b.On < a.On || (b.On == a.On && b.State != Succeeded) {
			return bad("attempt %d on %s does not follow attempt %d on %s", i, b.On, i-1, a.On)
		}
	}
	failed := 0
	for failed < len(s.Attempts) && s.Attempts[failed].State == Failed {
		failed++
	}
	rest := s.Attempts[failed:]
	switch s.State {
	case Retrying:
		for _, a := range rest {
			if a.State != Planned {
				return bad("a %s attempt on %s among the planned ones", a.State, a.On)
			}
		}
		if len(rest) == 0 || rest[0].On != *s.Next {
			return bad("next attempt %s is not the first planned one", *s.Next)
		}
	case Recovered:
		if len(rest) != 1 || rest[0].State != Succeeded || rest[0].On != *s.Settled {
			return bad("settled on %s: want failed attempts, then one success on that day", *s.Settled)
		}
	case Exhausted:
		if len(rest) != 0 {
			return bad("a %s attempt on %s after the failed ones", rest[0].State, rest[0].On)
		}
		if failed > 0 && s.Attempts[failed-1].On != *s.Settled {
			return bad("settled on %s, but the last attempt failed on %s", *s.Settled, s.Attempts[failed-1].On)
		}
	}
	return nil
}

// optional prints an optional date for a message.
func optional(d *date.Date) string {
	if d == nil {
		return "none"
	}
	return d.String()
}

// MarshalJSON encodes o as {"on":"2024-04-02","succeeded":false}.
func (o Outcome) MarshalJSON() ([]byte, error) {
	var w jsonx.Object
	w.Date("on", o.On)
	w.Bool("succeeded", o.Succeeded)
	return w.Bytes()
}

// UnmarshalJSON decodes o from the form MarshalJSON writes, both fields
// required. The date is read strictly (see period.ParseDate):
// "2024-02-30" is an error wrapping period.ErrInvalidDate. Structural
// errors wrap ErrInvalidStatus.
func (o *Outcome) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, o, ErrInvalidStatus, nil, func(v *Outcome) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Date("on", &v.On).Required(),
			jsonx.Bool("succeeded", &v.Succeeded).Required(),
		}
	})
}

// MarshalJSON encodes a as {"on":"2024-04-02","state":"failed"}.
func (a Attempt) MarshalJSON() ([]byte, error) {
	var w jsonx.Object
	w.Date("on", a.On)
	w.Text("state", a.State)
	return w.Bytes()
}

// UnmarshalJSON decodes a from the form MarshalJSON writes, both fields
// required, with a strict date and a known state.
func (a *Attempt) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, a, ErrInvalidStatus, nil, func(v *Attempt) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Date("on", &v.On).Required(),
			jsonx.Text("state", &v.State).Required(),
		}
	})
}

// MarshalJSON encodes s as {"state":"retrying","next":"2024-04-03",
// "attempts":[…]} or {"state":"recovered","settled":"2024-04-03",
// "attempts":[…]}: "next" and "settled" only when set.
func (s Status) MarshalJSON() ([]byte, error) {
	var w jsonx.Object
	w.Text("state", s.State)
	if s.Next != nil {
		w.Date("next", *s.Next)
	}
	if s.Settled != nil {
		w.Date("settled", *s.Settled)
	}
	attempts := s.Attempts
	if attempts == nil {
		attempts = []Attempt{}
	}
	w.Value("attempts", attempts)
	return w.Bytes()
}

// UnmarshalJSON decodes s from the form MarshalJSON writes ("state" and
// "attempts" required), with strict dates, and refuses an inconsistent
// status (see Validate): "recovered" with no settled date, "exhausted"
// with a next attempt, attempts out of order.
func (s *Status) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, s, ErrInvalidStatus, Status.Validate, func(v *Status) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Text("state", &v.State).Required(),
			jsonx.DatePtr("next", &v.Next),
			jsonx.DatePtr("settled", &v.Settled),
			jsonx.Slice("attempts", &v.Attempts).Required(),
		}
	})
}
