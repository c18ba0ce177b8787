package ui

import (
	"slices"
	"testing"
	"time"
)

func TestDemoShowsEveryTab(t *testing.T) {
	h := newHarness(t)
	v := h.app
	var want []string
	h.ui(func() {
		v.slow.SetChecked(true)
		v.epochs.SetText("20")
		for _, w := range v.views {
			want = append(want, w.name)
		}
	})

	tabs := make(chan string, len(want))
	finished := make(chan struct{})
	v.Demo(0, func(tab string) { tabs <- tab }, func() { close(finished) })
	select {
	case <-finished:
	case <-time.After(time.Minute):
		t.Fatal("timed out waiting for the demo to end")
	}

	close(tabs)
	var got []string
	for tab := range tabs {
		got = append(got, tab)
	}
	if !slices.Equal(got, want) {
		t.Errorf("tabs shown = %q, want %q", got, want)
	}
	h.ui(func() {
		if v.slow.Checked {
			t.Error("slow motion is still on after the demo")
		}
		if !v.fyneApp.Preferences().Bool("slowMotion") {
			t.Error("the demo changed the saved slow-motion setting")
		}
		if v.selected == nil || v.selected.title != v.data.Faces[0].Path {
			t.Errorf("selection after the demo = %v, want the first face", v.selected)
		}
		if v.history == nil {
			t.Error("the demo left no training history")
		}
	})
}
