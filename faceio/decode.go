package faceio

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // The blank imports register the decoders with image.
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"strings"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// formats names the image formats faceio decodes, for messages.
const formats = "JPEG, PNG, GIF, BMP, TIFF, WebP or PGM/PPM"

// MaxPixels is the default largest width*height accepted from an image
// header. DecodeFile and DecodeFS check it with image.DecodeConfig before
// decoding the pixels, and DecodeNetpbm checks it itself. Decoding an
// image of this size takes 200 MB at 8 bits per RGBA sample, and 400 MB at
// 16 bits or for a CMYK JPEG. Turning it upright by its EXIF orientation
// takes a second buffer of the same size, or for a colour JPEG up to twice
// the size.
const MaxPixels = 50_000_000

// SizeError reports an image whose header declares more pixels than the
// limit.
type SizeError struct {
	Width, Height int

	// Limit is the pixel limit that the image exceeds. 0 means MaxPixels.
	Limit int
}

func (e *SizeError) Error() string {
	limit := e.Limit
	if limit == 0 {
		limit = MaxPixels
	}
	return fmt.Sprintf("image too large: %d×%d exceeds the limit of %d pixels, "+
		"so scale it down before loading", e.Width, e.Height, limit)
}

// DecodeError is a file that could not be opened or decoded as an image.
type DecodeError struct {
	Path string // as given to DecodeFile or DecodeFS
	Err  error  // the reason
}

func (e *DecodeError) Error() string { return "faceio: decode " + e.Path + ": " + e.Err.Error() }

func (e *DecodeError) Unwrap() error { return e.Err }

// checkSize returns a *SizeError if a width×height image exceeds MaxPixels.
func checkSize(width, height int) error {
	return checkSizeLimit(width, height, MaxPixels)
}

// checkSizeLimit returns a *SizeError if a width×height image has more
// than limit pixels.
func checkSizeLimit(width, height, limit int) error {
	if int64(width)*int64(height) > int64(limit) {
		return &SizeError{Width: width, Height: height, Limit: limit}
	}
	return nil
}

// pixelLimit returns maxPixels, or MaxPixels for 0. It panics if maxPixels
// is negative.
func pixelLimit(maxPixels int) int {
	switch {
	case maxPixels < 0:
		panic(fmt.Sprintf("faceio: negative pixel limit %d", maxPixels))
	case maxPixels == 0:
		return MaxPixels
	}
	return maxPixels
}

// DecodeFile decodes the image in the file at path, with MaxPixels as the
// pixel limit. See DecodeFileLimit.
func DecodeFile(path string) (image.Image, error) {
	return DecodeFileLimit(path, MaxPixels)
}

// DecodeFileLimit decodes the image in the file at path: JPEG, PNG, the
// first frame of a GIF, BMP, TIFF, WebP or PGM/PPM, chosen by content
// rather than by extension. It turns the image upright by its EXIF
// orientation, as the package documentation describes.
//
// It reads the header first and returns a *SizeError, wrapped, for an
// image of more than maxPixels pixels before decoding any pixel. A
// maxPixels of 0 means MaxPixels, and a negative one panics. Netpbm files
// are also limited to MaxPixels by DecodeNetpbm, whatever maxPixels is.
//
// Errors are *DecodeError values, which read "faceio: decode PATH: REASON"
// and wrap the underlying error.
func DecodeFileLimit(path string, maxPixels int) (image.Image, error) {
	open := func() (io.ReadCloser, error) { return os.Open(path) }
	img, release, err := decodeNamed(context.Background(), path, open, pixelLimit(maxPixels))
	if err == nil {
		release()
	}
	return img, err
}

// DecodeFS is DecodeFile for the file name in fsys.
func DecodeFS(fsys fs.FS, name string) (image.Image, error) {
	return DecodeFSLimit(fsys, name, MaxPixels)
}

// DecodeFSLimit is DecodeFileLimit for the file name in fsys.
func DecodeFSLimit(fsys fs.FS, name string, maxPixels int) (image.Image, error) {
	img, release, err := decodeFS(context.Background(), fsys, name, pixelLimit(maxPixels))
	if err == nil {
		release()
	}
	return img, err
}

