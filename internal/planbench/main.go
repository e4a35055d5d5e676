// Command planbench measures what a plan with many dli_batch_state data
// sources costs: terraform plan of 1, 100 and 500 reads against the mock
// DLI with added latency, over HTTP and TLS, reporting wall time and CPU
// (medians), requests, TCP connections, TLS handshakes and the provider's
// peak RSS; and terraform validate of an empty and a one-data-source
// configuration. With -peer, it runs the same plans against peer providers
// built from source (scripts/bench-peers.sh), in paired, alternating runs,
// and reports the ratios (-peer previous=BINARY: an earlier build of this
// provider, such as the last release); with -floor, against a framework
// provider that answers from memory (floor/); with -logging-baseline, against this provider
// with the SDK's logging on, as before 0.3; with -cpuprofile, it runs a
// build that writes a CPU profile per provider process (profiled/).
// Results are printed in Go's benchmark format (benchstat reads them).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/devcli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const project = "0123456789abcdef0123456789abcdef"

type bench struct {
	tf, work, rssFile, profileDir string
	runs                          int
	subjects                      []subject
	out                           io.Writer
}

// peerFlags collects -peer name=binary.
type peerFlags []string

func (p *peerFlags) String() string     { return strings.Join(*p, ",") }
func (p *peerFlags) Set(v string) error { *p = append(*p, v); return nil }

