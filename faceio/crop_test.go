package faceio

import (
	"image"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

var (
	orlGrid    = Pipeline{Width: 23, Height: 28}
	squareGrid = Pipeline{Width: 20, Height: 20}
	wideGrid   = Pipeline{Width: 1024, Height: 1}
	tallGrid   = Pipeline{Width: 1, Height: 1024}
)

// checkCrop reports a crop that is empty, leaves bounds, or whose width is
// neither within a pixel of its height times Width/Height nor its height
// within a pixel of its width times Height/Width.
func checkCrop(t *testing.T, name string, p Pipeline, crop, bounds image.Rectangle) {
	t.Helper()
	if crop.Empty() {
		t.Errorf("%s: crop %v is empty", name, crop)
	}
	if !crop.In(bounds) {
		t.Errorf("%s: crop %v is not inside bounds %v", name, crop, bounds)
	}
	if d := abs(crop.Dx()*p.Height - crop.Dy()*p.Width); d > max(p.Width, p.Height) {
		t.Errorf("%s: crop %v is %d×%d, more than a pixel off the %d:%d grid",
			name, crop, crop.Dx(), crop.Dy(), p.Width, p.Height)
	}
}

func TestCenterCrop(t *testing.T) {
	tests := []struct {
		name         string
		p            Pipeline
		bounds, want image.Rectangle
	}{
		{"ORL", orlGrid, image.Rect(0, 0, 92, 112), image.Rect(0, 0, 92, 112)},
		{"square image", orlGrid, image.Rect(0, 0, 100, 100), image.Rect(9, 0, 91, 100)},
		{"offset", orlGrid, image.Rect(10, 20, 110, 120), image.Rect(19, 20, 101, 120)},
		{"wide image", squareGrid, image.Rect(0, 0, 300, 100), image.Rect(100, 0, 200, 100)},
		{"tall image", squareGrid, image.Rect(0, 0, 100, 300), image.Rect(0, 100, 100, 200)},
		{"1×1", orlGrid, image.Rect(0, 0, 1, 1), image.Rect(0, 0, 1, 1)},
		{"wide grid", wideGrid, image.Rect(0, 0, 1000, 1000), image.Rect(0, 500, 1000, 501)},
		{"tall grid", tallGrid, image.Rect(0, 0, 5, 1), image.Rect(2, 0, 3, 1)},
	}
	for _, tt := range tests {
		got := tt.p.CenterCrop(tt.bounds)
		if got != tt.want {
			t.Errorf("%s: CenterCrop(%v) = %v, want %v", tt.name, tt.bounds, got, tt.want)
		}
		checkCrop(t, tt.name, tt.p, got, tt.bounds)
	}
}

func TestFaceCrop(t *testing.T) {
	square := image.Rect(0, 0, 1000, 1000)
	tests := []struct {
		name         string
		p            Pipeline
		face, bounds image.Rectangle
		want         image.Rectangle
	}{
		{"centre", squareGrid, image.Rect(450, 450, 550, 550), square,
			image.Rect(440, 440, 560, 560)},
		{"ORL grid", orlGrid, image.Rect(450, 450, 550, 550), square,
			image.Rect(440, 427, 560, 573)},
		{"left edge", squareGrid, image.Rect(0, 450, 100, 550), square,
			image.Rect(0, 440, 120, 560)},
		{"right edge", squareGrid, image.Rect(900, 450, 1000, 550), square,
			image.Rect(880, 440, 1000, 560)},
		{"top edge", squareGrid, image.Rect(450, 0, 550, 100), square,
			image.Rect(440, 0, 560, 120)},
		{"bottom edge", squareGrid, image.Rect(450, 900, 550, 1000), square,
			image.Rect(440, 880, 560, 1000)},
		{"top-left corner", squareGrid, image.Rect(0, 0, 100, 100), square,
			image.Rect(0, 0, 120, 120)},
		{"bottom-right corner", squareGrid, image.Rect(900, 900, 1000, 1000), square,
			image.Rect(880, 880, 1000, 1000)},
		{"box past corner", squareGrid, image.Rect(-50, -50, 50, 50), square,
			image.Rect(0, 0, 120, 120)},
		{"box far outside", squareGrid, image.Rect(5000, 5000, 5100, 5100), square,
			image.Rect(880, 880, 1000, 1000)},
		{"box larger than image", squareGrid, image.Rect(-20, -20, 120, 100),
			image.Rect(0, 0, 100, 80), image.Rect(10, 0, 90, 80)},
		{"offset bounds", squareGrid, image.Rect(150, 250, 250, 350),
			image.Rect(100, 200, 300, 400), image.Rect(140, 240, 260, 360)},
		{"1×1 image", orlGrid, image.Rect(0, 0, 1, 1), image.Rect(0, 0, 1, 1),
			image.Rect(0, 0, 1, 1)},
		{"2×3 image", orlGrid, image.Rect(0, 0, 2, 2), image.Rect(0, 0, 2, 3),
			image.Rect(0, 0, 2, 2)},
		{"1000×1 image", squareGrid, image.Rect(450, -50, 550, 50),
			image.Rect(0, 0, 1000, 1), image.Rect(500, 0, 501, 1)},
		{"wide grid", wideGrid, image.Rect(450, 450, 550, 550), square,
			image.Rect(0, 500, 1000, 501)},
		{"tall grid", tallGrid, image.Rect(450, 450, 550, 550), square,
			image.Rect(500, 0, 501, 1000)},
		{"empty box", squareGrid, image.Rect(500, 500, 500, 500), square,
			image.Rect(500, 500, 501, 501)},
		{"margin 0.5", Pipeline{Width: 20, Height: 20, Margin: 0.5},
			image.Rect(450, 450, 550, 550), square, image.Rect(400, 400, 600, 600)},
		{"margin 1", Pipeline{Width: 20, Height: 20, Margin: 1},
			image.Rect(450, 450, 550, 550), square, image.Rect(350, 350, 650, 650)},
		{"default margin", Pipeline{Width: 20, Height: 20, Margin: DefaultMargin},
			image.Rect(450, 450, 550, 550), square, image.Rect(440, 440, 560, 560)},
	}
	for _, tt := range tests {
		got := tt.p.FaceCrop(tt.face, tt.bounds)
		if got != tt.want {
			t.Errorf("%s: FaceCrop(%v, %v) = %v, want %v",
				tt.name, tt.face, tt.bounds, got, tt.want)
		}
		checkCrop(t, tt.name, tt.p, got, tt.bounds)
	}
}

// randomRect returns a rectangle with corners in [lo, hi) and sides of
// 0..maxSide pixels.
func randomRect(rng *rand.Rand, lo, hi, maxSide int) image.Rectangle {
	x, y := lo+rng.IntN(hi-lo), lo+rng.IntN(hi-lo)
	return image.Rect(x, y, x+rng.IntN(maxSide+1), y+rng.IntN(maxSide+1))
}

func TestFaceCropRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	sides := []int{1, 2, 3, 23, 28, 92, 112, 1024}
	for i := range 20000 {
		p := Pipeline{
			Width:  sides[rng.IntN(len(sides))],
			Height: sides[rng.IntN(len(sides))],
			Margin: []float64{0, 0.05, 0.3, 1}[rng.IntN(4)],
		}
		bounds := randomRect(rng, -500, 500, []int{1, 5, 100, 3000}[rng.IntN(4)])
		if bounds.Empty() {
			continue
		}
		face := randomRect(rng, -1000, 1000, 800)
		crop := p.FaceCrop(face, bounds)
		checkCrop(t, "random", p, crop, bounds)
		if t.Failed() {
			t.Fatalf("case %d: %+v.FaceCrop(%v, %v) = %v", i, p, face, bounds, crop)
		}
	}
}

