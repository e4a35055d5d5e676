package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// A user writes a configuration against dlimock from what -h and the start
// message say: every seeded batch with its states, the project and the keys.
func TestDescribeSeedsListsWhatAConfigurationNeeds(t *testing.T) {
	var out bytes.Buffer
	describeSeeds(&out, demoAccessKey, demoSecretKey, "")
	got := out.String()
	want := []string{DemoProject, `access_key "` + demoAccessKey + `"`, `secret_key "` + demoSecretKey + `"`}
	for _, b := range seeded {
		want = append(want, b.id+"  "+strings.ReplaceAll(b.states, ",", " -> "), b.scenario)
	}
	// The demo reads these batches: each must be one that dlimock lists.
	demo, err := os.ReadFile("../../../../examples/demo/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`batch_id\s*=\s*"([^"]+)"`).FindAllStringSubmatch(string(demo), -1) {
		want = append(want, m[1])
	}
	for _, s := range want {
		if !strings.Contains(got, s) {
			t.Errorf("the description does not list %q:\n%s", s, got)
		}
	}
}

func TestDescribeSeedsHidesASecretKeyThatIsNotTheDemos(t *testing.T) {
	var out bytes.Buffer
	describeSeeds(&out, "AK", "my-own-secret", "my-own-token")
	if strings.Contains(out.String(), "my-own-") {
		t.Fatalf("the description shows a key given on the command line:\n%s", out.String())
	}
}
