#!/usr/bin/env bash
# make demo: build the provider, start the bundled mock DLI on a free
# loopback port, and run examples/demo against it with a dev_overrides CLI
# configuration of its own. The mock is stopped however the script ends.
# It runs in a process group of its own, so that a Ctrl-C (which the terminal
# sends to the foreground group: this script, terraform and the provider)
# does not stop it before the provider's last request: an interrupted demo
# then says "cancelled" rather than "could not reach DLI".
set -euo pipefail

TF=${TF:-terraform}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" # go build needs to run inside the module
demo="${DEMO_DIR:-$root/.demo}" # tests run it elsewhere
rm -rf "$demo/work" "$demo/url" "$demo/mirror"
mkdir -p "$demo/bin" "$demo/work"

echo "==> building the provider and the mock DLI"
go build -o "$demo/bin/terraform-provider-dli" "$root"
go build -o "$demo/bin/dlimock" "$root/internal/dlimock/cmd/dlimock"

echo "==> starting the mock DLI on a free loopback port"
set -m # job control: the next background job gets its own process group
# -step 0: each scripted state lasts one request, so that the waits poll
# through them however long init took.
"$demo/bin/dlimock" -listen 127.0.0.1:0 -step 0 -url-file "$demo/url" >"$demo/dlimock.log" 2>&1 &
mock_pid=$!
set +m
trap 'kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -s "$demo/url" ] && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$demo/dlimock.log"; exit 1; }
  sleep 0.1
done
[ -s "$demo/url" ] || { echo "the mock did not start" >&2; exit 1; }
endpoint=$(cat "$demo/url")
echo "    mock DLI at $endpoint (its batches: $demo/dlimock.log)"

# Our own CLI configuration: use the provider just built, ask no registry.
# dev_overrides makes plan and apply use .demo/bin; the filesystem mirror
# holds the same binary so that init, which still looks the provider up,
# finds it without a registry.
mirror="$demo/mirror"
for host in registry.terraform.io registry.opentofu.org; do
  dir="$mirror/$host/dli-terraform/dli/0.0.1/$(go env GOOS)_$(go env GOARCH)"
  mkdir -p "$dir"
  cp "$demo/bin/terraform-provider-dli" "$dir/terraform-provider-dli_v0.0.1"
done
cat >"$demo/cli.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/dli-terraform/dli" = "$demo/bin"
    "registry.opentofu.org/dli-terraform/dli" = "$demo/bin"
  }
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/dli-terraform/dli", "registry.opentofu.org/dli-terraform/dli"]
  }
}
TFRC
export TF_CLI_CONFIG_FILE="$demo/cli.tfrc"
export TF_IN_AUTOMATION=1
# The demo runs the same whatever this shell has set: no HW_* variable
# (credentials, project, agency, profile, endpoints, retries, and any the
# provider reads in future) reaches it, nor extra CLI arguments.
for name in "${!HW_@}" "${!TF_CLI_ARGS@}" TF_WORKSPACE; do
  unset "$name"
done

cp "$root"/examples/demo/*.tf "$demo/work/"
cd "$demo/work"
echo "==> $(basename "$TF") init"
"$TF" init -input=false -no-color >"$demo/init.log" 2>&1 || { cat "$demo/init.log"; exit 1; }
echo "==> $(basename "$TF") apply (waits for the ETL batch: starting -> running -> success; the SQL job: LAUNCHING -> RUNNING -> FINISHED; the Flink job: job_submitting -> job_running)"
start=$(date +%s)
"$TF" apply -input=false -auto-approve -no-color -compact-warnings -var "endpoint=$endpoint"
echo "==> done in $(( $(date +%s) - start ))s; the batches' states:"
# Printed once, here: the console reads the demo's local.batch_states from
# the state, sending no request.
"$TF" console -var "endpoint=$endpoint" <<<"local.batch_states" | sed -e '/^<<EOT$/d' -e '/^EOT$/d' -e 's/^/    /'
kill "$mock_pid" && wait "$mock_pid" 2>/dev/null || true
echo "==> $(tail -n 1 "$demo/dlimock.log")"
