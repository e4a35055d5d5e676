// Package devcli writes what the Terraform and OpenTofu CLIs need to run
// a locally built provider: a CLI configuration with dev_overrides for both
// registries' addresses of this provider. Tests and benchmarks use it.
package devcli

import (
	"fmt"
	"os"
)

// WriteConfig writes to path a CLI configuration that makes both CLIs use
// the provider binary in binDir instead of installing one.
func WriteConfig(path, binDir string) error {
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/dli-terraform/dli" = %q
    "registry.opentofu.org/dli-terraform/dli" = %q
  }
  direct {}
}
`, binDir, binDir)
	return os.WriteFile(path, []byte(cfg), 0o600)
}
