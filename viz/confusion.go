package viz

import (
	"fmt"
	"image"
	"strconv"

	xdraw "golang.org/x/image/draw"
)

// ConfusionOptions control ConfusionMatrix.
type ConfusionOptions struct {
	// Size is the side in logical pixels of the square image. If Size is
	// 0, it is 200 plus 60 per class, at least 320 and at most 900, which
	// leaves cells of about 18 pixels for 40 classes.
	Size int

	// Title is drawn above the matrix. If Title is empty,
	// "Confusion matrix" is used.
	Title string

	// PixelScale is the number of image pixels per logical pixel. Size,
	// text and margins are multiplied by it. If PixelScale is 0, 1 is
	// used.
	PixelScale float64
}

func (o ConfusionOptions) withDefaults(classes int) ConfusionOptions {
	if o.Size < 0 {
		panic(fmt.Sprintf("viz: negative confusion matrix size %d", o.Size))
	}
	if o.Size == 0 {
		o.Size = min(900, max(320, 200+60*classes))
	}
	if o.Title == "" {
		o.Title = "Confusion matrix"
	}
	return o
}

// ConfusionMatrix draws counts, where counts[t][p] is the number of samples
// of true class t predicted as class p. Rows are true classes and columns
// predicted ones, both in the order of names. Each cell is shaded from
// white to red by its share of its row, and shows its count when the cell
// is large enough for the digits. Cells on the diagonal are outlined when
// they are at least 8 pixels wide. Smaller cells have no outline, which
// would cover most of their colour. A row without samples is grey. When
// rows are shorter than a line of text, only every 2nd, 5th, 10th, … row
// is labelled, with a tick, so the labels stay readable.
//
// thumbs may be nil, or hold one image per class, any of them nil. A
// class's image is drawn, scaled down, beside its row label and above its
// column.
//
// Bad data gives an image with a message instead of the matrix: no
// classes, counts that are not square, a number of names or thumbnails
// other than one per class, or a negative count. ConfusionMatrix panics if
// opt.Size is negative or opt.PixelScale is invalid.
func ConfusionMatrix(counts [][]int, names []string, thumbs []image.Image,
	opt ConfusionOptions) image.Image {

	opt = opt.withDefaults(len(counts))
	if msg := checkConfusion(counts, names, thumbs); msg != "" {
		return EmptyImage(opt.Size, opt.Size, opt.PixelScale, msg)
	}
	st := styleFor(opt.PixelScale)
	size := st.px(opt.Size)
	img := newBackground(size, size)
	l := newConfusionLayout(st, size, names, thumbs != nil)
	if l.cell < 2 {
		drawMessage(img, st, img.Bounds(), "Too many classes for a "+
			strconv.Itoa(opt.Size)+"-pixel confusion matrix: make it larger")
		return img
	}

	edge := st.px(margin)
	st.title.draw(img, fitText(st.title, opt.Title, size-2*edge),
		size/2, edge, alignCentre, textColor)
	st.body.draw(img, "rows: true class, columns: predicted class",
		size/2, edge+st.title.height, alignCentre, quietTextColor)

	l.drawHeaders(img, names, thumbs)
	l.drawCells(img, counts)
	return img
}

// checkConfusion returns a message for data that ConfusionMatrix cannot
// draw, or "" when it can.
func checkConfusion(counts [][]int, names []string, thumbs []image.Image) string {
	n := len(counts)
	switch {
	case n == 0:
		return "No samples to count in a confusion matrix"
	case len(names) != n:
		return fmt.Sprintf("Cannot draw the confusion matrix: %d names "+
			"for %d classes", len(names), n)
	case thumbs != nil && len(thumbs) != n:
		return fmt.Sprintf("Cannot draw the confusion matrix: %d "+
			"thumbnails for %d classes", len(thumbs), n)
	}
	for i, row := range counts {
		if len(row) != n {
			return fmt.Sprintf("Cannot draw the confusion matrix: row %d "+
				"has %d counts, not %d", i, len(row), n)
		}
		for j, c := range row {
			if c < 0 {
				return fmt.Sprintf("Cannot draw the confusion matrix: "+
					"count %d of row %d is negative (%d)", j, i, c)
			}
		}
	}
	return ""
}

// fitText returns s, shortened with an ellipsis if it is wider than
// maxWidth pixels in face f.
func fitText(f *textFace, s string, maxWidth int) string {
	if f.width(s) <= maxWidth {
		return s
	}
	runes := []rune(s)
	for len(runes) > 0 {
		runes = runes[:len(runes)-1]
		if short := string(runes) + "…"; f.width(short) <= maxWidth {
			return short
		}
	}
	return ""
}

// drawThumbnail scales src to fit a side×side square with its top-left
// corner at (x, y), keeping its aspect ratio and centring it.
func drawThumbnail(dst *image.RGBA, src image.Image, x, y, side int) {
	if src == nil || side < 1 || src.Bounds().Empty() {
		return
	}
	b := src.Bounds()
	w, h := side, side
	if b.Dx() > b.Dy() {
		h = max(1, side*b.Dy()/b.Dx())
	} else {
		w = max(1, side*b.Dx()/b.Dy())
	}
	x += (side - w) / 2
	y += (side - h) / 2
	r := image.Rect(x, y, x+w, y+h)
	xdraw.ApproxBiLinear.Scale(dst, r, src, b, xdraw.Src, nil)
}
