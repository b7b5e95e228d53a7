package invoice_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"unsafe"

	"github.com/billcycle/billcycle/invoice"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
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
		{"0", invoice.EUR, "0.00 EUR"},
		{"0.05", invoice.EUR, "0.05 EUR"},
		{"-0.05", invoice.EUR, "-0.05 EUR"},
		{"007.50", invoice.EUR, "7.50 EUR"},
		{"500", invoice.JPY, "500 JPY"},
		{"1.250", invoice.KWD, "1.250 KWD"},
		{"10000000000000.00", invoice.EUR, "10000000000000.00 EUR"},
		{"-10000000000000.00", invoice.EUR, "-10000000000000.00 EUR"},
	}
	for _, tc := range good {
		m, err := invoice.ParseMoney(tc.in, tc.c)
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, m.String(), "ParseMoney(%q, %s)", tc.in, tc.c)
		back, err := invoice.ParseMoney(m.Text(), tc.c)
		require.NoError(t, err)
		require.Equal(t, m, back, "ParseMoney(Text())")
	}
	bad := []struct {
		in   string
		c    invoice.Currency
		want error
	}{
		{"29.905", invoice.EUR, invoice.ErrInvalidAmount}, {"1e3", invoice.EUR, invoice.ErrInvalidAmount},
		{"+5", invoice.EUR, invoice.ErrInvalidAmount}, {"5.", invoice.EUR, invoice.ErrInvalidAmount},
		{".5", invoice.EUR, invoice.ErrInvalidAmount}, {" 5", invoice.EUR, invoice.ErrInvalidAmount},
		{"5 ", invoice.EUR, invoice.ErrInvalidAmount}, {"", invoice.EUR, invoice.ErrInvalidAmount},
		{"-", invoice.EUR, invoice.ErrInvalidAmount}, {"--5", invoice.EUR, invoice.ErrInvalidAmount},
		{"1,000.00", invoice.EUR, invoice.ErrInvalidAmount}, {"500.5", invoice.JPY, invoice.ErrInvalidAmount},
		{"0.0001", invoice.KWD, invoice.ErrInvalidAmount}, {"NaN", invoice.EUR, invoice.ErrInvalidAmount},
		{"-0", invoice.EUR, invoice.ErrInvalidAmount}, {"-0.00", invoice.EUR, invoice.ErrInvalidAmount},
		{"10000000000000.01", invoice.EUR, invoice.ErrOutOfRange},
		{"1000000000000000000000000", invoice.EUR, invoice.ErrOutOfRange},
		{"1000000000000001", invoice.JPY, invoice.ErrOutOfRange},
	}
	for _, tc := range bad {
		_, err := invoice.ParseMoney(tc.in, tc.c)
		require.ErrorIs(t, err, tc.want, "ParseMoney(%q, %s)", tc.in, tc.c)
		require.Contains(t, err.Error(), fmt.Sprintf("%q", tc.in))
	}
	_, err := invoice.ParseMoney("5", 0)
	require.ErrorIs(t, err, invoice.ErrUnknownCurrency)
	require.Panics(t, func() { invoice.MustParseMoney("x", invoice.EUR) })
}

func TestMoneyIsSmallAndComparable(t *testing.T) {
	require.Equal(t, uintptr(16), unsafe.Sizeof(invoice.Money{}))
	require.True(t, eur("29.90") == eur("29.9"))
	require.False(t, eur("29.90") == invoice.MustParseMoney("29.90", invoice.USD))
	require.Equal(t, "29.90 EUR", fmt.Sprintf("%#v", eur("29.90")))
}

func TestFromMinorAndDecimal(t *testing.T) {
	m, err := invoice.FromMinor(2990, invoice.EUR)
	require.NoError(t, err)
	require.Equal(t, eur("29.90"), m)
	require.Equal(t, int64(2990), m.Minor())
	require.Equal(t, invoice.EUR, m.Currency())
	require.True(t, m.Decimal().Equal(decimal.RequireFromString("29.9")))
	for _, n := range []int64{invoice.MaxMinor + 1, -invoice.MaxMinor - 1, math.MaxInt64, math.MinInt64} {
		_, err := invoice.FromMinor(n, invoice.EUR)
		require.ErrorIs(t, err, invoice.ErrOutOfRange, "%d", n)
	}
	_, err = invoice.FromMinor(1, 0)
	require.ErrorIs(t, err, invoice.ErrUnknownCurrency)

	d, err := invoice.FromDecimal(decimal.RequireFromString("29.9"), invoice.EUR)
	require.NoError(t, err)
	require.Equal(t, eur("29.90"), d)
	d, err = invoice.FromDecimal(decimal.RequireFromString("1.5e2"), invoice.JPY)
	require.NoError(t, err)
	require.Equal(t, invoice.MustParseMoney("150", invoice.JPY), d)
	for in, want := range map[string]error{
		"29.905": invoice.ErrInvalidAmount, "0.5": invoice.ErrInvalidAmount, "1e18": invoice.ErrOutOfRange, "-1e16": invoice.ErrOutOfRange,
	} {
		c := invoice.EUR
		if in == "0.5" {
			c = invoice.JPY
		}
		_, err := invoice.FromDecimal(decimal.RequireFromString(in), c)
		require.ErrorIs(t, err, want, in)
	}
	_, err = invoice.FromDecimal(decimal.NewFromInt(1), 0)
	require.ErrorIs(t, err, invoice.ErrUnknownCurrency)
}

