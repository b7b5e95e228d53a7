package subscriptiontest_test

// A deliberately naive reference model of DESIGN rules 8–10, walked one
// day at a time, for a monthly plan billed in advance: open-ended or with
// a fixed term, a recurring price and maybe a fixed discount for the first
// periods; a log of suspensions, restarts, immediate terminations,
// whole-period pauses (moved or skipped) and flexible pauses (with
// extensions). It shares no code with package subscription: boundaries
// come from its own clamped month arithmetic, and it decides by itself
// which commands to refuse.

import (
	"fmt"
	"testing"
	"time"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
	"pgregory.net/rapid"
)

// addMonths returns anchor + k months, the day of month clamped to the
// length of the month it lands in (DESIGN rule 4).
func addMonths(anchor date.Date, k int) date.Date {
	y, m, d := anchor.Date()
	months := y*12 + int(m) - 1 + k
	y, m = months/12, time.Month(months%12+1)
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return date.New(y, m, min(d, last))
}

type refKind int

const (
	refSuspend refKind = iota
	refRestart
	refTerminate
	refWhole
	refFlexible
)

func (k refKind) String() string {
	return [...]string{"suspend", "restart", "terminate", "whole", "flexible"}[k]
}

// refEvent is one command of the restricted log.
type refEvent struct {
	kind  refKind
	on    date.Date
	whole period.Period // refWhole: the paused period
	skip  bool          // refWhole: skip only, do not move
	days  period.Period // refFlexible: the paused days
	ext   int           // refFlexible: periods added at the end
	amt   *int64        // refFlexible: amount of each added period, in cents
}

func (e refEvent) String() string {
	switch e.kind {
	case refWhole:
		return fmt.Sprintf("%s on %s of %s skip=%t", e.kind, e.on, e.whole, e.skip)
	case refFlexible:
		a := "price"
		if e.amt != nil {
			a = fmt.Sprint(*e.amt)
		}
		return fmt.Sprintf("%s on %s of %s ext=%d amount=%s", e.kind, e.on, e.days, e.ext, a)
	}
	return fmt.Sprintf("%s on %s", e.kind, e.on)
}

// refPlan is the plan of the model, in cents of EUR.
type refPlan struct {
	price     int64
	discount  int64 // fixed discount, 0 for none
	discountN int   // the discount applies to billed periods 0 … discountN−1; 0 means all
	periods   int   // fixed term; 0 renews without end
}

type refInvoice struct {
	issue  date.Date
	period period.Period
	total  int64
}

type refPeriod struct {
	p      period.Period
	paused bool
}

// refResult is what the walk found.
type refResult struct {
	start    date.Date
	states   []subscription.State // state on start+i
	base     []subscription.State // Active, Suspended or Terminated, without the pause overlay
	invoices []refInvoice
	periods  []refPeriod
	end      date.Date
	hasEnd   bool
	refused  int // index of the first event the model refuses, or −1
	why      string
}

func (r refResult) state(d date.Date) subscription.State {
	if d < r.start {
		return subscription.Pending
	}
	return r.states[d-r.start]
}

type refPause struct {
	e     refEvent
	whole bool
}

func (p refPause) days() period.Period {
	if p.whole {
		return p.e.whole
	}
	return p.e.days
}

