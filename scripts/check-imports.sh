#!/usr/bin/env bash
# Checks that the package graph stays one-way:
#   cmd/tcpsh -> shell -> redirect -> fdtable
# fdtable imports only the standard library and golang.org/x/sys;
# only shell (and its internal packages) imports mvdan.cc/sh.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
check() { # package, forbidden-regexp, reason
	local deps
	deps=$(go list -f '{{join .Imports "\n"}}' "$1" | grep -E "$2" || true)
	if [ -n "$deps" ]; then
		echo "import graph: $1 must not import: $deps ($3)" >&2
		fail=1
	fi
}
check ./fdtable '^(tcpsh/|mvdan\.cc/|github\.com/)' 'fdtable is the bottom layer'
for p in $(go list ./fdtable/... ./redirect/...); do
	check "$p" '^(tcpsh/shell|tcpsh/cmd|mvdan\.cc/)' 'no upward or parser imports'
done
check ./redirect '^tcpsh/(shell|cmd)' 'redirect sits below shell'
for p in $(go list ./shell/...); do
	check "$p" '^tcpsh/cmd' 'shell sits below cmd'
done
check ./cmd/tcpsh '^(tcpsh/fdtable|tcpsh/redirect|mvdan\.cc/)' 'cmd/tcpsh talks to shell only'
[ "$fail" = 0 ] && echo "package graph ok"
exit "$fail"
