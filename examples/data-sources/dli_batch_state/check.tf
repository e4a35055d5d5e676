# Continuous validation: report on every plan and apply whether last night's
# batch succeeded, without ever blocking a run. A failed assert, like a
# failed read of the data source scoped to the check, is only a warning.
check "nightly_batch_succeeded" {
  data "dli_batch_state" "last_night" {
    batch_id = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
  }

  assert {
    condition     = lower(data.dli_batch_state.last_night.state) == "success"
    error_message = "Last night's batch is ${data.dli_batch_state.last_night.state}, not success."
  }
}
