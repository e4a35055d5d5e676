package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// A subject is a provider whose plans are measured: this one, or a peer
// built from its source by scripts/bench-peers.sh. Each reads one DLI batch
// per data source from the same mock.
type subject struct {
	label  string // what the results call it
	name   string // the provider's type, as in terraform-provider-<name>
	source string // its registry source, for dev_overrides
	binary string
	// config is the body of a configuration (after its terraform block) of n
	// reads of distinct batches at endpoint, whose answers take latency.
	config func(n int, endpoint string, latency time.Duration) string
	// reads is how many of the mock's requests were reads of a batch (nil:
	// the subject sends none).
	reads func(srv *dlimock.Server) int
	env   []string // added to terraform's environment
	// mock, when set, adapts the mock to what the provider sends.
	mock func(*dlimock.Mock)
}

// configuration is the subject's config with the terraform block that
// requires its provider.
func (s subject) configuration(n int, endpoint string, latency time.Duration) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    %s = { source = %q }
  }
}

`, s.name, s.source) + s.config(n, endpoint, latency)
}

// The mock accepts the AK/SK that this provider and the official one sign
// with, and the IAM token the http data source sends as a header.
var benchCredentials = dlimock.Credentials{AccessKey: "BENCHAK", SecretKey: "bench-sk", Token: "bench-token"}

// countBatchID is the HCL of a distinct batch ID per count.index.
const countBatchID = `format("00000000-0000-4000-8000-%012d", count.index)`

func requests(srv *dlimock.Server) int { return srv.Stats().Requests }

// dliSubject is this provider: n dli_batch_state data sources.
func dliSubject(binary string) subject {
	return subject{label: "dli", name: "dli", source: "dli-terraform/dli", binary: binary, reads: requests,
		config: func(n int, endpoint string, _ time.Duration) string {
			return fmt.Sprintf(`provider "dli" {
  endpoint   = %q
  project_id = %q
  access_key = "BENCHAK"
  secret_key = "bench-sk"
  insecure   = %t
}

data "dli_batch_state" "batch" {
  count    = %d
  batch_id = %s
}
`, endpoint, project, isTLS(endpoint), n, countBatchID)
		}}
}

// previousSubject is an earlier build of this provider (make install of a
// release, or go build at its tag), labelled "previous": the same plans, so
// that a version is compared with the one before it in paired runs.
func previousSubject(binary string) subject {
	s := dliSubject(binary)
	s.label = "previous"
	return s
}

// floorSubject is the cost floor (internal/planbench/floor): n
// floor_batch_state data sources that each wait the mock's latency and
// answer from memory, sending nothing.
func floorSubject(binary string) subject {
	return subject{label: "floor", name: "floor", source: "dli-terraform/floor", binary: binary,
		config: func(n int, _ string, latency time.Duration) string {
			return fmt.Sprintf(`provider "floor" {
  latency = %q
}

data "floor_batch_state" "batch" {
  count    = %d
  batch_id = %s
}
`, latency, n, countBatchID)
		}}
}

// huaweicloudSubject is the official provider: n huaweicloud_dli_spark_jobs
// data sources filtered by job_id, the list call with job-id. Its DLI
// endpoint and IAM both point at the mock; domain_id is set so that it asks
// IAM nothing at configure time (project_id is set, so no project lookup),
// and its configure-time probes of Huawei's BSS website and of its own
// upgrades are skipped: they would leave the machine.
func huaweicloudSubject(binary string) subject {
	return subject{label: "huaweicloud", name: "huaweicloud", source: "huaweicloud/huaweicloud", binary: binary,
		reads: func(srv *dlimock.Server) int { return srv.Mock.Calls("batches") },
		// Its SDK adds X-Project-Id after signing; the gateway serves it.
		mock: func(m *dlimock.Mock) { m.UnsignedScopeHeaders = true },
		config: func(n int, endpoint string, _ time.Duration) string {
			return fmt.Sprintf(`provider "huaweicloud" {
  region     = "cn-north-4"
  project_id = %q
  domain_id  = "0123456789abcdef0123456789abcdef"
  access_key = "BENCHAK"
  secret_key = "bench-sk"
  auth_url   = "%s/v3"
  insecure   = %t
  endpoints = {
    dli = "%s/"
  }
  skip_check_website_type = true
  skip_check_upgrade      = true
}

data "huaweicloud_dli_spark_jobs" "batch" {
  count  = %d
  job_id = %s
}
`, project, endpoint, isTLS(endpoint), endpoint, n, countBatchID)
		}}
}

// httpSubject is hashicorp/http: n http data sources, each a GET of a
// batch's state URL with an IAM token header, as a generic alternative
// would read it.
func httpSubject(binary string) subject {
	return subject{label: "http", name: "http", source: "hashicorp/http", binary: binary, reads: requests,
		config: func(n int, endpoint string, _ time.Duration) string {
			return fmt.Sprintf(`data "http" "batch" {
  count    = %d
  url      = "%s/v2.0/%s/batches/${%s}/state"
  insecure = %t
  request_headers = {
    X-Auth-Token = "bench-token"
    X-Project-Id = %q
    Content-Type = "application/json"
  }
}
`, n, endpoint, project, countBatchID, isTLS(endpoint), project)
		}}
}

// peerSubjects maps the -peer flag's names to their subjects.
var peerSubjects = map[string]func(binary string) subject{
	"huaweicloud": huaweicloudSubject, "http": httpSubject, "previous": previousSubject,
}

func isTLS(endpoint string) bool { return strings.HasPrefix(endpoint, "https") }

// loggingBaseline is this provider as it was before it turned logging off
// when nobody reads it: TF_LOG_PROVIDER=off counts as set, so the provider
// logs as before, and Terraform drops every line, as it does with neither
// variable set.
func loggingBaseline(binary string) subject {
	s := dliSubject(binary)
	s.label, s.env = "dli-sdk-logging", []string{"TF_LOG_PROVIDER=off"}
	return s
}
