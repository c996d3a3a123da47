package bench

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// The provider's peak RSS is measured by a launcher that Terraform starts
// in its place: the bench binary itself, copied under the provider's name
// into a second dev_overrides directory. It runs the real provider as its
// child with the same standard streams (so go-plugin's handshake passes
// through untouched), waits for it, and appends the child's ru_maxrss, which
// the kernel keeps exactly, to a file. Sampling VmHWM from /proc instead
// would race with the provider's exit and could miss the last stretch.
const (
	envLaunchProvider = "ALISEC_BENCH_PROVIDER" // the real provider binary
	envLaunchRSSFile  = "ALISEC_BENCH_RSS_FILE" // where each run appends "<peak RSS KiB> <CPU µs>"
)

// IsLauncher reports whether this process was started as the launcher.
func IsLauncher() bool { return os.Getenv(envLaunchProvider) != "" }

// Launch runs the provider as IsLauncher's child and returns the exit code
// to end with.
func Launch() int {
	cmd := exec.Command(os.Getenv(envLaunchProvider), os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "bench launcher:", err)
		return 1
	}
	// Terraform stops a plugin by signal when it does not stop by itself.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		line := fmt.Sprintf("%d %d", usage.Maxrss, cpu.Microseconds())
		if werr := appendLine(os.Getenv(envLaunchRSSFile), line); werr != nil {
			fmt.Fprintln(os.Stderr, "bench launcher:", werr)
		}
	}
	if err != nil {
		return cmd.ProcessState.ExitCode()
	}
	return 0
}

func appendLine(file, line string) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(line + "\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ProviderUsage is what the launcher recorded over one plan.
type ProviderUsage struct {
	PeakRSS   int64         // bytes, the largest of the provider processes' peaks
	CPU       time.Duration // user and system time of all of them
	Processes int           // Terraform starts the provider more than once per plan
}

// ReadProviderUsage reads the launcher's record, a line per process.
func ReadProviderUsage(file string) (ProviderUsage, error) {
	var u ProviderUsage
	data, err := os.ReadFile(file)
	if err != nil {
		return u, err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var kib, cpuMicros int64
		if _, err := fmt.Sscanf(line, "%d %d", &kib, &cpuMicros); err != nil {
			return u, fmt.Errorf("%s: line %q: %w", file, line, err)
		}
		u.Processes++
		u.PeakRSS = max(u.PeakRSS, kib<<10) // ru_maxrss is in KiB on Linux
		u.CPU += time.Duration(cpuMicros) * time.Microsecond
	}
	return u, nil
}