func TestFaceCropCentredOnFace(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	bounds := image.Rect(0, 0, 4000, 3000)
	for range 1000 {
		face := randomRect(rng, 1000, 2000, 400)
		crop := orlGrid.FaceCrop(face, bounds)
		// Away from the edges the crop is only rounded, by at most a pixel.
		faceCentre := face.Min.Add(face.Max)
		cropCentre := crop.Min.Add(crop.Max)
		if off := faceCentre.Sub(cropCentre); abs(off.X) > 2 || abs(off.Y) > 2 {
			t.Fatalf("FaceCrop(%v) = %v, centred %v from the face's centre in half pixels",
				face, crop, off)
		}
		// One side is the face's side grown by the margin, the other longer.
		grow := 1 + 2*DefaultMargin
		width, height := float64(max(face.Dx(), 1))*grow, float64(max(face.Dy(), 1))*grow
		if math.Abs(float64(crop.Dx())-width) > 1 && math.Abs(float64(crop.Dy())-height) > 1 {
			t.Fatalf("FaceCrop(%v) = %v, want the width within a pixel of %.1f "+
				"or the height within a pixel of %.1f", face, crop, width, height)
		}
	}
}

func TestGridRectMatchesSubImage(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 46))
	img := randomGray(rng, 300, 200)
	offset := img.SubImage(image.Rect(40, 30, 300, 200)).(*image.Gray)
	pipelines := []Pipeline{orlGrid, squareGrid, {Width: 7, Height: 3, Equalize: true}}
	for _, p := range pipelines {
		for range 50 {
			crop := randomRect(rng, 40, 200, 120).Intersect(offset.Bounds())
			if crop.Empty() {
				continue
			}
			got := p.GridRect(offset, crop)
			want := p.Grid(offset.SubImage(crop))
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%+v: GridRect(img, %v) differs from Grid of the sub-image", p, crop)
			}
		}
	}
}

