package dli

import (
	"slices"
	"testing"
)

// A kind's gate is one of its statuses and not a final failure: the
// wait_for examples name it.
func TestEveryKindsGateIsOneOfItsStatuses(t *testing.T) {
	for _, k := range []Kind{BatchKind, SQLJobKind, FlinkJobKind, ElasticResourcePoolKind} {
		if !slices.Contains(k.Statuses, k.Gate) {
			t.Errorf("%s: gate %q is not one of %v", k.Noun, k.Gate, k.Statuses)
		}
	}
	if !slices.Equal(SQLJobListStatuses[:len(SQLJobKind.Statuses)], SQLJobKind.Statuses) || len(SQLJobListStatuses) != 11 {
		t.Fatalf("SQLJobListStatuses = %v, want the job's five statuses and the list's six more", SQLJobListStatuses)
	}
}
