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

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
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
