package faceio

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// byteOrder is binary.BigEndian or binary.LittleEndian.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// tiffHeader returns the 8-byte TIFF header for order, with IFD0 at
// offset 8.
func tiffHeader(order byteOrder) []byte {
	h := []byte("MM\x00\x2a\x00\x00\x00\x08")
	if order == binary.LittleEndian {
		h = []byte("II\x2a\x00\x08\x00\x00\x00")
	}
	return h
}

// ifdEntry is a TIFF tag whose value fits in its 4-byte value field.
type ifdEntry struct {
	tag, typ uint16
	count    uint32
	value    uint32 // a SHORT is stored in the first two bytes
}

// appendIFD appends an IFD of entries, in the given order, with no next
// IFD.
func appendIFD(b []byte, order byteOrder, entries []ifdEntry) []byte {
	b = order.AppendUint16(b, uint16(len(entries)))
	for _, e := range entries {
		b = order.AppendUint16(b, e.tag)
		b = order.AppendUint16(b, e.typ)
		b = order.AppendUint32(b, e.count)
		if e.typ == 3 && e.count == 1 {
			b = order.AppendUint16(b, uint16(e.value))
			b = append(b, 0, 0)
		} else {
			b = order.AppendUint32(b, e.value)
		}
	}
	return order.AppendUint32(b, 0)
}

// exifBlock returns an EXIF block whose IFD0 holds the orientation o.
func exifBlock(order byteOrder, o uint16) []byte {
	return appendIFD(tiffHeader(order), order, []ifdEntry{{0x0112, 3, 1, uint32(o)}})
}

// withAPP1 returns the JPEG data with an APP1 segment holding payload
// inserted after the SOI marker.
func withAPP1(jpegData, payload []byte) []byte {
	n := len(payload) + 2
	segment := append([]byte{0xff, 0xe1, byte(n >> 8), byte(n)}, payload...)
	return slices.Concat(jpegData[:2], segment, jpegData[2:])
}