func TestGridRectCenterCropMatchesGrid(t *testing.T) {
	rng := rand.New(rand.NewPCG(47, 48))
	for _, size := range []image.Point{{92, 112}, {100, 100}, {301, 97}, {33, 250}, {1, 1}} {
		img := randomGray(rng, size.X, size.Y)
		pipelines := []Pipeline{orlGrid, squareGrid, {Width: 5, Height: 2, Equalize: true}}
		for _, p := range pipelines {
			crop := p.CenterCrop(img.Bounds())
			if got, want := p.GridRect(img, crop), p.Grid(img); !reflect.DeepEqual(got, want) {
				t.Errorf("%v image, %+v: GridRect(img, %v) differs from Grid(img)",
					size, p, crop)
			}
		}
	}
}

func TestGridRectClipsCrop(t *testing.T) {
	rng := rand.New(rand.NewPCG(49, 50))
	img := randomGray(rng, 120, 90)
	tests := []struct {
		crop, inside image.Rectangle
	}{
		{image.Rect(-40, -10, 60, 70), image.Rect(0, 0, 60, 70)},
		{image.Rect(80, 50, 500, 500), image.Rect(80, 50, 120, 90)},
		{image.Rect(-5, -5, 125, 95), image.Rect(0, 0, 120, 90)},
	}
	for _, tt := range tests {
		got := squareGrid.GridRect(img, tt.crop)
		want := squareGrid.GridRect(img, tt.inside)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("GridRect(img, %v) differs from GridRect(img, %v)", tt.crop, tt.inside)
		}
	}
}

func TestApplyRectOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	img := randomGray(rng, 60, 80)
	crop := image.Rect(10, 5, 40, 60)
	p := Pipeline{Width: 3, Height: 4, Order: ColumnMajor}
	grid := p.GridRect(img, crop)
	row := p.ApplyRect(img, crop)
	for y := range p.Height {
		for x := range p.Width {
			if got, want := row[x*p.Height+y], grid[y*p.Width+x]; got != want {
				t.Errorf("ApplyRect[%d] = %v, want grid cell (%d,%d) = %v",
					x*p.Height+y, got, x, y, want)
			}
		}
	}
}

