package provider

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAccExamples validates every example against the built provider with
// the real CLI, so that the documented examples cannot rot.
func TestAccExamples(t *testing.T) {
	dirs, err := filepath.Glob("../../examples/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, group := range []string{"data-sources", "authentication", "composition", "modules"} {
		more, _ := filepath.Glob("../../examples/" + group + "/*")
		dirs = append(dirs, more...)
	}
	validated := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
		if len(files) == 0 {
			continue
		}
		validated++
		t.Run(strings.TrimPrefix(dir, "../../"), func(t *testing.T) {
			work := t.TempDir()
			hasTerraformBlock := false
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				hasTerraformBlock = hasTerraformBlock || strings.Contains(string(b), "required_providers")
				writeFile(t, filepath.Join(work, filepath.Base(f)), string(b))
			}
			if !hasTerraformBlock {
				t.Fatal("no required_providers: terraform init of the folder as copied would look for hashicorp/dli")
			}
			if res := runCLI(t, work, nil, "fmt", "-check", "-diff"); res.err != nil {
				t.Fatalf("not formatted (run make fmt):\n%s%s", res.stdout, res.stderr)
			}
			if needsOfficialProvider(t, files) {
				// It cannot be installed offline: formatted (so parsed) is as
				// far as the CLI goes; TestCompositionExample checks the wiring.
				return
			}
			if res := runCLI(t, work, nil, "validate", "-no-color"); res.err != nil || !strings.Contains(res.stdout, "The configuration is valid") {
				t.Fatalf("terraform validate failed: %v\n%s%s", res.err, res.stdout, res.stderr)
			}
		})
	}
	if validated < 5 {
		t.Fatalf("validated %d example directories, want at least 5 (provider, each data source, demo)", validated)
	}
}

// needsOfficialProvider: the example uses the huaweicloud provider, which
// terraform validate would have to install.
func needsOfficialProvider(t *testing.T, files []string) bool {
	t.Helper()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(`"huaweicloud/huaweicloud"`)) {
			return true
		}
	}
	return false
}
