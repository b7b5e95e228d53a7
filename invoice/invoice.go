package invoice

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// Line is one line of an invoice: what it bills (Kind), for which days
// (Period), how many units at which unit price, and its Amount. Amount and
// UnitPrice are exact money; Quantity × UnitPrice is not always Amount
// (prorations, tiers, flat fees). Lines are values compared with ==.
//
// Its JSON form is {"kind":"feature","description":"Users",
// "period":{"start":…,"end":…},"quantity":2,"unit_price":{…},"amount":{…}}.
type Line struct {
	// Kind says what the line bills.
	Kind LineKind
	// Description is the feature's, discount's or fee's name, or the
	// override's reason.
	Description string
	// Period is the span of days the line bills, at least one day.
	Period period.Period
	// Quantity is the number of units billed, 1 to MaxQuantity: 1 for
	// prices, fees, discounts and credits, the units beyond the included
	// quantity for a Limitation feature.
	Quantity int64
	// UnitPrice is the price of one unit; zero when the units are priced
	// differently, as with graduated tiers.
	UnitPrice Money
	// Amount is what the line adds to the document: zero or negative for
	// discount and credit lines (LineKind.Credits), zero or positive for
	// every other kind.
	Amount Money
}

// Validate returns nil if l is a line on its own: a valid kind
// (ErrInvalidKind), a valid period of at least one day (the errors of
// period.Period.Validate, or period.ErrEmptyPeriod), a
// quantity from 1 to MaxQuantity (ErrInvalidQuantity), a unit price in the
// currency of the amount (ErrCurrencyMismatch, ErrUnknownCurrency), and an
// amount whose sign fits the kind (ErrInvalidInvoice).
func (l Line) Validate() error {
	if !l.Kind.Valid() {
		return fmt.Errorf("%w: line %q of %s", ErrInvalidKind, l.Description, l.Kind)
	}
	if err := l.Period.Validate(); err != nil {
		return fmt.Errorf("%w (%s line %q)", err, l.Kind, l.Description)
	}
	if l.Period.IsEmpty() {
		return fmt.Errorf("%w: %s line %q bills %s", period.ErrEmptyPeriod, l.Kind, l.Description, l.Period)
	}
	if l.Quantity < 1 || l.Quantity > MaxQuantity {
		return fmt.Errorf("%w: %s line %q of quantity %d: want 1 to %d", ErrInvalidQuantity, l.Kind, l.Description, l.Quantity, MaxQuantity)
	}
	if !l.Amount.cur.Valid() {
		return fmt.Errorf("%w: %s line %q of %d minor units without a currency", ErrUnknownCurrency, l.Kind, l.Description, l.Amount.minor)
	}
	if l.UnitPrice.cur != l.Amount.cur {
		return fmt.Errorf("%w: %s line %q: unit price %s, amount %s", ErrCurrencyMismatch, l.Kind, l.Description, l.UnitPrice, l.Amount)
	}
	if l.Kind.Credits() != (l.Amount.minor < 0) && !l.Amount.IsZero() {
		want := "zero or positive"
		if l.Kind.Credits() {
			want = "zero or negative"
		}
		return fmt.Errorf("%w: %s line %q of %s: want %s", ErrInvalidInvoice, l.Kind, l.Description, l.Amount, want)
	}
	if !l.Kind.Credits() && l.UnitPrice.minor < 0 {
		return fmt.Errorf("%w: %s line %q at a negative unit price %s", ErrInvalidInvoice, l.Kind, l.Description, l.UnitPrice)
	}
	return nil
}

// Ref names an invoice of a subscription: the one issued on IssueDate for
// Period. A credit note names the invoice it credits with a Ref.
type Ref struct {
	// IssueDate is the day the invoice was issued.
	IssueDate date.Date
	// Period is the billing period the invoice covers.
	Period period.Period
}

// String returns the reference as "invoice of [2021-10-01, 2021-11-01)
// issued 2021-10-01".
func (r Ref) String() string {
	return "invoice of " + r.Period.String() + " issued " + r.IssueDate.String()
}

// Invoice is a computed document of one billing period: an invoice, which
// charges, or a credit note, which gives money back for an invoice already
// issued (Kind). The library computes documents and never stores them;
// Build makes an invoice from a Spec and NewCreditNote a credit note.
//
// Total == Subtotal + Discount == the sum of the lines' amounts. An
// invoice's Total is zero or more; a credit note's is negative, and it
// names the invoice it credits.
//
// Its JSON form has the fields "kind" ("invoice" or "credit_note"),
// "issue_date" (YYYY-MM-DD), "period", "credits" (a credit note's, as
// {"issue_date":…,"period":…}), "buyer" and "beneficiary" (omitted when
// empty), "lines", "subtotal", "discount", "total" and "currency".
type Invoice struct {
	// Kind is KindInvoice or KindCreditNote.
	Kind Kind
	// IssueDate is the day the document is issued.
	IssueDate date.Date
	// Period is the billing period the document covers; a credit note's
	// lies within the period of the invoice it credits.
	Period period.Period
	// Credits names the invoice a credit note credits; nil for an invoice.
	Credits *Ref
	// Buyer is an opaque reference to who pays, which may differ from the
	// Beneficiary (ProAbono's customer buyer).
	Buyer string
	// Beneficiary is an opaque reference to who uses the subscription.
	Beneficiary string
	// Lines are the document's lines: for Build's invoices the main line,
	// features, discounts, then fees; or an override line, then fees.
	Lines []Line
	// Subtotal is the sum of the lines that are not discounts.
	Subtotal Money
	// Discount is the sum of the discount lines, zero or negative.
	Discount Money
	// Total is Subtotal + Discount, the amount due (negative: given back).
	Total Money
	// Currency is the currency of every amount of the document.
	Currency Currency
}

