package shell

import (
	"os"
	"runtime"
	"strconv"

	"mvdan.cc/sh/v3/expand"
)

// setSystemVars sets the variables bash describes its machine with,
// which portable scripts test ([[ $OSTYPE == darwin* ]]): HOSTNAME,
// HOSTTYPE, OSTYPE, MACHTYPE, and OPTERR. BASH and BASH_VERSION stay
// unset: tcpsh is not bash (see README).
func (r *Runner) setSystemVars() {
	set := r.setDefault
	if h, err := os.Hostname(); err == nil {
		set("HOSTNAME", h)
	}
	host, ostype, vendor := hostType(), runtime.GOOS, "pc"
	switch runtime.GOOS {
	case "linux":
		ostype = "linux-gnu"
		if host != "x86_64" && host != "i686" {
			vendor = "unknown"
		}
	case "darwin":
		vendor = "apple"
	case "windows":
		ostype = "msys"
	default:
		vendor = "unknown"
	}
	set("HOSTTYPE", host)
	set("OSTYPE", ostype)
	set("MACHTYPE", host+"-"+vendor+"-"+ostype)
	set("OPTERR", "1")
}

// hostType is bash's HOSTTYPE for the machine Go was built for.
func hostType() string {
	switch runtime.GOARCH {
	case "amd64":
		return "x86_64"
	case "386":
		return "i686"
	case "arm64":
		if runtime.GOOS == "darwin" {
			return "arm64"
		}
		return "aarch64"
	}
	return runtime.GOARCH
}

// groupsVar is $GROUPS: the ids of the groups tcpsh's user is in.
func groupsVar() expand.Variable {
	ids, err := os.Getgroups()
	if err != nil || len(ids) == 0 {
		ids = []int{os.Getgid()}
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.Itoa(id)
	}
	return expand.Variable{Set: true, Kind: expand.Indexed, List: list}
}
