package format

import (
	"strconv"
	"strings"
	"time"
)

var (
	weekdayNames = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	monthNames   = [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
)

// Strftime formats t like glibc's strftime(3) in the C (or C.UTF-8)
// locale, in t's location. It supports the conversions
//
//	%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %P
//	%r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%
//
// with glibc's flags _ (pad with spaces), - (do not pad), 0 (pad with
// zeros), ^ (upper case) and # (swap case), a field width, and the E and
// O modifiers (accepted where glibc accepts them, ignored in the C
// locale). Anything else, like an unknown conversion, is copied as glibc
// copies it. Unlike C's strftime there is no length limit; bash's printf
// %(...)T applies its own (see Printf).
func Strftime(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i = strftimeConv(&b, format, i, t)
	}
	return b.String()
}

// tmSpec is one parsed conversion.
type tmSpec struct {
	pad      byte // 0 (conversion default), '_', '-' or '0'
	upper    bool // ^
	swap     bool // #
	width    int  // -1 when absent
	modifier byte // 'E', 'O' or 0
}

// strftimeConv handles the conversion starting at format[start] == '%'
// and returns the index of its last byte.
func strftimeConv(b *strings.Builder, format string, start int, t time.Time) int {
	sp := tmSpec{width: -1}
	i := start + 1
	for ; i < len(format); i++ {
		switch format[i] {
		case '_', '-', '0':
			sp.pad = format[i]
			continue
		case '^':
			sp.upper = true
			continue
		case '#':
			sp.swap = true
			continue
		}
		break
	}
	if i < len(format) && format[i] >= '1' && format[i] <= '9' {
		w := 0
		for i < len(format) && format[i] >= '0' && format[i] <= '9' {
			if w < 1<<20 {
				w = w*10 + int(format[i]-'0')
			}
			i++
		}
		sp.width = w
	}
	if i < len(format) && (format[i] == 'E' || format[i] == 'O') {
		sp.modifier = format[i]
		i++
	}
	if i >= len(format) {
		// glibc copies an unfinished conversion at the end of the format.
		sp.badFormat(b, format[start:], 0)
		return len(format) - 1
	}
	conv := format[i]
	if !modifierOK(conv, sp.modifier) {
		sp.badFormat(b, format[start:i+1], conv)
		return i
	}
	sp.emit(b, conv, format[start:i+1], t)
	return i
}

// modifierOK reports whether glibc accepts the E or O modifier on conv.
func modifierOK(conv, mod byte) bool {
	switch mod {
	case 'E':
		return !strings.ContainsRune("aAbBdDeFgGhHIjklmMSUVwW", rune(conv))
	case 'O':
		return !strings.ContainsRune("aAcDFxXY", rune(conv))
	}
	return true
}

