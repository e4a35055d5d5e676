package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/devcli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Every documented data source example runs, unchanged, against the mock
// as dlimock seeds it: their job names, queue and batch IDs are its. The
// provider comes from the environment variables a user would set; the
// examples' variables name a seeded batch.
func TestAccDocumentedExamplesRunAgainstTheSeededMock(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run the documented examples with the Terraform CLI")
	}
	terraform := terraformCLI(t)
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-dli"), "github.com/dli-terraform/terraform-provider-dli").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dirs, err := filepath.Glob("../../../../examples/data-sources/*")
	if err != nil || len(dirs) < 3 {
		t.Fatalf("found %d example directories: %v", len(dirs), err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			m := dlimock.New(dlimock.Credentials{AccessKey: demoAccessKey, SecretKey: demoSecretKey})
			seed(m, time.Now())
			srv := dlimock.NewServer(m, nil, false)
			t.Cleanup(srv.Close)
			work := t.TempDir()
			files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
			for _, f := range files {
				copyFile(t, f, filepath.Join(work, filepath.Base(f)))
			}
			write(t, filepath.Join(work, "zz_required_providers.tf"), "terraform {\n  required_providers {\n    dli = {\n      source = \"dli-terraform/dli\"\n    }\n  }\n}\n")
			rc := filepath.Join(work, ".cli.tfrc")
			if err := devcli.WriteConfig(rc, bin); err != nil {
				t.Fatal(err)
			}
			finished := seeded[1].id
			cmd := exec.Command(terraform, "plan", "-no-color", "-input=false")
			cmd.Dir = work
			cmd.Env = []string{
				"PATH=" + os.Getenv("PATH"), "HOME=" + work, "TF_CLI_CONFIG_FILE=" + rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
				"HW_REGION_NAME=" + demoRegion, "HW_DLI_ENDPOINT=" + srv.URL, "HW_AUTH_URL=" + srv.URL + "/v3",
				"HW_ACCESS_KEY=" + demoAccessKey, "HW_SECRET_KEY=" + demoSecretKey, "HW_ECS_METADATA_ENDPOINT=" + closedURL(t),
				"TF_VAR_batch_id=" + finished, "TF_VAR_etl_batch_id=" + finished,
			}
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				t.Fatalf("terraform plan of %s against the seeded mock: %v\n%s", dir, err, out.String())
			}
			if strings.Contains(out.String(), "Error:") {
				t.Fatalf("the plan reported an error:\n%s", out.String())
			}
		})
	}
}

// terraformCLI is TF_ACC_TERRAFORM_PATH (e.g. OpenTofu), else terraform on PATH.
func terraformCLI(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH")
	}
	return p
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, string(b))
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// closedURL is a loopback address where nothing listens.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return "http://" + l.Addr().String()
}

// make demo runs the same whatever HW_* variables the shell has: each of
// these, reaching the provider, would make the demo fail or read elsewhere.
func TestAccDemoRunsTheSameWhateverTheShellSets(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run the demo with the Terraform CLI")
	}
	terraform := terraformCLI(t)
	cmd := exec.Command("bash", "../../../../scripts/demo.sh")
	cmd.Env = append(os.Environ(), "DEMO_DIR="+t.TempDir(), "TF="+terraform,
		"HW_ASSUME_ROLE_AGENCY_NAME=not-an-agency", "HW_ASSUME_ROLE_DOMAIN_NAME=nowhere", "HW_ASSUME_ROLE_DURATION=1",
		"HW_PROJECT_ID=ffffffffffffffffffffffffffffffff", "HW_PROJECT_NAME=no-such-project", "HW_AUTH_URL=http://127.0.0.1:1/v3",
		"HW_PROFILE=nobody", "HW_SHARED_CONFIG_FILE=/nonexistent/config.json", "HW_ECS_METADATA_ENDPOINT=http://127.0.0.1:1",
		"HW_INSECURE=maybe", "HW_MAX_RETRIES=many", "HW_CLOUD=not-huawei.invalid", "HW_DOMAIN_ID=nowhere", "HW_USER_NAME=alice",
		"TF_CLI_ARGS_apply=-refresh=false -target=nothing", "TF_WORKSPACE=elsewhere")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make demo with HW_* variables set: %v\n%s", err, out)
	}
	for _, want := range []string{"Apply complete! Resources: 1 added", "etl       0a324461-d9d9-45da-a52a-3b3c7a3d809e  success (terminal)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the demo's output lacks %q:\n%s", want, out)
		}
	}
}
