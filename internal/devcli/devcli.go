// Package devcli writes what the Terraform and OpenTofu CLIs need to run
// locally built providers: a CLI configuration with dev_overrides for both
// registries' addresses of each provider. Tests and benchmarks use it.
package devcli

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
)

// WriteConfig writes to path a CLI configuration that makes both CLIs use
// the provider binary in binDir instead of installing one.
func WriteConfig(path, binDir string) error {
	return WriteOverrides(path, map[string]string{"dli-terraform/dli": binDir})
}

// WriteOverrides writes to path a CLI configuration that makes both CLIs
// use, for each provider source ("namespace/type"), the binary in its
// directory instead of installing one.
func WriteOverrides(path string, binDirs map[string]string) error {
	var lines strings.Builder
	for _, source := range slices.Sorted(maps.Keys(binDirs)) {
		for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
			fmt.Fprintf(&lines, "    %q = %q\n", host+"/"+source, binDirs[source])
		}
	}
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n%s  }\n  direct {}\n}\n", lines.String())
	return os.WriteFile(path, []byte(cfg), 0o600)
}
