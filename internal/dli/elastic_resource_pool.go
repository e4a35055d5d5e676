package dli

import (
	"context"
	"net/url"
	"strconv"
	"strings"
)

// ElasticResourcePoolKind is a DLI elastic resource pool. FAILED is the
// status a pool does not leave by itself: a wait that does not list it
// stops there, quoting fail_reason.
var ElasticResourcePoolKind = Kind{Noun: "elastic resource pool", Plural: "elastic resource pools", StatusWord: "status", Gate: "AVAILABLE",
	Statuses: []string{"AVAILABLE", "SCALING", "CREATING", "FAILED"},
	Terminal: []string{"FAILED"},
	ComeBack: map[string]string{"FAILED": "act on the pool's fail_reason"},
}

// ElasticResourcePool is one entry of GET /v3/{project_id}/elastic-resource-pools
// (the official SDK's ElasticResourcePool), decoded straight from the
// list. A field the answer did not carry is nil.
type ElasticResourcePool struct {
	Name string `json:"elastic_resource_pool_name"`
	// Status is exactly as the API returned it, e.g. SCALING; "" when absent.
	Status      string      `json:"status"`
	FailReason  *string     `json:"fail_reason"`
	Owner       *string     `json:"owner"`
	Description *string     `json:"description"`
	CurrentCU   *int64      `json:"current_cu"`
	ActualCU    *int64      `json:"actual_cu"`
	MinCU       *int64      `json:"min_cu"`
	MaxCU       *int64      `json:"max_cu"`
	Queues      []string    `json:"queues"` // nil when absent
	CreatedAt   *MillisTime `json:"create_time"`
	UpdatedAt   *MillisTime `json:"update_time"`
}

func (p ElasticResourcePool) status() string { return p.Status }

func (p ElasticResourcePool) reason() string { return valueOf(p.FailReason) }

type elasticResourcePoolPageJSON struct {
	body
	Count *int64                 `json:"count"`
	Pools *[]ElasticResourcePool `json:"elastic_resource_pools"`
}

func (p *elasticResourcePoolPageJSON) payload() bool { return p.Pools != nil || p.Count != nil }

// decodeElasticResourcePools reads a page of the pool list.
func decodeElasticResourcePools(resp *response) ([]ElasticResourcePool, error) {
	var p elasticResourcePoolPageJSON
	if err := resp.decodeInto(&p); err != nil {
		return nil, err
	}
	return pageItems(resp, p.Pools, p.Count, "elastic_resource_pools")
}

// entry is the pool as an entry of the list: kept whatever else it lacks,
// left out (false) without its name, which no read could ask for.
func (p ElasticResourcePool) entry() (ElasticResourcePool, bool) { return p, p.Name != "" }

// ElasticResourcePool reads the pool named name from the project's pool
// list: DLI's name filter matches part of a name, so the pages (offset
// counts pools, limit MaxListPageSize) are read until the page with the pool
// whose name is name (in any case: DLI keeps pool names in lower case) or a
// short page.
// Without it, a *NotListedError names the partial matches.
func (c *Client) ElasticResourcePool(ctx context.Context, projectID, name string) (ElasticResourcePool, error) {
	var near []string
	exact := func(p ElasticResourcePool) bool {
		if strings.EqualFold(p.Name, name) {
			return true
		}
		near = append(near, p.Name)
		return false
	}
	// Names are unique: the pages end at the pool, or at a short page, and
	// without the pool the partial matches name what a typo missed.
	pools, err := collect(ctx, 1, MaxListPageSize, exact, func(ctx context.Context, page, size int) ([]ElasticResourcePool, error) {
		q := url.Values{"name": {strings.ToLower(name)}, "offset": {strconv.Itoa(page * size)}, "limit": {strconv.Itoa(size)}}
		return c.elasticResourcePoolPage(ctx, projectID, q)
	})
	switch {
	case err != nil:
		return ElasticResourcePool{}, err
	case len(pools.Items) == 0:
		return ElasticResourcePool{}, &NotListedError{Kind: ElasticResourcePoolKind, Name: name, ProjectID: projectID, Listed: near, Filtered: true}
	}
	return pools.Items[0], nil
}

// elasticResourcePoolPage is one request for a page of the pool list.
func (c *Client) elasticResourcePoolPage(ctx context.Context, projectID string, q url.Values) ([]ElasticResourcePool, error) {
	k := dliCall(&ElasticResourcePoolKind, projectID, "", q, "v3", projectID, "elastic-resource-pools")
	// As for queues: "Querying all elastic resource pools" needs no
	// fine-grained permission in DLI's table, so a refusal names none.
	k.permission = ""
	return do(ctx, c, k, decodeElasticResourcePools)
}

// WaitElasticResourcePool polls the pool until its status is one of
// targets (any case); FAILED, unless listed, ends the wait at once.
func (w Waiter) WaitElasticResourcePool(ctx context.Context, projectID, name string, targets []string) (ElasticResourcePool, error) {
	return waitUntil(ctx, w, ElasticResourcePoolKind, name, targets, func(ctx context.Context) (ElasticResourcePool, error) {
		return w.Client.ElasticResourcePool(ctx, projectID, name)
	})
}
