//go:build race

package views

// raceDetector reports whether the tests run with the race detector.
const raceDetector = true
