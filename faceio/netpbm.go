package faceio

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"slices"
)

func init() {
	image.RegisterFormat("pgm", "P2", DecodeNetpbm, DecodeNetpbmConfig)
	image.RegisterFormat("pgm", "P5", DecodeNetpbm, DecodeNetpbmConfig)
	image.RegisterFormat("ppm", "P3", DecodeNetpbm, DecodeNetpbmConfig)
	image.RegisterFormat("ppm", "P6", DecodeNetpbm, DecodeNetpbmConfig)
}

// FormatError reports malformed Netpbm data.
type FormatError string

func (e FormatError) Error() string { return "netpbm: " + string(e) }

// header is a parsed Netpbm header. The magic byte is '2', '3', '5' or '6'.
type header struct {
	magic                 byte
	width, height, maxval int
}

// DecodeNetpbm decodes a PGM or PPM image, plain (P2, P3) or binary (P5, P6),
// with a maxval from 1 to 65535.
//
// Gray images decode to *image.Gray when maxval is below 256 and to
// *image.Gray16 otherwise. Colour images decode to *image.RGBA or
// *image.RGBA64 in the same way. Samples are rescaled from 0..maxval to the
// full range of the result, rounding to nearest, so maxval 1023 maps 1023 to
// 65535. Binary samples wider than one byte are read big-endian.
//
// Comments run from '#' to the end of the line and may appear wherever
// whitespace may, in the header and between plain samples. The header of a
// binary image ends with one whitespace byte after maxval, or with a comment
// after maxval, whose line end is then that byte. Data after the raster is
// ignored, so a multi-image file yields its first image.
//
// A sample above maxval, a truncated raster or a malformed header returns a
// FormatError, and other read errors are returned wrapped. An image of more
// than MaxPixels pixels returns a *SizeError before the raster is read. Memory grows with the data actually read, so a
// short file that declares a large image fails without a large allocation.
func DecodeNetpbm(r io.Reader) (image.Image, error) {
	br := bufio.NewReader(r)
	h, err := readHeader(br)
	if err != nil {
		return nil, err
	}
	if err := checkSize(h.width, h.height); err != nil {
		return nil, fmt.Errorf("netpbm: %w", err)
	}

	s, err := readSamples(br, h)
	if err != nil {
		return nil, err
	}
	if err := s.check(h); err != nil {
		return nil, err
	}
	return h.image(s), nil
}

// DecodeNetpbmConfig returns the colour model and size from a Netpbm header.
// It does not compare the size with MaxPixels.
func DecodeNetpbmConfig(r io.Reader) (image.Config, error) {
	h, err := readHeader(bufio.NewReader(r))
	if err != nil {
		return image.Config{}, err
	}
	cfg := image.Config{
		ColorModel: h.colorModel(),
		Width:      h.width,
		Height:     h.height,
	}
	return cfg, nil
}

func readHeader(br *bufio.Reader) (header, error) {
	var h header
	var err error
	if h.magic, err = readMagic(br); err != nil {
		return h, err
	}
	if h.width, err = readHeaderNumber(br, "width"); err != nil {
		return h, err
	}
	if h.height, err = readHeaderNumber(br, "height"); err != nil {
		return h, err
	}
	if h.maxval, err = readHeaderNumber(br, "maxval"); err != nil {
		return h, err
	}
	return h, h.validate()
}

func readMagic(br *bufio.Reader) (byte, error) {
	var m [2]byte
	if _, err := io.ReadFull(br, m[:]); err != nil {
		return 0, readError("magic number", err)
	}
	switch string(m[:]) {
	case "P2", "P3", "P5", "P6":
	default:
		msg := fmt.Sprintf("unsupported magic number %q: want P2, P3, P5 or P6", m[:])
		return 0, FormatError(msg)
	}

	c, err := br.ReadByte()
	if err != nil {
		return 0, readError("width", err)
	}
	if !isSpace(c) && c != '#' {
		msg := fmt.Sprintf("magic number %s followed by %q: want whitespace", m[:], c)
		return 0, FormatError(msg)
	}
	if err := br.UnreadByte(); err != nil {
		return 0, err
	}
	return m[1], nil
}

// readHeaderNumber reads one header field and rejects values that do not
// fit in an int32.
func readHeaderNumber(br *bufio.Reader, field string) (int, error) {
	v, err := readNumber(br, field)
	if errors.Is(err, io.EOF) {
		// The raster, at least, must follow the header.
		return 0, FormatError("truncated header: no data after " + field)
	}
	if err != nil {
		return 0, readError(field, err)
	}
	if v > math.MaxInt32 {
		return 0, FormatError(fmt.Sprintf("%s is larger than %d", field, math.MaxInt32))
	}
	return v, nil
}

