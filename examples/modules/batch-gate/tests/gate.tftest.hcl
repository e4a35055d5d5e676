# terraform test (Terraform 1.7 or later, OpenTofu 1.8 or later): the DLI
# provider is mocked, so that no credentials, network or batch are needed.
# Data sources are read while planning, so plan is enough.

mock_provider "dli" {
  # Unless a run overrides it, every batch read has succeeded.
  mock_data "dli_batch_state" {
    defaults = {
      state    = "Success"
      terminal = true
    }
  }
}

variables {
  batch_id = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
}

run "passes_a_batch_that_succeeded" {
  command = plan

  override_data {
    target = data.dli_batch_state.gate
    values = {
      id       = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
      state    = "Success"
      terminal = true
    }
  }

  assert {
    condition     = output.batch_id == var.batch_id
    error_message = "The gate does not hand on the batch's ID."
  }
}

run "stops_on_a_batch_that_failed" {
  command = plan

  override_data {
    target = data.dli_batch_state.gate
    values = {
      id       = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
      state    = "dead"
      terminal = true
    }
  }

  expect_failures = [data.dli_batch_state.gate]
}
