package ui

import "time"

// demoPoll is how often Demo checks whether a step has finished.
const demoPoll = 50 * time.Millisecond

// Demo trains the network on the data on screen with slow motion off, runs
// the Compare tab's pair and the Threshold tab's stranger test, selects the
// first face, and then shows each tab in turn. It calls shown
// with a tab's name once that tab's view is drawn, waits pause before the
// next tab, and calls done after the last. Demo returns at once and runs
// its steps on another goroutine, so call it once the app has started.
// It is meant for taking screenshots, and does nothing if a training run
// is already going.
func (v *App) Demo(pause time.Duration, shown func(tab string), done func()) {
	go func() {
		started := false
		v.onUI(func() {
			if v.cancel == nil {
				// Unchecked without OnChanged, so the saved setting stays.
				v.slow.Checked = false
				v.slow.Refresh()
				v.startTraining()
				started = v.cancel != nil
			}
		})
		if !started {
			return
		}
		v.waitUntil(func() bool { return v.cancel == nil })
		v.onUI(v.startComparison)
		v.waitUntil(func() bool { return v.compare.cancel == nil })
		var lab *thresholdLab
		v.onUI(func() {
			for _, w := range v.views {
				if l, ok := w.content.(*thresholdLab); ok {
					lab = l
				}
			}
			if lab != nil {
				lab.strangers.start()
			}
		})
		if lab != nil {
			v.waitUntil(func() bool { return lab.strangers.cancel == nil })
		}
		v.onUI(func() {
			if len(v.data.Faces) > 0 {
				v.selectFace(&v.data.Faces[0])
			}
		})
		for i := range v.views {
			var w *view
			v.onUI(func() {
				w = v.views[i]
				v.showTab(w)
			})
			v.waitUntil(func() bool { return !w.running && !w.stale && w.shown.Image != nil })
			shown(w.name)
			time.Sleep(pause)
		}
		done()
	}()
}

// onUI runs f on the UI goroutine and waits until it has run.
func (v *App) onUI(f func()) {
	ran := make(chan struct{})
	v.do(func() {
		f()
		close(ran)
	})
	<-ran
}

// waitUntil checks cond on the UI goroutine every demoPoll until it holds.
func (v *App) waitUntil(cond func() bool) {
	for {
		var ok bool
		v.onUI(func() { ok = cond() })
		if ok {
			return
		}
		time.Sleep(demoPoll)
	}
}