func (h header) validate() error {
	switch {
	case h.width <= 0:
		return FormatError(fmt.Sprintf("invalid width %d: must be at least 1", h.width))
	case h.height <= 0:
		return FormatError(fmt.Sprintf("invalid height %d: must be at least 1", h.height))
	case h.maxval < 1 || h.maxval > 0xffff:
		return FormatError(fmt.Sprintf("invalid maxval %d: must be 1..65535", h.maxval))
	}
	return nil
}

func (h header) plain() bool { return h.magic == '2' || h.magic == '3' }
func (h header) color() bool { return h.magic == '3' || h.magic == '6' }
func (h header) wide() bool  { return h.maxval > 0xff }

func (h header) channels() int {
	if h.color() {
		return 3
	}
	return 1
}

func (h header) colorModel() color.Model {
	switch {
	case h.color() && h.wide():
		return color.RGBA64Model
	case h.color():
		return color.RGBAModel
	case h.wide():
		return color.Gray16Model
	}
	return color.GrayModel
}

// readError turns an error met while reading field into the error to
// return: a FormatError for a premature end of file, a wrapped error
// otherwise.
func readError(field string, err error) error {
	var ferr FormatError
	switch {
	case errors.As(err, &ferr):
		return err
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return FormatError("truncated header: missing " + field)
	}
	return fmt.Errorf("netpbm: read %s: %w", field, err)
}

// readNumber skips whitespace and comments, reads a decimal number and
// consumes the byte after it, which must be whitespace or start a comment.
// Values above math.MaxInt32 saturate to a larger value instead of
// overflowing. If the input ends before the number, readNumber returns
// io.ErrUnexpectedEOF. If it ends right after the number or in the comment
// after it, readNumber returns the number with io.EOF.
func readNumber(br *bufio.Reader, field string) (int, error) {
	c, err := skipSpace(br)
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return 0, err
	}
	if !isDigit(c) {
		return 0, FormatError(fmt.Sprintf("%s: found %q, want a decimal number", field, c))
	}

	v := 0
	for isDigit(c) {
		if v <= math.MaxInt32 {
			v = v*10 + int(c-'0')
		}
		if c, err = br.ReadByte(); err != nil {
			return v, err
		}
	}
	switch {
	case c == '#':
		return v, skipComment(br)
	case !isSpace(c):
		msg := fmt.Sprintf("%s: found %q after the digits, want whitespace", field, c)
		return 0, FormatError(msg)
	}
	return v, nil
}

// skipSpace consumes whitespace and comments and returns the byte after
// them.
func skipSpace(br *bufio.Reader) (byte, error) {
	for {
		c, err := br.ReadByte()
		switch {
		case err != nil:
			return 0, err
		case c == '#':
			if err := skipComment(br); err != nil {
				return 0, err
			}
		case !isSpace(c):
			return c, nil
		}
	}
}

