package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// appendJSON against json.Marshal, which Object.Value called before: the
// same bytes and the same error for any value.

// rawJSON is a Marshaler that writes whatever bytes it holds.
type rawJSON []byte

func (r rawJSON) MarshalJSON() ([]byte, error) { return r, nil }

// ptrJSON marshals itself only through a pointer.
type ptrJSON struct{ N int }

func (p *ptrJSON) MarshalJSON() ([]byte, error) { return []byte(`{"p":1}`), nil }

// rawList is a slice with a MarshalJSON of its own.
type rawList []rawJSON

func (l rawList) MarshalJSON() ([]byte, error) { return []byte(`"list"`), nil }

type failing struct{}

var errFailing = errors.New("fz: cannot marshal")

func (failing) MarshalJSON() ([]byte, error) { return nil, errFailing }

type wrapsFailure struct{}

func (wrapsFailure) MarshalJSON() ([]byte, error) { return json.Marshal(failing{}) }

func compareMarshal(t *testing.T, v any) {
	t.Helper()
	got, err := appendJSON([]byte("x"), v)
	want, wantErr := json.Marshal(v)
	if !bytes.HasPrefix(got, []byte("x")) {
		t.Fatalf("appendJSON(x, %#v) = %s", v, got)
	}
	got = got[1:]
	if err != nil {
		got = nil // json.Marshal returns nothing then
	}
	if (err == nil) != (wantErr == nil) || err != nil && unwrapMarshaler(err).Error() != unwrapMarshaler(wantErr).Error() {
		t.Fatalf("appendJSON(%#v): error %v; json.Marshal: %v", v, err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("appendJSON(%#v) = %s; json.Marshal: %s", v, got, want)
	}
}

func TestMarshalIsJSONMarshal(t *testing.T) {
	var nilRaw *rawJSON
	plain := rawJSON(`{"a":[1,"b c",{"d":null}]}`)
	for _, v := range []any{
		nil, 1, "a<b", map[string]string{"b": "<&>", "a": "\u2028"}, struct{ A int }{1}, [2]rawJSON{plain, plain},
		plain, &plain, nilRaw, rawJSON(` {}`), rawJSON(`{} `), rawJSON(`{ "a" : 1 }`), rawJSON("[1,\n2]"),
		rawJSON(`"<"`), rawJSON(`">"`), rawJSON(`"&"`), rawJSON("\"\u2028\""), rawJSON("\"\u2029\""), rawJSON("\"\u2027\""),
		rawJSON("\"\xff\""), rawJSON(`"\"\\ "`), rawJSON(`{`), rawJSON(`{}x`), rawJSON(``), rawJSON(`nul`), rawJSON(`01`),
		[]rawJSON{plain, rawJSON(`2`)}, []rawJSON{}, []rawJSON(nil), []rawJSON{plain, rawJSON(`{ }`)}, []rawJSON{rawJSON(`[`)},
		[]*rawJSON{&plain, nil}, []any{plain, 1}, []ptrJSON{{1}, {2}}, ptrJSON{1}, &ptrJSON{1}, rawList{plain}, rawList(nil),
		[][]rawJSON{{plain}}, failing{}, []failing{{}}, wrapsFailure{}, []wrapsFailure{{}}, make(chan int),
	} {
		compareMarshal(t, v)
	}
}

func FuzzMarshal(f *testing.F) {
	for _, s := range diffSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"a":"x<y","b":[1, 2]}`))
	f.Add([]byte("\"\u2028\""))
	f.Fuzz(func(t *testing.T, b []byte) {
		compareMarshal(t, rawJSON(b))
		compareMarshal(t, []rawJSON{rawJSON(`{}`), rawJSON(b)})
	})
}