// simulate walks every day of [start, until), applying the events of each
// day in order before any renewal due that day.
func simulate(plan refPlan, start date.Date, events []refEvent, until date.Date) refResult {
	res := refResult{start: start, refused: -1}
	state := subscription.Active
	anchor, k := start, 0 // the current schedule and the index of the next period
	next := start         // first day of the next period to start
	lastEnd := start      // end of the last period that ran, set on suspension
	counted, billed := 0, 0
	target := plan.periods // periods the term counts, extensions included
	var termEnd date.Date  // end of the term once the last counted period started; 0 if none yet
	var pauses []refPause
	ei := 0
	refuse := func(i int, format string, args ...any) {
		res.refused, res.why = i, fmt.Sprintf(format, args...)
	}
	for d := start; d < until; d++ {
		if termEnd != 0 && d == termEnd && state != subscription.Terminated {
			state, res.end, res.hasEnd = subscription.Terminated, d, true
		}
		for ; ei < len(events) && events[ei].on == d; ei++ {
			e := events[ei]
			if state == subscription.Terminated {
				refuse(ei, "terminated")
				return res
			}
			switch e.kind {
			case refSuspend:
				if state == subscription.Suspended {
					refuse(ei, "already suspended")
					return res
				}
				state, lastEnd = subscription.Suspended, next
			case refRestart:
				if state != subscription.Suspended {
					refuse(ei, "not suspended")
					return res
				}
				if d >= lastEnd {
					// A renewal: a period starts on the restart date. On a
					// boundary of the schedule the anchor is kept (a 31st
					// stays a 31st); elsewhere the restart date becomes the
					// anchor. A re-anchoring is refused if a whole-period
					// pause not yet over would no longer name a billing
					// period (delete it first).
					na, nk := d, 0
					if j, ok := boundaryIndex(anchor, d); ok {
						na, nk = anchor, j
					}
					for _, p := range pauses {
						if p.whole && p.e.whole.End > d && !isPeriodOf(na, nk, p.e.whole) {
							refuse(ei, "re-anchors under the pause of %s", p.e.whole)
							return res
						}
					}
					anchor, k, next = na, nk, d
				}
				state = subscription.Active
			case refTerminate:
				state, res.end, res.hasEnd = subscription.Terminated, d, true
			case refWhole, refFlexible:
				if why := acceptPause(plan, start, events[:ei], e, state, anchor, k, pauses); why != "" {
					refuse(ei, "%s", why)
					return res
				}
				pauses = append(pauses, refPause{e: e, whole: e.kind == refWhole})
				if e.kind == refFlexible && e.ext > 0 {
					target += e.ext
					if counted < target {
						termEnd = 0
					}
				}
			}
		}
		if state == subscription.Active && d == next {
			p := period.Period{Start: d, End: addMonths(anchor, k+1)}
			var wp *refPause
			for i := range pauses {
				if pauses[i].whole && pauses[i].e.whole == p {
					wp = &pauses[i]
				}
			}
			index := counted
			if wp == nil || wp.e.skip {
				counted++
			}
			if wp == nil {
				total := plan.price
				if plan.discount > 0 && (plan.discountN == 0 || billed < plan.discountN) {
					total -= min(plan.discount, total)
				}
				if amt, ok := extensionAmount(plan, pauses, index); ok {
					total = amt
				}
				res.invoices = append(res.invoices, refInvoice{issue: d, period: p, total: total})
				billed++
			}
			res.periods = append(res.periods, refPeriod{p: p, paused: wp != nil})
			if target > 0 && counted == target && (wp == nil || wp.e.skip) {
				termEnd = p.End
			}
			k++
			next = addMonths(anchor, k)
		}
		st := state
		if st == subscription.Active {
			for _, p := range pauses {
				if p.days().Contains(d) {
					st = subscription.Paused
				}
			}
		}
		res.states = append(res.states, st)
		res.base = append(res.base, state)
	}
	return res
}

// extensionAmount returns the amount of the counted period with the given
// index when it is one that a flexible pause added with an amount.
func extensionAmount(plan refPlan, pauses []refPause, index int) (int64, bool) {
	if plan.periods == 0 || index < plan.periods {
		return 0, false
	}
	j := index - plan.periods
	for _, p := range pauses {
		if p.whole {
			continue
		}
		if j < p.e.ext {
			if p.e.amt == nil {
				return 0, false
			}
			return *p.e.amt, true
		}
		j -= p.e.ext
	}
	return 0, false
}

// boundaryIndex returns j such that d is boundary j of the monthly
// schedule anchored on anchor, and false if d is not a boundary.
func boundaryIndex(anchor, d date.Date) (int, bool) {
	for j := 0; addMonths(anchor, j) <= d; j++ {
		if addMonths(anchor, j) == d {
			return j, true
		}
	}
	return 0, false
}

// isPeriodOf reports whether p is period j ≥ k of the monthly schedule
// anchored on anchor.
func isPeriodOf(anchor date.Date, k int, p period.Period) bool {
	for j := k; addMonths(anchor, j) <= p.Start; j++ {
		if addMonths(anchor, j) == p.Start && addMonths(anchor, j+1) == p.End {
			return true
		}
	}
	return false
}