// decodeFS decodes the file name in fsys. On success the caller must call
// release once it no longer needs most of the image's memory, because the
// image's pixels stay reserved in decodeBudget until then.
func decodeFS(ctx context.Context, fsys fs.FS, name string, limit int) (img image.Image, release func(), err error) {
	open := func() (io.ReadCloser, error) { return fsys.Open(name) }
	return decodeNamed(ctx, name, open, limit)
}

// decodeNamed decodes the file that open returns and wraps errors in a
// *DecodeError for name. It returns the context's error unwrapped.
func decodeNamed(ctx context.Context, name string, open opener,
	limit int) (img image.Image, release func(), err error) {
	img, release, err = decodeChecked(ctx, open, limit)
	if ctxErr := ctx.Err(); ctxErr != nil {
		if err == nil {
			release()
		}
		return nil, nil, ctxErr
	}
	if err != nil {
		return nil, nil, &DecodeError{Path: name, Err: err}
	}
	return img, release, nil
}

// decodeChecked decodes the header of the file that open returns, checks
// its size against limit, decodes the pixels and applies the EXIF
// orientation. The pixels and the EXIF block are read with ReadAt if the
// file supports it, and otherwise from a copy of the file in memory. The
// image's pixels are reserved in decodeBudget before decoding, and stay
// reserved until the caller calls release, which is nil on error.
func decodeChecked(ctx context.Context, open opener, limit int) (img image.Image, release func(), err error) {
	f, err := open()
	if err != nil {
		return nil, nil, err
	}
	defer func() { f.Close() }()

	if err := checkRegular(f); err != nil {
		return nil, nil, err
	}
	cfg, format, err := decodeConfig(f)
	if err != nil {
		return nil, nil, err
	}
	if err := checkSizeLimit(cfg.Width, cfg.Height, limit); err != nil {
		return nil, nil, err
	}
	reserved, err := decodeBudget.acquire(ctx, cfg.Width*cfg.Height)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if err != nil {
			reserved()
		}
	}()

	src, size, err := randomAccess(&f, open, cfg)
	if err != nil {
		return nil, nil, err
	}
	r := contextReader{ctx: ctx, r: io.NewSectionReader(src, 0, size)}
	img, _, err = image.Decode(r)
	if err != nil {
		return nil, nil, explainDecodeError(format, err)
	}
	if img.Bounds().Empty() {
		return nil, nil, errors.New("image has no pixels: its width or height is 0")
	}
	return orient(img, exifOrientation(src, size, format)), reserved, nil
}

// decodeConfig reads the format and size from the header of f. For data
// that no registered decoder recognises, it names the formats that faceio
// reads, and the format if it is a common one that faceio cannot decode.
func decodeConfig(f io.Reader) (image.Config, string, error) {
	br := bufio.NewReader(f)
	head, _ := br.Peek(12)
	cfg, format, err := image.DecodeConfig(br)
	switch {
	case errors.Is(err, image.ErrFormat) && isHEIF(head):
		return cfg, format, fmt.Errorf("HEIC, HEIF or AVIF image, which faceio "+
			"cannot decode (%w): export it as JPEG or PNG", err)
	case errors.Is(err, image.ErrFormat):
		return cfg, format, fmt.Errorf("not a %s image (%w): convert it to one "+
			"of these formats", formats, err)
	case err != nil:
		return cfg, format, explainDecodeError(format, err)
	}
	return cfg, format, nil
}

// isHEIF reports whether head starts an ISO base media file whose brand
// is a HEIF image (HEIC from phones, or AVIF).
func isHEIF(head []byte) bool {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return false
	}
	switch string(head[8:12]) {
	case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis":
		return true
	}
	return false
}

// formatNames maps the names that package image reports to the usual ones.
var formatNames = map[string]string{
	"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "bmp": "BMP",
	"tiff": "TIFF", "webp": "WebP", "pgm": "PGM", "ppm": "PPM",
}

// explainDecodeError wraps err, from the decoder of format, with what is
// wrong and what to do.
func explainDecodeError(format string, err error) error {
	name := formatNames[format]
	if name == "" {
		name = format
	}
	switch {
	case isTruncation(err):
		return fmt.Errorf("truncated %s file (%w): copy or download it again", name, err)
	case isUnsupported(err):
		return fmt.Errorf("unsupported kind of %s file (%w): convert it to PNG or "+
			"to a baseline JPEG", name, err)
	}
	return fmt.Errorf("invalid %s data (%w): open and save the image again in an "+
		"image editor, or remove it", name, err)
}

