package fdtable

// Unlimited is the value NoFileLimit reports for "no limit" (RLIM_INFINITY).
const Unlimited = ^uint64(0)

// softLimit is the user's soft limit as the table enforces it.
func softLimit() uint64 {
	soft, _, err := NoFileLimit()
	if err != nil && soft == 0 {
		return Unlimited
	}
	return soft
}
