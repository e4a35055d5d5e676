// Command profiled is terraform-provider-dli with a CPU profile: it serves
// the provider as main.go does, and writes the profile of the process to
// $DLI_BENCH_CPUPROFILE_DIR/cpu-<pid>.pprof when Terraform shuts it down.
// planbench -cpuprofile runs it in place of the provider; merge the files of
// a plan's processes with go tool pprof.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/dli-terraform/terraform-provider-dli/internal/provider"
)

func main() {
	f, err := os.Create(filepath.Join(os.Getenv("DLI_BENCH_CPUPROFILE_DIR"), fmt.Sprintf("cpu-%d.pprof", os.Getpid())))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	err = providerserver.Serve(context.Background(), provider.New("bench"), providerserver.ServeOpts{
		Address: "registry.terraform.io/dli-terraform/dli",
	})
	pprof.StopCPUProfile()
	_ = f.Close()
	if err != nil {
		log.Fatal(err.Error())
	}
}
