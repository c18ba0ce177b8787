package faceio

import (
	"fmt"
	"image"
	"math"
)

// Locate returns the crop that the pipeline uses for img and the faces it
// found there. For CropFace it is the FaceCrop of the first, largest face
// that d detects, or the centre crop with nil faces when d finds none. For
// CropCenter it is the centre crop, with nil faces and d unused.
// GridRect(img, crop) then returns the grid.
//
// Locate panics if p is invalid, img has no pixels, or d is nil for
// CropFace.
func (p Pipeline) Locate(img image.Image, d *Detector) (crop image.Rectangle,
	faces []Detection) {

	p.mustValidate()
	b := img.Bounds()
	if b.Empty() {
		panic("faceio: Locate of an empty image")
	}
	if p.Crop != CropFace {
		return p.CenterCrop(b), nil
	}
	if d == nil {
		panic(`faceio: Locate with crop "face" needs a Detector, got nil`)
	}

	faces = d.Detect(img)
	if len(faces) == 0 {
		return p.CenterCrop(b), nil
	}
	return p.FaceCrop(faces[0].Box, b), faces
}

// PhotoCrops returns the crops of a single photo for a network: the
// FaceCrop of each face d detects, largest first, whatever p.Crop is,
// because a photo is rarely framed like training faces. With no face found,
// or a nil d, it returns the centre crop alone and faces is 0. The first
// crop is the one to use.
//
// PhotoCrops panics if p is invalid or img has no pixels.
func (p Pipeline) PhotoCrops(img image.Image, d *Detector) (crops []image.Rectangle, faces int) {
	p.mustValidate()
	b := img.Bounds()
	if b.Empty() {
		panic("faceio: PhotoCrops of an empty image")
	}
	var found []Detection
	if d != nil {
		found = d.Detect(img)
	}
	if len(found) == 0 {
		return []image.Rectangle{p.CenterCrop(b)}, 0
	}
	for _, f := range found {
		crops = append(crops, p.FaceCrop(f.Box, b))
	}
	return crops, len(found)
}

// CenterCrop returns the largest rectangle centred in bounds with the grid's
// aspect ratio, the crop of CropCenter, with its edges rounded to whole
// pixels. Its width is within one pixel of its height times Width/Height,
// or its height within one pixel of its width times Height/Width. It panics
// if p is invalid or bounds is empty.
func (p Pipeline) CenterCrop(bounds image.Rectangle) image.Rectangle {
	p.mustValidate()
	if bounds.Empty() {
		panic(fmt.Sprintf("faceio: CenterCrop of empty bounds %v", bounds))
	}
	c := centerCrop(bounds, p.Width, p.Height)
	width := roundSide(c.width, bounds.Dx())
	height := roundSide(c.height, bounds.Dy())
	return placeCrop(bounds, width, height,
		c.x+c.width/2-float64(width)/2, c.y+c.height/2-float64(height)/2)
}

// FaceCrop returns the crop for a face box in an image with the given
// bounds. It grows the box by the margin (p.Margin, or DefaultMargin if 0)
// on each side, then lengthens one side until the box has the grid's
// aspect ratio, keeping the face's centre. A crop that extends past
// bounds is shifted inside. A crop larger than bounds is first shrunk,
// keeping its aspect ratio and its centre on the face, until it fits. The
// result has the aspect ratio of the grid within a pixel, as CenterCrop's
// does, and lies inside bounds.
//
// The face box may extend past bounds, as boxes from Detect do. An empty
// box counts as one pixel. FaceCrop panics if p is invalid or bounds is
// empty.
func (p Pipeline) FaceCrop(face, bounds image.Rectangle) image.Rectangle {
	p.mustValidate()
	if bounds.Empty() {
		panic(fmt.Sprintf("faceio: FaceCrop with empty bounds %v", bounds))
	}
	face = face.Canon()
	grow := 1 + 2*p.margin()
	width := float64(max(face.Dx(), 1)) * grow
	height := float64(max(face.Dy(), 1)) * grow

	// Grow one side to the grid's aspect ratio, then shrink both to fit.
	aspect := float64(p.Width) / float64(p.Height)
	width, height = max(width, height*aspect), max(height, width/aspect)
	fit := min(1, float64(bounds.Dx())/width, float64(bounds.Dy())/height)
	width, height = width*fit, height*fit

	w, h := roundCrop(width, height, aspect, bounds)
	centreX := float64(face.Min.X+face.Max.X) / 2
	centreY := float64(face.Min.Y+face.Max.Y) / 2
	return placeCrop(bounds, w, h, centreX-float64(w)/2, centreY-float64(h)/2)
}

// roundCrop rounds a crop of width×height pixels with the given aspect
// ratio to whole pixels inside bounds, keeping the ratio within a pixel.
func roundCrop(width, height, aspect float64, bounds image.Rectangle) (int, int) {
	h := roundSide(height, bounds.Dy())
	w := roundSide(float64(h)*aspect, bounds.Dx())
	if float64(w) < math.Round(float64(h)*aspect) {
		// The width was clipped to bounds, so derive the height from it.
		h = roundSide(float64(w)/aspect, bounds.Dy())
	}
	return w, h
}

// roundSide rounds length to whole pixels, 1..limit.
func roundSide(length float64, limit int) int {
	return min(max(int(math.Round(length)), 1), limit)
}

// placeCrop returns the width×height rectangle whose top-left corner is
// nearest to (x, y) and which lies inside bounds. The size must fit.
func placeCrop(bounds image.Rectangle, width, height int, x, y float64) image.Rectangle {
	left := min(max(int(math.Round(x)), bounds.Min.X), bounds.Max.X-width)
	top := min(max(int(math.Round(y)), bounds.Min.Y), bounds.Max.Y-height)
	return image.Rect(left, top, left+width, top+height)
}
