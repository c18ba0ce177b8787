package viz

import (
	"fmt"
	"image"
	"math"
)

// Panel is one heat map of Panels.
type Panel struct {
	Title  string    // drawn above the map; may be empty
	Values []float64 // in the order of the layout passed to Panels
	Mode   Mode

	// Note is a line drawn under the map, such as "a = 0.93" or
	// "max |v| 0.12". If Note is empty, no line is drawn.
	Note string
}

// PanelOptions control Panels.
type PanelOptions struct {
	// Title is drawn above all panels. If Title is empty, no title line
	// is drawn.
	Title string

	// Cell is the side in logical pixels of one grid cell. If Cell is 0,
	// 8 is used.
	Cell int

	// Columns is the number of panels per row. If Columns is 0,
	// ceil(sqrt(len(panels))) is used. Larger values are capped at the
	// number of panels.
	Columns int

	// Gap is the space in logical pixels between panels. If Gap is 0, 8
	// is used.
	Gap int

	// PixelScale is the number of image pixels per logical pixel. Cell,
	// Gap, text and margins are multiplied by it. If PixelScale is 0, 1
	// is used.
	PixelScale float64
}

// Panels renders heat maps side by side, Columns per row, each with its
// own title, note, colour bar and range as HeatMap draws them. Every panel
// gets a slot of the size of the largest one and is centred in it. A panel
// with no data, nil Values among them, shows a message in its slot, as
// HeatMap does.
//
// With no panels, Panels draws the title and a message. It panics if the
// values of a panel do not fit layout, or if the layout, a mode or an
// option is invalid.
func Panels(panels []Panel, layout Layout, opt PanelOptions) image.Image {
	st := styleFor(opt.PixelScale)
	cell := heatCell(opt.Cell)
	if opt.Columns < 0 || opt.Gap < 0 {
		panic(fmt.Sprintf("viz: negative panel option in %+v", opt))
	}
	if len(panels) == 0 {
		return titledMessage(st, opt.Title, "No panels to show")
	}

	measured := make([]heatPanel, len(panels))
	var slot image.Point
	for i, panel := range panels {
		measured[i] = newHeatPanel(panel, layout, cell, st)
		slot.X = max(slot.X, measured[i].width)
		slot.Y = max(slot.Y, measured[i].height)
	}
	columns := panelColumns(opt.Columns, len(panels))
	gap := opt.Gap
	if gap == 0 {
		gap = 8
	}
	gap = st.px(gap)

	rows := (len(panels) + columns - 1) / columns
	title := st.title
	top := 0
	if opt.Title != "" {
		top = st.px(margin) + title.height
	}
	gridWidth := columns*(slot.X+gap) - gap
	width := max(gridWidth, title.width(opt.Title)+2*st.px(margin))
	img := newBackground(width, top+rows*(slot.Y+gap)-gap)
	if opt.Title != "" {
		title.draw(img, opt.Title, width/2, st.px(margin), alignCentre,
			textColor)
	}

	left := (width - gridWidth) / 2
	for i, p := range measured {
		row, column := i/columns, i%columns
		origin := image.Pt(left+column*(slot.X+gap)+(slot.X-p.width)/2,
			top+row*(slot.Y+gap))
		p.draw(img, origin)
	}
	return img
}

func panelColumns(columns, n int) int {
	if columns == 0 {
		columns = int(math.Ceil(math.Sqrt(float64(n))))
	}
	return max(1, min(columns, n))
}

// titledMessage returns an image of 320×120 logical pixels, widened to
// fit the title, with the title at the top and msg centred below it.
func titledMessage(st style, title, msg string) image.Image {
	face, edge := st.title, st.px(margin)
	img := newBackground(max(st.px(320), face.width(title)+2*edge),
		st.px(120))
	area := img.Bounds()
	if title != "" {
		face.draw(img, title, area.Dx()/2, edge, alignCentre, textColor)
		area.Min.Y = edge + face.height + st.px(titleGap)
	}
	drawMessage(img, st, area, msg)
	return img
}
