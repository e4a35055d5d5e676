// Package hwauth finds credentials and the project the way Huawei Cloud's
// own tools do: hcloud CLI profiles, the ECS metadata service, agencies
// (assume_role), and IAM's project list. It decides nothing about
// configuration (internal/provider maps attributes and environment
// variables to it) and sends its requests through internal/dli, the only
// code that speaks HTTP.
package hwauth
