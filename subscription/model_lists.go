package subscription

import (
	"sort"

	"github.com/rickb777/date/v2"
)

// This file holds the fold's lists: the state changes, the runs, the
// retry periods and the termination dates known, each an append-only
// list of the fold followed by what a projection adds.

// newModel returns the fold of an empty log.
func newModel(t *terms) *model {
	m := &model{}
	t.initial(m)
	m.idx, m.projected = index{}, false // a fold has no index
	return m
}

// recordEnd records the termination date known after an event on date on:
// the projection's, what the views report. It reports whether that
// projection ends past 9999-12-31 (see endBeyondCalendar).
func (m *model) recordEnd(on date.Date) (beyond bool) {
	end, _ := m.endDate()
	beyond = m.endBeyondCalendar()
	if p := m.pend; p.suspension != nil || p.change != nil || p.autoAt != forever {
		probe := m.clone()
		probe.tail = &tail{} // nothing of it is kept
		probe.advance(forever - 1)
		end, _ = probe.endDate()
		beyond = beyond || probe.endBeyondCalendar()
	}
	if last := m.known.items[m.known.len()-1]; last.end != end {
		m.known = m.known.push(knownEnd{on: on, end: end})
	}
	return beyond
}

// endKnownOn returns the termination date known on day d: after the events
// of that day for a day of the log, the projection's for a later one.
func (m *model) endKnownOn(d date.Date) date.Date {
	if d > m.now && m.projected {
		return m.idx.end
	}
	items := m.known.all()
	i := sort.Search(len(items), func(i int) bool { return items[i].on > d }) - 1
	return items[max(i, 0)].end
}

// clone returns a copy of m that shares its append-only lists.
func (m *model) clone() *model {
	c := *m
	return &c
}

// nsegs returns the number of state changes, the projection's included.
func (m *model) nsegs() int {
	n := m.segs.len()
	if m.tail != nil {
		n += len(m.tail.segs)
	}
	return n
}

// seg returns state change i.
func (m *model) seg(i int) seg {
	if n := m.segs.len(); i >= n {
		return m.tail.segs[i-n]
	}
	return m.segs.items[i]
}

// pushSeg appends a state change.
func (m *model) pushSeg(s seg) {
	if m.tail != nil {
		m.tail.segs = append(m.tail.segs, s)
		return
	}
	m.segs = m.segs.push(s)
}

// nruns returns the number of runs, the one in progress included.
func (m *model) nruns() int {
	n := m.runs.len() + 1
	if m.tail != nil {
		n += len(m.tail.runs)
	}
	return n
}

// run returns run i; the last is the run in progress.
func (m *model) run(i int) *run {
	n := m.runs.len()
	switch {
	case i < n:
		return &m.runs.items[i]
	case m.tail != nil && i-n < len(m.tail.runs):
		return &m.tail.runs[i-n]
	}
	return &m.cur
}

// pushRun closes the run in progress and makes r the run in progress.
func (m *model) pushRun(r run) {
	if m.tail != nil {
		m.tail.runs = append(m.tail.runs, m.cur)
	} else {
		m.runs = m.runs.push(m.cur)
	}
	m.cur = r
}

// baseAt returns the base state on d: the last state change on or before
// it, or pending before the start.
func (m *model) baseAt(d date.Date) seg {
	i := sort.Search(m.nsegs(), func(i int) bool { return m.seg(i).from > d }) - 1
	if i < 0 {
		return seg{from: m.t.start, state: Pending, cause: -1}
	}
	return m.seg(i)
}

// setState records the base state s from date d on, caused by the event at
// log index cause. A change on the day of the last one shadows it, so the
// last event of a day wins.
func (m *model) setState(d date.Date, s State, r Reason, cause int) {
	m.status = s
	last := m.seg(m.nsegs() - 1)
	if last.from != d && last.state == s && last.reason == r {
		return
	}
	m.pushSeg(seg{from: d, state: s, reason: r, cause: cause})
}

// running returns the base state of a subscription that is running.
func (m *model) running() State {
	switch {
	case m.open != nil:
		return PastDue
	case m.pend.suspension != nil:
		return SuspensionScheduled
	}
	return Active
}

// stateOn returns the state on d with the pending, trial and paused
// overlays, and the pause behind a paused day.
func (m *model) stateOn(d date.Date) (State, Reason) {
	if d < m.t.start {
		return Pending, 0
	}
	if end, ok := m.endDate(); ok && d >= end {
		return Terminated, 0
	}
	b := m.baseAt(d)
	if !b.state.Entitled() {
		return b.state, b.reason
	}
	if _, ok := m.pausedOn(d); ok {
		return Paused, 0
	}
	if d < m.t.trialEnd && b.state == Active {
		return Trial, 0
	}
	return b.state, b.reason
}

// nretries returns the number of settled retry periods, the projection's
// included.
func (m *model) nretries() int {
	n := m.retries.len()
	if m.tail != nil {
		n += len(m.tail.retries)
	}
	return n
}

// retry returns settled retry period i.
func (m *model) retry(i int) *retryRec {
	if n := m.retries.len(); i >= n {
		return &m.tail.retries[i-n]
	}
	return &m.retries.items[i]
}

// pushRetry appends a settled retry period and returns it.
func (m *model) pushRetry(r retryRec) *retryRec {
	if m.tail != nil {
		m.tail.retries = append(m.tail.retries, r)
		return &m.tail.retries[len(m.tail.retries)-1]
	}
	m.retries = m.retries.push(r)
	return &m.retries.items[m.retries.len()-1]
}
