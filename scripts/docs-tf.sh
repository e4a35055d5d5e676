#!/usr/bin/env bash
# make docs, make docs-check: tfplugindocs reads the provider's schema with
# `terraform providers schema -json`, run by the terraform on PATH, and
# only Terraform 1.14 or newer puts actions in it. This links DOCS_TF
# (default: terraform on PATH) as DIR/terraform, for the caller to put
# first on PATH, after checking that it is new enough.
set -euo pipefail
dir=$1
tf=${DOCS_TF:-$(command -v terraform || true)}
if [ -z "$tf" ] || [ ! -x "$tf" ]; then
  echo "docs: no terraform binary (DOCS_TF='${DOCS_TF:-}'; none on PATH): the docs need Terraform 1.14 or newer" >&2
  exit 1
fi
tf=$(cd "$(dirname "$tf")" && pwd)/$(basename "$tf")
version=$("$tf" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')
first=$("$tf" version 2>/dev/null | sed -n 1p)
IFS=. read -r major minor _ <<<"$version"
if [[ $first != Terraform* ]] || [ "${major:-0}" -lt 1 ] || { [ "$major" -eq 1 ] && [ "${minor:-0}" -lt 14 ]; }; then
  echo "docs: $tf is not Terraform 1.14 or newer ($first), which the action pages need: make docs DOCS_TF=/path/to/terraform-1.14-or-newer" >&2
  exit 1
fi
mkdir -p "$dir"
ln -sfn "$tf" "$dir/terraform"
