//go:build race

package ui

// raceEnabled reports whether the tests run with the race detector, which
// makes the UI functions of a training update many times slower.
const raceEnabled = true
