package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/rickb777/date/v2"
)

// span reads ?from=&to=, defaulting to the 366 days from def.
func span(r *http.Request, def date.Date) (date.Date, date.Date, error) {
	from, err := queryDay(r, "from", def, true)
	if err != nil {
		return 0, 0, err
	}
	to, err := queryDay(r, "to", from+366, true)
	if err != nil {
		return 0, 0, err
	}
	if to < from {
		return 0, 0, &billing.FieldError{Field: "to", Err: fmt.Errorf("%w: %s is before from %s", billing.ErrBadRequest, to, from)}
	}
	return from, to, nil
}

// state serves GET /subscriptions/{id}/state?on=YYYY-MM-DD.
func (s *Server) state(w http.ResponseWriter, r *http.Request) error {
	on, err := queryDay(r, "on", 0, false)
	if err != nil {
		return err
	}
	_, sub, err := s.load(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		On string `json:"on"`
		billing.Status
	}{on.String(), sub.StatusOn(on)})
}

// timeline serves GET /subscriptions/{id}/timeline?from=&to=&as_of=; the
// span defaults to the year from the start, as_of to the last day the job
// handled (or from).
func (s *Server) timeline(w http.ResponseWriter, r *http.Request) error {
	row, sub, err := s.load(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	from, to, err := span(r, sub.Start())
	if err != nil {
		return err
	}
	def := from
	if row.HasProcessed {
		def = row.ProcessedThrough
	}
	asOf, err := queryDay(r, "as_of", def, true)
	if err != nil {
		return err
	}
	b, err := sub.TimelineJSON(from, to, asOf)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, json.RawMessage(b))
}

// invoiceView is a document in the API — an invoice or a credit note —
// with its number once issued.
type invoiceView struct {
	Number    string          `json:"number,omitempty"`
	Kind      string          `json:"kind"`
	Key       string          `json:"key"`
	Credits   string          `json:"credits,omitempty"`
	IssueDate string          `json:"issue_date"`
	Issued    bool            `json:"issued"`
	Invoice   json.RawMessage `json:"invoice"`
}

// invoices serves GET /subscriptions/{id}/invoices: the issued invoices and
// credit notes, numbered, as filed; with ?from=&to= the documents the
// library issues on a day of that span, issued or planned, with their
// numbers once issued.
func (s *Server) invoices(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	_, sub, err := s.load(r, id)
	if err != nil {
		return err
	}
	filed, err := s.Store.Invoices(r.Context(), id)
	if err != nil {
		return err
	}
	out := []invoiceView{}
	q := r.URL.Query()
	if q.Get("from") == "" && q.Get("to") == "" {
		for _, f := range filed {
			out = append(out, invoiceView{Number: f.Ref(), Kind: f.Kind, Key: f.Key, Credits: f.Credits,
				IssueDate: f.IssueDate.String(), Issued: true, Invoice: f.Body})
		}
		return writeJSON(w, http.StatusOK, out)
	}
	from, to, err := span(r, sub.Start())
	if err != nil {
		return err
	}
	computed, err := sub.Invoices(from, to)
	if err != nil {
		return err
	}
	numbers := map[string]string{}
	for _, f := range filed {
		numbers[f.Key] = f.Ref()
	}
	for _, c := range computed {
		n := numbers[c.Key]
		out = append(out, invoiceView{Number: n, Kind: c.Kind(), Key: c.Key, Credits: c.Credits,
			IssueDate: c.IssueDate.String(), Issued: n != "", Invoice: c.JSON})
	}
	return writeJSON(w, http.StatusOK, out)
}

// agenda serves GET /subscriptions/{id}/agenda?from=&to=: what the daily
// job will act on, as the library's actions in date order.
func (s *Server) agenda(w http.ResponseWriter, r *http.Request) error {
	_, sub, err := s.load(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	from, to, err := span(r, sub.Start())
	if err != nil {
		return err
	}
	b, err := sub.AgendaJSON(from, to)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, json.RawMessage(b))
}

// pauses serves GET /subscriptions/{id}/pauses?reason=.
func (s *Server) pauses(w http.ResponseWriter, r *http.Request) error {
	_, sub, err := s.load(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	b, err := sub.PausesJSON(r.URL.Query().Get("reason"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, json.RawMessage(b))
}

// outbox serves GET /outbox?after=&subscription=&limit=: undelivered
// domain events in order, for a webhook sender.
func (s *Server) outbox(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	after, limit := int64(0), 100
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return &billing.FieldError{Field: "after", Err: fmt.Errorf("%w: not a non-negative integer", billing.ErrBadRequest)}
		}
		after = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return &billing.FieldError{Field: "limit", Err: fmt.Errorf("%w: want 1 to 1000", billing.ErrBadRequest)}
		}
		limit = n
	}
	msgs, err := s.Store.OutboxAfter(r.Context(), after, q.Get("subscription"), limit)
	if err != nil {
		return err
	}
	type view struct {
		ID             int64           `json:"id"`
		SubscriptionID string          `json:"subscription_id"`
		Topic          string          `json:"topic"`
		On             string          `json:"on"`
		Payload        json.RawMessage `json:"payload"`
	}
	out := []view{}
	for _, m := range msgs {
		out = append(out, view{m.ID, m.SubscriptionID, m.Topic, m.On.String(), m.Payload})
	}
	return writeJSON(w, http.StatusOK, out)
}

// runDue serves POST /jobs/run-due {"on":"YYYY-MM-DD"}: the daily job for
// that day, as `backend run-due -date` runs it.
func (s *Server) runDue(w http.ResponseWriter, r *http.Request) error {
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	day, err := billing.DecodeDayBody(raw)
	if err != nil {
		return err
	}
	rep, err := s.Runner.RunDue(r.Context(), day)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

// outboxDelivered serves POST /outbox/delivered {"through": id}: the
// webhook sender has sent every message up to that id.
func (s *Server) outboxDelivered(w http.ResponseWriter, r *http.Request) error {
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	var req struct {
		Through *int64 `json:"through"`
	}
	if err := decodeStrict(raw, &req); err != nil {
		return err
	}
	if req.Through == nil || *req.Through < 0 {
		return &billing.FieldError{Field: "through", Err: fmt.Errorf("%w: want the id of the last message sent", billing.ErrBadRequest)}
	}
	if err := s.Store.MarkDelivered(r.Context(), *req.Through); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
