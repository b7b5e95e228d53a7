package subscription_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/retry"
	"github.com/billcycle/billcycle/subscription"
)

// hostileCase is one named hostile input: run feeds it to a constructor, a
// command, a decoder or a view, and want is the sentinel its error must
// match; msg, when set, is a text the message must contain (the offending
// value). A case without want is a view check: run returns nil when the
// view behaves as its doc says (nothing, or false, for what it cannot
// show) and an error saying how it does not.
type hostileCase struct {
	name string
	run  func() error
	want error
	msg  string
}

// hostileCorpus collects the cases of TestHostile, by class.
type hostileCorpus struct {
	class string
	cases []hostileCase
	count map[string]int
}

// add adds a case that must fail with an error matching want.
func (c *hostileCorpus) add(name string, want error, run func() error) {
	c.addMsg(name, want, "", run)
}

// addMsg adds a case that must fail with an error matching want whose
// message contains msg.
func (c *hostileCorpus) addMsg(name string, want error, msg string, run func() error) {
	c.cases = append(c.cases, hostileCase{name: c.class + "/" + name, run: run, want: want, msg: msg})
	c.count[c.class]++
}

// view adds a view check: check returns an error when the view breaks its
// doc.
func (c *hostileCorpus) view(name string, check func() error) {
	c.addMsg(name, nil, "", check)
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

// hostileSentinels are every sentinel of billcycle: an error matching none
// of them is untyped.
var hostileSentinels = []error{
	subscription.ErrTerminated, subscription.ErrNotSuspended, subscription.ErrInvalidTransition,
	subscription.ErrBeforeStart, subscription.ErrOutOfOrder, subscription.ErrInvalidPlan,
	subscription.ErrInvalidEvent, subscription.ErrNoEnd, subscription.ErrNoTerms, subscription.ErrInvalidTerms,
	subscription.ErrInvalidView, subscription.ErrNotDue, subscription.ErrPeriodInvoiced,
	subscription.ErrNotBillingPeriod, subscription.ErrOverlap, subscription.ErrPauseNotFound, subscription.ErrOrphanPause,
	period.ErrInvalidUnit, period.ErrInvalidRecurrence, period.ErrInvalidRange, period.ErrEmptyPeriod,
	period.ErrInvalidFraction, period.ErrInvalidDate,
	invoice.ErrUnknownCurrency, invoice.ErrCurrencyMismatch, invoice.ErrInvalidAmount, invoice.ErrOutOfRange,
	invoice.ErrInvalidWeights, invoice.ErrInvalidPercent, invoice.ErrInvalidKind, invoice.ErrInvalidQuantity,
	invoice.ErrInvalidPrice, invoice.ErrInvalidFeature, invoice.ErrInvalidTiers, invoice.ErrInvalidDiscount,
	invoice.ErrInvalidProration, invoice.ErrOverrideReason, invoice.ErrInvalidSpec, invoice.ErrInvalidInvoice,
	pause.ErrReasonRequired, pause.ErrInvalidPause, pause.ErrPolicy, pause.ErrInvalidPolicy, pause.ErrInvalidPass,
	pause.ErrOutsideValidity, pause.ErrAlreadyFrozen, pause.ErrNotFrozen, pause.ErrUnfreezeBeforeFreeze,
	retry.ErrInvalidPolicy, retry.ErrRetryTooLong, retry.ErrExhausted, retry.ErrNotAttemptDay, retry.ErrOutOfOrder,
	retry.ErrSettled, retry.ErrOutsidePeriod, retry.ErrInvalidCount, retry.ErrInvalidStatus,
}

// hostileMatches returns the sentinels err matches.
func hostileMatches(err error) []error {
	var out []error
	for _, s := range hostileSentinels {
		if errors.Is(err, s) {
			out = append(out, s)
		}
	}
	return out
}

// hostilePrefix finds a package prefix said twice in a message.
var hostilePrefix = regexp.MustCompile(`: (subscription|period|invoice|pause|retry): `)

// hostileDeviation is a command's error that breaks the commands'
// contract otherwise: it is not an *EventError, or the receiver changed.
type hostileDeviation struct {
	what string
	err  error
}

// Error returns what the deviation is, then the command's error.
func (d *hostileDeviation) Error() string { return d.what + ": " + d.err.Error() }

// Unwrap returns the command's error.
func (d *hostileDeviation) Unwrap() error { return d.err }

// hCmd returns a case body running cmd on s: a refused command must
// return an *EventError and leave the receiver as it was.
func hCmd(s subscription.Subscription, cmd func(s subscription.Subscription) (subscription.Subscription, error)) func() error {
	return func() error {
		before, _ := json.Marshal(s)
		got, err := cmd(s)
		if err == nil {
			return nil
		}
		var ee *subscription.EventError
		if !errors.As(err, &ee) {
			return &hostileDeviation{what: "not an *EventError", err: err}
		}
		if after, _ := json.Marshal(got); got.Len() != s.Len() || string(after) != string(before) {
			return &hostileDeviation{what: "refused, yet the returned subscription differs from the receiver", err: err}
		}
		return err
	}
}

// hostileTimeout bounds a case: a view or a command that loops for ever
// is reported, not waited for. (Its goroutine spins on until the test
// binary exits.)
const hostileTimeout = 10 * time.Second

// hostileCall runs fn, turning a panic into an error, and reports whether
// it panicked or did not return within hostileTimeout.
func hostileCall(fn func() error) (panicked, hung bool, err error) {
	type result struct {
		err      error
		panicked bool
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{fmt.Errorf("panic: %v", r), true}
			}
		}()
		done <- result{err: fn()}
	}()
	select {
	case r := <-done:
		return r.panicked, false, r.err
	case <-time.After(hostileTimeout):
		return false, true, fmt.Errorf("no return within %s", hostileTimeout)
	}
}