func TestLocate(t *testing.T) {
	d := testDetector(t)
	rng := rand.New(rand.NewPCG(53, 54))
	noise := randomGray(rng, 300, 200)
	face := decodeTestFile(t, builtinFaceFiles(t)[0])
	two, big, _ := twoFaces(t)
	centre := Pipeline{Width: 23, Height: 28, Crop: CropCenter}
	faceCrop := Pipeline{Width: 23, Height: 28, Crop: CropFace}

	crop, faces := centre.Locate(noise, nil)
	if crop != centre.CenterCrop(noise.Bounds()) || faces != nil {
		t.Errorf("centre crop, no detector: Locate = %v, %v; want the centre crop and nil",
			crop, faces)
	}
	crop, faces = centre.Locate(face, d)
	if crop != centre.CenterCrop(face.Bounds()) || faces != nil {
		t.Errorf("centre crop, face: Locate = %v, %v; want the centre crop and nil",
			crop, faces)
	}
	crop, faces = faceCrop.Locate(noise, d)
	if crop != centre.CenterCrop(noise.Bounds()) || faces != nil {
		t.Errorf("face crop, noise: Locate = %v, %v; want the centre crop and nil",
			crop, faces)
	}

	crop, faces = faceCrop.Locate(face, d)
	want := d.Detect(face)
	if !reflect.DeepEqual(faces, want) {
		t.Errorf("face crop, face: Locate faces = %v, want %v", faces, want)
	}
	if len(want) > 0 && crop != faceCrop.FaceCrop(want[0].Box, face.Bounds()) {
		t.Errorf("face crop, face: Locate crop = %v, want FaceCrop(%v) = %v",
			crop, want[0].Box, faceCrop.FaceCrop(want[0].Box, face.Bounds()))
	}

	crop, faces = faceCrop.Locate(two, d)
	if c := big.Min.Add(big.Max).Div(2); len(faces) != 2 || !c.In(crop) {
		t.Errorf("face crop, two faces: Locate = %v, %v; want a crop around %v and 2 faces",
			crop, faces, c)
	}
	checkCrop(t, "two faces", faceCrop, crop, two.Bounds())
}

func TestCropPanics(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 40, 40))
	empty := image.NewGray(image.Rect(3, 3, 3, 9))
	faceCrop := Pipeline{Width: 4, Height: 4, Crop: CropFace}
	bounds := img.Bounds()
	tests := []struct {
		name, want string
		call       func()
	}{
		{"Grid face crop", `Grid cannot detect faces for crop "face"`,
			func() { faceCrop.Grid(img) }},
		{"Apply face crop", "call Locate", func() { faceCrop.Apply(img) }},
		{"GridImage face crop", "call Locate", func() { faceCrop.GridImage(img) }},
		{"Locate nil detector", "needs a Detector", func() { faceCrop.Locate(img, nil) }},
		{"Locate empty image", "empty image", func() { squareGrid.Locate(empty, nil) }},
		{"Locate invalid", "invalid margin", func() {
			Pipeline{Width: 4, Height: 4, Margin: -1}.Locate(img, nil)
		}},
		{"GridRect outside", "outside the image bounds", func() {
			squareGrid.GridRect(img, image.Rect(40, 0, 50, 10))
		}},
		{"GridRect empty crop", "outside the image bounds", func() {
			squareGrid.GridRect(img, image.Rect(10, 10, 10, 20))
		}},
		{"ApplyRect invalid", "invalid grid width", func() {
			Pipeline{Width: 0, Height: 4}.ApplyRect(img, bounds)
		}},
		{"CenterCrop empty", "CenterCrop of empty bounds", func() {
			squareGrid.CenterCrop(image.Rectangle{})
		}},
		{"FaceCrop empty bounds", "FaceCrop with empty bounds", func() {
			squareGrid.FaceCrop(bounds, empty.Bounds())
		}},
		{"FaceCrop invalid", "invalid margin NaN", func() {
			Pipeline{Width: 4, Height: 4, Margin: math.NaN()}.FaceCrop(bounds, bounds)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatal("no panic")
				}
				msg, _ := r.(string)
				if err, ok := r.(error); ok {
					msg = err.Error()
				}
				if !strings.Contains(msg, tt.want) {
					t.Errorf("panic %q, want it to contain %q", msg, tt.want)
				}
			}()
			tt.call()
		})
	}
}

func TestValidateMargin(t *testing.T) {
	tests := []struct {
		margin float64
		valid  bool
	}{
		{0, true},
		{0.1, true},
		{1, true},
		{-0.01, false},
		{1.01, false},
		{math.NaN(), false},
		{math.Inf(1), false},
	}
	for _, tt := range tests {
		err := Pipeline{Width: 4, Height: 4, Crop: CropFace, Margin: tt.margin}.Validate()
		if got := err == nil; got != tt.valid {
			t.Errorf("Validate with margin %v = %v, want valid %t", tt.margin, err, tt.valid)
		}
		if err != nil && !strings.Contains(err.Error(), "invalid margin") {
			t.Errorf("Validate with margin %v = %q, want it to name the margin", tt.margin, err)
		}
	}
}

