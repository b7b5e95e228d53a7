package jsonx_test

import (
	"errors"
	"testing"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/stretchr/testify/require"
)

type tagged struct {
	ID   *int
	Qty  *int64
	Meta map[string]string
}

func decodeTagged(data string) (tagged, error) {
	var v tagged
	err := jsonx.Decode([]byte(data), errOuter,
		jsonx.IntPtr("id", &v.ID), jsonx.Int64Ptr("qty", &v.Qty), jsonx.StringMap("meta", &v.Meta))
	return v, err
}

func TestOptionalFields(t *testing.T) {
	v, err := decodeTagged(`{"id":0,"qty":-5,"meta":{"who":"ana","via":""}}`)
	require.NoError(t, err)
	require.Equal(t, 0, *v.ID)
	require.Equal(t, int64(-5), *v.Qty)
	require.Equal(t, map[string]string{"who": "ana", "via": ""}, v.Meta)

	v, err = decodeTagged(`{"id":null,"meta":{}}`)
	require.NoError(t, err)
	require.Nil(t, v.ID, "null leaves the pointer nil")
	require.Nil(t, v.Qty, "absent leaves the pointer nil")
	require.Nil(t, v.Meta, "an empty object decodes as nil")
}

func TestOptionalFieldsRefuse(t *testing.T) {
	for _, tc := range []struct{ in, msg string }{
		{`{"id":1.5}`, `shop: field id: invalid order: want an integer, got "1.5"`},
		{`{"qty":"3"}`, `shop: field qty: invalid order: want an integer, got a string`},
		{`{"meta":["a"]}`, `shop: field meta: invalid order: want an object of strings, got an array`},
		{`{"meta":{"who":"a","who":"b"}}`, `shop: field meta.who: invalid order: duplicate key`},
		{`{"meta":{"who":1}}`, `shop: field meta.who: invalid order: want a string, got "1"`},
		{`{"meta":{"who":null}}`, `shop: field meta.who: invalid order: want a string, got null`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			_, err := decodeTagged(tc.in)
			require.Error(t, err)
			require.True(t, errors.Is(err, errOuter), "%v wraps the sentinel", err)
			require.Equal(t, tc.msg, err.Error())
		})
	}
}

func TestNonEmpty(t *testing.T) {
	var o jsonx.Object
	o.NonEmpty("none", struct{}{})
	o.NonEmpty("list", []int{})
	o.NonEmpty("nil", []int(nil))
	o.NonEmpty("ids", []int{1})
	b, err := o.Bytes()
	require.NoError(t, err)
	require.Equal(t, `{"ids":[1]}`, string(b))

	var bad jsonx.Object
	bad.NonEmpty("x", failer{})
	_, err = bad.Bytes()
	require.ErrorIs(t, err, errInner)
}

func TestNonEmptyFirst(t *testing.T) {
	var o jsonx.Object
	o.NonEmpty("none", []int{})
	b, err := o.Bytes()
	require.NoError(t, err)
	require.Equal(t, `{}`, string(b))
	o.NonEmpty("nil", map[string]int(nil))
	o.NonEmpty("ids", []int{1})
	o.NonEmpty("list", []int{})
	o.Int("n", 2)
	b, err = o.Bytes()
	require.NoError(t, err)
	require.Equal(t, `{"ids":[1],"n":2}`, string(b))
}
