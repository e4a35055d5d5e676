package hwauth

import (
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// A profile without a mode is read for its keys, as AKSK: the official
// provider takes the keys of any profile whose mode is not SSO, and older
// hcloud files have no mode at all (a bug of the outside round, issue 30).
func TestAProfileWithoutAModeIsReadForItsKeys(t *testing.T) {
	file := writeConfig(t, `{"current":"old","profiles":[{"name":"old","accessKeyId":"OLDAK","secretAccessKey":"old-sk","region":"cn-north-4"}]}`)
	got, err := LoadProfile(file, "")
	if err != nil || got.Credentials != (dli.Credentials{AccessKey: "OLDAK", SecretKey: "old-sk"}) || got.Region != "cn-north-4" {
		t.Fatalf("got %+v, %v; want the profile's keys", got, err)
	}
}
