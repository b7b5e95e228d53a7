// Command dailyrun is the daily job of a billing backend over a generated
// population of subscriptions: for one day it issues the invoices that fall
// due, makes the charge attempts that are planned and acts on the changes
// of state that take effect, as billcycle's Agenda lists them.
//
// It runs the job twice: a full scan of every subscription, then with an
// index of NextAction dates — what a backend keeps in an indexed column —
// visiting only the subscriptions due that day. The library is pure, so
// the job fans out over one goroutine per core.
//
//	go run ./examples/dailyrun            # 1,000,000 subscriptions
//	go run ./examples/dailyrun -n 20000   # a smaller population
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/billcycle/billcycle/period"
	"github.com/billcycle/billcycle/subscription"
	"github.com/rickb777/date/v2"
)

func main() {
	n := flag.Int("n", 1_000_000, "number of subscriptions")
	seed := flag.Uint64("seed", 1, "seed of the population")
	day := flag.String("date", "2026-11-30", "the day of the run (YYYY-MM-DD)")
	flag.Parse()
	on, err := period.ParseDate(*day)
	if err == nil {
		err = run(os.Stdout, *n, *seed, on)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dailyrun:", err)
		os.Exit(1)
	}
}

// tally is what a run did.
type tally struct {
	scanned, invoices, attempts, changes int
}

func (t *tally) add(o tally) {
	t.scanned += o.scanned
	t.invoices += o.invoices
	t.attempts += o.attempts
	t.changes += o.changes
}

// act runs the daily job on one subscription: what its agenda holds on day.
func act(s subscription.Subscription, day period.Period, t *tally) {
	t.scanned++
	for a := range s.Agenda(day) {
		switch a.Kind {
		case subscription.ActionInvoice:
			t.invoices++ // a backend stores a.Invoice and charges it
		case subscription.ActionAttempt:
			t.attempts++ // a backend charges the invoice due a.Attempt.Due again
		default:
			t.changes++ // a backend revokes or grants access, notifies
		}
	}
}

// fanOut calls job on each of the n items, split over one goroutine per
// core, and adds up the tallies.
func fanOut(n int, job func(i int, t *tally)) tally {
	workers := runtime.GOMAXPROCS(0)
	parts := make([]tally, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				job(i, &parts[w])
			}
		}()
	}
	wg.Wait()
	var total tally
	for _, p := range parts {
		total.add(p)
	}
	return total
}

func run(w io.Writer, n int, seed uint64, on date.Date) error {
	start := time.Now()
	subs, err := population(n, seed, on)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "population: %d subscriptions from seed %d, built in %s\n", n, seed, time.Since(start).Round(time.Millisecond))
	day := period.Period{Start: on, End: on + 1}

	scan := measure(n, func() tally {
		return fanOut(n, func(i int, t *tally) { act(subs[i], day, t) })
	})
	fmt.Fprintf(w, "full scan on %s:\n%s", on, scan)

	// The index a backend keeps: each subscription's next action on or
	// after the day, as stored after the previous run.
	type entry struct {
		on  date.Date
		sub int
	}
	index := make([]entry, 0, n)
	for i, s := range subs {
		if next, ok := s.NextAction(on - 1); ok {
			index = append(index, entry{next, i})
		}
	}
	slices.SortFunc(index, func(a, b entry) int { return int(a.on - b.on) })
	due := index[:0:0]
	for _, e := range index {
		if e.on > on {
			break
		}
		due = append(due, e)
	}
	indexed := measure(n, func() tally {
		return fanOut(len(due), func(i int, t *tally) {
			s := subs[due[i].sub]
			act(s, day, t)
			s.NextAction(on) // the date the backend stores for the next run
		})
	})
	fmt.Fprintf(w, "with the NextAction index (%d of %d due):\n%s", len(due), n, indexed)
	if got, want := indexed.tally, scan.tally; got.invoices != want.invoices || got.attempts != want.attempts || got.changes != want.changes {
		return fmt.Errorf("the index run did %+v, the full scan %+v", got, want)
	}
	return nil
}

// result is a tally with its costs.
type result struct {
	tally
	wall, cpu time.Duration
	allocs    uint64
	perSub    int // the population the costs are divided by
}

func (r result) String() string {
	per := float64(max(r.perSub, 1))
	return fmt.Sprintf("  subscriptions scanned %d, invoices issued %d, attempts due %d, state changes %d\n"+
		"  wall %s, CPU %s (%.0f ns per subscription of the population), %.2f allocations per subscription\n",
		r.scanned, r.invoices, r.attempts, r.changes, r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond),
		float64(r.cpu.Nanoseconds())/per, float64(r.allocs)/per)
}

// measure runs job and returns its tally with its wall and CPU time and
// allocations, divided by the population n.
func measure(n int, job func() tally) result {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuTime()
	t0 := time.Now()
	t := job()
	wall := time.Since(t0)
	cpu := cpuTime() - cpu0
	runtime.ReadMemStats(&after)
	return result{tally: t, wall: wall, cpu: cpu, allocs: after.Mallocs - before.Mallocs, perSub: n}
}

// cpuTime returns the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
