// Command gym tells the story of a 12-month gym membership and its pauses.
//
// The member signs up on 1 January 2025 for twelve months at 49.00 EUR a
// month. In February they announce a two-week vacation in March: a flexible
// pause whose invoices keep their amount, compensated by one
// extra month at the end. In May an injury keeps them away for June and July:
// a whole-period pause that moves those two months to the end, with
// no invoice where they stood. Their class card is frozen for the injury and
// unfrozen when they come back. The classes they had booked on paused
// days are reported so the front desk can delete them.
//
// The program prints the timeline, the invoices, the pauses by reason, the
// class card's freeze, and the bookings to cancel.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"text/tabwriter"

	"github.com/billcycle/billcycle/invoice"
	"github.com/billcycle/billcycle/pause"
	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
)

var (
	start = period.MustParseDate("2025-01-01")
	today = period.MustParseDate("2025-09-01") // the fixed "as of" date
	span  = period.Period{Start: start, End: period.MustParseDate("2026-05-01")}

	// Days 2025-03-10 through 2025-03-23, decided on 2025-02-20.
	vacationOn   = period.MustParseDate("2025-02-20")
	vacationDays = period.Period{Start: period.MustParseDate("2025-03-10"), End: period.MustParseDate("2025-03-24")}

	// June and July 2025, decided on 2025-05-20.
	injuryOn      = period.MustParseDate("2025-05-20")
	injuryPeriods = []period.Period{
		{Start: period.MustParseDate("2025-06-01"), End: period.MustParseDate("2025-07-01")},
		{Start: period.MustParseDate("2025-07-01"), End: period.MustParseDate("2025-08-01")},
	}

	// The class card: 10 sessions, 3 used, valid April to June 2025; frozen
	// for the injury, unfrozen when the member is back.
	card = pause.Pass{
		Valid:    period.Period{Start: period.MustParseDate("2025-04-01"), End: period.MustParseDate("2025-07-01")},
		Sessions: 10,
		Used:     3,
	}
	cardFrozenFrom = period.MustParseDate("2025-06-01")
	cardUnfrozenOn = period.MustParseDate("2025-08-01")

	bookings = []pause.Booking{
		{On: period.MustParseDate("2025-03-07"), ID: "spin-0307"},
		{On: period.MustParseDate("2025-03-10"), ID: "yoga-0310"},
		{On: period.MustParseDate("2025-03-18"), ID: "hiit-0318"},
		{On: period.MustParseDate("2025-03-23"), ID: "yoga-0323"},
		{On: period.MustParseDate("2025-03-24"), ID: "spin-0324"},
		{On: period.MustParseDate("2025-05-31"), ID: "pilates-0531"},
		{On: period.MustParseDate("2025-06-02"), ID: "pilates-0602"},
		{On: period.MustParseDate("2025-07-31"), ID: "boxing-0731"},
		{On: period.MustParseDate("2025-08-01"), ID: "boxing-0801"},
	}
)

func plan() subscription.Plan {
	return subscription.Plan{
		Name:    "Gym 12 months",
		Every:   period.Monthly,
		Price:   invoice.Price{Recurring: invoice.MustParseMoney("49.00", invoice.EUR)},
		Periods: 12,
	}
}

func membership() (subscription.Subscription, error) {
	s, err := subscription.New(subscription.Terms{Plan: plan(), Start: start, Beneficiary: "member:4711"})
	if err != nil {
		return s, err
	}
	s, err = s.AddFlexiblePause(vacationOn, pause.Flexible{
		Days:      vacationDays,
		Reason:    "vacation",
		Extension: pause.Extension{Periods: 1},
	})
	if err != nil {
		return s, err
	}
	return s.AddWholePeriodPause(injuryOn, pause.WholePeriod{Periods: injuryPeriods, Reason: "injury"})
}

