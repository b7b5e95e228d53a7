package invoice_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/shopspring/decimal"
)

// hostileCase is one named hostile input: run feeds it to a decoder or a
// constructor, and want is the sentinel its error must match.
type hostileCase struct {
	name string
	run  func() error
	want error
}

// decodeJSON returns a case body that feeds data to *T's UnmarshalJSON
// directly, so that the package's own strictness is what is tested (not
// encoding/json's syntax check).
func decodeJSON[T any, PT interface {
	*T
	json.Unmarshaler
}](data string) func() error {
	return func() error {
		var v T
		return PT(&v).UnmarshalJSON([]byte(data))
	}
}

// runHostile runs the corpus: every case must return an error matching
// its sentinel — never nil (silent acceptance), never a panic. It logs
// the counts by outcome.
func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	var typed, panics, silent int
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			panicked := func() (p bool) {
				defer func() {
					if r := recover(); r != nil {
						p = true
						err = fmt.Errorf("panic: %v", r)
					}
				}()
				err = tc.run()
				return false
			}()
			switch {
			case panicked:
				panics++
				t.Errorf("panicked: %v", err)
			case err == nil:
				silent++
				t.Errorf("accepted silently; want an error matching %v", tc.want)
			case !errors.Is(err, tc.want):
				t.Errorf("error %q does not match %v", err, tc.want)
			default:
				typed++
			}
		})
	}
	t.Logf("hostile corpus: %d cases: %d typed errors, %d panics, %d silent acceptances", len(cases), typed, panics, silent)
}

