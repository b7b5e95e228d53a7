package jsonx_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/billcycle/billcycle/internal/jsonx"
	"github.com/rickb777/date/v2"
)

// A document shaped like subscription.Timeline: a span, segments and
// billing periods with nested periods, invoices with nested lines and
// amounts, events with metadata; strings with escapes, dates, integers,
// booleans and enum words at every level.

var errBench = errors.New("bench: invalid document")

// word is an enum read and written as text, as billcycle's enums are.
type word uint8

var words = []string{"", "active", "suspended", "paused", "invoice", "recurring", "feature", "paid", "open", "suspend", "restart", "by_business", "EUR"}

func (w word) MarshalText() ([]byte, error) {
	if int(w) >= len(words) || w == 0 {
		return nil, fmt.Errorf("%w: word %d", errBench, w)
	}
	return []byte(words[w]), nil
}

func (w *word) UnmarshalText(b []byte) error {
	for i, s := range words[1:] {
		if s == string(b) {
			*w = word(i + 1)
			return nil
		}
	}
	return fmt.Errorf("%w: word %q", errBench, b)
}

type bPeriod struct{ Start, End date.Date }

func (p bPeriod) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Date("start", p.Start)
	o.Date("end", p.End)
	return o.Bytes()
}

func (p *bPeriod) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, p, errBench, nil, func(v *bPeriod) []jsonx.Field {
		return []jsonx.Field{jsonx.Date("start", &v.Start).Required(), jsonx.Date("end", &v.End).Required()}
	})
}

type bMoney struct {
	Amount   string
	Currency word
}

func (m bMoney) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.String("amount", m.Amount)
	o.Text("currency", m.Currency)
	return o.Bytes()
}

func (m *bMoney) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, m, errBench, nil, func(v *bMoney) []jsonx.Field {
		return []jsonx.Field{jsonx.String("amount", &v.Amount).Required(), jsonx.Text("currency", &v.Currency).Required()}
	})
}

type bLine struct {
	Kind              word
	Description       string
	Period            bPeriod
	Quantity          int64
	UnitPrice, Amount bMoney
}

func (l bLine) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Text("kind", l.Kind)
	o.String("description", l.Description)
	o.Value("period", l.Period)
	o.Int("quantity", l.Quantity)
	o.Value("unit_price", l.UnitPrice)
	o.Value("amount", l.Amount)
	return o.Bytes()
}

func (l *bLine) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, l, errBench, nil, func(v *bLine) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Text("kind", &v.Kind).Required(), jsonx.String("description", &v.Description),
			jsonx.Value("period", &v.Period).Required(), jsonx.Int64("quantity", &v.Quantity).Required(),
			jsonx.Value("unit_price", &v.UnitPrice).Required(), jsonx.Value("amount", &v.Amount).Required(),
		}
	})
}

type bInvoice struct {
	Kind                    word
	IssueDate               date.Date
	Period                  bPeriod
	Credits                 *bPeriod
	Buyer                   string
	Lines                   []bLine
	Subtotal, Discount, Sum bMoney
	Issued                  bool
	Payment                 word
}

func (inv bInvoice) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Text("kind", inv.Kind)
	o.Date("issue_date", inv.IssueDate)
	o.Value("period", inv.Period)
	if inv.Credits != nil {
		o.Value("credits", *inv.Credits)
	}
	o.String("buyer", inv.Buyer)
	o.Value("lines", inv.Lines)
	o.Value("subtotal", inv.Subtotal)
	o.Value("discount", inv.Discount)
	o.Value("total", inv.Sum)
	o.Bool("issued", inv.Issued)
	o.Text("payment", inv.Payment)
	return o.Bytes()
}

func (inv *bInvoice) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, inv, errBench, nil, func(v *bInvoice) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Text("kind", &v.Kind).Required(), jsonx.Date("issue_date", &v.IssueDate).Required(),
			jsonx.Value("period", &v.Period).Required(), jsonx.Ptr("credits", &v.Credits),
			jsonx.String("buyer", &v.Buyer), jsonx.Slice("lines", &v.Lines).Required(),
			jsonx.Value("subtotal", &v.Subtotal).Required(), jsonx.Value("discount", &v.Discount).Required(),
			jsonx.Value("total", &v.Sum).Required(), jsonx.Bool("issued", &v.Issued).Required(),
			jsonx.Text("payment", &v.Payment).Required(),
		}
	})
}

type bSegment struct {
	Period       bPeriod
	State, Cause word
	Number       int
	Paused       bool
	Note         string
}

func (s bSegment) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("period", s.Period)
	o.Text("state", s.State)
	if s.Cause != 0 {
		o.Text("reason", s.Cause)
	}
	o.Int("number", int64(s.Number))
	if s.Paused {
		o.Bool("paused", true)
	}
	if s.Note != "" {
		o.String("note", s.Note)
	}
	return o.Bytes()
}

func (s *bSegment) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, s, errBench, nil, func(v *bSegment) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("period", &v.Period).Required(), jsonx.Text("state", &v.State).Required(),
			jsonx.Text("reason", &v.Cause), jsonx.Int("number", &v.Number).Required(),
			jsonx.Bool("paused", &v.Paused), jsonx.String("note", &v.Note),
		}
	})
}

type bEvent struct {
	Kind   word
	On     date.Date
	Reason word
	Ref    *int64
	Meta   map[string]string
	Tags   []int
}

func (e bEvent) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Text("kind", e.Kind)
	o.Date("date", e.On)
	if e.Reason != 0 {
		o.Text("reason", e.Reason)
	}
	if e.Ref != nil {
		o.Int("ref", *e.Ref)
	}
	o.NonEmpty("meta", e.Meta)
	o.NonEmpty("tags", e.Tags)
	return o.Bytes()
}

