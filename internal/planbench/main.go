// Command planbench measures what a plan with many dli_batch_state data
// sources costs: terraform plan of 1, 100 and 500 reads against the mock
// DLI with added latency, over HTTP and TLS, reporting wall time (median),
// requests, TCP connections, TLS handshakes and the provider's peak RSS;
// and terraform validate of an empty and a one-data-source configuration.
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
	tf, work, rssFile string
	runs              int
	out               io.Writer
}

func main() {
	tf := flag.String("tf", "terraform", "terraform or tofu binary")
	sizes := flag.String("sizes", "1,100,500", "numbers of data sources")
	latencies := flag.String("latencies", "0s,20ms", "per-request latency added by the mock")
	runs := flag.Int("runs", 5, "plans per configuration (the median is reported)")
	outPath := flag.String("out", "", "also write the results to this file")
	flag.Parse()

	work, err := os.MkdirTemp("", "dli-planbench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	b := &bench{tf: *tf, work: work, rssFile: filepath.Join(work, "rss"), runs: *runs, out: os.Stdout}
	var results bytes.Buffer
	b.out = io.MultiWriter(os.Stdout, &results)
	b.build()

	fmt.Fprintf(b.out, "goos: %s\ngoarch: %s\ncpu-count: %d\nterraform: %s\ndate: %s\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), b.version(), time.Now().UTC().Format(time.RFC3339))
	b.validate()
	for _, transport := range []string{"http", "tls"} {
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

// build compiles the provider and the RSS wrapper, and writes a CLI
// configuration that makes terraform run the wrapper as the provider.
func (b *bench) build() {
	bin := filepath.Join(b.work, "bin")
	run("go", "build", "-o", filepath.Join(b.work, "terraform-provider-dli"), "github.com/dli-terraform/terraform-provider-dli")
	run("go", "build", "-o", filepath.Join(bin, "terraform-provider-dli"), "github.com/dli-terraform/terraform-provider-dli/internal/planbench/rsswrap")
	must(devcli.WriteConfig(filepath.Join(b.work, "cli.tfrc"), bin))
}

func (b *bench) version() string {
	out, _ := exec.Command(b.tf, "version").Output()
	return strings.SplitN(string(out), "\n", 2)[0]
}

// validate times terraform validate of an empty configuration (no provider
// started), of a provider block alone, and of one data source.
func (b *bench) validate() {
	for _, tc := range []struct{ name, config string }{
		{"empty", ""},
		{"provider-only", strings.Split(dataSources(1, "http://127.0.0.1:9"), "data ")[0]},
		{"one-data-source", dataSources(1, "http://127.0.0.1:9")},
	} {
		dir := b.configDir("validate-"+tc.name, tc.config)
		var times []time.Duration
		for range b.runs {
			start := time.Now()
			b.terraform(dir, "validate", "-no-color")
			times = append(times, time.Since(start))
		}
		fmt.Fprintf(b.out, "BenchmarkValidate/%s \t%d\t%d ns/op\n", tc.name, b.runs, median(times).Nanoseconds())
	}
}

// plan times terraform plan of n reads against a fresh mock per run.
func (b *bench) plan(n int, latency time.Duration, useTLS bool) {
	var times []time.Duration
	var st dlimock.Stats
	var rss int
	for range b.runs {
		m := dlimock.New(dlimock.Credentials{AccessKey: "BENCHAK", SecretKey: "bench-sk"})
		m.Latency, m.DefaultState = latency, "success"
		srv := dlimock.NewServer(m, nil, useTLS)
		dir := b.configDir(fmt.Sprintf("plan-%d", n), dataSources(n, srv.URL))
		_ = os.Remove(b.rssFile)
		start := time.Now()
		b.terraform(dir, "plan", "-no-color", "-input=false", "-lock=false", "-parallelism=10")
		times = append(times, time.Since(start))
		srv.Close()
		st = srv.Stats()
		rss = max(rss, peakRSS(b.rssFile))
		if st.Requests != n {
			log.Fatalf("plan of %d data sources sent %d requests", n, st.Requests)
		}
	}
	transport := "http"
	if useTLS {
		transport = "tls"
	}
	fmt.Fprintf(b.out, "BenchmarkPlan/reads=%d/latency=%s/%s \t%d\t%d ns/op\t%d requests/op\t%d conns/op\t%d tls-handshakes/op\t%d provider-peak-rss-KiB\n",
		n, latency, transport, b.runs, median(times).Nanoseconds(), st.Requests, st.Connections, st.TLSHandshakes, rss)
}

func (b *bench) configDir(name, config string) string {
	dir := filepath.Join(b.work, name)
	must(os.MkdirAll(dir, 0o755))
	must(os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600))
	return dir
}

func (b *bench) terraform(dir string, args ...string) {
	cmd := exec.Command(b.tf, args...) //nolint:gosec // the benchmark's chosen CLI
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(b.work, "cli.tfrc"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"DLI_BENCH_PROVIDER="+filepath.Join(b.work, "terraform-provider-dli"), "DLI_BENCH_RSS_FILE="+b.rssFile)
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("%s %s: %v\n%s", b.tf, strings.Join(args, " "), err, out)
	}
}

// dataSources is a configuration of n reads of distinct batches.
func dataSources(n int, endpoint string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    dli = { source = "dli-terraform/dli" }
  }
}

provider "dli" {
  endpoint   = %q
  project_id = %q
  access_key = "BENCHAK"
  secret_key = "bench-sk"
  insecure   = %t
}

data "dli_batch_state" "batch" {
  count    = %d
  batch_id = format("00000000-0000-4000-8000-%%012d", count.index)
}
`, endpoint, project, strings.HasPrefix(endpoint, "https"), n)
}

func peakRSS(path string) int {
	data, _ := os.ReadFile(path)
	peak := 0
	for _, line := range strings.Fields(string(data)) {
		if v, err := strconv.Atoi(line); err == nil {
			peak = max(peak, v)
		}
	}
	return peak
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
