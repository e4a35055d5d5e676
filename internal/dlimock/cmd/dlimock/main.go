// Command dlimock serves the in-memory DLI on a loopback port, seeded with a
// few batches, for the demo and the benchmarks. It prints its URL and, with
// -url-file, writes it to a file once it is listening.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Seeded batches; their IDs are in examples/demo.
const DemoProject = "0123456789abcdef0123456789abcdef"

var seeded = []struct{ id, states string }{
	{"0a324461-d9d9-45da-a52a-3b3c7a3d809e", "starting,running,success"}, // progresses per request
	{"4b9d2a57-3f5e-4c1a-9d8e-7a6b5c4d3e2f", "Success"},                  // as the seed's example spells it
	{"9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "running"},
	{"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "dead"},
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to listen on")
	urlFile := flag.String("url-file", "", "write the server's URL to this file once listening")
	useTLS := flag.Bool("tls", false, "serve HTTPS with a self-signed certificate (clients need insecure = true)")
	latency := flag.Duration("latency", 0, "added to every answer")
	accessKey := flag.String("access-key", "DEMOACCESSKEY", "access key accepted (AK/SK signing)")
	secretKey := flag.String("secret-key", "demo-secret-key", "secret key that signatures are checked with")
	token := flag.String("token", "", "IAM token accepted as X-Auth-Token")
	defaultState := flag.String("default-state", "", "state of any batch not seeded (for load tests); unset: DLI.0002")
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
	for _, b := range seeded {
		m.AddBatch(DemoProject, b.id, strings.Split(b.states, ",")...)
	}
	srv := dlimock.NewServer(m, l, *useTLS)
	defer srv.Close()

	fmt.Printf("dlimock: serving DLI at %s (project %s)\n", srv.URL, DemoProject)
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