func (e *bEvent) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, e, errBench, nil, func(v *bEvent) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Text("kind", &v.Kind).Required(), jsonx.Date("date", &v.On).Required(),
			jsonx.Text("reason", &v.Reason), jsonx.Int64Ptr("ref", &v.Ref),
			jsonx.StringMap("meta", &v.Meta), jsonx.Ints("tags", &v.Tags),
		}
	})
}

type bTimeline struct {
	Span        bPeriod
	AsOf        date.Date
	Termination *date.Date
	Segments    []bSegment
	Periods     []bSegment
	Invoices    []bInvoice
	Events      []bEvent
}

func (t bTimeline) MarshalJSON() ([]byte, error) {
	var o jsonx.Object
	o.Value("span", t.Span)
	o.Date("as_of", t.AsOf)
	if t.Termination != nil {
		o.Date("termination", *t.Termination)
	}
	o.Value("segments", t.Segments)
	o.Value("periods", t.Periods)
	o.Value("invoices", t.Invoices)
	o.Value("events", t.Events)
	return o.Bytes()
}

func (t *bTimeline) UnmarshalJSON(data []byte) error {
	return jsonx.Unmarshal(data, t, errBench, nil, func(v *bTimeline) []jsonx.Field {
		return []jsonx.Field{
			jsonx.Value("span", &v.Span).Required(), jsonx.Date("as_of", &v.AsOf).Required(),
			jsonx.DatePtr("termination", &v.Termination), jsonx.Slice("segments", &v.Segments),
			jsonx.Slice("periods", &v.Periods), jsonx.Slice("invoices", &v.Invoices),
			jsonx.Slice("events", &v.Events),
		}
	})
}

// benchTimeline returns a year of a monthly subscription with two lines an
// invoice, a few suspensions and events.
func benchTimeline() bTimeline {
	start := date.New(2024, time.January, 31)
	month := func(i int) bPeriod { return bPeriod{start.AddDate(0, i, 0), start.AddDate(0, i+1, 0)} }
	eur := func(s string) bMoney { return bMoney{s, 12} }
	ref := int64(987654321)
	t := bTimeline{Span: bPeriod{start, start.AddDate(1, 0, 0)}, AsOf: start.AddDate(0, 7, 3), Termination: new(date.Date)}
	*t.Termination = start.AddDate(2, 0, 0)
	for i := range 12 {
		t.Periods = append(t.Periods, bSegment{Period: month(i), State: 1, Number: i + 1, Paused: i%5 == 4})
		if i%3 == 0 {
			t.Segments = append(t.Segments, bSegment{Period: month(i), State: 2, Cause: 11, Number: -1, Note: "Café \"Zoë\"\nback soon"})
			t.Events = append(t.Events, bEvent{Kind: 9, On: month(i).Start, Reason: 11, Ref: &ref, Meta: map[string]string{"who": "ana\tb", "via": "support <desk> & co"}, Tags: []int{i, -i * 1000, 123456789}})
		}
		inv := bInvoice{Kind: 4, IssueDate: month(i).Start, Period: month(i), Buyer: "Société Générale \\ Paris", Issued: true, Payment: 7,
			Lines: []bLine{
				{Kind: 5, Description: "Gym \"Premium\" — monthly", Period: month(i), Quantity: 1, UnitPrice: eur("29.90"), Amount: eur("29.90")},
				{Kind: 6, Description: "Towels ×3\u00a0€", Period: month(i), Quantity: 3, UnitPrice: eur("1.50"), Amount: eur("4.50")},
			},
			Subtotal: eur("34.40"), Discount: eur("0.00"), Sum: eur("34.40")}
		if i%4 == 1 {
			p := month(i - 1)
			inv.Credits = &p
		}
		t.Invoices = append(t.Invoices, inv)
	}
	return t
}

// benchDoc is the JSON of benchTimeline, with some characters written as
// \u escapes (one a surrogate pair) as another encoder would write them.
func benchDoc(tb testing.TB) []byte {
	b, err := benchTimeline().MarshalJSON()
	if err != nil {
		tb.Fatal(err)
	}
	b = bytes.ReplaceAll(b, []byte("é"), []byte(`\u00e9`))
	return bytes.ReplaceAll(b, []byte("Zoë"), []byte(`Zo\u00eb \ud83c\udfcb`))
}

func TestBenchDocRoundTrip(t *testing.T) {
	data := benchDoc(t)
	var got bTimeline
	if err := got.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	if len(got.Invoices) != 12 || len(got.Invoices[3].Lines) != 2 || got.Invoices[5].Credits == nil {
		t.Fatalf("decoded %+v", got)
	}
	if want := "Café \"Zoë 🏋\"\nback soon"; got.Segments[1].Note != want {
		t.Fatalf("note = %q; want %q", got.Segments[1].Note, want)
	}
	if got.Events[2].Meta["via"] != "support <desk> & co" || got.Events[3].Tags[1] != -9000 || *got.Termination != date.New(2026, time.January, 31) {
		t.Fatalf("events %+v", got.Events)
	}
	again, err := got.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var back bTimeline
	if err := back.UnmarshalJSON(again); err != nil {
		t.Fatal(err)
	}
	if again2, _ := back.MarshalJSON(); !bytes.Equal(again, again2) {
		t.Fatalf("encode∘decode is not the identity:\n%s\n%s", again, again2)
	}
}

func BenchmarkDecode(b *testing.B) {
	data := benchDoc(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var t bTimeline
		if err := t.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	t := benchTimeline()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := t.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}
