package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func testNetwork(t *testing.T, output OutputKind) *Network {
	t.Helper()
	classes := []string{"Ada", "Émile", "李"}
	if output == Binary {
		classes = classes[:1]
	}
	net, err := New(Config{
		Grid: Grid{Width: 4, Height: 3}, Hidden: []int{5, 3},
		Classes: classes, Output: output, Seed: 42,
	})
	if err != nil {
		t.Fatal(err)
	}
	net.Preprocessing = `{"crop":"center"}`
	return net
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, output := range []OutputKind{Softmax, Binary} {
		net := testNetwork(t, output)
		var buf bytes.Buffer
		if err := net.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		got, err := Decode(&buf)
		if err != nil {
			t.Fatalf("%s: Decode: %v", output, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes left unread after the model", output, buf.Len())
		}
		if got.Grid != net.Grid || got.Preprocessing != net.Preprocessing ||
			got.Output != net.Output || !slices.Equal(got.Activations(), net.Activations()) {
			t.Errorf("%s: metadata = %+v, want %+v", output, got, net)
		}
		if strings.Join(got.Classes, ",") != strings.Join(net.Classes, ",") {
			t.Errorf("%s: classes = %q, want %q", output, got.Classes, net.Classes)
		}
		x, _ := randomData(5, net.Inputs(), 2, 1)
		for i := range 5 {
			wantP, wantZ := net.Predict(x.RawRowView(i))
			gotP, gotZ := got.Predict(x.RawRowView(i))
			for j := range wantP {
				if gotP[j] != wantP[j] || gotZ[j] != wantZ[j] {
					t.Errorf("%s: sample %d output %d: p=%v z=%v after load, want p=%v z=%v",
						output, i, j, gotP[j], gotZ[j], wantP[j], wantZ[j])
				}
			}
		}
	}
}

// encodeWith writes a model file whose header and parameters are given, with
// a correct checksum.
func encodeWith(header any, params int) []byte {
	h, _ := json.Marshal(header)
	var buf bytes.Buffer
	buf.WriteString(fileMagic)
	binary.Write(&buf, binary.LittleEndian, [2]uint32{FileVersion, uint32(len(h))})
	buf.Write(h)
	buf.Write(make([]byte, 8*params))
	binary.Write(&buf, binary.LittleEndian, crc32.Checksum(buf.Bytes(), castagnoli))
	return buf.Bytes()
}

func TestDecodeRejectsBadFiles(t *testing.T) {
	net := testNetwork(t, Softmax)
	var good bytes.Buffer
	net.Encode(&good)
	valid := good.Bytes()
	header := func(edit func(h *fileHeader)) fileHeader {
		h := fileHeader{Sizes: []int{12, 5, 3}, Activations: []Activation{Sigmoid}, Output: Softmax,
			Classes: []string{"a", "b", "c"}, Grid: fileGrid{4, 3, RowMajor}}
		edit(&h)
		return h
	}
	withByte := func(i int, b byte) []byte {
		c := bytes.Clone(valid)
		c[i] = b
		return c
	}
	nanWeight := bytes.Clone(valid)
	headerEnd := 16 + int(binary.LittleEndian.Uint32(valid[12:16]))
	binary.LittleEndian.PutUint64(nanWeight[headerEnd:], math.Float64bits(math.NaN()))
	binary.LittleEndian.PutUint32(nanWeight[len(nanWeight)-4:],
		crc32.Checksum(nanWeight[:len(nanWeight)-4], castagnoli))

	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "truncated"},
		{"wrong magic", append([]byte("PNGPNGPN"), valid[8:]...), "wrong magic"},
		{"future version", withByte(8, 9), "version 9 is not supported"},
		{"huge header", withByte(15, 0x7f), "exceeds the limit"},
		{"truncated header", valid[:20], "truncated"},
		{"truncated weights", valid[:len(valid)-40], "truncated"},
		{"missing checksum", valid[:len(valid)-2], "truncated"},
		{"flipped weight bit", withByte(len(valid)-20, valid[len(valid)-20]^1), "checksum mismatch"},
		{"NaN weight", nanWeight, "is NaN"},
		{"too few classes", encodeWith(header(func(h *fileHeader) { h.Classes = h.Classes[:2] }), 0), "3 outputs for 2 classes"},
		{"grid mismatch", encodeWith(header(func(h *fileHeader) { h.Grid.Width = 5 }), 0), "do not fill"},
		{"bad order", encodeWith(header(func(h *fileHeader) { h.Grid.Order = "diagonal" }), 0), "unknown grid order"},
		{"bad activation", encodeWith(header(func(h *fileHeader) { h.Activations[0] = "swish" }), 0), "unknown activation"},
		{"missing activation", encodeWith(header(func(h *fileHeader) { h.Activations = nil }), 0), "0 activations for 1 hidden layers"},
		{"zero units", encodeWith(header(func(h *fileHeader) { h.Sizes[1] = 0 }), 0), "has 0 units"},
		{"one layer", encodeWith(header(func(h *fileHeader) { h.Sizes = h.Sizes[:1] }), 0), "at least 2"},
		{"too many parameters", encodeWith(header(func(h *fileHeader) {
			h.Grid = fileGrid{1000, 1000, RowMajor}
			h.Sizes = []int{1000 * 1000, 1000, 3}
		}), 0), "more than"},
		{"unknown field", encodeWith(map[string]any{"sizes": []int{12, 3}, "colour": "red"}, 0), "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net, err := Decode(bytes.NewReader(tt.data))
			if err == nil {
				t.Fatalf("Decode succeeded with %d layers, want error containing %q", len(net.Layers), tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestDecodeVersion1 reads a version 1 file, which names one activation
// for all hidden layers.
func TestDecodeVersion1(t *testing.T) {
	h, _ := json.Marshal(map[string]any{
		"sizes": []int{4, 3, 2, 2}, "activation": "tanh", "output": "softmax",
		"classes": []string{"a", "b"}, "grid": map[string]any{"width": 2, "height": 2, "order": "row-major"},
	})
	var buf bytes.Buffer
	buf.WriteString(fileMagic)
	binary.Write(&buf, binary.LittleEndian, [2]uint32{1, uint32(len(h))})
	buf.Write(h)
	buf.Write(make([]byte, 8*((4+1)*3+(3+1)*2+(2+1)*2)))
	binary.Write(&buf, binary.LittleEndian, crc32.Checksum(buf.Bytes(), castagnoli))
	net, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := net.Activations(); !slices.Equal(got, []Activation{Tanh, Tanh}) {
		t.Errorf("activations = %v, want tanh for both hidden layers", got)
	}
}

// TestDecodeHugeHeaderAllocatesLittle checks that a file declaring a huge
// network is rejected from its header, before the weights are allocated.
func TestDecodeHugeHeaderAllocatesLittle(t *testing.T) {
	data := encodeWith(fileHeader{
		Sizes: []int{1 << 20, 1 << 20, 2}, Activations: []Activation{Sigmoid}, Output: Softmax,
		Classes: []string{"a", "b"}, Grid: fileGrid{1 << 10, 1 << 10, RowMajor},
	}, 0)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Decode(bytes.NewReader(data))
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "weights and biases") {
		t.Errorf("Decode error = %v, want the parameter limit", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("Decode allocated %d bytes for a rejected header, want at most 1 MiB", n)
	}
}
