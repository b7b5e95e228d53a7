package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// client is a minimal client of the backend's API, for the demo and tests.
type client struct {
	base string
	http *http.Client
}

// response is an API answer.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// do sends a request with a JSON body (nil for none, a string or []byte as
// is, anything else marshalled) and the given headers, as name, value pairs.
func (c *client) do(method, path string, body any, headers ...string) (response, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return response{}, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: raw}, err
}

// must sends a request and fails unless the status is want; it decodes the
// answer into out when out is not nil.
func (c *client) must(want int, method, path string, body, out any, headers ...string) error {
	res, err := c.do(method, path, body, headers...)
	if err != nil {
		return err
	}
	if res.Status != want {
		return fmt.Errorf("%s %s: status %d, want %d: %s", method, path, res.Status, want, res.Body)
	}
	if out != nil {
		return json.Unmarshal(res.Body, out)
	}
	return nil
}
