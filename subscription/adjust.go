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
	period period.Period   // the days the period's invoice bills, the base of the tails
	inv    invoice.Invoice // the invoice of that period, as issued
	// from are the lines of the terms the days were billed at, to those of
	// the new terms (none for a credit alone), and days the days it
	// credits at the one and charges at the other.
	from, to []termLine
	days     []period.Period
	// all, if not nil, is what the whole period was billed, credited in
	// full instead.
	all    *invoice.Money
	policy ProrationPolicy // NoProration for a credit alone
	cause  int
	reason string // what the lines are for
}

// termLine is one line of the terms a period is billed at: what it bills
// and its amount for the whole period, negative for a discount.
type termLine struct {
	kind   invoice.LineKind
	desc   string
	amount invoice.Money
}

// tailAt returns R(x) for a whole-period amount a over period p.
func tailAt(a invoice.Money, p period.Period, x date.Date) (invoice.Money, error) {
	if x >= p.End {
		return invoice.Zero(a.Currency()), nil
	}
	return a.MulRatio(int64(p.End-max(x, p.Start)), int64(p.Days()))
}

// over returns the amount of the days rs of period p at whole-period
// amount a: the sum of R(r.Start) − R(r.End).
func over(a invoice.Money, p period.Period, rs []period.Period) (invoice.Money, error) {
	sum := invoice.Zero(a.Currency())
	for _, r := range rs {
		head, err := tailAt(a, p, r.Start)
		if err != nil {
			return invoice.Money{}, err
		}
		rest, err := tailAt(a, p, r.End)
		if err != nil {
			return invoice.Money{}, err
		}
		part, err := head.Sub(rest)
		if err != nil {
			return invoice.Money{}, err
		}
		if sum, err = sum.Add(part); err != nil {
			return invoice.Money{}, err
		}
	}
	return sum, nil
}

// span returns the days from the first of rs to the last.
func span(rs []period.Period) period.Period {
	return period.Period{Start: rs[0].Start, End: rs[len(rs)-1].End}
}

// lines returns the lines of a: for each line of the old terms that the
// new terms do not keep, the days given back; for each line of the new
// terms that the old did not have, the days charged. A line given back
// takes money off (LineCredit), or charges when it gives back a discount
// (LineProration), and the other way round for the lines charged.
func (a adjustment) lines() ([]invoice.Line, error) {
	c := a.inv.Currency
	if a.all != nil {
		back := a.all.Neg()
		return []invoice.Line{{Kind: invoice.LineCredit, Description: "all billed: " + a.reason, Period: a.period,
			Quantity: 1, UnitPrice: back, Amount: back}}, nil
	}
	var out []invoice.Line
	add := func(desc string, m invoice.Money) {
		kind := invoice.LineProration
		if m.IsNegative() {
			kind = invoice.LineCredit
		}
		out = append(out, invoice.Line{Kind: kind, Description: desc, Period: span(a.days), Quantity: 1, UnitPrice: m, Amount: m})
	}
	for _, l := range a.from {
		if slices.Contains(a.to, l) {
			continue
		}
		m, err := over(l.amount, a.period, a.days)
		if err != nil {
			return nil, err
		}
		add("unused days: "+l.desc+" ("+a.reason+")", m.Neg())
	}
	for _, l := range a.to {
		if slices.Contains(a.from, l) {
			continue
		}
		m, err := over(l.amount, a.period, a.days)
		if err != nil {
			return nil, err
		}
		add("days left: "+l.desc+" ("+a.reason+")", m)
	}
	if len(out) == 0 {
		zero := invoice.Zero(c)
		add("no change ("+a.reason+")", zero)
	}
	return out, nil
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
	c := a.inv.Currency
	doc, err := invoice.NewDocument(invoice.KindInvoice, a.on, p, nil, c, t.buyer, t.beneficiary, lines)
	if err == nil {
		return doc, nil
	}
	ref := a.inv.Ref()
	return invoice.NewDocument(invoice.KindCreditNote, a.on, p, &ref, c, t.buyer, t.beneficiary, lines)
}

// billing is what the period invoiced in advance that holds a day was
// billed: its invoice, the lines of the terms in effect, the days given
// back already and the total charged so far.
type billing struct {
	period   period.Period
	inv      invoice.Invoice
	terms    []termLine
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
	i := slices.IndexFunc(invs, func(inv invoice.Invoice) bool { return inv.Kind == invoice.KindInvoice && inv.Period.Start == p.Start })
	if i < 0 || !invs[i].Period.Contains(d) {
		return billing{}, false
	}
	b := billing{period: invs[i].Period, inv: invs[i], terms: termsOf(invs[i]), charged: invoice.Zero(invs[i].Currency)}
	for _, l := range b.terms {
		if b.charged, err = b.charged.Add(l.amount); err != nil {
			return billing{}, false
		}
	}
	for _, a := range m.adjusts.all() {
		if a.period != b.period || !a.inv.Equal(b.inv) {
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
		if a.to != nil {
			b.terms = a.to // the days left are billed at the new terms
		} else {
			b.credited = append(b.credited, a.days...)
		}
	}
	return b, true
}

// termsOf returns the lines of the terms inv bills, fees left out: a fee
// is for an event, not for the days.
func termsOf(inv invoice.Invoice) []termLine {
	var out []termLine
	for _, l := range inv.Lines {
		if l.Kind != invoice.LineFee {
			out = append(out, termLine{kind: l.Kind, desc: l.Description, amount: l.Amount})
		}
	}
	return out
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

// wholeTerms returns the lines plan p bills for the days per, discounts
// for the first periods left out: they begin with the plan's first whole
// period.
func wholeTerms(p *Plan, per period.Period, t *terms) ([]termLine, error) {
	price := p.Price
	price.Discounts = slices.DeleteFunc(slices.Clone(price.Discounts), func(d invoice.Discount) bool { return d.Periods > 0 })
	inv, err := invoice.Build(invoice.Spec{Price: price, Period: per, IssueDate: per.Start, Buyer: t.buyer, Beneficiary: t.beneficiary})
	if err != nil {
		return nil, err
	}
	return termsOf(inv), nil
}

// changeNow applies a change of plan to p on date on, caused by the event
// at log index idx and billed as pol says; what names the command in
// errors, reason the change on the lines it bills.
func (m *model) changeNow(on date.Date, p *Plan, pol ProrationPolicy, idx int, what, reason string) error {
	if m.status == Suspended {
		return fmt.Errorf("%w: %s on %s while suspended; change the plan at renewal", ErrInvalidTransition, what, on)
	}
	if err := checkCurrency(p, m.t); err != nil {
		return err
	}
	b, billed := m.billedAt(on, on)
	if billed && pol != NoProration {
		a := adjustment{on: on, period: b.period, inv: b.inv, from: b.terms, policy: pol, cause: idx, reason: reason,
			days: b.uncredited(period.Period{Start: on, End: b.period.End})}
		if p.Every == m.cur.plan.Every {
			to, err := wholeTerms(p, b.period, m.t)
			if err != nil {
				return err
			}
			a.to = to
		}
		if len(a.days) > 0 {
			m.adjusts = m.adjusts.push(a)
		}
	}
	m.pend.change = nil
	if billed && p.Every == m.cur.plan.Every {
		// The new terms bill the periods from the next renewal on; the
		// adjustment bills the days left of this one.
		m.marks = m.marks.push(planMark{on: on, plan: p, cause: idx})
		m.pend.change, m.pend.changeAt, m.pend.changeCause = p, b.period.End, idx
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
