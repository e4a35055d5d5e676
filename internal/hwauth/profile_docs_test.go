package hwauth

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// The provider docs' example hcloud file is one the provider reads: each of
// its profiles loads, with the fields the docs say it takes.
func TestDocumentedSharedConfigFileLoads(t *testing.T) {
	doc, err := os.ReadFile("../../templates/index.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)### hcloud CLI profile.*?```json\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("the provider docs have no example hcloud file under \"### hcloud CLI profile\"")
	}
	file := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(file, m[1], 0o600); err != nil {
		t.Fatal(err)
	}
	for name, check := range map[string]func(Profile) bool{
		"": func(p Profile) bool { // the current profile
			return p.Name == "default" && p.Credentials.AccessKey != "" && p.Region == "cn-north-4" && p.ProjectID != ""
		},
		"etl":    func(p Profile) bool { return p.AgencyName == "dli-reader" && p.AgencyDomainName == "acme" },
		"sso":    func(p Profile) bool { return p.Credentials.SecurityToken != "" },
		"on-ecs": func(p Profile) bool { return p.Mode == ModeECSAgency },
	} {
		p, err := LoadProfile(file, name)
		if err != nil || !check(p) {
			t.Errorf("profile %q of the documented file: %+v %v", name, p, err)
		}
	}
}
