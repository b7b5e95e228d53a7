package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
)

// bytesReader reads b.
func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// fieldOf turns a decoding error into a *billing.FieldError naming the field.
func fieldOf(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &billing.FieldError{Field: te.Field, Err: fmt.Errorf("%w: want %s", billing.ErrBadRequest, te.Type)}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return &billing.FieldError{Field: strings.Trim(name, `"`), Err: fmt.Errorf("%w: unknown field", billing.ErrBadRequest)}
	}
	return &billing.FieldError{Field: "body", Err: fmt.Errorf("%w: %v", billing.ErrBadRequest, err)}
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

type createRequest struct {
	ID     string          `json:"id"`
	Series string          `json:"series"`
	Terms  json.RawMessage `json:"terms"`
}

// create serves POST /subscriptions: {"id"?, "series"?, "terms":{…}}.
// An Idempotency-Key header makes a retried creation return the first one.
func (s *Server) create(w http.ResponseWriter, r *http.Request) error {
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	var req createRequest
	if err := decodeStrict(raw, &req); err != nil {
		return err
	}
	if req.ID == "" {
		req.ID = newID("sub_")
	}
	if req.Series == "" {
		req.Series = "INV"
	}
	for field, v := range map[string]string{"id": req.ID, "series": req.Series} {
		if !idPattern.MatchString(v) {
			return &billing.FieldError{Field: field, Err: fmt.Errorf("%w: want 1 to 64 of A-Z a-z 0-9 _ . -", billing.ErrBadRequest)}
		}
	}
	if len(req.Terms) == 0 {
		return &billing.FieldError{Field: "terms", Err: fmt.Errorf("%w: required", billing.ErrBadRequest)}
	}
	sub, terms, err := billing.NewSubscription(req.Terms)
	if err != nil {
		return err
	}
	next, hasNext := sub.NextAction(sub.Start() - 1)
	id, replayed, err := s.Store.CreateSubscription(r.Context(), store.NewSubscription{
		ID: req.ID, Series: req.Series, Terms: terms, NextActionOn: next, HasNext: hasNext,
		IdempotencyKey: r.Header.Get("Idempotency-Key"),
	})
	if err != nil {
		return err
	}
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", "/subscriptions/"+id)
	return s.writeSubscription(w, r, id, http.StatusCreated)
}

// get serves GET /subscriptions/{id}.
func (s *Server) get(w http.ResponseWriter, r *http.Request) error {
	return s.writeSubscription(w, r, r.PathValue("id"), http.StatusOK)
}

// writeSubscription answers with subscription id, its log and bookkeeping.
func (s *Server) writeSubscription(w http.ResponseWriter, r *http.Request, id string, status int) error {
	row, sub, err := s.load(r, id)
	if err != nil {
		return err
	}
	body, err := sub.JSON()
	if err != nil {
		return err
	}
	out := map[string]any{"id": row.ID, "series": row.Series, "version": row.Version,
		"subscription": json.RawMessage(body)}
	if row.HasNext {
		out["next_action_on"] = row.NextActionOn.String()
	}
	if row.HasProcessed {
		out["processed_through"] = row.ProcessedThrough.String()
	}
	w.Header().Set("ETag", fmt.Sprintf(`"%d"`, row.Version))
	return writeJSON(w, status, out)
}

// load reads subscription id and replays its log.
func (s *Server) load(r *http.Request, id string) (store.Row, billing.Subscription, error) {
	row, err := s.Store.Load(r.Context(), id)
	if err != nil {
		return row, billing.Subscription{}, err
	}
	sub, err := billing.Replay(row.Terms, row.Events)
	return row, sub, err
}

// commandAnswer is the answer to a command, the same bytes when an
// idempotent retry replays it. Event is null for a command that changed
// nothing (a payment recorded again).
type commandAnswer struct {
	SubscriptionID string          `json:"subscription_id"`
	Version        int64           `json:"version"`
	Event          json.RawMessage `json:"event"`
}

// maxTries bounds the optimistic retries of a command without a version.
const maxTries = 20

// command serves POST /subscriptions/{id}/commands/{name}. The body may
// carry "version": the append then fails with 409 if another command got
// there first; without it the server retries on the fresh state. An
// Idempotency-Key header makes a retried request return the first answer
// and append nothing. The event keeps the body's "ref", and in its
// metadata the X-Caller header and the idempotency key.
func (s *Server) command(w http.ResponseWriter, r *http.Request) error {
	id, name := r.PathValue("id"), r.PathValue("name")
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	cmd, err := billing.DecodeCommand(name, raw)
	if err != nil {
		return err
	}
	key := r.Header.Get("Idempotency-Key")
	if cmd.Meta, err = billing.MetaFor(r.Header.Get("X-Caller"), key); err != nil {
		return err
	}
	sum := sha256.Sum256(append([]byte(name+"\n"), raw...))
	hash := hex.EncodeToString(sum[:])
	for try := 0; ; try++ {
		if key != "" {
			if done, err := s.replay(w, r, id, key, hash); done || err != nil {
				return err
			}
		}
		seq, ev, err := s.tryCommand(r, id, cmd, key, hash)
		if (errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrDuplicate)) && try < maxTries {
			continue
		}
		if err != nil {
			return err
		}
		w.Header().Set("ETag", fmt.Sprintf(`"%d"`, seq))
		return writeJSON(w, http.StatusOK, commandAnswer{SubscriptionID: id, Version: seq, Event: ev.JSON})
	}
}

