package subscription

import (
	"slices"
	"sort"

	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/rickb777/date/v2"
)

// index is what a projection resolves once for the views: the termination
// date, and the billing periods that whole-period pauses remove and that
// pause fees land on, by their position among all billing periods
// (run.slotBase + k − run.firstK). Every lookup is a binary search.
type index struct {
	end   date.Date
	whole []wholeSlot // by position
	moved []int       // positions of the moved whole-paused periods, sorted
	fees  []feeSlot   // by position
	// grants are, per discount granted, the billed number of the first
	// period it applies to; -1 if none does.
	grants []int
	// docs are the documents of the changes inside periods.
	docs docs
	// err is what resolving the documents failed with, reported by the
	// views of invoices; nil for a subscription that a command accepted.
	err error
}

// pauseIndex is what the pauses resolve to on their own, rebuilt when a
// pause is added or deleted and shared by the values that have the same
// pauses: the paused days in order, the extensions and the overrides.
type pauseIndex struct {
	paused []pausedDays // by start
	exts   []extension  // by first counted number
	overs  []override   // by period start
}

// pausedDays is a range of paused days and the pause behind it.
type pausedDays struct {
	days  period.Period
	pause int // index in model.pauses
}

// wholeSlot is a billing period removed by a whole-period pause.
type wholeSlot struct {
	pos   int
	pause int
}

// feeSlot is the billing period whose invoice carries a pause's fee.
type feeSlot struct {
	pos   int
	pause int
}

// extension is the periods, counted towards the term, that a flexible
// pause adds.
type extension struct {
	first, n int
	pause    int
}

// override is the invoice of one billing period that a flexible pause
// overrides.
type override struct {
	period period.Period
	o      pause.InvoiceOverride
	pause  int
}

// project returns the fold with everything it schedules fired to the end
// of time, and its index.
func (m *model) project() *model {
	p := m.clone()
	p.tail = &tail{}
	p.advance(forever - 1)
	p.now = m.now
	idx := &p.idx
	idx.end, _ = p.endDate()
	p.projected = true // endDate reads idx from now on
	for i := range p.pauses {
		if w := p.pauses[i].whole; w != nil {
			for _, pp := range w.Periods {
				if pos, ok := p.slotPos(pp); ok {
					idx.whole = append(idx.whole, wholeSlot{pos: pos, pause: i})
					if !w.SkipOnly {
						idx.moved = append(idx.moved, pos)
					}
				}
			}
		}
	}
	slices.SortFunc(idx.whole, func(a, b wholeSlot) int { return a.pos - b.pos })
	slices.Sort(idx.moved)
	// Fees land on the first invoice issued after their pause was decided,
	// which needs the whole-paused periods above.
	for i := range p.pauses {
		if pr := &p.pauses[i]; pr.fee != nil {
			if pos, ok := p.firstBilledAfter(pr.on); ok {
				idx.fees = append(idx.fees, feeSlot{pos: pos, pause: i})
			}
		}
	}
	slices.SortFunc(idx.fees, func(a, b feeSlot) int { return a.pos - b.pos })
	for _, g := range p.grants.all() {
		base := -1
		for s := range p.slots(g.on, forever) {
			if s.paused < 0 && p.issueDate(s) >= g.on {
				base = s.billed
				break
			}
		}
		idx.grants = append(idx.grants, base)
	}
	idx.err = p.resolveDocs()
	return p
}

// runOf returns the index of the last run that starts on or before d, or
// -1 if d is before the first.
func (m *model) runOf(d date.Date) int {
	return sort.Search(m.nruns(), func(i int) bool { return m.run(i).from > d }) - 1
}

// slotPos returns the position of the billing period p among all billing
// periods, and false if p is not exactly one of them.
func (m *model) slotPos(p period.Period) (int, bool) {
	i := m.runOf(p.Start)
	if i < 0 {
		return 0, false
	}
	r := m.run(i)
	k, ok := slotIndex(r, p)
	if !ok {
		return 0, false
	}
	return r.slotBase + k - r.firstK, true
}

// newPauseIndex returns the index of pauses.
func newPauseIndex(pauses []pauseRec) *pauseIndex {
	x := &pauseIndex{}
	for i := range pauses {
		pr := &pauses[i]
		for _, r := range pr.ranges() {
			x.paused = append(x.paused, pausedDays{days: r, pause: i})
		}
		if pr.flex != nil {
			if n := pr.flex.Extension.Periods; n > 0 {
				x.exts = append(x.exts, extension{first: pr.extStart, n: n, pause: i})
			}
			for _, o := range pr.flex.Overrides {
				x.overs = append(x.overs, override{period: o.Period, o: o, pause: i})
			}
		}
	}
	slices.SortFunc(x.paused, func(a, b pausedDays) int { return int(a.days.Start - b.days.Start) })
	slices.SortFunc(x.exts, func(a, b extension) int { return a.first - b.first })
	slices.SortFunc(x.overs, func(a, b override) int { return int(a.period.Start - b.period.Start) })
	return x
}

// pausedIn returns the index in paused of the range that holds d, or of
// the last range that starts before it, or -1.
func (x *pauseIndex) pausedIn(d date.Date) int {
	if x == nil {
		return -1
	}
	return sort.Search(len(x.paused), func(i int) bool { return x.paused[i].days.Start > d }) - 1
}

// overlap returns the first paused range that shares a day with r, and
// false if none does.
func (x *pauseIndex) overlap(r period.Period) (pausedDays, bool) {
	if x == nil {
		return pausedDays{}, false
	}
	i := max(0, x.pausedIn(r.Start))
	for ; i < len(x.paused) && x.paused[i].days.Start < r.End; i++ {
		if x.paused[i].days.Overlaps(r) {
			return x.paused[i], true
		}
	}
	return pausedDays{}, false
}

// wholeAt returns the index of the pause that removes the billing period
// at position pos, and false if none does.
func (x *index) wholeAt(pos int) (int, bool) {
	i := sort.Search(len(x.whole), func(i int) bool { return x.whole[i].pos >= pos })
	if i < len(x.whole) && x.whole[i].pos == pos {
		return x.whole[i].pause, true
	}
	return 0, false
}

// pausedBelow returns the number of whole-paused periods before position
// pos, and movedBelow the number of those moved to the end.
func (x *index) pausedBelow(pos int) int {
	return sort.Search(len(x.whole), func(i int) bool { return x.whole[i].pos >= pos })
}

func (x *index) movedBelow(pos int) int { return countBelow(x.moved, pos) }

// extensionOf returns the index of the pause whose extension added the
// period counted counted towards the term, and false if none did. Where
// extensions overlap — a termination date set after one cut its periods
// off, and a later one added periods from that date — the later pause
// added the period.
func (x *pauseIndex) extensionOf(counted int) (int, bool) {
	if x == nil {
		return 0, false
	}
	found := -1
	for _, e := range x.exts {
		if e.first > counted {
			break
		}
		if counted < e.first+e.n && e.pause > found {
			found = e.pause
		}
	}
	return found, found >= 0
}
