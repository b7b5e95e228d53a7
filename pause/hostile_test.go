package pause_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// hostileCase is one named hostile input: run feeds it to a decoder or a
// constructor, and want is the sentinel its error must match.
type hostileCase struct {
	name string
	run  func() error
	want error
}

// decodeJSON returns a case body that feeds data to *T's UnmarshalJSON
// directly, so that the package's own strictness is what is tested (not
// encoding/json's syntax check).
func decodeJSON[T any, PT interface {
	*T
	json.Unmarshaler
}](data string) func() error {
	return func() error {
		var v T
		return PT(&v).UnmarshalJSON([]byte(data))
	}
}

// runHostile runs the corpus: every case must return an error matching
// its sentinel — never nil (silent acceptance), never a panic. It logs
// the counts by outcome.
func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	var typed, panics, silent int
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			panicked := func() (p bool) {
				defer func() {
					if r := recover(); r != nil {
						p = true
						err = fmt.Errorf("panic: %v", r)
					}
				}()
				err = tc.run()
				return false
			}()
			switch {
			case panicked:
				panics++
				t.Errorf("panicked: %v", err)
			case err == nil:
				silent++
				t.Errorf("accepted silently; want an error matching %v", tc.want)
			case !errors.Is(err, tc.want):
				t.Errorf("error %q does not match %v", err, tc.want)
			default:
				typed++
			}
		})
	}
	t.Logf("hostile corpus: %d cases: %d typed errors, %d panics, %d silent acceptances", len(cases), typed, panics, silent)
}

