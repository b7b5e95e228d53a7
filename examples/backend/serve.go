package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/billcycle/billcycle/examples/backend/internal/api"
	"github.com/billcycle/billcycle/examples/backend/internal/job"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

// serveCmd serves the API on addr until ctx ends, with the daily job run at
// dailyAt (HH:MM) in time zone tz, and once at start for today.
func serveCmd(ctx context.Context, dsn, addr, dailyAt, tz string, out io.Writer) error {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return fmt.Errorf("-tz: %w", err)
	}
	at, err := time.Parse("15:04", dailyAt)
	if err != nil {
		return fmt.Errorf("-daily-at %q: want HH:MM", dailyAt)
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(out, nil))
	runner := &job.Runner{Store: st, PSP: &job.FakePSP{}, Workers: 2}
	srv := &http.Server{Handler: (&api.Server{Store: st, Runner: runner, Log: log}).Handler(),
		ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	log.Info("serving", "addr", ln.Addr().String(), "db", st.Dialect().String(), "daily_at", dailyAt, "tz", loc.String())
	t := trigger{now: time.Now, after: time.After, loc: loc, at: time.Duration(at.Hour())*time.Hour + time.Duration(at.Minute())*time.Minute}
	go t.loop(ctx, func(d date.Date) {
		rep, err := runner.RunDue(ctx, d)
		log.Info("daily job", "day", d.String(), "subscriptions", rep.Subscriptions, "invoices", rep.Invoices,
			"charges", rep.Charges, "errors", len(rep.Errors), "drift", len(rep.Drift), "err", err)
	})
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// trigger calls run once a day at a time of day in a time zone, and once at
// start for the current day. Its clock and timer are fields, for tests.
type trigger struct {
	now   func() time.Time
	after func(time.Duration) <-chan time.Time
	loc   *time.Location
	at    time.Duration // since local midnight
}

// next returns when the next run after t is due, and the day it runs for.
func (t trigger) next(now time.Time) (time.Time, date.Date) {
	local := now.In(t.loc)
	y, m, d := local.Date()
	fire := time.Date(y, m, d, 0, 0, 0, 0, t.loc).Add(t.at)
	if !fire.After(local) {
		fire = time.Date(y, m, d+1, 0, 0, 0, 0, t.loc).Add(t.at)
	}
	return fire, date.NewAt(fire)
}

// loop runs until ctx ends.
func (t trigger) loop(ctx context.Context, run func(date.Date)) {
	run(date.NewAt(t.now().In(t.loc)))
	for {
		fire, day := t.next(t.now())
		select {
		case <-ctx.Done():
			return
		case <-t.after(fire.Sub(t.now())):
			run(day)
		}
	}
}
