package dli

import "context"

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