// replay answers a request whose idempotency key already appended an event.
func (s *Server) replay(w http.ResponseWriter, r *http.Request, id, key, hash string) (bool, error) {
	ev, ok, err := s.Store.EventByKey(r.Context(), id, key)
	if err != nil || !ok {
		return false, err
	}
	if ev.RequestHash != hash {
		return true, newError(http.StatusUnprocessableEntity, "idempotency_key_reused",
			"idempotency key %q of subscription %q was used for another request", key, id)
	}
	w.Header().Set("Idempotent-Replayed", "true")
	w.Header().Set("ETag", fmt.Sprintf(`"%d"`, ev.Seq))
	return true, writeJSON(w, http.StatusOK, commandAnswer{SubscriptionID: id, Version: ev.Seq, Event: ev.JSON})
}

// tryCommand applies cmd to the subscription as stored now and appends the
// event if nobody appended meanwhile.
func (s *Server) tryCommand(r *http.Request, id string, cmd billing.Command, key, hash string) (int64, billing.Event, error) {
	row, sub, err := s.load(r, id)
	if err != nil {
		return 0, billing.Event{}, err
	}
	if cmd.Version != nil && *cmd.Version != row.Version {
		return 0, billing.Event{}, newError(http.StatusConflict, "version_conflict",
			"subscription %q is at version %d, the request read %d", id, row.Version, *cmd.Version)
	}
	if row.HasProcessed && cmd.On < row.ProcessedThrough {
		return 0, billing.Event{}, newError(http.StatusUnprocessableEntity, "backdated",
			"%s on %s: the daily job already handled %s", cmd.Name, cmd.On, row.ProcessedThrough)
	}
	next, ev, err := sub.Apply(cmd)
	if err != nil || ev.JSON == nil {
		return row.Version, ev, err
	}
	if row.HasProcessed && cmd.On == row.ProcessedThrough {
		if err := s.checkHandledDay(r, id, sub, next, cmd); err != nil {
			return 0, billing.Event{}, err
		}
	}
	// Look again from the last day the job handled: a command may add
	// something due that very day (a restart's renewal invoice, say).
	from := sub.Start() - 1
	if row.HasProcessed {
		from = row.ProcessedThrough - 1
	}
	nextOn, hasNext := next.NextAction(from)
	seq, err := s.Store.Append(r.Context(), id, row.Version, store.NewEvent{
		Kind: ev.Kind, On: ev.On, JSON: ev.JSON, IdempotencyKey: key, RequestHash: hash,
	}, nextOn, hasNext)
	return seq, ev, err
}

// checkHandledDay refuses a command dated on the last day the job handled
// that would change what the job filed or charged that day: rewrite a
// document issued that day (filed, and frozen), or add an invoice issued
// that day once that day's invoices are charged (the library keys payments
// by issue date, so it could never be charged on its own). Dated the next
// day, the command is billed as it should be.
func (s *Server) checkHandledDay(r *http.Request, id string, before, after billing.Subscription, cmd billing.Command) error {
	rewrites, adds, err := after.ChangesOn(before, cmd.On)
	if err != nil || (!rewrites && !adds) {
		return err
	}
	if !rewrites {
		charged, err := s.Store.HasCharge(r.Context(), id, cmd.On)
		if err != nil || !charged {
			return err
		}
	}
	return newError(http.StatusUnprocessableEntity, "backdated",
		"%s on %s changes the invoices of that day, which the daily job has filed and charged: give it on %s",
		cmd.Name, cmd.On, cmd.On+1)
}

// preview serves POST /subscriptions/{id}/preview/{name}?from=&to=&as_of=:
// the timelines before and after the command, nothing stored. The span
// defaults to the year from the command's date, as_of to that date.
func (s *Server) preview(w http.ResponseWriter, r *http.Request) error {
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	cmd, err := billing.DecodeCommand(r.PathValue("name"), raw)
	if err != nil {
		return err
	}
	from, to, err := span(r, cmd.On)
	if err != nil {
		return err
	}
	asOf, err := queryDay(r, "as_of", cmd.On, true)
	if err != nil {
		return err
	}
	_, sub, err := s.load(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	b, err := sub.PreviewJSON(cmd, from, to, asOf)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, json.RawMessage(b))
}
