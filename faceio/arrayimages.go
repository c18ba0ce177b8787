package faceio

import (
	"context"
	"fmt"
	"image"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"visage/internal/npy"
)

// imageLayout is the mapping from the elements of an image array to the
// pixels of upright images.
type imageLayout struct {
	count, width, height int

	// rowShape is the shape of one image in the array: (n) for an (m, n)
	// array, (a, b) for an (m, a, b) array.
	rowShape []int

	// positions[j] is the storage position, relative to the image's first
	// element, of element j of an image's row in C order.
	positions []int

	// pixels[k] is the relative storage position of pixel k = y*width + x.
	pixels []int

	// stride is the distance in storage between the first elements of
	// consecutive images. It is 1 in Fortran order.
	stride int
}

// newImageLayout checks the shape of an image array and resolves order.
func newImageLayout(a *array, order ArrayOrder) (imageLayout, error) {
	l := imageLayout{}
	shape := a.Shape()
	switch len(shape) {
	case 2:
		side := int(math.Sqrt(float64(shape[1])))
		for side*side < shape[1] {
			side++
		}
		if side*side != shape[1] {
			return l, imageShapeError(a)
		}
		l.width, l.height = side, side
	case 3:
		l.width, l.height = shape[2], shape[1]
	default:
		return l, imageShapeError(a)
	}
	l.count, l.rowShape = shape[0], shape[1:]
	if l.count == 0 || l.width == 0 || l.height == 0 {
		return l, fmt.Errorf("faceio: %s: no images in an array of shape %s",
			a.source, npy.FormatShape(shape))
	}
	if err := checkArrayImages(a, l); err != nil {
		return l, err
	}

	if order == ArrayAuto {
		order = ArrayRowMajor
		if len(shape) == 2 && shape[1] == 400 {
			order = ArrayColumnMajor
		}
	}
	if order == ArrayColumnMajor && len(shape) == 3 {
		l.width, l.height = l.height, l.width
	}
	l.setPositions(a.Fortran())
	l.setPixels(order)
	return l, nil
}

// Limits of the image arrays that the loaders convert. Each image becomes
// a Face with its own input row and thumbnail, which take far more memory
// than the array's bytes, so the limits count images and pixels.
const (
	// MaxArrayImages is the largest number of images in an array.
	MaxArrayImages = 1 << 20
	// MaxArrayImageSide is the largest width or height of an array image.
	MaxArrayImageSide = 4096
)

func checkArrayImages(a *array, l imageLayout) error {
	switch {
	case l.count > MaxArrayImages:
		return fmt.Errorf("faceio: %s: array of shape %s holds %d images, more than "+
			"the %d Visage converts: use a subset", a.source, npy.FormatShape(a.Shape()),
			l.count, MaxArrayImages)
	case l.width > MaxArrayImageSide || l.height > MaxArrayImageSide:
		return fmt.Errorf("faceio: %s: array of shape %s holds %d×%d images, larger "+
			"than %d pixels on a side: reduce them first", a.source,
			npy.FormatShape(a.Shape()), l.width, l.height, MaxArrayImageSide)
	}
	return nil
}

func imageShapeError(a *array) error {
	return fmt.Errorf("faceio: %s: images array has shape %s: expected (m, n) "+
		"with n a square number of pixels, such as (m, 400) for 20×20 images, "+
		"or (m, height, width)", a.source, npy.FormatShape(a.Shape()))
}

func (l *imageLayout) setPositions(fortran bool) {
	n := l.width * l.height
	l.positions = make([]int, n)
	l.stride = n
	if fortran {
		l.stride = 1
	}
	for j := range l.positions {
		switch {
		case !fortran:
			l.positions[j] = j
		case len(l.rowShape) == 1:
			l.positions[j] = j * l.count
		default: // element [i, a, b] is at i + count*(a + rows*b)
			rows, columns := l.rowShape[0], l.rowShape[1]
			l.positions[j] = l.count * (j/columns + rows*(j%columns))
		}
	}
}

func (l *imageLayout) setPixels(order ArrayOrder) {
	l.pixels = make([]int, l.width*l.height)
	for y := range l.height {
		for x := range l.width {
			j := y*l.width + x
			if order == ArrayColumnMajor {
				j = x*l.height + y
			}
			l.pixels[y*l.width+x] = l.positions[j]
		}
	}
}

// index formats the array index of element j of image i, as in X[17, 203].
func (l imageLayout) index(i, j int) string {
	if len(l.rowShape) == 1 {
		return fmt.Sprintf("[%d, %d]", i, j)
	}
	columns := l.rowShape[1]
	return fmt.Sprintf("[%d, %d, %d]", i, j/columns, j%columns)
}

