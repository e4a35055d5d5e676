package provider

import (
	"testing"
	"time"
)

// A time is given in UTC whatever zone it comes in (the tests run east of
// UTC), with its milliseconds when it has any.
func TestTimesAreGivenInUTC(t *testing.T) {
	for in, want := range map[time.Time]string{
		time.UnixMilli(1732838400000):                               "2024-11-29T00:00:00Z",
		time.UnixMilli(1732838400123).In(time.FixedZone("", -3600)): "2024-11-29T00:00:00.123Z",
	} {
		if got := timeValue(&in).ValueString(); got != want {
			t.Errorf("%v: %s, want %s", in, got, want)
		}
	}
	if !timeValue(nil).IsNull() {
		t.Error("no time is not null")
	}
}
