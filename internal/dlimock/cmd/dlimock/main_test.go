package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// A user writes a configuration against dlimock from what -h and the start
// message say: every seeded batch with its states, the project and the keys.
func TestDescribeSeedsListsWhatAConfigurationNeeds(t *testing.T) {
	var out bytes.Buffer
	describeSeeds(&out, demoAccessKey, demoSecretKey, "")
	got := out.String()
	want := []string{DemoProject, `access_key "` + demoAccessKey + `"`, `secret_key "` + demoSecretKey + `"`,
		`project "` + demoRegion + `"`, `agency "` + demoAgency + `" of domain "` + demoDomain + `"`, "HW_ECS_METADATA_ENDPOINT"}
	for _, b := range seeded {
		want = append(want, strings.ReplaceAll(b.states, ",", " -> "), b.scenario)
		row := regexp.MustCompile(`(?m)^\s+` + b.id + `\s+` + b.name + `\s+` + b.queue + `\s+` + regexp.QuoteMeta(strings.ReplaceAll(b.states, ",", " -> ")))
		if !row.MatchString(got) {
			t.Errorf("no row of batch %s with its job name, queue and states:\n%s", b.id, got)
		}
	}
	// Each SQL and Flink job's row keeps its columns apart: the statuses
	// end before the scenario begins (they ran together at 32 characters).
	for _, j := range seededJobs {
		row := regexp.MustCompile(`(?m)^\s+` + j.kind + `\s+` + j.id + `\s+` + j.details["queue_name"].(string) + `\s+` +
			regexp.QuoteMeta(strings.ReplaceAll(j.states, ",", " -> ")) + `\s{2,}` + regexp.QuoteMeta(j.scenario) + `$`)
		if !row.MatchString(got) {
			t.Errorf("no row of %s job %s with its queue, statuses and scenario apart:\n%s", j.kind, j.id, got)
		}
	}
	want = append(want, "Queues: etl, sql_queue, flink_queue.", "A batch's states: starting, running, recovering, success, dead")
	// The demo reads these batches: each must be one that dlimock lists.
	demo, err := os.ReadFile("../../../../examples/demo/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`batch_id\s*=\s*"([^"]+)"`).FindAllStringSubmatch(string(demo), -1) {
		want = append(want, m[1])
	}
	for _, s := range want {
		if !strings.Contains(got, s) {
			t.Errorf("the description does not list %q:\n%s", s, got)
		}
	}
}

func TestDescribeSeedsHidesASecretKeyThatIsNotTheDemos(t *testing.T) {
	var out bytes.Buffer
	describeSeeds(&out, "AK", "my-own-secret", "my-own-token")
	if strings.Contains(out.String(), "my-own-") {
		t.Fatalf("the description shows a key given on the command line:\n%s", out.String())
	}
}

// The seeded batches carry job names, newest first, so that a configuration
// can try dli_batches' latest-run gate against the standalone mock.
func TestSeededBatchesAreListedByJobNameNewestFirst(t *testing.T) {
	m := dlimock.New(dlimock.Credentials{AccessKey: demoAccessKey, SecretKey: demoSecretKey})
	seed(m, time.Now())
	req := httptest.NewRequest(http.MethodGet, "http://dli.mock.invalid/v2.0/"+DemoProject+"/batches?job_name=nightly-etl", nil)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Project-Id", DemoProject)
	sign.SignRequest(req, demoAccessKey, demoSecretKey, time.Now(), "X-Project-Id")
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, req)
	var list struct {
		Sessions []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"sessions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || rec.Code != 200 {
		t.Fatalf("HTTP %d %s", rec.Code, rec.Body)
	}
	if len(list.Sessions) != 2 || list.Sessions[0].ID != seeded[0].id || list.Sessions[1].ID != seeded[3].id {
		t.Fatalf("sessions %+v, want the two nightly-etl runs, the newest first", list.Sessions)
	}
}

// Every seeded SQL and Flink job answers its first scripted status, so
// that the standalone mock plays the job data sources too.
func TestSeededJobsAnswer(t *testing.T) {
	m := dlimock.New(dlimock.Credentials{AccessKey: demoAccessKey, SecretKey: demoSecretKey})
	seed(m, time.Now())
	for _, j := range seededJobs {
		path := "/v1.0/" + DemoProject + "/jobs/" + j.id + "/status"
		if j.kind == "Flink" {
			path = "/v1.0/" + DemoProject + "/streaming/jobs/" + j.id
		}
		req := httptest.NewRequest(http.MethodGet, "http://dli.mock.invalid"+path, nil)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Project-Id", DemoProject)
		sign.SignRequest(req, demoAccessKey, demoSecretKey, time.Now(), "X-Project-Id")
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		first := strings.Split(j.states, ",")[0]
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"`+first+`"`) {
			t.Errorf("%s job %s: HTTP %d %s, want status %s", j.kind, j.id, rec.Code, rec.Body.String(), first)
		}
	}
}
