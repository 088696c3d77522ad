#!/usr/bin/env bash
# run.sh [SHELL_A] [SHELL_B]: tcpsh's benchmark against bash (issue 6).
#
# SHELL_A defaults to a freshly built tcpsh, SHELL_B to /bin/bash. Starts
# its own servers on 127.0.0.1 (servers/main.go: byte source, discarding
# sink, echo server; HTTP: nginx when installed, else Go's net/http), runs
# every workload in workloads/ under both shells (LC_ALL=C): one warm-up
# each, then BENCH_PAIRS interleaved pairs A B A B ..., and prints per
# workload each shell's median wall time and rate, the median of the
# pairwise ratios A/B with their min-max spread, the median peak RSS
# (/usr/bin/time -f %M) and the bar. A run that fails or yields a wrong
# byte count or body length is FAIL, never a time.
#
# Environment (defaults; BENCH_QUICK=1 gives the small figures in brackets):
#   BENCH_PAIRS      interleaved pairs per workload     5    [3]
#   BENCH_BYTES      W1/W2 bytes per transfer           1 GiB [32 MiB]
#   BENCH_HTTP_N     W3 requests per run                1000 [100]
#   BENCH_BODY_LEN   W3 HTTP body length                1024
#   BENCH_START_N    W4 shell starts per run            200  [30]
#   BENCH_W5A_N      W5a loop rounds                    200000 [20000]
#   BENCH_W5_N       W5b/W5c rounds                     20000 [2000]
#   BENCH_W6_N       W6a sockets open at once           1000 [200]
#   BENCH_W6B_N      W6b sockets open at once           10000 [1000]
#   BENCH_W7_N       W7 round trips                     10000 [1000]
#   BENCH_ONLY       regexp: run only matching workload names (e.g. 'w5|w7')
#   BENCH_TMP        directory for files (default /dev/shm: tmpfs)
#   BENCH_NGINX=0    use Go's net/http even when nginx is installed
#   BENCH_SRC        how the W1 byte source sends: sendfile (a tmpfs file,
#                    as nginx serves one: the receiver is the limit) or
#                    write (one hot 256 KiB buffer: the sender is)  sendfile
#   BENCH_CEILING=0  skip the Go ceiling figures
#   BENCH_CGO=1      build tcpsh with cgo (default: CGO_ENABLED=0, static)
set -uo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

quick=${BENCH_QUICK:-0}
q() { if [ "$quick" = 1 ]; then echo "$2"; else echo "$1"; fi; }
export BENCH_PAIRS=${BENCH_PAIRS:-$(q 5 3)}
export BENCH_BYTES=${BENCH_BYTES:-$(q $((1 << 30)) $((32 << 20)))}
export BENCH_HTTP_N=${BENCH_HTTP_N:-$(q 1000 100)}
export BENCH_BODY_LEN=${BENCH_BODY_LEN:-1024}
export BENCH_START_N=${BENCH_START_N:-$(q 200 30)}
export BENCH_W5A_N=${BENCH_W5A_N:-$(q 200000 20000)}
export BENCH_W5_N=${BENCH_W5_N:-$(q 20000 2000)}
export BENCH_W6_N=${BENCH_W6_N:-$(q 1000 200)}
export BENCH_W6B_N=${BENCH_W6B_N:-$(q 10000 1000)}
export BENCH_W7_N=${BENCH_W7_N:-$(q 10000 1000)}
only=${BENCH_ONLY:-.}

tmpbase=${BENCH_TMP:-/dev/shm}
[ -d "$tmpbase" ] && [ -w "$tmpbase" ] || tmpbase=${TMPDIR:-/tmp}
work=$(mktemp -d "$tmpbase/tcpsh-bench.XXXXXX") || exit 1
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
	echo "run.sh: $*" >&2
	exit 1
}