// acceptPause returns why the model refuses the pause e, or "".
func acceptPause(plan refPlan, start date.Date, before []refEvent, e refEvent, state subscription.State,
	anchor date.Date, k int, pauses []refPause) string {
	days := e.days
	if e.kind == refWhole {
		days = e.whole
	}
	if days.Start < start {
		return "before the start"
	}
	// The end as the log so far has it, projected with no further event.
	proj := simulate(plan, start, before, e.on+4000)
	if proj.hasEnd && days.End > proj.end {
		return fmt.Sprintf("after the end %s", proj.end)
	}
	for _, p := range pauses {
		if p.days().Overlaps(days) {
			return fmt.Sprintf("overlaps %s", p.days())
		}
	}
	switch e.kind {
	case refWhole:
		if days.Start <= e.on {
			return "period already started"
		}
		if state == subscription.Suspended {
			return "no billing period ahead of a suspension"
		}
		if !isPeriodOf(anchor, k, days) {
			return "not a billing period"
		}
	case refFlexible:
		if e.ext > 0 && plan.periods == 0 {
			return "extension without a term"
		}
	}
	return ""
}

// libEvent applies e to s through the public commands.
func libApply(s subscription.Subscription, e refEvent) (subscription.Subscription, error) {
	switch e.kind {
	case refSuspend:
		return s.Suspend(e.on, subscription.ByBusiness)
	case refRestart:
		return s.Restart(e.on)
	case refTerminate:
		return s.TerminateNow(e.on)
	case refWhole:
		return s.AddWholePeriodPause(e.on, pause.WholePeriod{Periods: []period.Period{e.whole}, Reason: "travel", SkipOnly: e.skip})
	}
	f := pause.Flexible{Days: e.days, Reason: "injury", Extension: pause.Extension{Periods: e.ext}}
	if e.amt != nil {
		m := cents(*e.amt, invoice.EUR)
		f.Extension.Amount = &m
	}
	return s.AddFlexiblePause(e.on, f)
}

// drawRefEvent draws a command on or after last, fitted to the model's
// view of the log so far (proj).
func drawRefEvent(t *rapid.T, plan refPlan, proj refResult, last date.Date) refEvent {
	var on date.Date
	switch rapid.IntRange(0, 4).Draw(t, "when") {
	case 0:
		on = last
	case 1:
		on = last + date.Date(rapid.IntRange(1, 10).Draw(t, "days"))
	case 2:
		on = last + date.Date(rapid.IntRange(1, 70).Draw(t, "days"))
	default:
		// A period boundary, where the rules bite: the start or end of a
		// period ahead, give or take a day.
		var ends []date.Date
		for _, p := range proj.periods {
			if p.p.End >= last && len(ends) < 6 {
				ends = append(ends, p.p.Start, p.p.End)
			}
		}
		on = last + 1
		if len(ends) > 0 {
			on = ends[rapid.IntRange(0, len(ends)-1).Draw(t, "boundary")] + date.Date(rapid.IntRange(-1, 1).Draw(t, "nudge"))
		}
		on = max(on, last)
	}
	e := refEvent{on: on}
	// Mostly commands the state allows: restarts when suspended, pauses
	// and suspensions when active; the others now and then.
	kinds := []refKind{refSuspend, refSuspend, refRestart, refTerminate, refWhole, refWhole, refWhole, refFlexible, refFlexible, refFlexible}
	if i := int(last - proj.start); i < len(proj.base) && proj.base[i] == subscription.Suspended {
		kinds = []refKind{refSuspend, refRestart, refRestart, refRestart, refRestart, refTerminate, refWhole, refFlexible, refFlexible}
	}
	e.kind = kinds[rapid.IntRange(0, len(kinds)-1).Draw(t, "kind")]
	switch e.kind {
	case refWhole:
		var ahead []period.Period
		for _, p := range proj.periods {
			if p.p.Start > on && !p.paused && len(ahead) < 8 {
				ahead = append(ahead, p.p)
			}
		}
		if len(ahead) == 0 {
			ahead = []period.Period{{Start: on + 1, End: addMonths(on+1, 1)}}
		}
		e.whole = ahead[rapid.IntRange(0, len(ahead)-1).Draw(t, "period")]
		if rapid.IntRange(0, 9).Draw(t, "misaligned") == 0 {
			e.whole.End++
		}
		e.skip = rapid.IntRange(0, 2).Draw(t, "skip") == 0
	case refFlexible:
		from := on + date.Date(rapid.IntRange(0, 60).Draw(t, "from"))
		e.days = period.Period{Start: from, End: from + date.Date(rapid.IntRange(1, 45).Draw(t, "length"))}
		if plan.periods > 0 && rapid.Bool().Draw(t, "extend") {
			e.ext = rapid.IntRange(1, 2).Draw(t, "ext")
			if rapid.Bool().Draw(t, "ext_amount") {
				a := rapid.Int64Range(0, 5000).Draw(t, "amount")
				e.amt = &a
			}
		}
	}
	return e
}

