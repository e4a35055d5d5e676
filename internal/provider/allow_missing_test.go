package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// The four data sources that read one job, each with a job DLI does not
// know, and the attributes that are null then.
var missingJobCases = []struct {
	name, addr, config string
	waitFor            string
	null               []string
	add                func(*dlimock.Mock) // makes the job known
}{
	{"dli_batch_state", dataAddr, batchConfig(`batch_id = "` + testBatch + `"` + "\n%s"), `["success"]`,
		[]string{"id", "state", "terminal"},
		func(m *dlimock.Mock) { m.AddBatch(testProject, testBatch, "success") }},
	{"dli_batch", batchAddr, batchDataConfig(`batch_id = "` + testBatch + `"` + "\n%s"), `["success"]`,
		[]string{"id", "state", "terminal", "name", "queue", "app_ids", "owner"},
		func(m *dlimock.Mock) { m.AddBatch(testProject, testBatch, "success") }},
	{"dli_sql_job", sqlJobAddr, sqlJobConfig("%s"), `["FINISHED"]`,
		[]string{"id", "status", "terminal", "message"},
		func(m *dlimock.Mock) { m.AddSQLJob(testProject, testSQLJob, nil, "FINISHED") }},
	{"dli_flink_job", "data.dli_flink_job.test", flinkJobConfig("%s"), `["job_running"]`,
		[]string{"id", "status", "terminal", "name"},
		func(m *dlimock.Mock) { m.AddFlinkJob(testProject, 71001, nil, "job_running") }},
}

// With allow_missing, a job DLI does not know reads as found = false, its
// other attributes null, in one request although wait_for is set.
func TestAccAllowMissing_readsFoundFalseAtOnce(t *testing.T) {
	for _, tc := range missingJobCases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newMock(t)
			checks := map[string]knownvalue.Check{"found": knownvalue.Bool(false), "project_id": knownvalue.StringExact(testProject)}
			for _, a := range tc.null {
				checks[a] = nil
			}
			accTest(t, resource.TestStep{
				Config:            akskProvider(srv) + fmt.Sprintf(tc.config, "allow_missing = true\nwait_for = "+tc.waitFor),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 1}}},
				ConfigStateChecks: expectAttrs(tc.addr, checks),
			})
		})
	}
}

// A job DLI knows reads as found = true, with or without allow_missing.
func TestAccAllowMissing_knownJobIsFound(t *testing.T) {
	for _, tc := range missingJobCases {
		for _, arg := range []string{"", "allow_missing = true"} {
			t.Run(tc.name+"/"+arg, func(t *testing.T) {
				srv := newMock(t)
				tc.add(srv.Mock)
				accTest(t, resource.TestStep{
					Config:            akskProvider(srv) + fmt.Sprintf(tc.config, arg),
					ConfigStateChecks: expectAttrs(tc.addr, map[string]knownvalue.Check{"found": knownvalue.Bool(true), "id": knownvalue.NotNull()}),
				})
			})
		}
	}
}

// Without allow_missing, the not-found error says how to get past it.
func TestAccAllowMissing_errorNamesTheWaysOut(t *testing.T) {
	for _, tc := range missingJobCases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newMock(t)
			accTest(t, resource.TestStep{
				Config:      akskProvider(srv) + fmt.Sprintf(tc.config, "allow_missing = false"),
				ExpectError: regexp.MustCompile(`not\s+found[\s\S]*allow_missing\s+=\s+true[\s\S]*found\s+=\s+false[\s\S]*terraform\s+destroy\s+-refresh=false`),
			})
		})
	}
}

// Other failures are not read as missing: a permission refusal fails even
// with allow_missing.
func TestAccAllowMissing_otherErrorsStillFail(t *testing.T) {
	srv := newMock(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 403, Body: `{"error_code":"DLI.0003","error_msg":"no permission"}`, Times: 100})
	accTest(t, resource.TestStep{
		Config:      akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`+"\nallow_missing = true"),
		ExpectError: regexp.MustCompile(`DLI permission denied`),
	})
}
