package invoice

import "github.com/billcycle/billcycle/internal/enum"

// FeatureKind is the kind of a plan feature, after ProAbono's TypeFeature.
// The zero FeatureKind is invalid, so a forgotten kind fails validation.
type FeatureKind uint8

// The feature kinds.
const (
	// OnOff is a feature that is either included in the plan or not, such
	// as access to an app; it may cost a flat amount per period.
	OnOff FeatureKind = iota + 1
	// Limitation is a feature counted in units, such as users: a quantity
	// is included and the units in use beyond it are charged.
	Limitation
)

var featureKindNames = enum.New[FeatureKind]("feature kind", ErrInvalidKind, "on_off", "limitation")

// String returns "on_off" or "limitation", or "feature kind(N)" for an
// invalid kind.
func (k FeatureKind) String() string { return featureKindNames.String(k) }

// Valid reports whether k is OnOff or Limitation.
func (k FeatureKind) Valid() bool { return featureKindNames.Valid(k) }

// MarshalText encodes k as "on_off" or "limitation". An invalid kind is an
// error wrapping ErrInvalidKind.
func (k FeatureKind) MarshalText() ([]byte, error) { return featureKindNames.MarshalText(k) }

// UnmarshalText decodes k from "on_off" or "limitation"; anything else is
// an error wrapping ErrInvalidKind.
func (k *FeatureKind) UnmarshalText(text []byte) error {
	return featureKindNames.UnmarshalText(text, k)
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

var tierModeNames = enum.New[TierMode]("tier mode", ErrInvalidKind, "graduated", "volume")

// String returns "graduated" or "volume", or "tier mode(N)" for an invalid
// mode.
func (m TierMode) String() string { return tierModeNames.String(m) }

// Valid reports whether m is Graduated or Volume.
func (m TierMode) Valid() bool { return tierModeNames.Valid(m) }

// MarshalText encodes m as "graduated" or "volume". An invalid mode is an
// error wrapping ErrInvalidKind.
func (m TierMode) MarshalText() ([]byte, error) { return tierModeNames.MarshalText(m) }

// UnmarshalText decodes m from "graduated" or "volume"; anything else is an
// error wrapping ErrInvalidKind.
func (m *TierMode) UnmarshalText(text []byte) error { return tierModeNames.UnmarshalText(text, m) }

// DiscountKind is the kind of a Discount. The zero DiscountKind is invalid.
type DiscountKind uint8

// The discount kinds.
const (
	// Percent takes a percentage off the invoice's subtotal.
	Percent DiscountKind = iota + 1
	// Fixed takes a fixed amount off the invoice's subtotal.
	Fixed
)

var discountKindNames = enum.New[DiscountKind]("discount kind", ErrInvalidKind, "percent", "fixed")

// String returns "percent" or "fixed", or "discount kind(N)" for an
// invalid kind.
func (k DiscountKind) String() string { return discountKindNames.String(k) }

// Valid reports whether k is Percent or Fixed.
func (k DiscountKind) Valid() bool { return discountKindNames.Valid(k) }

// MarshalText encodes k as "percent" or "fixed". An invalid kind is an
// error wrapping ErrInvalidKind.
func (k DiscountKind) MarshalText() ([]byte, error) { return discountKindNames.MarshalText(k) }

// UnmarshalText decodes k from "percent" or "fixed"; anything else is an
// error wrapping ErrInvalidKind.
func (k *DiscountKind) UnmarshalText(text []byte) error {
	return discountKindNames.UnmarshalText(text, k)
}

// LineKind is the kind of an invoice Line. The zero LineKind is invalid.
// The sign of a line's amount follows from its kind: discount and credit
// lines take money off (zero or negative), every other kind charges (zero
// or positive).
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
	// LineProration is the price of a part of a billing period: the base
	// price prorated by days, or the charge for the days left at new terms
	// after a change inside the period.
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
	// LineCredit gives money back for days already invoiced and not used:
	// the unused days at the old terms after a change inside the period,
	// the paused days of an invoiced period, the days after a termination
	// now. Its amount is zero or negative.
	LineCredit
)

var lineKindNames = enum.New[LineKind]("line kind", ErrInvalidKind,
	"recurring", "feature", "discount", "proration", "override", "extension", "renewal", "fee", "credit")

// String returns the text form of k ("recurring", "feature", "discount",
// "proration", "override", "extension", "renewal", "fee" or "credit"), or
// "line kind(N)" for an invalid kind.
func (k LineKind) String() string { return lineKindNames.String(k) }

// Valid reports whether k is one of the line kinds.
func (k LineKind) Valid() bool { return lineKindNames.Valid(k) }

// Credits reports whether lines of kind k take money off: LineDiscount
// and LineCredit.
func (k LineKind) Credits() bool { return k == LineDiscount || k == LineCredit }

// Adjusts reports whether lines of kind k may settle a change inside an
// earlier period on a later document (the credit for the unused days at
// the old terms and the charge at the new, carried to the next invoice):
// LineCredit and LineProration.
func (k LineKind) Adjusts() bool { return k == LineCredit || k == LineProration }

// MarshalText encodes k as its text form (see String). An invalid kind is
// an error wrapping ErrInvalidKind.
func (k LineKind) MarshalText() ([]byte, error) { return lineKindNames.MarshalText(k) }

// UnmarshalText decodes k from its text form (see String); anything else is
// an error wrapping ErrInvalidKind.
func (k *LineKind) UnmarshalText(text []byte) error { return lineKindNames.UnmarshalText(text, k) }

// Kind is the kind of a document: an invoice, which charges, or a credit
// note, which gives money back for an invoice already issued. The zero
// Kind is invalid.
type Kind uint8

// The document kinds.
const (
	// KindInvoice is an invoice: its total is zero or positive and it
	// credits no other document.
	KindInvoice Kind = iota + 1
	// KindCreditNote is a credit note: its total is negative and it names
	// the invoice it credits (Invoice.Credits). Issued invoices never
	// change; a correction is always a new document.
	KindCreditNote
)

var kindNames = enum.New[Kind]("document kind", ErrInvalidKind, "invoice", "credit_note")

// String returns "invoice" or "credit_note", or "document kind(N)" for an
// invalid kind.
func (k Kind) String() string { return kindNames.String(k) }

// Valid reports whether k is KindInvoice or KindCreditNote.
func (k Kind) Valid() bool { return kindNames.Valid(k) }

// MarshalText encodes k as "invoice" or "credit_note". An invalid kind is
// an error wrapping ErrInvalidKind.
func (k Kind) MarshalText() ([]byte, error) { return kindNames.MarshalText(k) }

// UnmarshalText decodes k from "invoice" or "credit_note"; anything else is
// an error wrapping ErrInvalidKind.
func (k *Kind) UnmarshalText(text []byte) error { return kindNames.UnmarshalText(text, k) }
