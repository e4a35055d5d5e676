package dli

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// logRecorder is a Logger that keeps every line the client writes, so that
// tests can look at messages and fields before any masking (tflog's masking
// in the provider is the second line of defence, not the first).
type logRecorder struct {
	mu    sync.Mutex
	lines []logLine
	// onDebug, when set, sees each line as it is written (e.g. to cancel a
	// wait at a known point).
	onDebug func(msg string)
}

type logLine struct {
	msg    string
	fields map[string]any
}

func (r *logRecorder) Debug(_ context.Context, msg string, fields map[string]any) {
	r.mu.Lock()
	r.lines = append(r.lines, logLine{msg: msg, fields: fields})
	hook := r.onDebug
	r.mu.Unlock()
	if hook != nil {
		hook(msg)
	}
}

func (r *logRecorder) all() []logLine {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]logLine(nil), r.lines...)
}

// messages lists the distinct messages logged, in order of first appearance.
func (r *logRecorder) messages() []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range r.all() {
		if !seen[l.msg] {
			seen[l.msg] = true
			out = append(out, l.msg)
		}
	}
	return out
}

// assertNoSecretsLogged fails t for every secret value found in a logged
// message, field key or field value, and requires that the lines in
// wantMessages were logged, so that the check can never pass on no logs.
func assertNoSecretsLogged(t *testing.T, r *logRecorder, secrets []string, wantMessages ...string) {
	t.Helper()
	for _, leak := range leaksIn(r.all(), secrets) {
		t.Errorf("a credential reached the client's log: %s", leak)
	}
	logged := r.messages()
	for _, want := range wantMessages {
		if !contains(logged, want) {
			t.Errorf("no %q line was logged (logged: %q): the check would pass on nothing", want, logged)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// leaksIn describes each place where a secret appears in the lines: in a
// message, a field key, or anywhere inside a field value (walked through
// pointers, maps, slices, structs and errors, and also printed with %v and
// %#v, as a log sink would print it).
func leaksIn(lines []logLine, secrets []string) []string {
	var found []string
	check := func(where, text string) {
		for _, s := range secrets {
			if s != "" && strings.Contains(text, s) {
				found = append(found, fmt.Sprintf("%q in %s", s, where))
			}
		}
	}
	for _, l := range lines {
		check(fmt.Sprintf("the message %q", l.msg), l.msg)
		for k, v := range l.fields {
			where := fmt.Sprintf("field %q of %q", k, l.msg)
			check(where+" (its key)", k)
			check(where, fmt.Sprintf("%v", v))
			check(where, fmt.Sprintf("%#v", v))
			walkStrings(reflect.ValueOf(v), 0, func(s string) { check(where, s) })
		}
	}
	return found
}

// walkStrings calls f with every string reachable from v, including the
// texts of errors and Stringers and unexported fields that %v would not
// print the same way.
func walkStrings(v reflect.Value, depth int, f func(string)) {
	if !v.IsValid() || depth > 10 {
		return
	}
	nilPointer := v.Kind() == reflect.Pointer && v.IsNil() // its Error or String may panic
	if v.CanInterface() && !nilPointer {
		switch x := v.Interface().(type) {
		case error:
			f(x.Error())
		case fmt.Stringer:
			f(x.String())
		case []byte:
			f(string(x))
		}
	}
	switch v.Kind() {
	case reflect.String:
		f(v.String())
	case reflect.Pointer, reflect.Interface:
		walkStrings(v.Elem(), depth+1, f)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), depth+1, f)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			walkStrings(it.Key(), depth+1, f)
			walkStrings(it.Value(), depth+1, f)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			walkStrings(v.Field(i), depth+1, f)
		}
	}
}

// The finder itself must see a secret wherever a careless log line could
// put it, or the tests built on it prove nothing.
func TestLeaksInFindsSecretsAnywhere(t *testing.T) {
	const secret = "SECRET-VALUE-123"
	type inner struct{ hidden string }
	for name, line := range map[string]logLine{
		"message":            {msg: "signed with " + secret},
		"field key":          {msg: "m", fields: map[string]any{secret: 1}},
		"string field":       {msg: "m", fields: map[string]any{"k": "token=" + secret}},
		"header map":         {msg: "m", fields: map[string]any{"headers": map[string][]string{"X-Auth-Token": {secret}}}},
		"error":              {msg: "m", fields: map[string]any{"err": fmt.Errorf("wrapped: %w", fmt.Errorf("X-Auth-Token: %s", secret))}},
		"bytes":              {msg: "m", fields: map[string]any{"body": []byte("echo " + secret)}},
		"unexported field":   {msg: "m", fields: map[string]any{"v": &inner{hidden: secret}}},
		"nested in a slice":  {msg: "m", fields: map[string]any{"v": []any{1, map[string]any{"x": []string{secret}}}}},
		"credentials struct": {msg: "m", fields: map[string]any{"creds": Credentials{SecretKey: secret}}},
	} {
		t.Run(name, func(t *testing.T) {
			if leaks := leaksIn([]logLine{line}, []string{secret}); len(leaks) == 0 {
				t.Fatalf("leaksIn missed the secret in %#v", line)
			}
		})
	}
	clean := logLine{msg: "DLI request", fields: map[string]any{"url": "https://dli.example.invalid/v2.0/p", "attempt": 1, "nil error": error(nil)}}
	if leaks := leaksIn([]logLine{clean}, []string{secret}); len(leaks) != 0 {
		t.Fatalf("leaksIn reported %v in a clean line", leaks)
	}
}
