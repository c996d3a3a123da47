package provider

import "runtime/debug"

// The garbage collector's settings the provider process runs with, unless
// the user sets GOGC or GOMEMLIMIT.
//
// A read allocates 0.2 to 0.5 MB, most of it in the framework's protocol
// work around Read, while the process keeps only a few MiB alive. At Go's
// default (GOGC=100, no limit) the collector then runs every few reads and
// took half of a read's time. GCPercent lets the heap grow to five times
// the live data between collections instead of twice, and GCMemoryLimit
// collects earlier than that once the process holds this much, so that a
// plan of many reads keeps the footprint it had at the default: in plans
// of 500 reads (`make bench`, README "Performance") the provider's CPU per
// data source fell by 5 to 20% and its peak RSS stayed near 60 MiB, where
// GOGC=400 alone took it to 90 MiB.
const (
	GCPercent     = 400
	GCMemoryLimit = 48 << 20 // bytes
)

// TuneGC applies GCPercent and GCMemoryLimit unless the user chose either
// setting. The main package calls it before serving.
func TuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(GCPercent)
	debug.SetMemoryLimit(GCMemoryLimit)
}
