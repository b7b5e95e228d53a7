package pause

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Booking is a class or slot the customer booked with the subscription,
// identified by the caller.
type Booking struct {
	// On is the day of the booking.
	On date.Date `json:"on"`
	// ID is the caller's identifier of the booking.
	ID string `json:"id"`
}

type bookingJSON struct {
	On string `json:"on"`
	ID string `json:"id"`
}

// MarshalJSON encodes b as {"on":"2025-03-12","id":"…"}.
func (b Booking) MarshalJSON() ([]byte, error) {
	return json.Marshal(bookingJSON{On: b.On.String(), ID: b.ID})
}

// UnmarshalJSON decodes b with a strict date (see period.ParseDate).
func (b *Booking) UnmarshalJSON(data []byte) error {
	var raw bookingJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("pause: decoding booking: %w", err)
	}
	on, err := period.ParseDate(raw.On)
	if err != nil {
		return fmt.Errorf("pause: booking %q: %w", raw.ID, err)
	}
	*b = Booking{On: on, ID: raw.ID}
	return nil
}

// Treatment says what happens to a booking that falls on a paused day. The
// zero value is invalid.
type Treatment uint8

const (
	// Delete deletes the booking.
	Delete Treatment = iota + 1
	// Detach keeps the booking as a booking without product: it no longer
	// uses the subscription.
	Detach
)

var treatmentNames = [...]string{Delete: "delete", Detach: "detach"}

// IsValid reports whether t is Delete or Detach.
func (t Treatment) IsValid() bool { return t == Delete || t == Detach }

// String returns "delete" or "detach", and "Treatment(n)" for an invalid
// treatment.
func (t Treatment) String() string {
	if !t.IsValid() {
		return "Treatment(" + strconv.Itoa(int(t)) + ")"
	}
	return treatmentNames[t]
}

// MarshalText encodes t as "delete" or "detach". It returns an error
// wrapping ErrInvalidPause for an invalid treatment.
func (t Treatment) MarshalText() ([]byte, error) {
	if !t.IsValid() {
		return nil, fmt.Errorf("%w: booking treatment %d", ErrInvalidPause, uint8(t))
	}
	return []byte(t.String()), nil
}

// UnmarshalText decodes "delete" or "detach". Anything else is an error
// wrapping ErrInvalidPause.
func (t *Treatment) UnmarshalText(text []byte) error {
	for v, name := range treatmentNames {
		if name != "" && name == string(text) {
			*t = Treatment(v)
			return nil
		}
	}
	return fmt.Errorf("%w: booking treatment %q: want delete or detach", ErrInvalidPause, text)
}

// BookingAction is a booking hit by a pause and what to do with it.
type BookingAction struct {
	// Booking is the booking on a paused day.
	Booking Booking `json:"booking"`
	// Treatment is what to do with it.
	Treatment Treatment `json:"treatment"`
}

// Hit returns the bookings that fall on a paused day, a day of any of the
// paused ranges, in the order given, each with the treatment t. The ranges
// may overlap and come in any order; a booking is reported once. Hit does
// not check t: the caller chose it.
func Hit(bookings []Booking, paused []period.Period, t Treatment) []BookingAction {
	var out []BookingAction
	for _, b := range bookings {
		for _, p := range paused {
			if p.Contains(b.On) {
				out = append(out, BookingAction{Booking: b, Treatment: t})
				break
			}
		}
	}
	return out
}

// IsPaused reports whether d is a day of any of the paused ranges.
func IsPaused(d date.Date, paused []period.Period) bool {
	for _, p := range paused {
		if p.Contains(d) {
			return true
		}
	}
	return false
}
