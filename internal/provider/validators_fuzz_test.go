package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func validate(v validator.String, s string) bool {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(s)}, resp)
	return !resp.Diagnostics.HasError()
}

// isUUID is an independent statement of what batch_id accepts.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c)) {
			return false
		}
	}
	return true
}

func FuzzBatchIDValidator(f *testing.F) {
	for _, s := range []string{"0a324461-d9d9-45da-a52a-3b3c7a3d809e", "0A324461-D9D9-45DA-A52A-3B3C7A3D809E", "", "not-a-uuid",
		"0a324461d9d945daa52a3b3c7a3d809e", "0a324461-d9d9-45da-a52a-3b3c7a3d809e\n", "{0a324461-d9d9-45da-a52a-3b3c7a3d809e}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validate(batchIDValidator, s), isUUID(s); got != want {
			t.Fatalf("batch_id %q accepted = %v, want %v", s, got, want)
		}
	})
}

func FuzzProjectIDValidator(f *testing.F) {
	for _, s := range []string{"0123456789abcdef0123456789abcdef", "", " ", "a/b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validate(projectIDValidator, s), len([]rune(s)) >= 1; got != want {
			t.Fatalf("project_id %q accepted = %v, want %v", s, got, want)
		}
	})
}

func FuzzSQLJobIDValidator(f *testing.F) {
	for _, s := range []string{"1b2c3d4e-0000-4000-8000-00000000beef", "71001", "", "1b2c3d4e-0000-4000-8000-00000000beef\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validate(sqlJobIDValidator, s), isUUID(s); got != want {
			t.Fatalf("job_id %q accepted = %v, want %v", s, got, want)
		}
	})
}

// isFlinkJobID is an independent statement of what dli_flink_job's job_id
// accepts: 1 to 18 ASCII digits, so that it always fits DLI's int64.
func isFlinkJobID(s string) bool {
	if len(s) == 0 || len(s) > 18 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func FuzzFlinkJobIDValidator(f *testing.F) {
	for _, s := range []string{"71001", "0", "", "-1", "7100１", "123456789012345678", "1234567890123456789", "71001\n", "1e5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validate(flinkJobIDValidator, s), isFlinkJobID(s); got != want {
			t.Fatalf("job_id %q accepted = %v, want %v", s, got, want)
		}
	})
}
