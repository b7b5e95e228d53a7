package jsonx_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/billcycle/billcycle/internal/civil"
	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
)

var (
	errOuter = errors.New("shop: invalid order")
	errInner = errors.New("shop: invalid item")
)

type item struct {
	Name string
	N    int
}

func (it *item) UnmarshalJSON(data []byte) error {
	var v item
	if err := jsonx.Decode(data, errInner, jsonx.String("name", &v.Name).Required(), jsonx.Int("n", &v.N)); err != nil {
		return err
	}
	*it = v
	return nil
}

func (it item) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.String("name", it.Name)
	o.Int("n", int64(it.N))
	return o.Bytes()
}

type order struct {
	On    date.Date
	Items []item
	Gift  *item
	Paid  bool
	Ids   []int
	Big   int64
	Note  string
}

func decodeOrder(data string) (order, error) {
	var v order
	err := jsonx.Decode([]byte(data), errOuter,
		jsonx.Date("on", &v.On).Required(),
		jsonx.Slice("items", &v.Items),
		jsonx.Ptr("gift", &v.Gift),
		jsonx.Bool("paid", &v.Paid),
		jsonx.Ints("ids", &v.Ids),
		jsonx.Int64("big", &v.Big),
		jsonx.String("note", &v.Note),
	)
	return v, err
}

func TestDecode(t *testing.T) {
	v, err := decodeOrder(` {"on":"2024-02-29","items":[{"name":"a","n":2}],"gift":{"name":"g"},"paid":true,"ids":[1,-2],"big":-9223372036854775808,"note":"\u00e9\n"} `)
	require.NoError(t, err)
	require.Equal(t, order{
		On: date.New(2024, time.February, 29), Items: []item{{"a", 2}}, Gift: &item{Name: "g"},
		Paid: true, Ids: []int{1, -2}, Big: -1 << 63, Note: "é\n",
	}, v)

	v, err = decodeOrder(`{"on":"2024-02-29","items":[],"gift":null,"note":null,"ids":[]}`)
	require.NoError(t, err)
	require.Equal(t, order{On: date.New(2024, time.February, 29)}, v, "null and [] are absent")
}

func TestDecodeRefuses(t *testing.T) {
	tests := []struct {
		name, in, msg string
		is            error
	}{
		{"not an object", `[1]`, "shop: invalid order: want a JSON object, got an array", nil},
		{"string", `"x"`, `shop: invalid order: want a JSON object, got a string`, nil},
		{"empty", ``, "shop: invalid order: want a JSON object, got nothing", nil},
		{"unknown", `{"on":"2024-01-01","onn":1}`, "shop: field onn: invalid order: unknown field", nil},
		{"case", `{"On":"2024-01-01"}`, "shop: field On: invalid order: unknown field", nil},
		{"duplicate", `{"on":"2024-01-01","on":"2024-01-02"}`, "shop: field on: invalid order: duplicate key", nil},
		{"duplicate null", `{"on":"2024-01-01","note":null,"note":"x"}`, "shop: field note: invalid order: duplicate key", nil},
		{"missing", `{}`, "shop: field on: invalid order: missing", nil},
		{"null required", `{"on":null}`, "shop: field on: invalid order: missing", nil},
		{"trailing", `{"on":"2024-01-01"} {}`, "shop: invalid order: data after the object", nil},
		{"trailing garbage", `{"on":"2024-01-01"}x`, "shop: invalid order: data after the object", nil},
		{"bad date", `{"on":"2021-02-30"}`, `period: field on: invalid date "2021-02-30": day 30 is not in 2021-02`, civil.ErrInvalidDate},
		{"date number", `{"on":20210101}`, "shop: field on: invalid order: want a string, got \"20210101\"", nil},
		{"bool", `{"on":"2024-01-01","paid":"yes"}`, "shop: field paid: invalid order: want true or false, got a string", nil},
		{"int fraction", `{"on":"2024-01-01","big":1.0}`, `shop: field big: invalid order: want an integer, got "1.0"`, nil},
		{"int exponent", `{"on":"2024-01-01","big":1e3}`, `shop: field big: invalid order: want an integer, got "1e3"`, nil},
		{"negative zero", `{"on":"2024-01-01","big":-0}`, `shop: field big: invalid order: want an integer, got "-0"`, nil},
		{"int string", `{"on":"2024-01-01","big":"1"}`, `shop: field big: invalid order: want an integer, got a string`, nil},
		{"int huge", `{"on":"2024-01-01","big":9223372036854775808}`, `shop: field big: invalid order: integer 9223372036854775808 is out of the range of int64`, nil},
		{"ints elem", `{"on":"2024-01-01","ids":[1,"2"]}`, `shop: field ids[1]: invalid order: want an integer, got a string`, nil},
		{"ints not array", `{"on":"2024-01-01","ids":1}`, `shop: field ids: invalid order: want an array, got "1"`, nil},
		{"null element", `{"on":"2024-01-01","items":[null]}`, `shop: field items[0]: invalid order: null element`, nil},
		{"nested unknown", `{"on":"2024-01-01","items":[{"name":"a"},{"name":"b","m":1}]}`, `shop: field items[1].m: invalid item: unknown field`, errInner},
		{"nested missing", `{"on":"2024-01-01","gift":{}}`, `shop: field gift.name: invalid item: missing`, errInner},
		{"nested type", `{"on":"2024-01-01","gift":{"name":1}}`, `shop: field gift.name: invalid item: want a string, got "1"`, errInner},
		{"malformed", `{"on":"2024-01-01",}`, "", nil},
		{"malformed value", `{"on":tru}`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeOrder(tt.in)
			require.ErrorIs(t, err, errOuter)
			if tt.is != nil {
				require.ErrorIs(t, err, tt.is)
			}
			if tt.msg != "" {
				require.EqualError(t, err, tt.msg)
			}
			var e *jsonx.Error
			require.ErrorAs(t, err, &e)
		})
	}
}

