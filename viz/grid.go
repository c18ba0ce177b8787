package viz

import (
	"fmt"
	"image"
	"math"
)

// GridImage renders one input row as the exact grid that the network takes
// as input. The result is a grayscale image in which each grid cell is a
// cell×cell block of pixels.
//
// pixels holds values in [0, 1] in the order given by layout, 0 black and
// 1 white. Values outside [0, 1], ±Inf included, are clipped, and NaN is
// drawn in the not-finite colour, which is why the result is an
// *image.RGBA rather than an *image.Gray. GridImage panics if len(pixels)
// differs from layout.Width*layout.Height or if cell is less than 1.
func GridImage(pixels []float64, layout Layout, cell int) image.Image {
	if n := layout.cells(); len(pixels) != n {
		panic(fmt.Sprintf("viz: %d pixels for a %dx%d layout, want %d",
			len(pixels), layout.Width, layout.Height, n))
	}
	if cell < 1 {
		panic(fmt.Sprintf("viz: grid cell size %d is less than 1", cell))
	}

	img := image.NewRGBA(image.Rect(0, 0, layout.Width*cell,
		layout.Height*cell))
	for y := range layout.Height {
		for x := range layout.Width {
			c := notFiniteColor
			if v := pixels[layout.index(x, y)]; !math.IsNaN(v) {
				g := uint8(math.Round(255 * math.Max(0, math.Min(1, v))))
				c.R, c.G, c.B = g, g, g
			}
			block := image.Rect(x*cell, y*cell, (x+1)*cell, (y+1)*cell)
			fillRect(img, block, c)
		}
	}
	return img
}
