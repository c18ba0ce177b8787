package faceio

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// encodeNetpbm writes a Netpbm file with the given samples, in file order.
// It writes plain samples eight to a line and binary samples in one or two
// bytes, big-endian, as maxval requires.
func encodeNetpbm(magic string, width, height, maxval int, samples []int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%d %d\n%d\n", magic, width, height, maxval)
	for i, s := range samples {
		switch {
		case magic == "P2" || magic == "P3":
			sep := " "
			if i%8 == 7 {
				sep = "\n"
			}
			fmt.Fprintf(&b, "%d%s", s, sep)
		case maxval > 255:
			b.WriteByte(byte(s >> 8))
			b.WriteByte(byte(s))
		default:
			b.WriteByte(byte(s))
		}
	}
	return b.Bytes()
}

// randomSamples returns n samples in 0..maxval, including 0 and maxval.
func randomSamples(rng *rand.Rand, n, maxval int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = rng.IntN(maxval + 1)
	}
	s[0], s[n-1] = 0, maxval
	return s
}

// wantSample rescales s to 0..full in floating point, independently of the
// decoder's integer arithmetic.
func wantSample(s, maxval, full int) uint32 {
	return uint32(math.Round(float64(s) * float64(full) / float64(maxval)))
}

func TestDecodeNetpbmRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const width, height = 7, 5
	for _, magic := range []string{"P2", "P3", "P5", "P6"} {
		for _, maxval := range []int{1, 255, 1000, 65535} {
			t.Run(fmt.Sprintf("%s/maxval%d", magic, maxval), func(t *testing.T) {
				channels := 1
				if magic == "P3" || magic == "P6" {
					channels = 3
				}
				samples := randomSamples(rng, width*height*channels, maxval)
				data := encodeNetpbm(magic, width, height, maxval, samples)

				img, err := DecodeNetpbm(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("DecodeNetpbm: %v", err)
				}
				checkNetpbmType(t, img, channels, maxval)
				checkNetpbmPixels(t, img, samples, channels, maxval)
			})
		}
	}
}

func checkNetpbmType(t *testing.T, img image.Image, channels, maxval int) {
	t.Helper()
	var want string
	switch {
	case channels == 1 && maxval < 256:
		want = "*image.Gray"
	case channels == 1:
		want = "*image.Gray16"
	case maxval < 256:
		want = "*image.RGBA"
	default:
		want = "*image.RGBA64"
	}
	if got := fmt.Sprintf("%T", img); got != want {
		t.Errorf("image type = %s, want %s", got, want)
	}
}

func checkNetpbmPixels(t *testing.T, img image.Image, samples []int, channels, maxval int) {
	t.Helper()
	b := img.Bounds()
	full := 0xff
	if maxval > 0xff {
		full = 0xffff
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			got := [4]uint32{r, g, bl, a}
			i := (y*b.Dx() + x) * channels
			var want [4]uint32
			for c := range 3 {
				v := wantSample(samples[i+min(c, channels-1)], maxval, full)
				if full == 0xff {
					v *= 0x101 // RGBA() widens 8-bit values to 16 bits.
				}
				want[c] = v
			}
			want[3] = 0xffff
			if got != want {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, got, want)
			}
		}
	}
}

func TestDecodeNetpbmComments(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []uint8
	}{
		{"after magic", "P2# made by hand\n2 1 255 0 255", []uint8{0, 255}},
		{"line after magic", "P2\n# made by hand\n2 1\n255\n7 9\n", []uint8{7, 9}},
		{"between width and height", "P2 2#w\n1 255 7 9", []uint8{7, 9}},
		{"before maxval", "P2 2 1\n#m\n#n\n255\n7 9", []uint8{7, 9}},
		{"after maxval, binary", "P5 2 1 255#c\n\x07\x09", []uint8{7, 9}},
		{"carriage return ends comment", "P5 2 1 #c\r255\n\x07\x09", []uint8{7, 9}},
		{"between plain samples", "P2 2 1 255\n7 # seven\n9", []uint8{7, 9}},
		{"after last plain sample", "P2 2 1 255\n7 9# end", []uint8{7, 9}},
		{"comment holds digits", "P5 #3 3\n2 1 255\n\x07\x09", []uint8{7, 9}},
		{"tabs and form feeds", "P5\t2\f1\v255\r\x07\x09", []uint8{7, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := DecodeNetpbm(strings.NewReader(tt.data))
			if err != nil {
				t.Fatalf("DecodeNetpbm: %v", err)
			}
			gray, ok := img.(*image.Gray)
			if !ok {
				t.Fatalf("image type = %T, want *image.Gray", img)
			}
			if !bytes.Equal(gray.Pix, tt.want) {
				t.Errorf("pixels = %v, want %v", gray.Pix, tt.want)
			}
		})
	}
}