func TestIsNull(t *testing.T) {
	require.True(t, jsonx.IsNull([]byte(" null\n")))
	require.False(t, jsonx.IsNull([]byte(`"null"`)))
}

func TestAt(t *testing.T) {
	err := jsonx.At("amount", errOuter, errInner)
	require.EqualError(t, err, "shop: field amount: invalid item")
	require.ErrorIs(t, err, errOuter)
	require.ErrorIs(t, err, errInner)
	err = jsonx.At("x", errOuter, errors.New("no prefix here"))
	require.EqualError(t, err, "field x: no prefix here")
	err = jsonx.At("p", errInner, jsonx.At("q", errOuter, errOuter))
	require.EqualError(t, err, "shop: field p.q: invalid order")
}

func TestObject(t *testing.T) {
	var o jsonx.Object
	o.String("s", "a\"b\\c\x01é")
	o.Int("n", -5)
	o.Bool("b", true)
	o.Date("d", civil.MaxDate)
	o.Value("items", []item{{"x", 1}})
	o.Text("t", civilText{})
	b, err := o.Bytes()
	require.NoError(t, err)
	require.Equal(t, `{"s":"a\"b\\c\u0001é","n":-5,"b":true,"d":"9999-12-31","items":[{"name":"x","n":1}],"t":"ok"}`, string(b))

	var empty jsonx.Object
	b, err = empty.Bytes()
	require.NoError(t, err)
	require.Equal(t, "{}", string(b))

	var bad jsonx.Object
	bad.Date("d", civil.MaxDate+1)
	bad.String("s", "never written")
	_, err = bad.Bytes()
	require.ErrorIs(t, err, civil.ErrInvalidDate)
	require.ErrorContains(t, err, "field d")

	var inv jsonx.Object
	inv.String("s", "\xff")
	b, err = inv.Bytes()
	require.NoError(t, err)
	require.Equal(t, `{"s":"\ufffd"}`, string(b))

	var failing jsonx.Object
	failing.Value("v", failer{})
	_, err = failing.Bytes()
	require.ErrorIs(t, err, errInner)
	var text jsonx.Object
	text.Text("t", failer{})
	_, err = text.Bytes()
	require.ErrorIs(t, err, errInner)
}

type civilText struct{}

func (civilText) MarshalText() ([]byte, error) { return []byte("ok"), nil }

type failer struct{}

func (failer) MarshalJSON() ([]byte, error) { return nil, errInner }
func (failer) MarshalText() ([]byte, error) { return nil, errInner }

func TestDecodeTooManyFields(t *testing.T) {
	fields := make([]jsonx.Field, 65)
	var s string
	for i := range fields {
		fields[i] = jsonx.String(fmt.Sprint("f", i), &s)
	}
	require.ErrorIs(t, jsonx.Decode([]byte(`{}`), errOuter, fields...), errOuter)
	require.NoError(t, jsonx.Decode([]byte(`{"f63":"x"}`), errOuter, fields[:64]...))
	require.Equal(t, "x", s)
}

