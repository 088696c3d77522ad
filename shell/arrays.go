package shell

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// arrayValue computes a=(...) or a+=(...).
func (r *Runner) arrayValue(name string, cur expand.Variable, a *syntax.Assign) (expand.Variable, error) {
	assoc := cur.Kind == expand.Associative
	if assoc {
		m := map[string]string{}
		var order []string // keys in the order added (assocorder.go)
		if a.Append {
			m = maps.Clone(cur.Map)
			order = slices.Clip(assocAdded(cur)) // appends copy: the list may be shared
		}
		for _, el := range a.Array.Elems {
			val, err := r.literal(el.Value)
			if err != nil {
				return cur, err
			}
			if el.Index == nil {
				continue
			}
			key, err := r.assocKey(el.Index)
			if err != nil {
				return cur, err
			}
			if _, ok := m[key]; !ok {
				order = append(order, key)
			}
			m[key] = val
		}
		return expand.Variable{Set: true, Kind: expand.Associative, Map: m, List: order}, nil
	}
	vr := expand.Variable{Set: true, Kind: expand.Indexed}
	next := 0
	if a.Append && cur.Kind == expand.Indexed {
		vr.List = slices.Clone(cur.List)
		vr.Indexes = slices.Clone(cur.Indexes)
		next = maxIndex(cur) + 1
	} else if a.Append && cur.IsSet() {
		vr.List = []string{cur.String()}
		next = 1
	}
	for _, el := range a.Array.Elems {
		if el.Index != nil {
			n, err := r.arith(el.Index)
			if err != nil {
				return cur, err
			}
			val, err := r.literal(el.Value)
			if err != nil {
				return cur, err
			}
			_, vr, _ = r.indexAssignIdx(name, vr, n, val)
			next = n + 1
			continue
		}
		vals, err := r.fields(el.Value)
		if err != nil {
			return cur, err
		}
		for _, v := range vals {
			_, vr, _ = r.indexAssignIdx(name, vr, next, v)
			next++
		}
	}
	return vr, nil
}

func maxIndex(vr expand.Variable) int {
	if vr.Indexes != nil {
		if len(vr.Indexes) == 0 {
			return -1
		}
		return vr.Indexes[len(vr.Indexes)-1]
	}
	return len(vr.List) - 1
}

// assocKey expands an associative array subscript.
func (r *Runner) assocKey(x syntax.ArithmExpr) (string, error) {
	if w, ok := x.(*syntax.Word); ok {
		return r.literal(w)
	}
	// The parser read the subscript as arithmetic: print it back tight.
	var sb stringsBuilderW
	if err := syntax.NewPrinter(syntax.Minify(true)).Print(&sb, &syntax.ArithmExp{X: x}); err != nil {
		return "", err
	}
	out := strings.ReplaceAll(sb.String(), "\\\n", "")
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(out, "$(("), "))")), nil
}

// indexAssign handles a[i]=v and a[i]+=v.
func (r *Runner) indexAssign(name string, cur expand.Variable, idx syntax.ArithmExpr, val string, appendTo bool) (expand.Variable, error) {
	if cur.Kind == expand.Associative {
		key, err := r.assocKey(idx)
		if err != nil {
			return cur, err
		}
		if appendTo {
			val = cur.Map[key] + val
		}
		return r.assocSet(name, cur, key, val)
	}
	n, err := r.arith(idx)
	if err != nil {
		return cur, err
	}
	if n < 0 {
		n += maxIndex(cur) + 1
		if n < 0 {
			return cur, badSubscript{name}
		}
	}
	if appendTo {
		old, _ := indexGet(cur, n)
		val = old + val
	}
	_, vr, err := r.indexAssignIdx(name, cur, n, val)
	return vr, err
}

type badSubscript struct{ name string }

func (e badSubscript) Error() string { return e.name + ": bad array subscript" }

func indexGet(vr expand.Variable, i int) (string, bool) {
	if vr.Kind == expand.String && i == 0 {
		return vr.Str, vr.IsSet()
	}
	if vr.Indexes != nil {
		if pos, ok := slices.BinarySearch(vr.Indexes, i); ok {
			return vr.List[pos], true
		}
		return "", false
	}
	if i >= 0 && i < len(vr.List) {
		return vr.List[i], true
	}
	return "", false
}

// indexAssignIdx returns cur with element i set to val, keeping the list
// dense where possible and sparse (with Indexes) otherwise.
func (r *Runner) indexAssignIdx(name string, cur expand.Variable, i int, val string) (string, expand.Variable, error) {
	vr := expand.Variable{Set: true, Kind: expand.Indexed, Exported: cur.Exported, ReadOnly: cur.ReadOnly, Local: cur.Local}
	switch cur.Kind {
	case expand.Indexed:
		vr.List = slices.Clone(cur.List)
		vr.Indexes = slices.Clone(cur.Indexes)
	case expand.String:
		if cur.IsSet() {
			vr.List = []string{cur.Str}
		}
	}
	if vr.Indexes == nil {
		switch {
		case i < len(vr.List):
			vr.List[i] = val
			return name, vr, nil
		case i == len(vr.List):
			vr.List = append(vr.List, val)
			return name, vr, nil
		}
		vr.Indexes = make([]int, len(vr.List))
		for k := range vr.List {
			vr.Indexes[k] = k
		}
	}
	pos, found := slices.BinarySearch(vr.Indexes, i)
	if found {
		vr.List[pos] = val
	} else {
		vr.Indexes = slices.Insert(vr.Indexes, pos, i)
		vr.List = slices.Insert(vr.List, pos, val)
	}
	// Back to dense form when the indexes are 0..n-1.
	if len(vr.Indexes) > 0 && vr.Indexes[len(vr.Indexes)-1] == len(vr.Indexes)-1 {
		vr.Indexes = nil
	}
	return name, vr, nil
}

// indexUnset removes element i (unset a[i]).
func indexUnset(cur expand.Variable, i int) expand.Variable {
	if cur.Kind != expand.Indexed {
		if i == 0 {
			return expand.Variable{Set: false, Kind: cur.Kind}
		}
		return cur
	}
	vr := cur
	idx := cur.Indexes
	if idx == nil {
		idx = make([]int, len(cur.List))
		for k := range idx {
			idx[k] = k
		}
	} else {
		idx = slices.Clone(idx)
	}
	pos, ok := slices.BinarySearch(idx, i)
	if !ok {
		return cur
	}
	vr.List = slices.Delete(slices.Clone(cur.List), pos, pos+1)
	vr.Indexes = slices.Delete(idx, pos, pos+1)
	if len(vr.Indexes) == 0 || vr.Indexes[len(vr.Indexes)-1] == len(vr.Indexes)-1 {
		vr.Indexes = nil
	}
	return vr
}

// assocSet returns cur with key set to val.
func (r *Runner) assocSet(name string, cur expand.Variable, key, val string) (expand.Variable, error) {
	vr := cur
	vr.Set = true
	vr.Kind = expand.Associative
	vr.List = assocWithKey(cur, key)
	vr.Map = maps.Clone(cur.Map)
	if vr.Map == nil {
		vr.Map = map[string]string{}
	}
	vr.Map[key] = val
	return vr, nil
}

// arrayIndexes lists the set indexes of an indexed array.
func arrayIndexes(vr expand.Variable) []string {
	if vr.Indexes != nil {
		out := make([]string, len(vr.Indexes))
		for i, n := range vr.Indexes {
			out[i] = strconv.Itoa(n)
		}
		return out
	}
	out := make([]string, len(vr.List))
	for i := range vr.List {
		out[i] = strconv.Itoa(i)
	}
	return out
}
