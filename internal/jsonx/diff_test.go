package jsonx

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/billcycle/billcycle/internal/civil"
	"github.com/rickb777/date/v2"
)

// Decode against the decoder it replaced (ref_test.go): on any document,
// the same error, word for word, and the same values, even those a failed
// decoding left half written.

var (
	errFzDoc  = errors.New("fz: invalid doc")
	errFzItem = errors.New("fz: invalid item")
	errFzWord = errors.New("fz: invalid word")
)

type fzItem struct {
	Name string
	N    int
	Tags []int
}

func (it *fzItem) UnmarshalJSON(data []byte) error {
	return Unmarshal(data, it, errFzItem, nil, func(v *fzItem) []Field {
		return []Field{String("name", &v.Name).Required(), Int("n", &v.N), Ints("tags", &v.Tags)}
	})
}

type refItem fzItem

func (it *refItem) UnmarshalJSON(data []byte) error {
	if IsNull(data) {
		return nil
	}
	var v refItem
	if err := refDecode(data, errFzItem, refString("name", &v.Name).Required(), refInt("n", &v.N), refInts("tags", &v.Tags)); err != nil {
		return err
	}
	*it = v
	return nil
}

type fzWord string

func (w *fzWord) UnmarshalText(b []byte) error {
	if len(b) > 0 && b[0] == 'x' {
		return fmt.Errorf("%w %q", errFzWord, b)
	}
	*w = fzWord(b)
	return nil
}

// fzDoc has a field of every kind.
type fzDoc[I any] struct {
	S, F  string
	B     bool
	I     int
	J     int64
	Is    []int
	D     date.Date
	DP    *date.Date
	T     fzWord
	V     I
	P     *I
	Sl    []I
	IP    *int
	JP    *int64
	M     map[string]string
	Extra [2]int // the fields with keys that need escapes
}

func checkF(s string) error {
	if strings.HasPrefix(s, "x") {
		return fmt.Errorf("%w %q", errFzWord, s)
	}
	return nil
}

func decodeFz(data []byte) (fzDoc[fzItem], error) {
	var v fzDoc[fzItem]
	err := Decode(data, errFzDoc,
		String("s", &v.S), StringFunc("f", func(s string) error { v.F = s; return checkF(s) }),
		Bool("b", &v.B).Required(), Int("i", &v.I), Int64("j", &v.J), Ints("is", &v.Is),
		Date("d", &v.D), DatePtr("dp", &v.DP), Text("t", &v.T), Value("v", &v.V), Ptr("p", &v.P),
		Slice("sl", &v.Sl), IntPtr("ip", &v.IP), Int64Ptr("jp", &v.JP), StringMap("m", &v.M),
		Int("\u00e9", &v.Extra[0]), Int("a\"b", &v.Extra[1]))
	return v, err
}

func decodeRef(data []byte) (fzDoc[fzItem], error) {
	var v fzDoc[refItem]
	err := refDecode(data, errFzDoc,
		refString("s", &v.S), refStringFunc("f", func(s string) error { v.F = s; return checkF(s) }),
		refBool("b", &v.B).Required(), refInt("i", &v.I), refInt64("j", &v.J), refInts("is", &v.Is),
		refDate("d", &v.D), refDatePtr("dp", &v.DP), refText("t", &v.T), refValue("v", &v.V), refPtr("p", &v.P),
		refSlice("sl", &v.Sl), refIntPtr("ip", &v.IP), refInt64Ptr("jp", &v.JP), refStringMap("m", &v.M),
		refInt("\u00e9", &v.Extra[0]), refInt("a\"b", &v.Extra[1]))
	out := fzDoc[fzItem]{S: v.S, F: v.F, B: v.B, I: v.I, J: v.J, Is: v.Is, D: v.D, DP: v.DP, T: v.T,
		V: fzItem(v.V), P: (*fzItem)(v.P), IP: v.IP, JP: v.JP, M: v.M, Extra: v.Extra}
	for _, it := range v.Sl {
		out.Sl = append(out.Sl, fzItem(it))
	}
	return out, err
}

// compareWithRef fails t unless Decode and the old decoder agree on data.
func compareWithRef(t *testing.T, data []byte) {
	t.Helper()
	got, gotErr := decodeFz(data)
	want, wantErr := decodeRef(data)
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("Decode(%q):\n got error %v\nwant error %v", data, gotErr, wantErr)
	}
	for _, target := range []error{errFzDoc, errFzItem, errFzWord, civil.ErrInvalidDate} {
		if errors.Is(gotErr, target) != errors.Is(wantErr, target) {
			t.Fatalf("Decode(%q): errors.Is(%v, %v) = %v", data, gotErr, target, !errors.Is(wantErr, target))
		}
	}
	var ge, we *Error
	if errors.As(gotErr, &ge) != errors.As(wantErr, &we) || ge != nil && ge.Path != we.Path {
		t.Fatalf("Decode(%q): error %#v; want %#v", data, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Decode(%q) = %+v; want %+v", data, got, want)
	}
}

