package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/dbtest"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

const terms = `{"plan":{"every":"P1M","price":{"recurring":{"amount":"10.00","currency":"EUR"}}},"start":"2025-01-01"}`

var jan1 = date.New(2025, 1, 1)

func open(t *testing.T, db dbtest.DB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), db.DSN)
	if err != nil {
		t.Fatalf("Open(%s): %v", db.Name, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func create(t *testing.T, st *store.Store, id string) {
	t.Helper()
	_, canon, err := billing.NewSubscription([]byte(terms))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.CreateSubscription(context.Background(), store.NewSubscription{
		ID: id, Series: "T", Terms: canon, NextActionOn: jan1, HasNext: true}); err != nil {
		t.Fatalf("CreateSubscription(%s): %v", id, err)
	}
}

func TestMigrationsRunOnce(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		open(t, db)
		st := open(t, db) // a second start finds nothing to apply
		var n int
		if err := st.DB().QueryRow(`SELECT count(*) FROM goose_db_version WHERE version_id > 0`).Scan(&n); err != nil || n != 2 {
			t.Fatalf("applied migrations = %d, %v; want 2", n, err)
		}
	})
}

func TestCreateIdempotent(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		st, ctx := open(t, db), context.Background()
		n := store.NewSubscription{ID: "a", Series: "T", Terms: []byte(terms), IdempotencyKey: "k1"}
		if id, replayed, err := st.CreateSubscription(ctx, n); err != nil || id != "a" || replayed {
			t.Fatalf("first create = %s, %v, %v", id, replayed, err)
		}
		n.ID = "b" // a retry whose client drew a new ID still gets the first
		if id, replayed, err := st.CreateSubscription(ctx, n); err != nil || id != "a" || !replayed {
			t.Fatalf("retried create = %s, %v, %v; want a, true", id, replayed, err)
		}
		n.IdempotencyKey = ""
		n.ID = "a"
		if _, _, err := st.CreateSubscription(ctx, n); !errors.Is(err, store.ErrDuplicate) {
			t.Fatalf("create with a taken ID: %v; want ErrDuplicate", err)
		}
	})
}

func TestAppendVersions(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		st, ctx := open(t, db), context.Background()
		create(t, st, "s")
		ev := store.NewEvent{Kind: "suspend", On: jan1 + 10, JSON: []byte(`{"kind":"suspend"}`), IdempotencyKey: "k", RequestHash: "h"}
		if v, err := st.Append(ctx, "s", 0, ev, 0, false); err != nil || v != 1 {
			t.Fatalf("Append at 0 = %d, %v; want 1", v, err)
		}
		if _, err := st.Append(ctx, "s", 0, ev, 0, false); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("Append at a stale version: %v; want ErrConflict", err)
		}
		if _, err := st.Append(ctx, "s", 1, ev, 0, false); !errors.Is(err, store.ErrDuplicate) {
			t.Fatalf("Append with a used idempotency key: %v; want ErrDuplicate", err)
		}
		if _, err := st.Append(ctx, "nobody", 0, ev, 0, false); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Append to an unknown subscription: %v; want ErrNotFound", err)
		}
		got, ok, err := st.EventByKey(ctx, "s", "k")
		if err != nil || !ok || got.Seq != 1 || got.RequestHash != "h" || string(got.JSON) != string(ev.JSON) {
			t.Fatalf("EventByKey = %+v, %v, %v", got, ok, err)
		}
		row, err := st.Load(ctx, "s")
		if err != nil || row.Version != 1 || row.HasNext {
			t.Fatalf("Load = version %d, has next %v, %v; want 1, false", row.Version, row.HasNext, err)
		}
	})
}

