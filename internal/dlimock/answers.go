package dlimock

import (
	"encoding/json"
	"net/http"
	"strings"
)

// writeError answers in the shape of DLI and its API gateway.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"error_code": code, "error_msg": msg})
}

// Absent, as the value of a job's detail, leaves the field out of every
// answer, even a field the mock fills itself (an ID, a status, message):
// every field of DLI's answers is optional, and the real service may
// leave any out.
const Absent = absent("absent")

type absent string

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(withoutAbsent(v))
}

// withoutAbsent drops the Absent fields of answers built of maps, at any depth.
func withoutAbsent(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if e != Absent {
				out[k] = withoutAbsent(e)
			}
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = withoutAbsent(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = withoutAbsent(e)
		}
		return out
	}
	return v
}

func writeFault(w http.ResponseWriter, f *Fault) {
	for k, v := range f.Header {
		w.Header().Set(k, v)
	}
	contentType := f.ContentType
	if contentType == "" {
		contentType = "application/json;charset=UTF-8"
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(f.Status)
	body := f.Body
	if pad := f.BodySize - len(body); pad > 0 {
		body += strings.Repeat(" ", pad)
	}
	_, _ = w.Write([]byte(body))
}
