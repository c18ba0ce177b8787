package faceio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Order is the order in which Apply flattens a grid into an input row.
type Order string

const (
	RowMajor    Order = "row-major"    // index y*Width + x
	ColumnMajor Order = "column-major" // index x*Height + y
)

// Crop is the rule that picks the part of an image that becomes the grid.
type Crop string

const (
	// CropCenter keeps the largest centred rectangle with the grid's aspect
	// ratio.
	CropCenter Crop = "center"

	// CropFace keeps a rectangle with the grid's aspect ratio around the
	// largest face that a Detector finds, grown by Pipeline.Margin. See
	// Pipeline.Locate.
	CropFace Crop = "face"
)

// DefaultMargin is the margin of a face crop when Pipeline.Margin is 0. It
// frames a face about as the ORL images do: the mean box that Detect finds
// in them is 76 pixels wide in the 92-pixel-wide frame, which leaves about
// a tenth of the box's width on each side.
const DefaultMargin = 0.1

// MaxGridSide is the largest Width or Height that Validate accepts.
const MaxGridSide = 1024

// MaxInputValues is the largest number of input values, images times grid
// cells, that Load and the array loaders prepare: 2^27 float64 values take
// 1 GiB. The 400 ORL faces on their 23×28 grid take 257 600.
const MaxInputValues = 1 << 27

// checkInputValues returns an error when images inputs on the grid of p
// would exceed MaxInputValues. The error names source unless it is "".
func checkInputValues(source string, images int, p Pipeline) error {
	if images <= MaxInputValues/max(p.Inputs(), 1) {
		return nil
	}
	if source != "" {
		source += ": "
	}
	return fmt.Errorf("faceio: %s%d images on a %d×%d grid need %d input values, "+
		"more than the %d Visage prepares: choose a smaller grid or fewer images",
		source, images, p.Width, p.Height, images*p.Inputs(), MaxInputValues)
}

// Pipeline contains the preprocessing settings. A model stores the grid and
// the order itself and the remaining settings as the text from Settings.
type Pipeline struct {
	// Width and Height are the size of the grid in cells, 1..MaxGridSide.
	Width, Height int

	// Order is the flattening order of Apply. "" means RowMajor.
	Order Order

	// Crop is the crop rule. "" means CropCenter.
	Crop Crop

	// Margin is the fraction of the face box's width and height added on
	// each side before a face crop is fitted to the grid's aspect ratio,
	// 0..1. 0 means DefaultMargin. Only CropFace uses it.
	Margin float64

	// Equalize enables histogram equalisation of the grid after resizing.
	// It maps each value v to (c(v) - c0) / (n - c0), where c(v) is the
	// number of the grid's n values at most v and c0 is the number equal to
	// the minimum. This is the textbook cumulative-histogram mapping,
	// applied to the exact values instead of 256 bins, with values less
	// than 1e-9 apart counted as equal. The darkest cells become 0 and the
	// brightest 1. A constant grid is left as it is.
	Equalize bool
}

// DefaultPipeline returns a 23×28 row-major grid with a centre crop and no
// equalisation. 23×28 is the 92×112 ORL face images reduced 4 times.
func DefaultPipeline() Pipeline {
	return Pipeline{Width: 23, Height: 28, Order: RowMajor, Crop: CropCenter}
}

// Validate returns an error naming the first invalid setting of p.
func (p Pipeline) Validate() error {
	switch {
	case p.Width < 1 || p.Width > MaxGridSide:
		return fmt.Errorf("faceio: invalid grid width %d: must be 1..%d",
			p.Width, MaxGridSide)
	case p.Height < 1 || p.Height > MaxGridSide:
		return fmt.Errorf("faceio: invalid grid height %d: must be 1..%d",
			p.Height, MaxGridSide)
	}
	switch p.Order {
	case "", RowMajor, ColumnMajor:
	default:
		return fmt.Errorf("faceio: unknown order %q: want %q or %q",
			p.Order, RowMajor, ColumnMajor)
	}
	switch p.Crop {
	case "", CropCenter, CropFace:
	default:
		return fmt.Errorf("faceio: unknown crop %q: want %q or %q",
			p.Crop, CropCenter, CropFace)
	}
	if !(p.Margin >= 0 && p.Margin <= 1) {
		return fmt.Errorf("faceio: invalid margin %v: must be 0..1", p.Margin)
	}
	return nil
}

// Inputs returns the number of values in an input row, Width*Height.
func (p Pipeline) Inputs() int { return p.Width * p.Height }

// settings is the JSON form of the settings beyond grid and order. Fields
// are only ever added, with a zero value that means the old behaviour.
type settings struct {
	Crop     Crop    `json:"crop"`
	Equalize bool    `json:"equalize"`
	Margin   float64 `json:"margin,omitempty"`
}

// Settings returns the settings beyond grid and order as compact JSON with
// a fixed field order, such as {"crop":"center","equalize":false}. An empty
// Crop is written as "center". The margin is written for CropFace, a zero
// Margin as DefaultMargin, so that a model keeps its margin if the default
// changes. For other crops it is written only when it is not 0, which
// keeps their text as it was before pipelines had a margin.
func (p Pipeline) Settings() string {
	s := settings{Crop: p.Crop, Equalize: p.Equalize, Margin: p.Margin}
	if s.Crop == "" {
		s.Crop = CropCenter
	}
	if s.Crop == CropFace {
		s.Margin = p.margin()
	}
	b, err := json.Marshal(s)
	if err != nil {
		// Only a NaN or infinite margin fails, and Validate rejects it.
		panic(fmt.Sprintf("faceio: Settings of an invalid pipeline: %v", err))
	}
	return string(b)
}

// NewPipeline builds a pipeline from a grid size, an order and the text
// returned by Settings, and validates it. Empty settings text means a centre
// crop without equalisation, and an empty order means RowMajor. A missing
// margin means 0. Unknown fields in the settings are rejected, because
// ignoring a preprocessing step would silently change a model's inputs.
func NewPipeline(width, height int, order, settingsText string) (Pipeline, error) {
	p := Pipeline{Width: width, Height: height, Order: Order(order), Crop: CropCenter}
	if p.Order == "" {
		p.Order = RowMajor
	}
	if settingsText != "" {
		s, err := parseSettings(settingsText)
		if err != nil {
			return Pipeline{}, err
		}
		p.Crop, p.Equalize, p.Margin = s.Crop, s.Equalize, s.Margin
	}
	if err := p.Validate(); err != nil {
		return Pipeline{}, err
	}
	return p, nil
}

func parseSettings(text string) (settings, error) {
	s := settings{Crop: CropCenter}
	if !strings.HasPrefix(strings.TrimSpace(text), "{") {
		return s, fmt.Errorf("faceio: invalid pipeline settings %#q: want a JSON object such as %s",
			text, DefaultPipeline().Settings())
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return s, fmt.Errorf("faceio: invalid pipeline settings %#q: %w", text, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return s, fmt.Errorf("faceio: invalid pipeline settings %#q: "+
			"data after the JSON object", text)
	}
	if s.Crop == "" {
		s.Crop = CropCenter
	}
	return s, nil
}

// margin returns p.Margin, or DefaultMargin if it is 0.
func (p Pipeline) margin() float64 {
	if p.Margin == 0 {
		return DefaultMargin
	}
	return p.Margin
}
