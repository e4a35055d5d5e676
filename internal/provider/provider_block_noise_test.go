package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README explains Terraform's "Add a provider block" after an error that
// comes from the environment: it appears without a provider block and not
// with an empty one, as the README says.
func TestAccProvider_addAProviderBlockIsTerraformsAndAsTheREADMESays(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, claim := range []string{"*Invalid provider configuration* (\"Add a provider\nblock", "an empty `provider \"dli\" {}` block leaves Terraform's out"} {
		if !strings.Contains(string(readme), claim) {
			t.Fatalf("the README no longer says %q", claim)
		}
	}
	env := []string{envRegion + "=cn-north-4", envAccessKey + "=AK", envMetadataEndpoint + "=" + closedMetadataEndpoint} // an AK without its SK
	for name, providerBlock := range map[string]string{"no provider block": "", "empty provider block": "provider \"dli\" {}\n"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+providerBlock+batchConfig(`batch_id = "`+testBatch+`"`))
			res := runCLI(t, dir, env, "plan", "-no-color", "-input=false")
			out := strings.Join(strings.Fields(res.stdout+res.stderr), " ")
			if res.err == nil || !strings.Contains(out, "Missing DLI secret key") {
				t.Fatalf("want the provider's error for an AK without its SK:\n%s", out)
			}
			if noise := strings.Contains(out, "Add a provider block"); noise != (providerBlock == "") {
				t.Fatalf("Terraform's 'Add a provider block' shown: %v, want it only without a provider block:\n%s", noise, out)
			}
		})
	}
}