func run(w io.Writer) error {
	base, err := subscription.New(subscription.Terms{Plan: plan(), Start: start, Beneficiary: "member:4711"})
	if err != nil {
		return err
	}
	baseEnd, _ := base.TerminationDate()

	fmt.Fprintf(w, "Membership %q: %s at %s, %d periods from %s (ends %s without pauses); today is %s\n",
		plan().Name, plan().Every, plan().Price.Recurring, plan().Periods, start, baseEnd, today)

	fmt.Fprintf(w, "\nVacation %s previewed on %s: billing periods touched\n", vacationDays, vacationOn)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  billing period\tpaused days\tsuggested if prorated")
	for t := range base.PreviewFlexiblePause(vacationDays) {
		sug, err := pause.SuggestedAmount(plan().Price.Recurring, t)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "  %s\t%d / %d\t%s\n", t.Period, t.PausedDays, t.Days, sug)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	s, err := membership()
	if err != nil {
		return err
	}
	tl, err := s.Timeline(span, today)
	if err != nil {
		return err
	}
	end, _ := s.TerminationDate()
	fmt.Fprintf(w, "\nTermination: %s (last day %s)\n", end, end-1)

	fmt.Fprintln(w, "\nTimeline")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  state\tfrom\tlast day\tdays\tentitled")
	for _, seg := range tl.Segments {
		last, _ := seg.Period.Last()
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%v\n", seg.State, seg.Period.Start, last, seg.Period.Days(), seg.State.Entitled())
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nBilling periods")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tperiod\tpaused")
	for _, bp := range tl.Periods {
		paused := "-"
		if bp.Paused {
			paused = "moved to the end (" + bp.PauseReason + ")"
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\n", bp.Number, bp.Period, paused)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nInvoices as of %s\n", today)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  issue date\tperiod\tstatus\tline\t  amount")
	total := invoice.Zero(invoice.EUR)
	for _, ti := range tl.Invoices {
		inv := ti.Invoice
		status := "planned"
		if ti.Issued {
			status = "issued"
		}
		kind := "-"
		if len(inv.Lines) > 0 {
			kind = inv.Lines[0].Kind.String()
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%8s\n", inv.IssueDate, inv.Period, status, kind, inv.Total.Text())
		if total, err = total.Add(inv.Total); err != nil {
			return err
		}
	}
	fmt.Fprintf(tw, "  %d invoices\t\t\t\t%8s\n", len(tl.Invoices), total.Text())
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nPauses by reason")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  reason\tid\tdecided\tkind\tdays\tpaused\textension")
	for _, reason := range []string{"vacation", "injury"} {
		for p := range s.Pauses(reason) {
			switch {
			case p.Flexible != nil:
				last, _ := p.Flexible.Days.Last()
				fmt.Fprintf(tw, "  %s\t%d\t%s\tflexible\t%d\t%s … %s\t+%d period(s)\n",
					reason, p.ID, p.On, p.Flexible.Days.Days(), p.Flexible.Days.Start, last, p.Flexible.Extension.Periods)
			case p.WholePeriod != nil:
				for i, bp := range p.WholePeriod.Periods {
					move := "moved to the end"
					if p.WholePeriod.SkipOnly {
						move = "skipped"
					}
					if i == 0 {
						fmt.Fprintf(tw, "  %s\t%d\t%s\twhole period\t%d\t%s\t%s\n", reason, p.ID, p.On, p.WholePeriod.Days(), bp, move)
					} else {
						fmt.Fprintf(tw, "  \t\t\t\t\t%s\t%s\n", bp, move)
					}
				}
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	frozen, err := card.Freeze(cardFrozenFrom)
	if err != nil {
		return err
	}
	back, err := frozen.Unfreeze(cardUnfrozenOn)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nClass card")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  step\tvalid\tdays\tsessions left\tkept")
	for _, row := range []struct {
		step string
		p    pause.Pass
	}{
		{"bought", card},
		{"frozen from " + cardFrozenFrom.String(), frozen},
		{"unfrozen on " + cardUnfrozenOn.String(), back},
	} {
		left, _ := row.p.SessionsLeft()
		kept := "-"
		if row.p.IsFrozen() {
			kept = fmt.Sprintf("%d days", row.p.Frozen.RemainingDays)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%s\n", row.step, row.p.Valid, row.p.Valid.Days(), left, kept)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nBookings on paused days")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  booking\tday\ttreatment")
	hit, err := pause.Hit(bookings, slices.Collect(s.PausedRanges()), pause.Delete)
	if err != nil {
		return err
	}
	for a := range hit {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", a.Booking.ID, a.Booking.On, a.Treatment)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "(%d bookings checked against %d paused ranges)\n", len(bookings), len(slices.Collect(s.PausedRanges())))
	return nil
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gym:", err)
		os.Exit(1)
	}
}
