package dli

import "testing"

// A page of 100 Flink jobs with 60 KiB SQL bodies (over 5 MiB) reads, and
// reading it allocates less than twice its size: the answer is read as it
// arrives, one job at a time, and the fields the provider does not use
// are never kept.
func TestABigFlinkPageReadsInLessThanTwiceItsSize(t *testing.T) {
	page := bigFlinkPage()
	if len(page) < 5<<20 {
		t.Fatalf("the page is %d bytes, want over 5 MiB", len(page))
	}
	c := servePage(t, page)
	allocatedReading(t, c) // the connection's buffers, once
	if alloc := allocatedReading(t, c); alloc >= 2*uint64(len(page)) {
		t.Fatalf("reading a page of %d bytes allocated %d bytes (%.2fx), want less than twice its size", len(page), alloc, float64(alloc)/float64(len(page)))
	} else {
		t.Logf("reading a page of %d bytes allocated %d bytes (%.2fx)", len(page), alloc, float64(alloc)/float64(len(page)))
	}
}
