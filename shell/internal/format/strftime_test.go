package format

import (
	"bytes"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tcpsh/shell/internal/bashtest"
)

func TestStrftimeTable(t *testing.T) {
	ts := time.Date(2009, 2, 13, 23, 31, 30, 0, time.UTC)
	cases := []struct{ name, format, want string }{
		{"date time", "%Y-%m-%d %H:%M:%S", "2009-02-13 23:31:30"},
		{"names", "%a %A %b %B %h", "Fri Friday Feb February Feb"},
		{"c locale composites", "%c|%D|%x|%X|%T|%R|%r|%F", "Fri Feb 13 23:31:30 2009|02/13/09|02/13/09|23:31:30|23:31:30|23:31|11:31:30 PM|2009-02-13"},
		{"numbers", "%e %j %u %w %I %l %k %C %y %s", "13 044 5 5 11 11 23 20 09 1234567890"},
		{"weeks", "%U %W %V %G %g", "06 06 07 2009 09"},
		{"zone", "%Z %z", "UTC +0000"},
		{"literals", "%n%t%%", "\n\t%"},
		{"flags", "%_m|%-m|%010d|%^a|%#b|%#p|%5S|%-5S", " 2|2|0000000013|FRI|FEB|pm|00030|   30"},
		{"modifiers", "%Ey|%Od|%Ea|%Oc", "09|13|%Ea|%Oc"},
		{"unknown", "%q|%5q|%:z|%", "%q|  %5q|%:z|%"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Strftime(tc.format, ts))
		})
	}
}

// TestStrftimeAgainstBash compares random time formats and times with
// bash's printf %(...)T in two time zones.
func TestStrftimeAgainstBash(t *testing.T) {
	zones := []string{"UTC", "America/New_York", "Asia/Kolkata"}
	convs := "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%q+"
	flags := []string{"", "", "", "_", "-", "0", "^", "#", "^#", "-_"}
	r := rand.New(rand.NewSource(5))
	type tcase struct {
		format string
		secs   int64
	}
	var cases []tcase
	for i := 0; i < 600; i++ {
		var f strings.Builder
		for k := 1 + r.Intn(4); k > 0; k-- {
			if r.Intn(3) == 0 {
				f.WriteString("-")
			}
			f.WriteByte('%')
			f.WriteString(flags[r.Intn(len(flags))])
			if r.Intn(4) == 0 {
				f.WriteString(strconv.Itoa(r.Intn(12)))
			}
			switch r.Intn(8) {
			case 0:
				f.WriteByte('E')
			case 1:
				f.WriteByte('O')
			}
			f.WriteByte(convs[r.Intn(len(convs))])
		}
		secs := r.Int63n(4e9) - 1e9
		switch r.Intn(6) {
		case 0:
			secs = -62135596800 + r.Int63n(4e10) // years 1 to ~1270
		case 1:
			secs = r.Int63n(1e12) // far future
		}
		cases = append(cases, tcase{f.String(), secs})
	}
	for _, zone := range zones {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skipf("no time zone data: %v", err)
		}
		want := make([]string, len(cases))
		bashtest.Parallel(t, len(cases), func(i int) (err error) {
			want[i], err = bashtest.Output(`printf "%($1)T" "$2"`, []string{cases[i].format, strconv.FormatInt(cases[i].secs, 10)},
				"TZ="+zone, bashtest.Locale(false))
			return err
		})
		for i, c := range cases {
			var out bytes.Buffer
			_, err := Printf(&out, "%("+c.format+")T", []string{strconv.FormatInt(c.secs, 10)}, Options{Location: loc})
			require.NoError(t, err)
			assert.Equal(t, want[i], out.String(), "TZ=%s format=%q secs=%d", zone, c.format, c.secs)
		}
	}
}
