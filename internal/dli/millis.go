package dli

import (
	"encoding/json"
	"time"
)

// MillisTime is a time DLI sends as milliseconds since the epoch, read in
// UTC. The answer types hold it by pointer: nil when the answer did not
// carry it (or carried null), so that the exported types decode straight
// from the answer, without a JSON twin and a conversion per kind.
type MillisTime struct{ time.Time }

func (m *MillisTime) UnmarshalJSON(data []byte) error {
	var ms int64
	if err := json.Unmarshal(data, &ms); err != nil {
		return err
	}
	m.Time = time.UnixMilli(ms).UTC()
	return nil
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
	var ms int64
	if err := json.Unmarshal(data, &ms); err != nil {
		return err
	}
	m.Duration = time.Duration(ms) * time.Millisecond
	return nil
}

// AsDuration is the duration, nil when absent.
func (m *MillisDuration) AsDuration() *time.Duration {
	if m == nil {
		return nil
	}
	return &m.Duration
}