// skipComment consumes the rest of a comment, up to and including the line
// end ('\n' or '\r').
func skipComment(br *bufio.Reader) error {
	for {
		c, err := br.ReadByte()
		if err != nil {
			return err
		}
		if c == '\n' || c == '\r' {
			return nil
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isSpace reports whether c is whitespace as Netpbm defines it (C's isspace).
func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// samples is a raster in file order: binary bytes, one or two per sample
// (big-endian), or the values of a plain raster.
type samples struct {
	bytes []byte
	wide  bool
	plain []uint16
}

func (s samples) len() int {
	switch {
	case s.plain != nil:
		return len(s.plain)
	case s.wide:
		return len(s.bytes) / 2
	}
	return len(s.bytes)
}

func (s samples) at(i int) int {
	switch {
	case s.plain != nil:
		return int(s.plain[i])
	case s.wide:
		return int(s.bytes[2*i])<<8 | int(s.bytes[2*i+1])
	}
	return int(s.bytes[i])
}

// check returns a FormatError naming the first sample above maxval. Plain
// samples were checked while parsing.
func (s samples) check(h header) error {
	if s.plain != nil || h.maxval == 0xff || h.maxval == 0xffff {
		return nil
	}
	for i := range s.len() {
		if v := s.at(i); v > h.maxval {
			return h.sampleError(i, v)
		}
	}
	return nil
}

func (h header) sampleError(i, v int) FormatError {
	p := i / h.channels()
	x, y := p%h.width, p/h.width
	value := fmt.Sprint(v)
	if v > math.MaxInt32 {
		value = fmt.Sprint("over ", math.MaxInt32) // readNumber saturated it.
	}
	msg := fmt.Sprintf("sample %s at pixel (%d,%d) exceeds maxval %d",
		value, x, y, h.maxval)
	return FormatError(msg)
}

func readSamples(br *bufio.Reader, h header) (samples, error) {
	n := h.width * h.height * h.channels()
	if h.plain() {
		v, err := readPlain(br, h, n)
		return samples{plain: v}, err
	}

	size := n
	if h.wide() {
		size *= 2
	}
	buf, err := readBytes(br, size)
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		msg := fmt.Sprintf("truncated raster: got %d of %d bytes", len(buf), size)
		return samples{}, FormatError(msg)
	case err != nil:
		return samples{}, fmt.Errorf("netpbm: read raster: %w", err)
	}
	return samples{bytes: buf, wide: h.wide()}, nil
}

// readBytes reads exactly n bytes, growing its buffer with the data read so
// that a file shorter than its header claims costs little memory.
func readBytes(r io.Reader, n int) ([]byte, error) {
	const chunk = 64 << 10
	buf := make([]byte, 0, min(n, chunk))
	for len(buf) < n {
		k := min(n-len(buf), max(chunk, len(buf)))
		buf = slices.Grow(buf, k)
		got, err := io.ReadFull(r, buf[len(buf):len(buf)+k])
		buf = buf[:len(buf)+got]
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// readPlain reads the n decimal samples of a plain raster.
func readPlain(br *bufio.Reader, h header, n int) ([]uint16, error) {
	v := make([]uint16, 0, min(n, 4096))
	for i := range n {
		s, err := readNumber(br, "sample")
		last := errors.Is(err, io.EOF) && i == n-1
		if err != nil && !last {
			return nil, rasterError(err, i, n)
		}
		if s > h.maxval {
			return nil, h.sampleError(i, s)
		}
		v = append(v, uint16(s))
	}
	return v, nil
}

// rasterError turns an error met while reading sample i of n into the error
// to return.
func rasterError(err error, i, n int) error {
	var ferr FormatError
	got := i
	switch {
	case errors.As(err, &ferr):
		return err
	case errors.Is(err, io.EOF):
		got = i + 1 // Sample i was read before the input ended.
	case !errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("netpbm: read raster: %w", err)
	}
	return FormatError(fmt.Sprintf("truncated raster: got %d of %d samples", got, n))
}

// rescale maps v from 0..maxval to 0..full, rounding to nearest.
func rescale(v, maxval, full int) int {
	return (v*full + maxval/2) / maxval
}

func (h header) image(s samples) image.Image {
	r := image.Rect(0, 0, h.width, h.height)
	switch {
	case h.color() && h.wide():
		return h.rgba64(r, s)
	case h.color():
		return h.rgba(r, s)
	case h.wide():
		return h.gray16(r, s)
	}
	return h.gray(r, s)
}

// gray builds an *image.Gray, reusing the binary raster as its pixels.
func (h header) gray(r image.Rectangle, s samples) *image.Gray {
	pix := s.bytes
	if pix == nil {
		pix = make([]byte, s.len())
	}
	if s.plain != nil || h.maxval != 0xff {
		for i := range pix {
			pix[i] = uint8(rescale(s.at(i), h.maxval, 0xff))
		}
	}
	return &image.Gray{Pix: pix, Stride: h.width, Rect: r}
}

// gray16 builds an *image.Gray16, reusing the binary raster as its pixels
// because both are big-endian.
func (h header) gray16(r image.Rectangle, s samples) *image.Gray16 {
	pix := s.bytes
	if pix == nil {
		pix = make([]byte, 2*s.len())
	}
	if s.plain != nil || h.maxval != 0xffff {
		for i := range s.len() {
			v := rescale(s.at(i), h.maxval, 0xffff)
			pix[2*i], pix[2*i+1] = uint8(v>>8), uint8(v)
		}
	}
	return &image.Gray16{Pix: pix, Stride: 2 * h.width, Rect: r}
}

func (h header) rgba(r image.Rectangle, s samples) *image.RGBA {
	img := image.NewRGBA(r)
	for p := range h.width * h.height {
		for c := range 3 {
			img.Pix[4*p+c] = uint8(rescale(s.at(3*p+c), h.maxval, 0xff))
		}
		img.Pix[4*p+3] = 0xff
	}
	return img
}

func (h header) rgba64(r image.Rectangle, s samples) *image.RGBA64 {
	img := image.NewRGBA64(r)
	for p := range h.width * h.height {
		for c := range 3 {
			v := rescale(s.at(3*p+c), h.maxval, 0xffff)
			img.Pix[8*p+2*c], img.Pix[8*p+2*c+1] = uint8(v>>8), uint8(v)
		}
		img.Pix[8*p+6], img.Pix[8*p+7] = 0xff, 0xff
	}
	return img
}
