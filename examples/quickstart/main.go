// Command quickstart prints the first billing periods of a monthly schedule
// anchored on January 31: the anchor day comes back whenever the month has it.
package main

import (
	"fmt"

	"github.com/billcycle/billcycle/period"
)

func main() {
	s := period.Schedule{Anchor: period.MustParseDate("2024-01-31"), Every: period.Monthly}
	fmt.Println("monthly from 2024-01-31:")
	n := 0
	for p := range s.PeriodsFrom(s.Anchor) {
		last, _ := p.Last()
		fmt.Printf("  period %2d  %s  (%2d days, last day %s)\n", n, p, p.Days(), last)
		if n++; n == 6 {
			break
		}
	}
	p, k, _ := s.PeriodOf(period.MustParseDate("2124-03-15"))
	fmt.Printf("2124-03-15 lies in period %d: %s\n", k, p)
}
