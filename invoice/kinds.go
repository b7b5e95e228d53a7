package invoice

import (
	"fmt"
	"strconv"
)

// FeatureKind is the kind of a plan feature, after ProAbono's TypeFeature.
// The zero FeatureKind is invalid, so a forgotten kind fails validation.
type FeatureKind uint8

// The feature kinds.
const (
	// OnOff is a feature that is either included in the plan or not, such
	// as access to an app; it may cost a flat amount per period.
	OnOff FeatureKind = iota + 1
	// Limitation is a feature counted in units, such as users: a quantity
	// is included and the units used beyond it are charged.
	Limitation
)

var featureKindNames = []string{"", "on_off", "limitation"}

// String returns "on_off" or "limitation", or "FeatureKind(n)" for an
// invalid kind.
func (k FeatureKind) String() string { return enumString(featureKindNames, uint8(k), "FeatureKind") }

// MarshalText encodes k as "on_off" or "limitation". An invalid kind is an
// error wrapping ErrInvalidKind.
func (k FeatureKind) MarshalText() ([]byte, error) {
	return enumMarshal(featureKindNames, uint8(k), "feature kind")
}

// UnmarshalText decodes k from "on_off" or "limitation"; anything else is
// an error wrapping ErrInvalidKind.
func (k *FeatureKind) UnmarshalText(text []byte) error {
	v, err := enumParse(featureKindNames, text, "feature kind")
	*k = FeatureKind(v)
	return err
}

// TierMode says how the tiers of a Limitation feature price its units.
// The zero TierMode is invalid.
type TierMode uint8

// The tier modes.
const (
	// Graduated prices each unit by the tier it falls in, and adds the flat
	// fee of every tier reached: with tiers up to 10 at 1.00 and beyond at
	// 0.50, 15 units cost 10 × 1.00 + 5 × 0.50.
	Graduated TierMode = iota + 1
	// Volume prices all the units at the unit price of the tier their total
	// falls in, plus that tier's flat fee: 15 units cost 15 × 0.50.
	Volume
)

var tierModeNames = []string{"", "graduated", "volume"}

// String returns "graduated" or "volume", or "TierMode(n)" for an invalid
// mode.
func (m TierMode) String() string { return enumString(tierModeNames, uint8(m), "TierMode") }

// MarshalText encodes m as "graduated" or "volume". An invalid mode is an
// error wrapping ErrInvalidKind.
func (m TierMode) MarshalText() ([]byte, error) {
	return enumMarshal(tierModeNames, uint8(m), "tier mode")
}

// UnmarshalText decodes m from "graduated" or "volume"; anything else is an
// error wrapping ErrInvalidKind.
func (m *TierMode) UnmarshalText(text []byte) error {
	v, err := enumParse(tierModeNames, text, "tier mode")
	*m = TierMode(v)
	return err
}

// DiscountKind is the kind of a Discount. The zero DiscountKind is invalid.
type DiscountKind uint8

// The discount kinds.
const (
	// Percent takes a percentage off the invoice's subtotal.
	Percent DiscountKind = iota + 1
	// Fixed takes a fixed amount off the invoice's subtotal.
	Fixed
)

var discountKindNames = []string{"", "percent", "fixed"}

// String returns "percent" or "fixed", or "DiscountKind(n)" for an invalid
// kind.
func (k DiscountKind) String() string {
	return enumString(discountKindNames, uint8(k), "DiscountKind")
}

// MarshalText encodes k as "percent" or "fixed". An invalid kind is an
// error wrapping ErrInvalidKind.
func (k DiscountKind) MarshalText() ([]byte, error) {
	return enumMarshal(discountKindNames, uint8(k), "discount kind")
}

// UnmarshalText decodes k from "percent" or "fixed"; anything else is an
// error wrapping ErrInvalidKind.
func (k *DiscountKind) UnmarshalText(text []byte) error {
	v, err := enumParse(discountKindNames, text, "discount kind")
	*k = DiscountKind(v)
	return err
}

// LineKind is the kind of an invoice Line. The zero LineKind is invalid.
//
// The constants carry a Line prefix because Feature, Discount and Override
// already name the types that produce those lines.
type LineKind uint8

// The line kinds.
const (
	// LineRecurring is the base price of a whole billing period.
	LineRecurring LineKind = iota + 1
	// LineFeature is the price of a feature: a flat fee or the units used
	// beyond the included quantity.
	LineFeature
	// LineDiscount takes an amount off the invoice; its amount is negative.
	LineDiscount
	// LineProration is the base price of a part of a billing period.
	LineProration
	// LineOverride is an amount the caller set instead of the computed one.
	LineOverride
	// LineExtension is the base price of a period added after the last one,
	// such as the periods a pause extends the subscription by.
	LineExtension
	// LineRenewal is the base price of a period started by a renewal, such
	// as a restart after a suspension.
	LineRenewal
	// LineFee is an extra fee, such as a freeze fee.
	LineFee
)

var lineKindNames = []string{"", "recurring", "feature", "discount", "proration", "override", "extension", "renewal", "fee"}

// String returns the text form of k ("recurring", "feature", "discount",
// "proration", "override", "extension", "renewal" or "fee"), or
// "LineKind(n)" for an invalid kind.
func (k LineKind) String() string { return enumString(lineKindNames, uint8(k), "LineKind") }

// MarshalText encodes k as its text form (see String). An invalid kind is
// an error wrapping ErrInvalidKind.
func (k LineKind) MarshalText() ([]byte, error) {
	return enumMarshal(lineKindNames, uint8(k), "line kind")
}

// UnmarshalText decodes k from its text form (see String); anything else is
// an error wrapping ErrInvalidKind.
func (k *LineKind) UnmarshalText(text []byte) error {
	v, err := enumParse(lineKindNames, text, "line kind")
	*k = LineKind(v)
	return err
}

func (k LineKind) valid() bool { return k >= LineRecurring && k <= LineFee }

func enumString(names []string, v uint8, typ string) string {
	if v > 0 && int(v) < len(names) {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

func enumMarshal(names []string, v uint8, what string) ([]byte, error) {
	if v > 0 && int(v) < len(names) {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("%w: %s %d", ErrInvalidKind, what, v)
}

func enumParse(names []string, text []byte, what string) (uint8, error) {
	for i := 1; i < len(names); i++ {
		if string(text) == names[i] {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("%w: %s %q", ErrInvalidKind, what, text)
}
