package viz

import (
	"image/color"
	"math"
	"testing"
)

func TestDivergingColour(t *testing.T) {
	tests := []struct {
		v, m float64
		want color.RGBA
	}{
		{1, 1, pureRed},
		{-1, 1, pureBlue},
		{0, 1, pureWhite},
		{-0.0, 1, pureWhite},
		{3, 3, pureRed},
		{5, 3, pureRed},   // beyond the scale: clipped
		{-5, 3, pureBlue}, // beyond the scale: clipped
		{math.NaN(), 1, notFiniteColor},
		{math.Inf(1), 1, notFiniteColor},
		{math.Inf(-1), 1, notFiniteColor},
	}
	for _, test := range tests {
		if got := DivergingColour(test.v, test.m); got != test.want {
			t.Errorf("DivergingColour(%v, %v) = %v, want %v", test.v, test.m,
				got, test.want)
		}
	}
}

func TestDivergingRampMonotone(t *testing.T) {
	// Walking from white to either end, the channels of the other
	// primaries only fall, so larger magnitudes always look stronger.
	half := rampSteps / 2
	for i := 1; i <= half; i++ {
		red, prevRed := divergingRamp[half+i], divergingRamp[half+i-1]
		if red.G > prevRed.G || red.B > prevRed.B {
			t.Errorf("red half step %d: %v after %v", i, red, prevRed)
		}
		blue, prevBlue := divergingRamp[half-i], divergingRamp[half-i+1]
		if blue.R > prevBlue.R || blue.G > prevBlue.G {
			t.Errorf("blue half step %d: %v after %v", i, blue, prevBlue)
		}
	}
}

func TestOklabRoundTrip(t *testing.T) {
	colours := []color.RGBA{pureRed, pureBlue, pureWhite, {A: 255},
		{R: 12, G: 200, B: 99, A: 255}, notFiniteColor}
	for _, c := range colours {
		if got := oklabFromRGB(c).rgb(); got != c {
			t.Errorf("round trip of %v = %v", c, got)
		}
	}
}

func TestOklabReference(t *testing.T) {
	// Published Oklab values, rounded to 4 decimals: white is
	// oklab(100% 0 0), red oklab(62.8% 0.2249 0.1258) and blue
	// oklab(45.2% -0.0325 -0.3115).
	tests := []struct {
		c    color.RGBA
		want oklab
	}{
		{pureWhite, oklab{1, 0, 0}},
		{pureRed, oklab{0.628, 0.2249, 0.1258}},
		{pureBlue, oklab{0.452, -0.0325, -0.3115}},
	}
	const tolerance = 5e-4
	for _, test := range tests {
		got := oklabFromRGB(test.c)
		if math.Abs(got.l-test.want.l) > tolerance ||
			math.Abs(got.a-test.want.a) > tolerance ||
			math.Abs(got.b-test.want.b) > tolerance {
			t.Errorf("oklab of %v = %+v, want %+v", test.c, got, test.want)
		}
	}
}