command -v go >/dev/null || die "go is needed to build the servers"
(cd "$root" && go build -o "$work/servers" ./scripts/bench/servers) || die "cannot build servers"
built=
if [ $# -ge 1 ]; then
	A=$1
else
	# Static (no cgo) unless BENCH_CGO=1: the cgo runtime and the dynamic
	# loader add about 0.7 ms of CPU to every start (see README).
	cgo=${BENCH_CGO:-0}
	(cd "$root" && CGO_ENABLED=$cgo go build -o "$work/tcpsh" ./cmd/tcpsh) || die "cannot build tcpsh"
	A=$work/tcpsh built=" (built now, CGO_ENABLED=$cgo)"
fi
B=${2:-/bin/bash}
for s in "$A" "$B"; do
	[ -x "$s" ] || command -v "$s" >/dev/null || die "no such shell: $s"
done

if [ ! -x /usr/bin/time ]; then
	echo "note: /usr/bin/time missing: installing package time (apt-get)" >&2
	{ apt-get update -qq && apt-get install -y -qq time; } >/dev/null 2>&1 ||
		die "/usr/bin/time is needed for peak RSS: apt-get install time"
fi

# Servers. The helper runs until its stdin (a pipe held by this script) ends.
mkfifo "$work/keep" || die "mkfifo"
src_mode=${BENCH_SRC:-sendfile}
"$work/servers" serve -dir "$work" -src-bytes "$BENCH_BYTES" -body-len "$BENCH_BODY_LEN" -src-mode "$src_mode" <"$work/keep" &
pids+=($!)
exec 9>"$work/keep"
for _ in $(seq 600); do [ -f "$work/ports" ] && break; sleep 0.05; done
[ -f "$work/ports" ] || die "servers did not start"
# shellcheck disable=SC1091
. "$work/ports"
export SRC_PORT SINK_PORT ECHO_PORT
http_server="Go net/http"
HTTP_PORT=$GO_HTTP_PORT
if [ "${BENCH_NGINX:-1}" != 0 ] && command -v nginx >/dev/null; then
	nport=$("$work/servers" freeport)
	mkdir -p "$work/nginx/www" && cp "$work/body" "$work/nginx/www/body"
	cat >"$work/nginx/nginx.conf" <<-EOF
		daemon off;
		master_process off;
		worker_processes 1;
		pid $work/nginx/pid;
		error_log $work/nginx/error.log;
		events { worker_connections 4096; }
		http {
			access_log off;
			client_body_temp_path $work/nginx; proxy_temp_path $work/nginx;
			fastcgi_temp_path $work/nginx; uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
			keepalive_requests 1000000;
			default_type text/plain;
			server { listen 127.0.0.1:$nport; root $work/nginx/www; }
		}
	EOF
	nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" 2>>"$work/nginx/error.log" &
	pids+=($!)
	for _ in $(seq 50); do "$work/servers" httpsize -port "$nport" >/dev/null 2>&1 && break; sleep 0.1; done
	if "$work/servers" httpsize -port "$nport" -body-len "$BENCH_BODY_LEN" >/dev/null 2>&1; then
		HTTP_PORT=$nport http_server="nginx ($(nginx -v 2>&1 | sed 's/.*: //'))"
	else
		echo "note: nginx did not start; using Go net/http" >&2
	fi
fi
export HTTP_PORT
resp_size=$("$work/servers" httpsize -port "$HTTP_PORT" -body-len "$BENCH_BODY_LEN") || die "HTTP server check failed"

export BENCH_OUT=$work/out.data BENCH_UPFILE=$work/up.data
head -c "$BENCH_BYTES" /dev/zero >"$BENCH_UPFILE" || die "cannot write $BENCH_UPFILE"

lastlog() { # FILE BEFORE: waits (2 s at most) for a new line and prints it
	local i n
	for i in $(seq 200); do
		n=$(wc -l <"$1")
		if [ "$n" -gt "$2" ]; then
			tail -n 1 "$1"
			return
		fi
		sleep 0.01
	done
	echo none
}
want_out() { # got want
	[ "$1" = "$2" ] || echo "output '${1:0:60}', want '$2'"
}
# check NAME OUTFILE: prints nothing when the run's result is right, else why not.
check() {
	local name=$1 out=$2 got
	case $name in
	w1a*) got=$(lastlog "$work/src.log" "$src_before")
		[ "$got" = "$BENCH_BYTES" ] || echo "source sent $got bytes, want $BENCH_BYTES" ;;
	w1b*) got=$(wc -c <"$BENCH_OUT")
		[ "$got" = "$BENCH_BYTES" ] || echo "file has $got bytes, want $BENCH_BYTES" ;;
	w2*) got=$(lastlog "$work/sink.log" "$sink_before")
		[ "$got" = "$BENCH_BYTES" ] || echo "sink got $got bytes, want $BENCH_BYTES" ;;
	w3a*) got=$(wc -c <"$BENCH_OUT")
		[ "$got" = $((BENCH_HTTP_N * resp_size)) ] || echo "read $got bytes, want $((BENCH_HTTP_N * resp_size))"
		got=$(grep -c '^HTTP/1\.[01] 200 ' "$BENCH_OUT")
		[ "$got" = "$BENCH_HTTP_N" ] || echo "$got responses with status 200, want $BENCH_HTTP_N" ;;
	w3b*) want_out "$(cat "$out")" $((BENCH_HTTP_N * resp_size)) ;;
	w3c*) want_out "$(cat "$out")" $((BENCH_HTTP_N * BENCH_BODY_LEN)) ;;
	w3d*) got=$(wc -c <"$BENCH_OUT")
		[ "$got" = $((BENCH_HTTP_N * BENCH_BODY_LEN)) ] || echo "bodies have $got bytes, want $((BENCH_HTTP_N * BENCH_BODY_LEN))" ;;
	w4*) want_out "$(cat "$out")" "" ;;
	w5a*) want_out "$(cat "$out")" "$BENCH_W5A_N" ;;
	w5b*) want_out "$(cat "$out")" "$BENCH_W5_N" ;;
	w5c*) want_out "$(cat "$out")" "$BENCH_W5_N path/to/file.tar.gz abcabcabc/path/to/file.tar 29 bbcbbcbbc/pbth/to/file.tbr.gz" ;;
	w6a*) want_out "$(cat "$out")" "$BENCH_W6_N" ;;
	w6b*) want_out "$(cat "$out")" "$BENCH_W6B_N" ;;
	w7*) want_out "$(cat "$out")" "$BENCH_W7_N ping" ;;
	esac
}

