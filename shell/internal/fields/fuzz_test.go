package fields

import (
	"strings"
	"testing"
)

// FuzzSplitRead splits random lines with random IFS values the way read
// does: no panic, exactly n fields for n names, and in raw mode with a
// one-byte-per-character locale every field is a piece of the line (NUL
// bytes dropped, as bash drops them) and the fields appear in the line's
// order, unless bash's internal marker bytes 0x01 and 0x7f are involved.
func FuzzSplitRead(f *testing.F) {
	for _, s := range []struct {
		line, ifs string
		n         int
	}{
		{"  a  b   c  d  ", DefaultIFS, 3}, {"x:y:z::", ":", 3}, {"x : y  :  z : ", ": ", 3},
		{`a\ b c\`, DefaultIFS, 2}, {"\xc3\\ \xa9", DefaultIFS, 2}, {"é:ü", "é", 2},
		{"", "", 1}, {"a\x00b", "\x00", 2}, {":::", ":", 0},
	} {
		f.Add(s.line, s.ifs, s.n, true, false)
		f.Add(s.line, s.ifs, s.n, false, true)
	}
	f.Fuzz(func(t *testing.T, line, ifs string, n int, raw, utf8 bool) {
		n %= 16
		if n < 0 {
			n = -n
		}
		got := SplitReadLocale(line, ifs, n, raw, utf8)
		if n > 0 && len(got) != n {
			t.Fatalf("SplitReadLocale(%q, %q, %d) gave %d fields", line, ifs, n, len(got))
		}
		if !raw || utf8 {
			return
		}
		if strings.ContainsAny(line+ifs, "\x01\x7f") {
			// bash's internal markers (CTLESC, CTLNUL) in the line or in
			// IFS make its read drop or move bytes (e.g. "0\x010\x7f" with
			// IFS \x01 gives "00\x7f"), which SplitReadLocale reproduces;
			// the differential tests cover those.
			return
		}
		// read drops NUL bytes, as bash's does.
		rest := strings.ReplaceAll(line, "\x00", "")
		for i, fld := range got {
			k := strings.Index(rest, fld)
			if k < 0 {
				t.Fatalf("field %d %q of %q (IFS %q, n %d) is not in order in the line: %q", i, fld, line, ifs, n, got)
			}
			rest = rest[k+len(fld):]
		}
	})
}
