package dlimock

import (
	"os"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/testzone"
)

// Every test of the package runs east of UTC, where a time that ought to
// be in UTC but is left in local time shows.
func TestMain(m *testing.M) {
	testzone.Pin()
	os.Exit(m.Run())
}

func TestTheTestsRunEastOfUTC(t *testing.T) { testzone.Check(t) }