// TestInvoicesNumberedAndFrozen issues invoices for three subscriptions
// and checks gap-free numbers, one filing per key, and that the database
// refuses to change or delete an issued invoice.
func TestInvoicesNumberedAndFrozen(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		st, ctx := open(t, db), context.Background()
		for _, id := range []string{"a", "b", "c"} {
			create(t, st, id)
		}
		for range 4 { // the fourth claim finds nothing due
			jt, ok, err := st.Claim(ctx, jan1)
			if err != nil || !ok {
				if err == nil {
					break
				}
				t.Fatal(err)
			}
			inv := store.StoredInvoice{Series: "T-2025", Key: "k1", IssueDate: jan1, TotalMinor: 1000, Currency: "EUR", Body: []byte(`{}`)}
			if _, filed, err := jt.IssueInvoice(ctx, inv); err != nil || !filed {
				t.Fatalf("IssueInvoice: %v, %v", filed, err)
			}
			if _, filed, err := jt.IssueInvoice(ctx, inv); err != nil || filed {
				t.Fatalf("IssueInvoice of the same key again: filed %v, %v; want false", filed, err)
			}
			if err := jt.Finish(ctx, 0, jan1+31, true, jan1); err != nil {
				t.Fatal(err)
			}
		}
		series, err := st.Series(ctx)
		if err != nil || len(series) != 1 || series[0] != (store.SeriesStats{Series: "T-2025", Count: 3, Min: 1, Max: 3}) {
			t.Fatalf("Series = %+v, %v; want T-2025 numbered 1…3", series, err)
		}
		if _, err := st.DB().Exec(`UPDATE invoices SET total_minor = 0`); err == nil {
			t.Fatal("an issued invoice was updated")
		}
		if _, err := st.DB().Exec(`DELETE FROM invoices`); err == nil {
			t.Fatal("an issued invoice was deleted")
		}
	})
}

func TestOutboxDedupe(t *testing.T) {
	dbtest.Both(t, func(t *testing.T, db dbtest.DB) {
		st, ctx := open(t, db), context.Background()
		create(t, st, "s")
		jt, ok, err := st.Claim(ctx, jan1)
		if err != nil || !ok {
			t.Fatalf("Claim: %v, %v", ok, err)
		}
		m := store.Message{Topic: "state.changed", On: jan1, DedupeKey: "state/x", Payload: []byte(`{"a":1}`)}
		if err := jt.Outbox(ctx, m, m); err != nil {
			t.Fatal(err)
		}
		if err := jt.Finish(ctx, 0, 0, false, jan1); err != nil {
			t.Fatal(err)
		}
		msgs, err := st.OutboxAfter(ctx, 0, "", 10)
		if err != nil || len(msgs) != 1 || msgs[0].Topic != "state.changed" {
			t.Fatalf("OutboxAfter = %+v, %v; want one message", msgs, err)
		}
		if err := st.MarkDelivered(ctx, msgs[0].ID); err != nil {
			t.Fatal(err)
		}
		if msgs, err := st.OutboxAfter(ctx, 0, "", 10); err != nil || len(msgs) != 0 {
			t.Fatalf("after delivery: %+v, %v; want none", msgs, err)
		}
	})
}

// TestClaimSkipsLocked checks that two workers on PostgreSQL never hold the
// same subscription: while one holds a row, the other gets the next one,
// and then nothing.
func TestClaimSkipsLocked(t *testing.T) {
	st, ctx := open(t, dbtest.Postgres(t)), context.Background()
	create(t, st, "a")
	create(t, st, "b")
	first, ok1, err1 := st.Claim(ctx, jan1)
	second, ok2, err2 := st.Claim(ctx, jan1)
	if err := errors.Join(err1, err2); err != nil || !ok1 || !ok2 {
		t.Fatalf("two claims: %v, %v, %v", ok1, ok2, err)
	}
	defer first.Rollback()
	defer second.Rollback()
	if first.Sub.ID == second.Sub.ID {
		t.Fatalf("both workers hold %s", first.Sub.ID)
	}
	if third, ok, err := st.Claim(ctx, jan1); err != nil || ok {
		if ok {
			third.Rollback()
		}
		t.Fatalf("third claim while both are held: %v, %v; want none", ok, err)
	}
}
