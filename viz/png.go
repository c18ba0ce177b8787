package viz

import (
	"fmt"
	"image"
	"image/png"
	"io"

	"visage/internal/atomicfile"
)

// WritePNG encodes img as PNG to path, replacing any file there.
//
// WritePNG writes a temporary file in the same directory, syncs it to disk
// and renames it over path. On any error, Close included, the previous
// file at path is untouched and the temporary file is removed. The new
// file keeps the permission bits of the file it replaces, or gets 0644.
func WritePNG(path string, img image.Image) error {
	err := atomicfile.Write(path, func(w io.Writer) error {
		return png.Encode(w, img)
	})
	if err != nil {
		return fmt.Errorf("viz: write PNG %s: %w", path, err)
	}
	return nil
}
