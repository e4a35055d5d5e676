# Read a batch's current state, e.g. to show it in the plan.
data "dli_batch_state" "nightly" {
  batch_id = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
}

output "nightly_batch_state" {
  value = data.dli_batch_state.nightly.state
}