func main() {
	tf := flag.String("tf", "terraform", "terraform or tofu binary")
	sizes := flag.String("sizes", "1,100,500", "numbers of data sources")
	latencies := flag.String("latencies", "0s,20ms", "per-request latency added by the mock")
	transports := flag.String("transports", "http,tls", "http, tls or both")
	runs := flag.Int("runs", 5, "plans per configuration (the median is reported)")
	outPath := flag.String("out", "", "also write the results to this file")
	profileDir := flag.String("cpuprofile", "", "run a build of this provider that writes a CPU profile per process into this directory")
	baseline := flag.Bool("logging-baseline", false, "also measure this provider with the SDK's logging on and dropped by Terraform, as before 0.3")
	floor := flag.Bool("floor", false, "also measure the floor: a framework provider that answers from memory after the mock's latency (internal/planbench/floor)")
	var peers peerFlags
	flag.Var(&peers, "peer", "name=binary of a peer provider to measure alongside (huaweicloud, http, or previous: an earlier build of this provider); repeatable")
	flag.Parse()

	work, err := os.MkdirTemp("", "dli-planbench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	b := &bench{tf: *tf, work: work, rssFile: filepath.Join(work, "rss"), runs: *runs, profileDir: *profileDir}
	var results bytes.Buffer
	b.out = io.MultiWriter(os.Stdout, &results)
	b.build(peers, *baseline, *floor)

	fmt.Fprintf(b.out, "goos: %s\ngoarch: %s\ncpu-count: %d\nterraform: %s\ndate: %s\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), b.version(), time.Now().UTC().Format(time.RFC3339))
	if len(b.subjects) == 1 {
		b.validate()
	}
	for _, transport := range strings.Split(*transports, ",") {
		for _, lat := range strings.Split(*latencies, ",") {
			latency, err := time.ParseDuration(lat)
			if err != nil {
				log.Fatal(err)
			}
			for _, n := range strings.Split(*sizes, ",") {
				size, err := strconv.Atoi(n)
				if err != nil {
					log.Fatal(err)
				}
				b.plan(size, latency, transport == "tls")
			}
		}
	}
	if *outPath != "" {
		if err := os.WriteFile(*outPath, results.Bytes(), 0o644); err != nil { //nolint:gosec // a results file
			log.Fatal(err)
		}
	}
}

// build compiles this provider (or its profiling build) and the RSS
// wrapper, and writes a CLI configuration that makes terraform run the
// wrapper in place of each subject's provider.
func (b *bench) build(peers []string, baseline, floor bool) {
	self := filepath.Join(b.work, "terraform-provider-dli")
	pkg := "github.com/dli-terraform/terraform-provider-dli"
	if b.profileDir != "" {
		pkg += "/internal/planbench/profiled"
	}
	run("go", "build", "-o", self, pkg)
	b.subjects = []subject{dliSubject(self)}
	if baseline {
		b.subjects = append(b.subjects, loggingBaseline(self))
	}
	if floor {
		bin := filepath.Join(b.work, "terraform-provider-floor")
		run("go", "build", "-o", bin, "github.com/dli-terraform/terraform-provider-dli/internal/planbench/floor")
		b.subjects = append(b.subjects, floorSubject(bin))
	}
	for _, p := range peers {
		name, binary, _ := strings.Cut(p, "=")
		newSubject, ok := peerSubjects[name]
		if !ok || binary == "" {
			log.Fatalf("-peer %q: want huaweicloud=BINARY, http=BINARY or previous=BINARY", p)
		}
		if _, err := os.Stat(binary); err != nil {
			log.Fatal(err)
		}
		b.subjects = append(b.subjects, newSubject(binary))
	}
	overrides := map[string]string{}
	for _, s := range b.subjects {
		bin := filepath.Join(b.work, "bin-"+s.name)
		run("go", "build", "-o", filepath.Join(bin, "terraform-provider-"+s.name), "github.com/dli-terraform/terraform-provider-dli/internal/planbench/rsswrap")
		overrides[s.source] = bin // the same for a subject's variants
	}
	must(devcli.WriteOverrides(filepath.Join(b.work, "cli.tfrc"), overrides))
}

func (b *bench) version() string {
	out, _ := exec.Command(b.tf, "version").Output()
	return strings.SplitN(string(out), "\n", 2)[0]
}

// validate times terraform validate of an empty configuration (no provider
// started), of a provider block alone, and of one data source.
func (b *bench) validate() {
	config := b.subjects[0].configuration(1, "http://127.0.0.1:9", 0)
	for _, tc := range []struct{ name, config string }{
		{"empty", ""},
		{"provider-only", strings.Split(config, "data ")[0]},
		{"one-data-source", config},
	} {
		dir := b.configDir("validate-"+tc.name, tc.config)
		var times []time.Duration
		for range b.runs {
			times = append(times, b.terraform(dir, b.subjects[0], "validate", "-no-color").wall)
		}
		fmt.Fprintf(b.out, "BenchmarkValidate/%s \t%d\t%d ns/op\n", tc.name, b.runs, median(times).Nanoseconds())
	}
}

// sample is what one plan cost.
type sample struct {
	wall, cpu   time.Duration // cpu: terraform's and its providers' user + system time
	providerCPU time.Duration
	rss         int // the largest provider process's peak, KiB
	stats       dlimock.Stats
}

// plan times terraform plan of n reads for each subject, against a fresh
// mock per run; the subjects take turns, so that a change in the machine's
// load touches them alike.
func (b *bench) plan(n int, latency time.Duration, useTLS bool) {
	samples := make([][]sample, len(b.subjects))
	loadBefore := loadAverage()
	for range b.runs {
		for i, s := range b.subjects {
			samples[i] = append(samples[i], b.planOnce(s, n, latency, useTLS))
		}
	}
	transport := "http"
	if useTLS {
		transport = "tls"
	}
	for i, s := range b.subjects {
		st := samples[i][len(samples[i])-1].stats
		fmt.Fprintf(b.out, "BenchmarkPlan/reads=%d/latency=%s/%s/provider=%s \t%d\t%d ns/op\t%d cpu-ns/op\t%d provider-cpu-ns/op\t%d requests/op\t%d conns/op\t%d tls-handshakes/op\t%d provider-peak-rss-KiB\n",
			n, latency, transport, s.label, b.runs, medianOf(samples[i], func(x sample) time.Duration { return x.wall }).Nanoseconds(),
			medianOf(samples[i], func(x sample) time.Duration { return x.cpu }).Nanoseconds(),
			medianOf(samples[i], func(x sample) time.Duration { return x.providerCPU }).Nanoseconds(),
			st.Requests, st.Connections, st.TLSHandshakes, slices.Max(rssOf(samples[i])))
	}
	fmt.Fprintf(b.out, "# reads=%d: 1-minute load average %s before, %s after\n", n, loadBefore, loadAverage())
	for i := 1; i < len(b.subjects); i++ {
		fmt.Fprintf(b.out, "# reads=%d latency=%s %s: dli/%s, medians of %d paired runs: wall %.2fx, cpu %.2fx, provider cpu %.2fx, provider peak rss %.2fx\n",
			n, latency, transport, b.subjects[i].label, b.runs,
			pairedRatio(samples[0], samples[i], func(x sample) float64 { return float64(x.wall) }),
			pairedRatio(samples[0], samples[i], func(x sample) float64 { return float64(x.cpu) }),
			pairedRatio(samples[0], samples[i], func(x sample) float64 { return float64(x.providerCPU) }),
			pairedRatio(samples[0], samples[i], func(x sample) float64 { return float64(x.rss) }))
		wallLo, wallHi := pairedRange(samples[0], samples[i], func(x sample) float64 { return float64(x.wall) })
		cpuLo, cpuHi := pairedRange(samples[0], samples[i], func(x sample) float64 { return float64(x.cpu) })
		fmt.Fprintf(b.out, "# reads=%d latency=%s %s: dli/%s, ranges of %d paired runs: wall %.2f-%.2fx, cpu %.2f-%.2fx\n",
			n, latency, transport, b.subjects[i].label, b.runs, wallLo, wallHi, cpuLo, cpuHi)
	}
}

func (b *bench) planOnce(s subject, n int, latency time.Duration, useTLS bool) sample {
	m := dlimock.New(benchCredentials)
	m.Latency, m.DefaultState = latency, "success"
	if s.mock != nil {
		s.mock(m)
	}
	srv := dlimock.NewServer(m, nil, useTLS)
	defer srv.Close()
	dir := b.configDir(fmt.Sprintf("plan-%s-%d", s.label, n), s.configuration(n, srv.URL, latency))
	_ = os.Remove(b.rssFile)
	res := b.terraform(dir, s, "plan", "-no-color", "-input=false", "-lock=false", "-parallelism=10")
	srv.Close()
	res.stats = srv.Stats()
	if reads := s.reads; reads != nil && reads(srv) != n {
		log.Fatalf("%s: plan of %d data sources made %d reads", s.label, n, reads(srv))
	}
	res.rss, res.providerCPU = providerUsage(b.rssFile)
	return res
}

func (b *bench) configDir(name, config string) string {
	dir := filepath.Join(b.work, name)
	must(os.MkdirAll(dir, 0o755))
	must(os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600))
	return dir
}

// terraform runs the CLI with the subject's provider under the RSS wrapper.
func (b *bench) terraform(dir string, s subject, args ...string) sample {
	cmd := exec.Command(b.tf, args...) //nolint:gosec // the benchmark's chosen CLI
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(b.work, "cli.tfrc"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"DLI_BENCH_PROVIDER="+s.binary, "DLI_BENCH_RSS_FILE="+b.rssFile, "DLI_BENCH_CPUPROFILE_DIR="+b.profileDir)
	cmd.Env = append(cmd.Env, s.env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		log.Fatalf("%s %s: %v\n%s", b.tf, strings.Join(args, " "), err, out)
	}
	// The rusage of a reaped process includes the children it reaped: the providers.
	return sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
}

// loadAverage is the machine's 1-minute load average (Linux), or "?".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if fields := strings.Fields(string(data)); err == nil && len(fields) > 0 {
		return fields[0]
	}
	return "?"
}

