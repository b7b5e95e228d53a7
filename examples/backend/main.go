// Command backend is a small, production-grade reference of a gym and SaaS
// billing backend built on billcycle: storage on SQLite (the default) or
// PostgreSQL, an HTTP JSON API, and the daily job that issues invoices and
// makes charges.
//
//	go run .                                  the demo: a gym member's and a SaaS customer's year
//	go run . -serve -addr :8080 [-db URL]     the HTTP API with its daily trigger
//	go run . run-due -date 2025-03-01 [-db URL] [-to 2025-03-31] [-workers 4]
//	go run . bench -n 100000 [-db URL]        the daily job over n subscriptions due on one day
//
// -db is a postgres:// URL or a SQLite file; without it the data lives in
// a SQLite file in a temporary folder.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

// main runs the command and exits 1 on failure.
func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "backend:", err)
		os.Exit(1)
	}
}

// run dispatches to the subcommand named by args[0], or to the demo or the
// server.
func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "run-due":
			return runDueCmd(ctx, args[1:], out)
		case "bench":
			return benchCmd(ctx, args[1:], out)
		}
	}
	fs := flag.NewFlagSet("backend", flag.ContinueOnError)
	serve := fs.Bool("serve", false, "serve the HTTP API instead of running the demo")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on with -serve")
	dsn := fs.String("db", "", "postgres:// URL or SQLite file (default: a file in a temporary folder)")
	dailyAt := fs.String("daily-at", "02:00", "time of day of the daily job with -serve (HH:MM)")
	tz := fs.String("tz", "Local", "time zone of the business's days with -serve")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unknown command %q (want run-due, bench, -serve or nothing for the demo)", fs.Arg(0))
	}
	db, cleanup, err := dsnOrTemp(*dsn)
	if err != nil {
		return err
	}
	defer cleanup()
	if *serve {
		return serveCmd(ctx, db, *addr, *dailyAt, *tz, out)
	}
	return demo(ctx, db, out)
}

// dsnOrTemp returns dsn, or a SQLite file in a new temporary folder that the
// returned function removes.
func dsnOrTemp(dsn string) (string, func(), error) {
	if dsn != "" {
		return dsn, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "billcycle-backend-")
	if err != nil {
		return "", nil, err
	}
	return filepath.Join(dir, "backend.db"), func() { os.RemoveAll(dir) }, nil
}
