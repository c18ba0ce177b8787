package faceio

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"visage/internal/npy"
)

// OpenOptions are the settings of OpenDataset.
type OpenOptions struct {
	// LoadOptions apply to folders. Their Pipeline and Progress also serve
	// array files. A Pipeline Width or Height of 0 means the arrays' own
	// image size for array files, and that of DefaultPipeline for folders.
	LoadOptions

	// Order is the pixel layout of the rows of array files.
	Order ArrayOrder
}

// OpenDataset loads the dataset at path, chosen by its content rather
// than by its name:
//
//   - a folder: Load with opt.LoadOptions, where a pipeline Width or Height
//     of 0 means that of DefaultPipeline (23×28).
//   - a zip file: LoadNPZ.
//   - an .npy file: LoadNPY, with the labels in the file beside it whose
//     name has the leading X or x replaced by y, or else by Y: X.npy and
//     x.npy go with y.npy, X_train.npy with y_train.npy.
//   - an IDX images file, gzip-compressed or not: LoadIDX. The labels file
//     beside it has the same name with "images" replaced by "labels" and
//     "idx3" by "idx1", with or without a ".gz" suffix. So
//     train-images-idx3-ubyte.gz goes with train-labels-idx1-ubyte.gz or
//     train-labels-idx1-ubyte, and t10k-images-idx3-ubyte with
//     t10k-labels-idx1-ubyte.
//
// Errors name path, what was expected, and where a labels file was
// looked for.
func OpenDataset(ctx context.Context, path string, opt OpenOptions) (*Dataset, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("faceio: open dataset: %w", err)
	}
	if info.IsDir() {
		return openFolder(ctx, path, opt.LoadOptions)
	}
	return openArrays(ctx, path, ArrayOptions{
		Pipeline: opt.Pipeline,
		Order:    opt.Order,
		Progress: opt.Progress,
	})
}

// openArrays opens an .npz, .npy or IDX file.
func openArrays(ctx context.Context, path string, opt ArrayOptions) (*Dataset, error) {
	kind, err := sniffDataset(path)
	if err != nil {
		return nil, fmt.Errorf("faceio: open dataset %s: %w", path, err)
	}
	switch kind {
	case kindNPZ:
		return LoadNPZ(ctx, path, opt)
	case kindNPY:
		labels, err := findLabels(path, npyLabelNames(filepath.Base(path)),
			"a name starting with X or x, such as X.npy beside y.npy")
		if err != nil {
			return nil, err
		}
		return LoadNPY(ctx, path, labels, opt)
	}
	labels, err := findLabels(path, idxLabelNames(filepath.Base(path)),
		"a name containing \"images\", such as train-images-idx3-ubyte beside "+
			"train-labels-idx1-ubyte")
	if err != nil {
		return nil, err
	}
	return LoadIDX(ctx, path, labels, opt)
}

func openFolder(ctx context.Context, path string, opt LoadOptions) (*Dataset, error) {
	if opt.Pipeline.Width == 0 {
		opt.Pipeline.Width = DefaultPipeline().Width
	}
	if opt.Pipeline.Height == 0 {
		opt.Pipeline.Height = DefaultPipeline().Height
	}
	return Load(ctx, os.DirFS(path), opt)
}

// datasetKind is the type of a dataset file.
type datasetKind int

const (
	kindNPZ datasetKind = iota
	kindNPY
	kindIDX
)

// expectedDataset describes the paths OpenDataset accepts, for messages.
const expectedDataset = "expected a folder with one subfolder per person, " +
	"an .npz file with arrays X and y, an .npy file of images such as X.npy, " +
	"or an MNIST IDX images file such as train-images-idx3-ubyte"

// sniffDataset returns the kind of the file at path from its first bytes.
// It looks inside gzip data for the IDX magic number.
// IsDataset reports whether OpenDataset would treat path as a dataset: a
// folder, or a file whose content starts like an .npz, an .npy or an IDX
// images file. It does not check that the dataset loads.
func IsDataset(path string) bool {
	info, err := os.Stat(path)
	if err != nil {
		return false
	}
	if info.IsDir() {
		return true
	}
	_, err = sniffDataset(path)
	return err == nil
}

