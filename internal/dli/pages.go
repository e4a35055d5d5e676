package dli

import "context"

// pageItems is the items of one page of a list answer. DLI may leave an
// empty list out (the official SDK has every list field optional, and the
// official provider reads an absent one as empty): an absent or null list
// is an empty page when the answer's own count says zero, and a malformed
// answer otherwise.
func pageItems[T any](resp *response, items *[]T, count *int64, field string) ([]T, error) {
	switch {
	case items != nil:
		return *items, nil
	case count != nil && *count == 0:
		return nil, nil
	}
	return nil, resp.malformed("the answer has no " + field + ": " + resp.snippet())
}

// collect gathers at most limit items of a paged list, asking for pages of
// min(limit, MaxPageSize) items. fetch gets the page's index (0-based) and
// size and returns its items; keep, when not nil, drops items the API's
// filter let through. collect stops at limit or on a page shorter than
// asked for (an empty one included), never on a total: what the totals of
// DLI's lists count is not documented, and the official SDK's data sources
// ignore them too.
func collect[T any](ctx context.Context, limit int, keep func(T) bool, fetch func(ctx context.Context, page, size int) ([]T, error)) ([]T, error) {
	size := min(limit, MaxPageSize)
	out := []T{}
	for page := 0; len(out) < limit; page++ {
		items, err := fetch(ctx, page, size)
		if err != nil {
			return nil, err
		}
		for _, item := range items {
			if len(out) < limit && (keep == nil || keep(item)) {
				out = append(out, item)
			}
		}
		if len(items) < size {
			break
		}
	}
	return out, nil
}