// pixelScale is the linear map from an array value v to the gray value
// (v/2 - offset/2) * factor. Halving keeps the difference finite when the
// values span more than the float64 range, as from -1e308 to 1e308.
type pixelScale struct {
	offset, factor float64
}

func (s pixelScale) gray(v float64) float64 { return (v/2 - s.offset/2) * s.factor }

// newPixelScale returns the scale that maps the values of an image array
// to [0,1], as LoadNPY describes, or an error for a NaN or infinite value.
func newPixelScale(a *array, l imageLayout) (pixelScale, error) {
	switch {
	case a.DType().Kind == 'u' && a.DType().Size == 1:
		return pixelScale{factor: 2.0 / 255}, nil
	case a.DType().Kind == 'b':
		return pixelScale{factor: 2}, nil
	}

	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range l.count {
		for j, pos := range l.positions {
			v := a.At(i*l.stride + pos)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return pixelScale{}, fmt.Errorf("faceio: %s: value %v at index %s: "+
					"pixels must be finite numbers, so replace missing values first, "+
					"such as with numpy.nan_to_num", a.source, v, l.index(i, j))
			}
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	switch {
	case lo >= 0 && hi <= 1:
		return pixelScale{factor: 2}, nil
	case hi > lo:
		return pixelScale{offset: lo, factor: 1 / (hi/2 - lo/2)}, nil
	}
	return pixelScale{offset: lo, factor: 0}, nil
}

// arrayImages is an image array ready for conversion.
type arrayImages struct {
	array  *array
	layout imageLayout
	scale  pixelScale
}

// image returns image i upright, as 16-bit gray values.
func (s arrayImages) image(i int) *image.Gray16 {
	l := s.layout
	img := image.NewGray16(image.Rect(0, 0, l.width, l.height))
	base := i * l.stride
	for k, pos := range l.pixels {
		v := s.scale.gray(s.array.At(base + pos))
		g := uint16(math.Round(0xffff * min(max(v, 0), 1)))
		img.Pix[2*k], img.Pix[2*k+1] = uint8(g>>8), uint8(g)
	}
	return img
}

// face converts image i with the pipeline p.
func (s arrayImages) face(i int, p Pipeline) Face {
	img := s.image(i)
	return Face{
		Path:      fmt.Sprintf("%s[%d]", s.array.base, i),
		Input:     p.Apply(img),
		Thumbnail: arrayThumbnail(img),
	}
}

// convertBatch is the number of images converted between checks of the
// context and calls of the progress function.
const convertBatch = 256

// convertImages converts every image of src on GOMAXPROCS goroutines. It
// returns ctx.Err() if ctx is cancelled before all are converted.
func convertImages(ctx context.Context, src arrayImages, p Pipeline,
	progress func(done, total int)) ([]Face, error) {

	total := src.layout.count
	faces := make([]Face, total)
	batches := (total + convertBatch - 1) / convertBatch
	finished := make(chan int) // the number of images in each finished batch
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), batches) {
		wg.Go(func() {
			for {
				b := int(next.Add(1) - 1)
				if b >= batches || ctx.Err() != nil {
					return
				}
				start, end := b*convertBatch, min((b+1)*convertBatch, total)
				for i := start; i < end; i++ {
					faces[i] = src.face(i, p)
				}
				finished <- end - start
			}
		})
	}
	go func() {
		wg.Wait()
		close(finished)
	}()

	done := 0
	for n := range finished {
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	if done < total {
		return nil, ctx.Err()
	}
	return faces, nil
}

// smallThumbnail is the side under which array thumbnails are doubled.
const smallThumbnail = 56

// arrayThumbnail returns Thumbnail(img), doubled in size by repeating
// each pixel if both sides are under smallThumbnail pixels.
//
// NOTE: the doubled 56×56 thumbnails of the 60000 MNIST training images
// take 188 MB, half as much as their 28×28 float64 inputs.
func arrayThumbnail(img image.Image) *image.Gray {
	small := Thumbnail(img)
	w, h := small.Rect.Dx(), small.Rect.Dy()
	if max(w, h) >= smallThumbnail {
		return small
	}
	big := image.NewGray(image.Rect(0, 0, 2*w, 2*h))
	for y := range 2 * h {
		for x := range 2 * w {
			big.Pix[y*big.Stride+x] = small.Pix[(y/2)*small.Stride+x/2]
		}
	}
	return big
}
