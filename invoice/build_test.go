package invoice_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/period"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

type wantLine struct {
	kind   invoice.LineKind
	qty    int64
	amount invoice.Money
}

// tiers10_20 price units beyond the included ones: 1–10 at 1.00, 11–20 at
// 0.80 with a 2.00 flat fee, beyond at 0.50.
func tiers10_20() []invoice.Tier {
	return []invoice.Tier{
		{UpTo: 10, UnitPrice: eur("1.00")},
		{UpTo: 20, UnitPrice: eur("0.80"), Flat: ptr(eur("2.00"))},
		{UnitPrice: eur("0.50")},
	}
}

func users(included, used int64, unit string) invoice.Feature {
	return invoice.Feature{Name: "Users", Kind: invoice.Limitation, QuantityIncluded: included, QuantityCurrent: used, UnitPrice: ptr(eur(unit))}
}

func tiered(mode invoice.TierMode, included, used int64) invoice.Feature {
	return invoice.Feature{Name: "Seats", Kind: invoice.Limitation, QuantityIncluded: included, QuantityCurrent: used, Tiers: tiers10_20(), TierMode: mode}
}

func TestBuild(t *testing.T) {
	jpy := func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.JPY) }
	kwd := func(s string) invoice.Money { return invoice.MustParseMoney(s, invoice.KWD) }
	twenty := invoice.Discount{Name: "Welcome", Kind: invoice.Percent, Percent: decimal.NewFromInt(20), Periods: 3}
	welcome := invoice.Price{Recurring: eur("29.90"), Discounts: []invoice.Discount{twenty}}

	cases := []struct {
		name  string
		spec  invoice.Spec
		lines []wantLine
		total invoice.Money
	}{
		{
			name: "limitation 2 users beyond 0 at 5.00 (ProAbono seed)",
			spec: invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Features: []invoice.Feature{
				{Name: "Mypulse Access", Kind: invoice.OnOff, Included: true},
				users(0, 2, "5.00"),
			}}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("10.00")}, {invoice.LineFeature, 2, eur("10.00")}},
			total: eur("20.00"),
		},
		{
			name:  "limitation within the included quantity costs nothing",
			spec:  invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Features: []invoice.Feature{users(5, 5, "5.00")}}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("10.00")}},
			total: eur("10.00"),
		},
		{
			name: "on/off with a flat price, included and not",
			spec: invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Features: []invoice.Feature{
				{Name: "Sauna", Kind: invoice.OnOff, Included: true, Flat: ptr(eur("4.50"))},
				{Name: "Pool", Kind: invoice.OnOff, Included: false, Flat: ptr(eur("7.00"))},
			}}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("10.00")}, {invoice.LineFeature, 1, eur("4.50")}},
			total: eur("14.50"),
		},
		{
			// 25 beyond 5 included: 10 × 1.00 + 10 × 0.80 + 2.00 + 5 × 0.50 = 22.50
			name:  "graduated tiers",
			spec:  invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Features: []invoice.Feature{tiered(invoice.Graduated, 5, 30)}}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("10.00")}, {invoice.LineFeature, 25, eur("22.50")}},
			total: eur("32.50"),
		},
		{
			name:  "graduated tiers, first tier only",
			spec:  invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Features: []invoice.Feature{tiered(invoice.Graduated, 0, 10)}}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("10.00")}, {invoice.LineFeature, 10, eur("10.00")}},
			total: eur("20.00"),
		},
		{
			// 15 beyond: all at the second tier, 15 × 0.80 + 2.00 = 14.00
			name:  "volume tiers",
			spec:  invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Features: []invoice.Feature{tiered(invoice.Volume, 5, 20)}}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("10.00")}, {invoice.LineFeature, 15, eur("14.00")}},
			total: eur("24.00"),
		},
		{
			// 25 beyond: all at the last tier, 25 × 0.50 = 12.50
			name:  "volume tiers, unbounded tier",
			spec:  invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Features: []invoice.Feature{tiered(invoice.Volume, 5, 30)}}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("10.00")}, {invoice.LineFeature, 25, eur("12.50")}},
			total: eur("22.50"),
		},
		{
			name:  "20% for 3 periods: period 0",
			spec:  invoice.Spec{Price: welcome, Period: oct21, Number: 0},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("29.90")}, {invoice.LineDiscount, 1, eur("-5.98")}},
			total: eur("23.92"),
		},
		{
			name:  "20% for 3 periods: period 2",
			spec:  invoice.Spec{Price: welcome, Period: oct21, Number: 2},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("29.90")}, {invoice.LineDiscount, 1, eur("-5.98")}},
			total: eur("23.92"),
		},
		{
			name:  "20% for 3 periods: period 3 is not discounted",
			spec:  invoice.Spec{Price: welcome, Period: oct21, Number: 3},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("29.90")}},
			total: eur("29.90"),
		},
		{
			name: "fixed discount larger than the subtotal",
			spec: invoice.Spec{Price: invoice.Price{Recurring: eur("20.00"), Discounts: []invoice.Discount{
				{Name: "Voucher", Kind: invoice.Fixed, Amount: eur("50.00")},
				{Name: "Loyalty", Kind: invoice.Percent, Percent: decimal.NewFromInt(10)},
			}}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("20.00")}, {invoice.LineDiscount, 1, eur("-20.00")}},
			total: eur("0.00"),
		},
		{
			name: "discounts are taken off the subtotal, not compounded",
			spec: invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Discounts: []invoice.Discount{
				{Name: "A", Kind: invoice.Percent, Percent: decimal.NewFromInt(50)},
				{Name: "B", Kind: invoice.Percent, Percent: decimal.RequireFromString("12.5")},
			}}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("10.00")}, {invoice.LineDiscount, 1, eur("-5.00")}, {invoice.LineDiscount, 1, eur("-1.25")}},
			total: eur("3.75"),
		},
		{
			// 10% of 1999 is 199.9, rounded to 200
			name: "JPY has no minor digits",
			spec: invoice.Spec{Price: invoice.Price{
				Recurring: jpy("1000"),
				Features:  []invoice.Feature{{Name: "Users", Kind: invoice.Limitation, QuantityCurrent: 3, UnitPrice: ptr(jpy("333"))}},
				Discounts: []invoice.Discount{{Kind: invoice.Percent, Percent: decimal.NewFromInt(10)}},
			}, Period: oct21},
			lines: []wantLine{{invoice.LineRecurring, 1, jpy("1000")}, {invoice.LineFeature, 3, jpy("999")}, {invoice.LineDiscount, 1, jpy("-200")}},
			total: jpy("1799"),
		},
		{
			// 1.250 × 1/3 = 0.41666… → 0.417; 0.125 × 3 × 1/3 = 0.125
			name: "KWD has three minor digits",
			spec: invoice.Spec{Price: invoice.Price{
				Recurring: kwd("1.250"),
				Features:  []invoice.Feature{{Name: "Users", Kind: invoice.Limitation, QuantityCurrent: 3, UnitPrice: ptr(kwd("0.125"))}},
			}, Period: oct21, Proration: &period.Fraction{Num: 1, Den: 3}},
			lines: []wantLine{{invoice.LineProration, 1, kwd("0.417")}, {invoice.LineFeature, 3, kwd("0.125")}},
			total: kwd("0.542"),
		},
		{
			// the worked table of doc.go: 10.00 × 5/28 = 1.7857… → 1.79 twice,
			// 20% of 3.58 = 0.716 → 0.72
			name: "proration of features and discount",
			spec: invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Features: []invoice.Feature{users(0, 2, "5.00")},
				Discounts: []invoice.Discount{twenty}}, Period: feb25, Proration: &period.Fraction{Num: 5, Den: 28}},
			lines: []wantLine{{invoice.LineProration, 1, eur("1.79")}, {invoice.LineFeature, 2, eur("1.79")}, {invoice.LineDiscount, 1, eur("-0.72")}},
			total: eur("2.86"),
		},
		{
			// 30.00 × 5/28 = 5.357… → 5.36
			name:  "proration 5/28 of 30.00",
			spec:  invoice.Spec{Price: invoice.Price{Recurring: eur("30.00")}, Period: feb25, Proration: &period.Fraction{Num: 5, Den: 28}},
			lines: []wantLine{{invoice.LineProration, 1, eur("5.36")}},
			total: eur("5.36"),
		},
		{
			name:  "a whole proration is no proration",
			spec:  invoice.Spec{Price: invoice.Price{Recurring: eur("30.00")}, Period: feb25, Kind: invoice.LineRenewal, Proration: &period.Fraction{Num: 28, Den: 28}},
			lines: []wantLine{{invoice.LineRenewal, 1, eur("30.00")}},
			total: eur("30.00"),
		},
		{
			name:  "extension",
			spec:  invoice.Spec{Price: invoice.Price{Recurring: eur("30.00")}, Period: feb25, Kind: invoice.LineExtension},
			lines: []wantLine{{invoice.LineExtension, 1, eur("30.00")}},
			total: eur("30.00"),
		},
		{
			name: "override to 0.00 with a reason",
			spec: invoice.Spec{Price: invoice.Price{Recurring: eur("30.00"), Features: []invoice.Feature{users(0, 2, "5.00")}},
				Period: feb25, Override: &invoice.Override{Amount: eur("0.00"), Reason: "paused most of the period"}},
			lines: []wantLine{{invoice.LineOverride, 1, eur("0.00")}},
			total: eur("0.00"),
		},
		{
			name: "a fee after the discount is not discounted",
			spec: invoice.Spec{Price: invoice.Price{Recurring: eur("10.00"), Discounts: []invoice.Discount{{Kind: invoice.Fixed, Amount: eur("15.00")}}},
				Period: oct21, Fees: []invoice.Line{{Description: "Freeze fee", Amount: eur("3.00")}}},
			lines: []wantLine{{invoice.LineRecurring, 1, eur("10.00")}, {invoice.LineDiscount, 1, eur("-10.00")}, {invoice.LineFee, 1, eur("3.00")}},
			total: eur("3.00"),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := invoice.Build(tc.spec)
			require.NoError(t, err)
			if len(inv.Lines) != len(tc.lines) {
				t.Fatalf("Build gave %d lines %v; want %d", len(inv.Lines), inv.Lines, len(tc.lines))
			}
			for i, w := range tc.lines {
				l := inv.Lines[i]
				if l.Kind != w.kind || l.Quantity != w.qty || l.Amount != w.amount {
					t.Errorf("line %d = %s × %d = %s; want %s × %d = %s", i, l.Kind, l.Quantity, l.Amount, w.kind, w.qty, w.amount)
				}
				if l.Period != tc.spec.Period {
					t.Errorf("line %d period %s; want %s", i, l.Period, tc.spec.Period)
				}
			}
			if inv.Total != tc.total {
				t.Errorf("Total = %s; want %s", inv.Total, tc.total)
			}
			if sum, _ := inv.Subtotal.Add(inv.Discount); sum != inv.Total {
				t.Errorf("Subtotal %s + Discount %s != Total %s", inv.Subtotal, inv.Discount, inv.Total)
			}
			require.NoError(t, inv.Validate())
		})
	}
}

