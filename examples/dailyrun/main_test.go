package main

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/billcycle/billcycle/period"
)

func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, 5000, 7, period.MustParseDate("2026-11-30")); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	counts := regexp.MustCompile(`invoices issued (\d+), attempts due (\d+), state changes (\d+)`).FindAllStringSubmatch(out, -1)
	if len(counts) != 2 {
		t.Fatalf("want two runs in:\n%s", out)
	}
	if counts[0][1] != counts[1][1] || counts[0][3] != counts[1][3] {
		t.Errorf("the full scan and the index run differ:\n%s", out)
	}
	if n, _ := strconv.Atoi(counts[0][1]); n < 1000 {
		t.Errorf("%d invoices on a month end; want many:\n%s", n, out)
	}
}

func TestPopulationIsDeterministic(t *testing.T) {
	on := period.MustParseDate("2026-11-30")
	a, err := population(500, 3, on)
	if err != nil {
		t.Fatal(err)
	}
	b, err := population(500, 3, on)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if a[i].String() != b[i].String() || len(slices.Collect(a[i].Events())) != len(slices.Collect(b[i].Events())) {
			t.Fatalf("subscription %d differs between two builds: %s, %s", i, a[i], b[i])
		}
	}
}