// withPNGChunk returns the PNG data with a chunk inserted after IHDR.
func withPNGChunk(pngData []byte, typ string, data []byte) []byte {
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(chunk, typ...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	const ihdrEnd = 8 + 8 + 13 + 4
	return slices.Concat(pngData[:ihdrEnd], chunk, pngData[ihdrEnd:])
}

// quadrants returns an upright 32×16 gray test image: a bright top-left
// quarter, a mid-gray top-right quarter and a dark bottom half.
func quadrants() *image.Gray {
	img := image.NewGray(image.Rect(0, 0, 32, 16))
	for y := range 16 {
		for x := range 32 {
			v := uint8(10)
			switch {
			case y < 8 && x < 16:
				v = 250
			case y < 8:
				v = 120
			}
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	return img
}

// storeOriented returns the stored image that EXIF orientation o shows as
// upright, so that decoding must undo it.
func storeOriented(upright *image.Gray, o int) *image.Gray {
	w, h := upright.Rect.Dx(), upright.Rect.Dy()
	sw, sh := w, h
	if o >= 5 {
		sw, sh = h, w
	}
	stored := image.NewGray(image.Rect(0, 0, sw, sh))
	for y := range h {
		for x := range w {
			sx, sy := uprightSource(o, x, y, sw, sh)
			stored.SetGray(sx, sy, upright.GrayAt(x, y))
		}
	}
	return stored
}

// checkQuadrants checks that img is the upright image of quadrants, within
// the error of JPEG compression.
func checkQuadrants(t *testing.T, name string, img image.Image) {
	t.Helper()
	if got := img.Bounds(); got != image.Rect(0, 0, 32, 16) {
		t.Errorf("%s: bounds %v, want 32×16", name, got)
		return
	}
	probes := []struct {
		x, y int
		want uint8
		at   string
	}{
		{4, 3, 250, "top left"}, {27, 3, 120, "top right"},
		{4, 12, 10, "bottom left"}, {27, 12, 10, "bottom right"},
	}
	for _, p := range probes {
		got := color.GrayModel.Convert(img.At(p.x, p.y)).(color.Gray).Y
		if d := int(got) - int(p.want); d < -12 || d > 12 {
			t.Errorf("%s: %s pixel = %d, want %d", name, p.at, got, p.want)
		}
	}
}

func decodeBytes(t *testing.T, name string, data []byte) (image.Image, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return DecodeFile(path)
}

func TestDecodeJPEGOrientation(t *testing.T) {
	upright := quadrants()
	for _, order := range []byteOrder{binary.BigEndian, binary.LittleEndian} {
		for o := 1; o <= 8; o++ {
			stored := encodeJPEG(t, storeOriented(upright, o))
			data := withAPP1(stored, append([]byte("Exif\x00\x00"), exifBlock(order, uint16(o))...))
			name := order.String() + " orientation " + string(rune('0'+o))
			img, err := decodeBytes(t, "face.jpg", data)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			checkQuadrants(t, name, img)
		}
	}
}

func TestDecodeJPEGSkipsXMPSegment(t *testing.T) {
	stored := encodeJPEG(t, storeOriented(quadrants(), 6))
	data := withAPP1(stored, append([]byte("Exif\x00\x00"), exifBlock(binary.BigEndian, 6)...))
	data = withAPP1(data, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"))
	img, err := decodeBytes(t, "face.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	checkQuadrants(t, "XMP before EXIF", img)
}

func TestDecodePNGOrientation(t *testing.T) {
	stored := encodePNG(t, storeOriented(quadrants(), 8))
	data := withPNGChunk(stored, "eXIf", exifBlock(binary.LittleEndian, 8))
	img, err := decodeBytes(t, "face.png", data)
	if err != nil {
		t.Fatal(err)
	}
	checkQuadrants(t, "PNG eXIf orientation 8", img)
}

// grayTIFF returns an uncompressed 8-bit gray TIFF of img with the given
// orientation tag, or none for 0.
func grayTIFF(img *image.Gray, o uint16, order byteOrder) []byte {
	w, h := uint32(img.Rect.Dx()), uint32(img.Rect.Dy())
	entries := []ifdEntry{
		{256, 4, 1, w}, {257, 4, 1, h}, {258, 3, 1, 8}, {259, 3, 1, 1},
		{262, 3, 1, 1}, {273, 4, 1, 0}, {277, 3, 1, 1}, {278, 4, 1, h},
		{279, 4, 1, w * h},
	}
	if o != 0 {
		entries = slices.Insert(entries, 6, ifdEntry{0x0112, 3, 1, uint32(o)})
	}
	entries[5].value = uint32(8 + 2 + 12*len(entries) + 4) // pixels follow the IFD
	b := appendIFD(tiffHeader(order), order, entries)
	return append(b, img.Pix...)
}

func TestDecodeTIFFOrientation(t *testing.T) {
	for _, order := range []byteOrder{binary.BigEndian, binary.LittleEndian} {
		data := grayTIFF(storeOriented(quadrants(), 6), 6, order)
		img, err := decodeBytes(t, "face.tif", data)
		if err != nil {
			t.Fatalf("%s: %v", order, err)
		}
		checkQuadrants(t, "TIFF orientation 6 "+order.String(), img)
	}
}

// bitWriter writes bits least significant first, as VP8L reads them.
type bitWriter struct {
	buf   []byte
	nbits uint
}

func (w *bitWriter) write(v uint32, n uint) {
	for i := range n {
		if w.nbits%8 == 0 {
			w.buf = append(w.buf, 0)
		}
		w.buf[len(w.buf)-1] |= byte(v>>i&1) << (w.nbits % 8)
		w.nbits++
	}
}

// solidVP8L returns a lossless WebP bitstream of a width×height image of
// one opaque gray level. Each of its five prefix codes is a simple code
// of one symbol, so the pixels take no bits at all.
func solidVP8L(width, height int, gray uint8) []byte {
	var w bitWriter
	w.write(0x2f, 8) // signature
	w.write(uint32(width-1), 14)
	w.write(uint32(height-1), 14)
	w.write(0, 1)                                            // no alpha
	w.write(0, 3)                                            // version 0
	w.write(0, 1)                                            // no transform
	w.write(0, 1)                                            // no colour cache
	w.write(0, 1)                                            // no meta prefix codes
	for _, symbol := range []uint8{gray, gray, gray, 0xff} { // green, red, blue, alpha
		w.write(1, 1) // simple code
		w.write(0, 1) // one symbol
		w.write(1, 1) // of 8 bits
		w.write(uint32(symbol), 8)
	}
	w.write(1, 1) // distance code: simple, one 1-bit symbol, 0
	w.write(0, 1)
	w.write(0, 1)
	w.write(0, 1)
	return w.buf
}

// riffChunk returns a RIFF chunk, padded to an even length.
func riffChunk(fourCC string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint32([]byte(fourCC), uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// webpFile returns a WebP file of the chunks.
func webpFile(chunks ...[]byte) []byte {
	body := slices.Concat(append([][]byte{[]byte("WEBP")}, chunks...)...)
	return slices.Concat([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body))), body)
}

// vp8xChunk returns an extended-format header for a width×height canvas
// with the given flags.
func vp8xChunk(flags byte, width, height int) []byte {
	b := []byte{flags, 0, 0, 0}
	b = append(b, byte(width-1), byte((width-1)>>8), byte((width-1)>>16))
	b = append(b, byte(height-1), byte((height-1)>>8), byte((height-1)>>16))
	return riffChunk("VP8X", b)
}

func TestDecodeWebPOrientation(t *testing.T) {
	const exifFlag = 0x08
	tests := []struct {
		name string
		exif []byte
	}{
		{"bare", exifBlock(binary.BigEndian, 6)},
		{"with Exif prefix", append([]byte("Exif\x00\x00"), exifBlock(binary.LittleEndian, 6)...)},
	}
	for _, tt := range tests {
		data := webpFile(vp8xChunk(exifFlag, 16, 8), riffChunk("VP8L", solidVP8L(16, 8, 90)),
			riffChunk("EXIF", tt.exif))
		img, err := decodeBytes(t, "face.webp", data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := img.Bounds(); got != image.Rect(0, 0, 8, 16) {
			t.Errorf("%s: bounds %v, want 8×16 after orientation 6", tt.name, got)
		}
		if r, _, _, _ := img.At(3, 9).RGBA(); r>>8 != 90 {
			t.Errorf("%s: pixel = %d, want 90", tt.name, r>>8)
		}
	}
}

func TestExifOrientationMalformed(t *testing.T) {
	be := binary.BigEndian
	valid := exifBlock(be, 6)
	tests := []struct {
		name  string
		block []byte
		want  int
	}{
		{"valid", valid, 6},
		{"empty", nil, 1},
		{"header only", valid[:8], 1},
		{"cut in the entry", valid[:16], 1},
		{"not TIFF", []byte("hello, world, this is text"), 1},
		{"IFD offset past the end", []byte("MM\x00\x2a\x7f\xff\xff\xff"), 1},
		{"value 0", exifBlock(be, 0), 1},
		{"value 9", exifBlock(be, 9), 1},
		{"value 65535", exifBlock(be, 65535), 1},
		{"LONG type", appendIFD(tiffHeader(be), be, []ifdEntry{{0x0112, 4, 1, 6}}), 1},
		{"count 2", appendIFD(tiffHeader(be), be, []ifdEntry{{0x0112, 3, 2, 6}}), 1},
		{"huge count", appendIFD(tiffHeader(be), be, []ifdEntry{{0x0112, 3, 0xffffffff, 8}}), 1},
		{"unknown tags first", appendIFD(tiffHeader(be), be, []ifdEntry{
			{0x0001, 3, 1, 1}, {0x0100, 4, 1, 10}, {0x0112, 3, 1, 3}}), 3},
		{"thumbnail of 4 GB in IFD1", exifWithHugeThumbnail(), 1},
		{"IFD cycle", ifdCycle(), 1},
	}
	tables := loadExifTables()
	for _, tt := range tests {
		if got := readOrientation(bytes.NewReader(tt.block), tables); got != tt.want {
			t.Errorf("%s: orientation %d, want %d", tt.name, got, tt.want)
		}
	}
}

// exifWithHugeThumbnail returns an IFD0 without orientation followed by
// an IFD1 whose thumbnail claims 4 GB.
func exifWithHugeThumbnail() []byte {
	be := binary.BigEndian
	b := appendIFD(tiffHeader(be), be, []ifdEntry{{0x010f, 2, 1, 0}})
	be.PutUint32(b[len(b)-4:], uint32(len(b))) // IFD1 follows IFD0
	return appendIFD(b, be, []ifdEntry{{0x0201, 4, 1, 0}, {0x0202, 4, 1, 0xffffffff}})
}

// ifdCycle returns an IFD0 that names itself as the next IFD.
func ifdCycle() []byte {
	be := binary.BigEndian
	b := appendIFD(tiffHeader(be), be, []ifdEntry{{0x010f, 2, 1, 0}})
	be.PutUint32(b[len(b)-4:], 8)
	return b
}

func TestExifLocatorsMalformed(t *testing.T) {
	jpegData := encodeJPEG(t, quadrants())
	tests := []struct {
		name, format string
		data         []byte
	}{
		{"JPEG without EXIF", "jpeg", jpegData},
		{"JPEG segment length 0", "jpeg", []byte("\xff\xd8\xff\xe1\x00\x00Exif")},
		{"JPEG segment past the end", "jpeg", []byte("\xff\xd8\xff\xe1\xff\xffExif\x00\x00MM")},
		{"JPEG no marker", "jpeg", []byte("\xff\xd8garbage")},
		{"PNG chunk of 4 GB", "png", []byte("\x89PNG\r\n\x1a\n\xff\xff\xff\xffeXIf")},
		{"PNG cut", "png", []byte("\x89PNG\r\n\x1a\n\x00\x00")},
		{"WebP chunk of 4 GB", "webp", []byte("RIFF\x00\x00\x00\x00WEBPEXIF\xff\xff\xff\xff")},
		{"TIFF garbage", "tiff", []byte("II\x2a\x00\x08\x00\x00\x00\xff\xff")},
		{"GIF", "gif", []byte("GIF89a")},
	}
	for _, tt := range tests {
		r := bytes.NewReader(tt.data)
		if got := exifOrientation(r, int64(len(tt.data)), tt.format); got != 1 {
			t.Errorf("%s: orientation %d, want 1", tt.name, got)
		}
	}
}

// countingReaderAt counts the calls to ReadAt.
type countingReaderAt struct {
	r     io.ReaderAt
	calls int
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	c.calls++
	return c.r.ReadAt(p, off)
}

func TestJPEGFillBytesBounded(t *testing.T) {
	padded := append([]byte{0xff, 0xd8}, bytes.Repeat([]byte{0xff}, 5<<20)...)
	src := &countingReaderAt{r: bytes.NewReader(padded)}
	if got := jpegExif(src, int64(len(padded))); got != nil {
		t.Errorf("EXIF found in a file without any")
	}
	if src.calls > maxJPEGFill+2 {
		t.Errorf("the search read %d times through fill bytes, want at most %d", src.calls, maxJPEGFill+2)
	}
}