func TestDecodeNetpbmOddMaxval(t *testing.T) {
	// With maxval 1023, 1023 is full scale and 512 rounds to
	// 512*65535/1023 = 32799.53.
	data := encodeNetpbm("P5", 3, 1, 1023, []int{0, 512, 1023})
	img, err := DecodeNetpbm(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("DecodeNetpbm: %v", err)
	}
	gray, ok := img.(*image.Gray16)
	if !ok {
		t.Fatalf("image type = %T, want *image.Gray16", img)
	}
	want := []uint16{0, 32800, 65535}
	for x, w := range want {
		if got := gray.Gray16At(x, 0).Y; got != w {
			t.Errorf("pixel %d = %d, want %d", x, got, w)
		}
	}
}

// badNetpbm are malformed inputs with a piece of the expected error text.
var badNetpbm = []struct {
	name string
	data string
	want string
}{
	{"empty", "", "truncated header: missing magic number"},
	{"bad magic", "P9 2 1 255\n\x00\x00", `unsupported magic number "P9"`},
	{"PBM magic", "P4 8 1\n\x00", `unsupported magic number "P4"`},
	{"PNG bytes", "\x89PNG\r\n\x1a\n", "unsupported magic number"},
	{"magic without space", "P52 1 255\n\x00\x00", `followed by '2'`},
	{"missing width", "P5\n", "truncated header: missing width"},
	{"missing height", "P5 2", "truncated header: no data after width"},
	{"missing maxval", "P5 2 1 ", "truncated header: missing maxval"},
	{"nothing after maxval", "P5 2 1 255", "truncated header: no data after maxval"},
	{"negative width", "P5 -2 1 255\n\x00\x00", `width: found '-'`},
	{"zero width", "P5 0 1 255\n", "invalid width 0"},
	{"zero height", "P2 3 0 255\n", "invalid height 0"},
	{"huge width", "P5 99999999999 1 255\n", "width is larger than 2147483647"},
	{"maxval 0", "P5 2 1 0\n\x00\x00", "invalid maxval 0"},
	{"maxval 65536", "P5 2 1 65536\n\x00\x00\x00\x00", "invalid maxval 65536"},
	{"letters for width", "P5 two 1 255\n\x00\x00", `width: found 't'`},
	{"letters after digits", "P5 2x 1 255\n\x00\x00", `width: found 'x' after the digits`},
	{"float maxval", "P5 2 1 25.5\n\x00\x00", `maxval: found '.' after the digits`},
	{"binary sample over maxval", "P5 2 1 200\n\x07\xc9",
		"sample 201 at pixel (1,0) exceeds maxval 200"},
	{"wide sample over maxval", "P5 1 1 1000\n\x03\xe9",
		"sample 1001 at pixel (0,0) exceeds maxval 1000"},
	{"colour sample over maxval", "P6 1 2 9\n\x01\x02\x03\x04\x05\x0a",
		"sample 10 at pixel (0,1) exceeds maxval 9"},
	{"plain sample over maxval", "P2 2 1 9\n3 10\n", "sample 10 at pixel (1,0) exceeds maxval 9"},
	{"plain sample over 65535", "P3 1 1 65535\n1 2 99999999999999999999\n",
		"sample over 2147483647 at pixel (0,0) exceeds maxval 65535"},
	{"plain letters", "P2 2 1 255\n7 x\n", `sample: found 'x'`},
	{"plain negative", "P2 2 1 255\n7 -9\n", `sample: found '-'`},
	{"truncated binary", "P5 4 4 255\n\x00\x01\x02", "truncated raster: got 3 of 16 bytes"},
	{"truncated wide", "P6 1 1 65535\n\x00\x01\x02\x03\x04", "truncated raster: got 5 of 6 bytes"},
	{"truncated plain", "P2 3 1 255\n1 2", "truncated raster: got 2 of 3 samples"},
	{"truncated plain space", "P3 1 1 255\n1 2 ", "truncated raster: got 2 of 3 samples"},
	{"comment never ends", "P5 2 1 # no line end", "truncated header: missing maxval"},
	{"too large", "P5 100000 100000 255\n", "image too large: 100000×100000"},
}

