package viz

import "fmt"

// Layout describes how a flat input vector maps onto the image grid.
type Layout struct {
	Width, Height int // grid cells

	// ColumnMajor selects the flattening order. If false, cell (x, y) is at
	// index y*Width + x. If true, it is at index x*Height + y.
	ColumnMajor bool
}

// cells returns Width*Height and panics if either dimension is negative.
func (l Layout) cells() int {
	if l.Width < 0 || l.Height < 0 {
		panic(fmt.Sprintf("viz: negative layout %dx%d", l.Width, l.Height))
	}
	return l.Width * l.Height
}

// index returns the position of grid cell (x, y) in the flat vector.
func (l Layout) index(x, y int) int {
	if l.ColumnMajor {
		return x*l.Height + y
	}
	return y*l.Width + x
}