// TestReferenceModel checks that the library agrees with the day-by-day
// model on every day: state, entitlement, billing periods, invoices (issue
// dates, periods, totals), termination, and which commands are refused.
func TestReferenceModel(t *testing.T) {
	accepted, refused := map[refKind]int{}, map[refKind]int{}
	days, logs := 0, 0
	defer func() {
		t.Logf("%d logs, %d days compared", logs, days)
		for k := refSuspend; k <= refFlexible; k++ {
			t.Logf("%-9s accepted %5d refused %5d", k, accepted[k], refused[k])
		}
	}()
	rapid.Check(t, func(t *rapid.T) {
		plan := refPlan{price: 100 * rapid.Int64Range(0, 100).Draw(t, "price")}
		if rapid.IntRange(0, 3).Draw(t, "discounted") == 0 {
			plan.discount = 100 * rapid.Int64Range(1, 60).Draw(t, "discount")
			plan.discountN = rapid.IntRange(0, 3).Draw(t, "discount_periods")
		}
		if rapid.Bool().Draw(t, "fixed_term") {
			plan.periods = rapid.IntRange(1, 18).Draw(t, "periods")
		}
		start := date.New(2020, 1, 1) + date.Date(rapid.IntRange(0, 1500).Draw(t, "start"))
		lp := subscription.Plan{Every: period.Monthly, Periods: plan.periods,
			Price: invoice.Price{Recurring: cents(plan.price, invoice.EUR)}}
		if plan.discount > 0 {
			lp.Price.Discounts = []invoice.Discount{{Name: "Voucher", Kind: invoice.Fixed,
				Amount: cents(plan.discount, invoice.EUR), Periods: plan.discountN}}
		}
		s, err := subscription.New(subscription.Terms{Plan: lp, Start: start})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		var log []refEvent
		last := start
		n := rapid.IntRange(0, 10).Draw(t, "commands")
		for range n {
			proj := simulate(plan, start, log, last+1500)
			e := drawRefEvent(t, plan, proj, last)
			ref := simulate(plan, start, append(log[:len(log):len(log)], e), e.on+1)
			next, err := libApply(s, e)
			switch {
			case err == nil && ref.refused >= 0:
				t.Fatalf("%v: the library accepts it, the model refuses it: %s\nlog: %v", e, ref.why, log)
			case err != nil && ref.refused < 0:
				t.Fatalf("%v: the library refuses it (%v), the model accepts it\nlog: %v", e, err, log)
			case err == nil:
				s, log, last = next, append(log, e), e.on
				accepted[e.kind]++
			default:
				refused[e.kind]++
			}
		}
		compareWithModel(t, plan, s, log, last)
		logs++
		days += int(last + 1002 - s.Start())
	})
}