func TestDecodeNetpbmBadInput(t *testing.T) {
	for _, tt := range badNetpbm {
		t.Run(tt.name, func(t *testing.T) {
			img, err := DecodeNetpbm(strings.NewReader(tt.data))
			if err == nil {
				t.Fatalf("DecodeNetpbm returned a %v image and no error, want error containing %q",
					img.Bounds(), tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "netpbm: ") {
				t.Errorf("error = %q, want prefix %q", err, "netpbm: ")
			}
			var ferr FormatError
			var serr *SizeError
			if !errors.As(err, &ferr) && !errors.As(err, &serr) {
				t.Errorf("error type = %T, want FormatError or *SizeError", err)
			}
		})
	}
}

func TestDecodeNetpbmConfig(t *testing.T) {
	tests := []struct {
		data  string
		model color.Model
		w, h  int
	}{
		{"P2 3 4 255\n", color.GrayModel, 3, 4},
		{"P5 # c\n300 2 65535\n", color.Gray16Model, 300, 2},
		{"P3 5 6 15\n", color.RGBAModel, 5, 6},
		{"P6 7 8 256\n", color.RGBA64Model, 7, 8},
		// Config reports the declared size, which DecodeFile checks.
		{"P5 100000 100000 255\n", color.GrayModel, 100000, 100000},
	}
	for _, tt := range tests {
		cfg, err := DecodeNetpbmConfig(strings.NewReader(tt.data))
		if err != nil {
			t.Errorf("DecodeNetpbmConfig(%q): %v", tt.data, err)
			continue
		}
		if cfg.ColorModel != tt.model || cfg.Width != tt.w || cfg.Height != tt.h {
			t.Errorf("DecodeNetpbmConfig(%q) = %v %d×%d, want %v %d×%d",
				tt.data, cfg.ColorModel, cfg.Width, cfg.Height, tt.model, tt.w, tt.h)
		}
	}
}

func TestImageDecodeByContent(t *testing.T) {
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, image.NewGray(image.Rect(0, 0, 2, 1))); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"P2", encodeNetpbm("P2", 2, 1, 255, []int{1, 2}), "pgm"},
		{"P5", encodeNetpbm("P5", 2, 1, 255, []int{1, 2}), "pgm"},
		{"P3", encodeNetpbm("P3", 2, 1, 255, []int{1, 2, 3, 4, 5, 6}), "ppm"},
		{"P6", encodeNetpbm("P6", 2, 1, 255, []int{1, 2, 3, 4, 5, 6}), "ppm"},
		{"PNG", pngData.Bytes(), "png"},
	}
	for _, tt := range tests {
		_, format, err := image.Decode(bytes.NewReader(tt.data))
		if err != nil {
			t.Errorf("%s: image.Decode: %v", tt.name, err)
			continue
		}
		if format != tt.want {
			t.Errorf("%s: image.Decode format = %q, want %q", tt.name, format, tt.want)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(tt.data))
		if err != nil || format != tt.want || cfg.Width != 2 {
			t.Errorf("%s: image.DecodeConfig = %d wide, %q, %v; want 2 wide, %q",
				tt.name, cfg.Width, format, err, tt.want)
		}
	}
}

// TestDecodeNetpbmShortFileSmallAlloc checks that a tiny file declaring a
// large image fails without allocating memory for the declared size.
func TestDecodeNetpbmShortFileSmallAlloc(t *testing.T) {
	tests := []string{
		"P5 100000 100000 255\n\x00",   // over MaxPixels
		"P6 7000 7000 65535\n\x00\x01", // under MaxPixels: 294 MB if allocated
		"P3 7000 7000 65535\n1 2 3",    // plain, under MaxPixels
	}
	for _, data := range tests {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := DecodeNetpbm(strings.NewReader(data))
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Errorf("DecodeNetpbm(%q) returned no error", data)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
			t.Errorf("DecodeNetpbm(%q) allocated %d bytes, want at most 1 MiB", data, n)
		}
	}
}

func FuzzDecodeNetpbm(f *testing.F) {
	for _, tt := range badNetpbm {
		f.Add([]byte(tt.data))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, magic := range []string{"P2", "P3", "P5", "P6"} {
		for _, maxval := range []int{1, 255, 1000, 65535} {
			n := 2 // a 2×1 gray image
			if magic == "P3" || magic == "P6" {
				n = 6
			}
			f.Add(encodeNetpbm(magic, 2, 1, maxval, randomSamples(rng, n, maxval)))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, cfgErr := DecodeNetpbmConfig(bytes.NewReader(data))
		img, err := DecodeNetpbm(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "netpbm: ") {
				t.Errorf("error %q lacks the netpbm prefix", err)
			}
			return
		}
		if cfgErr != nil {
			t.Fatalf("DecodeNetpbm succeeded but DecodeNetpbmConfig failed: %v", cfgErr)
		}
		b := img.Bounds()
		if b.Dx() != cfg.Width || b.Dy() != cfg.Height || b.Min != (image.Point{}) {
			t.Errorf("bounds %v, config %d×%d", b, cfg.Width, cfg.Height)
		}
		if b.Dx()*b.Dy() > MaxPixels {
			t.Errorf("decoded %v, more than MaxPixels", b)
		}
	})
}