// Ref returns the reference a credit note of inv would name.
func (inv Invoice) Ref() Ref { return Ref{IssueDate: inv.IssueDate, Period: inv.Period} }

// IsIssued reports whether the document has been issued as of asOf:
// whether its IssueDate is on or before asOf.
func (inv Invoice) IsIssued(asOf date.Date) bool { return inv.IssueDate <= asOf }

// Equal reports whether inv and o are the same document, treating nil and
// empty Lines alike.
func (inv Invoice) Equal(o Invoice) bool {
	return inv.Kind == o.Kind && inv.IssueDate == o.IssueDate && inv.Period == o.Period &&
		(inv.Credits == nil) == (o.Credits == nil) && (inv.Credits == nil || *inv.Credits == *o.Credits) &&
		inv.Buyer == o.Buyer && inv.Beneficiary == o.Beneficiary && inv.Currency == o.Currency &&
		inv.Subtotal == o.Subtotal && inv.Discount == o.Discount && inv.Total == o.Total &&
		slices.Equal(inv.Lines, o.Lines)
}

// totals returns the subtotal (the lines that are not discounts), the
// discount and the total of lines in c.
func totals(lines []Line, c Currency) (sub, disc, total Money, err error) {
	s, d := sum{m: Zero(c)}, sum{m: Zero(c)}
	for _, l := range lines {
		if l.Kind == LineDiscount {
			d.add(l.Amount)
		} else {
			s.add(l.Amount)
		}
	}
	if err := cmp.Or(s.err, d.err); err != nil {
		return Money{}, Money{}, Money{}, fmt.Errorf("%w (the sum of the lines)", err)
	}
	total, err = s.m.Add(d.m)
	return s.m, d.m, total, err
}

// Validate returns nil if inv keeps every invariant of its kind:
//
//   - a valid Kind (ErrInvalidKind) and Currency (ErrUnknownCurrency), an
//     IssueDate within the bounds of dates (period.ErrInvalidDate), a valid
//     Period of at least one day (period.ErrEmptyPeriod);
//   - at least one line, each valid on its own (Line.Validate), in
//     inv.Currency (ErrCurrencyMismatch), billing days within inv.Period —
//     except that credit and proration lines may settle days before it,
//     a change inside the period before (LineKind.Adjusts) — and none
//     after (ErrInvalidInvoice);
//   - Subtotal, Discount and Total the sums of their lines
//     (ErrInvalidInvoice; ErrOutOfRange if the sums overflow);
//   - an invoice credits nothing and its Total is zero or more;
//   - a credit note names a valid invoice in Credits, is issued on or after
//     it, covers days within its period, and its Total is negative.
//
// Errors wrap ErrInvalidInvoice unless said otherwise. Build's invoices and
// NewCreditNote's credit notes are always valid.
func (inv Invoice) Validate() error {
	c := inv.Currency
	if !inv.Kind.Valid() {
		return fmt.Errorf("%w: document of %s", ErrInvalidKind, inv.Kind)
	}
	if !c.Valid() {
		return fmt.Errorf("%w: %s of %s without a currency", ErrUnknownCurrency, inv.Kind, inv.Period)
	}
	if len(inv.Lines) == 0 {
		return fmt.Errorf("%w: %s of %s without a line", ErrInvalidInvoice, inv.Kind, inv.Period)
	}
	if err := checkDocument(inv.Kind.String(), inv.IssueDate, inv.Period); err != nil {
		return err
	}
	for i, l := range inv.Lines {
		if err := l.Validate(); err != nil {
			return fmt.Errorf("%w (line %d)", err, i)
		}
		if l.Amount.cur != c {
			return fmt.Errorf("%w: line %d in %s, %s in %s", ErrCurrencyMismatch, i, l.Amount.cur, inv.Kind, c)
		}
		if (l.Period.Start < inv.Period.Start && !l.Kind.Adjusts()) || l.Period.End > inv.Period.End {
			return fmt.Errorf("%w: line %d bills %s, outside the %s's period %s", ErrInvalidInvoice, i, l.Period, inv.Kind, inv.Period)
		}
	}
	sub, disc, total, err := totals(inv.Lines, c)
	if err != nil {
		return err
	}
	for _, f := range [...]struct {
		what      string
		got, want Money
	}{{"subtotal", inv.Subtotal, sub}, {"discount", inv.Discount, disc}, {"total", inv.Total, total}} {
		if f.got != f.want {
			return fmt.Errorf("%w: %s %s; the lines add up to %s", ErrInvalidInvoice, f.what, f.got, f.want)
		}
	}
	return inv.validateKind()
}