// truncationTexts are the messages with which the decoders of Go 1.26 and
// golang.org/x/image v0.48 report data that ends early without wrapping
// io.ErrUnexpectedEOF.
var truncationTexts = []string{
	"unexpected EOF", "not enough pixel data", "short Huffman data", "short chunk",
}

// isTruncation reports whether err is a decoder's error for a file that
// ends before its image does.
func isTruncation(err error) bool {
	var netpbm FormatError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return true
	case errors.As(err, &netpbm):
		return strings.HasPrefix(string(netpbm), "truncated")
	}
	for _, text := range truncationTexts {
		if strings.Contains(err.Error(), text) {
			return true
		}
	}
	return false
}

// isUnsupported reports whether err is a decoder's error for a valid file
// that uses a feature the decoder lacks.
func isUnsupported(err error) bool {
	var (
		jpegErr jpeg.UnsupportedError
		pngErr  png.UnsupportedError
		tiffErr tiff.UnsupportedError
	)
	return errors.As(err, &jpegErr) || errors.As(err, &pngErr) ||
		errors.As(err, &tiffErr) || errors.Is(err, bmp.ErrUnsupported)
}

// checkRegular returns an error for a folder or an empty file, whose
// decoding would otherwise fail as an unknown format.
func checkRegular(f io.ReadCloser) error {
	st, ok := f.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return nil
	}
	info, err := st.Stat()
	switch {
	case err != nil:
		return err
	case info.IsDir():
		return errors.New("is a folder, not an image file")
	case info.Mode().IsRegular() && info.Size() == 0:
		return errors.New("file is empty")
	}
	return nil
}

// opener opens one file, again on each call.
type opener func() (io.ReadCloser, error)

// randomAccess returns the contents of the file *f and their size. A
// regular file with ReadAt, as os.File, embed.FS and fstest.MapFS files
// are, is used as it is. Any other file is read from its start into
// memory, up to the size that the image of cfg may need, and *f may be
// replaced by a newly opened file.
func randomAccess(f *io.ReadCloser, open opener,
	cfg image.Config) (io.ReaderAt, int64, error) {
	if ra, size, ok := readerAt(*f); ok {
		return ra, size, nil
	}
	g, err := rewind(*f, open)
	if err != nil {
		return nil, 0, err
	}
	*f = g

	// 8 bytes a pixel is 16-bit RGBA without compression. The margin
	// leaves room for metadata such as EXIF, ICC profiles and XMP.
	const margin = 16 << 20
	maxBytes := 8*int64(cfg.Width)*int64(cfg.Height) + margin
	data, err := io.ReadAll(io.LimitReader(g, maxBytes+1))
	if err != nil {
		return nil, 0, err
	}
	if int64(len(data)) > maxBytes {
		return nil, 0, fmt.Errorf("file has more than %d bytes, more than a %d×%d "+
			"image needs, so it contains other data such as a video: save the image "+
			"alone", maxBytes, cfg.Width, cfg.Height)
	}
	return bytes.NewReader(data), int64(len(data)), nil
}

// readerAt returns f as an io.ReaderAt and its size, if f is a regular
// file with a ReadAt method.
func readerAt(f io.ReadCloser) (io.ReaderAt, int64, bool) {
	ra, ok := f.(io.ReaderAt)
	st, statOK := f.(interface{ Stat() (fs.FileInfo, error) })
	if !ok || !statOK {
		return nil, 0, false
	}
	info, err := st.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return nil, 0, false
	}
	return ra, info.Size(), true
}

// rewind returns f positioned at its start, or a newly opened file in its
// place, closing f, if f cannot seek. On error it returns f unchanged.
func rewind(f io.ReadCloser, open opener) (io.ReadCloser, error) {
	if s, ok := f.(io.Seeker); ok {
		_, err := s.Seek(0, io.SeekStart)
		return f, err
	}
	g, err := open()
	if err != nil {
		return f, err
	}
	f.Close()
	return g, nil
}

// contextReader fails reads with the context's error once it is
// cancelled, so a decoder stops soon after.
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
