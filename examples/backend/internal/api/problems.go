package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/billcycle/billcycle/examples/backend/internal/billing"
	"github.com/billcycle/billcycle/examples/backend/internal/store"
)

// Problem is an RFC 9457 problem detail, application/problem+json, with a
// stable Code per cause: clients switch on Code, people read Detail.
type Problem struct {
	// Type is a URI reference naming the problem type: /problems/{code}.
	Type string `json:"type"`
	// Title is the HTTP status text.
	Title string `json:"title"`
	// Status is the HTTP status code.
	Status int `json:"status"`
	// Detail explains this occurrence, with the offending values.
	Detail string `json:"detail"`
	// Instance is the path of the request.
	Instance string `json:"instance,omitempty"`
	// Code is the stable code, such as "terminated" or "invalid_date".
	Code string `json:"code"`
	// Field is the JSON path or query parameter at fault, for a 400.
	Field string `json:"field,omitempty"`
}

// apiError is a problem the API itself detects (not found, conflict, …).
type apiError struct {
	status int
	code   string
	detail string
	field  string
}

// Error returns the code and the detail.
func (e *apiError) Error() string { return e.code + ": " + e.detail }

// newError returns an API problem with a formatted detail.
func newError(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, detail: fmt.Sprintf(format, args...)}
}

// apiCodes are the codes the API adds to the library's (billing.Codes).
var apiCodes = map[string]string{
	"not_found":              "The subscription, pass or route does not exist.",
	"version_conflict":       "Another command changed the subscription after the version the request read: read it again.",
	"duplicate":              "The ID is already taken.",
	"idempotency_key_reused": "The idempotency key was used for another request.",
	"backdated":              "The command is dated before the last day the daily job handled: what it would change is already issued.",
	"body_too_large":         "The request body is larger than the server accepts.",
	"internal":               "The server failed; the request may be retried.",
}

// problemFor turns any error into a problem: the API's own, the library's
// sentinels (through billing.Classify), the store's, and else a 500 whose
// detail hides the cause (which is logged).
func problemFor(r *http.Request, err error, log *slog.Logger) Problem {
	p := Problem{Instance: r.URL.Path}
	var ae *apiError
	var fe *billing.FieldError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		p.Status, p.Code, p.Detail, p.Field = ae.status, ae.code, ae.detail, ae.field
	case errors.As(err, &tooLarge):
		p.Status, p.Code, p.Detail = http.StatusRequestEntityTooLarge, "body_too_large",
			fmt.Sprintf("the body is larger than %d bytes", tooLarge.Limit)
	case errors.Is(err, store.ErrNotFound):
		p.Status, p.Code, p.Detail = http.StatusNotFound, "not_found", err.Error()
	case errors.Is(err, store.ErrConflict):
		p.Status, p.Code, p.Detail = http.StatusConflict, "version_conflict", err.Error()
	case errors.Is(err, store.ErrDuplicate):
		p.Status, p.Code, p.Detail = http.StatusConflict, "duplicate", err.Error()
	default:
		code, status, ok := billing.Classify(err)
		if !ok {
			log.Error("request failed", "path", r.URL.Path, "err", err)
			p.Status, p.Code, p.Detail = http.StatusInternalServerError, "internal", "internal error"
			break
		}
		p.Status, p.Code, p.Detail = status, code, err.Error()
		if errors.As(err, &fe) {
			p.Field = fe.Field
		}
	}
	p.Type, p.Title = "/problems/"+p.Code, http.StatusText(p.Status)
	return p
}

// writeProblem sends err as application/problem+json.
func writeProblem(w http.ResponseWriter, r *http.Request, err error, log *slog.Logger) {
	p := problemFor(r, err, log)
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// problemTypes serves GET /problems: every stable code.
func problemTypes(w http.ResponseWriter, _ *http.Request) error {
	out := map[string]string{}
	for _, c := range billing.Codes() {
		out[c] = "Refused by billcycle or unreadable input; the detail names the values."
	}
	for c, d := range apiCodes {
		out[c] = d
	}
	return writeJSON(w, http.StatusOK, out)
}
