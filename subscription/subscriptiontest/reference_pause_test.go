package subscriptiontest_test

// The pause commands of the reference model, and the automatic suspension
// they move.

import (
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

func (w *world) addPause(e *refEvent) error {
	rec := refPause{id: e.id, on: e.on, flex: e.kind == evFlexible, days: e.days, ext: e.ext, extAmt: e.extAmt,
		overrides: e.overrides, whole: e.whole, skip: e.skip, shiftsEnd: w.hasCmdEnd}
	// Replaying for a deletion, the pauses given after the deleted one
	// stand as they were given: only the extension's place is worked
	// out again. Whether they still fit is decided once the walk
	// reaches the deletion (see tryDelete).
	check := !w.replaying
	var before []refInvoice
	if check {
		if err := w.checkPause(rec, e.on); err != nil {
			return err
		}
		before = w.issuedThrough(e.on)
	}
	if err := w.placeExtension(&rec); err != nil {
		return err
	}
	if check {
		if err := w.checkOverridesIssued(rec, before); err != nil {
			return err
		}
	}
	w.pauses = append(w.pauses, rec)
	if check && !sameInvoices(before, w.issuedThrough(e.on)) {
		// Nor may the pause change the invoices its day issues: an
		// extension that moves a termination date today's renewal is
		// prorated to, say.
		return subscription.ErrPeriodInvoiced
	}
	if w.hasAuto {
		// The automatic suspension moves with the renewals the pause skips.
		w.autoAt = w.nextRenewal(w.autoFrom)
	}
	return nil
}

// checkPause checks a pause given on date on against the projection of
// the log so far: its days within the subscription's life and clear of
// the other pauses, its whole periods billing periods not started yet,
// its overrides billing periods it touches.
func (w *world) checkPause(rec refPause, on date.Date) error {
	limit := on
	for _, r := range rec.ranges() {
		limit = max(limit, r.End)
	}
	for _, o := range rec.overrides {
		limit = max(limit, o.p.End)
	}
	proj := w.projectFor(limit + 1)
	end, hasEnd := proj.end()
	for _, r := range rec.ranges() {
		if r.Start < w.cfg.start || (hasEnd && r.End > end) {
			if !rec.flex {
				// AddWholePeriodPause documents ErrNotBillingPeriod for a
				// range that is not a billing period before the
				// termination date (issue 10, defect 7).
				return subscription.ErrNotBillingPeriod
			}
			return pause.ErrInvalidPause
		}
		for _, o := range w.pauses {
			for _, or := range o.ranges() {
				if r.Overlaps(or) {
					return subscription.ErrOverlap
				}
			}
		}
	}
	for _, p := range rec.whole {
		if !proj.slotBeforeEnd(p) {
			return subscription.ErrNotBillingPeriod
		}
		if p.Start <= on {
			return subscription.ErrPeriodInvoiced
		}
	}
	for _, o := range rec.overrides {
		if !proj.slotBeforeEnd(o.p) || !o.p.Overlaps(rec.days) {
			return subscription.ErrNotBillingPeriod
		}
	}
	return nil
}

// placeExtension sets where the periods of a flexible pause's extension
// count towards the term: right after the termination date a command
// set, or after the term and the extensions before them; ErrNoEnd if
// the subscription has no such end.
func (w *world) placeExtension(rec *refPause) error {
	if rec.ext == 0 {
		return nil
	}
	cmd := w.shiftedCmdEnd()
	termEnd, hasTerm := w.projectTerm().termEnd()
	switch {
	case w.hasCmdEnd && w.isStart(cmd) && (!hasTerm || cmd <= termEnd):
		// While suspended no period lies ahead: they are counted on the
		// schedule as it stands.
		rec.extStart = w.projectFor(cmd).countedBefore(cmd)
		if w.status == stSuspended {
			rec.extStart = w.countedUntil(cmd)
		}
	case w.cfg.plan.periods > 0 && !w.hasCmdEnd:
		rec.extStart = w.target()
	default:
		return subscription.ErrNoEnd
	}
	return nil
}

// planAuto plans the automatic suspension for an invalid payment method
// at the first billed renewal after d, if the method is invalid and the
// plan in effect has the rule, and cancels it otherwise.
func (w *world) planAuto(d date.Date) {
	w.hasAuto = false
	if w.invalid && w.plan.invalidRule && w.status != stSuspended {
		w.autoAt, w.autoFrom, w.hasAuto = w.nextRenewal(d), d, true
	}
}

// checkOverridesIssued refuses an override that would change one of the
// invoices issued by the pause's date, that day's included (rules 9 and
// 10: "already invoiced as of the command's date"); one that leaves it
// exactly as it is may stand.
func (w *world) checkOverridesIssued(rec refPause, issued []refInvoice) error {
	for _, inv := range issued {
		for _, o := range rec.overrides {
			// A cut-short invoice names fewer days: it bills o.p all the same.
			if total, over := o.apply(inv.total, rec.days); inv.period.Start == o.p.Start && (total != inv.total || over != inv.over) {
				return subscription.ErrPeriodInvoiced
			}
		}
	}
	return nil
}