// providerUsage reads the wrapper's lines: the largest peak RSS and the
// summed CPU time of the plan's provider processes.
func providerUsage(path string) (peakKiB int, cpu time.Duration) {
	data, _ := os.ReadFile(path)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var rss, ns int64
		if _, err := fmt.Sscan(line, &rss, &ns); err == nil {
			peakKiB, cpu = max(peakKiB, int(rss)), cpu+time.Duration(ns)
		}
	}
	return peakKiB, cpu
}

func rssOf(samples []sample) []int {
	out := make([]int, len(samples))
	for i, s := range samples {
		out[i] = s.rss
	}
	return out
}

func medianOf(samples []sample, value func(sample) time.Duration) time.Duration {
	ds := make([]time.Duration, len(samples))
	for i, s := range samples {
		ds[i] = value(s)
	}
	return median(ds)
}

// pairedRatio is the median over runs of ours/theirs, run by run.
func pairedRatio(ours, theirs []sample, value func(sample) float64) float64 {
	ratios := pairedRatios(ours, theirs, value)
	return ratios[len(ratios)/2]
}

// pairedRange is the smallest and the largest of ours/theirs, run by run.
func pairedRange(ours, theirs []sample, value func(sample) float64) (lo, hi float64) {
	ratios := pairedRatios(ours, theirs, value)
	return ratios[0], ratios[len(ratios)-1]
}

// pairedRatios are ours/theirs run by run, sorted.
func pairedRatios(ours, theirs []sample, value func(sample) float64) []float64 {
	ratios := make([]float64, len(ours))
	for i := range ours {
		ratios[i] = value(ours[i]) / value(theirs[i])
	}
	slices.Sort(ratios)
	return ratios
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func run(name string, args ...string) {
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
