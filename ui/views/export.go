package views

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"path/filepath"
	"strings"

	"visage/internal/atomicfile"
	"visage/viz"
)

// svgWidth and svgHeight are the size of an exported SVG in pixels at 96
// dots per inch.
const svgWidth, svgHeight = 800, 600

// Write writes r to path in the format its extension names, or as
// PNG with .png added when it has none. It returns the path written.
func Write(path string, r Rendering, name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		ext, path = ".png", path+".png"
	}
	var write func(io.Writer) error
	switch ext {
	case ".png":
		write = func(w io.Writer) error { return png.Encode(w, r.Image) }
	case ".svg":
		if r.SVG != nil {
			write = r.SVG
			break
		}
		if r.Plot == nil {
			return "", fmt.Errorf("the %s view is not a chart, so it has no SVG form: save it as .png", name)
		}
		write = func(w io.Writer) error { return viz.WriteSVG(w, r.Plot, svgWidth, svgHeight) }
	case ".csv":
		if r.CSV == nil {
			return "", fmt.Errorf("the %s view has no numbers to save yet: save it as .png", name)
		}
		write = r.CSV
	default:
		return "", fmt.Errorf("cannot export as %q: name the file .png, .svg or .csv", ext)
	}
	if err := atomicfile.Write(path, write); err != nil {
		return "", fmt.Errorf("could not export the %s view: %w", name, err)
	}
	return path, nil
}

// WriteGIF writes frames as an animated GIF to path.
func WriteGIF(path string, frames []image.Image) error {
	g, err := viz.TimelineGIF(frames, GIFDelay)
	if err == nil {
		err = atomicfile.Write(path, func(w io.Writer) error { return viz.WriteGIF(w, g) })
	}
	if err != nil {
		return fmt.Errorf("could not save the timeline: %w", err)
	}
	return nil
}
