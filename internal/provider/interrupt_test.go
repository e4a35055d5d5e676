package provider

import (
	"bytes"

	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/devcli"
)

// TestAccBatchState_interruptStopsWaiting: Ctrl-C during a wait stops it at
// once, rather than after timeouts.read (here 10 minutes), and no poll
// follows. It drives the real CLI with the built provider and its real
// polling schedule.
func TestAccBatchState_interruptStopsWaiting(t *testing.T) {
	bin := providerBinDir(t)
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+batchConfig(`batch_id = "`+testBatch+`"
wait_for = ["success"]
timeouts {
  read = "10m"
}`))
	rc := filepath.Join(dir, ".cli.tfrc")
	if err := devcli.WriteConfig(rc, bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(terraformCLI(t), "plan", "-no-color", "-input=false")
	cmd.Dir = dir
	cmd.Env = baseCLIEnv(dir, rc)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	// Wait until the provider is polling (the first poll has been answered).
	for deadline := time.Now().Add(time.Minute); srv.Mock.RequestCount() == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("the plan never polled:\n%s", out.String())
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	polled := srv.Mock.RequestCount()
	select {
	case err := <-done:
		if err == nil {
			t.Fatalf("the interrupted plan succeeded:\n%s", out.String())
		}
	case <-time.After(time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("the plan was still waiting a minute after Ctrl-C:\n%s", out.String())
	}
	if n := srv.Mock.RequestCount(); n > polled+1 {
		t.Fatalf("%d polls after Ctrl-C, want none (one may have been in flight)", n-polled)
	}
	if !strings.Contains(out.String(), "Reading the DLI batch was cancelled") || !strings.Contains(out.String(), "stopped waiting") {
		t.Fatalf("the output does not say the wait was stopped:\n%s", out.String())
	}
}
