package shell

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestArithFastIncrement checks NAME++ and NAME--: the old value, the
// variable updated, and the shapes and variables left to the evaluator.
func TestArithFastIncrement(t *testing.T) {
	cases := []struct {
		name, setup, expr string
		want              int
		fast              bool
		after             string // the variable's value afterwards
	}{
		{"increment", "v=41", "v++", 41, true, "42"},
		{"decrement", "v=41", "v--", 41, true, "40"},
		{"blanks", "v=1", " v++ ", 1, true, "2"},
		{"unset", "unset v", "v++", 0, true, "1"},
		{"expression value", "v=2+3", "v++", 5, false, "6"},
		{"array", "v=(7 8)", "v++", 7, false, "8"},
		{"integer attribute", "declare -i v=4", "v++", 4, true, "5"},
		{"nameref", "w=3; declare -n v=w", "v++", 3, true, "4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newTestRunner(t)
			require.Equal(t, 0, r.RunString(t.Context(), tc.setup))
			n, fast := r.arithFast(tc.expr)
			assert.Equal(t, tc.fast, fast)
			if !fast {
				var err error
				n, err = r.evalArith(tc.expr)
				require.NoError(t, err)
			}
			assert.Equal(t, tc.want, n)
			assert.Equal(t, tc.after, r.lookupVar("v").String())
		})
	}
	t.Run("read-only", func(t *testing.T) {
		r := newTestRunner(t)
		require.Equal(t, 0, r.RunString(t.Context(), "readonly v=1"))
		_, fast := r.arithFast("v++")
		assert.False(t, fast)
		_, err := r.evalArith("v++")
		assert.EqualError(t, err, "v: readonly variable")
	})
}

// TestArithFast checks the NAME OP NUMBER shortcut: which expressions it
// takes, and that what it gives is what the full evaluator gives.
func TestArithFast(t *testing.T) {
	cases := []struct {
		name, expr string
		want       int
		fast       bool
	}{
		{"add", "i + 1", 42, true},
		{"add tight", "i+1", 42, true},
		{"subtract", "i - 50", -9, true},
		{"multiply wraps", "big * 20", 1553255926290448364, true},
		{"less", "i < 1000", 1, true},
		{"less equal", "i<=41", 1, true},
		{"greater", "i > 41", 0, true},
		{"greater equal", "i >= 41", 1, true},
		{"equal", "i == 41", 1, true},
		{"not equal", "i != 41", 0, true},
		{"blanks around", " \t i + 1 \n", 42, true},
		{"unset is zero", "nosuch + 1", 1, true},
		{"empty is zero", "empty + 1", 1, true},
		{"spaced value", "spaced + 1", 8, true},
		{"value is an expression", "expr + 1", 7, false},
		{"value is octal", "oct + 1", 9, false},
		{"octal constant", "i + 010", 49, false},
		{"based constant", "i + 2#1", 42, false},
		{"shift", "i << 1", 82, false},
		{"assignment", "j = 5", 5, false},
		{"increment in a sum", "i++ + 1", 42, false},
		{"pre-increment", "++i", 42, false},
		{"negative constant", "i + -1", 40, false},
		{"division", "i / 2", 20, false},
		{"array element", "a[1] + 1", 3, false},
		{"number first", "1 + i", 42, true},
		{"two names", "i < big", 1, true},
		{"two names equal", "i == i", 1, true},
		{"power", "i ** 2", 1681, false},
		{"left shift", "i << 2", 164, false},
		{"hex constant", "i + 0x10", 57, false},
		{"name then bracket", "i[0] + 1", 42, false},
		{"trailing garbage", "i + 1 2", 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newTestRunner(t)
			for name, v := range map[string]string{"i": "41", "big": "999999999999999999", "empty": "", "spaced": " 7 ", "expr": "2*3", "oct": "010"} {
				require.NoError(t, r.setVar(name, strVar(v)))
			}
			require.Equal(t, 0, r.RunString(t.Context(), "a=(1 2 3)"))
			n, fast := r.arithFast(tc.expr)
			assert.Equal(t, tc.fast, fast)
			if fast {
				assert.Equal(t, tc.want, n)
			}
			if tc.name == "trailing garbage" {
				return
			}
			n, err := r.evalArith(tc.expr)
			require.NoError(t, err)
			assert.Equal(t, tc.want, n)
		})
	}
}
