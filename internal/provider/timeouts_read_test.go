package provider

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// timeouts.read must be a positive duration, and terraform validate says
// so before any provider configuration or request (the plan-time case is in
// TestAccBatchState_validationFailsBeforeAnyRequest), once, without the
// timeouts library's message that offers "-1.5h" as a valid example.
func TestAccTimeoutsRead_notPositiveFailsValidate(t *testing.T) {
	for _, value := range []string{"0s", "-5s", "0", "soon", "-1.5h"} {
		t.Run(value, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+batchConfig(`batch_id = "`+testBatch+`"
timeouts {
  read = "`+value+`"
}`))
			res := runCLI(t, dir, nil, "validate", "-no-color")
			out := strings.Join(strings.Fields(res.stdout+res.stderr), " ")
			want := `Invalid timeouts.read`
			if res.err == nil || strings.Count(out, want) != 1 || !strings.Contains(out, `got "`+value+`"`) || !strings.Contains(out, "ns, us (or µs), ms, s, m and h") ||
				strings.Contains(out, `"300ms"`) {
				t.Fatalf("terraform validate with read = %q: err = %v, want one %q naming the value and the units, and not the library's message:\n%s", value, res.err, want, out)
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