# run1 SHELL FILE: one timed run; sets r_time (seconds), r_rss (KiB), r_err.
run1() {
	local sh=$1 file=$2 name t0 t1 why
	name=$(basename "$file" .sh)
	rm -f "$BENCH_OUT"
	src_before=$(wc -l <"$work/src.log") sink_before=$(wc -l <"$work/sink.log")
	t0=$EPOCHREALTIME
	case $name in
	w4*) # start-up: N starts by a Go loop (the same cost for both shells)
		"$work/servers" repeat -n "$BENCH_START_N" "$sh" -c "$(<"$file")" >"$work/stdout" 2>"$work/stderr" ;;
	w6*) # as -c (see the file)
		/usr/bin/time -f %M -o "$work/rss" "$sh" -c "$(<"$file")" >"$work/stdout" 2>"$work/stderr" </dev/null ;;
	*) /usr/bin/time -f %M -o "$work/rss" "$sh" "$file" >"$work/stdout" 2>"$work/stderr" </dev/null ;;
	esac
	local st=$?
	t1=$EPOCHREALTIME
	r_time=$(awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.6f", b - a }')
	case $name in
	w4*) /usr/bin/time -f %M -o "$work/rss" "$sh" -c "$(<"$file")" >/dev/null 2>&1 </dev/null ;;
	esac
	r_rss=$(tail -n 1 "$work/rss" 2>/dev/null)
	r_err=
	if [ $st != 0 ]; then
		r_err="exit status $st: $(head -c 200 "$work/stderr" | tr '\n' ' ')"
	else
		why=$(check "$name" "$work/stdout")
		[ -z "$why" ] || r_err=$why
	fi
}

# rate NAME SECONDS: the workload's natural figure.
rate() {
	local n=$1 t=$2
	case $n in
	w1* | w2*) awk -v b="$BENCH_BYTES" -v t="$t" 'BEGIN { printf "%.2f GB/s", b / t / 1e9 }' ;;
	w3*) awk -v c="$BENCH_HTTP_N" -v t="$t" 'BEGIN { printf "%.0f req/s", c / t }' ;;
	w4*) awk -v c="$BENCH_START_N" -v t="$t" 'BEGIN { printf "%.2f ms/start", t / c * 1000 }' ;;
	w7*) awk -v c="$BENCH_W7_N" -v t="$t" 'BEGIN { printf "%.0f rt/s", c / t }' ;;
	*) awk -v t="$t" 'BEGIN { printf "%.3f s", t }' ;;
	esac
}

# bar NAME: the issue's bar for the median ratio A/B (tcpsh/bash).
bar() {
	case $1 in
	w1a*) echo 0.90 ;; w1b*) echo 1.00 ;;
	w2a*) echo 0.90 ;; w2b*) echo 0.90 ;;
	w3a*) echo 0.25 ;; w3b*) echo 0.35 ;; w3c*) echo 0.40 ;; w3d*) echo 0.20 ;;
	w4*) echo 1.50 ;;
	w5a*) echo 0.70 ;; w5b*) echo 0.80 ;; w5c*) echo 0.80 ;;
	w6*) echo 0.70 ;;
	w7*) echo 1.00 ;;
	*) echo - ;;
	esac
}
rssbar() { # NAME: peak RSS bar for A in KiB, or empty
	case $1 in
	w4a*) echo 10240 ;; w5a*) echo 15360 ;; w6b*) echo 65536 ;;
	esac
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null; }

