package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
)

// npyAlign is the size that the magic, version, length and header of an
// .npy file are padded to, as numpy pads them, so the data is aligned.
const npyAlign = 64

// writeNPY writes an array in the .npy format, version 1.0. The file is the
// magic "\x93NUMPY", the version bytes 1 and 0, the header length as a
// little-endian uint16, and a Python dict literal padded with spaces and
// ended by a newline. The values follow in C order. data is a []float32 or
// an []int32 with as many values as shape gives, and writeNPY panics
// otherwise.
func writeNPY(w io.Writer, shape []int, data any) error {
	var descr string
	var count int
	switch d := data.(type) {
	case []float32:
		descr, count = "<f4", len(d)
	case []int32:
		descr, count = "<i4", len(d)
	default:
		panic(fmt.Sprintf("npy: unsupported data type %T", data))
	}
	dims := make([]string, len(shape))
	size := 1
	for i, n := range shape {
		dims[i] = fmt.Sprint(n)
		size *= n
	}
	if size != count {
		panic(fmt.Sprintf("npy: %d values for shape %v", count, shape))
	}
	tuple := strings.Join(dims, ", ")
	if len(shape) == 1 {
		tuple += ","
	}
	header := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (%s), }",
		descr, tuple)
	prefix := 6 + 2 + 2 // magic, version, header length
	pad := npyAlign - (prefix+len(header)+1)%npyAlign
	header += strings.Repeat(" ", pad%npyAlign) + "\n"
	if len(header) > math.MaxUint16 {
		panic(fmt.Sprintf("npy: header of %d bytes is too long for version 1.0",
			len(header)))
	}

	bw := bufio.NewWriter(w)
	bw.WriteString("\x93NUMPY\x01\x00")
	binary.Write(bw, binary.LittleEndian, uint16(len(header)))
	bw.WriteString(header)
	if err := binary.Write(bw, binary.LittleEndian, data); err != nil {
		return err
	}
	return bw.Flush()
}

// writeNPYFile writes an .npy file at path, keeping the error of Close.
func writeNPYFile(path string, shape []int, data any) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := writeNPY(f, shape, data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
