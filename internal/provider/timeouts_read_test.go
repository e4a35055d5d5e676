package provider

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// timeouts.read must be positive, and terraform validate says so before any
// provider configuration or request (the plan-time case is in
// TestAccBatchState_validationFailsBeforeAnyRequest).
func TestAccTimeoutsRead_notPositiveFailsValidate(t *testing.T) {
	for _, value := range []string{"0s", "-5s", "0"} {
		t.Run(value, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+batchConfig(`batch_id = "`+testBatch+`"
timeouts {
  read = "`+value+`"
}`))
			res := runCLI(t, dir, nil, "validate", "-no-color")
			out := strings.Join(strings.Fields(res.stdout+res.stderr), " ")
			want := `Invalid timeouts.read`
			if res.err == nil || !strings.Contains(out, want) || !strings.Contains(out, `got "`+value+`"`) || !strings.Contains(out, "ns, us (or µs), ms, s, m and h") {
				t.Fatalf("terraform validate with read = %q: err = %v, want %q naming the value and the units:\n%s", value, res.err, want, out)
			}
		})
	}
}

func TestTimeoutsReadDocsListTheParsersUnits(t *testing.T) {
	named := regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(durationUnits, -1)
	if len(named) != 7 { // ns us µs ms s m h
		t.Fatalf("durationUnits names %d units, want the 7 that time.ParseDuration knows: %s", len(named), durationUnits)
	}
	for _, unit := range named {
		if _, err := time.ParseDuration("1" + unit[1]); err != nil {
			t.Errorf("durationUnits names %q, which time.ParseDuration rejects", unit[1])
		}
	}
}