func TestParseCurrency(t *testing.T) {
	c, err := invoice.ParseCurrency("KWD")
	require.NoError(t, err)
	require.Equal(t, invoice.KWD, c)
	require.Equal(t, 3, c.Digits())
	require.Equal(t, "KWD", c.Code())
	require.Equal(t, 0, invoice.JPY.Digits())
	require.Equal(t, 2, invoice.ZAR.Digits())
	require.Equal(t, 3, invoice.TND.Digits())
	require.Equal(t, "", invoice.Currency(0).Code())
	require.Equal(t, 0, invoice.Currency(200).Digits())
	require.Equal(t, "currency(0)", invoice.Currency(0).String())
	for _, code := range []string{"XXX", "eur", "", "EURO", " EUR"} {
		_, err := invoice.ParseCurrency(code)
		require.ErrorIs(t, err, invoice.ErrUnknownCurrency, code)
	}
	var m invoice.Money
	err = json.Unmarshal([]byte(`{"amount":"1.00","currency":"XYZ"}`), &m)
	require.ErrorIs(t, err, invoice.ErrUnknownCurrency)
	_, err = invoice.Currency(0).MarshalText()
	require.ErrorIs(t, err, invoice.ErrUnknownCurrency)
}

func TestArithmetic(t *testing.T) {
	usd := invoice.MustParseMoney("1.00", invoice.USD)
	_, err := eur("1.00").Add(usd)
	require.ErrorIs(t, err, invoice.ErrCurrencyMismatch)
	_, err = eur("1.00").Sub(usd)
	require.ErrorIs(t, err, invoice.ErrCurrencyMismatch)
	_, err = eur("1.00").Cmp(usd)
	require.ErrorIs(t, err, invoice.ErrCurrencyMismatch)

	max, _ := invoice.FromMinor(invoice.MaxMinor, invoice.EUR)
	_, err = max.Add(eur("0.01"))
	require.ErrorIs(t, err, invoice.ErrOutOfRange)
	_, err = max.Neg().Sub(eur("0.01"))
	require.ErrorIs(t, err, invoice.ErrOutOfRange)
	_, err = max.Mul(2)
	require.ErrorIs(t, err, invoice.ErrOutOfRange)
	_, err = eur("1.00").Mul(math.MinInt64)
	require.ErrorIs(t, err, invoice.ErrOutOfRange)
	_, err = max.MulRatio(math.MaxInt64, 1)
	require.ErrorIs(t, err, invoice.ErrOutOfRange)
	_, err = eur("1.00").MulRatio(1, 0)
	require.ErrorIs(t, err, invoice.ErrInvalidProration)
	_, err = eur("1.00").MulRatio(-1, 2)
	require.ErrorIs(t, err, invoice.ErrInvalidProration)

	for _, tc := range []struct {
		got  func() (invoice.Money, error)
		want invoice.Money
	}{
		{func() (invoice.Money, error) { return eur("1.05").Add(eur("2.10")) }, eur("3.15")},
		{func() (invoice.Money, error) { return eur("1.05").Sub(eur("2.10")) }, eur("-1.05")},
		{func() (invoice.Money, error) { return eur("-1.05").Mul(-3) }, eur("3.15")},
		{func() (invoice.Money, error) { return eur("1.05").Mul(-3) }, eur("-3.15")},
		{func() (invoice.Money, error) { return eur("29.90").Percent(decimal.NewFromInt(20)) }, eur("5.98")},
		{func() (invoice.Money, error) { return eur("0.10").Percent(decimal.RequireFromString("12.5")) }, eur("0.01")},
		{func() (invoice.Money, error) { return eur("-0.10").Percent(decimal.RequireFromString("12.5")) }, eur("-0.01")},
		{func() (invoice.Money, error) { return eur("0.50").Percent(decimal.NewFromInt(5)) }, eur("0.03")},
		{func() (invoice.Money, error) { return eur("-0.50").Percent(decimal.NewFromInt(5)) }, eur("-0.03")},
		{func() (invoice.Money, error) { return eur("10.00").Percent(decimal.New(1, 2)) }, eur("10.00")},
		{func() (invoice.Money, error) { return eur("30.00").MulRatio(5, 28) }, eur("5.36")},
		{func() (invoice.Money, error) { return eur("10.00").MulRatio(5, 28) }, eur("1.79")},
		{func() (invoice.Money, error) { return eur("0.05").MulRatio(1, 2) }, eur("0.03")},
		{func() (invoice.Money, error) { return eur("-0.05").MulRatio(1, 2) }, eur("-0.03")},
		{func() (invoice.Money, error) { return eur("1.00").MulRatio(3, 3) }, eur("1.00")},
		{func() (invoice.Money, error) { return invoice.MustParseMoney("1", invoice.JPY).MulRatio(1, 2) }, invoice.MustParseMoney("1", invoice.JPY)},
		{func() (invoice.Money, error) { return max.MulRatio(math.MaxInt64, math.MaxInt64-1) }, max},
	} {
		got, err := tc.got()
		require.NoError(t, err)
		require.Equal(t, tc.want, got)
	}
	for _, p := range []string{"0", "-5", "100.01", "1e3", "0.00000000000000001"} {
		_, err := eur("1.00").Percent(decimal.RequireFromString(p))
		require.ErrorIs(t, err, invoice.ErrInvalidPercent, p)
	}
	for want, pair := range map[int][2]string{-1: {"1.00", "2.00"}, 0: {"2.0", "2.00"}, 1: {"-1.00", "-2.00"}} {
		got, err := eur(pair[0]).Cmp(eur(pair[1]))
		require.NoError(t, err)
		require.Equal(t, want, got, "%v", pair)
	}
	require.True(t, eur("0.00").IsZero())
	require.True(t, eur("-0.01").IsNegative())
	require.False(t, eur("0.00").IsNegative())
	require.Equal(t, eur("-1.00"), eur("1.00").Neg())
}

