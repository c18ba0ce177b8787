//go:build race

package ui

// raceEnabled reports whether the tests run with the race detector, which
// slows the UI functions of a training update about tenfold.
const raceEnabled = true