func sniffDataset(path string) (datasetKind, error) {
	// Opening a named pipe or a device could block for ever.
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return 0, fmt.Errorf("not a regular file: %s", expectedDataset)
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	head = head[:n]
	if err != nil && n == 0 {
		return 0, fmt.Errorf("file is empty: %s", expectedDataset)
	}

	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")),
		bytes.HasPrefix(head, []byte("PK\x05\x06")): // a zip file, or an empty one
		return kindNPZ, nil
	case bytes.HasPrefix(head, []byte(npy.Magic)):
		return kindNPY, nil
	case bytes.HasPrefix(head, []byte(gzipMagic)):
		return sniffGzip(f)
	}
	return sniffIDX(head, "file")
}

// sniffGzip checks that the gzip file f contains IDX data.
func sniffGzip(f *os.File) (datasetKind, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	gz, err := gzip.NewReader(f)
	if err != nil {
		return 0, fmt.Errorf("invalid gzip data: %w", err)
	}
	defer gz.Close()
	head := make([]byte, 4)
	n, _ := io.ReadFull(gz, head)
	return sniffIDX(head[:n], "gzip data")
}

// sniffIDX checks that head starts an IDX images file. container names
// what head was read from, for messages.
func sniffIDX(head []byte, container string) (datasetKind, error) {
	if len(head) < 4 || head[0] != 0 || head[1] != 0 {
		if len(head) > 0 && head[0] == 0x80 {
			return 0, errors.New("file is a Python pickle (it starts with byte " +
				"0x80), and pickles are never loaded: " + expectedDataset)
		}
		return 0, fmt.Errorf("%s starts with % x, which is not a known dataset "+
			"format: %s", container, head, expectedDataset)
	}
	if head[2] == idxUnsignedByte && head[3] == idxLabelDims {
		return 0, errors.New("IDX labels file: open the images file instead, " +
			"such as train-images-idx3-ubyte, and its labels are found beside it")
	}
	// The third byte of an IDX file is its element type, one of 0x08, 0x09
	// and 0x0b to 0x0e, and the fourth its number of dimensions. Photo and
	// video formats that also start with two zero bytes, such as HEIC and
	// MP4, fail this check.
	validType := head[2] == 0x08 || head[2] == 0x09 || head[2] >= 0x0b && head[2] <= 0x0e
	if !validType || head[3] != idxImageDims {
		return 0, fmt.Errorf("%s starts with % x, which is not an IDX images file "+
			"(00 00 08 03) or another known dataset format: %s", container, head, expectedDataset)
	}
	return kindIDX, nil
}

// npyLabelNames returns the names that the labels file of the .npy images
// file base may have.
func npyLabelNames(base string) []string {
	if !strings.HasPrefix(base, "X") && !strings.HasPrefix(base, "x") {
		return nil
	}
	return []string{"y" + base[1:], "Y" + base[1:]}
}

// idxLabelNames returns the names that the labels file of the IDX images
// file base may have.
func idxLabelNames(base string) []string {
	if !strings.Contains(base, "images") {
		return nil
	}
	name := strings.Replace(base, "images", "labels", 1)
	name = strings.Replace(name, "idx3", "idx1", 1)
	other := name + ".gz"
	if trimmed, ok := strings.CutSuffix(name, ".gz"); ok {
		other = trimmed
	}
	return []string{name, other}
}

// findLabels returns the first of names that exists in the folder of the
// images file path. rule describes the naming rule for messages.
func findLabels(path string, names []string, rule string) (string, error) {
	if len(names) == 0 {
		return "", fmt.Errorf("faceio: open dataset %s: cannot tell which file "+
			"holds the labels: expected %s", path, rule)
	}
	var tried []string
	for _, name := range names {
		labels := filepath.Join(filepath.Dir(path), name)
		if info, err := os.Stat(labels); err == nil && !info.IsDir() {
			return labels, nil
		}
		tried = append(tried, labels)
	}
	return "", fmt.Errorf("faceio: open dataset %s: no labels file: looked for %s",
		path, strings.Join(tried, " and "))
}
