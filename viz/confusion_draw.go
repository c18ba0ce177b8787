package viz

import (
	"image"
	"image/color"
	"strconv"
)

// Sizes in logical pixels of the parts of a confusion matrix image.
const (
	maxConfusionThumb = 32  // side of a class thumbnail
	maxConfusionCell  = 120 // side of a cell, for matrices of few classes
	confusionGap      = 4   // space between labels, thumbnails and cells

	// minOutlinedCell is the smallest side of a cell square (1 pixel less
	// than the cell) that gets the diagonal outline. From 7 pixels on, the
	// cell colour still covers at least half of the outlined square.
	minOutlinedCell = 7
)

// emptyRowColor fills the cells of a class without samples.
var emptyRowColor = color.RGBA{R: 200, G: 200, B: 200, A: 255}

// confusionLayout places the parts of a confusion matrix of n classes.
// Its lengths are in image pixels.
type confusionLayout struct {
	st         style
	gap        int // confusionGap in image pixels
	n          int
	left, top  int // top-left corner of the cells
	cell       int // side of one cell
	labelWidth int // width of the row labels
	thumb      int // side of a thumbnail, or 0 without thumbnails
}

func newConfusionLayout(st style, size int, names []string,
	thumbs bool) confusionLayout {

	label, body, title := st.label, st.body, st.title
	l := confusionLayout{st: st, gap: st.px(confusionGap), n: len(names)}
	edge := st.px(margin)
	// Leave room for the class number that drawHeaders may put first.
	number := strconv.Itoa(len(names)) + "  "
	for _, name := range names {
		l.labelWidth = max(l.labelWidth, label.width(number+name))
	}
	l.labelWidth = min(l.labelWidth, size/5)

	header := label.height + l.gap
	l.left = edge + l.labelWidth + l.gap
	if thumbs {
		l.thumb = st.px(maxConfusionThumb)
		header += l.thumb + l.gap
		l.left += l.thumb + l.gap
	}
	l.top = edge + title.height + body.height + l.gap + header
	l.cell = min((size-edge-l.left)/l.n, (size-edge-l.top)/l.n,
		st.px(maxConfusionCell))
	if l.thumb > 0 {
		l.thumb = min(l.thumb, l.cell)
	}
	// Centre the cells in the width left of the labels.
	l.left += (size - edge - l.left - l.n*l.cell) / 2
	return l
}

// cellRect returns the square of cell (row, col), one logical pixel
// smaller than the cell on its right and lower sides, so cells are
// separated.
func (l confusionLayout) cellRect(row, col int) image.Rectangle {
	x, y := l.left+col*l.cell, l.top+row*l.cell
	line := min(l.st.px(1), max(l.cell/4, 1))
	return image.Rect(x, y, x+l.cell-line, y+l.cell-line)
}

// drawHeaders draws each class's name and thumbnail left of its row and
// above its column. When a name is too wide for its column, every column
// shows the class number instead, and the row labels start with it. When
// rows are shorter than a line of text, only every rowLabelStep-th row is
// labelled, with a tick pointing at it, so the labels do not overlap.
func (l confusionLayout) drawHeaders(img *image.RGBA, names []string,
	thumbs []image.Image) {

	label := l.st.label
	numbered := !l.namesFit(names)
	step := l.rowLabelStep()
	for i, name := range names {
		column := fitText(label, name, l.columnTextWidth())
		if numbered {
			number := strconv.Itoa(i + 1)
			name = number + "  " + name
			column = ""
			if label.width(number) <= l.columnTextWidth() {
				column = number
			}
		}
		rowY := l.top + i*l.cell
		labelY := rowY + (l.cell-label.height)/2
		labelX := l.left - l.gap
		colX := l.left + i*l.cell
		colLabelY := l.top - l.gap - label.height
		if l.thumb > 0 {
			labelX -= l.thumb + l.gap
			drawThumbnail(img, thumbs[i], l.left-l.gap-l.thumb,
				rowY+(l.cell-l.thumb)/2, l.thumb)
			colLabelY -= l.thumb + l.gap
			drawThumbnail(img, thumbs[i], colX+(l.cell-l.thumb)/2,
				l.top-l.gap-l.thumb, l.thumb)
		}
		if (i+1)%step == 0 {
			label.draw(img, fitText(label, name, l.labelWidth), labelX,
				labelY, alignRight, textColor)
		}
		if (i+1)%step == 0 && step > 1 {
			l.drawRowTick(img, i)
		}
		label.draw(img, column, colX+l.cell/2,
			colLabelY, alignCentre, textColor)
	}
}

// rowLabelStep returns k, so that every k-th row gets a label. It is the
// smallest of 1, 2, 5, 10, 20, 50, … for which k rows are taller than a
// line of text, or the first that reaches the number of classes.
func (l confusionLayout) rowLabelStep() int {
	label := l.st.label
	for decade := 1; ; decade *= 10 {
		for _, step := range []int{decade, 2 * decade, 5 * decade} {
			if step*l.cell > label.height || step >= l.n {
				return step
			}
		}
	}
}

// drawRowTick draws a short line in the gap left of row i, to show which
// row a label belongs to when only some rows have one.
func (l confusionLayout) drawRowTick(img *image.RGBA, i int) {
	line := l.st.px(1)
	y := l.top + i*l.cell + (l.cell-line)/2
	fillRect(img, image.Rect(l.left-l.gap+line, y, l.left-line, y+line),
		textColor)
}

// columnTextWidth returns the width in image pixels that a label above a
// column may take.
func (l confusionLayout) columnTextWidth() int {
	return l.cell - l.st.px(3)
}

// namesFit reports whether every name fits above its column.
func (l confusionLayout) namesFit(names []string) bool {
	for _, name := range names {
		if l.st.label.width(name) > l.columnTextWidth() {
			return false
		}
	}
	return true
}

// drawCells shades each cell by its share of its row and prints the
// non-zero counts that fit.
func (l confusionLayout) drawCells(img *image.RGBA, counts [][]int) {
	label, line := l.st.label, l.st.px(1)
	for i, row := range counts {
		total := 0
		for _, c := range row {
			total += c
		}
		for j, c := range row {
			r := l.cellRect(i, j)
			if total == 0 {
				fillRect(img, r, emptyRowColor)
				continue
			}
			rate := float64(c) / float64(total)
			fillRect(img, r, DivergingColour(rate, 1))
			if i == j && r.Dx() >= l.st.px(minOutlinedCell) {
				outlineRect(img, r, line, textColor)
			}
			text := strconv.Itoa(c)
			if c == 0 || label.width(text) > r.Dx()-2*line ||
				label.height > r.Dy() {
				continue
			}
			ink := textColor
			if rate > 0.55 {
				ink = color.RGBA{R: 255, G: 255, B: 255, A: 255}
			}
			label.draw(img, text, (r.Min.X+r.Max.X)/2,
				(r.Min.Y+r.Max.Y-label.height)/2, alignCentre, ink)
		}
	}
}

// outlineRect draws a border of the given width just inside r.
func outlineRect(img *image.RGBA, r image.Rectangle, width int, c color.RGBA) {
	fillRect(img, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+width), c)
	fillRect(img, image.Rect(r.Min.X, r.Max.Y-width, r.Max.X, r.Max.Y), c)
	fillRect(img, image.Rect(r.Min.X, r.Min.Y, r.Min.X+width, r.Max.Y), c)
	fillRect(img, image.Rect(r.Max.X-width, r.Min.Y, r.Max.X, r.Max.Y), c)
}
