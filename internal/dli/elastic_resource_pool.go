package dli

import (
	"context"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ElasticResourcePoolKind is a DLI elastic resource pool. FAILED is the
// status a pool does not leave by itself: a wait that does not list it
// stops there, quoting fail_reason.
var ElasticResourcePoolKind = Kind{Noun: "elastic resource pool", Plural: "elastic resource pools", StatusWord: "status",
	Statuses: []string{"AVAILABLE", "SCALING", "CREATING", "FAILED"},
	Terminal: []string{"FAILED"},
}

// ElasticResourcePool is one entry of GET /v3/{project_id}/elastic-resource-pools
// (the official SDK's ElasticResourcePool). A field the answer did not
// carry is nil.
type ElasticResourcePool struct {
	Name string
	// Status is exactly as the API returned it, e.g. SCALING; "" when absent.
	Status                            string
	FailReason, Owner, Description    *string
	CurrentCU, ActualCU, MinCU, MaxCU *int64
	Queues                            []string // nil when absent
	CreatedAt, UpdatedAt              *time.Time
}

func (p ElasticResourcePool) status() string { return p.Status }

func (p ElasticResourcePool) reason() string {
	if p.FailReason != nil {
		return *p.FailReason
	}
	return ""
}

type elasticResourcePoolJSON struct {
	Name        *string   `json:"elastic_resource_pool_name"`
	Status      *string   `json:"status"`
	FailReason  *string   `json:"fail_reason"`
	CurrentCU   *int64    `json:"current_cu"`
	ActualCU    *int64    `json:"actual_cu"`
	MinCU       *int64    `json:"min_cu"`
	MaxCU       *int64    `json:"max_cu"`
	Queues      *[]string `json:"queues"`
	Owner       *string   `json:"owner"`
	Description *string   `json:"description"`
	CreateTime  *int64    `json:"create_time"`
	UpdateTime  *int64    `json:"update_time"`
}

type elasticResourcePoolPageJSON struct {
	body
	Count *int64                     `json:"count"`
	Pools *[]elasticResourcePoolJSON `json:"elastic_resource_pools"`
}

// decodeElasticResourcePools reads a page of the pool list; an entry
// without a name is left out (no read could ask for it).
func decodeElasticResourcePools(resp *response) ([]ElasticResourcePool, error) {
	var p elasticResourcePoolPageJSON
	if err := resp.decodeInto(&p); err != nil {
		return nil, err
	}
	items, err := pageItems(resp, p.Pools, p.Count, "elastic_resource_pools")
	if err != nil {
		return nil, err
	}
	out := make([]ElasticResourcePool, 0, len(items))
	for _, j := range items {
		if j.Name == nil || *j.Name == "" {
			continue
		}
		pool := ElasticResourcePool{Name: *j.Name, FailReason: j.FailReason, Owner: j.Owner, Description: j.Description,
			CurrentCU: j.CurrentCU, ActualCU: j.ActualCU, MinCU: j.MinCU, MaxCU: j.MaxCU,
			CreatedAt: fromMillis(j.CreateTime), UpdatedAt: fromMillis(j.UpdateTime)}
		if j.Status != nil {
			pool.Status = *j.Status
		}
		if j.Queues != nil {
			pool.Queues = append([]string{}, *j.Queues...)
		}
		out = append(out, pool)
	}
	return out, nil
}

// ElasticResourcePool reads the pool named name from the project's pool
// list: DLI's name filter matches part of a name, so the pages (offset
// counts pools, limit MaxPageSize) are read until the pool whose name is
// name (in any case: DLI keeps pool names in lower case) or a short page.
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
	// No limit but the short page: names are unique, and the partial
	// matches, usually one page, name what a typo missed.
	pools, err := collect(ctx, math.MaxInt, exact, func(ctx context.Context, page, size int) ([]ElasticResourcePool, error) {
		q := url.Values{"name": {strings.ToLower(name)}, "offset": {strconv.Itoa(page * size)}, "limit": {strconv.Itoa(size)}}
		return c.elasticResourcePoolPage(ctx, projectID, q)
	})
	switch {
	case err != nil:
		return ElasticResourcePool{}, err
	case len(pools) == 0:
		return ElasticResourcePool{}, &NotListedError{Kind: ElasticResourcePoolKind, Name: name, ProjectID: projectID, Listed: near, Filtered: true}
	}
	return pools[0], nil
}

// elasticResourcePoolPage is one request for a page of the pool list.
func (c *Client) elasticResourcePoolPage(ctx context.Context, projectID string, q url.Values) ([]ElasticResourcePool, error) {
	k := dliCall(projectID, listSubject(ElasticResourcePoolKind, projectID), q, "v3", projectID, "elastic-resource-pools")
	return do(ctx, c, k, decodeElasticResourcePools)
}

// WaitElasticResourcePool polls the pool until its status is one of
// targets (any case); FAILED, unless listed, ends the wait at once.
func (w Waiter) WaitElasticResourcePool(ctx context.Context, projectID, name string, targets []string) (ElasticResourcePool, error) {
	return waitUntil(ctx, w, ElasticResourcePoolKind, name, targets, func(ctx context.Context) (ElasticResourcePool, error) {
		return w.Client.ElasticResourcePool(ctx, projectID, name)
	})
}
