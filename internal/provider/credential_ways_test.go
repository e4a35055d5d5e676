package provider

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// wayExample sets one way to authenticate, completely, in the provider
// block (block) or in the environment (env).
type wayExample struct {
	block func(m *providerModel)
	env   map[string]string
}

// wayExamples has an example of every way in credentialWays; dir holds the
// files a way needs (a profile, a token file).
func wayExamples(t *testing.T) map[string]wayExample {
	t.Helper()
	dir := t.TempDir()
	profiles := profileFile(t)
	tokenFile := filepath.Join(dir, "id-token")
	if err := os.WriteFile(tokenFile, []byte("eyJ.id.token"), 0o600); err != nil {
		t.Fatal(err)
	}
	return map[string]wayExample{
		"AK/SK": {
			block: func(m *providerModel) { m.AccessKey, m.SecretKey = types.StringValue("ak"), types.StringValue("sk") },
			env:   map[string]string{envAccessKey: "ak", envSecretKey: "sk"}},
		"a token": {
			block: func(m *providerModel) { m.Token = types.StringValue("t") },
			env:   map[string]string{envToken: "t"}},
		"an hcloud profile": {
			block: func(m *providerModel) { m.SharedConfigFile = types.StringValue(profiles) },
			env:   map[string]string{envSharedConfigFile: profiles, envProfile: "default"}},
		"a password": {
			block: func(m *providerModel) {
				m.UserName, m.Password, m.DomainName = types.StringValue("alice"), types.StringValue("pw"), types.StringValue("acme")
			},
			env: map[string]string{envUserID: "alice-id", envPassword: "pw"}},
		"an OIDC ID token": {
			block: func(m *providerModel) {
				m.AssumeRoleWithOIDC = &oidcModel{AgencyName: types.StringValue("ci"), DomainID: types.StringValue("d"), IdpID: types.StringValue("idp"),
					IDToken: types.StringValue("eyJ.id.token"), IDTokenFile: types.StringNull(), Duration: wholeNumber{Int64Value: types.Int64Null()}}
			},
			env: map[string]string{envOIDCIdpID: "idp", envAgencyName: "ci", envOIDCDomainID: "d", envOIDCIDTokenFile: tokenFile}},
	}
}

// baseModel is a provider block with a region and nothing else.
func baseModel() providerModel { return providerModel{Region: types.StringValue("cn-north-4")} }

// The precedence of credentialWays and credentialPlaces, generated from
// them: each way alone in each place is used; a way in the block wins over
// any way in the environment; two ways in one place are a conflict naming
// both. A new way without an example fails here.
func TestCredentialPrecedenceFromTheTable(t *testing.T) {
	examples := wayExamples(t)
	if len(credentialPlaces) != 2 || credentialPlaces[0] != placeBlock || credentialPlaces[1] != placeEnvironment {
		t.Fatalf("places %v: this test knows the provider block, then the environment", credentialPlaces)
	}
	resolve := func(t *testing.T, m providerModel, env map[string]string) credentialPlan {
		t.Helper()
		s, diags := resolveSettings(m, envOf(env))
		if diags.HasError() {
			t.Fatal(diags)
		}
		return s.credentials
	}
	for _, way := range credentialWays {
		ex, ok := examples[way.name]
		if !ok {
			t.Fatalf("way %q has no example in wayExamples", way.name)
		}
		t.Run(way.name+" alone", func(t *testing.T) {
			m := baseModel()
			ex.block(&m)
			if got := resolve(t, m, nil).way; got != way.name {
				t.Fatalf("%s in the block: way %q", way.name, got)
			}
			if got := resolve(t, baseModel(), ex.env).way; got != way.name {
				t.Fatalf("%s in the environment: way %q", way.name, got)
			}
		})
		for _, other := range credentialWays {
			t.Run(way.name+" in the block, "+other.name+" in the environment", func(t *testing.T) {
				m := baseModel()
				ex.block(&m)
				if got := resolve(t, m, examples[other.name].env).way; got != way.name {
					t.Fatalf("way %q, want the block's %q", got, way.name)
				}
			})
			if other.name == way.name {
				continue
			}
			t.Run(way.name+" and "+other.name+" in one place", func(t *testing.T) {
				m := baseModel()
				ex.block(&m)
				examples[other.name].block(&m)
				env := maps.Clone(ex.env)
				maps.Copy(env, examples[other.name].env)
				for place, tc := range map[string]struct {
					m   providerModel
					env map[string]string
				}{placeBlock: {m, nil}, placeEnvironment: {baseModel(), env}} {
					_, diags := resolveSettings(tc.m, envOf(tc.env))
					if !diags.HasError() || diags[0].Summary() != "Conflicting DLI credentials" {
						t.Fatalf("%s: diags = %v, want a conflict", place, diags)
					}
					for _, want := range []string{place, way.name + " (", other.name + " ("} {
						if !strings.Contains(diags[0].Detail(), want) {
							t.Errorf("%s: %q lacks %q", place, diags[0].Detail(), want)
						}
					}
				}
			})
		}
	}
	t.Run("nothing anywhere: the ECS metadata service", func(t *testing.T) {
		if p := resolve(t, baseModel(), nil); p.way != "" || !p.fetched() || p.password != nil || p.oidc != nil {
			t.Fatalf("plan %+v, want the metadata service", p)
		}
	})
}
