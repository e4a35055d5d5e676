package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Bugs of the fifth outside round in the provider's configuration that no
// test caught, each with the test that now does.

// Keys and the project from file("ak.txt") end in a newline: the block's
// values are used without surrounding white space, as the environment's
// are, so the keys still sign and the project still goes into the path.
func TestBlockSettingsAreUsedWithoutSurroundingWhiteSpace(t *testing.T) {
	readsTheBatchWithTrimmedSettings(t, nil, map[string]tftypes.Value{
		"access_key": str(testAK + "\n"), "secret_key": str(" " + testSK + "\r\n"), "project_id": str("  " + testProject + "\n")})
}

// HW_MAX_RETRIES takes 0 to 100, both ends included, as max_retries does.
func TestMaxRetriesFromTheEnvironmentIsZeroToAHundred(t *testing.T) {
	for raw, want := range map[string]int{"0": 0, "100": 100, "-1": -1, "101": -1} {
		s, diags := resolveSettings(providerModel{Token: types.StringValue("t"), Region: types.StringValue("r")}, envOf(map[string]string{envMaxRetries: raw}))
		if want >= 0 {
			if diags.HasError() || s.maxRetries != want {
				t.Errorf("HW_MAX_RETRIES=%s: max_retries %d, %v; want %d", raw, s.maxRetries, diags, want)
			}
			continue
		}
		wantDetail := `The HW_MAX_RETRIES environment variable (for max_retries) must be a whole number from 0 to 100, got "` + raw + `".`
		if errs := diags.Errors(); len(errs) != 1 || !isOn(errs[0], pathMaxRetries) || errs[0].Summary() != "Invalid HW_MAX_RETRIES" || errs[0].Detail() != wantDetail {
			t.Errorf("HW_MAX_RETRIES=%s: %v; want one error on max_retries: %s", raw, diags, wantDetail)
		}
	}
}

// Half-given keys are an error on the attribute that is missing, or, for a
// security token alone, on security_token: the one that is set in vain.
func TestHalfGivenKeysAreAnErrorOnTheAttributeToFix(t *testing.T) {
	for name, c := range map[string]struct {
		model   providerModel
		env     map[string]string
		on      path.Path
		summary string
	}{
		"access_key alone":               {providerModel{AccessKey: types.StringValue("a")}, nil, pathSecretKey, "Missing DLI secret key"},
		"HW_SECRET_KEY alone":            {providerModel{}, map[string]string{envSecretKey: "b"}, pathAccessKey, "Missing DLI access key"},
		"security_token alone":           {providerModel{SecurityToken: types.StringValue("s")}, nil, pathSecurityToken, "Security token without access keys"},
		"HW_SECURITY_TOKEN alone":        {providerModel{}, map[string]string{envSecurityToken: "s"}, pathSecurityToken, "Security token without access keys"},
		"security_token with secret_key": {providerModel{SecretKey: types.StringValue("b"), SecurityToken: types.StringValue("s")}, nil, pathAccessKey, "Missing DLI access key"},
	} {
		t.Run(name, func(t *testing.T) {
			c.model.Region = types.StringValue("r")
			_, diags := resolveSettings(c.model, envOf(c.env))
			if errs := diags.Errors(); len(errs) != 1 || !isOn(errs[0], c.on) || errs[0].Summary() != c.summary {
				t.Fatalf("diagnostics %v; want one %q error on %s", diags, c.summary, c.on)
			}
		})
	}
}

// isOn says whether d is a diagnostic on the attribute at p.
func isOn(d diag.Diagnostic, p path.Path) bool {
	withPath, ok := d.(diag.DiagnosticWithPath)
	return ok && withPath.Path().Equal(p)
}
