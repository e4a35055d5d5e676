package provider

import (
	"reflect"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// Each attribute the data sources show comes from its own field of the
// client's job, never a neighbour's: the tests below give every field a
// value of its own and hold every attribute to it, in the unit tests of
// the mapping code (until now only acceptance tests read them).

// Pointers to a job's field values.
var (
	fieldTime = func(s string) *dli.MillisTime {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return &dli.MillisTime{Time: t}
	}
	fieldStr = func(s string) *string { return &s }
	fieldInt = func(i int64) *int64 { return &i }
	fieldDur = func(d time.Duration) *dli.MillisDuration { return &dli.MillisDuration{Duration: d} }
)

func TestSQLJobFieldsAreMappedEachFromItsOwn(t *testing.T) {
	var got sqlJobFields
	got.set(dli.SQLJob{
		ID: "id", Status: "FAILED", JobType: fieldStr("INSERT"), QueueName: fieldStr("queue"), Owner: fieldStr("owner"), Statement: fieldStr("statement"),
		DatabaseName: fieldStr("db"), TableName: fieldStr("table"), StartedAt: fieldTime("2024-11-29T08:00:00+08:00"), Duration: fieldDur(65 * time.Second),
		ResultCount: fieldInt(1), InputRowCount: fieldInt(2), BadRowCount: fieldInt(3), Message: "message",
		Tags: map[string]string{"k": "v"},
	})
	want := sqlJobFields{
		ID: types.StringValue("id"), Status: types.StringValue("FAILED"), Terminal: types.BoolValue(true),
		JobType: types.StringValue("INSERT"), QueueName: types.StringValue("queue"), Owner: types.StringValue("owner"),
		Statement: types.StringValue("statement"), DatabaseName: types.StringValue("db"), TableName: types.StringValue("table"),
		StartedAt: types.StringValue("2024-11-29T00:00:00Z"), Duration: types.StringValue("1m5s"),
		ResultCount: types.Int64Value(1), InputRowCount: types.Int64Value(2), BadRowCount: types.Int64Value(3),
		Message:  types.StringValue("message"),
		Tags:     types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("v")}),
		jobTimes: jobTimes{DurationSeconds: types.Float64Value(65), EndedAt: types.StringValue("2024-11-29T00:01:05Z")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
}

func TestFlinkJobFieldsAreMappedEachFromItsOwn(t *testing.T) {
	var got flinkJobFields
	got.set(dli.FlinkJob{
		ID: "71001", Status: "job_running", Name: fieldStr("name"), StatusDesc: fieldStr("desc"), JobType: fieldStr("flink_jar_job"),
		QueueName: fieldStr("queue"), UserName: fieldStr("user"), CreatedAt: fieldTime("2024-11-29T01:00:00Z"), StartedAt: fieldTime("2024-11-29T02:00:00Z"),
		UpdatedAt: fieldTime("2024-11-29T03:00:00Z"), RestartTimes: fieldInt(4), Duration: fieldDur(30 * time.Minute),
	})
	want := flinkJobFields{
		ID: types.StringValue("71001"), Name: types.StringValue("name"), Status: types.StringValue("job_running"),
		StatusDesc: types.StringValue("desc"), Terminal: types.BoolValue(false), JobType: types.StringValue("flink_jar_job"),
		QueueName: types.StringValue("queue"), UserName: types.StringValue("user"),
		CreatedAt: types.StringValue("2024-11-29T01:00:00Z"), StartedAt: types.StringValue("2024-11-29T02:00:00Z"),
		UpdatedAt: types.StringValue("2024-11-29T03:00:00Z"), RestartTimes: types.Int64Value(4),
		jobTimes: jobTimes{DurationSeconds: types.Float64Value(1800), EndedAt: types.StringNull()}, // not terminal: no end yet
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
}

func TestBatchFieldsAreMappedEachFromItsOwn(t *testing.T) {
	var got batchEntry
	got.set(dli.Batch{
		BatchState: dli.BatchState{ID: "id", State: "dead"},
		Name:       fieldStr("name"), Queue: fieldStr("queue"), Owner: fieldStr("owner"), ProxyUser: fieldStr("proxy"), SparkKind: fieldStr("kind"), SCType: fieldStr("A"),
		ClusterName: fieldStr("cluster"), Image: fieldStr("image"), Feature: fieldStr("feature"), SparkVersion: fieldStr("3.3.1"),
		AppIDs: []string{"app-1", "app-2"}, Log: []string{"log 1"},
		CreatedAt: fieldTime("2024-11-29T01:00:00Z"), UpdatedAt: fieldTime("2024-11-29T02:00:00Z"), Duration: fieldDur(90 * time.Minute),
	})
	list := func(ss ...string) types.List {
		elems := make([]attr.Value, len(ss))
		for i, s := range ss {
			elems[i] = types.StringValue(s)
		}
		return types.ListValueMust(types.StringType, elems)
	}
	want := batchEntry{
		batchDetails: batchDetails{
			batchStatus: batchStatus{ID: types.StringValue("id"), State: types.StringValue("dead"), Terminal: types.BoolValue(true)},
			Name:        types.StringValue("name"), Queue: types.StringValue("queue"), AppIDs: list("app-1", "app-2"),
			Owner: types.StringValue("owner"), ProxyUser: types.StringValue("proxy"), Kind: types.StringValue("kind"),
			SCType: types.StringValue("A"), ClusterName: types.StringValue("cluster"), Image: types.StringValue("image"),
			Feature: types.StringValue("feature"), SparkVersion: types.StringValue("3.3.1"),
			CreatedAt: types.StringValue("2024-11-29T01:00:00Z"), UpdatedAt: types.StringValue("2024-11-29T02:00:00Z"),
			Log: list("log 1"),
		},
		Duration: types.StringValue("1h30m0s"),
		jobTimes: jobTimes{DurationSeconds: types.Float64Value(5400), EndedAt: types.StringValue("2024-11-29T02:30:00Z")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
}