func TestUnmarshal(t *testing.T) {
	type pair struct{ A, B int }
	check := func(v pair) error {
		if v.A > v.B {
			return errInner
		}
		return nil
	}
	fields := func(v *pair) []jsonx.Field {
		return []jsonx.Field{jsonx.Int("a", &v.A).Required(), jsonx.Int("b", &v.B)}
	}
	p := pair{7, 7}
	require.NoError(t, jsonx.Unmarshal([]byte(`null`), &p, errOuter, check, fields))
	require.Equal(t, pair{7, 7}, p)
	require.NoError(t, jsonx.Unmarshal([]byte(`{"a":1,"b":2}`), &p, errOuter, check, fields))
	require.Equal(t, pair{1, 2}, p)
	require.ErrorIs(t, jsonx.Unmarshal([]byte(`{"a":3,"b":2}`), &p, errOuter, check, fields), errInner)
	require.ErrorIs(t, jsonx.Unmarshal([]byte(`{"b":2}`), &p, errOuter, check, fields), errOuter)
	require.Equal(t, pair{1, 2}, p, "unchanged on error")
	require.NoError(t, jsonx.Unmarshal([]byte(`{"a":3,"b":2}`), &p, errOuter, nil, fields))
	require.Equal(t, pair{3, 2}, p)
	var d *date.Date
	require.NoError(t, jsonx.Decode([]byte(`{"d":"2024-02-29"}`), errOuter, jsonx.DatePtr("d", &d)))
	require.Equal(t, date.New(2024, time.February, 29), *d)
	require.ErrorIs(t, jsonx.Decode([]byte(`{"d":"2024-02-30"}`), errOuter, jsonx.DatePtr("d", &d)), civil.ErrInvalidDate)
	require.Equal(t, date.New(2024, time.February, 29), *d, "unchanged on error")
}

type named struct{ V string }

func (n *named) UnmarshalText(b []byte) error {
	if string(b) == "bad" {
		return errInner
	}
	n.V = string(b)
	return nil
}

func TestFieldKinds(t *testing.T) {
	var n int
	var txt named
	var g item
	fields := []jsonx.Field{jsonx.Int("n", &n), jsonx.Text("t", &txt), jsonx.Value("g", &g)}
	require.NoError(t, jsonx.Decode([]byte(`{"n":-12,"t":"word","g":{"name":"x"}}`), errOuter, fields...))
	require.Equal(t, -12, n)
	require.Equal(t, "word", txt.V)
	require.Equal(t, "x", g.Name)
	for data, msg := range map[string]string{
		`{"n":"1"}`:        `shop: field n: invalid order: want an integer, got a string`,
		`{"n":true}`:       `shop: field n: invalid order: want an integer, got a boolean`,
		`{"t":"bad"}`:      `shop: field t: invalid item`,
		`{"t":1}`:          `shop: field t: invalid order: want a string, got "1"`,
		`{"g":[]}`:         `shop: field g: invalid item: want a JSON object, got an array`,
		`{"g":{"name":"x"`: "",
		`true`:             `shop: invalid order: want a JSON object, got a boolean`,
		`{"n":1}}`:         "",
		`{"n":1 "t":"x"}`:  "",
		`{"n":1,"t":"x",}`: "",
		` [1] `:            `shop: invalid order: want a JSON object, got an array`,
		`"a\"b"`:           `shop: invalid order: want a JSON object, got a string`,
		`12345678901234567890123456789012345678901234567890`: `shop: invalid order: want a JSON object, got "1234567890123456789012345678901234567890…"`,
	} {
		err := jsonx.Decode([]byte(data), errOuter, fields...)
		require.ErrorIs(t, err, errOuter, data)
		if msg != "" {
			require.EqualError(t, err, msg, data)
		}
	}
	err := jsonx.Decode([]byte(`{"ids":[1,}`), errOuter, jsonx.Ints("ids", new([]int)))
	require.ErrorIs(t, err, errOuter)
}

func TestObjectStopsAtTheFirstError(t *testing.T) {
	var o jsonx.Object
	o.Date("d", civil.MaxDate+1)
	o.String("s", "x")
	o.Int("i", 1)
	o.Bool("b", true)
	o.Date("d2", civil.MinDate)
	o.Text("t", civilText{})
	o.Value("v", 1)
	_, err := o.Bytes()
	require.ErrorIs(t, err, civil.ErrInvalidDate)
	require.EqualError(t, err, "period: field d: invalid date: day number 3652059 (+10000-01-01) is outside 0001-01-01 to 9999-12-31")

	var v jsonx.Object
	v.Value("c", make(chan int))
	_, err = v.Bytes()
	require.Error(t, err)
}

func TestAtPaths(t *testing.T) {
	inner := jsonx.At("", errInner, errors.New("x: y"))
	require.EqualError(t, jsonx.At("a", errOuter, inner), "x: field a: y")
	require.EqualError(t, jsonx.At("a", nil, jsonx.At("[2]", nil, errors.New("x: y"))), "x: field a[2]: y")
}
