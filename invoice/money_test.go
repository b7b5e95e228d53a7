package invoice_test

import (
	"encoding/json"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func TestParseMoney(t *testing.T) {
	good := []struct {
		in   string
		c    invoice.Currency
		want string
	}{
		{"29.90", invoice.EUR, "29.90 EUR"},
		{"29.9", invoice.EUR, "29.90 EUR"},
		{"-3.5", invoice.EUR, "-3.50 EUR"},
		{"500", invoice.JPY, "500 JPY"},
		{"1.250", invoice.KWD, "1.250 KWD"},
	}
	for _, tc := range good {
		m, err := invoice.ParseMoney(tc.in, tc.c)
		require.NoError(t, err, tc.in)
		if m.String() != tc.want {
			t.Errorf("ParseMoney(%q, %s) = %s; want %s", tc.in, tc.c, m, tc.want)
		}
	}
	bad := []struct {
		in string
		c  invoice.Currency
	}{
		{"29.905", invoice.EUR}, {"1e3", invoice.EUR}, {"+5", invoice.EUR}, {"5.", invoice.EUR},
		{".5", invoice.EUR}, {" 5", invoice.EUR}, {"5 ", invoice.EUR}, {"", invoice.EUR},
		{"1,000.00", invoice.EUR}, {"500.5", invoice.JPY}, {"0.0001", invoice.KWD}, {"NaN", invoice.EUR},
	}
	for _, tc := range bad {
		_, err := invoice.ParseMoney(tc.in, tc.c)
		require.ErrorIs(t, err, invoice.ErrInvalidAmount, "ParseMoney(%q, %s)", tc.in, tc.c)
		require.Contains(t, err.Error(), tc.in)
	}
	_, err := invoice.ParseMoney("5", invoice.Currency{})
	require.ErrorIs(t, err, invoice.ErrUnknownCurrency)
}

func TestParseCurrency(t *testing.T) {
	c, err := invoice.ParseCurrency("KWD")
	require.NoError(t, err)
	if c != invoice.KWD || c.Digits() != 3 {
		t.Errorf("ParseCurrency(KWD) = %s with %d digits; want KWD with 3", c, c.Digits())
	}
	for _, code := range []string{"XXX", "eur", "", "EURO"} {
		_, err := invoice.ParseCurrency(code)
		require.ErrorIs(t, err, invoice.ErrUnknownCurrency, code)
	}
	var m invoice.Money
	err = json.Unmarshal([]byte(`{"amount":"1.00","currency":"XYZ"}`), &m)
	require.ErrorIs(t, err, invoice.ErrUnknownCurrency)
}

func TestMixedCurrencies(t *testing.T) {
	usd := invoice.MustParseMoney("1.00", invoice.USD)
	_, err := eur("1.00").Add(usd)
	require.ErrorIs(t, err, invoice.ErrCurrencyMismatch)
	_, err = eur("1.00").Sub(usd)
	require.ErrorIs(t, err, invoice.ErrCurrencyMismatch)
	_, err = eur("1.00").Cmp(usd)
	require.ErrorIs(t, err, invoice.ErrCurrencyMismatch)
	p := invoice.Price{Recurring: eur("10.00"), Features: []invoice.Feature{{Name: "Users", Kind: invoice.Limitation, QuantityUsed: 1, UnitPrice: &usd}}}
	require.ErrorIs(t, p.Validate(), invoice.ErrCurrencyMismatch)
}

func TestPercentAndMulRatio(t *testing.T) {
	cases := []struct {
		got, want invoice.Money
	}{
		{eur("29.90").Percent(decimal.NewFromInt(20)), eur("5.98")},
		{eur("0.10").Percent(decimal.RequireFromString("12.5")), eur("0.01")},   // 0.0125
		{eur("-0.10").Percent(decimal.RequireFromString("12.5")), eur("-0.01")}, // −0.0125
		{eur("0.50").Percent(decimal.NewFromInt(5)), eur("0.03")},               // 0.025, half away
		{eur("-0.50").Percent(decimal.NewFromInt(5)), eur("-0.03")},             // −0.025
		{eur("30.00").MulRatio(5, 28), eur("5.36")},                             // 5.357…
		{eur("0.05").MulRatio(1, 2), eur("0.03")},                               // 0.025
		{eur("-0.05").MulRatio(1, 2), eur("-0.03")},                             // −0.025
		{eur("1.00").MulRatio(1, 0), eur("0.00")},                               // no panic
		{invoice.MustParseMoney("1", invoice.JPY).MulRatio(1, 2), invoice.MustParseMoney("1", invoice.JPY)},
	}
	for i, tc := range cases {
		if !tc.got.Equal(tc.want) {
			t.Errorf("case %d = %s; want %s", i, tc.got, tc.want)
		}
	}
}

func TestEnumText(t *testing.T) {
	for k := invoice.LineRecurring; k <= invoice.LineFee; k++ {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back invoice.LineKind
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, k, back)
	}
	var k invoice.LineKind
	require.ErrorIs(t, k.UnmarshalText([]byte("Recurring")), invoice.ErrInvalidKind)
	_, err := invoice.LineKind(0).MarshalText()
	require.ErrorIs(t, err, invoice.ErrInvalidKind)
	require.Equal(t, "on_off", invoice.OnOff.String())
	require.Equal(t, "volume", invoice.Volume.String())
	require.Equal(t, "percent", invoice.Percent.String())
	require.Equal(t, "FeatureKind(9)", invoice.FeatureKind(9).String())
}

func TestPriceJSON(t *testing.T) {
	p := invoice.Price{
		Recurring: eur("10.00"),
		Features: []invoice.Feature{
			{Name: "Access", Kind: invoice.OnOff, Included: true, Flat: ptr(eur("1.50"))},
			tiered(invoice.Graduated, 5, 30),
		},
		Discounts: []invoice.Discount{
			{Name: "Welcome", Kind: invoice.Percent, Percent: decimal.RequireFromString("12.5"), Periods: 3},
			{Name: "Voucher", Kind: invoice.Fixed, Amount: eur("5.00")},
		},
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	require.Contains(t, string(b), `"percent":"12.5"`)
	require.Contains(t, string(b), `"tier_mode":"graduated"`)
	var back invoice.Price
	require.NoError(t, json.Unmarshal(b, &back))
	if !back.Equal(p) {
		t.Fatalf("decoded %s as %+v; want %+v", b, back, p)
	}
	require.NoError(t, back.Validate())
	var d invoice.Discount
	require.ErrorIs(t, json.Unmarshal([]byte(`{"kind":"percent","percent":"1e1"}`), &d), invoice.ErrInvalidDiscount)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"kind":"percentage"}`), &d), invoice.ErrInvalidKind)
}
