package viz

import (
	"image/color"
	"math"
)

// Colours shared by every image that the package draws.
var (
	backgroundColor = color.RGBA{R: 234, G: 234, B: 234, A: 255}
	textColor       = color.RGBA{R: 34, G: 34, B: 34, A: 255}
	quietTextColor  = color.RGBA{R: 85, G: 85, B: 85, A: 255}
	outlineColor    = color.RGBA{R: 120, G: 120, B: 120, A: 255}
	notFiniteColor  = color.RGBA{R: 230, G: 184, B: 0, A: 255}
)

// rampSteps is the number of entries in divergingRamp. It is odd, so the
// middle entry is exactly white, and each half has 512 steps, which is
// finer than the 256 levels of an 8-bit channel.
const rampSteps = 1025

// divergingRamp maps [-1, 1] onto blue, white and red in rampSteps steps.
var divergingRamp = buildDivergingRamp()

func buildDivergingRamp() []color.RGBA {
	white := oklabFromRGB(color.RGBA{R: 255, G: 255, B: 255, A: 255})
	blue := oklabFromRGB(color.RGBA{B: 255, A: 255})
	red := oklabFromRGB(color.RGBA{R: 255, A: 255})

	ramp := make([]color.RGBA, rampSteps)
	half := rampSteps / 2
	for i := range ramp {
		t := float64(i-half) / float64(half)
		end := red
		if t < 0 {
			end, t = blue, -t
		}
		ramp[i] = white.lerp(end, t).rgb()
	}
	return ramp
}

// DivergingColour returns the colour of v on the symmetric scale [-m, +m]
// of Montage: blue for -m, white for 0 and red for +m. Values outside the
// scale take the colour of the nearer end, and NaN and ±Inf are amber.
// m must be positive.
func DivergingColour(v, m float64) color.RGBA {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return notFiniteColor
	}
	t := v / m
	if t > 1 {
		t = 1
	} else if t < -1 {
		t = -1
	}
	// The index is in [0, rampSteps-1], so adding 0.5 and truncating
	// rounds to the nearest step.
	const half = rampSteps / 2
	return divergingRamp[int(t*half+half+0.5)]
}

// oklab is a colour in the Oklab space, which Björn Ottosson published in
// 2020. Straight lines in Oklab give perceptually even gradients. The
// constants below are those of its definition for linear sRGB input.
type oklab struct{ l, a, b float64 }

func (c oklab) lerp(d oklab, t float64) oklab {
	return oklab{
		l: c.l + t*(d.l-c.l),
		a: c.a + t*(d.a-c.a),
		b: c.b + t*(d.b-c.b),
	}
}

func oklabFromRGB(c color.RGBA) oklab {
	r := linearFromSRGB(float64(c.R) / 255)
	g := linearFromSRGB(float64(c.G) / 255)
	b := linearFromSRGB(float64(c.B) / 255)

	l := math.Cbrt(0.4122214708*r + 0.5363325363*g + 0.0514459929*b)
	m := math.Cbrt(0.2119034982*r + 0.6806995451*g + 0.1073969566*b)
	s := math.Cbrt(0.0883024619*r + 0.2817188376*g + 0.6299787005*b)

	return oklab{
		l: 0.2104542553*l + 0.7936177850*m - 0.0040720468*s,
		a: 1.9779984951*l - 2.4285922050*m + 0.4505937099*s,
		b: 0.0259040371*l + 0.7827717662*m - 0.8086757660*s,
	}
}

func (c oklab) rgb() color.RGBA {
	l := cube(c.l + 0.3963377774*c.a + 0.2158037573*c.b)
	m := cube(c.l - 0.1055613458*c.a - 0.0638541728*c.b)
	s := cube(c.l - 0.0894841775*c.a - 1.2914855480*c.b)

	return color.RGBA{
		R: srgbByte(4.0767416621*l - 3.3077115913*m + 0.2309699292*s),
		G: srgbByte(-1.2684380046*l + 2.6097574011*m - 0.3413193965*s),
		B: srgbByte(-0.0041960863*l - 0.7034186147*m + 1.7076147010*s),
		A: 255,
	}
}

func cube(x float64) float64 { return x * x * x }

// linearFromSRGB undoes the sRGB transfer function for a channel in [0, 1].
func linearFromSRGB(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// srgbByte applies the sRGB transfer function to a linear channel value,
// clipped to [0, 1], and quantises it to 8 bits.
func srgbByte(c float64) uint8 {
	c = math.Max(0, math.Min(1, c))
	if c <= 0.0031308 {
		c *= 12.92
	} else {
		c = 1.055*math.Pow(c, 1/2.4) - 0.055
	}
	return uint8(math.Round(c * 255))
}

// magnitudeDark is the colour of the top of the sequential scale, a dark
// violet whose lightness differs well from the white at zero.
var magnitudeDark = color.RGBA{R: 45, G: 12, B: 80, A: 255}

// magnitudeRamp maps [0, 1] onto white through magnitudeDark in Oklab, in
// rampSteps steps.
var magnitudeRamp = buildRamp(color.RGBA{R: 255, G: 255, B: 255, A: 255},
	magnitudeDark)

// buildRamp returns rampSteps colours from start to end, evenly spaced in
// Oklab.
func buildRamp(start, end color.RGBA) []color.RGBA {
	a, b := oklabFromRGB(start), oklabFromRGB(end)
	ramp := make([]color.RGBA, rampSteps)
	for i := range ramp {
		ramp[i] = a.lerp(b, float64(i)/(rampSteps-1)).rgb()
	}
	return ramp
}

// MagnitudeColour returns the colour of |v| on the sequential scale [0, m]
// of HeatMap's Magnitude mode: white for 0 and a dark violet (#2D0C50) for
// m and beyond. NaN and ±Inf are amber. m must be positive.
func MagnitudeColour(v, m float64) color.RGBA {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return notFiniteColor
	}
	t := min(math.Abs(v)/m, 1)
	return magnitudeRamp[int(t*(rampSteps-1)+0.5)]
}

// greyColour returns the gray of v in [0, 1], 0 black and 1 white, with
// values outside clipped, or amber for NaN, as GridImage draws it.
func greyColour(v float64) color.RGBA {
	if math.IsNaN(v) {
		return notFiniteColor
	}
	g := uint8(math.Round(255 * math.Max(0, math.Min(1, v))))
	return color.RGBA{R: g, G: g, B: g, A: 255}
}