func TestParsePercent(t *testing.T) {
	for in, want := range map[string]string{"20": "20", "12.5": "12.5", "100": "100", "0.0000000000000001": "0.0000000000000001", "033.30": "33.3"} {
		p, err := invoice.ParsePercent(in)
		require.NoError(t, err, in)
		require.True(t, p.Equal(decimal.RequireFromString(want)), "%s = %s", in, p)
	}
	for _, in := range []string{"", "0", "0.0", "-5", "+5", "100.5", "1000", "1e1", " 5", "5%", "NaN", "12.", ".5", "0.00000000000000001"} {
		_, err := invoice.ParsePercent(in)
		require.ErrorIs(t, err, invoice.ErrInvalidPercent, "%q", in)
	}
}

func TestMoneyJSON(t *testing.T) {
	for _, m := range []invoice.Money{eur("29.90"), eur("-0.13"), invoice.MustParseMoney("500", invoice.JPY), invoice.MustParseMoney("1.250", invoice.KWD)} {
		b, err := json.Marshal(m)
		require.NoError(t, err)
		var back invoice.Money
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		require.Equal(t, m, back)
	}
	b, err := json.Marshal(eur("29.90"))
	require.NoError(t, err)
	require.Equal(t, `{"amount":"29.90","currency":"EUR"}`, string(b))
	_, err = json.Marshal(invoice.Money{})
	require.ErrorIs(t, err, invoice.ErrUnknownCurrency)

	var m invoice.Money
	require.NoError(t, json.Unmarshal([]byte(`null`), &m))
	require.Equal(t, invoice.Money{}, m, "null leaves it unchanged")
	err = json.Unmarshal([]byte(`{"amount":"29.905","currency":"EUR"}`), &m)
	require.ErrorIs(t, err, invoice.ErrInvalidAmount)
	require.EqualError(t, err, `invoice: field amount: invalid amount "29.905" in EUR: more than 2 minor digits`)
}

type recorder struct{ msg string }

func (r *recorder) Errorf(format string, args ...any) { r.msg = fmt.Sprintf(format, args...) }

// TestTestifyPrintsMoney checks that testify's "expected:"/"actual:" lines
// print money as "29.90 EUR", through GoString.
func TestTestifyPrintsMoney(t *testing.T) {
	var r recorder
	assert.Equal(&r, eur("29.90"), eur("29.91"))
	require.Contains(t, r.msg, "expected: 29.90 EUR")
	require.Contains(t, r.msg, "actual  : 29.91 EUR")
}
