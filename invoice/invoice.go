package invoice

import (
	"encoding/json"
	"fmt"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// Line is one line of an invoice. Its Amount is always rounded to the
// currency's minor unit; UnitPrice and Quantity describe it and are not
// always enough to recompute it (prorations, tiers, flat fees).
//
// Its JSON form is {"kind":"feature","description":"Users",
// "period":{"start":…,"end":…},"quantity":2,"unit_price":{…},"amount":{…}}.
type Line struct {
	// Kind says what the line bills.
	Kind LineKind `json:"kind"`
	// Description is the feature's, discount's or fee's name, or the
	// override's reason.
	Description string `json:"description"`
	// Period is the span of days the line bills.
	Period period.Period `json:"period"`
	// Quantity is the number of units billed: 1 for prices and fees, the
	// units beyond the included quantity for a Limitation feature.
	Quantity int64 `json:"quantity"`
	// UnitPrice is the price of one unit; zero when the units are priced
	// differently, as with graduated tiers.
	UnitPrice Money `json:"unit_price"`
	// Amount is what the line adds to the invoice, rounded to the minor
	// unit; negative for discounts.
	Amount Money `json:"amount"`
}

// Equal reports whether l and o are the same line, comparing money by value.
func (l Line) Equal(o Line) bool {
	return l.Kind == o.Kind && l.Description == o.Description && l.Period == o.Period &&
		l.Quantity == o.Quantity && l.UnitPrice.Equal(o.UnitPrice) && l.Amount.Equal(o.Amount)
}

// Invoice is the computed invoice of one billing period: its lines and
// totals, in one currency. The library computes invoices and never stores
// them; Build makes one from a Spec.
//
// Total == Subtotal + Discount == the sum of the lines' amounts, and Total
// is never negative.
//
// Its JSON form has the fields "issue_date" (YYYY-MM-DD), "period",
// "buyer" and "beneficiary" (omitted when empty), "lines", "subtotal",
// "discount", "total" and "currency".
type Invoice struct {
	// IssueDate is the day the invoice is issued.
	IssueDate date.Date
	// Period is the billing period the invoice covers.
	Period period.Period
	// Buyer is an opaque reference to who pays, which may differ from the
	// Beneficiary (ProAbono's customer buyer).
	Buyer string
	// Beneficiary is an opaque reference to who uses the subscription.
	Beneficiary string
	// Lines are the invoice's lines: the main line, features, discounts,
	// then fees; or an override line, then fees.
	Lines []Line
	// Subtotal is the sum of the lines that are not discounts.
	Subtotal Money
	// Discount is the sum of the discount lines, zero or negative.
	Discount Money
	// Total is Subtotal + Discount, the amount due, never negative.
	Total Money
	// Currency is the currency of every amount of the invoice.
	Currency Currency
}

// IsIssued reports whether the invoice has been issued as of asOf: whether
// its IssueDate is on or before asOf.
func (inv Invoice) IsIssued(asOf date.Date) bool { return inv.IssueDate <= asOf }

// Equal reports whether inv and o are the same invoice, comparing money by
// value (5 and 5.00 are equal) and treating nil and empty Lines alike.
func (inv Invoice) Equal(o Invoice) bool {
	if inv.IssueDate != o.IssueDate || inv.Period != o.Period || inv.Buyer != o.Buyer ||
		inv.Beneficiary != o.Beneficiary || inv.Currency != o.Currency ||
		!inv.Subtotal.Equal(o.Subtotal) || !inv.Discount.Equal(o.Discount) ||
		!inv.Total.Equal(o.Total) || len(inv.Lines) != len(o.Lines) {
		return false
	}
	for i := range inv.Lines {
		if !inv.Lines[i].Equal(o.Lines[i]) {
			return false
		}
	}
	return true
}

// Validate returns nil if inv is consistent: every amount in inv.Currency
// and rounded to its minor unit, valid line kinds, Subtotal and Discount
// the sums of their lines, Total their sum and not negative. Otherwise it
// returns an error wrapping ErrInvalidInvoice, ErrCurrencyMismatch,
// ErrUnknownCurrency or ErrInvalidKind. Build's invoices are always valid.
func (inv Invoice) Validate() error {
	c := inv.Currency
	if c.IsZero() {
		return fmt.Errorf("%w: invoice without a currency", ErrUnknownCurrency)
	}
	if err := inv.Period.Validate(); err != nil {
		return err
	}
	check := func(what string, m Money) error {
		if m.Currency != c {
			return fmt.Errorf("%w: %s in %q, invoice in %s", ErrCurrencyMismatch, what, m.Currency.code, c.code)
		}
		if !isRounded(m) {
			return fmt.Errorf("%w: %s %s is not rounded to %d digits", ErrInvalidInvoice, what, m.Amount.String(), c.digits)
		}
		return nil
	}
	var sub, disc decimal.Decimal
	for i, l := range inv.Lines {
		if !l.Kind.valid() {
			return fmt.Errorf("%w: line %d kind %d", ErrInvalidKind, i, l.Kind)
		}
		if err := check(fmt.Sprintf("line %d amount", i), l.Amount); err != nil {
			return err
		}
		if l.UnitPrice.Currency != c {
			return fmt.Errorf("%w: line %d unit price in %q, invoice in %s", ErrCurrencyMismatch, i, l.UnitPrice.Currency.code, c.code)
		}
		if l.Kind == LineDiscount {
			disc = disc.Add(l.Amount.Amount)
		} else {
			sub = sub.Add(l.Amount.Amount)
		}
	}
	for _, f := range []struct {
		what string
		m    Money
		want decimal.Decimal
	}{{"subtotal", inv.Subtotal, sub}, {"discount", inv.Discount, disc}, {"total", inv.Total, sub.Add(disc)}} {
		if err := check(f.what, f.m); err != nil {
			return err
		}
		if !f.m.Amount.Equal(f.want) {
			return fmt.Errorf("%w: %s %s; the lines add up to %s", ErrInvalidInvoice, f.what, f.m.Text(), f.want.StringFixed(c.digits))
		}
	}
	if inv.Total.IsNegative() {
		return fmt.Errorf("%w: total %s is negative", ErrInvalidInvoice, inv.Total)
	}
	return nil
}

type invoiceJSON struct {
	IssueDate   string        `json:"issue_date"`
	Period      period.Period `json:"period"`
	Buyer       string        `json:"buyer,omitempty"`
	Beneficiary string        `json:"beneficiary,omitempty"`
	Lines       []Line        `json:"lines"`
	Subtotal    Money         `json:"subtotal"`
	Discount    Money         `json:"discount"`
	Total       Money         `json:"total"`
	Currency    Currency      `json:"currency"`
}

// MarshalJSON encodes inv with the field names listed on Invoice; Lines is
// [] rather than null when empty.
func (inv Invoice) MarshalJSON() ([]byte, error) {
	lines := inv.Lines
	if lines == nil {
		lines = []Line{}
	}
	return json.Marshal(invoiceJSON{
		IssueDate: inv.IssueDate.String(), Period: inv.Period,
		Buyer: inv.Buyer, Beneficiary: inv.Beneficiary, Lines: lines,
		Subtotal: inv.Subtotal, Discount: inv.Discount, Total: inv.Total, Currency: inv.Currency,
	})
}

// UnmarshalJSON decodes inv from its JSON form, reading dates strictly
// (period.ParseDate: "2021-02-30" is an error wrapping
// period.ErrInvalidDate), money strictly (ParseMoney), and checking the
// result with Validate.
func (inv *Invoice) UnmarshalJSON(data []byte) error {
	var raw invoiceJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("invoice: decoding invoice: %w", err)
	}
	issued, err := period.ParseDate(raw.IssueDate)
	if err != nil {
		return fmt.Errorf("invoice: issue date: %w", err)
	}
	v := Invoice{
		IssueDate: issued, Period: raw.Period, Buyer: raw.Buyer, Beneficiary: raw.Beneficiary,
		Lines: raw.Lines, Subtotal: raw.Subtotal, Discount: raw.Discount, Total: raw.Total, Currency: raw.Currency,
	}
	if v.Lines == nil {
		v.Lines = []Line{}
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*inv = v
	return nil
}
