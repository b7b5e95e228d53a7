package pause

import (
	"fmt"
	"iter"

	"github.com/billcycle/billcycle/internal/enum"
	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Booking is a class or slot the customer booked with the subscription,
// identified by the caller.
type Booking struct {
	// On is the day of the booking.
	On date.Date
	// ID is the caller's identifier of the booking.
	ID string
}

// MarshalJSON encodes b as {"on":"2025-03-12","id":"…"}. A day outside
// 0001-01-01 … 9999-12-31 is an error wrapping period.ErrInvalidDate.
func (b Booking) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Date("on", b.On)
	o.String("id", b.ID)
	return o.Bytes()
}

// UnmarshalJSON decodes b strictly, both fields required, the day with
// period.ParseDate's rules. Structural errors wrap ErrInvalidPause.
func (b *Booking) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, b, ErrInvalidPause, nil, func(v *Booking) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Date("on", &v.On).Required(),
			jsonx.String("id", &v.ID).Required(),
		}
	})
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

var treatmentNames = enum.New[Treatment]("booking treatment", ErrInvalidPause, "delete", "detach")

// Valid reports whether t is Delete or Detach.
func (t Treatment) Valid() bool { return treatmentNames.Valid(t) }

// String returns "delete" or "detach", and "booking treatment(N)" for an
// invalid treatment.
func (t Treatment) String() string { return treatmentNames.String(t) }

// MarshalText encodes t as "delete" or "detach". It returns an error
// wrapping ErrInvalidPause for an invalid treatment.
func (t Treatment) MarshalText() ([]byte, error) { return treatmentNames.MarshalText(t) }

// UnmarshalText decodes "delete" or "detach". Anything else is an error
// wrapping ErrInvalidPause.
func (t *Treatment) UnmarshalText(text []byte) error { return treatmentNames.UnmarshalText(text, t) }

// BookingAction is a booking hit by a pause and what to do with it.
type BookingAction struct {
	// Booking is the booking on a paused day.
	Booking Booking
	// Treatment is what to do with it.
	Treatment Treatment
}

// MarshalJSON encodes a as {"booking":{…},"treatment":"delete"}.
func (a BookingAction) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("booking", a.Booking)
	o.Text("treatment", a.Treatment)
	return o.Bytes()
}

// UnmarshalJSON decodes a strictly, both fields required.
func (a *BookingAction) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, a, ErrInvalidPause, nil, func(v *BookingAction) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("booking", &v.Booking).Required(),
			jsonx.Text("treatment", &v.Treatment).Required(),
		}
	})
}

// Hit returns the bookings that fall on a paused day, a day of any of the
// paused ranges, in the order given, each with the treatment t. The ranges
// may overlap and come in any order; a booking is reported once. The
// sequence reads the slices given as it is ranged over. Hit returns an
// error wrapping ErrInvalidPause for an invalid treatment.
func Hit(bookings []Booking, paused []period.Period, t Treatment) (iter.Seq[BookingAction], error) {
	if !t.Valid() {
		return nil, fmt.Errorf("%w: %s: want delete or detach", ErrInvalidPause, t)
	}
	return func(yield func(BookingAction) bool) {
		for _, b := range bookings {
			if IsPaused(b.On, paused) && !yield(BookingAction{Booking: b, Treatment: t}) {
				return
			}
		}
	}, nil
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
