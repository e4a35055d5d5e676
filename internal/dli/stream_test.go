package dli

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// walkedPage is shaped as DLI's list answers are: an envelope, a nested
// page and an array of objects, so that readStream walks it.
type walkedPage struct {
	Total *int `json:"total"`
	List  *struct {
		Count int `json:"count"`
		Jobs  []struct {
			ID   string  `json:"id"`
			Name *string `json:"name"`
		} `json:"jobs"`
	} `json:"job_list"`
	Sessions *[]struct {
		ID string `json:"id"`
	} `json:"sessions"`
}

// The walk reads an answer as encoding/json would (as the official SDK
// reads it): member names in any case, an empty array as an empty slice
// (not an absent one), null as absent, unknown members skipped.
func TestTheWalkReadsWhatEncodingJSONReads(t *testing.T) {
	if !streamed(reflect.TypeFor[*walkedPage]()) {
		t.Fatal("walkedPage is not walked: the test would compare encoding/json with itself")
	}
	for _, answer := range walkSeeds {
		walked, decoded, ok := walkAndDecode(t, answer)
		if !ok {
			t.Fatalf("%s: the walk or encoding/json refused it", answer)
		}
		sameAnswer(t, answer, walked, decoded)
	}
}

var walkSeeds = []string{
	`{"total":2,"job_list":{"count":2,"jobs":[{"id":"a","name":"x"},{"id":"b"}]}}`,
	`{"TOTAL":2,"Job_List":{"COUNT":2,"Jobs":[{"ID":"a","Name":"x"}]},"Sessions":[{"Id":"s"}]}`,
	`{"total":0,"job_list":{"count":0,"jobs":[]},"sessions":[]}`,
	`{"total":null,"job_list":null,"sessions":null}`,
	`{"extra":{"deep":[1,{"x":[]}]},"job_list":{"more":"y","jobs":[{"id":"a","sql_body":"SELECT 1"}]},"is_success":true}`,
}

// Whatever both read, they read alike (the walk may refuse what
// encoding/json reads with a type error, never read it differently).
func FuzzTheWalkReadsWhatEncodingJSONReads(f *testing.F) {
	for _, s := range walkSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, answer string) {
		if walked, decoded, ok := walkAndDecode(t, answer); ok {
			sameAnswer(t, answer, walked, decoded)
		}
	})
}

func walkAndDecode(t *testing.T, answer string) (walked, decoded walkedPage, ok bool) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(answer))
	walkErr := readStream(dec, &walked)
	if walkErr == nil {
		walkErr = atEnd(dec)
	}
	return walked, decoded, walkErr == nil && json.Unmarshal([]byte(answer), &decoded) == nil
}

func sameAnswer(t *testing.T, answer string, walked, decoded walkedPage) {
	t.Helper()
	if !reflect.DeepEqual(walked, decoded) {
		w, _ := json.Marshal(walked)
		d, _ := json.Marshal(decoded)
		t.Fatalf("%s\nwalked  %s\nwant    %s (encoding/json)", answer, w, d)
	}
}
