package provider

import "runtime/debug"

// GCPercent is the garbage collector's target (GOGC) the provider process
// runs with unless GOGC is set.
//
// A read allocates 0.2 to 0.5 MB, most of it in the framework's protocol
// work around Read, while the process keeps only a few MiB alive. At Go's
// default of 100 the collector then runs every few reads, and took half of
// a read's time (`make bench`, README "Performance"). At 400 it runs a
// quarter as often, for a heap that may grow to five times the live data
// between collections instead of twice, which stays far below the memory
// budget.
const GCPercent = 400

// TuneGC sets GCPercent unless the user chose a GOGC of their own. The main
// package calls it before serving.
func TuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}
