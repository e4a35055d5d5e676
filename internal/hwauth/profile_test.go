package hwauth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

const testSharedConfig = `{"current":"default","profiles":[
 {"name":"default","mode":"AKSK","accessKeyId":"PROFILEAK","secretAccessKey":"profile-sk","securityToken":"",
  "region":"cn-north-4","projectId":"p-default","agencyName":"","agencyDomainName":""},
 {"name":"sso","mode":"SSO","region":"ap-southeast-1",
  "ssoAuth":{"stsToken":{"accessKeyId":"SSOAK","secretAccessKey":"sso-sk","securityToken":"sso-sts"}}},
 {"name":"ci","mode":"AKSK","accessKeyId":"CIAK","secretAccessKey":"ci-sk","agencyName":"dli-reader","agencyDomainName":"acme","domainId":"ci-account"},
 {"name":"ecs","mode":"ecsAgency","region":"cn-east-3"},
 {"name":"encrypted","mode":"AKSK","accessKeyId":"","secretAccessKey":""},
 {"name":"sso-empty","mode":"SSO"},
 {"name":"odd","mode":"password"}]}`

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestProfilesAreReadAsTheCLIWritesThem(t *testing.T) {
	file := writeConfig(t, testSharedConfig)
	for name, want := range map[string]Profile{
		"": {Name: "default", Mode: ModeAKSK, Credentials: dli.Credentials{AccessKey: "PROFILEAK", SecretKey: "profile-sk"},
			Region: "cn-north-4", ProjectID: "p-default"},
		"sso": {Name: "sso", Mode: ModeSSO, Credentials: dli.Credentials{AccessKey: "SSOAK", SecretKey: "sso-sk", SecurityToken: "sso-sts"},
			Region: "ap-southeast-1"},
		"ci": {Name: "ci", Mode: ModeAKSK, Credentials: dli.Credentials{AccessKey: "CIAK", SecretKey: "ci-sk"},
			AgencyName: "dli-reader", AgencyDomainName: "acme", DomainID: "ci-account"},
		"ecs": {Name: "ecs", Mode: ModeECSAgency, Region: "cn-east-3"},
	} {
		got, err := LoadProfile(file, name)
		want.File = file
		if err != nil || got != want {
			t.Errorf("profile %q: %+v %v, want %+v", name, got, err, want)
		}
	}
}

func TestUnusableProfilesSayWhyNamingFileAndProfile(t *testing.T) {
	good := writeConfig(t, testSharedConfig)
	missing := filepath.Join(t.TempDir(), "nope.json")
	for name, tc := range map[string]struct {
		file, profile string
		want          []string
	}{
		"missing file":    {missing, "ci", []string{missing, `"ci"`, "does not exist", "hcloud configure init"}},
		"unknown profile": {good, "prod", []string{good, `"prod"`, "no such profile", "default, sso, ci"}},
		"not JSON":        {writeConfig(t, "current = default"), "", []string{"not the hcloud CLI's JSON", "line 1, column 1:"}},
		"a stray comma": {writeConfig(t, "{\n  \"current\": \"default\",\n  \"profiles\": [],\n}\n"), "",
			[]string{"line 4, column 1: invalid character '}'"}},
		"a wrong type":      {writeConfig(t, "{\"current\": \"default\",\n \"profiles\": {}}"), "", []string{"line 2, column 14:", "cannot unmarshal object"}},
		"no current":        {writeConfig(t, `{"profiles":[]}`), "", []string{"no profile was named", "no current profile"}},
		"encrypted keys":    {good, "encrypted", []string{`"encrypted"`, "no usable access keys", "--cli-auth-encrypt=false"}},
		"SSO without token": {good, "sso-empty", []string{`"sso-empty"`, "ssoAuth.stsToken"}},
		// One key of the two is no more usable than none: refused, not sent.
		"access key alone": {writeConfig(t, `{"profiles":[{"name":"half","mode":"AKSK","accessKeyId":"HALFAK"}]}`), "half",
			[]string{`"half"`, "no usable access keys", "--cli-auth-encrypt=false"}},
		"secret key alone": {writeConfig(t, `{"profiles":[{"name":"half","mode":"AKSK","secretAccessKey":"half-sk"}]}`), "half",
			[]string{`"half"`, "no usable access keys"}},
		"SSO secret key alone": {writeConfig(t, `{"profiles":[{"name":"half","mode":"SSO","ssoAuth":{"stsToken":{"secretAccessKey":"sk","securityToken":"st"}}}]}`), "half",
			[]string{`"half"`, "ssoAuth.stsToken"}},
		"unsupported mode": {good, "odd", []string{`"odd"`, `mode "password"`}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := LoadProfile(tc.file, tc.profile)
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%q lacks %q", err, want)
				}
			}
		})
	}
}

func TestProfileFileMayStartWithTilde(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.MkdirAll(filepath.Join(home, ".hcloud"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".hcloud", "config.json"), []byte(testSharedConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"~/.hcloud/config.json", DefaultSharedConfigFile()} {
		if p, err := LoadProfile(file, "ci"); err != nil || p.Credentials.AccessKey != "CIAK" {
			t.Fatalf("%s: %+v %v", file, p, err)
		}
	}
}
