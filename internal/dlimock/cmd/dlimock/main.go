// Command dlimock serves the in-memory DLI on a loopback port, seeded with a
// few batches, for the demo and the benchmarks. It prints its URL, the
// seeded batches and the keys it accepts and, with -url-file, writes the URL
// to a file once it is listening. -h lists the same.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// DemoProject holds the seeded batches; examples/demo reads them.
const DemoProject = "0123456789abcdef0123456789abcdef"

// The keys the mock accepts unless told otherwise; examples/demo uses them.
const (
	demoAccessKey = "DEMOACCESSKEY"
	demoSecretKey = "demo-secret-key"
)

// seeded are the batches every dlimock serves: states is the script (one
// step per request, then the last state stays), scenario says what it is for.
// The documented examples read them: their job names and queue are the
// examples' (TestAccDlimock_documentedExamplesRunUnchanged in internal/provider).
var seeded = []struct{ id, states, name, queue, scenario string }{
	{"0a324461-d9d9-45da-a52a-3b3c7a3d809e", "starting,running,success", "nightly-etl", "etl", "finishes: one state per request, so a wait for success polls three times"},
	{"4b9d2a57-3f5e-4c1a-9d8e-7a6b5c4d3e2f", "Success", "daily-report", "etl", "finished, spelled as in DLI's own example (compare with lower())"},
	{"9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "running", "hourly-sync", "etl", "never finishes: a wait runs until timeouts.read (or Ctrl-C)"},
	{"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "dead", "nightly-etl", "etl", "failed: a wait_for = [\"success\"] fails at once"},
}

// seededQueues lists the queues of the seeded jobs, each once, in order.
func seededQueues() []string {
	var queues []string
	for _, b := range seeded {
		if !slices.Contains(queues, b.queue) {
			queues = append(queues, b.queue)
		}
	}
	for _, j := range seededJobs {
		if q, _ := j.details["queue_name"].(string); q != "" && !slices.Contains(queues, q) {
			queues = append(queues, q)
		}
	}
	return queues
}

// seededJobs are the SQL and Flink jobs every dlimock serves, scripted
// like the batches; details are as DLI names them.
var seededJobs = []struct {
	kind, id, states, scenario string
	details                    map[string]any
}{
	{"SQL", "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "LAUNCHING,RUNNING,FINISHED", "an INSERT into db1.sales that finishes",
		map[string]any{"job_type": "INSERT", "queue_name": "sql_queue", "owner": "demo", "database_name": "db1", "table_name": "sales", "duration": 65000, "result_count": 55, "statement": "INSERT INTO sales SELECT * FROM staging"}},
	{"SQL", "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c", "RUNNING,FAILED", "fails, with DLI's message",
		map[string]any{"job_type": "INSERT", "queue_name": "sql_queue", "owner": "demo", "message": "Table staging does not exist"}},
	{"Flink", "71001", "job_submitting,job_running", "clicks-stream, running after one poll",
		map[string]any{"name": "clicks-stream", "queue_name": "flink_queue", "user_name": "demo", "job_type": "flink_opensource_sql_job"}},
	{"Flink", "71002", "job_running", "clicks-stream-backfill: DLI's name filter matches it for clicks-stream",
		map[string]any{"name": "clicks-stream-backfill", "queue_name": "flink_queue", "user_name": "demo", "job_type": "flink_opensource_sql_job"}},
}

// describeSeeds writes what a configuration needs to read the seeded
// batches: each with its job name, queue and states, the queues, the
// states a batch can be in, the project and the keys. A secret key other
// than the demo's is not shown.
func describeSeeds(w io.Writer, accessKey, secretKey, token string) {
	fmt.Fprintf(w, "Project %s holds these batch (Spark) jobs, newest first:\n", DemoProject)
	fmt.Fprintf(w, "  %-36s  %-13s %-6s %-31s %s\n", "batch ID", "job name", "queue", "states (one per request)", "scenario")
	for _, b := range seeded {
		fmt.Fprintf(w, "  %-36s  %-13s %-6s %-31s %s\n", b.id, b.name, b.queue, strings.ReplaceAll(b.states, ",", " -> "), b.scenario)
	}
	fmt.Fprintln(w, "  any other batch ID: DLI.0002 (not found), unless -default-state is set")
	fmt.Fprintln(w, "and these SQL and Flink jobs (any other job ID: DLI.0002):")
	fmt.Fprintf(w, "  %-5s %-36s %-11s %-32s  %s\n", "kind", "job ID", "queue", "statuses (one per request)", "scenario")
	for _, j := range seededJobs {
		fmt.Fprintf(w, "  %-5s %-36s %-11s %-32s  %s\n", j.kind, j.id, j.details["queue_name"], strings.ReplaceAll(j.states, ",", " -> "), j.scenario)
	}
	describeCapacity(w)
	fmt.Fprintf(w, "Queues: %s. A batch's states: %s (any case).\n", strings.Join(seededQueues(), ", "), strings.Join(dli.KnownStates, ", "))
	shownSecret := fmt.Sprintf("%q", secretKey)
	if secretKey != demoSecretKey {
		shownSecret = "(the -secret-key value)"
	}
	fmt.Fprintf(w, "Requests must be signed with AK/SK: access_key %q, secret_key %s", accessKey, shownSecret)
	if token != "" {
		fmt.Fprint(w, ", or carry the -token value as X-Auth-Token")
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintf(w, "It also plays IAM (auth_url = URL/v3): project %q is %s, and agency %q of domain %q may be assumed;\n", demoRegion, DemoProject, demoAgency, demoDomain)
	fmt.Fprintln(w, "and the ECS metadata service (HW_ECS_METADATA_ENDPOINT = URL), which hands out temporary keys it accepts.")
	fmt.Fprintf(w, "Like the real gateway it demands Content-Type: application/json, and of AK/SK requests a signed X-Project-Id (DLI)\nand X-Domain-Id %s (the agency call).\n", dlimock.DefaultDomainID)
}

// What the mock's IAM knows, so that a configuration without project_id,
// or with assume_role, works against it too.
const (
	demoRegion = "cn-north-4"
	demoAgency = "dli-reader"
	demoDomain = "acme"
)

// seed gives the mock the seeded batches and jobs, with job names and times for
// dli_batch and dli_batches (the first in the list is the newest; they
// were created an hour apart and each ran an hour), and what its IAM and
// metadata service know.
func seed(m *dlimock.Mock, now time.Time) {
	now = now.Truncate(time.Second)
	for i, b := range seeded {
		m.AddBatch(DemoProject, b.id, strings.Split(b.states, ",")...)
		created := now.Add(-time.Duration(i+1) * time.Hour)
		m.SetDetails(DemoProject, b.id, map[string]any{
			"name": b.name, "queue": b.queue, "owner": "demo", "appId": "application_1700000000000_000" + strconv.Itoa(i+1),
			"create_time": created.UnixMilli(), "update_time": created.Add(time.Hour).UnixMilli(), "duration": time.Hour.Milliseconds(),
			"spark_version": "3.3.1", "feature": "basic", "sc_type": "A",
		})
	}
	for i, j := range seededJobs {
		started := now.Add(-time.Duration(i+1) * time.Hour).UnixMilli()
		details := map[string]any{"start_time": started, "create_time": started}
		for k, v := range j.details {
			details[k] = v
		}
		if j.kind == "SQL" {
			m.AddSQLJob(DemoProject, j.id, details, strings.Split(j.states, ",")...)
		} else {
			id, _ := strconv.ParseInt(j.id, 10, 64)
			m.AddFlinkJob(DemoProject, id, details, strings.Split(j.states, ",")...)
		}
	}
	seedCapacity(m, now.Add(-24*time.Hour).UnixMilli())
	m.AddProject(demoRegion, DemoProject)
	m.AddAgency(demoDomain, demoAgency)
	m.ServeMetadata()
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to listen on")
	urlFile := flag.String("url-file", "", "write the server's URL to this file once listening")
	useTLS := flag.Bool("tls", false, "serve HTTPS with a self-signed certificate (clients need insecure = true)")
	latency := flag.Duration("latency", 0, "added to every answer")
	accessKey := flag.String("access-key", demoAccessKey, "access key accepted (AK/SK signing)")
	secretKey := flag.String("secret-key", demoSecretKey, "secret key that signatures are checked with")
	token := flag.String("token", "", "IAM token accepted as X-Auth-Token")
	defaultState := flag.String("default-state", "", "state of any batch not seeded (for load tests); unset: DLI.0002")
	sessionTokens := flag.Bool("metadata-session-tokens", true, "the metadata service demands a session token (PUT /meta-data/latest/api/token); false: it has none (404)")
	totalCountsPage := flag.Bool("total-counts-page", false, "the batch list's total counts only the page, not the list")
	flag.Usage = func() {
		out := flag.CommandLine.Output()
		fmt.Fprintf(out, "Usage: dlimock [flags]\n\nServes an in-memory DLI (batches, SQL and Flink jobs, queues, elastic resource pools) on a loopback port, for the demo and tests.\n\n")
		describeSeeds(out, demoAccessKey, demoSecretKey, "")
		fmt.Fprintf(out, "\nFlags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()

	host, _, err := net.SplitHostPort(*listen)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("dlimock: -listen must be a loopback address such as 127.0.0.1:0, got %q", *listen)
	}
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("dlimock: %v", err)
	}

	m := dlimock.New(dlimock.Credentials{AccessKey: *accessKey, SecretKey: *secretKey, Token: *token})
	m.Latency = *latency
	m.DefaultState = *defaultState
	m.TotalCountsPage = *totalCountsPage
	seed(m, time.Now())
	if !*sessionTokens {
		m.ServeMetadataWithoutSessionTokens()
	}
	srv := dlimock.NewServer(m, l, *useTLS)
	defer srv.Close()

	fmt.Printf("dlimock: serving DLI at %s\n", srv.URL)
	describeSeeds(os.Stdout, *accessKey, *secretKey, *token)
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(srv.URL+"\n"), 0o600); err != nil {
			log.Fatalf("dlimock: %v", err)
		}
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	st := srv.Stats()
	fmt.Printf("dlimock: served %d requests over %d connections (%d TLS handshakes)\n", st.Requests, st.Connections, st.TLSHandshakes)
}
