package pause

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

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
	Valid period.Period `json:"valid"`
	// Sessions is the number of sessions bought; 0 means a time pass,
	// unlimited within its validity.
	Sessions int `json:"sessions,omitempty"`
	// Used is the number of sessions used.
	Used int `json:"used,omitempty"`
	// Frozen reports whether the pass is frozen.
	Frozen bool `json:"-"`
	// FrozenFrom is the first day the frozen pass cannot be used, equal to
	// Valid.End; zero when not frozen.
	FrozenFrom date.Date `json:"-"`
	// RemainingDays is the number of days of validity kept by the freeze,
	// at least 1; zero when not frozen.
	RemainingDays int `json:"-"`
}

// Validate returns an error wrapping ErrInvalidPass if the validity is
// reversed, the sessions bought or used are negative, more sessions are
// used than a card holds, or the frozen state is inconsistent: a frozen
// pass has FrozenFrom equal to Valid.End and at least one remaining day, a
// pass not frozen has zero FrozenFrom and RemainingDays.
func (p Pass) Validate() error {
	if err := p.Valid.Validate(); err != nil {
		return fmt.Errorf("%w: validity: %w", ErrInvalidPass, err)
	}
	if p.Sessions < 0 || p.Used < 0 {
		return fmt.Errorf("%w: %d sessions, %d used", ErrInvalidPass, p.Sessions, p.Used)
	}
	if p.Sessions > 0 && p.Used > p.Sessions {
		return fmt.Errorf("%w: %d sessions used of %d", ErrInvalidPass, p.Used, p.Sessions)
	}
	if p.Frozen {
		if p.FrozenFrom != p.Valid.End {
			return fmt.Errorf("%w: frozen from %s but valid %s", ErrInvalidPass, p.FrozenFrom, p.Valid)
		}
		if p.RemainingDays < 1 {
			return fmt.Errorf("%w: frozen with %d remaining days", ErrInvalidPass, p.RemainingDays)
		}
		if int64(p.Valid.End) > math.MaxInt64-int64(p.RemainingDays) {
			return fmt.Errorf("%w: frozen with %d remaining days from %s", ErrInvalidPass, p.RemainingDays, p.Valid.End)
		}
	} else if p.FrozenFrom != 0 || p.RemainingDays != 0 {
		return fmt.Errorf("%w: not frozen, but frozen from %s with %d remaining days",
			ErrInvalidPass, p.FrozenFrom, p.RemainingDays)
	}
	return nil
}

// Freeze returns p frozen from the day from, the first day it cannot be
// used: its validity ends at from, and the days from from to the old end
// are kept as RemainingDays; sessions are kept. A card valid
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
	if p.Frozen {
		return Pass{}, fmt.Errorf("%w: freeze from %s: frozen from %s", ErrAlreadyFrozen, from, p.FrozenFrom)
	}
	if !p.Valid.Contains(from) {
		return Pass{}, fmt.Errorf("%w: freeze from %s: valid %s", ErrOutsideValidity, from, p.Valid)
	}
	q := p
	q.RemainingDays = int(p.Valid.End - from)
	q.Valid.End = from
	q.Frozen = true
	q.FrozenFrom = from
	return q, nil
}

// Unfreeze returns p unfrozen on the day on: valid for its remaining days
// from on, [on, on + RemainingDays); sessions are kept. Unfreezing on the
// day of the freeze loses nothing. The card frozen in Freeze's example and
// unfrozen on 2025-10-01 is valid [2025-10-01, 2025-12-02).
//
// It returns an error wrapping ErrInvalidPass if p is invalid, ErrNotFrozen
// if p is not frozen, and ErrUnfreezeBeforeFreeze if on is before the day
// of the freeze.
func (p Pass) Unfreeze(on date.Date) (Pass, error) {
	if err := p.Validate(); err != nil {
		return Pass{}, err
	}
	if !p.Frozen {
		return Pass{}, fmt.Errorf("%w: unfreeze on %s: valid %s", ErrNotFrozen, on, p.Valid)
	}
	if on < p.FrozenFrom {
		return Pass{}, fmt.Errorf("%w: unfreeze on %s: frozen from %s", ErrUnfreezeBeforeFreeze, on, p.FrozenFrom)
	}
	if int64(on) > math.MaxInt64-int64(p.RemainingDays) {
		return Pass{}, fmt.Errorf("%w: unfreeze on %s with %d remaining days", ErrInvalidPass, on, p.RemainingDays)
	}
	q := p
	q.Valid = period.Period{Start: on, End: on + date.Date(p.RemainingDays)}
	q.Frozen = false
	q.FrozenFrom = 0
	q.RemainingDays = 0
	return q, nil
}

// IsFrozen reports whether p is frozen.
func (p Pass) IsFrozen() bool { return p.Frozen }

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

type passJSON struct {
	Valid    period.Period `json:"valid"`
	Sessions int           `json:"sessions,omitempty"`
	Used     int           `json:"used,omitempty"`
	Frozen   *freezeJSON   `json:"frozen,omitempty"`
}

type freezeJSON struct {
	From          string `json:"from"`
	RemainingDays int    `json:"remaining_days"`
}

// MarshalJSON encodes p as {"valid":{…},"sessions":10,"used":4}, with
// "frozen":{"from":"2025-07-01","remaining_days":62} while frozen.
func (p Pass) MarshalJSON() ([]byte, error) {
	raw := passJSON{Valid: p.Valid, Sessions: p.Sessions, Used: p.Used}
	if p.Frozen {
		raw.Frozen = &freezeJSON{From: p.FrozenFrom.String(), RemainingDays: p.RemainingDays}
	}
	return json.Marshal(raw)
}

// UnmarshalJSON decodes p from the form MarshalJSON writes, with strict
// dates, and validates it: it returns the decoding error or the error of
// Validate, and leaves p unchanged then.
func (p *Pass) UnmarshalJSON(data []byte) error {
	var raw passJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("pause: decoding pass: %w", err)
	}
	v := Pass{Valid: raw.Valid, Sessions: raw.Sessions, Used: raw.Used}
	if raw.Frozen != nil {
		from, err := period.ParseDate(raw.Frozen.From)
		if err != nil {
			return fmt.Errorf("pause: pass frozen from: %w", err)
		}
		v.Frozen, v.FrozenFrom, v.RemainingDays = true, from, raw.Frozen.RemainingDays
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*p = v
	return nil
}