func TestBuildKeepsBuyerAndBeneficiary(t *testing.T) {
	inv, err := invoice.Build(invoice.Spec{
		Price: invoice.Price{Recurring: eur("10.00")}, Period: oct21, IssueDate: oct1,
		Buyer: "company-42", Beneficiary: "employee-7",
	})
	require.NoError(t, err)
	if inv.Buyer != "company-42" || inv.Beneficiary != "employee-7" {
		t.Fatalf("buyer %q, beneficiary %q; want company-42, employee-7", inv.Buyer, inv.Beneficiary)
	}
	b, err := json.Marshal(inv)
	require.NoError(t, err)
	for _, field := range []string{`"buyer":"company-42"`, `"beneficiary":"employee-7"`, `"issue_date":"2021-10-01"`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("JSON %s lacks %s", b, field)
		}
	}
	var back invoice.Invoice
	require.NoError(t, json.Unmarshal(b, &back))
	if !back.Equal(inv) {
		t.Errorf("decoded %+v; want %+v", back, inv)
	}
	if !inv.IsIssued(oct1) || inv.IsIssued(oct1-1) {
		t.Errorf("IsIssued around the issue date %s is wrong", oct1)
	}
}

func TestBuildErrors(t *testing.T) {
	usd := invoice.MustParseMoney("1.00", invoice.USD)
	base := func(mod func(*invoice.Spec)) invoice.Spec {
		s := invoice.Spec{Price: invoice.Price{Recurring: eur("10.00")}, Period: oct21}
		mod(&s)
		return s
	}
	withFeature := func(f invoice.Feature) invoice.Spec {
		return base(func(s *invoice.Spec) { s.Price.Features = []invoice.Feature{f} })
	}
	withTiers := func(mode invoice.TierMode, tiers ...invoice.Tier) invoice.Spec {
		return withFeature(invoice.Feature{Name: "Seats", Kind: invoice.Limitation, QuantityCurrent: 3, Tiers: tiers, TierMode: mode})
	}
	withDiscount := func(d invoice.Discount) invoice.Spec {
		return base(func(s *invoice.Spec) { s.Price.Discounts = []invoice.Discount{d} })
	}
	cases := []struct {
		name string
		spec invoice.Spec
		want error
		msg  string // a value the message must carry
	}{
		{"negative quantity current", withFeature(users(0, -3, "5.00")), invoice.ErrInvalidQuantity, "-3"},
		{"negative quantity included", withFeature(users(-2, 3, "5.00")), invoice.ErrInvalidQuantity, "-2"},
		{"quantity beyond MaxQuantity", withFeature(users(0, invoice.MaxQuantity+1, "5.00")), invoice.ErrInvalidQuantity, "1000000000000001"},
		{"quantity × unit price overflows", withFeature(users(0, invoice.MaxQuantity, "5.00")), invoice.ErrOutOfRange, "Users"},
		{"unit price in another currency", withFeature(invoice.Feature{Name: "Users", Kind: invoice.Limitation, UnitPrice: &usd}), invoice.ErrCurrencyMismatch, "USD"},
		{"flat in another currency", withFeature(invoice.Feature{Name: "Sauna", Kind: invoice.OnOff, Included: true, Flat: &usd}), invoice.ErrCurrencyMismatch, "USD"},
		{"fixed discount in another currency", withDiscount(invoice.Discount{Kind: invoice.Fixed, Amount: usd}), invoice.ErrCurrencyMismatch, "USD"},
		{"recurring price without a currency", base(func(s *invoice.Spec) { s.Price.Recurring = invoice.Money{} }), invoice.ErrUnknownCurrency, "currency"},
		{"negative recurring price", base(func(s *invoice.Spec) { s.Price.Recurring = eur("-1.00") }), invoice.ErrInvalidAmount, "-1"},
		{"issue date out of bounds", base(func(s *invoice.Spec) { s.IssueDate = period.MaxDate + 1 }), period.ErrInvalidDate, "10000"},
		{"period past 9999-12-31", base(func(s *invoice.Spec) { s.Period = period.Period{Start: period.MaxDate, End: period.MaxDate + 31} }), period.ErrInvalidDate, "10000"},
		{"fee outside the period", base(func(s *invoice.Spec) {
			s.Fees = []invoice.Line{{Description: "Freeze", Amount: eur("1.00"), Period: period.Period{Start: oct1 - 1, End: oct1}}}
		}), invoice.ErrInvalidSpec, "Freeze"},
		{"fee of quantity -1", base(func(s *invoice.Spec) {
			s.Fees = []invoice.Line{{Description: "Freeze", Amount: eur("1.00"), Quantity: -1}}
		}), invoice.ErrInvalidQuantity, "Freeze"},
		{"tiers not increasing", withTiers(invoice.Graduated, invoice.Tier{UpTo: 10, UnitPrice: eur("1.00")}, invoice.Tier{UpTo: 10, UnitPrice: eur("1.00")}, invoice.Tier{UnitPrice: eur("1.00")}), invoice.ErrInvalidTiers, "10"},
		{"last tier bounded", withTiers(invoice.Volume, invoice.Tier{UpTo: 10, UnitPrice: eur("1.00")}), invoice.ErrInvalidTiers, "10"},
		{"unbounded tier before the last", withTiers(invoice.Volume, invoice.Tier{UnitPrice: eur("1.00")}, invoice.Tier{UnitPrice: eur("1.00")}), invoice.ErrInvalidTiers, "tier 0"},
		{"tiers without a mode", withTiers(0, invoice.Tier{UnitPrice: eur("1.00")}), invoice.ErrInvalidTiers, "mode"},
		{"unit price and tiers", withFeature(invoice.Feature{Kind: invoice.Limitation, UnitPrice: ptr(eur("1.00")), Tiers: tiers10_20(), TierMode: invoice.Volume}), invoice.ErrInvalidFeature, "tiers"},
		{"no feature kind", withFeature(invoice.Feature{Name: "Users"}), invoice.ErrInvalidKind, "Users"},
		{"zero percent", withDiscount(invoice.Discount{Kind: invoice.Percent}), invoice.ErrInvalidDiscount, "0%"},
		{"101 percent", withDiscount(invoice.Discount{Kind: invoice.Percent, Percent: decimal.NewFromInt(101)}), invoice.ErrInvalidDiscount, "101"},
		{"percent with too many digits", withDiscount(invoice.Discount{Kind: invoice.Percent, Percent: decimal.New(1, -17)}), invoice.ErrInvalidPercent, "0.00000000000000001"},
		{"periods beyond the bound", withDiscount(invoice.Discount{Kind: invoice.Percent, Percent: decimal.NewFromInt(5), Periods: invoice.MaxDiscountPeriods + 1}), invoice.ErrInvalidDiscount, "100001"},
		{"negative periods", withDiscount(invoice.Discount{Kind: invoice.Percent, Percent: decimal.NewFromInt(5), Periods: -1}), invoice.ErrInvalidDiscount, "-1"},
		{"empty period", base(func(s *invoice.Spec) { s.Period = period.Period{Start: oct1, End: oct1} }), period.ErrEmptyPeriod, "2021-10-01"},
		{"period ending before it starts", base(func(s *invoice.Spec) { s.Period = period.Period{Start: nov1, End: oct1} }), period.ErrInvalidRange, "2021-10-01"},
		{"override without a reason", base(func(s *invoice.Spec) { s.Override = &invoice.Override{Amount: eur("0.00"), Reason: "  "} }), invoice.ErrOverrideReason, "0.00"},
		{"negative override", base(func(s *invoice.Spec) { s.Override = &invoice.Override{Amount: eur("-1.00"), Reason: "refund"} }), invoice.ErrInvalidAmount, "-1"},
		{"proration beyond the whole", base(func(s *invoice.Spec) { s.Proration = &period.Fraction{Num: 29, Den: 28} }), invoice.ErrInvalidProration, "29/28"},
		{"proration over nothing", base(func(s *invoice.Spec) { s.Proration = &period.Fraction{} }), invoice.ErrInvalidProration, "0/0"},
		{"negative period number", base(func(s *invoice.Spec) { s.Number = -1 }), invoice.ErrInvalidSpec, "-1"},
		{"main line of a feature kind", base(func(s *invoice.Spec) { s.Kind = invoice.LineFeature }), invoice.ErrInvalidSpec, "feature"},
		{"fee in another currency", base(func(s *invoice.Spec) { s.Fees = []invoice.Line{{Description: "Freeze", Amount: usd}} }), invoice.ErrCurrencyMismatch, "Freeze"},
		{"negative fee", base(func(s *invoice.Spec) { s.Fees = []invoice.Line{{Description: "Credit", Amount: eur("-1.00")}} }), invoice.ErrInvalidInvoice, "Credit"},
		{"fee as a discount", base(func(s *invoice.Spec) { s.Fees = []invoice.Line{{Kind: invoice.LineDiscount, Amount: eur("1.00")}} }), invoice.ErrInvalidSpec, "discount"},
		{"fee as a credit", base(func(s *invoice.Spec) { s.Fees = []invoice.Line{{Kind: invoice.LineCredit, Amount: eur("-1.00")}} }), invoice.ErrInvalidSpec, "credit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := invoice.Build(tc.spec)
			require.ErrorIs(t, err, tc.want)
			require.Contains(t, err.Error(), tc.msg)
			if v := tc.spec.Price.Validate(); v != nil && !errors.Is(v, tc.want) {
				t.Errorf("Price.Validate() = %v; want nil or %v", v, tc.want)
			}
		})
	}
}
