package pause

import (
	"fmt"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// MaxSessions bounds the sessions of a class card.
const MaxSessions = 100_000

// Pass is a prepaid pass (a time pass) or class card: a validity, and for a
// card a number of sessions. Freezing a pass from date p, the first day it
// cannot be used, ends its validity at p and keeps the remaining days and
// sessions; unfreezing it on date r makes it valid for the remaining days
// from r.
//
// A Pass is a value: Freeze and Unfreeze return a new pass.
type Pass struct {
	// Valid is the half-open range of days on which the pass may be used.
	// While frozen, it ends on the day of the freeze.
	Valid period.Period
	// Sessions is the number of sessions bought, 0 to MaxSessions; 0 means
	// a time pass, unlimited within its validity.
	Sessions int
	// Used is the number of sessions used, 0 to Sessions.
	Used int
	// Frozen is the freeze of a frozen pass; nil when it is not frozen.
	Frozen *Freeze
}

// Freeze is what a frozen pass keeps: the day of the freeze and the days of
// validity it had left.
type Freeze struct {
	// From is the first day the frozen pass cannot be used, equal to the
	// end of its validity.
	From date.Date
	// RemainingDays is the number of days of validity kept, at least 1.
	RemainingDays int
}

// Validate returns an error wrapping ErrInvalidPass if the validity is
// invalid (reversed, or outside the bounds of dates), the sessions bought
// or used are below 0 or above MaxSessions, more sessions are used than a
// card holds, or the freeze is inconsistent: a frozen pass is frozen from
// the end of its validity, keeps at least one day, and no more than would
// end a validity after 9999-12-31.
func (p Pass) Validate() error {
	if err := p.Valid.Validate(); err != nil {
		return jsonx.At("valid", ErrInvalidPass, err)
	}
	if p.Sessions < 0 || p.Sessions > MaxSessions || p.Used < 0 || p.Used > MaxSessions {
		return fmt.Errorf("%w: %d sessions, %d used: want 0 to %d", ErrInvalidPass, p.Sessions, p.Used, MaxSessions)
	}
	if p.Sessions > 0 && p.Used > p.Sessions {
		return fmt.Errorf("%w: %d sessions used of %d", ErrInvalidPass, p.Used, p.Sessions)
	}
	if f := p.Frozen; f != nil {
		if f.From != p.Valid.End {
			return fmt.Errorf("%w: frozen from %s but valid %s", ErrInvalidPass, f.From, p.Valid)
		}
		if f.RemainingDays < 1 || f.RemainingDays > int(period.MaxDate-period.MinDate) {
			return fmt.Errorf("%w: frozen with %d remaining days", ErrInvalidPass, f.RemainingDays)
		}
		if f.From > period.MaxDate-date.Date(f.RemainingDays) {
			return fmt.Errorf("%w: frozen from %s with %d remaining days: the validity would end after 9999-12-31", ErrInvalidPass, f.From, f.RemainingDays)
		}
	}
	return nil
}

// IsFrozen reports whether p is frozen.
func (p Pass) IsFrozen() bool { return p.Frozen != nil }

// Freeze returns p frozen from the day from, the first day it cannot be
// used: its validity ends at from, and the days from from to the old end
// are kept as the freeze's RemainingDays; sessions are kept. A card valid
// [2025-06-01, 2025-09-01) frozen from 2025-07-01 is valid
// [2025-06-01, 2025-07-01) and keeps 62 days.
//
// It returns an error wrapping ErrInvalidPass if p is invalid,
// ErrAlreadyFrozen if p is frozen, and ErrOutsideValidity if from is not a
// day of p's validity.
func (p Pass) Freeze(from date.Date) (Pass, error) {
	if err := p.Validate(); err != nil {
		return Pass{}, err
	}
	if p.Frozen != nil {
		return Pass{}, fmt.Errorf("%w: freeze from %s: frozen from %s", ErrAlreadyFrozen, from, p.Frozen.From)
	}
	if !p.Valid.Contains(from) {
		return Pass{}, fmt.Errorf("%w: freeze from %s: valid %s", ErrOutsideValidity, from, p.Valid)
	}
	q := p
	q.Frozen = &Freeze{From: from, RemainingDays: int(p.Valid.End - from)}
	q.Valid.End = from
	return q, nil
}

// Unfreeze returns p unfrozen on the day on: valid for its remaining days
// from on, [on, on + RemainingDays); sessions are kept. Unfreezing on the
// day of the freeze loses nothing. The card frozen in Freeze's example and
// unfrozen on 2025-10-01 is valid [2025-10-01, 2025-12-02).
//
// It returns an error wrapping ErrInvalidPass if p is invalid or the new
// validity would end after 9999-12-31, ErrNotFrozen if p is not frozen,
// and ErrUnfreezeBeforeFreeze if on is before the day of the freeze.
func (p Pass) Unfreeze(on date.Date) (Pass, error) {
	if err := p.Validate(); err != nil {
		return Pass{}, err
	}
	f := p.Frozen
	if f == nil {
		return Pass{}, fmt.Errorf("%w: unfreeze on %s: valid %s", ErrNotFrozen, on, p.Valid)
	}
	if on < f.From {
		return Pass{}, fmt.Errorf("%w: unfreeze on %s: frozen from %s", ErrUnfreezeBeforeFreeze, on, f.From)
	}
	if on > period.MaxDate-date.Date(f.RemainingDays) {
		return Pass{}, fmt.Errorf("%w: unfreeze on %s with %d remaining days: the validity would end after 9999-12-31", ErrInvalidPass, on, f.RemainingDays)
	}
	q := p
	q.Valid = period.Period{Start: on, End: on + date.Date(f.RemainingDays)}
	q.Frozen = nil
	return q, nil
}

// IsCard reports whether p counts sessions (a class card) rather than
// being unlimited within its validity (a time pass).
func (p Pass) IsCard() bool { return p.Sessions > 0 }

// SessionsLeft returns the sessions left on a class card, Sessions − Used
// and never below zero, and true; for a time pass, whose sessions are
// unlimited, it returns 0 and false.
func (p Pass) SessionsLeft() (int, bool) {
	if p.Sessions <= 0 {
		return 0, false
	}
	return max(p.Sessions-p.Used, 0), true
}

// ValidOn reports whether d is a day of p's validity. A frozen pass is not
// valid from the day of its freeze; the days before it stay valid. It does
// not look at sessions: see SessionsLeft.
func (p Pass) ValidOn(d date.Date) bool { return p.Valid.Contains(d) }

// MarshalJSON encodes p as {"valid":{…},"sessions":10,"used":4}, with
// "frozen":{"from":"2025-07-01","remaining_days":62} while frozen.
func (p Pass) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("valid", p.Valid)
	if p.Sessions != 0 {
		o.Int("sessions", int64(p.Sessions))
	}
	if p.Used != 0 {
		o.Int("used", int64(p.Used))
	}
	if p.Frozen != nil {
		o.Value("frozen", *p.Frozen)
	}
	return o.Bytes()
}

// UnmarshalJSON decodes p from the form MarshalJSON writes ("valid"
// required), with strict dates, and validates it: it returns the decoding
// error or the error of Validate, and leaves p unchanged then. Structural
// errors wrap ErrInvalidPass.
func (p *Pass) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, ErrInvalidPass, Pass.Validate, func(v *Pass) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("valid", &v.Valid).Required(),
			jsonx.Int("sessions", &v.Sessions),
			jsonx.Int("used", &v.Used),
			jsonx.Ptr("frozen", &v.Frozen),
		}
	})
}

// MarshalJSON encodes f as {"from":"2025-07-01","remaining_days":62}.
func (f Freeze) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Date("from", f.From)
	o.Int("remaining_days", int64(f.RemainingDays))
	return o.Bytes()
}

// UnmarshalJSON decodes f strictly, both fields required; Pass's decoding
// validates it.
func (f *Freeze) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, f, ErrInvalidPass, nil, func(v *Freeze) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Date("from", &v.From).Required(),
			jsonx.Int("remaining_days", &v.RemainingDays).Required(),
		}
	})
}
