package shell

import (
	"slices"
	"sort"

	"mvdan.cc/sh/v3/expand"
)

// bash lists an associative array's keys (${!m[@]}, ${m[@]}, declare -p,
// for loops over them) in the order of its hash table, not sorted and
// not in the order they were added, and scripts' output shows that order.
// tcpsh reproduces it: checked against bash 5.2 with keys of many shapes
// and 100 to 3000 keys (cmd/tcpsh/testdata/corpus/468-assoc-order.sh).
// The table, as observed: 1024 buckets chosen by the low bits of the
// 32-bit FNV-1 hash of the key; each new key goes in front of its bucket;
// before an insertion finds twice as many keys as buckets, the table
// grows to four times the buckets, moving the keys bucket by bucket, each
// to the front of its new bucket. Listing walks the buckets in order.
//
// The order within a bucket needs the order in which keys were added,
// which tcpsh keeps in the variable's List (expand.Variable leaves it
// unused for associative arrays); keys missing from it count as added
// last, in sorted order.

const (
	assocBuckets   = 1024
	assocGrowAt    = 2 // keys per bucket before an insertion grows the table
	assocGrowTimes = 4
)

// fnv1 is the 32-bit FNV-1 hash (multiply, then xor).
func fnv1(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h *= 16777619
		h ^= uint32(s[i])
	}
	return h
}

// assocAdded returns the keys of an associative array in the order they
// were added. The result may be vr.List itself: callers must not change
// it in place.
func assocAdded(vr expand.Variable) []string {
	if len(vr.List) == len(vr.Map) && listsAllKeys(vr) {
		return vr.List // the usual case: tcpsh keeps the list whole
	}
	out := make([]string, 0, len(vr.Map))
	seen := make(map[string]bool, len(vr.Map))
	for _, k := range vr.List {
		if _, ok := vr.Map[k]; ok && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	var rest []string
	for k := range vr.Map {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// listsAllKeys reports whether every key of vr.List is in vr.Map (with
// equal lengths and no repeats, which tcpsh never adds, the list is
// then exactly the keys).
func listsAllKeys(vr expand.Variable) bool {
	for _, k := range vr.List {
		if _, ok := vr.Map[k]; !ok {
			return false
		}
	}
	return true
}

// assocKeys returns the keys of an associative array in bash's order.
func assocKeys(vr expand.Variable) []string {
	added := assocAdded(vr)
	if len(added) <= assocBuckets*assocGrowAt {
		// No growth: by bucket, the newest first within one.
		type ent struct {
			key    string
			bucket uint32
			seq    int
		}
		ents := make([]ent, len(added))
		for i, k := range added {
			ents[i] = ent{k, fnv1(k) & (assocBuckets - 1), i}
		}
		sort.Slice(ents, func(a, b int) bool {
			if ents[a].bucket != ents[b].bucket {
				return ents[a].bucket < ents[b].bucket
			}
			return ents[a].seq > ents[b].seq
		})
		out := make([]string, len(ents))
		for i, e := range ents {
			out[i] = e.key
		}
		return out
	}
	// Simulate the table, growth included.
	buckets := make([][]string, assocBuckets)
	n := 0
	for _, k := range added {
		if n >= len(buckets)*assocGrowAt {
			grown := make([][]string, len(buckets)*assocGrowTimes)
			for _, b := range buckets {
				for _, key := range b {
					i := fnv1(key) & uint32(len(grown)-1)
					grown[i] = append([]string{key}, grown[i]...)
				}
			}
			buckets = grown
		}
		i := fnv1(k) & uint32(len(buckets)-1)
		buckets[i] = append([]string{k}, buckets[i]...)
		n++
	}
	out := make([]string, 0, len(added))
	for _, b := range buckets {
		out = append(out, b...)
	}
	return out
}

// assocWithKey returns the insertion order of vr after setting key.
func assocWithKey(vr expand.Variable, key string) []string {
	order := assocAdded(vr)
	if _, ok := vr.Map[key]; !ok {
		order = append(slices.Clip(order), key) // a new array: order may be shared
	}
	return order
}

// assocWithoutKey returns the insertion order of vr after unsetting key.
func assocWithoutKey(vr expand.Variable, key string) []string {
	return slices.DeleteFunc(slices.Clone(assocAdded(vr)), func(k string) bool { return k == key })
}
