//go:build pprof

package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// Built with `go build -tags pprof`, tcpsh writes profiles for pprof:
// TCPSH_CPUPROFILE=FILE a CPU profile of the whole run, and
// TCPSH_MEMPROFILE=FILE an allocation profile taken at exit (every
// allocation is sampled). Without the tag neither variable is looked at
// and runtime/pprof is not linked in, which keeps start-up lean.
func init() {
	startProfile = func() func() {
		var stops []func()
		if path := os.Getenv("TCPSH_CPUPROFILE"); path != "" {
			f, err := os.Create(path)
			if err == nil {
				err = pprof.StartCPUProfile(f)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "tcpsh: TCPSH_CPUPROFILE:", err)
			} else {
				stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
			}
		}
		if path := os.Getenv("TCPSH_MEMPROFILE"); path != "" {
			runtime.MemProfileRate = 1
			stops = append(stops, func() {
				f, err := os.Create(path)
				if err == nil {
					err = pprof.Lookup("allocs").WriteTo(f, 0)
					f.Close()
				}
				if err != nil {
					fmt.Fprintln(os.Stderr, "tcpsh: TCPSH_MEMPROFILE:", err)
				}
			})
		}
		return func() {
			for _, stop := range stops {
				stop()
			}
		}
	}
}