func TestSettingsMargin(t *testing.T) {
	tests := []struct {
		p    Pipeline
		want string
	}{
		{Pipeline{Width: 4, Height: 4, Crop: CropFace},
			`{"crop":"face","equalize":false,"margin":0.1}`},
		{Pipeline{Width: 4, Height: 4, Crop: CropFace, Margin: 0.25, Equalize: true},
			`{"crop":"face","equalize":true,"margin":0.25}`},
		{Pipeline{Width: 4, Height: 4, Crop: CropCenter},
			`{"crop":"center","equalize":false}`},
		{Pipeline{Width: 4, Height: 4, Crop: CropCenter, Margin: 0.3},
			`{"crop":"center","equalize":false,"margin":0.3}`},
	}
	for _, tt := range tests {
		if got := tt.p.Settings(); got != tt.want {
			t.Errorf("%+v.Settings() = %s, want %s", tt.p, got, tt.want)
		}
	}
}

func TestNewPipelineMargin(t *testing.T) {
	tests := []struct {
		settings string
		want     Pipeline
	}{
		// Settings text from before pipelines had a margin.
		{`{"crop":"center","equalize":false}`,
			Pipeline{Width: 23, Height: 28, Order: RowMajor, Crop: CropCenter}},
		{`{"crop":"center","equalize":true}`,
			Pipeline{Width: 23, Height: 28, Order: RowMajor, Crop: CropCenter, Equalize: true}},
		{`{"crop":"face"}`,
			Pipeline{Width: 23, Height: 28, Order: RowMajor, Crop: CropFace}},
		{`{"crop":"face","equalize":false,"margin":0.1}`,
			Pipeline{Width: 23, Height: 28, Order: RowMajor, Crop: CropFace, Margin: 0.1}},
		{`{"crop":"face","margin":0.35}`,
			Pipeline{Width: 23, Height: 28, Order: RowMajor, Crop: CropFace, Margin: 0.35}},
		{`{"crop":"center","margin":null}`,
			Pipeline{Width: 23, Height: 28, Order: RowMajor, Crop: CropCenter}},
	}
	for _, tt := range tests {
		got, err := NewPipeline(23, 28, "", tt.settings)
		if err != nil {
			t.Errorf("NewPipeline(%s): %v", tt.settings, err)
			continue
		}
		if got != tt.want {
			t.Errorf("NewPipeline(%s) = %+v, want %+v", tt.settings, got, tt.want)
		}
	}
}

func TestNewPipelineMarginRoundTrip(t *testing.T) {
	pipelines := []Pipeline{
		{Width: 23, Height: 28, Order: RowMajor, Crop: CropFace, Margin: DefaultMargin},
		{Width: 20, Height: 20, Order: ColumnMajor, Crop: CropFace, Margin: 0.3,
			Equalize: true},
		{Width: 20, Height: 20, Order: RowMajor, Crop: CropFace, Margin: 1},
		{Width: 20, Height: 20, Order: RowMajor, Crop: CropCenter, Margin: 0.2},
	}
	for _, want := range pipelines {
		got, err := NewPipeline(want.Width, want.Height, string(want.Order), want.Settings())
		if err != nil {
			t.Errorf("NewPipeline from %+v: %v", want, err)
			continue
		}
		if got != want {
			t.Errorf("NewPipeline from %+v = %+v", want, got)
		}
	}

	// A zero margin is written as DefaultMargin, so only the field differs.
	zero := Pipeline{Width: 23, Height: 28, Order: RowMajor, Crop: CropFace}
	got, err := NewPipeline(23, 28, "", zero.Settings())
	if err != nil || got.Margin != DefaultMargin {
		t.Errorf("NewPipeline from %+v = %+v, %v; want Margin %v",
			zero, got, err, DefaultMargin)
	}
}

func TestNewPipelineMarginInvalid(t *testing.T) {
	tests := []struct {
		settings, want string
	}{
		{`{"crop":"face","margin":-0.1}`, "invalid margin -0.1: must be 0..1"},
		{`{"crop":"face","margin":1.5}`, "invalid margin 1.5"},
		{`{"crop":"face","margin":"wide"}`, "invalid pipeline settings"},
		{`{"crop":"face","margin":1e400}`, "invalid pipeline settings"},
	}
	for _, tt := range tests {
		_, err := NewPipeline(23, 28, "", tt.settings)
		if err == nil {
			t.Errorf("NewPipeline(%s) returned no error, want %q", tt.settings, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewPipeline(%s) error = %q, want it to contain %q",
				tt.settings, err, tt.want)
		}
	}
}
