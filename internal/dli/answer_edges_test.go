package dli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// readOne reads one job of a kind, by the ID asked for, and returns the
// job's ID and status as the client gives them.
type readOne func(c *Client, id string) (gotID, status string, err error)

var singleReads = map[string]struct {
	read readOne
	// answer is a 200 for the job with this ID ("" leaves the ID out) and
	// status.
	answer func(id, status string) string
}{
	"batch state": {
		func(c *Client, id string) (string, string, error) {
			s, err := c.BatchState(context.Background(), testProject, id)
			return s.ID, s.State, err
		},
		func(id, status string) string { return `{` + field("id", `"`+id+`"`, id) + `"state":"` + status + `"}` },
	},
	"batch": {
		func(c *Client, id string) (string, string, error) {
			b, err := c.Batch(context.Background(), testProject, id)
			return b.ID, b.State, err
		},
		func(id, status string) string {
			return `{` + field("id", `"`+id+`"`, id) + `"state":"` + status + `","name":"n"}`
		},
	},
	"SQL job": {
		func(c *Client, id string) (string, string, error) {
			j, err := c.SQLJob(context.Background(), testProject, id)
			return j.ID, j.Status, err
		},
		func(id, status string) string {
			return `{"is_success":true,"message":"",` + field("job_id", `"`+id+`"`, id) + `"status":"` + status + `"}`
		},
	},
	"Flink job": {
		func(c *Client, id string) (string, string, error) {
			j, err := c.FlinkJob(context.Background(), testProject, id)
			return j.ID, j.Status, err
		},
		func(id, status string) string {
			return `{"is_success":"true","message":"","job_detail":{` + field("job_id", id, id) + `"status":"` + status + `"}}`
		},
	},
}

// field is `"name":value,`, or nothing when id is empty.
func field(name, value, id string) string {
	if id == "" {
		return ""
	}
	return `"` + name + `":` + value + `,`
}

// The ID a single read gives is the one DLI answered (here, the canonical
// form of the one asked for); the one asked for only when the answer has
// none.
func TestASingleReadGivesTheIDDLIAnswered(t *testing.T) {
	asked := map[string][2]string{ // kind: asked, answered
		"batch state": {strings.ToUpper(testBatch), testBatch},
		"batch":       {strings.ToUpper(testBatch), testBatch},
		"SQL job":     {strings.ToUpper(testBatch), testBatch},
		"Flink job":   {"071001", "71001"},
	}
	for name, r := range singleReads {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			ids := asked[name]
			srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: r.answer(ids[1], "running"), Times: 1})
			srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: r.answer("", "running"), Times: 1})
			if id, _, err := r.read(c, ids[0]); err != nil || id != ids[1] {
				t.Fatalf("ID %q, %v; want %q, as DLI answered", id, err, ids[1])
			}
			if id, _, err := r.read(c, ids[0]); err != nil || id != ids[0] {
				t.Fatalf("without an ID in the answer: ID %q, %v; want %q, as asked", id, err, ids[0])
			}
		})
	}
}

// An empty ID in DLI's answer is no ID: the batch is the one asked for.
func TestAnEmptyIDInTheAnswerIsTheIDAsked(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: `{"id":"","state":"running"}`, Times: 1})
	s, err := c.BatchState(shortCtx(t), testProject, testBatch)
	if err != nil || s.ID != testBatch || s.State != "running" {
		t.Fatalf("got %+v, %v; want the batch asked for, running", s, err)
	}
}

// A status that is required but empty, or white space, is no status: the
// answer is malformed, for every single read, as one without the field is.
func TestAnEmptyRequiredStatusIsMalformed(t *testing.T) {
	for name, r := range singleReads {
		for _, empty := range []string{"", " ", `\t\n`} { // as JSON escapes
			t.Run(fmt.Sprintf("%s %q", name, empty), func(t *testing.T) {
				c, srv := newTestClient(t)
				srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: r.answer("71001", empty), Times: 1})
				_, status, err := r.read(c, "71001")
				var m *MalformedResponseError
				if !errors.As(err, &m) || !strings.Contains(err.Error(), "no state") && !strings.Contains(err.Error(), "no status") {
					t.Fatalf("status %q, err = %v; want a malformed answer saying it has no status", status, err)
				}
			})
		}
	}
}
