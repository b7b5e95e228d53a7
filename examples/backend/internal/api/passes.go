package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
)

type passView struct {
	ID      string          `json:"id"`
	Version int64           `json:"version"`
	Pass    json.RawMessage `json:"pass"`
}

// createPass serves POST /subscriptions/{id}/passes {"id"?, "pass":{…}}: a
// prepaid pass or class card sold beside the subscription.
func (s *Server) createPass(w http.ResponseWriter, r *http.Request) error {
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	var req struct {
		ID   string          `json:"id"`
		Pass json.RawMessage `json:"pass"`
	}
	if err := decodeStrict(raw, &req); err != nil {
		return err
	}
	if req.ID == "" {
		req.ID = newID("pass_")
	}
	if !idPattern.MatchString(req.ID) {
		return &billing.FieldError{Field: "id", Err: fmt.Errorf("%w: want 1 to 64 of A-Z a-z 0-9 _ . -", billing.ErrBadRequest)}
	}
	p, err := billing.DecodePass(req.Pass)
	if err != nil {
		return err
	}
	body, err := p.JSON()
	if err != nil {
		return err
	}
	row := store.PassRow{ID: req.ID, SubscriptionID: r.PathValue("id"), Body: body}
	if err := s.Store.CreatePass(r.Context(), row); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, passView{ID: row.ID, Version: 1, Pass: body})
}

// listPasses serves GET /subscriptions/{id}/passes.
func (s *Server) listPasses(w http.ResponseWriter, r *http.Request) error {
	rows, err := s.Store.Passes(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := []passView{}
	for _, p := range rows {
		out = append(out, passView{ID: p.ID, Version: p.Version, Pass: p.Body})
	}
	return writeJSON(w, http.StatusOK, out)
}

// passCommand serves POST /subscriptions/{id}/passes/{pass}/commands/{name}
// {"on":…}: "freeze" from that day (the first it cannot be used) or
// "unfreeze" on it.
func (s *Server) passCommand(w http.ResponseWriter, r *http.Request) error {
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	on, err := billing.DecodeDayBody(raw)
	if err != nil {
		return err
	}
	for try := 0; ; try++ {
		row, err := s.Store.Pass(r.Context(), r.PathValue("id"), r.PathValue("pass"))
		if err != nil {
			return err
		}
		p, err := billing.DecodePass(row.Body)
		if err != nil {
			return err
		}
		if p, err = p.ApplyPass(r.PathValue("name"), on); err != nil {
			return err
		}
		if row.Body, err = p.JSON(); err != nil {
			return err
		}
		v, err := s.Store.UpdatePass(r.Context(), row, row.Version)
		if errors.Is(err, store.ErrConflict) && try < maxTries {
			continue
		}
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, passView{ID: row.ID, Version: v, Pass: row.Body})
	}
}
