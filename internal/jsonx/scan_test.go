package jsonx

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// The scanner against encoding/json: it accepts exactly the objects that
// json.Valid accepts and splits them into the same members as
// json.Decoder, and its unquoting, arrays and integers agree too.

type member struct {
	key string
	raw string
}

// scanMembers splits the object data with the scanner, as Decode does,
// counting the object's own level as json.Valid does.
func scanMembers(data []byte) ([]member, string) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, "not an object"
	}
	m := members{data: data, i: i + 1, depth: 1}
	var out []member
	for {
		key, flags, more, msg := m.next()
		if msg != "" {
			return nil, "malformed object: " + msg
		}
		if !more {
			break
		}
		raw, msg := m.value()
		if msg != "" {
			return nil, "malformed value: " + msg
		}
		out = append(out, member{keyString(key, flags), string(raw)})
	}
	if skipSpace(data, m.i) < len(data) {
		return nil, "data after the object"
	}
	return out, ""
}

// stdMembers splits the object data with encoding/json, if it is one.
func stdMembers(t *testing.T, data []byte) ([]member, bool) {
	if !json.Valid(data) || !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("{")) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatal(err)
		}
		out = append(out, member{tok.(string), string(raw)})
	}
	return out, true
}

func checkScan(t *testing.T, data []byte) {
	got, msg := scanMembers(data)
	want, ok := stdMembers(t, data)
	if (msg == "") != ok {
		t.Fatalf("scanning %q: %q; json.Valid = %v", data, msg, ok)
	}
	if len(got) != len(want) {
		t.Fatalf("scanning %q: %q; want %q", data, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("scanning %q: member %d is %q; want %q", data, i, got[i], want[i])
		}
		checkValue(t, []byte(got[i].raw))
	}
}

// checkValue compares the decoders of the valid value raw with
// encoding/json and the old decoder.
func checkValue(t *testing.T, raw []byte) {
	n, err := integer(raw)
	wantN, wantErr := refInteger(raw)
	if n != wantN || (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("integer(%q) = %d, %v; want %d, %v", raw, n, err, wantN, wantErr)
	}
	switch raw[0] {
	case '"':
		var want string
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		if got, err := unquote(raw); err != nil || got != want {
			t.Fatalf("unquote(%s) = %q, %v; want %q", raw, got, err, want)
		}
	case '[':
		var want []json.RawMessage
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		var got []string
		err := each(raw, func(elem []byte) error {
			got = append(got, string(elem))
			checkValue(t, elem)
			return nil
		})
		if err != nil && !(strings.Contains(err.Error(), "null element") && string(want[len(got)]) == "null") {
			t.Fatalf("each(%s): %v", raw, err)
		}
		for i := range got {
			if got[i] != string(want[i]) {
				t.Fatalf("each(%s): element %d is %s; want %s", raw, i, got[i], want[i])
			}
		}
	case '{':
		checkScan(t, raw)
	}
}

func TestScan(t *testing.T) {
	for _, s := range diffSeeds {
		checkScan(t, []byte(s))
	}
	for _, n := range []int{maxDepth - 1, maxDepth} { // json.Valid counts the object as a level
		data := []byte(`{"a":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`)
		_, msg := scanMembers(data)
		if _, ok := stdMembers(t, data); (msg == "") != ok {
			t.Fatalf("%d nested arrays in an object: %q; json.Valid = %v", n, msg, ok)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range diffSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"a" : [ 1 , -0.5e+3 , "x\u00e9\"\\\/\b\f\n\r\t" , true , false , null , { } , [ ] ] , "" : {"b":{"c":[{}]}}}`))
	f.Fuzz(checkScan)
}
