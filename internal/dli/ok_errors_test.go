package dli

import (
	"errors"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// An HTTP 200 without the job but naming an error is that error, in every
// shape DLI and the SDK know, for every single read: DLI's
// {error_code,error_msg}, the SDK's {code,message}, and is_success false
// as a boolean (SQL, batches) or a string (Flink).
func TestAnOKAnswerNamingAnErrorIsThatError(t *testing.T) {
	for shape, c := range map[string]struct {
		body, code string
	}{
		"error_code":           {`{"error_code":"DLI.0002","error_msg":"The job does not exist."}`, "DLI.0002"},
		"code":                 {`{"code":"DLI.0002","message":"The job does not exist."}`, "DLI.0002"},
		"is_success false":     {`{"is_success":false,"message":"The job does not exist."}`, ""},
		"is_success \"false\"": {`{"is_success":"false","message":"The job does not exist."}`, ""},
	} {
		for kind, r := range singleReads {
			t.Run(shape+"/"+kind, func(t *testing.T) {
				client, srv := newTestClient(t)
				srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: c.body, Times: 1})
				_, _, err := r.read(client, "71001")
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != 200 || apiErr.Code != c.code || apiErr.Message != "The job does not exist." {
					t.Fatalf("err = %v, want DLI's error (HTTP 200, code %q, its message)", err, c.code)
				}
			})
		}
	}
}