// checkDocument checks the issue date and the period of a document.
func checkDocument(what string, issued date.Date, p period.Period) error {
	if err := period.CheckDate(issued); err != nil {
		return fmt.Errorf("%w (%s issue date)", err, what)
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%w (%s period)", err, what)
	}
	if p.IsEmpty() {
		return fmt.Errorf("%w: %s of %s", period.ErrEmptyPeriod, what, p)
	}
	return nil
}

// validateKind checks the rules of inv's kind, its totals being right.
func (inv Invoice) validateKind() error {
	if inv.Kind == KindInvoice {
		if inv.Credits != nil {
			return fmt.Errorf("%w: an invoice credits no other document, got %s", ErrInvalidInvoice, *inv.Credits)
		}
		if inv.Total.IsNegative() {
			return fmt.Errorf("%w: invoice total %s is negative: give money back with a credit note", ErrInvalidInvoice, inv.Total)
		}
		return nil
	}
	r := inv.Credits
	if r == nil {
		return fmt.Errorf("%w: credit note of %s names no invoice it credits", ErrInvalidInvoice, inv.Period)
	}
	if err := checkDocument("credited invoice", r.IssueDate, r.Period); err != nil {
		return err
	}
	if inv.IssueDate < r.IssueDate {
		return fmt.Errorf("%w: credit note issued %s before the %s", ErrInvalidInvoice, inv.IssueDate, *r)
	}
	if inv.Period.Start < r.Period.Start || inv.Period.End > r.Period.End {
		return fmt.Errorf("%w: credit note of %s outside the period of the %s", ErrInvalidInvoice, inv.Period, *r)
	}
	if !inv.Total.IsNegative() {
		return fmt.Errorf("%w: credit note total %s: want a negative total", ErrInvalidInvoice, inv.Total)
	}
	return nil
}

// NewDocument returns the document of kind k issued on issued for period p
// with the given lines, in currency c, its totals computed: an invoice
// (credits nil), or a credit note naming the invoice it credits. It
// returns an error if the document breaks a rule of Validate.
func NewDocument(k Kind, issued date.Date, p period.Period, credits *Ref, c Currency, buyer, beneficiary string, lines []Line) (Invoice, error) {
	doc := Invoice{Kind: k, IssueDate: issued, Period: p, Credits: credits, Buyer: buyer, Beneficiary: beneficiary,
		Lines: slices.Clone(lines), Currency: c}
	var err error
	if doc.Subtotal, doc.Discount, doc.Total, err = totals(doc.Lines, c); err != nil {
		return Invoice{}, err
	}
	if err := doc.Validate(); err != nil {
		return Invoice{}, err
	}
	return doc, nil
}

// NewCreditNote returns the credit note, issued on issued, that gives
// money back for days of p of the invoice credited: its lines — credit
// lines for the unused days at the old terms, and any charges at new terms
// — in the invoice's currency, its totals computed, the buyer and
// beneficiary of the invoice. The lines are copied.
//
// It returns an error if credited is not a valid invoice (a credit note
// cannot be credited: ErrInvalidInvoice), if the credit note breaks a rule
// of Validate, or if it would give back more than the invoice's total
// (ErrInvalidInvoice): no credit exceeds what was invoiced.
func NewCreditNote(credited Invoice, issued date.Date, p period.Period, lines []Line) (Invoice, error) {
	if err := credited.Validate(); err != nil {
		return Invoice{}, fmt.Errorf("%w (the credited invoice)", err)
	}
	if credited.Kind != KindInvoice {
		return Invoice{}, fmt.Errorf("%w: a credit note credits an invoice, not a %s", ErrInvalidInvoice, credited.Kind)
	}
	ref := credited.Ref()
	cn := Invoice{
		Kind: KindCreditNote, IssueDate: issued, Period: p, Credits: &ref,
		Buyer: credited.Buyer, Beneficiary: credited.Beneficiary,
		Lines: slices.Clone(lines), Currency: credited.Currency,
	}
	var err error
	if cn.Subtotal, cn.Discount, cn.Total, err = totals(cn.Lines, cn.Currency); err != nil {
		return Invoice{}, err
	}
	if err := cn.Validate(); err != nil {
		return Invoice{}, err
	}
	if back := cn.Total.Neg(); back.minor > credited.Total.minor {
		return Invoice{}, fmt.Errorf("%w: credit note gives back %s, more than the %s invoiced by the %s", ErrInvalidInvoice, back, credited.Total, ref)
	}
	return cn, nil
}
