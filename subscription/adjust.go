package subscription

import (
	"fmt"
	"slices"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// This file holds the changes inside a billing period that was invoiced
// in advance — a plan or quantity changed now, a termination now with a
// credit, a pause over paid days — and the documents they issue, priced by
// tails: the amount of days [a, b) of a period [s, e) of D days at terms
// whose whole period costs A is R(a) − R(b), where R(x) = A × (e − x) / D
// rounded half away from zero. Every line is one rounding; the charges
// and credits of a period add up to the price of its days at each terms,
// a change and its reversal on one day net to zero, and no credit exceeds
// what was charged.

// adjustment is one change inside a billing period invoiced in advance.
type adjustment struct {
	on     date.Date       // the day it is decided and its document issued
	period period.Period   // the billing period
	inv    invoice.Invoice // the invoice of that period, as issued
	// from is the whole-period amount of the terms the days were billed
	// at, and days the days it credits at them; to is the amount of the
	// new terms charged from on, zero when nothing is charged.
	from, to invoice.Money
	days     []period.Period
	// all, if not nil, is what the whole period was billed, credited in
	// full instead.
	all    *invoice.Money
	policy ProrationPolicy // NoProration for a credit alone
	cause  int
	reason string // the line descriptions
}

// tailAt returns R(x) for a whole-period amount a over period p.
func tailAt(a invoice.Money, p period.Period, x date.Date) (invoice.Money, error) {
	if x >= p.End {
		return invoice.Zero(a.Currency()), nil
	}
	return a.MulRatio(int64(p.End-max(x, p.Start)), int64(p.Days()))
}

// between returns the amount of the days r of period p at whole-period
// amount a: R(r.Start) − R(r.End).
func between(a invoice.Money, p period.Period, r period.Period) (invoice.Money, error) {
	head, err := tailAt(a, p, r.Start)
	if err != nil {
		return invoice.Money{}, err
	}
	rest, err := tailAt(a, p, r.End)
	if err != nil {
		return invoice.Money{}, err
	}
	return head.Sub(rest)
}

// lines returns the credit and charge lines of a.
func (a adjustment) lines() ([]invoice.Line, error) {
	credit := invoice.Zero(a.from.Currency())
	span := period.Period{Start: a.on, End: a.period.End}
	if a.all != nil {
		credit, span = *a.all, a.period
	}
	for _, r := range a.days {
		part, err := between(a.from, a.period, r)
		if err != nil {
			return nil, err
		}
		if credit, err = credit.Add(part); err != nil {
			return nil, err
		}
		span = r
	}
	if len(a.days) > 1 {
		span = period.Period{Start: a.days[0].Start, End: a.days[len(a.days)-1].End}
	}
	out := []invoice.Line{{Kind: invoice.LineCredit, Description: "unused days: " + a.reason, Period: span,
		Quantity: 1, UnitPrice: credit.Neg(), Amount: credit.Neg()}}
	if a.to.IsZero() {
		return out, nil
	}
	charge, err := tailAt(a.to, a.period, a.on)
	if err != nil {
		return nil, err
	}
	return append(out, invoice.Line{Kind: invoice.LineProration, Description: "days left: " + a.reason,
		Period: period.Period{Start: a.on, End: a.period.End}, Quantity: 1, UnitPrice: charge, Amount: charge}), nil
}

// document returns the document a issues on its date: an invoice when its
// lines charge, a credit note crediting the period's invoice when they
// give money back.
func (a adjustment) document(t *terms) (invoice.Invoice, error) {
	lines, err := a.lines()
	if err != nil {
		return invoice.Invoice{}, err
	}
	p := lines[0].Period
	for _, l := range lines[1:] {
		p = period.Period{Start: min(p.Start, l.Period.Start), End: max(p.End, l.Period.End)}
	}
	c := a.from.Currency()
	doc, err := invoice.NewDocument(invoice.KindInvoice, a.on, p, nil, c, t.buyer, t.beneficiary, lines)
	if err == nil {
		return doc, nil
	}
	ref := a.inv.Ref()
	return invoice.NewDocument(invoice.KindCreditNote, a.on, p, &ref, c, t.buyer, t.beneficiary, lines)
}

// billing is what the period invoiced in advance that holds a day was
// billed: its invoice, the whole-period amount of the terms in effect, the
// days already credited at them and the total charged so far.
type billing struct {
	period   period.Period
	inv      invoice.Invoice
	terms    invoice.Money
	credited []period.Period
	charged  invoice.Money
}

// billedAt returns what the period that holds d was billed by the events
// of date on, and false when no invoice in advance was issued for it by
// then (free, paused, in arrears, before the first period, credited in
// full, or starting on or after on: the events of a day come before its
// invoices).
func (m *model) billedAt(d, on date.Date) (billing, bool) {
	if m.cur.plan.billing() != InAdvance || d < m.cur.from {
		return billing{}, false
	}
	p, _, ok := m.cur.sched.PeriodOf(d)
	if !ok || p.Start >= on {
		return billing{}, false
	}
	invs, err := m.issued(p.Start, p.Start+1)
	if err != nil {
		return billing{}, false
	}
	i := slices.IndexFunc(invs, func(inv invoice.Invoice) bool { return inv.Kind == invoice.KindInvoice && inv.Period == p })
	if i < 0 {
		return billing{}, false
	}
	b := billing{period: p, inv: invs[i], terms: invoice.Zero(invs[i].Currency)}
	for _, l := range b.inv.Lines {
		if l.Kind != invoice.LineFee { // a fee is for the event, not the days
			if b.terms, err = b.terms.Add(l.Amount); err != nil {
				return billing{}, false
			}
		}
	}
	b.charged = b.terms
	for _, a := range m.adjusts.all() {
		if a.period != p || !a.inv.Equal(b.inv) {
			continue
		}
		if a.all != nil {
			return billing{}, false // credited in full
		}
		lines, err := a.lines()
		if err != nil {
			return billing{}, false
		}
		for _, l := range lines {
			if b.charged, err = b.charged.Add(l.Amount); err != nil {
				return billing{}, false
			}
		}
		b.credited = append(b.credited, a.days...)
		if !a.to.IsZero() {
			// New terms from a.on: their days are all still to credit.
			b.terms, b.credited = a.to, nil
		}
	}
	return b, true
}

// uncredited returns the days of r that b has not credited yet, in order.
func (b billing) uncredited(r period.Period) []period.Period {
	out := []period.Period{r}
	for _, c := range b.credited {
		var next []period.Period
		for _, o := range out {
			if !o.Overlaps(c) {
				next = append(next, o)
				continue
			}
			if o.Start < c.Start {
				next = append(next, period.Period{Start: o.Start, End: c.Start})
			}
			if c.End < o.End {
				next = append(next, period.Period{Start: c.End, End: o.End})
			}
		}
		out = next
	}
	return out
}

// wholeAmount returns what plan p charges for the whole period per at the
// number of a renewal, discounts for the first periods left out: they
// begin with the plan's first whole period.
func wholeAmount(p *Plan, per period.Period, t *terms) (invoice.Money, error) {
	price := p.Price
	price.Discounts = slices.DeleteFunc(slices.Clone(price.Discounts), func(d invoice.Discount) bool { return d.Periods > 0 })
	inv, err := invoice.Build(invoice.Spec{Price: price, Period: per, IssueDate: per.Start, Buyer: t.buyer, Beneficiary: t.beneficiary})
	if err != nil {
		return invoice.Money{}, err
	}
	return inv.Total, nil
}

// changeNow applies a change of plan to p on date on, caused by the event
// at log index idx and billed as pol says.
func (m *model) changeNow(on date.Date, p *Plan, pol ProrationPolicy, idx int, what string) error {
	if m.status == Suspended {
		return fmt.Errorf("%w: %s on %s while suspended; change the plan at renewal", ErrInvalidTransition, what, on)
	}
	if err := checkCurrency(p, m.t); err != nil {
		return err
	}
	b, billed := m.billedAt(on, on)
	if billed && pol != NoProration {
		a := adjustment{on: on, period: b.period, inv: b.inv, from: b.terms, policy: pol, cause: idx, reason: p.label(),
			days: b.uncredited(period.Period{Start: on, End: b.period.End})}
		if p.Every == m.cur.plan.Every {
			to, err := wholeAmount(p, b.period, m.t)
			if err != nil {
				return err
			}
			a.to = to
		}
		m.adjusts = m.adjusts.push(a)
	}
	m.pend.change = nil
	if billed && p.Every == m.cur.plan.Every {
		// The new terms bill the periods from the next renewal on; the
		// adjustment bills the days left of this one.
		m.pend.change, m.pend.changeAt, m.pend.changeCause, m.pend.now = p, b.period.End, idx, true
		return m.checkChange()
	}
	// Another recurrence starts a schedule on the change date, and a
	// change with no invoice to adjust (on a renewal day, before the first
	// period, in arrears) starts the new terms at once.
	m.newRun(max(on, m.cur.from), p, false, idx)
	return m.checkWholePauses(on, what)
}

// credit gives back the days r of the period invoiced in advance that
// holds r.Start, or everything it was billed when full, decided on date
// on.
func (m *model) credit(on date.Date, r period.Period, full bool, idx int, why string) {
	b, billed := m.billedAt(r.Start, on)
	if !billed {
		return
	}
	a := adjustment{on: on, period: b.period, inv: b.inv, from: b.terms, policy: NoProration, cause: idx, reason: why}
	if full {
		all := b.charged
		a.all = &all
	} else if r, ok := r.Intersect(b.period); ok {
		a.days = b.uncredited(r)
	}
	if a.all != nil || len(a.days) > 0 {
		m.adjusts = m.adjusts.push(a)
	}
}

// planNow returns the plan in effect on the fold's date: the plan of a
// change now that the next renewal will start, or the run's.
func (m *model) planNow() *Plan {
	if m.pend.change != nil && m.pend.now {
		return m.pend.change
	}
	return m.cur.plan
}

// withQuantity returns a copy of p with the quantity in use of its
// Limitation feature named name set to q.
func (p *Plan) withQuantity(name string, q int64) (*Plan, error) {
	c := p.clone()
	i := slices.IndexFunc(c.Price.Features, func(f invoice.Feature) bool { return f.Name == name && f.Kind == invoice.Limitation })
	if i < 0 {
		return nil, fmt.Errorf("no limitation feature %q in the plan", name)
	}
	c.Price.Features[i].QuantityCurrent = q
	return &c, c.Validate()
}

// creditPause gives back the days of a flexible pause decided on date on
// that lie in periods invoiced by then, when the plan's pause policy says
// so: one credit note per period.
func (m *model) creditPause(on date.Date, days period.Period, idx int, reason string) {
	if !m.cur.plan.Pauses.CreditPausedDays {
		return
	}
	for d := max(days.Start, m.cur.from); d < days.End; {
		p, _, ok := m.cur.sched.PeriodOf(d)
		if !ok {
			return
		}
		if r, ok := p.Intersect(days); ok {
			m.credit(on, r, false, idx, "pause: "+reason)
		}
		d = p.End
	}
}

// checkCurrency returns an error wrapping ErrInvalidPlan when plan p is
// not in the currency of the subscription.
func checkCurrency(p *Plan, t *terms) error {
	if c := t.plan.Price.Currency(); p.Price.Currency() != c {
		return fmt.Errorf("%w: a plan in %s for a subscription in %s: %w", ErrInvalidPlan, p.Price.Currency(), c, invoice.ErrCurrencyMismatch)
	}
	return nil
}

// label returns the plan's name, or its recurrence and price.
func (p *Plan) label() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Every.String() + " at " + p.Price.Recurring.String()
}
