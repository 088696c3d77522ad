package fields

import "testing"

// BenchmarkSplitReadCases splits lines as `read` does: one variable, a few,
// and the rest-of-line case, with the default IFS and with a comma.
func BenchmarkSplitReadCases(b *testing.B) {
	cases := []struct {
		name, line, ifs string
		n               int
		raw             bool
	}{
		{"one var, IFS empty", "Content-Length: 1024\r", "", 1, true},
		{"three vars", "  GET /index.html HTTP/1.1  ", " \t\n", 3, true},
		{"rest of line", "a b c d e f g h i j k l m n o p", " \t\n", 2, true},
		{"comma IFS", "x,y,,z,last field", ",", 4, true},
		{"backslashes", `a\ b c\\d e`, " \t\n", 3, false},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SplitReadLocale(tc.line, tc.ifs, tc.n, tc.raw, false)
			}
		})
	}
}
