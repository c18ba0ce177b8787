package model

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"

	"gonum.org/v1/gonum/mat"
)

// A model file is, in order:
//
//	magic     8 bytes "VISAGEMF"
//	version   uint32, little-endian (FileVersion)
//	length    uint32, little-endian: size of the header in bytes
//	header    JSON (fileHeader)
//	weights   float64 little-endian: for each layer, W row by row, then B
//	checksum  uint32, little-endian: CRC-32C of every byte before it
//
// Decode validates the header before it allocates any weights.
const (
	fileMagic = "VISAGEMF"

	// FileVersion is the version of the model files Encode writes.
	// Version 1 files, which give one activation for all hidden layers,
	// are read too.
	FileVersion = 2

	maxHeaderBytes = 1 << 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type fileHeader struct {
	Sizes []int `json:"sizes"`
	// Activations has one entry per hidden layer. Version 1 files have
	// Activation, for all hidden layers, instead.
	Activations   []Activation `json:"activations,omitempty"`
	Activation    Activation   `json:"activation,omitempty"`
	Output        OutputKind   `json:"output"`
	Classes       []string     `json:"classes"`
	Grid          fileGrid     `json:"grid"`
	Preprocessing string       `json:"preprocessing,omitempty"`
}

type fileGrid struct {
	Width  int   `json:"width"`
	Height int   `json:"height"`
	Order  Order `json:"order"`
}

// header returns the JSON header of n's model file, or an error if it is
// too long for Decode to accept.
func (n *Network) header() ([]byte, error) {
	header, err := json.Marshal(fileHeader{
		Sizes:         n.Sizes(),
		Activations:   n.Activations(),
		Output:        n.Output,
		Classes:       n.Classes,
		Grid:          fileGrid{n.Grid.Width, n.Grid.Height, n.Grid.Order},
		Preprocessing: n.Preprocessing,
	})
	if err != nil {
		return nil, fmt.Errorf("model: encode header: %w", err)
	}
	if len(header) > maxHeaderBytes {
		return nil, fmt.Errorf("model: the class names and settings take %d bytes, more than the %d a model file allows: "+
			"use fewer or shorter class names", len(header), maxHeaderBytes)
	}
	return header, nil
}

// Encode writes n in the model file format.
func (n *Network) Encode(w io.Writer) error {
	header, err := n.header()
	if err != nil {
		return err
	}

	sum := crc32.New(castagnoli)
	bw := bufio.NewWriter(io.MultiWriter(w, sum))
	bw.WriteString(fileMagic)
	binary.Write(bw, binary.LittleEndian, [2]uint32{FileVersion, uint32(len(header))})
	bw.Write(header)
	var buf [8]byte
	for _, params := range parameters(n.Layers) {
		for _, v := range params {
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
			bw.Write(buf[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("model: write: %w", err)
	}
	binary.LittleEndian.PutUint32(buf[:4], sum.Sum32())
	if _, err := w.Write(buf[:4]); err != nil {
		return fmt.Errorf("model: write: %w", err)
	}
	return nil
}

// Decode reads a network written by Encode. It checks the file's magic,
// version, header, checksum and that every weight is finite, and reads
// nothing past the checksum.
func Decode(r io.Reader) (*Network, error) {
	sum := crc32.New(castagnoli)
	tr := io.TeeReader(r, sum)
	h, err := decodeHeader(tr)
	if err != nil {
		return nil, err
	}
	net := &Network{
		Output:        h.Output,
		Classes:       h.Classes,
		Grid:          Grid{h.Grid.Width, h.Grid.Height, h.Grid.Order},
		Preprocessing: h.Preprocessing,
	}
	for l := 1; l < len(h.Sizes); l++ {
		r, c := h.Sizes[l-1], h.Sizes[l]
		layer := Layer{W: mat.NewDense(r, c, nil), B: make([]float64, c)}
		if l-1 < len(h.Activations) {
			layer.Activation = h.Activations[l-1]
		}
		net.Layers = append(net.Layers, layer)
	}
	if err := readWeights(tr, parameters(net.Layers)); err != nil {
		return nil, err
	}
	if err := checkSum(r, sum); err != nil {
		return nil, err
	}
	return net, nil
}

func decodeHeader(r io.Reader) (fileHeader, error) {
	var h fileHeader
	var start struct {
		Magic   [8]byte
		Version uint32
		Length  uint32
	}
	if err := binary.Read(r, binary.LittleEndian, &start); err != nil {
		return h, fmt.Errorf("model: not a model file: %w", unexpected(err))
	}
	switch {
	case string(start.Magic[:]) != fileMagic:
		return h, errors.New("model: not a model file: wrong magic bytes")
	case start.Version != 1 && start.Version != FileVersion:
		return h, fmt.Errorf("model: file version %d is not supported: this build reads versions 1 to %d",
			start.Version, FileVersion)
	case start.Length > maxHeaderBytes:
		return h, fmt.Errorf("model: header of %d bytes exceeds the limit of %d", start.Length, maxHeaderBytes)
	}
	buf := make([]byte, start.Length)
	if _, err := io.ReadFull(r, buf); err != nil {
		return h, fmt.Errorf("model: read header: %w", unexpected(err))
	}
	dec := json.NewDecoder(bytes.NewReader(buf))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return h, fmt.Errorf("model: invalid header: %w", err)
	}
	if start.Version == 1 && len(h.Sizes) >= 2 {
		h.Activations = make([]Activation, len(h.Sizes)-2)
		for i := range h.Activations {
			h.Activations[i] = h.Activation
		}
	}
	return h, checkHeader(h)
}

func checkHeader(h fileHeader) error {
	if len(h.Sizes) < 2 {
		return fmt.Errorf("model: invalid header: %d layer sizes, want at least 2", len(h.Sizes))
	}
	g := Grid{h.Grid.Width, h.Grid.Height, h.Grid.Order}
	if err := validate(h.Sizes, g, h.Activations, h.Output, h.Classes); err != nil {
		return fmt.Errorf("model: invalid header: %w", err)
	}
	return nil
}

// readWeights fills params from r in chunks, reading exactly the bytes the
// weights take so the checksum after them stays unread.
func readWeights(r io.Reader, params [][]float64) error {
	buf := make([]byte, 8*4096)
	for k, p := range params {
		for start := 0; start < len(p); start += len(buf) / 8 {
			chunk := p[start:min(start+len(buf)/8, len(p))]
			b := buf[:8*len(chunk)]
			if _, err := io.ReadFull(r, b); err != nil {
				return fmt.Errorf("model: read weights: %w", unexpected(err))
			}
			for i := range chunk {
				v := math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return fmt.Errorf("model: parameter %d of array %d is %v: the file is damaged", start+i, k, v)
				}
				chunk[i] = v
			}
		}
	}
	return nil
}

// checkSum reads the stored checksum from r, which must not feed sum, and
// compares it with the checksum of everything read before.
func checkSum(r io.Reader, sum hash.Hash32) error {
	var stored uint32
	if err := binary.Read(r, binary.LittleEndian, &stored); err != nil {
		return fmt.Errorf("model: read checksum: %w", unexpected(err))
	}
	if got := sum.Sum32(); got != stored {
		return fmt.Errorf("model: checksum mismatch (stored %08x, computed %08x): the file is damaged", stored, got)
	}
	return nil
}

// unexpected turns an end of file in the middle of a model into an error
// that reports the file as truncated.
func unexpected(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("file is truncated: %w", io.ErrUnexpectedEOF)
	}
	return err
}
