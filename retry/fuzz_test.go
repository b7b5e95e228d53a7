package retry_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/billcycle/billcycle/retry"
	"github.com/rickb777/date/v2"
)

func FuzzPolicyJSON(f *testing.F) {
	for _, s := range []string{
		`{"attempts":0}`,
		`{"attempts":3}`,
		`{"attempts":4,"offsets":[1,3,5,7],"on_exhausted":"suspend","late_payment":"restart_on_payment"}`,
		`{"attempts":2,"offsets":[2,1]}`,
		`{"attempts":-1}`,
		`{"attempts":3660}`,
		`{"attempts":1,"on_exhausted":"terminate","late_payment":"keep_start"}`,
		`{"attempts":1,"offsets":null,"on_exhausted":null}`,
		`{"atempts":3}`,
		`null`, `[]`, `""`, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p retry.Policy
		if err := json.Unmarshal(data, &p); err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("decoded %s into invalid %+v: %v", data, p, err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("Marshal(%+v) from %s: %v", p, data, err)
		}
		var back retry.Policy
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if !back.Equal(p) {
			t.Fatalf("round trip %+v → %s → %+v", p, b, back)
		}
		b2, err := json.Marshal(back)
		if err != nil || !bytes.Equal(b, b2) {
			t.Fatalf("second encoding %s, %v; want %s", b2, err, b)
		}
	})
}

// FuzzEvaluate feeds arbitrary policies and outcome lists to Evaluate: it
// must return an error or a consistent Status, and never panic. Each pair of
// bytes of outs is an outcome: a day offset from failedOn (signed) and a
// success bit.
func FuzzEvaluate(f *testing.F) {
	apr01 := int64(date.New(2024, 4, 1))
	f.Add(5, []byte{}, apr01, []byte{1, 0, 2, 1})
	f.Add(3, []byte{}, apr01, []byte{1, 0, 2, 0, 3, 0})
	f.Add(0, []byte{}, apr01, []byte{})
	f.Add(4, []byte{1, 3, 5, 7}, apr01, []byte{1, 0, 3, 0, 4, 1})
	f.Add(3, []byte{}, apr01, []byte{2, 0, 1, 0})
	f.Add(2, []byte{}, int64(date.Max()), []byte{1, 0})
	f.Add(-1, []byte{3, 2}, apr01, []byte{0xff, 1})
	f.Fuzz(func(t *testing.T, attempts int, offsets []byte, failedOn int64, outs []byte) {
		p := retry.Policy{Attempts: attempts}
		for _, o := range offsets {
			p.Offsets = append(p.Offsets, int(int8(o)))
		}
		d := date.Date(failedOn)
		outcomes := make([]retry.Outcome, 0, len(outs)/2)
		for i := 0; i+1 < len(outs); i += 2 {
			outcomes = append(outcomes, retry.Outcome{On: d + date.Date(int8(outs[i])), Succeeded: outs[i+1]&1 == 1})
		}
		st, err := p.Evaluate(d, outcomes)
		_ = p.W()
		_ = p.String()
		_, _ = p.Next(d, len(outcomes))
		_ = p.Dates(d)
		if err != nil {
			return
		}
		if verr := st.Validate(); verr != nil {
			t.Fatalf("Evaluate gave an invalid status: %v", verr)
		}
		w := date.Date(p.W())
		switch st.State {
		case retry.Retrying:
			if st.Next == nil || st.NextOn() <= d || st.NextOn() > d+w || len(st.Attempts) != p.Attempts {
				t.Fatalf("retrying: %+v", st)
			}
		case retry.Recovered:
			if st.Next != nil || st.SettledOn() < d || st.SettledOn() > d+w {
				t.Fatalf("recovered: %+v", st)
			}
		case retry.Exhausted:
			if st.Next != nil || st.SettledOn() != d+w || len(st.Attempts) != p.Attempts {
				t.Fatalf("exhausted: %+v; want settled on %v", st, d+w)
			}
		default:
			t.Fatalf("state %v", st.State)
		}
		for i := 1; i < len(st.Attempts); i++ {
			if st.Attempts[i].On < st.Attempts[i-1].On {
				t.Fatalf("attempts out of order: %v", st.Attempts)
			}
		}
		if _, err := json.Marshal(st); err != nil {
			t.Fatalf("Marshal(%+v): %v", st, err)
		}
	})
}
