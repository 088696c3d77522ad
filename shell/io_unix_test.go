//go:build unix

package shell

import (
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestIOBashBehaviour pins behaviour of [[ ]], here-documents,
// redirections, read/mapfile/echo/cat/umask, aliases and globbing, each
// expectation taken from bash 5.2 under LC_ALL=C.
func TestIOBashBehaviour(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	cases := []struct {
		name, script, stdout, stderr string
		status                       int
	}{
		{
			name:   `regex bracket backslash literal`,
			script: `[[ 'a\b' =~ [\.] ]]; echo $?; [[ a.b =~ [\.] ]]; echo $?`,
			stdout: `1
0
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `regex stacked repetition and lazy-looking`,
			script: `re='a**'; [[ aaa =~ $re ]]; echo "$? ${BASH_REMATCH[0]}"; re='a{1,2}?'; [[ aa =~ $re ]]; echo "$? ${BASH_REMATCH[0]}" `,
			stdout: `0 aaa
0 aa
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `regex interval forms`,
			script: `re='a{,2}'; [[ b =~ $re ]]; echo "$? [${BASH_REMATCH[0]}]"; re='x{'; [[ x =~ $re ]]; echo $?; re='a{2,1}'; [[ a =~ $re ]]; echo $?`,
			stdout: `0 []
2
2
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `regex invalid keeps BASH_REMATCH`,
			script: `[[ ab =~ (b) ]]; re='*a'; [[ a =~ $re ]]; echo "$? ${BASH_REMATCH[1]}"; [[ x =~ y ]]; echo "$? ${#BASH_REMATCH[@]}" `,
			stdout: `2 b
1 0
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `regex anchors and newline`,
			script: `re='^a$'; [[ $'a\nb' =~ $re ]]; echo $?; re='a.b'; [[ $'a\nb' =~ $re ]]; echo $?`,
			stdout: `1
0
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `regex unknown escape literal`,
			script: `re='\d'; [[ d =~ $re ]]; echo $?; re='\w+'; [[ ' ab ' =~ $re ]]; echo "[${BASH_REMATCH[0]}]" `,
			stdout: `0
[ab]
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `regex quoted backslash in word`,
			script: `[[ ab =~ a\w ]]; echo $?; [[ aw =~ a\w ]]; echo $?; [[ abc =~ "a.c" ]]; echo $?`,
			stdout: `1
0
1
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `regex bracket classes and ranges`,
			script: `re='[[:alpha:]-]+'; [[ 'ab-c!' =~ $re ]]; echo "${BASH_REMATCH[0]}"; re='[]a]+'; [[ 'x]a]' =~ $re ]]; echo "${BASH_REMATCH[0]}"; re='[a-z-9]'; [[ a =~ $re ]]; echo $?`,
			stdout: `ab-c
]a]
2
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `regex C locale bytes`,
			script: `[[ é =~ ^.$ ]]; echo $?; [[ é =~ ^..$ ]]; echo $?`,
			stdout: `1
0
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `dbracket extglob without shopt`,
			script: `[[ report.md == *.@(txt|md) ]] && echo yes; [[ abc == !(x*) ]] && echo neg; [[ xbc == !(x*) ]] || echo neg2`,
			stdout: `yes
neg
neg2
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `dbracket octal and decimal`,
			script: `[[ 010 -eq 8 ]] && echo oct; [ 010 -eq 10 ] && echo dec; [[ 0x10 -eq 16 ]] && echo hex`,
			stdout: `oct
dec
hex
`,
			stderr: ``,
			status: 0,
		},
		{
			name: `heredoc dash strips tabs`,
			script: `x=v
cat <<-E
		one $x
		two
	E
cat <<-'E'
	$x\
	E
`,
			stdout: `one v
two
$x\
`,
			stderr: ``,
			status: 0,
		},
		{
			name: `quoted heredoc keeps backslash newline`,
			script: `cat <<'E'
a \
b
E
cat <<E
a \
b
E
`,
			stdout: `a \
b
a b
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `cmdsub file read`,
			script: `printf 'a\nb\n\n' > f; x=$(< f); echo "[$x]"; y=$(< nope); echo "st=$?"`,
			stdout: `[a
b]
st=1
`,
			stderr: `tcpsh: line 1: nope: No such file or directory
`,
			status: 0,
		},
		{
			name:   `read -t 0 sees a here-string`,
			script: `read -t 0 <<< x; echo $?; read -t 0 < /dev/null; echo $?`,
			stdout: `0
0
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `mapfile callback`,
			script: `mapfile -t -C 'echo cb' -c 2 a < <(printf '%s\n' 1 2 3 4 5); echo "${a[*]}"; mapfile -c 0 b <<< x; echo $?`,
			stdout: `cb 1 2
cb 3 4
1 2 3 4 5
1
`,
			stderr: `tcpsh: line 1: mapfile: 0: invalid callback quantum
`,
			status: 0,
		},
		{
			name: `alias trailing space chains`,
			script: `shopt -s expand_aliases
alias run='echo run: ' a2='x2 ' x2='X'
run a2 a2 b
run a2
`,
			stdout: `run: X X b
run: X
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `xpg_echo`,
			script: `shopt -s xpg_echo; echo 'a\tb'; echo -E 'a\tb'; shopt -u xpg_echo; echo 'a\tb'`,
			stdout: `a	b
a\tb
a\tb
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `redirection error goes to earlier redirections`,
			script: `set -C; echo a > f; echo b 2>&1 > f | tr a-z A-Z; echo b > f 2>/dev/null`,
			stdout: `TCPSH: LINE 1: F: CANNOT OVERWRITE EXISTING FILE
`,
			stderr: `tcpsh: line 1: f: cannot overwrite existing file
`,
			status: 1,
		},
		{
			name:   `dup error names the word`,
			script: `fd=12; echo x >&$fd; echo x >&"$fd"; exec 3>&-; echo x >&3-`,
			stdout: ``,
			stderr: `tcpsh: line 1: $fd: Bad file descriptor
tcpsh: line 1: "$fd": Bad file descriptor
tcpsh: redirection error: cannot duplicate fd: Bad file descriptor
tcpsh: line 1: 3: Bad file descriptor
`,
			status: 1,
		},
		{
			name:   `cat closing stdin`,
			script: `cat <&-; echo $?`,
			stdout: `1
`,
			stderr: `cat: -: Bad file descriptor
cat: closing standard input: Bad file descriptor
`,
			status: 0,
		},
		{
			name:   `procsub sets $! and wait waits`,
			script: `d=$(mktemp -d); echo hi > >(sleep 0.2; tr a-z A-Z > $d/o); wait $!; cat $d/o; rm -r $d`,
			stdout: `HI
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `umask symbolic`,
			script: `umask 022; umask u=rwx,g=rx,o=; umask; umask a+w; umask; umask g-w,o-rwx; umask -S; umask -p; umask 999; echo $?; umask go=u; echo $?`,
			stdout: `0027
0005
u=rwx,g=rx,o=
umask 0027
1
1
`,
			stderr: "tcpsh: line 1: umask: 999: octal number out of range\ntcpsh: line 1: umask: `u': invalid symbolic mode character\n",
			status: 0,
		},
		{
			name: `glob extglob`,
			script: `shopt -s extglob
touch a.c b.h c.o aaa .h; echo +(a); echo !(*.o|*.c); echo @(a.c|b.h)`,
			stdout: `aaa
aaa b.h
a.c b.h
`,
			stderr: ``,
			status: 0,
		},
		{
			name: `glob failglob and nullglob`,
			script: `touch x.c; shopt -s nullglob; echo [ *.h ]; shopt -u nullglob; shopt -s failglob
echo a; echo *.h; echo b
echo st=$?; echo '*.h' x*; eval 'echo *.h; echo c'; echo d`,
			stdout: `[ ]
a
st=1
*.h x.c
d
`,
			stderr: `tcpsh: line 2: no match: *.h
tcpsh: line 3: no match: *.h
`,
			status: 0,
		},
		{
			name:   `glob dotglob and trailing slash`,
			script: `mkdir d .e; touch f .g; echo *; shopt -s dotglob; echo *; echo */; shopt -u dotglob; echo .*`,
			stdout: `d f
.e .g d f
.e/ d/
.e .g
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `glob globstar`,
			script: `mkdir -p a/b; touch a/1 a/b/2; shopt -s globstar; echo a/**; echo **/2`,
			stdout: `a/ a/1 a/b a/b/2
a/b/2
`,
			stderr: ``,
			status: 0,
		},
		{
			name:   `cd -P resolves symlinks`,
			script: `mkdir real; ln -s real link; cd link; echo ${PWD##*/}; cd ..; cd -P link; echo ${PWD##*/}; cd -L ../link; echo ${PWD##*/}`,
			stdout: `link
real
link
`,
			stderr: ``,
			status: 0,
		}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, status := runInProcess(t, tc.script)
			assert.Equal(t, tc.stdout, stdout, "stdout")
			assert.Equal(t, tc.stderr, stderr, "stderr")
			assert.Equal(t, tc.status, status, "status")
		})
	}
}