// TestHostile is pause's hostile-input corpus: counts that overflow,
// foreign currencies, limits that contradict each other, lenient dates,
// JSON with unknown and duplicate keys, wrong types and null.
func TestHostile(t *testing.T) {
	var cases []hostileCase
	add := func(name string, want error, run func() error) {
		cases = append(cases, hostileCase{name: name, run: run, want: want})
	}
	for name, tc := range map[string]struct {
		data string
		want error
	}{
		"min above max":        {`{"min_days":40,"max_days":30}`, pause.ErrInvalidPolicy},
		"negative limit":       {`{"max_days":-1}`, pause.ErrInvalidPolicy},
		"limit 1e3":            {`{"max_days":1e3}`, pause.ErrInvalidPolicy},
		"limit huge":           {`{"notice_days":9223372036854775807}`, pause.ErrInvalidPolicy},
		"limit beyond int64":   {`{"notice_days":9223372036854775808}`, pause.ErrInvalidPolicy},
		"per year above 366":   {`{"max_days_per_year":367}`, pause.ErrInvalidPolicy},
		"limit as string":      {`{"max_days":"30"}`, pause.ErrInvalidPolicy},
		"limit 30.0":           {`{"max_days":30.0}`, pause.ErrInvalidPolicy},
		"limit -0":             {`{"max_days":-0}`, pause.ErrInvalidPolicy},
		"unknown field":        {`{"max_day":30}`, pause.ErrInvalidPolicy},
		"duplicate key":        {`{"max_days":30,"max_days":10}`, pause.ErrInvalidPolicy},
		"fee flat and percent": {`{"fee":{"flat":{"amount":"5.00","currency":"EUR"},"percent":"10"}}`, pause.ErrInvalidPolicy},
		"fee neither":          {`{"fee":{}}`, pause.ErrInvalidPolicy},
		"fee percent exponent": {`{"fee":{"percent":"1e1"}}`, invoice.ErrInvalidPercent},
		"fee percent 0":        {`{"fee":{"percent":"0"}}`, invoice.ErrInvalidPercent},
		"fee percent 100.5":    {`{"fee":{"percent":"100.5"}}`, invoice.ErrInvalidPercent},
		"fee percent number":   {`{"fee":{"percent":12.5}}`, pause.ErrInvalidPolicy},
		"fee flat negative":    {`{"fee":{"flat":{"amount":"-5.00","currency":"EUR"}}}`, pause.ErrInvalidPolicy},
		"fee flat unrounded":   {`{"fee":{"flat":{"amount":"5.005","currency":"EUR"}}}`, invoice.ErrInvalidAmount},
		"fee unknown field":    {`{"fee":{"flat_fee":{"amount":"5.00","currency":"EUR"}}}`, pause.ErrInvalidPolicy},
		"array":                {`[30]`, pause.ErrInvalidPolicy},
		"trailing data":        {`{"max_days":30}]`, pause.ErrInvalidPolicy},
	} {
		add("Policy JSON "+name, tc.want, decodeJSON[pause.Policy](tc.data))
	}
	usd := invoice.MustParseMoney("5.00", invoice.USD)
	add("Policy fee in USD for EUR", invoice.ErrCurrencyMismatch, func() error { return pause.Policy{Fee: &pause.Fee{Flat: &usd}}.ValidateFor(invoice.EUR) })
	add("Policy MaxDays above bound", pause.ErrInvalidPolicy, pause.Policy{MaxDays: pause.MaxPolicyDays + 1}.Validate)
	add("Fee percent 1e-30", pause.ErrInvalidPolicy, pause.Fee{Percent: decimal.New(1, -30)}.Validate)
	add("Fee amount foreign price", invoice.ErrCurrencyMismatch, func() error {
		_, err := pause.Fee{Flat: eurp("5.00")}.Amount(usd)
		return err
	})
	add("Fee amount without currency", pause.ErrInvalidPolicy, func() error { _, err := pause.Fee{Flat: eurp("5.00")}.Amount(invoice.Money{}); return err })
	pol := pause.Policy{MaxDays: 30}
	add("Check reversed days", period.ErrInvalidRange, func() error { return pol.Check(span("2025-03-10", "2025-03-01"), day("2025-03-01"), nil) })
	add("Check empty days", pause.ErrInvalidPause, func() error { return pol.Check(span("2025-03-10", "2025-03-10"), day("2025-03-01"), nil) })
	add("Check days in 10000", period.ErrInvalidDate, func() error {
		return pol.Check(period.Period{Start: period.MaxDate - 3, End: period.MaxDate + 2}, day("2025-03-01"), nil)
	})
	add("Check days from MinInt64", period.ErrInvalidDate, func() error {
		return pol.Check(period.Period{Start: date.Date(math.MinInt64), End: day("2025-03-01")}, day("2025-03-01"), nil)
	})
	days := `"days":{"start":"2025-03-10","end":"2025-04-21"}`
	feb := `{"start":"2025-02-15","end":"2025-03-15"}`
	for name, tc := range map[string]struct {
		data string
		want error
	}{
		"misspelt extension":        {`{` + days + `,"reason":"x","extention":{"periods":2}}`, pause.ErrInvalidPause},
		"extension 1e18":            {`{` + days + `,"reason":"x","extension":{"periods":1000000000000000000}}`, pause.ErrInvalidPause},
		"extension periods 1e3":     {`{` + days + `,"reason":"x","extension":{"periods":1e3}}`, pause.ErrInvalidPause},
		"extension 1001":            {`{` + days + `,"reason":"x","extension":{"periods":1001}}`, pause.ErrInvalidPause},
		"extension -1":              {`{` + days + `,"reason":"x","extension":{"periods":-1}}`, pause.ErrInvalidPause},
		"extension negative amount": {`{` + days + `,"reason":"x","extension":{"periods":1,"amount":{"amount":"-1.00","currency":"EUR"}}}`, pause.ErrInvalidPause},
		"blank reason":              {`{` + days + `,"reason":"  "}`, pause.ErrReasonRequired},
		"missing reason":            {`{` + days + `}`, pause.ErrInvalidPause},
		"null reason":               {`{` + days + `,"reason":null}`, pause.ErrInvalidPause},
		"reason number":             {`{` + days + `,"reason":1}`, pause.ErrInvalidPause},
		"reversed days":             {`{"days":{"start":"2025-04-21","end":"2025-03-10"},"reason":"x"}`, period.ErrInvalidRange},
		"lenient days":              {`{"days":{"start":"2025-02-30","end":"2025-04-21"},"reason":"x"}`, period.ErrInvalidDate},
		"days in 10000":             {`{"days":{"start":"9999-12-01","end":"10000-01-01"},"reason":"x"}`, period.ErrInvalidDate},
		"untouched override":        {`{` + days + `,"reason":"x","overrides":[{"period":{"start":"2025-01-15","end":"2025-02-15"},"mode":"prorated"}]}`, pause.ErrInvalidPause},
		"two overrides of feb":      {`{` + days + `,"reason":"x","overrides":[{"period":` + feb + `,"mode":"prorated"},{"period":` + feb + `,"mode":"prorated"}]}`, pause.ErrInvalidPause},
		"prorated with amount":      {`{` + days + `,"reason":"x","overrides":[{"period":` + feb + `,"mode":"prorated","amount":{"amount":"1.00","currency":"EUR"}}]}`, pause.ErrInvalidPause},
		"fixed without amount":      {`{` + days + `,"reason":"x","overrides":[{"period":` + feb + `,"mode":"fixed_amount"}]}`, pause.ErrInvalidPause},
		"override mode unknown":     {`{` + days + `,"reason":"x","overrides":[{"period":` + feb + `,"mode":"Prorated"}]}`, pause.ErrInvalidPause},
		"duplicate days":            {`{` + days + `,` + days + `,"reason":"x"}`, pause.ErrInvalidPause},
		"null override":             {`{` + days + `,"reason":"x","overrides":[null]}`, pause.ErrInvalidPause},
	} {
		add("Flexible JSON "+name, tc.want, decodeJSON[pause.Flexible](tc.data))
	}
	add("Flexible USD extension for EUR", invoice.ErrCurrencyMismatch, func() error {
		return pause.Flexible{Days: span("2025-03-10", "2025-04-21"), Reason: "x", Extension: pause.Extension{Periods: 1, Amount: &usd}}.ValidateFor(invoice.EUR)
	})
	for name, tc := range map[string]struct {
		data string
		want error
	}{
		"periods out of order": {`{"periods":[{"start":"2025-04-15","end":"2025-05-15"},{"start":"2025-03-15","end":"2025-04-15"}],"reason":"x"}`, pause.ErrInvalidPause},
		"no period":            {`{"periods":[],"reason":"x"}`, pause.ErrInvalidPause},
		"null periods":         {`{"periods":null,"reason":"x"}`, pause.ErrInvalidPause},
		"missing reason":       {`{"periods":[{"start":"2025-04-15","end":"2025-05-15"}]}`, pause.ErrInvalidPause},
		"skip_only as string":  {`{"periods":[{"start":"2025-04-15","end":"2025-05-15"}],"reason":"x","skip_only":"true"}`, pause.ErrInvalidPause},
		"lenient period":       {`{"periods":[{"start":"2025-04-31","end":"2025-05-15"}],"reason":"x"}`, period.ErrInvalidDate},
		"unknown field":        {`{"periods":[{"start":"2025-04-15","end":"2025-05-15"}],"reason":"x","move":false}`, pause.ErrInvalidPause},
	} {
		add("WholePeriod JSON "+name, tc.want, decodeJSON[pause.WholePeriod](tc.data))
	}
	valid := `"valid":{"start":"2025-06-01","end":"2025-07-01"}`
	for name, tc := range map[string]struct {
		data string
		want error
	}{
		"used above sessions":     {`{` + valid + `,"sessions":3,"used":4}`, pause.ErrInvalidPass},
		"sessions huge":           {`{` + valid + `,"sessions":1000000000}`, pause.ErrInvalidPass},
		"negative used":           {`{` + valid + `,"used":-1}`, pause.ErrInvalidPass},
		"frozen elsewhere":        {`{` + valid + `,"frozen":{"from":"2025-06-15","remaining_days":10}}`, pause.ErrInvalidPass},
		"frozen 0 remaining days": {`{` + valid + `,"frozen":{"from":"2025-07-01","remaining_days":0}}`, pause.ErrInvalidPass},
		"frozen past 9999":        {`{` + valid + `,"frozen":{"from":"2025-07-01","remaining_days":3000000}}`, pause.ErrInvalidPass},
		"frozen remaining 1e18":   {`{` + valid + `,"frozen":{"from":"2025-07-01","remaining_days":1000000000000000000}}`, pause.ErrInvalidPass},
		"frozen missing from":     {`{` + valid + `,"frozen":{"remaining_days":10}}`, pause.ErrInvalidPass},
		"lenient freeze date":     {`{` + valid + `,"frozen":{"from":"2025-06-31","remaining_days":10}}`, period.ErrInvalidDate},
		"missing validity":        {`{"sessions":10}`, pause.ErrInvalidPass},
		"old frozen_from field":   {`{` + valid + `,"frozen_from":"2025-07-01"}`, pause.ErrInvalidPass},
	} {
		add("Pass JSON "+name, tc.want, decodeJSON[pause.Pass](tc.data))
	}
	card := pause.Pass{Valid: span("2025-06-01", "2025-09-01"), Sessions: 10, Used: 4}
	frozen, err := card.Freeze(day("2025-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	add("Freeze outside validity", pause.ErrOutsideValidity, func() error { _, err := card.Freeze(day("2025-09-01")); return err })
	add("Freeze twice", pause.ErrAlreadyFrozen, func() error { _, err := frozen.Freeze(day("2025-06-15")); return err })
	add("Unfreeze not frozen", pause.ErrNotFrozen, func() error { _, err := card.Unfreeze(day("2025-10-01")); return err })
	add("Unfreeze before freeze", pause.ErrUnfreezeBeforeFreeze, func() error { _, err := frozen.Unfreeze(day("2025-06-01")); return err })
	add("Unfreeze near 9999", pause.ErrInvalidPass, func() error { _, err := frozen.Unfreeze(period.MaxDate - 10); return err })
	add("Unfreeze on MaxInt64", pause.ErrInvalidPass, func() error { _, err := frozen.Unfreeze(date.Date(math.MaxInt64)); return err })
	for name, tc := range map[string]struct {
		data string
		want error
	}{
		"Booking lenient date":  {`{"on":"2025-02-29","id":"y"}`, period.ErrInvalidDate},
		"Booking slashed date":  {`{"on":"03/12/2025","id":"y"}`, period.ErrInvalidDate},
		"Booking missing id":    {`{"on":"2025-03-12"}`, pause.ErrInvalidPause},
		"Booking unknown field": {`{"on":"2025-03-12","id":"y","room":"A"}`, pause.ErrInvalidPause},
	} {
		add(name, tc.want, decodeJSON[pause.Booking](tc.data))
	}
	add("Touch JSON paused above days", pause.ErrInvalidPause, decodeJSON[pause.Touch](`{"period":`+feb+`,"paused_days":29,"days":28}`))
	add("Touch JSON wrong days", pause.ErrInvalidPause, decodeJSON[pause.Touch](`{"period":`+feb+`,"paused_days":1,"days":30}`))
	add("BookingAction JSON bad treatment", pause.ErrInvalidPause, decodeJSON[pause.BookingAction](`{"booking":{"on":"2025-03-12","id":"y"},"treatment":"keep"}`))
	add("Split negative paused days", pause.ErrInvalidPause, func() error {
		_, _, err := pause.Split(eur("30.00"), pause.Touch{Period: span("2025-02-15", "2025-03-15"), PausedDays: -1, Days: 28})
		return err
	})
	add("Split zero days", pause.ErrInvalidPause, func() error { _, err := pause.SuggestedAmount(eur("30.00"), pause.Touch{}); return err })
	add("Split money without currency", invoice.ErrUnknownCurrency, func() error {
		_, err := pause.SuggestedAmount(invoice.Money{}, pause.Touch{Period: span("2025-02-15", "2025-03-15"), PausedDays: 1, Days: 28})
		return err
	})
	add("Hit treatment 9", pause.ErrInvalidPause, func() error { _, err := pause.Hit(nil, nil, 9); return err })
	add("Treatment text Delete", pause.ErrInvalidPause, func() error { var tr pause.Treatment; return tr.UnmarshalText([]byte("Delete")) })
	add("OverrideMode marshal 0", pause.ErrInvalidPause, func() error { _, err := pause.OverrideMode(0).MarshalText(); return err })
	runHostile(t, cases)
}