// emit writes conversion conv.
func (sp tmSpec) emit(b *strings.Builder, conv byte, text string, t time.Time) {
	year := t.Year()
	hour12 := t.Hour() % 12
	if hour12 == 0 {
		hour12 = 12
	}
	switch conv {
	case '%':
		sp.writeString(b, "%", false)
	case 'n':
		sp.writeString(b, "\n", false)
	case 't':
		sp.writeString(b, "\t", false)
	case 'a':
		sp.writeString(b, weekdayNames[t.Weekday()][:3], true)
	case 'A':
		sp.writeString(b, weekdayNames[t.Weekday()], true)
	case 'b', 'h':
		sp.writeString(b, monthNames[t.Month()-1][:3], true)
	case 'B':
		sp.writeString(b, monthNames[t.Month()-1], true)
	case 'p':
		s := "AM"
		if t.Hour() >= 12 {
			s = "PM"
		}
		if sp.swap {
			s = strings.ToLower(s)
			sp.upper = false
		}
		sp.swap = false
		sp.writeString(b, s, false)
	case 'P':
		s := "am"
		if t.Hour() >= 12 {
			s = "pm"
		}
		sp.swap, sp.upper = false, false
		sp.writeString(b, s, false)
	case 'Z':
		name, _ := t.Zone()
		if sp.swap {
			name = strings.ToLower(name)
			sp.upper = false
		}
		sp.swap = false
		sp.writeString(b, name, false)
	case 'c':
		sp.composite(b, "%a %b %e %H:%M:%S %Y", t)
	case 'D', 'x':
		sp.composite(b, "%m/%d/%y", t)
	case 'F':
		sp.composite(b, "%Y-%m-%d", t)
	case 'r':
		sp.composite(b, "%I:%M:%S %p", t)
	case 'R':
		sp.composite(b, "%H:%M", t)
	case 'T', 'X':
		sp.composite(b, "%H:%M:%S", t)
	case 'C':
		sp.number(b, int64(floorDiv(year, 100)), 1, '0')
	case 'd':
		sp.number(b, int64(t.Day()), 2, '0')
	case 'e':
		sp.number(b, int64(t.Day()), 2, '_')
	case 'H':
		sp.number(b, int64(t.Hour()), 2, '0')
	case 'k':
		sp.number(b, int64(t.Hour()), 2, '_')
	case 'I':
		sp.number(b, int64(hour12), 2, '0')
	case 'l':
		sp.number(b, int64(hour12), 2, '_')
	case 'j':
		sp.number(b, int64(t.YearDay()), 3, '0')
	case 'm':
		sp.number(b, int64(t.Month()), 2, '0')
	case 'M':
		sp.number(b, int64(t.Minute()), 2, '0')
	case 'S':
		sp.number(b, int64(t.Second()), 2, '0')
	case 's':
		sp.number(b, t.Unix(), 1, '_')
	case 'u':
		sp.number(b, int64((int(t.Weekday())+6)%7+1), 1, '0')
	case 'w':
		sp.number(b, int64(t.Weekday()), 1, '0')
	case 'U':
		sp.number(b, int64((t.YearDay()-1+7-int(t.Weekday()))/7), 2, '0')
	case 'W':
		sp.number(b, int64((t.YearDay()-1+7-(int(t.Weekday())+6)%7)/7), 2, '0')
	case 'V':
		_, w := t.ISOWeek()
		sp.number(b, int64(w), 2, '0')
	case 'G':
		y, _ := t.ISOWeek()
		sp.number(b, int64(y), 1, '0')
	case 'g':
		y, _ := t.ISOWeek()
		sp.number(b, int64(mod(y, 100)), 2, '0')
	case 'y':
		sp.number(b, int64(mod(year, 100)), 2, '0')
	case 'Y':
		sp.number(b, int64(year), 1, '0')
	case 'z':
		sp.zone(b, t)
	default:
		sp.badFormat(b, text, conv)
	}
}

// badFormat copies a conversion glibc does not know, padded to the
// width and upper-cased by ^ (or by # for %b %B %h, whose
// case flag glibc applies before checking the modifier).
func (sp tmSpec) badFormat(b *strings.Builder, text string, conv byte) {
	sp.writeString(b, text, conv != 0 && strings.IndexByte("bBh", conv) >= 0)
}

// writeString writes a textual conversion, padded to the width with
// spaces (zeros with the 0 flag) and case-converted per ^ and (when
// swapUpper) #.
func (sp tmSpec) writeString(b *strings.Builder, s string, swapUpper bool) {
	if sp.upper || (sp.swap && swapUpper) {
		s = strings.ToUpper(s)
	}
	fill(b, sp.pad, sp.width-len(s))
	b.WriteString(s)
}

// fill writes n bytes of padding: zeros for the 0 flag, else spaces.
func fill(b *strings.Builder, pad byte, n int) {
	c := byte(' ')
	if pad == '0' {
		c = '0'
	}
	for ; n > 0; n-- {
		b.WriteByte(c)
	}
}

// composite formats a sub-format and pads the result as text.
func (sp tmSpec) composite(b *strings.Builder, sub string, t time.Time) {
	s := Strftime(sub, t)
	sp.swap = false
	sp.writeString(b, s, false)
}

// number writes a numeric conversion with its natural number of digits
// and default padding (defPad '0' or '_').
func (sp tmSpec) number(b *strings.Builder, v int64, digits int, defPad byte) {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	pad := sp.pad
	if pad == 0 {
		pad = defPad
	}
	width := digits
	switch {
	case pad == '-':
		width = 0
		if sp.width >= 0 {
			width = sp.width
		}
	case sp.width > width:
		width = sp.width
	}
	if neg {
		width--
	}
	// The sign goes before zeros but after spaces.
	if neg && pad == '0' {
		b.WriteByte('-')
	}
	fill(b, pad, width-len(s))
	if neg && pad != '0' {
		b.WriteByte('-')
	}
	b.WriteString(s)
}

// zone writes %z. glibc pads the sign to the field width and then the
// four digits to the field width again.
func (sp tmSpec) zone(b *strings.Builder, t time.Time) {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign = "-"
		off = -off
	}
	off /= 60
	hhmm := int64(off/60*100 + off%60)
	signSpec := sp
	signSpec.upper, signSpec.swap = false, false
	if sp.pad == '-' || sp.pad == '_' {
		signSpec.pad = 0
	}
	signSpec.writeString(b, sign, false)
	sp.number(b, hhmm, 4, '0')
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func mod(a, b int) int {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}
