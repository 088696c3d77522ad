package shell

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestWordExpansion pins bash's field splitting and parameter expansion
// rules (outputs checked against bash 5.2).
func TestWordExpansion(t *testing.T) {
	args := `args() { printf '%s:' "$#"; printf '[%s]' "$@"; echo; }
`
	cases := []struct {
		name, src, want string
	}{
		{"whitespace IFS", `s="  a  b "; args $s`, "2:[a][b]\n"},
		{"non-white IFS keeps empty fields", `IFS=:; p="x::y:"; args $p`, "3:[x][][y]\n"},
		{"mixed IFS", `IFS=' ,'; s=' a , b,,c , '; args $s`, "4:[a][b][][c]\n"},
		{"empty IFS does not split", `IFS=; s="a b"; args $s`, "1:[a b]\n"},
		{"quoted empty kept", `e=; args $e "" "$e" ${e:-} ${e:-d}`, "3:[][][d]\n"},
		{"at in quotes", `set -- "x y" z; args "$@" "$*" "a$@b"`, "5:[x y][z][x y z][ax y][zb]\n"},
		{"empty at vanishes", `set --; args "$@"`, "0:[]\n"},
		{"default word keeps quoting", `args ${u:-"a b"} ${u:-a b}`, "3:[a b][a][b]\n"},
		{"array ops per element", `a=(one two); args "${a[@]^}" "${a[@]/o/0}" "${#a[@]}"`, "5:[One][Two][0ne][tw0][2]\n"},
		{"replace with ampersand", `s=abc; args "${s/b/<&>}" "${s/b/\&}"`, "2:[a<b>c][a&c]\n"},
		{"anchored replace", `s=aXa; args "${s/#a/1}" "${s/%a/2}"`, "2:[1Xa][aX2]\n"},
		{"trim", `p=/a/b.c.d; args "${p##*/}" "${p%.*}" "${p%%.*}"`, "3:[b.c.d][/a/b.c][/a/b]\n"},
		{"indirect and keys", `x=y; y=v; a=(p q); args "${!x}" "${!a[@]}"`, "3:[v][0][1]\n"},
		{"nameref", `t=old; declare -n r=t; r=new; args "$t" "${r}"`, "2:[new][new]\n"},
		{"quote op", `v="it's"; args "${v@Q}"`, "1:['it'\\''s']\n"},
		{"ansi c control", `args $'\ca' | od -An -tx1`, " 31 3a 5b 01 5d 0a\n"},
		{"ansi c unicode in the C locale", `args $'\u00e9'`, "1:[\\u00E9]\n"},
		{"E op follows the locale", `x='\u00e9'; args "${x@E}"; LC_ALL=C.UTF-8; args "${x@E}"`, "1:[\\u00E9]\n1:[\u00e9]\n"},
		{"tilde after colon in assignment", `HOME=/h; p=a:~/b; args "$p"`, "1:[a:/h/b]\n"},
		{"slice", `s=abcdef; args "${s:1:2}" "${s: -2}" "${s:2:-1}"`, "3:[bc][ef][cde]\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, status := runInProcess(t, args+c.src)
			assert.Equal(t, c.want, out)
			assert.Equal(t, "", errOut)
			assert.Equal(t, 0, status)
		})
	}
}
