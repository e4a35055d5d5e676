package dli

import (
	"errors"
	"strconv"
	"time"
)

// MillisTime is a time DLI sends as milliseconds since the epoch, read in
// UTC. The answer types hold it by pointer: nil when the answer did not
// carry it (or carried null), so that the exported types decode straight
// from the answer, without a JSON twin and a conversion per kind.
type MillisTime struct{ time.Time }

func (m *MillisTime) UnmarshalJSON(data []byte) error {
	ms, err := millis(data)
	if err == nil {
		m.Time = time.UnixMilli(ms).UTC()
	}
	return err
}

// AsTime is the time, nil when absent.
func (m *MillisTime) AsTime() *time.Time {
	if m == nil {
		return nil
	}
	return &m.Time
}

// MillisDuration is a duration DLI sends in milliseconds; held by pointer
// as MillisTime is.
type MillisDuration struct{ time.Duration }

func (m *MillisDuration) UnmarshalJSON(data []byte) error {
	ms, err := millis(data)
	if err == nil {
		m.Duration = time.Duration(ms) * time.Millisecond
	}
	return err
}

var errNotMillis = errors.New("not a whole number of milliseconds")

// millis reads a JSON number that is a whole number of milliseconds, as
// an int64 field would take it, parsed in place: a page of jobs holds
// several times each.
func millis(data []byte) (int64, error) {
	ms, err := strconv.ParseInt(string(data), 10, 64)
	if err != nil {
		return 0, errNotMillis
	}
	return ms, nil
}

// AsDuration is the duration, nil when absent.
func (m *MillisDuration) AsDuration() *time.Duration {
	if m == nil {
		return nil
	}
	return &m.Duration
}
