// Package testzone runs tests with the local time zone east of UTC. CI
// machines run in UTC, where a time left in local time (rather than UTC)
// looks right; eight hours east, it fails the test that reads it. Tests
// only: a package's TestMain calls Pin, and its Check test fails if that
// stops applying.
package testzone

import (
	"os"
	"testing"
	"time"
)

// Name is the zone the tests run in, for the processes they start.
const Name = "Asia/Shanghai"

// eastOfUTC is Name's offset, without needing the zone database.
var eastOfUTC = time.FixedZone("UTC+8", 8*60*60)

// Pin makes the local time zone of this process eight hours east of UTC,
// and TZ of the processes it starts Name. Call it first in TestMain,
// before any goroutine reads the time.
func Pin() {
	time.Local = eastOfUTC
	_ = os.Setenv("TZ", Name)
}

// Check fails t unless the local time zone is east of UTC: a package's
// test that its TestMain still calls Pin.
func Check(t testing.TB) {
	t.Helper()
	if _, offset := time.Now().Zone(); offset <= 0 {
		t.Fatalf("the local time zone is %s, %+d s from UTC: the tests must run east of UTC (TestMain calls testzone.Pin), where a time left in local time shows", time.Local, offset)
	}
}
