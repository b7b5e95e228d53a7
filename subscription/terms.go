package subscription

import (
	"fmt"
	"unicode/utf8"

	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// forever stands for "no end" inside the package; it never leaves it.
const forever = date.Date(1 << 40)

// lastDay is the last date billcycle handles, 9999-12-31: every date it
// returns has a four-digit year, so its ISO text parses back strictly.
const lastDay = period.MaxDate

// terms is what a subscription is created with, checked and resolved once
// by New and then shared, never changed, by every value built from it.
type terms struct {
	plan        Plan // a deep copy: the caller's slices are not kept
	start       date.Date
	anchor      date.Date
	anchorSet   bool // Terms.Anchor was given
	buyer       string
	beneficiary string
	// lead is the trial in days, or the stub before a later anchor; it is
	// empty when there is neither.
	lead period.Period
	// trialEnd is the first day after the trial; the start when there is
	// no trial.
	trialEnd date.Date
	// termEnd is the end of the plan's fixed term, forever without one.
	termEnd date.Date
	// seg0 and known0 back the first items of a fold's lists.
	seg0   [1]seg
	known0 [1]knownEnd
}

// newTerms checks t and resolves its anchor, lead and trial. It returns an
// error wrapping ErrInvalidPlan for a plan that cannot work, and one
// wrapping ErrInvalidTerms for an anchor before the start or more than one
// period after it, dates after 9999-12-31, or a buyer or beneficiary that
// is not UTF-8 text of at most MaxRefLen bytes.
func newTerms(t Terms) (*terms, error) {
	if err := t.Plan.Validate(); err != nil {
		return nil, err
	}
	p := t.Plan.clone()
	tm := &terms{plan: p, start: t.Start, anchor: t.Start + date.Date(p.Trial.Days),
		buyer: t.Buyer, beneficiary: t.Beneficiary, trialEnd: t.Start}
	if err := checkRefs(t); err != nil {
		return nil, err
	}
	if err := period.CheckDate(t.Start); err != nil {
		return nil, fmt.Errorf("%w: start: %w", ErrInvalidTerms, err)
	}
	if t.Anchor != nil {
		if p.Trial.Days > 0 && *t.Anchor != tm.anchor {
			return nil, fmt.Errorf("%w: anchor %s with a %d-day trial from %s", ErrInvalidTerms, *t.Anchor, p.Trial.Days, t.Start)
		}
		limit := boundary(period.Schedule{Anchor: t.Start, Every: p.Every}, 1)
		if *t.Anchor < t.Start || *t.Anchor >= limit {
			return nil, fmt.Errorf("%w: anchor %s not in [%s, %s)", ErrInvalidTerms, *t.Anchor, t.Start, limit)
		}
		tm.anchor, tm.anchorSet = *t.Anchor, true
	}
	sched := period.Schedule{Anchor: tm.anchor, Every: p.Every}
	switch {
	case p.Trial.Days > 0:
		tm.trialEnd = tm.anchor
		tm.lead = period.Period{Start: t.Start, End: tm.anchor}
	case tm.anchor > t.Start:
		tm.lead = period.Period{Start: t.Start, End: tm.anchor}
	}
	if p.Trial.Periods > 0 {
		tm.trialEnd = boundary(sched, p.Trial.Periods)
	}
	if tm.anchor > lastDay || tm.trialEnd > lastDay {
		return nil, fmt.Errorf("%w: start %s, anchor %s: dates after %s", ErrInvalidTerms, t.Start, tm.anchor, lastDay)
	}
	tm.termEnd = forever
	if p.Periods > 0 {
		if tm.termEnd = boundary(sched, p.Periods); tm.termEnd > lastDay || tm.termEnd <= tm.anchor {
			return nil, fmt.Errorf("%w: a term of %d periods from %s ends after %s", ErrInvalidTerms, p.Periods, tm.anchor, lastDay)
		}
	}
	tm.seg0[0] = seg{from: tm.start, state: Active, cause: -1}
	tm.known0[0] = knownEnd{on: tm.start, end: tm.termEnd}
	return tm, nil
}

// checkRefs checks the buyer and beneficiary of t: UTF-8 text, so that
// JSON keeps them exactly, of at most MaxRefLen bytes.
func checkRefs(t Terms) error {
	for _, f := range []struct{ name, v string }{{"buyer", t.Buyer}, {"beneficiary", t.Beneficiary}} {
		if len(f.v) > MaxRefLen || !utf8.ValidString(f.v) {
			return fmt.Errorf("%w: %s %q of %d bytes: want UTF-8 text of at most %d", ErrInvalidTerms, f.name, clip(f.v), len(f.v), MaxRefLen)
		}
	}
	return nil
}

// firstRun returns the run the subscription starts with.
func (t *terms) firstRun() run {
	return run{sched: period.Schedule{Anchor: t.anchor, Every: t.plan.Every}, plan: &t.plan, from: t.anchor, until: forever, cause: -1}
}

// stubBilled returns 1 when the stub before a later anchor is billed
// before the first period, which then counts it; 0 otherwise.
func (t *terms) stubBilled() int {
	if t.lead.Days() > 0 && t.plan.Trial.Days == 0 {
		return 1
	}
	return 0
}

// toTerms returns the public form of the terms.
func (t *terms) toTerms() Terms {
	out := Terms{Plan: t.plan.clone(), Start: t.start, Buyer: t.buyer, Beneficiary: t.beneficiary}
	if t.anchorSet {
		a := t.anchor
		out.Anchor = &a
	}
	return out
}

// initial fills m with the fold of an empty log, which also serves as its
// projection: nothing it schedules changes a view but the end of the term,
// which its index holds. m can live on the caller's stack, so that the
// views of a subscription without events allocate nothing.
func (t *terms) initial(m *model) {
	*m = model{}
	m.t, m.status, m.now, m.cur = t, Active, t.start, t.firstRun()
	m.segs.items, m.known.items = t.seg0[:], t.known0[:]
	m.lastEnd, m.unpaidFrom, m.end, m.endCause, m.endMark, m.invalidAt = t.start, forever, forever, -1, -1, forever
	m.pend.changeAt, m.pend.autoAt = forever, forever
	m.idx.end, m.projected = t.termEnd, true
}