// diffSeeds are documents good and bad, each a step from another.
var diffSeeds = []string{
	``, ` `, `null`, `[1]`, `"x"`, `1`, `-`, `tru`, `true`, "\f{}", "\u00a0{}", `}`, `]`, `{`, `{ `, `{}`, ` {} `, `{}x`, `{} {}`, `{}}`,
	`{"b":true}`, `{"b":false,"s":"a\u00e9\n\"","f":"ok","i":-12,"j":9223372036854775807,"is":[1,-2,3]}`,
	`{"b":true,"d":"2024-02-29","dp":"2021-02-30","t":"w\u00f6rd","v":{"name":"a","n":2,"tags":[1]},"p":{"name":"p"},"sl":[{"name":"x"},{"name":"y","tags":[]}],"ip":0,"jp":-5,"m":{"k":"v","\u00e9":""}}`,
	`{"b":true,"\u00e9":1,"a\"b":2,"\u0062":false}`, `{"b":true,"\u00e9":1,"\u00e9":2}`, `{"é":1,"b":true}`,
	`{"b":null}`, `{"b":true,"b":true}`, `{"s":null,"s":"x","b":true}`, `{"zz":1}`, `{"b":1}`, `{"b":"true"}`,
	`{"b":true,"i":1.0}`, `{"b":true,"i":1e3}`, `{"b":true,"i":-0}`, `{"b":true,"i":01}`, `{"b":true,"j":-9223372036854775809}`,
	`{"b":true,"i":99999999999999999999999999999999999999999999999999}`, `{"b":true,"is":[1,"2"]}`, `{"b":true,"is":[null]}`,
	`{"b":true,"sl":[{"name":"a"},{"name":"b","zz":1}]}`, `{"b":true,"sl":[{},null]}`, `{"b":true,"p":{}}`, `{"b":true,"v":[]}`,
	`{"b":true,"m":{"a":"b","a":"c"}}`, `{"b":true,"m":{"a":1}}`, `{"b":true,"m":{"a":null}}`, `{"b":true,"m":[]}`,
	`{"b":true,"t":"xbad"}`, `{"b":true,"t":1}`, `{"b":true,"f":"xbad"}`, `{"b":true,"s":"\ud800\udc00\udc00\ud800x\ud800\u0041"}`,
	"{\"b\":true,\"s\":\"\xff\xe2\x82 ok \xed\xa0\x80\"}", "{\"b\":true,\"s\":\"a\x01\"}", "{\"b\xff\":true}",
	`{,}`, `{"b":true,}`, `{"b":true "s":"x"}`, `{"b" true}`, `{"b":}`, `{"b":tru}`, `{"b":nul}`, `{"b":t}`, `{"b":truex}`,
	`{"b":true,"i":-}`, `{"b":true,"i":1.}`, `{"b":true,"i":1e}`, `{"b":true,"i":1e+}`, `{"b":true,"s":"\q"}`, `{"b":true,"s":"\u12x4"}`,
	`{"b":true,"v":{"name":"x"`, `{"b":true,"v":{"name" 1}}`, `{"b":true,"v":{1:2}}`, `{"b":true,"v":[1 2]}`, `{"b":true,"v":[1,]}`,
	`{"b":true]`, `{"b":true,]`, `{]`, `{1:2}`, `{"b":true,1:2}`, `{"b"`, `{"b":`, `{"b": `, `{"b":"x`, `{"b":true,`, `{"b":true`, `{"zz"`,
	`{"b":true,"v":{"n":1}}  x`, `{"b":true}` + "\u00a0", "{\"b\":\ttrue\r\n}\n", `{"b":[[[[[[]]]]]]}`, `{"b":{"a":[{"b":{}}]}}`,
}

func TestDecodeAgreesWithTheOldDecoder(t *testing.T) {
	for _, s := range diffSeeds {
		compareWithRef(t, []byte(s))
	}
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, n := range []int{maxDepth, maxDepth + 1} {
		compareWithRef(t, []byte(`{"b":true,"v":`+deep(n)+`}`))
		compareWithRef(t, []byte(`{"b":true,"v":{"name":"a","tags":`+deep(n)+`}}`))
	}
	_, err := decodeFz([]byte(`{"b":true,"v":` + deep(maxDepth+1) + `}`))
	if want := `fz: field v: invalid doc: malformed value: invalid character '[' exceeded max depth`; err == nil || err.Error() != want {
		t.Fatalf("Decode of %d nested arrays: %v; want %s", maxDepth+1, err, want)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range diffSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(compareWithRef)
}

func TestZeroFieldIsAnError(t *testing.T) {
	err := Decode([]byte(`{"":1}`), errFzDoc, Field{})
	if want := "fz: invalid doc: a field without a decoder"; err == nil || err.Error() != want || !errors.Is(err, errFzDoc) {
		t.Fatalf("Decode with a zero Field: %v; want %s", err, want)
	}
	if err := Decode([]byte(`{"t":"x"}`), errFzDoc, Text("t", nil)); err == nil || !errors.Is(err, errFzDoc) {
		t.Fatalf("Decode with a nil TextUnmarshaler: %v", err)
	}
}
