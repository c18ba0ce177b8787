package faceio

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"

	"visage/internal/npy"
)

// The IDX format of the MNIST files: two zero bytes, a type byte, the
// number of dimensions, then each dimension as a big-endian uint32, then
// the data in C order. Images files have 3 dimensions (count, rows,
// columns) and labels files 1 (count).
const (
	idxUnsignedByte = 0x08
	idxImageDims    = 3
	idxLabelDims    = 1
)

var idxTypeNames = map[byte]string{
	0x08: "unsigned byte",
	0x09: "signed byte",
	0x0B: "short",
	0x0C: "int",
	0x0D: "float",
	0x0E: "double",
}

// gzipMagic starts every gzip stream.
const gzipMagic = "\x1f\x8b"

// LoadIDX loads a dataset from an MNIST images file and labels file in
// the IDX format, such as train-images-idx3-ubyte and
// train-labels-idx1-ubyte. Either file may be gzip-compressed, which is
// detected from its first bytes, not from its name. Both must contain
// unsigned bytes: the images with 3 dimensions (count, rows, columns) and
// the labels with 1 (count), and the counts must match. Pixels are divided
// by 255, and with ArrayAuto the images are row-major, as MNIST stores
// them. Labels, classes, face paths and thumbnails follow LoadNPY.
//
// The length of a file that is not compressed is checked against its
// header before the data is allocated. A compressed file is read up to the
// length its header declares, and must end there.
func LoadIDX(ctx context.Context, imagesPath, labelsPath string,
	opt ArrayOptions) (*Dataset, error) {

	if err := opt.validate(); err != nil {
		return nil, err
	}
	images, err := loadIDXFile(imagesPath, idxImageDims)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("faceio: load %s: %w", imagesPath, err)
	}
	labels, err := loadIDXFile(labelsPath, idxLabelDims)
	if err != nil {
		return nil, err
	}
	return arrayDataset(ctx, images, labels, opt)
}

func loadIDXFile(path string, dims int) (*array, error) {
	f, size, err := openArrayFile(path, "IDX")
	if err != nil {
		return nil, err
	}
	defer f.Close()

	a, err := readIDX(f, dims, size)
	if err != nil {
		return nil, fmt.Errorf("faceio: %s: %w", path, err)
	}
	a.source, a.base = path, filepath.Base(path)
	return a, nil
}

// ReadIDX is LoadIDX for data that is not in files, such as embedded
// data. name identifies the images in messages and face paths, and
// "name labels" the labels in messages.
func ReadIDX(ctx context.Context, images, labels io.Reader, name string,
	opt ArrayOptions) (*Dataset, error) {

	if err := opt.validate(); err != nil {
		return nil, err
	}
	imageArray, err := readIDX(images, idxImageDims, -1)
	if err != nil {
		return nil, fmt.Errorf("faceio: %s: %w", name, err)
	}
	imageArray.source, imageArray.base = name, name

	labelArray, err := readIDX(labels, idxLabelDims, -1)
	if err != nil {
		return nil, fmt.Errorf("faceio: %s labels: %w", name, err)
	}
	labelArray.source, labelArray.base = name+" labels", name
	return arrayDataset(ctx, imageArray, labelArray, opt)
}

// readIDX reads an IDX file of unsigned bytes with dims dimensions from
// r, decompressing it if it starts with the gzip magic. size is the
// length of r in bytes, or -1 if unknown.
func readIDX(r io.Reader, dims int, size int64) (*array, error) {
	buffered := bufio.NewReader(r)
	magic, err := buffered.Peek(2)
	if err != nil && len(magic) == 0 {
		return nil, errors.New("file is empty")
	}
	r = buffered
	if string(magic) == gzipMagic {
		gz, err := gzip.NewReader(buffered)
		if err != nil {
			return nil, fmt.Errorf("invalid gzip data: %w", err)
		}
		defer gz.Close()
		r, size = gz, -1
	}

	shape, err := readIDXHeader(r, dims)
	if err != nil {
		return nil, err
	}
	t := npy.DType{Descr: "|u1", Kind: 'u', Size: 1}
	need, err := npy.DataSize(shape, t)
	if err != nil {
		return nil, err
	}
	available := int64(-1)
	if size >= 0 {
		available = size - int64(4+4*dims)
	}
	data, err := npy.ReadData(r, need, available, idxDeclared(shape))
	if err != nil {
		return nil, err
	}
	return &array{Array: npy.NewArray(t, shape, false, data)}, nil
}

// readIDXHeader reads the magic number and the dimensions, which must be
// dims of unsigned bytes.
func readIDXHeader(r io.Reader, dims int) ([]int, error) {
	var magic [4]byte
	if _, err := io.ReadFull(r, magic[:]); err != nil {
		return nil, fmt.Errorf("too short for an IDX file: %w", err)
	}
	if magic[0] != 0 || magic[1] != 0 {
		return nil, fmt.Errorf("not an IDX file: it starts with % x, but IDX "+
			"files start with 00 00 08 03 (images) or 00 00 08 01 (labels)", magic)
	}
	if magic[2] != idxUnsignedByte {
		return nil, idxTypeError(magic[2])
	}
	if int(magic[3]) != dims {
		return nil, idxDimsError(int(magic[3]), dims)
	}

	sizes := make([]byte, 4*dims)
	if _, err := io.ReadFull(r, sizes); err != nil {
		return nil, fmt.Errorf("truncated IDX header: %w", err)
	}
	shape := make([]int, dims)
	for i := range shape {
		d := binary.BigEndian.Uint32(sizes[4*i:])
		if d > math.MaxInt32 {
			return nil, fmt.Errorf("dimension %d of the IDX header is %d, over "+
				"the maximum %d", i, d, math.MaxInt32)
		}
		shape[i] = int(d)
	}
	return shape, nil
}

func idxTypeError(code byte) error {
	name, ok := idxTypeNames[code]
	if !ok {
		return fmt.Errorf("unknown IDX element type 0x%02X: expected 0x08 "+
			"(unsigned byte)", code)
	}
	return fmt.Errorf("IDX element type 0x%02X (%s) is not supported: expected "+
		"0x08 (unsigned byte), as in the MNIST files", code, name)
}

func idxDimsError(got, want int) error {
	if want == idxImageDims {
		return fmt.Errorf("IDX header gives %d as the number of dimensions, "+
			"expected 3 for an images file (count, rows, columns)", got)
	}
	return fmt.Errorf("IDX header gives %d as the number of dimensions, "+
		"expected 1 for a labels file (count)", got)
}

func idxDeclared(shape []int) string {
	if len(shape) == idxImageDims {
		return fmt.Sprintf("%d images of %d×%d bytes", shape[0], shape[1], shape[2])
	}
	return fmt.Sprintf("%d labels of 1 byte", shape[0])
}
