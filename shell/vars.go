package shell

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/expand"
)

// varStore holds a session's variables: the globals and one frame per active
// function call, searched innermost first (bash's dynamic scoping).
// It is owned by one Runner; a subshell gets a deep copy.
type varStore struct {
	global map[string]expand.Variable
	frames []map[string]expand.Variable

	// caseAttr holds declare -l ('l') and -u ('u') by name.
	caseAttr map[string]byte
	// secondsAt is when SECONDS was last assigned and secondsVal the
	// value assigned; zero before any assignment.
	secondsAt  time.Time
	secondsVal int
	// rng is RANDOM's generator once RANDOM has been assigned a seed.
	rng *rand.Rand
	// refs is set once a name reference has been stored (set, setLocal):
	// until then resolveRef has nothing to look up.
	refs bool
}

func newVarStore() *varStore {
	return &varStore{global: make(map[string]expand.Variable, 64)}
}

// copy returns an independent copy for a subshell. Values are shared
// because every update replaces a Variable's slices and maps instead of
// editing them in place.
func (s *varStore) copy() *varStore {
	c := &varStore{global: maps.Clone(s.global), caseAttr: maps.Clone(s.caseAttr),
		secondsAt: s.secondsAt, secondsVal: s.secondsVal, refs: s.refs}
	if s.rng != nil {
		// A subshell continues the sequence independently.
		c.rng = rand.New(rand.NewPCG(s.rng.Uint64(), s.rng.Uint64()))
	}
	if len(s.frames) > 0 {
		c.frames = make([]map[string]expand.Variable, len(s.frames))
		for i, f := range s.frames {
			c.frames[i] = maps.Clone(f)
		}
	}
	return c
}

// lookup finds the map that holds name, or nil.
func (s *varStore) lookup(name string) map[string]expand.Variable {
	for i := len(s.frames) - 1; i >= 0; i-- {
		if _, ok := s.frames[i][name]; ok {
			return s.frames[i]
		}
	}
	if _, ok := s.global[name]; ok {
		return s.global
	}
	return nil
}

func (s *varStore) get(name string) expand.Variable {
	for i := len(s.frames) - 1; i >= 0; i-- {
		if vr, ok := s.frames[i][name]; ok {
			return vr
		}
	}
	return s.global[name] // the zero Variable when unset
}

// set stores vr in the scope that already holds name, or the global one.
func (s *varStore) set(name string, vr expand.Variable) {
	if vr.Kind == expand.NameRef {
		s.refs = true
	}
	if len(s.frames) == 0 {
		s.global[name] = vr
		return
	}
	m := s.lookup(name)
	if m == nil {
		m = s.global
	}
	m[name] = vr
}

// setLocal declares name in the innermost function frame.
func (s *varStore) setLocal(name string, vr expand.Variable) bool {
	if len(s.frames) == 0 {
		return false
	}
	vr.Local = true
	if vr.Kind == expand.NameRef {
		s.refs = true
	}
	s.frames[len(s.frames)-1][name] = vr
	return true
}

func (s *varStore) unset(name string) {
	if m := s.lookup(name); m != nil {
		if len(s.frames) > 0 && &m == &s.global {
			delete(m, name)
			return
		}
		if vr := m[name]; vr.Local {
			// bash: unsetting a local leaves it unset in that scope.
			m[name] = expand.Variable{Local: true}
			return
		}
		delete(m, name)
	}
}

// each calls fn for every visible variable, innermost scope winning.
func (s *varStore) each(fn func(name string, vr expand.Variable) bool) {
	seen := make(map[string]bool)
	for i := len(s.frames) - 1; i >= 0; i-- {
		for name, vr := range s.frames[i] {
			if seen[name] {
				continue
			}
			seen[name] = true
			if !fn(name, vr) {
				return
			}
		}
	}
	for name, vr := range s.global {
		if seen[name] {
			continue
		}
		if !fn(name, vr) {
			return
		}
	}
}

func (s *varStore) names() []string {
	var names []string
	s.each(func(name string, vr expand.Variable) bool {
		if vr.Declared() {
			names = append(names, name)
		}
		return true
	})
	slices.Sort(names)
	return names
}

// strVar is a set, plain string variable.
func strVar(s string) expand.Variable {
	return expand.Variable{Set: true, Kind: expand.String, Str: s}
}

