package dli

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// QueueKind is a DLI queue, as the wait and the errors name it. A queue
// has no status of its own: what a wait polls is whether it is ready.
var QueueKind = Kind{Noun: "queue", Plural: "queues", StatusWord: "state"}

// Queue is one entry of GET /v1.0/{project_id}/queues (the official
// SDK's Queue), decoded straight from the list. A field the answer did not
// carry is nil. The single read (GET /v1.0/{project_id}/queues/{name}, the
// SDK's ShowQueueResponse) names fields in camelCase (queueName, cuCount)
// and has no is_restarting, so readiness is read from the list only.
type Queue struct {
	Name                    string      `json:"queue_name"`
	QueueType               *string     `json:"queue_type"`
	Owner                   *string     `json:"owner"`
	Description             *string     `json:"description"`
	ElasticResourcePoolName *string     `json:"elastic_resource_pool_name"`
	DefaultSparkVersion     *string     `json:"default_spark_version"`
	CUCount                 *int64      `json:"cu_count"`
	ResourceMode            *int64      `json:"resource_mode"`
	UsedCU                  *float64    `json:"used_cu"`
	IsRestarting            *bool       `json:"is_restarting"`
	CreatedAt               *MillisTime `json:"create_time"`
	SparkVersions           []string    `json:"support_spark_versions"` // nil when absent
}

// Ready reports whether the queue takes jobs as asked: not restarting, and
// with at least minCU CUs when minCU > 0. DLI leaves is_restarting out when
// false (its documented default).
func (q Queue) Ready(minCU int64) bool {
	restarting := q.IsRestarting != nil && *q.IsRestarting
	return !restarting && (minCU <= 0 || (q.CUCount != nil && *q.CUCount >= minCU))
}

type queueListJSON struct {
	body
	Queues *[]Queue `json:"queues"`
}

// payload: the list is read whatever is_success says, as the SDK reads it.
func (l *queueListJSON) payload() bool { return l.Queues != nil }

// queueTypeAll lists every queue: left out, queue_type means sql, and a
// general-purpose queue (Spark jars, Flink) is not listed.
const queueTypeAll = "all"

// decodeQueues reads the queue list; an entry without a name is left out.
func decodeQueues(resp *response) ([]Queue, error) {
	var l queueListJSON
	if err := resp.decodeInto(&l); err != nil {
		return nil, err
	}
	if l.Queues == nil {
		// No count to tell an empty list from a malformed answer: the
		// official provider reads an absent list as empty.
		return nil, nil
	}
	out := make([]Queue, 0, len(*l.Queues))
	for _, q := range *l.Queues {
		if q.Name != "" {
			out = append(out, q)
		}
	}
	return out, nil
}

// listQueues is one request for every queue of the project.
func (c *Client) listQueues(ctx context.Context, projectID string) ([]Queue, error) {
	k := dliCall(&QueueKind, projectID, "", url.Values{"queue_type": {queueTypeAll}}, "v1.0", projectID, "queues")
	// DLI's permission table asks no fine-grained permission of a queue
	// list ("Querying all queues: /"), so a refusal names none.
	k.permission = ""
	return do(ctx, c, k, decodeQueues)
}

// Queue reads the queue named name (any case: DLI keeps names in lower
// case) from the project's queue list, which reads that start within
// ShareWindow of each other share. A queue the list does not have is a
// *NotListedError.
func (c *Client) Queue(ctx context.Context, projectID, name string) (Queue, error) {
	return c.queueFrom(ctx, projectID, name, c.queueLists.now().Add(-ShareWindow))
}

// queueFrom is Queue from a list requested at notBefore or later.
func (c *Client) queueFrom(ctx context.Context, projectID, name string, notBefore time.Time) (Queue, error) {
	queues, err := c.queueLists.get(ctx, projectID, notBefore, func(ctx context.Context) ([]Queue, error) {
		return c.listQueues(ctx, projectID)
	})
	if err != nil {
		return Queue{}, err
	}
	names := make([]string, len(queues))
	for i, q := range queues {
		if strings.EqualFold(q.Name, name) {
			return q, nil
		}
		names[i] = q.Name
	}
	return Queue{}, &NotListedError{Kind: QueueKind, Name: name, ProjectID: projectID, Listed: names}
}

// queueReadiness is a queue as the waiter sees it: "ready", or what keeps
// it from being ready.
type queueReadiness struct {
	Queue
	minCU int64
}

// queueReady is the one state a wait for a queue waits for.
const queueReady = "ready"

func (q queueReadiness) status() string {
	if q.Ready(q.minCU) {
		return queueReady
	}
	var parts []string
	if q.IsRestarting != nil && *q.IsRestarting {
		parts = append(parts, "restarting")
	} else {
		parts = append(parts, "not restarting")
	}
	switch {
	case q.CUCount == nil:
		parts = append(parts, "no cu_count")
	case q.minCU > 0:
		parts = append(parts, fmt.Sprintf("%d of the %d CUs wanted", *q.CUCount, q.minCU))
	default:
		parts = append(parts, plural(int(*q.CUCount), "CU"))
	}
	return strings.Join(parts, ", ")
}

func (q queueReadiness) reason() string { return "" }

// WaitQueueReady polls the project's queue list until the queue is ready
// (Queue.Ready with minCU). Each poll sends its own request: a wait never
// takes an answer requested before its poll began.
func (w Waiter) WaitQueueReady(ctx context.Context, projectID, name string, minCU int64) (Queue, error) {
	q, err := waitUntil(ctx, w, QueueKind, name, []string{queueReady}, func(ctx context.Context) (queueReadiness, error) {
		q, err := w.Client.queueFrom(ctx, projectID, name, w.Client.queueLists.now())
		return queueReadiness{q, minCU}, err
	})
	return q.Queue, err
}
