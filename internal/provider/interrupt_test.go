//go:build unix

package provider

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/devcli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// TestAccBatchState_interruptStopsWaiting: one Ctrl-C during a wait stops it
// at once, rather than after timeouts.read, and no poll follows. It drives
// the real CLI with the built provider and its real polling schedule.
//
// During plan, Terraform tells the provider to stop (StopProvider), so an
// interrupt of terraform alone is enough. During apply it does not: there,
// only the SIGINT that a terminal sends to the whole process group, the
// provider included, stops the read.
func TestAccBatchState_interruptStopsWaiting(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		toGroup bool // signal the process group, as a terminal's Ctrl-C does
		signal  syscall.Signal
	}{
		{"plan", []string{"plan", "-no-color", "-input=false"}, false, syscall.SIGINT},
		{"apply", []string{"apply", "-auto-approve", "-no-color", "-input=false"}, true, syscall.SIGINT},
		// A CI runner's cancel, or kill of the group: handled as Ctrl-C is.
		{"apply SIGTERM", []string{"apply", "-auto-approve", "-no-color", "-input=false"}, true, syscall.SIGTERM},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.AddBatch(testProject, testBatch, "running")
			interruptWhileWaiting(t, srv, batchConfig(`batch_id = "`+testBatch+`"
wait_for = ["success"]
timeouts {
  read = "2m"
}`), "Reading the DLI batch was cancelled", tc.args, tc.toGroup, tc.signal)
		})
	}
}

// The same one Ctrl-C stops a wait on a SQL or a Flink job: the wait loop
// and the read set-up are the batches'.
func TestAccJobs_interruptStopsWaiting(t *testing.T) {
	plan := []string{"plan", "-no-color", "-input=false"}
	t.Run("dli_sql_job", func(t *testing.T) {
		srv := newMock(t)
		srv.Mock.AddSQLJob(testProject, testSQLJob, nil, "RUNNING")
		interruptWhileWaiting(t, srv, sqlJobConfig("wait_for = [\"FINISHED\"]\ntimeouts {\n  read = \"2m\"\n}"),
			"Reading the DLI SQL job was cancelled", plan, false, syscall.SIGINT)
	})
	t.Run("dli_flink_job", func(t *testing.T) {
		srv := newMock(t)
		srv.Mock.AddFlinkJob(testProject, 71001, nil, "job_submitting")
		interruptWhileWaiting(t, srv, flinkJobConfig("wait_for = [\"job_running\"]\ntimeouts {\n  read = \"2m\"\n}"),
			"Reading the DLI Flink job was cancelled", plan, false, syscall.SIGINT)
	})
}

func interruptWhileWaiting(t *testing.T, srv *dlimock.Server, config, summary string, args []string, toGroup bool, sig syscall.Signal) {
	got := interruptCLIWhileWaiting(t, terraformCLI(t), srv, config, args, toGroup, sig)
	if !strings.Contains(got, summary) || !strings.Contains(got, "stopped waiting") {
		t.Fatalf("the output does not say the wait was stopped:\n%s", got)
	}
}

// TestAccBatchWait_interruptStopsWaiting: one Ctrl-C stops an action's
// wait during apply at once (Terraform 1.14+; see wait_action_cli_test.go).
func TestAccBatchWait_interruptStopsWaiting(t *testing.T) {
	cli := actionsCLI(t)
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	got := interruptCLIWhileWaiting(t, cli, srv, batchGate(t),
		[]string{"apply", "-auto-approve", "-no-color", "-input=false", "-var=etl_batch_id=" + testBatch}, true, syscall.SIGINT)
	// Terraform shows the action's own diagnostic, or, when it has halted
	// the apply before that diagnostic came (a race in Terraform 1.15), only
	// its own "execution halted". Either way the wait stopped at once, with
	// no poll after the interrupt (interruptCLIWhileWaiting checks it); that
	// the provider itself stops is TestWaitActions_cancel's.
	said := strings.Contains(got, "Reading the DLI batch was cancelled") && strings.Contains(got, "stopped waiting")
	if !said && !strings.Contains(got, "Error: execution halted") {
		t.Fatalf("the output does not say the wait was stopped:\n%s", got)
	}
}

// interruptCLIWhileWaiting runs cli with args, interrupts it once it polls,
// checks that it stopped at once without another poll, and returns its
// output.
func interruptCLIWhileWaiting(t *testing.T, cli string, srv *dlimock.Server, config string, args []string, toGroup bool, sig syscall.Signal) string {
	bin := providerBinDir(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+config)
	rc := filepath.Join(dir, ".cli.tfrc")
	if err := devcli.WriteConfig(rc, bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(cli, args...)
	cmd.Dir = dir
	cmd.Env = baseCLIEnv(dir, rc)
	// Its own process group, as a shell gives a foreground job: the group is
	// terraform and the provider it starts.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = time.Second // once killed, Wait does not wait on the output of what is left
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killGroup := func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	t.Cleanup(killGroup)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	// Wait until the provider is polling (the first poll has been answered).
	for deadline := time.Now().Add(cliLimit); srv.Mock.RequestCount() == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			killGroup()
			t.Fatalf("terraform had not polled after %v:\n%s", cliLimit, out.String())
		}
	}
	target := cmd.Process.Pid
	if toGroup {
		target = -target
	}
	if err := syscall.Kill(target, sig); err != nil {
		t.Fatal(err)
	}
	polled := srv.Mock.RequestCount()
	// Well under timeouts.read (2m), which is when a wait that ignored the
	// interrupt would end.
	select {
	case err := <-done:
		if err == nil {
			t.Fatalf("the interrupted run succeeded:\n%s", out.String())
		}
	case <-time.After(30 * time.Second):
		killGroup()
		err := <-done // and its output is complete
		t.Fatalf("terraform was still waiting 30s after one Ctrl-C (%d polls since; then %v):\n%s", srv.Mock.RequestCount()-polled, err, out.String())
	}
	if n := srv.Mock.RequestCount(); n > polled+1 {
		t.Fatalf("%d polls after Ctrl-C, want none (one may have been in flight)", n-polled)
	}
	got := out.String()
	if strings.Contains(got, "Plugin did not respond") {
		t.Fatalf("the provider was killed rather than stopped:\n%s", got)
	}
	return got
}