// The outcomes of a case. Only the first two pass: an error must match
// its sentinel, name the offending value and say one package prefix.
const (
	hTyped    = "typed error"
	hViewOK   = "view as documented"
	hPrefixed = "typed error, package prefix repeated"
	hPanic    = "panic"
	hHang     = "hang"
	hSilent   = "silent acceptance"
	hWrong    = "wrong sentinel"
	hUntyped  = "untyped error"
	hUnnamed  = "message without the value"
	hBroken   = "view breaking its doc"
	hDeviant  = "not an *EventError, or receiver changed"
)

// hostileOrder is the order in which the outcomes are logged.
var hostileOrder = []string{hTyped, hPrefixed, hViewOK, hPanic, hHang, hSilent, hWrong, hUntyped, hUnnamed, hBroken, hDeviant}

// runHostile runs the corpus: every case must return an error matching
// its sentinel — never nil (silent acceptance), never a panic or a hang,
// never another sentinel or an untyped error — and every view check must
// pass. It logs the counts by class and by outcome.
func runHostile(t *testing.T, c *hostileCorpus) {
	t.Helper()
	total := map[string]int{}
	byClass := map[string]map[string]int{}
	var classes []string
	seen := map[string]bool{}
	for _, tc := range c.cases {
		if seen[tc.name] {
			t.Errorf("two cases named %q", tc.name)
		}
		seen[tc.name] = true
		class, _, _ := strings.Cut(tc.name, "/")
		if byClass[class] == nil {
			byClass[class] = map[string]int{}
			classes = append(classes, class)
		}
		t.Run(tc.name, func(t *testing.T) {
			o := hostileOne(t, tc)
			total[o]++
			byClass[class][o]++
		})
	}
	t.Logf("hostile corpus: %d cases: %s", len(c.cases), hostileCounts(total))
	for _, class := range classes {
		t.Logf("  %-10s %d cases: %s", class, c.count[class], hostileCounts(byClass[class]))
	}
}

// hostileCounts formats counts by outcome, in hostileOrder.
func hostileCounts(n map[string]int) string {
	var parts []string
	for _, o := range hostileOrder {
		if n[o] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[o], o))
		}
	}
	return strings.Join(parts, ", ")
}

// hostileOne runs one case, reports it if it fails, and returns its
// outcome.
func hostileOne(t *testing.T, tc hostileCase) string {
	panicked, hung, err := hostileCall(tc.run)
	switch {
	case hung:
		t.Errorf("hangs: %v", err)
		return hHang
	case panicked:
		t.Errorf("panicked: %v", err)
		return hPanic
	case errors.As(err, new(*hostileDeviation)):
		t.Errorf("%v", err)
		return hDeviant
	case tc.want == nil && err != nil:
		t.Errorf("view breaks its doc: %v", err)
		return hBroken
	case tc.want == nil:
		return hViewOK
	case err == nil:
		t.Errorf("accepted silently; want an error matching %v", tc.want)
		return hSilent
	case !errors.Is(err, tc.want):
		if m := hostileMatches(err); len(m) > 0 {
			t.Errorf("error %q matches %v, not %v", err, m, tc.want)
			return hWrong
		}
		t.Errorf("untyped error %q (%T); want one matching %v", err, err, tc.want)
		return hUntyped
	case tc.msg != "" && !strings.Contains(err.Error(), tc.msg):
		t.Errorf("error %q does not name %q", err, tc.msg)
		return hUnnamed
	case hostilePrefix.MatchString(err.Error()):
		t.Errorf("error %q repeats a package prefix", err)
		return hPrefixed
	}
	return hTyped
}

// TestHostile is subscription's hostile-input corpus (issue 12): terms
// and plans at and beyond the bounds of the calendar and of every count,
// amounts in another currency, every command with hostile arguments,
// events built by hand, every JSON decoder fed what is not its form, and
// the views asked about spans outside the calendar.
func TestHostile(t *testing.T) {
	fx := hostileSetup(t)
	hostileControls(t, fx)
	c := &hostileCorpus{count: map[string]int{}}
	c.class = "terms"
	hostileTerms(c)
	hostilePlans(c)
	c.class = "command"
	hostileLifecycle(c, fx)
	hostilePauses(c, fx)
	hostilePayments(c, fx)
	hostileChanges(c, fx)
	c.class = "no terms"
	hostileZero(c)
	c.class = "terminated"
	hostileTerminated(c, fx)
	c.class = "apply"
	hostileApply(c, fx)
	c.class = "json"
	hostileJSONPlan(c)
	hostileJSONEvent(c)
	hostileJSONSubscription(c)
	hostileJSONViews(c)
	hostileJSONTimeline(c)
	c.class = "view"
	hostileViews(c, fx)
	runHostile(t, c)
}