func compareWithModel(t *rapid.T, plan refPlan, s subscription.Subscription, log []refEvent, last date.Date) {
	start := s.Start()
	horizon := last + 1000
	ref := simulate(plan, start, log, horizon)
	if ref.refused >= 0 {
		t.Fatalf("the model refuses event %d of its own log: %s", ref.refused, ref.why)
	}
	fail := func(format string, args ...any) {
		t.Fatalf("%s\nlog: %v", fmt.Sprintf(format, args...), log)
	}
	for d := start - 2; d < horizon; d++ {
		want := ref.state(d)
		if got := s.StatusOn(d).State; got != want {
			fail("StateOn(%s) = %s; the model says %s", d, got, want)
		}
		if got := s.Entitled(d); got != want.Entitled() {
			fail("Entitled(%s) = %t; the model says %t (%s)", d, got, want.Entitled(), want)
		}
	}
	var gotPeriods []refPeriod
	for bp := range s.Periods(period.Period{Start: start, End: horizon}) {
		gotPeriods = append(gotPeriods, refPeriod{p: bp.Period, paused: bp.Paused})
	}
	if fmt.Sprint(gotPeriods) != fmt.Sprint(ref.periods) {
		fail("Periods = %v\nthe model says %v", gotPeriods, ref.periods)
	}
	invs, err := collect(s.Invoices(period.Period{Start: start, End: horizon}))
	if err != nil {
		fail("Invoices: %v", err)
	}
	var got []refInvoice
	for _, inv := range invs {
		got = append(got, refInvoice{issue: inv.IssueDate, period: inv.Period, total: inv.Total.Minor()})
	}
	if fmt.Sprint(got) != fmt.Sprint(ref.invoices) {
		fail("Invoices = %v\nthe model says %v", got, ref.invoices)
	}
	end, ok := s.TerminationDate()
	if ref.hasEnd && (!ok || end != ref.end) {
		fail("TerminationDate = %s, %t; the model says %s", end, ok, ref.end)
	}
	if ok && end < horizon && !ref.hasEnd {
		fail("TerminationDate = %s; the model has no end before %s", end, horizon)
	}
}

// TestReferenceModelAcceptance runs the model on the acceptance scenarios
// it covers, so that the model itself is checked against DESIGN's numbers.
func TestReferenceModelAcceptance(t *testing.T) {
	d := period.MustParseDate
	ten := refPlan{price: 1000}
	issues := func(r refResult) []string {
		var out []string
		for _, inv := range r.invoices {
			out = append(out, inv.issue.String())
		}
		return out
	}
	// S-01: no invoice at a restart before the period's end.
	r := simulate(ten, d("2021-10-01"), []refEvent{{kind: refSuspend, on: d("2021-10-15")}, {kind: refRestart, on: d("2021-10-20")}}, d("2021-12-05"))
	if got := fmt.Sprint(issues(r)); got != "[2021-10-01 2021-11-01 2021-12-01]" {
		t.Errorf("S-01 issues %s", got)
	}
	// S-02: a renewal on the restart date.
	r = simulate(ten, d("2021-10-01"), []refEvent{{kind: refSuspend, on: d("2021-10-15")}, {kind: refRestart, on: d("2021-11-10")}}, d("2021-12-05"))
	if got := fmt.Sprint(issues(r)); got != "[2021-10-01 2021-11-10]" {
		t.Errorf("S-02 issues %s", got)
	}
	// W-01 and W-02: a whole period moved, or skipped.
	gym := refPlan{price: 4900, periods: 12}
	for _, skip := range []bool{false, true} {
		r = simulate(gym, d("2025-01-15"), []refEvent{{kind: refWhole, on: d("2025-03-01"), whole: period.Period{Start: d("2025-04-15"), End: d("2025-05-15")}, skip: skip}}, d("2027-01-01"))
		var sum int64
		for _, inv := range r.invoices {
			sum += inv.total
		}
		want := "2026-02-15 12 58800"
		if skip {
			want = "2026-01-15 11 53900"
		}
		if got := fmt.Sprint(r.end, len(r.invoices), sum); got != want {
			t.Errorf("W skip=%t: end, invoices, total = %s; want %s", skip, got, want)
		}
	}
	// F-02: an extension of 2 periods at 30.00.
	amt := int64(3000)
	r = simulate(refPlan{price: 3000, periods: 12}, d("2025-01-15"), []refEvent{{kind: refFlexible, on: d("2025-03-01"),
		days: period.Period{Start: d("2025-03-10"), End: d("2025-04-21")}, ext: 2, amt: &amt}}, d("2027-01-01"))
	if got := fmt.Sprint(r.end, len(r.invoices), r.state(d("2025-03-10")), r.state(d("2025-04-21"))); got != "2026-03-15 14 paused active" {
		t.Errorf("F-02: %s", got)
	}
}