// param returns a variable or special parameter ($?, $#, $1, RANDOM,
// ...), answering the special ones from the Runner's state.
func (r *Runner) param(name string) expand.Variable {
	switch name {
	case "#":
		return strVar(strconv.Itoa(len(r.params)))
	case "@", "*":
		return expand.Variable{Set: true, Kind: expand.Indexed, List: r.params}
	case "?":
		return strVar(strconv.Itoa(r.lastStatus))
	case "$":
		return strVar(strconv.Itoa(r.sess.pid))
	case "!":
		if r.lastBgPID == 0 {
			return expand.Variable{}
		}
		return strVar(strconv.Itoa(r.lastBgPID))
	case "-":
		return strVar(r.optionFlags())
	case "0":
		return strVar(r.name0)
	case "RANDOM":
		if vr := r.vars.get(name); vr.Declared() && !vr.IsSet() {
			return vr
		}
		if r.vars.rng != nil {
			return strVar(strconv.Itoa(r.vars.rng.IntN(32768)))
		}
		return strVar(strconv.Itoa(rand.IntN(32768)))
	case "SECONDS":
		if vr := r.vars.get(name); vr.Declared() && !vr.IsSet() {
			return vr
		}
		if !r.vars.secondsAt.IsZero() {
			return strVar(strconv.Itoa(r.vars.secondsVal + int(time.Since(r.vars.secondsAt).Seconds())))
		}
		return strVar(strconv.Itoa(int(time.Since(r.sess.start).Seconds())))
	case "LINENO":
		// As $((LINENO)) sees it; $LINENO itself is the expansion's own
		// line (paramexp.go).
		if vr := r.vars.get(name); vr.IsSet() || vr.Declared() {
			return vr
		}
		return strVar(strconv.Itoa(int(r.line)))
	case "BASH_COMMAND":
		return strVar(r.bashCommand())
	case "SRANDOM":
		if vr := r.vars.get(name); vr.Declared() && !vr.IsSet() {
			return vr
		}
		return strVar(strconv.FormatUint(uint64(rand.Uint32()), 10))
	case "GROUPS":
		if vr := r.vars.get(name); vr.IsSet() {
			return vr
		}
		return groupsVar()
	case "EPOCHSECONDS", "EPOCHREALTIME":
		if vr := r.vars.get(name); vr.Declared() && !vr.IsSet() {
			return vr // as RANDOM and SECONDS
		}
		now := nowFunc()
		if name == "EPOCHSECONDS" {
			return strVar(strconv.FormatInt(now.Unix(), 10))
		}
		return strVar(fmt.Sprintf("%d.%06d", now.Unix(), now.Nanosecond()/1000))
	case "BASHPID":
		return strVar(strconv.Itoa(os.Getpid()))
	case "PPID":
		return strVar(strconv.Itoa(os.Getppid()))
	case "DIRSTACK":
		return r.dirStackVar()
	}
	if n := name[0]; n >= '1' && n <= '9' {
		if i, err := strconv.Atoi(name); err == nil {
			if i <= len(r.params) {
				return strVar(r.params[i-1])
			}
			return expand.Variable{}
		}
	}
	return r.vars.get(name)
}

// readOnlyError is returned when assigning to a readonly variable.
type readOnlyError struct{ name string }

func (e readOnlyError) Error() string { return e.name + ": readonly variable" }

// setVar assigns vr to name, honouring readonly, -i and the variable's
// current scope. KeepValue updates only the attributes.
func (r *Runner) setVar(name string, vr expand.Variable) error {
	cur := r.vars.get(name)
	if cur.Kind == expand.NameRef && vr.Kind != expand.NameRef && cur.Str != "" && validName(cur.Str) {
		name = r.resolveRef(name)
		cur = r.vars.get(name)
	}
	if cur.ReadOnly {
		return readOnlyError{name}
	}
	if vr.Kind == expand.KeepValue {
		cur.Exported = cur.Exported || vr.Exported
		cur.ReadOnly = cur.ReadOnly || vr.ReadOnly
		if !cur.Declared() {
			cur.Kind = expand.String
		}
		r.vars.set(name, cur)
		r.envDirty = true
		return nil
	}
	if vr.Kind == expand.String && cur.Kind == expand.Indexed && cur.IsSet() {
		// x=v on an array sets element 0.
		list := slices.Clone(cur.List)
		if len(list) == 0 {
			list = []string{vr.Str}
		} else if cur.Indexes == nil {
			list[0] = vr.Str
		}
		cur.List = list
		vr = cur
	}
	vr.Set = true
	vr.Exported = vr.Exported || cur.Exported
	vr.Local = cur.Local
	if r.intVars[name] {
		if err := r.intValue(&vr); err != nil {
			return err
		}
	}
	if c := r.vars.caseAttr[name]; c != 0 {
		r.caseValue(&vr, c == 'u')
	}
	r.vars.set(name, vr)
	switch name {
	case "SECONDS":
		n, _ := r.evalArith(vr.String())
		r.vars.secondsAt, r.vars.secondsVal = time.Now(), n
	case "RANDOM":
		n, _ := r.evalArith(vr.String())
		r.vars.rng = rand.New(rand.NewPCG(uint64(n), 0x9e3779b97f4a7c15))
	case "PATH":
		r.hashed = nil // bash forgets the programs it found
	}
	if vr.Exported || cur.Exported {
		r.envDirty = true
	}
	switch name {
	case "LC_ALL", "LC_CTYPE", "LANG":
		r.updateLocale()
	}
	return nil
}

