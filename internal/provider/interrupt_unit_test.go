package provider

import (
	"context"
	"testing"
	"time"
)

func TestStopOnInterruptEndsTheReadOnlyWhenInterrupted(t *testing.T) {
	interrupted, interrupt := context.WithCancel(context.Background())
	for name, p := range map[string]*providerData{"listening": {interrupted: interrupted}, "in tests": {}} {
		ctx, stop := p.stopOnInterrupt(context.Background())
		if ctx.Err() != nil {
			t.Fatalf("%s: the read ended before any interrupt", name)
		}
		stop()
		if ctx.Err() == nil {
			t.Fatalf("%s: stop did not release the read's context", name)
		}
	}
	ctx, stop := (&providerData{interrupted: interrupted}).stopOnInterrupt(context.Background())
	defer stop()
	interrupt()
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the read went on after the interrupt")
	}
}
