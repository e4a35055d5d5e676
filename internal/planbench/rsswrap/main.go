// Command rsswrap stands in for a provider during the plan-scale benchmark:
// it runs the real provider (DLI_BENCH_PROVIDER) with the same arguments
// and standard streams, and when it exits appends a line to
// DLI_BENCH_RSS_FILE: its peak RSS in KiB and its CPU time (user + system)
// in nanoseconds.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	cmd := exec.Command(os.Getenv("DLI_BENCH_PROVIDER"), os.Args[1:]...) //nolint:gosec // the benchmark's own binary
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		if f, ferr := os.OpenFile(os.Getenv("DLI_BENCH_RSS_FILE"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); ferr == nil {
			cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			_, _ = fmt.Fprintf(f, "%d %d\n", ru.Maxrss, cpu.Nanoseconds())
			_ = f.Close()
		}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		os.Exit(exit.ExitCode())
	}
	if err != nil {
		os.Exit(1)
	}
}
