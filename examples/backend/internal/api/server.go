// Package api is the backend's HTTP JSON API on net/http, with Go 1.22
// route patterns. Errors are RFC 9457 application/problem+json with a
// stable code; a body that is not JSON, or a bad date, is a 400 naming the
// field, never a 500; bodies are size-limited.
package api

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/job"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
	"github.com/rickb777/date/v2"
)

// MaxBody is the largest request body accepted, in bytes.
const MaxBody = 1 << 20

// Server serves the API.
type Server struct {
	// Store is the database.
	Store *store.Store
	// Runner runs the daily job for POST /jobs/run-due.
	Runner *job.Runner
	// Log gets the errors that become 500s.
	Log *slog.Logger
}

// Handler returns the API's routes.
func (s *Server) Handler() http.Handler {
	if s.Log == nil {
		s.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	mux := http.NewServeMux()
	routes := map[string]func(http.ResponseWriter, *http.Request) error{
		"POST /subscriptions":                                    s.create,
		"GET /subscriptions/{id}":                                s.get,
		"POST /subscriptions/{id}/commands/{name}":               s.command,
		"POST /subscriptions/{id}/preview/{name}":                s.preview,
		"GET /subscriptions/{id}/state":                          s.state,
		"GET /subscriptions/{id}/timeline":                       s.timeline,
		"GET /subscriptions/{id}/invoices":                       s.invoices,
		"GET /subscriptions/{id}/agenda":                         s.agenda,
		"GET /subscriptions/{id}/pauses":                         s.pauses,
		"POST /subscriptions/{id}/passes":                        s.createPass,
		"GET /subscriptions/{id}/passes":                         s.listPasses,
		"POST /subscriptions/{id}/passes/{pass}/commands/{name}": s.passCommand,
		"GET /outbox":            s.outbox,
		"POST /outbox/delivered": s.outboxDelivered,
		"POST /jobs/run-due":     s.runDue,
		"GET /problems":          problemTypes,
		"/":                      notFound,
	}
	for pattern, h := range routes {
		mux.HandleFunc(pattern, s.wrap(h))
	}
	return mux
}

// wrap turns a handler's error into a problem response.
func (s *Server) wrap(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			writeProblem(w, r, err, s.Log)
		}
	}
}

// notFound answers any route the API does not have.
func notFound(_ http.ResponseWriter, r *http.Request) error {
	return newError(http.StatusNotFound, "not_found", "no route for %s %s", r.Method, r.URL.Path)
}

// readBody reads a request body of at most MaxBody bytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	return io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
}

// writeJSON sends v as JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}

// queryDay reads the date in query parameter name; a missing parameter is
// def when hasDef, else a 400 naming it.
func queryDay(r *http.Request, name string, def date.Date, hasDef bool) (date.Date, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		if hasDef {
			return def, nil
		}
		return 0, &billing.FieldError{Field: name, Err: billing.ErrBadRequest}
	}
	d, err := billing.ParseDay(v)
	if err != nil {
		return 0, &billing.FieldError{Field: name, Err: err}
	}
	return d, nil
}

// newID returns a random identifier with the given prefix.
func newID(prefix string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// decodeStrict decodes a JSON object into v, refusing unknown fields; the
// error is a *billing.FieldError naming the field at fault.
func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytesReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fieldOf(err)
	}
	if dec.More() {
		return &billing.FieldError{Field: "body", Err: billing.ErrBadRequest}
	}
	return nil
}
