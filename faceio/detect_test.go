package faceio

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	xdraw "golang.org/x/image/draw"
)

// The tests read the cascade and the built-in ORL faces from package
// assets' folder, because faceio does not import assets.
const (
	cascadePath    = "../assets/pigo/facefinder"
	builtinFaces   = "../assets/faces/*/*.pgm"
	photosVar      = "VISAGE_PHOTOS_DIR"
	gracePhoto     = "grace_hopper_512x512.jpg"
	astronautPhoto = "astronaut.png"
)

var (
	detectorOnce sync.Once
	detector     *Detector
	detectorErr  error
)

// testDetector returns a Detector for pigo's facefinder cascade, shared by
// the tests because it is safe for concurrent use.
func testDetector(tb testing.TB) *Detector {
	tb.Helper()
	detectorOnce.Do(func() {
		data, err := os.ReadFile(cascadePath)
		if err != nil {
			detectorErr = err
			return
		}
		detector, detectorErr = NewDetector(data)
	})
	if detectorErr != nil {
		tb.Fatalf("facefinder cascade: %v", detectorErr)
	}
	return detector
}

func decodeTestFile(tb testing.TB, path string) image.Image {
	tb.Helper()
	img, err := DecodeFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

// builtinFaceFiles returns the 19 ORL images that Visage ships with.
func builtinFaceFiles(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(builtinFaces)
	if err != nil || len(files) != 19 {
		tb.Fatalf("glob %s: %d files, error %v; want 19", builtinFaces, len(files), err)
	}
	return files
}

// photosDir returns the folder named by VISAGE_PHOTOS_DIR or skips the test.
func photosDir(tb testing.TB) string {
	dir := os.Getenv(photosVar)
	if dir == "" {
		tb.Skip(photosVar + " not set: set it to a folder containing " + gracePhoto +
			" (Debian package facedetect) and " + astronautPhoto +
			" (Debian package python3-skimage) to run this test")
	}
	return dir
}

func TestNewDetectorFacefinder(t *testing.T) {
	d := testDetector(t)
	if d == nil || d.cascade == nil {
		t.Fatal("NewDetector returned no cascade")
	}
}

func TestNewDetectorInvalid(t *testing.T) {
	facefinder, err := os.ReadFile(cascadePath)
	if err != nil {
		t.Fatal(err)
	}
	// header returns a cascade header for the given depth and tree count.
	header := func(depth, trees uint32) []byte {
		b := make([]byte, 16)
		binary.LittleEndian.PutUint32(b[8:], depth)
		binary.LittleEndian.PutUint32(b[12:], trees)
		return b
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"nil", nil, "0 bytes, want at least 16: the data is not a pigo cascade"},
		{"short header", facefinder[:15], "15 bytes, want at least 16"},
		{"header only", facefinder[:16], "16 bytes, want 239632 for 468 trees of depth 6"},
		{"truncated", facefinder[:len(facefinder)-1], "239631 bytes, want 239632"},
		{"trailing byte", append(facefinder[:len(facefinder):len(facefinder)], 0),
			"239633 bytes, want 239632"},
		{"depth 0", header(0, 1), "1 trees of depth 0, want at least 1 tree of depth 1..16"},
		{"depth 17", header(17, 1), "1 trees of depth 17"},
		{"no trees", header(6, 0), "0 trees of depth 6"},
		{"huge count", header(16, 0xffffffff), "16 bytes, want 2251799813160976"},
		{"text", []byte("this is not a cascade file"), "not a pigo cascade"},
	}
	for _, tt := range tests {
		d, err := NewDetector(tt.data)
		if err == nil {
			t.Errorf("%s: NewDetector returned %v, want an error", tt.name, d)
			continue
		}
		if !strings.HasPrefix(err.Error(), "faceio: invalid face cascade: ") {
			t.Errorf("%s: error %q lacks the prefix", tt.name, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestDetectPortraits(t *testing.T) {
	dir := photosDir(t)
	d := testDetector(t)
	// The centres are the top of the nose, measured by eye on each photo.
	tests := []struct {
		file   string
		centre image.Point
	}{
		{gracePhoto, image.Pt(258, 220)},
		{astronautPhoto, image.Pt(222, 115)},
	}
	for _, tt := range tests {
		faces := d.Detect(decodeTestFile(t, filepath.Join(dir, tt.file)))
		if len(faces) != 1 {
			t.Errorf("%s: %d faces %v, want 1", tt.file, len(faces), faces)
			continue
		}
		box := faces[0].Box
		if !tt.centre.In(box) {
			t.Errorf("%s: box %v does not contain the face centre %v", tt.file, box, tt.centre)
		}
		mid := box.Min.Add(box.Max).Div(2)
		if off := mid.Sub(tt.centre); abs(off.X)*4 > box.Dx() || abs(off.Y)*4 > box.Dy() {
			t.Errorf("%s: box %v centred at %v, more than a quarter of its size from %v",
				tt.file, box, mid, tt.centre)
		}
	}
}

func abs(v int) int { return max(v, -v) }

func TestDetectBuiltinFaces(t *testing.T) {
	d := testDetector(t)
	for _, file := range builtinFaceFiles(t) {
		img := decodeTestFile(t, file)
		faces := d.Detect(img)
		if len(faces) == 0 {
			t.Errorf("%s: no face", file)
			continue
		}
		// Every ORL face lies near the middle of the 92×112 frame.
		if centre := image.Pt(46, 56); !centre.In(faces[0].Box) {
			t.Errorf("%s: largest box %v does not contain the frame centre %v",
				file, faces[0].Box, centre)
		}
	}
}

func TestDetectORLRate(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(orlDir(t), "s*", "*.pgm"))
	if err != nil || len(files) != 400 {
		t.Fatalf("found %d ORL images (error %v), want 400", len(files), err)
	}
	d := testDetector(t)
	found, centred := 0, 0
	for _, file := range files {
		faces := d.Detect(decodeTestFile(t, file))
		if len(faces) == 0 {
			continue
		}
		found++
		if image.Pt(46, 56).In(faces[0].Box) {
			centred++
		}
	}
	rate := float64(found) / float64(len(files))
	t.Logf("faces found in %d of %d ORL images (%.1f%%), %d around the frame centre",
		found, len(files), 100*rate, centred)
	if rate < 0.95 {
		t.Errorf("detection rate %.3f, want at least 0.95", rate)
	}
	if centred < found*95/100 {
		t.Errorf("%d of %d largest boxes contain the frame centre, want at least 95%%",
			centred, found)
	}
}

// gradient returns a gray image that brightens from left to right.
func gradient(width, height int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, width, height))
	for y := range height {
		for x := range width {
			img.SetGray(x, y, color.Gray{Y: uint8(255 * x / max(width-1, 1))})
		}
	}
	return img
}

func TestDetectNoFace(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	uniform := image.NewRGBA(image.Rect(0, 0, 300, 200))
	draw.Draw(uniform, uniform.Bounds(), image.NewUniform(color.RGBA{90, 140, 200, 255}),
		image.Point{}, draw.Src)
	tests := []struct {
		name string
		img  image.Image
	}{
		{"gradient", gradient(640, 480)},
		{"noise", randomGray(rng, 512, 512)},
		{"small noise", randomGray(rng, 92, 112)},
		{"uniform colour", uniform},
		{"empty", image.NewGray(image.Rectangle{})},
		{"empty offset", image.NewRGBA(image.Rect(5, 5, 5, 40))},
		{"1×1", image.NewGray(image.Rect(0, 0, 1, 1))},
		{"3×3", randomGray(rng, 3, 3)},
		{"1×1000", randomGray(rng, 1, 1000)},
		{"5000×2", randomGray(rng, 5000, 2)},
		{"smallest window", randomGray(rng, minFaceSide+2, minFaceSide+2)},
	}
	d := testDetector(t)
	for _, tt := range tests {
		if faces := d.Detect(tt.img); faces != nil {
			t.Errorf("%s: Detect = %v, want nil", tt.name, faces)
		}
	}
}

// scaleImage returns img resized to width×height with bilinear filtering
// and translated so that its bounds start at origin.
func scaleImage(img image.Image, origin image.Point, width, height int) *image.RGBA {
	dst := image.NewRGBA(image.Rectangle{origin, origin.Add(image.Pt(width, height))})
	xdraw.BiLinear.Scale(dst, dst.Bounds(), img, img.Bounds(), xdraw.Src, nil)
	return dst
}

func TestDetectOffsetBounds(t *testing.T) {
	d := testDetector(t)
	face := decodeTestFile(t, builtinFaceFiles(t)[0])
	want := d.Detect(face)
	offset := image.Pt(-300, 70)
	moved := scaleImage(face, offset, 92, 112)
	got := d.Detect(moved)
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("Detect on bounds %v = %v, want %v moved by %v",
			moved.Bounds(), got, want, offset)
	}
	if wantBox := want[0].Box.Add(offset); got[0].Box != wantBox {
		t.Errorf("box on bounds %v = %v, want %v", moved.Bounds(), got[0].Box, wantBox)
	}
}