echo "tcpsh benchmark $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load before: $(load)"
echo "A = $A$built"
echo "B = $B ($("$B" -c 'echo ${BASH_VERSION:-?}' 2>/dev/null))"
echo "HTTP server: $http_server, response $resp_size bytes (body $BENCH_BODY_LEN); byte source: $src_mode"
echo "sizes: bytes=$BENCH_BYTES http=$BENCH_HTTP_N starts=$BENCH_START_N w5a=$BENCH_W5A_N w5=$BENCH_W5_N w6=$BENCH_W6_N w6b=$BENCH_W6B_N w7=$BENCH_W7_N pairs=$BENCH_PAIRS"
if [ "${BENCH_CEILING:-1}" != 0 ] && [[ ceiling =~ $only ]]; then
	echo "ceiling (plain Go on this loopback, median of 3):"
	"$work/servers" ceiling -src-port "$SRC_PORT" -sink-port "$SINK_PORT" -bytes "$BENCH_BYTES" -runs 3 | sed 's/^/  /'
fi
echo
fmt='%-28s %14s %14s %20s %5s %7s %7s %s\n'
# shellcheck disable=SC2059
printf "$fmt" workload "A median" "B median" "A/B median [min-max]" bar "A KiB" "B KiB" verdict
fails=0 misses=0
for file in "$here"/workloads/w*.sh; do
	name=$(basename "$file" .sh)
	[[ $name =~ $only ]] || continue
	ta=() tb=() ra=() rb=() ratios=() erra= errb=
	# warm-up, checked like the others but not counted
	run1 "$A" "$file"
	[ -z "$r_err" ] || erra=$r_err
	run1 "$B" "$file"
	[ -z "$r_err" ] || errb=$r_err
	for ((p = 0; p < BENCH_PAIRS; p++)); do
		[ -n "$erra" ] && [ -n "$errb" ] && break
		run1 "$A" "$file"
		if [ -n "$r_err" ]; then erra=$r_err; else ta+=("$r_time") ra+=("$r_rss"); fi
		run1 "$B" "$file"
		if [ -n "$r_err" ]; then errb=$r_err; else tb+=("$r_time") rb+=("$r_rss"); fi
		if [ -z "$erra" ] && [ -z "$errb" ]; then
			ratios+=("$(awk -v a="${ta[-1]}" -v b="${tb[-1]}" 'BEGIN { printf "%.3f", a / b }')")
		fi
	done
	ma=FAIL mb=FAIL ratio=FAIL verdict=
	[ -n "$erra" ] || ma=$(rate "$name" "$(printf '%s\n' "${ta[@]}" | median)")
	[ -n "$errb" ] || mb=$(rate "$name" "$(printf '%s\n' "${tb[@]}" | median)")
	rssa=$(printf '%s\n' "${ra[@]}" | median) rssb=$(printf '%s\n' "${rb[@]}" | median)
	b=$(bar "$name")
	if [ -z "$erra" ] && [ -z "$errb" ]; then
		mr=$(printf '%s\n' "${ratios[@]}" | median)
		lo=$(printf '%s\n' "${ratios[@]}" | sort -g | head -n 1)
		hi=$(printf '%s\n' "${ratios[@]}" | sort -g | tail -n 1)
		ratio=$(printf '%.2f [%.2f-%.2f]' "$mr" "$lo" "$hi")
		if awk -v r="$mr" -v b="$b" 'BEGIN { exit !(r <= b) }'; then verdict=pass; else verdict=MISS; misses=$((misses + 1)); fi
	else
		verdict=FAIL fails=$((fails + 1))
	fi
	rb_=$(rssbar "$name")
	if [ -n "$rb_" ] && [ -z "$erra" ]; then
		if [ "${rssa%.*}" -lt "$rb_" ]; then verdict+=", rss ok"; else verdict+=", RSS MISS (bar $rb_)"; misses=$((misses + 1)); fi
	fi
	# shellcheck disable=SC2059
	printf "$fmt" "$name" "$ma" "$mb" "$ratio" "$b" "${rssa%.*}" "${rssb%.*}" "$verdict"
	[ -z "$erra" ] || echo "    A FAIL: $erra"
	[ -z "$errb" ] || echo "    B FAIL: $errb"
done
echo
echo "load after: $(load); $misses bar(s) missed, $fails workload(s) failed"
[ "$fails" = 0 ]
