package pause_test

import "github.com/billcycle/billcycle/pause"

// flexibleEqual compares flexible pauses with Flexible.Equal.
func flexibleEqual(a, b pause.Flexible) bool { return a.Equal(b) }
