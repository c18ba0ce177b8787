package faceio

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif" // The blank imports register the decoders with image.
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"os"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// formats names the image formats faceio decodes, for messages.
const formats = "JPEG, PNG, GIF, BMP, TIFF, WebP or PGM/PPM"

// MaxPixels is the largest width*height accepted from an image header.
// DecodeFile and DecodeFS check it with image.DecodeConfig before decoding
// the pixels, and DecodeNetpbm checks it itself. Decoding an image of this
// size takes 200 MB at 8 bits per RGBA sample, and 400 MB at 16 bits or for
// a CMYK JPEG.
const MaxPixels = 50_000_000

// SizeError reports an image whose header declares more than MaxPixels
// pixels.
type SizeError struct {
	Width, Height int
}

func (e *SizeError) Error() string {
	return fmt.Sprintf("image too large: %d×%d exceeds MaxPixels "+
		"(%d pixels), so scale it down before loading", e.Width, e.Height, MaxPixels)
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
	if int64(width)*int64(height) > MaxPixels {
		return &SizeError{Width: width, Height: height}
	}
	return nil
}

// DecodeFile decodes the image in the file at path: JPEG, PNG, the first
// frame of a GIF, or PGM/PPM, chosen by content rather than by extension.
// It returns a *SizeError, wrapped, for images over MaxPixels, before
// decoding their pixels. Errors are *DecodeError values, which read
// "faceio: decode PATH: REASON" and wrap the underlying error.
func DecodeFile(path string) (image.Image, error) {
	open := func() (io.ReadCloser, error) { return os.Open(path) }
	img, err := decodeChecked(open)
	if err != nil {
		return nil, &DecodeError{Path: path, Err: err}
	}
	return img, nil
}

// DecodeFS is DecodeFile for the file name in fsys.
func DecodeFS(fsys fs.FS, name string) (image.Image, error) {
	open := func() (io.ReadCloser, error) { return fsys.Open(name) }
	img, err := decodeChecked(open)
	if err != nil {
		return nil, &DecodeError{Path: name, Err: err}
	}
	return img, nil
}

// decodeChecked decodes the header of the file that open returns, checks
// its size and then decodes the whole image. It seeks back to the start for
// the second pass if the file is an io.Seeker and opens it again otherwise.
func decodeChecked(open opener) (image.Image, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer func() { f.Close() }()

	if err := checkRegular(f); err != nil {
		return nil, err
	}
	cfg, _, err := image.DecodeConfig(f)
	if errors.Is(err, image.ErrFormat) {
		return nil, fmt.Errorf("not a %s image (%w)", formats, err)
	}
	if err != nil {
		return nil, err
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	if f, err = rewind(f, open); err != nil {
		return nil, err
	}

	img, _, err := image.Decode(f)
	if err != nil {
		return nil, err
	}
	if img.Bounds().Empty() {
		return nil, errors.New("image has no pixels")
	}
	return img, nil
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