func TestDetectReducesLargeImage(t *testing.T) {
	d := testDetector(t)
	face := decodeTestFile(t, builtinFaceFiles(t)[0])
	small := d.Detect(face)
	// 10 times the ORL size is reduced to 526×640 for the search.
	large := d.Detect(scaleImage(face, image.Point{}, 920, 1120))
	if len(small) == 0 || len(large) == 0 {
		t.Fatalf("faces at 92×112: %v, at 920×1120: %v; want some at both", small, large)
	}
	// The search works on nearly the same pixels at both sizes, so the box
	// should scale with the image, give or take a few window steps.
	want := scaleRect(small[0].Box, 10, 10)
	got := large[0].Box
	tolerance := want.Dx() / 8
	for _, diff := range []int{
		got.Min.X - want.Min.X, got.Min.Y - want.Min.Y,
		got.Max.X - want.Max.X, got.Max.Y - want.Max.Y,
	} {
		if abs(diff) > tolerance {
			t.Errorf("box at 920×1120 = %v, want within %d pixels of %v", got, tolerance, want)
			break
		}
	}
}

// twoFaces returns an image with a built-in face at twice its size on the
// left and at its own size on the right, and the two faces' frames.
func twoFaces(tb testing.TB) (*image.RGBA, image.Rectangle, image.Rectangle) {
	face := decodeTestFile(tb, builtinFaceFiles(tb)[0])
	img := image.NewRGBA(image.Rect(0, 0, 400, 260))
	gray := image.NewUniform(color.Gray{Y: 128})
	draw.Draw(img, img.Bounds(), gray, image.Point{}, draw.Src)
	big := image.Rect(10, 10, 10+184, 10+224)
	small := image.Rect(250, 70, 250+92, 70+112)
	xdraw.BiLinear.Scale(img, big, face, face.Bounds(), xdraw.Src, nil)
	draw.Draw(img, small, face, face.Bounds().Min, draw.Src)
	return img, big, small
}

