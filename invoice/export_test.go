package invoice

// BuildDecimal exposes Build's decimal path to the external tests, which
// check the int64 fast path against it.
func BuildDecimal(s Spec) (Invoice, error) {
	if err := s.validate(); err != nil {
		return Invoice{}, err
	}
	return buildDecimal(s), nil
}

// BuildMinor exposes Build's int64 fast path; ok is false when it declines.
func BuildMinor(s Spec) (inv Invoice, ok bool) { return buildMinor(s) }