// setString is the common case of setVar.
func (r *Runner) setString(name, value string) error {
	return r.setVar(name, strVar(value))
}

// getString returns a variable's string value.
func (r *Runner) getString(name string) string {
	return r.param(name).String()
}

// exportedEnv returns the environment for child processes, cached until
// an exported variable changes.
func (r *Runner) exportedEnv() []string {
	if !r.envDirty && r.envCache != nil {
		return r.envCache
	}
	var env []string
	r.vars.each(func(name string, vr expand.Variable) bool {
		if vr.Exported && vr.IsSet() && vr.Kind != expand.Indexed && vr.Kind != expand.Associative {
			env = append(env, name+"="+vr.String())
		}
		return true
	})
	slices.Sort(env)
	r.envCache = env
	r.envDirty = false
	return env
}

// updateLocale recomputes whether strings count characters (UTF-8) or
// bytes, as bash does from LC_ALL, LC_CTYPE and LANG.
func (r *Runner) updateLocale() {
	loc := ""
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := r.vars.get(name); v.IsSet() && v.String() != "" {
			loc = v.String()
			break
		}
	}
	up := strings.ToUpper(loc)
	r.utf8 = strings.Contains(up, "UTF-8") || strings.Contains(up, "UTF8")
}

// resolveRef follows namerefs from name to the variable finally named.
func (r *Runner) resolveRef(name string) string {
	if !r.vars.refs {
		return name
	}
	for range 10 {
		vr := r.vars.get(name)
		if vr.Kind != expand.NameRef || vr.Str == "" {
			return name
		}
		name = vr.Str
	}
	return name
}

// lookupVar returns the variable name refers to, namerefs followed and
// special parameters answered.
func (r *Runner) lookupVar(name string) expand.Variable {
	return r.param(r.resolveRef(name))
}

// validRefTarget reports whether s names an array element, name[sub].
func validRefTarget(s string) bool {
	i := strings.IndexByte(s, '[')
	return i > 0 && strings.HasSuffix(s, "]") && validName(s[:i])
}

// setCaseAttr records declare -l / -u (c is 'l', 'u', or 0 to clear).
func (s *varStore) setCaseAttr(name string, c byte) {
	if c == 0 {
		delete(s.caseAttr, name)
		return
	}
	if s.caseAttr == nil {
		s.caseAttr = map[string]byte{}
	}
	s.caseAttr[name] = c
}

// intValue evaluates the value (or every element) of an integer variable.
func (r *Runner) intValue(vr *expand.Variable) error {
	eval := func(s string) (string, error) {
		n, err := r.arithString(s)
		if err != nil {
			return "", err
		}
		return strconv.Itoa(n), nil
	}
	var err error
	switch vr.Kind {
	case expand.String:
		vr.Str, err = eval(vr.Str)
	case expand.Indexed:
		list := make([]string, len(vr.List))
		for i, v := range vr.List {
			if list[i], err = eval(v); err != nil {
				return err
			}
		}
		vr.List = list
	case expand.Associative:
		m := make(map[string]string, len(vr.Map))
		for k, v := range vr.Map {
			if m[k], err = eval(v); err != nil {
				return err
			}
		}
		vr.Map = m
	}
	return err
}

// caseValue applies declare -u (upper) or -l to a value or its elements.
func (r *Runner) caseValue(vr *expand.Variable, upper bool) {
	conv := func(s string) string { return r.caseConv(s, nil, upper, true) }
	switch vr.Kind {
	case expand.String:
		vr.Str = conv(vr.Str)
	case expand.Indexed:
		list := make([]string, len(vr.List))
		for i, v := range vr.List {
			list[i] = conv(v)
		}
		vr.List = list
	case expand.Associative:
		m := make(map[string]string, len(vr.Map))
		for k, v := range vr.Map {
			m[k] = conv(v)
		}
		vr.Map = m
	}
}

// setLastArg sets $_ to the last argument of the command just run.
func (r *Runner) setLastArg(arg string) {
	cur := r.vars.get("_")
	if cur.ReadOnly {
		return
	}
	cur.Set, cur.Kind, cur.Str = true, expand.String, arg
	r.vars.set("_", cur)
}