func TestDetectLargestFirst(t *testing.T) {
	img, big, small := twoFaces(t)
	faces := testDetector(t).Detect(img)
	if len(faces) != 2 {
		t.Fatalf("Detect found %d faces %v, want 2", len(faces), faces)
	}
	if c := big.Min.Add(big.Max).Div(2); !c.In(faces[0].Box) {
		t.Errorf("first box %v does not contain the large face's centre %v", faces[0].Box, c)
	}
	if c := small.Min.Add(small.Max).Div(2); !c.In(faces[1].Box) {
		t.Errorf("second box %v does not contain the small face's centre %v", faces[1].Box, c)
	}
	for i, f := range faces {
		if f.Score < minScore {
			t.Errorf("face %d: score %v, want at least %v", i, f.Score, float64(minScore))
		}
	}
}

func TestDetectConcurrent(t *testing.T) {
	d := testDetector(t)
	files := builtinFaceFiles(t)
	images := make([]image.Image, len(files))
	want := make([][]Detection, len(files))
	for i, file := range files {
		images[i] = decodeTestFile(t, file)
		want[i] = d.Detect(images[i])
	}

	got := make([][]Detection, len(files))
	var wg sync.WaitGroup
	for i := range images {
		wg.Go(func() { got[i] = d.Detect(images[i]) })
	}
	wg.Wait()
	for i := range files {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s: concurrent Detect = %v, want %v", files[i], got[i], want[i])
		}
	}
}

func TestPadPixels(t *testing.T) {
	pixels := []uint8{1, 2, 3, 4, 5, 6} // 3×2
	got, width, height := padPixels(pixels, 3, 2, 1)
	want := []uint8{
		1, 1, 2, 3, 3,
		1, 1, 2, 3, 3,
		4, 4, 5, 6, 6,
		4, 4, 5, 6, 6,
	}
	if width != 5 || height != 4 {
		t.Errorf("padPixels size = %d×%d, want 5×4", width, height)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("padPixels = %v, want %v", got, want)
	}
}

// BenchmarkDetect2000 measures Detect on a 2000×2000 RGBA photo: one of the
// portraits scaled up, or a built-in face when VISAGE_PHOTOS_DIR is unset.
func BenchmarkDetect2000(b *testing.B) {
	var src image.Image
	if dir := os.Getenv(photosVar); dir != "" {
		src = decodeTestFile(b, filepath.Join(dir, gracePhoto))
	} else {
		b.Log(photosVar + " not set: scaling up a built-in 92×112 face instead of a portrait")
		src = decodeTestFile(b, builtinFaceFiles(b)[0])
	}
	img := scaleImage(src, image.Point{}, 2000, 2000)
	d := testDetector(b)
	for b.Loop() {
		if faces := d.Detect(img); len(faces) != 1 {
			b.Fatalf("Detect found %d faces, want 1", len(faces))
		}
	}
}

// FuzzNewDetector checks that any data either fails to unpack or gives a
// Detector that searches an image without panicking.
func FuzzNewDetector(f *testing.F) {
	facefinder, err := os.ReadFile(cascadePath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(facefinder[:16])
	f.Add(facefinder[:16+8<<6])
	// One tree of depth 1 after the header: a pixel comparison of 4 bytes,
	// 2 leaf predictions and a threshold, as float32.
	tree := []byte{0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0,
		10, 246, 246, 10, 0, 0, 128, 63, 0, 0, 128, 191, 0, 0, 0, 0}
	if _, err := NewDetector(tree); err != nil {
		f.Fatalf("seed cascade: %v", err)
	}
	f.Add(tree)
	img := randomGray(rand.New(rand.NewPCG(55, 56)), 60, 40)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := NewDetector(data)
		if err != nil {
			return
		}
		for _, face := range d.Detect(img) {
			if face.Score < minScore {
				t.Errorf("face %v has score %v, below %v", face.Box, face.Score, float64(minScore))
			}
		}
	})
}
