package viz

import (
	"image/color"
)

// pixelDistance returns the largest difference between the 8-bit channels
// of a and b.
func pixelDistance(a, b color.Color) int {
	ca := color.NRGBAModel.Convert(a).(color.NRGBA)
	cb := color.NRGBAModel.Convert(b).(color.NRGBA)
	d := max(absDiff(ca.R, cb.R), absDiff(ca.G, cb.G), absDiff(ca.B, cb.B))
	return max(d, absDiff(ca.A, cb.A))
}

func absDiff(a, b uint8) int {
	return max(int(a)-int(b), int(b)-int(a))
}
