package dli

import "context"

// List is what a list read found: its entries, and how many entries DLI
// listed without an ID, which are left out (a caller can say so).
type List[T any] struct {
	Items   []T
	LeftOut int
}

// entry is one entry of a list as DLI sends it: it converts itself, and
// says false when it has no ID. Every other field is optional, as in the
// official SDK's models.
type entry[T any] interface{ entry() (T, bool) }

// pageItems is the entries of one page of a list answer. DLI may leave an
// empty list out (the official SDK has every list field optional, and the
// official provider reads an absent one as empty): an absent or null list
// is an empty page, unless the answer's own count says there are entries.
func pageItems[T any](resp *response, items *[]T, count *int64, field string) ([]T, error) {
	switch {
	case items != nil:
		return *items, nil
	case count == nil || *count == 0:
		return nil, nil
	}
	return nil, resp.malformed("the answer has no " + field + ": " + resp.snippet())
}

// pageSize is the page to ask for when at most limit items are wanted.
func pageSize(limit int) int { return min(limit, MaxListPageSize) }

// collect gathers at most limit items of a paged list, asking for pages of
// size entries (pageSize(limit), or more when few items are wanted among
// many entries). fetch gets the page's index (0-based)
// and size and returns its entries; an entry without an ID is left out and
// counted; keep, when not nil, drops items the API's filter let through.
// collect stops at limit or on a page shorter than asked for (an empty one
// included), never on a total: what the totals of DLI's lists count is not
// documented, and the official SDK's data sources ignore them too.
func collect[E entry[T], T any](ctx context.Context, limit, size int, keep func(T) bool, fetch func(ctx context.Context, page, size int) ([]E, error)) (List[T], error) {
	out := List[T]{Items: []T{}}
	for page := 0; len(out.Items) < limit; page++ {
		entries, err := fetch(ctx, page, size)
		if err != nil {
			return List[T]{}, err
		}
		for _, e := range entries {
			item, ok := e.entry()
			switch {
			case !ok:
				out.LeftOut++
			case len(out.Items) < limit && (keep == nil || keep(item)):
				out.Items = append(out.Items, item)
			}
		}
		if len(entries) < size {
			break
		}
	}
	return out, nil
}
