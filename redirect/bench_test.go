package redirect

import "testing"

// BenchmarkParsePathCases parses the paths a redirection may name, one
// sub-benchmark each: plain files (the common case, which must stay
// cheap) and /dev/tcp paths.
func BenchmarkParsePathCases(b *testing.B) {
	cases := []struct{ name, path string }{
		{"plain file", "/tmp/out.txt"},
		{"dev null", "/dev/null"},
		{"tcp literal", "/dev/tcp/127.0.0.1/8080"},
		{"tcp name", "/dev/tcp/localhost/http"},
		{"tcp ipv6", "/dev/tcp/::1/443"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = ParsePath(tc.path)
			}
		})
	}
}