// TestHostile is invoice's hostile-input corpus: amounts unrounded, out of
// range, in a foreign currency or in exotic notations; counts that
// overflow; JSON with unknown and duplicate keys, wrong types and null;
// invoices that break their invariants.
func TestHostile(t *testing.T) {
	var cases []hostileCase
	add := func(name string, want error, run func() error) {
		cases = append(cases, hostileCase{name: name, run: run, want: want})
	}
	money := func(s string, c invoice.Currency, want error) {
		add("ParseMoney "+s+" "+c.String(), want, func() error { _, err := invoice.ParseMoney(s, c); return err })
	}
	for _, s := range []string{"29.905", "1e3", "1E3", "+5", ".5", "5.", " 5", "5 ", "1,000.00", "1 000", "NaN", "Infinity",
		"-0", "-0.00", "0x10", "--1", "", "-", "５", "1.2.3", "1_000"} {
		money(s, invoice.EUR, invoice.ErrInvalidAmount)
	}
	money("500.5", invoice.JPY, invoice.ErrInvalidAmount)
	money("0.0001", invoice.KWD, invoice.ErrInvalidAmount)
	for _, s := range []string{"1000000000000000000", "10000000000000.01", "-10000000000000.01", "99999999999999999999999999999"} {
		money(s, invoice.EUR, invoice.ErrOutOfRange)
	}
	money("5", 0, invoice.ErrUnknownCurrency)
	money("5", 250, invoice.ErrUnknownCurrency)
	for _, code := range []string{"eur", "XXX", " EUR", "EUR ", "EURO", "", "€"} {
		add("ParseCurrency "+code, invoice.ErrUnknownCurrency, func() error { _, err := invoice.ParseCurrency(code); return err })
	}
	max := minorOf(invoice.MaxMinor, invoice.EUR)
	add("FromMinor MaxInt64", invoice.ErrOutOfRange, func() error { _, err := invoice.FromMinor(math.MaxInt64, invoice.EUR); return err })
	add("FromMinor MinInt64", invoice.ErrOutOfRange, func() error { _, err := invoice.FromMinor(math.MinInt64, invoice.EUR); return err })
	add("FromDecimal 0.125 EUR", invoice.ErrInvalidAmount, func() error {
		_, err := invoice.FromDecimal(decimal.RequireFromString("0.125"), invoice.EUR)
		return err
	})
	add("FromDecimal 1e18", invoice.ErrOutOfRange, func() error {
		_, err := invoice.FromDecimal(decimal.RequireFromString("1e18"), invoice.EUR)
		return err
	})
	add("Add overflow", invoice.ErrOutOfRange, func() error { _, err := max.Add(eur("0.01")); return err })
	add("Add foreign currency", invoice.ErrCurrencyMismatch, func() error { _, err := eur("1.00").Add(usd("1.00")); return err })
	add("Mul overflow", invoice.ErrOutOfRange, func() error { _, err := eur("0.02").Mul(invoice.MaxMinor); return err })
	add("Mul MinInt64", invoice.ErrOutOfRange, func() error { _, err := eur("1.00").Mul(math.MinInt64); return err })
	add("MulRatio den 0", invoice.ErrInvalidProration, func() error { _, err := eur("1.00").MulRatio(1, 0); return err })
	add("MulRatio MaxInt64/1", invoice.ErrOutOfRange, func() error { _, err := eur("1.00").MulRatio(math.MaxInt64, 1); return err })
	add("Cmp foreign currency", invoice.ErrCurrencyMismatch, func() error { _, err := eur("1.00").Cmp(usd("1.00")); return err })
	for _, p := range []string{"1e1", "-5", "101", "0", " 5", "NaN", "5%", "0.00000000000000001", "100.0000000000000001"} {
		add("ParsePercent "+p, invoice.ErrInvalidPercent, func() error { _, err := invoice.ParsePercent(p); return err })
	}
	add("Percent 1000", invoice.ErrInvalidPercent, func() error { _, err := eur("1.00").Percent(decimal.NewFromInt(1000)); return err })
	add("Allocate no weights", invoice.ErrInvalidWeights, func() error { _, err := invoice.Allocate(eur("1.00"), nil); return err })
	add("Allocate negative weight", invoice.ErrInvalidWeights, func() error { _, err := invoice.Allocate(eur("1.00"), []int64{1, -1}); return err })
	add("Allocate zero weights", invoice.ErrInvalidWeights, func() error { _, err := invoice.Allocate(eur("1.00"), []int64{0, 0}); return err })
	add("Allocate weights overflow", invoice.ErrInvalidWeights, func() error {
		_, err := invoice.Allocate(eur("1.00"), []int64{math.MaxInt64, math.MaxInt64})
		return err
	})
	add("Allocate zero money", invoice.ErrUnknownCurrency, func() error { _, err := invoice.Allocate(invoice.Money{}, []int64{1}); return err })
	for name, tc := range map[string]struct {
		data string
		want error
	}{
		"amount number":    {`{"amount":29.90,"currency":"EUR"}`, invoice.ErrInvalidAmount},
		"missing currency": {`{"amount":"29.90"}`, invoice.ErrInvalidAmount},
		"null amount":      {`{"amount":null,"currency":"EUR"}`, invoice.ErrInvalidAmount},
		"duplicate amount": {`{"amount":"1.00","amount":"2.00","currency":"EUR"}`, invoice.ErrInvalidAmount},
		"unknown field":    {`{"amount":"1.00","currency":"EUR","cents":100}`, invoice.ErrInvalidAmount},
		"lower-case code":  {`{"amount":"1.00","currency":"eur"}`, invoice.ErrUnknownCurrency},
		"negative zero":    {`{"amount":"-0.00","currency":"EUR"}`, invoice.ErrInvalidAmount},
		"exponent string":  {`{"amount":"1e18","currency":"EUR"}`, invoice.ErrInvalidAmount},
		"out of range":     {`{"amount":"100000000000000000","currency":"EUR"}`, invoice.ErrOutOfRange},
		"unrounded":        {`{"amount":"5.005","currency":"EUR"}`, invoice.ErrInvalidAmount},
		"trailing data":    {`{"amount":"1.00","currency":"EUR"}[]`, invoice.ErrInvalidAmount},
		"array":            {`["1.00","EUR"]`, invoice.ErrInvalidAmount},
		"bare string":      {`"29.90 EUR"`, invoice.ErrInvalidAmount},
	} {
		add("Money JSON "+name, tc.want, decodeJSON[invoice.Money](tc.data))
	}
	rec := `"recurring":{"amount":"10.00","currency":"EUR"}`
	for name, tc := range map[string]struct {
		data string
		want error
	}{
		"misspelt recurring":     {`{"recurrng":{"amount":"10.00","currency":"EUR"}}`, invoice.ErrInvalidPrice},
		"no recurring":           {`{}`, invoice.ErrInvalidPrice},
		"foreign feature price":  {`{` + rec + `,"features":[{"name":"U","kind":"limitation","quantity_current":2,"unit_price":{"amount":"5.00","currency":"USD"}}]}`, invoice.ErrCurrencyMismatch},
		"negative quantity":      {`{` + rec + `,"features":[{"name":"U","kind":"limitation","quantity_current":-1}]}`, invoice.ErrInvalidQuantity},
		"quantity 1e3":           {`{` + rec + `,"features":[{"name":"U","kind":"limitation","quantity_current":1e3}]}`, invoice.ErrInvalidFeature},
		"quantity huge":          {`{` + rec + `,"features":[{"name":"U","kind":"limitation","quantity_current":9223372036854775807}]}`, invoice.ErrInvalidQuantity},
		"quantity 2^64":          {`{` + rec + `,"features":[{"name":"U","kind":"limitation","quantity_current":18446744073709551616}]}`, invoice.ErrInvalidFeature},
		"quantity used (old)":    {`{` + rec + `,"features":[{"name":"U","kind":"limitation","quantity_used":2}]}`, invoice.ErrInvalidFeature},
		"unknown feature kind":   {`{` + rec + `,"features":[{"name":"U","kind":"OnOff"}]}`, invoice.ErrInvalidKind},
		"tiers out of order":     {`{` + rec + `,"features":[{"name":"S","kind":"limitation","tier_mode":"volume","tiers":[{"up_to":10,"unit_price":{"amount":"1.00","currency":"EUR"}},{"up_to":5,"unit_price":{"amount":"1.00","currency":"EUR"}},{"unit_price":{"amount":"1.00","currency":"EUR"}}]}]}`, invoice.ErrInvalidTiers},
		"percent exponent":       {`{` + rec + `,"discounts":[{"name":"D","kind":"percent","percent":"1e1"}]}`, invoice.ErrInvalidPercent},
		"percent number":         {`{` + rec + `,"discounts":[{"name":"D","kind":"percent","percent":20}]}`, invoice.ErrInvalidDiscount},
		"discount periods -1":    {`{` + rec + `,"discounts":[{"name":"D","kind":"percent","percent":"5","periods":-1}]}`, invoice.ErrInvalidDiscount},
		"discount periods 1e18":  {`{` + rec + `,"discounts":[{"name":"D","kind":"percent","percent":"5","periods":1000000000000000000}]}`, invoice.ErrInvalidDiscount},
		"fixed discount of zero": {`{` + rec + `,"discounts":[{"name":"D","kind":"fixed","amount":{"amount":"0.00","currency":"EUR"}}]}`, invoice.ErrInvalidDiscount},
		"negative recurring":     {`{"recurring":{"amount":"-10.00","currency":"EUR"}}`, invoice.ErrInvalidAmount},
		"duplicate features":     {`{` + rec + `,"features":[],"features":[]}`, invoice.ErrInvalidPrice},
		"null feature":           {`{` + rec + `,"features":[null]}`, invoice.ErrInvalidPrice},
	} {
		add("Price JSON "+name, tc.want, decodeJSON[invoice.Price](tc.data))
	}
	base := func(mod func(*invoice.Spec)) func() error {
		return func() error {
			s := invoice.Spec{Price: invoice.Price{Recurring: eur("10.00")}, Period: oct21, IssueDate: oct1}
			mod(&s)
			_, err := invoice.Build(s)
			return err
		}
	}
	add("Build foreign fee", invoice.ErrCurrencyMismatch, base(func(s *invoice.Spec) { s.Fees = []invoice.Line{{Amount: usd("5.00")}} }))
	add("Build foreign override", invoice.ErrCurrencyMismatch, base(func(s *invoice.Spec) { s.Override = &invoice.Override{Amount: usd("0.00"), Reason: "x"} }))
	add("Build negative override", invoice.ErrInvalidAmount, base(func(s *invoice.Spec) { s.Override = &invoice.Override{Amount: eur("-1.00"), Reason: "x"} }))
	add("Build blank reason", invoice.ErrOverrideReason, base(func(s *invoice.Spec) { s.Override = &invoice.Override{Amount: eur("0.00"), Reason: "\t"} }))
	add("Build proration 29/28", invoice.ErrInvalidProration, base(func(s *invoice.Spec) { s.Proration = &period.Fraction{Num: 29, Den: 28} }))
	add("Build proration x/0", invoice.ErrInvalidProration, base(func(s *invoice.Spec) { s.Proration = &period.Fraction{Num: 1} }))
	add("Build issue date in 10000", period.ErrInvalidDate, base(func(s *invoice.Spec) { s.IssueDate = period.MaxDate + 1 }))
	add("Build period in 10000", period.ErrInvalidDate, base(func(s *invoice.Spec) { s.Period.End = period.MaxDate + 1 }))
	add("Build number -1", invoice.ErrInvalidSpec, base(func(s *invoice.Spec) { s.Number = -1 }))
	add("Build quantity × price overflow", invoice.ErrOutOfRange, base(func(s *invoice.Spec) {
		s.Price.Features = []invoice.Feature{{Name: "U", Kind: invoice.Limitation, QuantityCurrent: invoice.MaxQuantity, UnitPrice: ptr(eur("1000.00"))}}
	}))
	add("Build sum overflow", invoice.ErrOutOfRange, base(func(s *invoice.Spec) {
		s.Price.Recurring = max
		s.Fees = []invoice.Line{{Amount: eur("0.01")}}
	}))
	inv, err := invoice.Build(invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"),
		Discounts: []invoice.Discount{{Name: "D", Kind: invoice.Fixed, Amount: eur("1.00")}}}, Period: oct21, IssueDate: oct1})
	if err != nil {
		t.Fatal(err)
	}
	good, _ := json.Marshal(inv)
	mutate := func(name string, want error, edit func(*invoice.Invoice)) {
		add("Invoice "+name, want, func() error {
			v := inv
			v.Lines = append([]invoice.Line(nil), inv.Lines...)
			edit(&v)
			return v.Validate()
		})
	}
	mutate("positive discount line", invoice.ErrInvalidInvoice, func(v *invoice.Invoice) {
		v.Lines[1].Amount = eur("1.00")
		v.Discount = eur("1.00")
		v.Total = eur("11.00")
	})
	mutate("negative recurring line", invoice.ErrInvalidInvoice, func(v *invoice.Invoice) {
		v.Lines[0].Amount = eur("-1.00")
		v.Subtotal = eur("-1.00")
		v.Total = eur("-2.00")
	})
	mutate("negative quantity", invoice.ErrInvalidQuantity, func(v *invoice.Invoice) { v.Lines[0].Quantity = -1 })
	mutate("line period outside", invoice.ErrInvalidInvoice, func(v *invoice.Invoice) { v.Lines[0].Period = period.Period{Start: oct1 - 1, End: nov1} })
	mutate("totals do not add up", invoice.ErrInvalidInvoice, func(v *invoice.Invoice) { v.Total = eur("10.00") })
	mutate("line in USD", invoice.ErrCurrencyMismatch, func(v *invoice.Invoice) { v.Lines[0].Amount = usd("10.00"); v.Lines[0].UnitPrice = usd("10.00") })
	mutate("no kind", invoice.ErrInvalidKind, func(v *invoice.Invoice) { v.Kind = 0 })
	mutate("line kind 99", invoice.ErrInvalidKind, func(v *invoice.Invoice) { v.Lines[0].Kind = 99 })
	mutate("credit note without credits", invoice.ErrInvalidInvoice, func(v *invoice.Invoice) { v.Kind = invoice.KindCreditNote })
	mutate("invoice crediting", invoice.ErrInvalidInvoice, func(v *invoice.Invoice) { r := inv.Ref(); v.Credits = &r })
	mutate("no lines", invoice.ErrInvalidInvoice, func(v *invoice.Invoice) { v.Lines = nil })
	mutate("issue date in 10000", period.ErrInvalidDate, func(v *invoice.Invoice) { v.IssueDate = period.MaxDate + 1 })
	mutate("empty period", period.ErrEmptyPeriod, func(v *invoice.Invoice) { v.Period.End = v.Period.Start })
	for name, tc := range map[string]struct {
		from, to string
		want     error
	}{
		"lenient issue date":     {`"issue_date":"2021-10-01"`, `"issue_date":"2021-02-30"`, period.ErrInvalidDate},
		"slashed issue date":     {`"issue_date":"2021-10-01"`, `"issue_date":"10/01/2021"`, period.ErrInvalidDate},
		"misspelt total":         {`"total"`, `"totl"`, invoice.ErrInvalidInvoice},
		"duplicate total":        {`"currency":"EUR"`, `"currency":"EUR","total":{"amount":"9.00","currency":"EUR"}`, invoice.ErrInvalidInvoice},
		"null lines":             {`"lines":[`, `"lines":null,"x":[`, invoice.ErrInvalidInvoice},
		"quantity as string":     {`"quantity":1`, `"quantity":"1"`, invoice.ErrInvalidInvoice},
		"quantity 1.0":           {`"quantity":1`, `"quantity":1.0`, invoice.ErrInvalidInvoice},
		"currency in lower case": {`"currency":"EUR"}`, `"currency":"eur"}`, invoice.ErrUnknownCurrency},
		"unknown document kind":  {`"kind":"invoice"`, `"kind":"bill"`, invoice.ErrInvalidKind},
	} {
		data := replaceOnce(string(good), tc.from, tc.to)
		add("Invoice JSON "+name, tc.want, decodeJSON[invoice.Invoice](data))
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(good, &doc); err != nil {
		t.Fatal(err)
	}
	for key, value := range map[string]string{"lines": "null", "currency": "null", "period": `{"start":"2021-10-01"}`, "kind": `"credit_note"`} {
		edited := maps.Clone(doc)
		edited[key] = json.RawMessage(value)
		data, _ := json.Marshal(edited)
		add("Invoice JSON "+key+" "+value, invoice.ErrInvalidInvoice, decodeJSON[invoice.Invoice](string(data)))
	}
	rest := period.Period{Start: oct1 + 15, End: nov1}
	credit := func(amount invoice.Money) []invoice.Line {
		return []invoice.Line{{Kind: invoice.LineCredit, Description: "unused", Period: rest, Quantity: 1, UnitPrice: amount.Neg(), Amount: amount}}
	}
	add("credit note beyond the invoice", invoice.ErrInvalidInvoice, func() error { _, err := invoice.NewCreditNote(inv, rest.Start, rest, credit(eur("-9.01"))); return err })
	add("credit note positive", invoice.ErrInvalidInvoice, func() error { _, err := invoice.NewCreditNote(inv, rest.Start, rest, credit(eur("1.00"))); return err })
	add("credit note before the invoice", invoice.ErrInvalidInvoice, func() error { _, err := invoice.NewCreditNote(inv, oct1-1, rest, credit(eur("-1.00"))); return err })
	add("credit note outside its period", invoice.ErrInvalidInvoice, func() error {
		_, err := invoice.NewCreditNote(inv, rest.Start, period.Period{Start: rest.Start, End: nov1 + 1}, credit(eur("-1.00")))
		return err
	})
	add("credit note in USD", invoice.ErrCurrencyMismatch, func() error { _, err := invoice.NewCreditNote(inv, rest.Start, rest, credit(usd("-1.00"))); return err })
	add("credit of a credit note", invoice.ErrInvalidInvoice, func() error {
		cn, err := invoice.NewCreditNote(inv, rest.Start, rest, credit(eur("-1.00")))
		if err != nil {
			return fmt.Errorf("setup: %w", err)
		}
		_, err = invoice.NewCreditNote(cn, rest.Start, rest, credit(eur("-1.00")))
		return err
	})
	add("Override JSON blank reason", invoice.ErrOverrideReason, decodeJSON[invoice.Override](`{"amount":{"amount":"0.00","currency":"EUR"},"reason":" "}`))
	add("Override JSON unknown field", invoice.ErrInvalidSpec, decodeJSON[invoice.Override](`{"amount":{"amount":"0.00","currency":"EUR"},"reason":"x","why":"y"}`))
	add("Line JSON positive credit", invoice.ErrInvalidInvoice, decodeJSON[invoice.Line](`{"kind":"credit","period":{"start":"2021-10-01","end":"2021-11-01"},"quantity":1,"unit_price":{"amount":"1.00","currency":"EUR"},"amount":{"amount":"1.00","currency":"EUR"}}`))
	add("Line JSON quantity 0", invoice.ErrInvalidQuantity, decodeJSON[invoice.Line](`{"kind":"fee","period":{"start":"2021-10-01","end":"2021-11-01"},"quantity":0,"unit_price":{"amount":"1.00","currency":"EUR"},"amount":{"amount":"1.00","currency":"EUR"}}`))
	runHostile(t, cases)
}

func usd(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.USD) }

func minorOf(n int64, c invoice.Currency) invoice.Money {
	m, err := invoice.FromMinor(n, c)
	if err != nil {
		panic(err)
	}
	return m
}

// replaceOnce replaces the first from in s by to, and panics if s has no
// from: a corpus case that edits nothing would test nothing.
func replaceOnce(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		panic("replaceOnce: " + from + " not in " + s)
	}
	return s[:i] + to + s[i+len(from):]
}

// TestHostileExponents checks that decimals with absurd exponents are
// refused quickly and with short messages.
func TestHostileExponents(t *testing.T) {
	for _, d := range []decimal.Decimal{decimal.New(1, 1<<30), decimal.New(1, -(1 << 30)), decimal.New(7, 2_000_000_000)} {
		_, err := invoice.FromDecimal(d, invoice.EUR)
		if err == nil || len(err.Error()) > 200 {
			t.Errorf("FromDecimal(1e%d) = %.200v", d.Exponent(), err)
		}
		if err := invoice.CheckPercent(d); err == nil || len(err.Error()) > 200 {
			t.Errorf("CheckPercent(1e%d) = %.200v", d.Exponent(), err)
		}
	}
}
