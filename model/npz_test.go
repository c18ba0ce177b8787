package model

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	npyio "github.com/sbinet/npyio/npz"
	"gonum.org/v1/gonum/mat"

	"visage/internal/npy"
	"visage/internal/npy/npytest"
)

// npzNetwork returns a 12-5-3-k network on a 4×3 grid with ReLU and tanh
// hidden layers, k being the number of outputs of the output kind.
func npzNetwork(t *testing.T, output OutputKind) *Network {
	t.Helper()
	classes := []string{"Ada", "Émile", "李"}
	if output == Binary {
		classes = classes[:1]
	}
	net, err := New(Config{
		Grid:        Grid{Width: 4, Height: 3, Order: ColumnMajor},
		Hidden:      []int{5, 3},
		Classes:     classes,
		Output:      output,
		Activations: []Activation{ReLU, Tanh},
		Seed:        7,
	})
	if err != nil {
		t.Fatal(err)
	}
	// Non-zero biases, so that a bias lost or swapped changes the output.
	rng := rand.New(rand.NewPCG(1, 2))
	for _, l := range net.Layers {
		for j := range l.B {
			l.B[j] = rng.NormFloat64()
		}
	}
	net.Preprocessing = `{"crop":"center"}`
	return net
}

// importOptionsOf returns the options that rebuild net from its .npz.
func importOptionsOf(net *Network) ImportOptions {
	return ImportOptions{
		Grid:          net.Grid,
		Classes:       net.Classes,
		Activations:   net.Activations(),
		Output:        net.Output,
		Preprocessing: net.Preprocessing,
	}
}

// exportNPZ returns the .npz that ExportNPZ writes for net.
func exportNPZ(t *testing.T, net *Network) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := net.ExportNPZ(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func importNPZ(data []byte, opt ImportOptions) (*Network, error) {
	return ImportNPZ(bytes.NewReader(data), int64(len(data)), opt)
}

// randomInputs returns rows of values in [0, 1) from a seeded source.
func randomInputs(rows, inputs int) [][]float64 {
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([][]float64, rows)
	for i := range x {
		x[i] = make([]float64, inputs)
		for j := range x[i] {
			x[i][j] = rng.Float64()
		}
	}
	return x
}

func TestNPZRoundTrip(t *testing.T) {
	for _, output := range []OutputKind{Softmax, OneVsRest, Binary} {
		net := npzNetwork(t, output)
		got, err := importNPZ(exportNPZ(t, net), importOptionsOf(net))
		if err != nil {
			t.Fatalf("%s: %v", output, err)
		}
		if !slices.Equal(got.Sizes(), net.Sizes()) {
			t.Errorf("%s: sizes %v, want %v", output, got.Sizes(), net.Sizes())
		}
		if !slices.Equal(got.Activations(), net.Activations()) {
			t.Errorf("%s: activations %v, want %v", output, got.Activations(),
				net.Activations())
		}
		if got.Grid != net.Grid || got.Output != net.Output ||
			got.Preprocessing != net.Preprocessing {
			t.Errorf("%s: grid %v, output %q, preprocessing %q; want %v, %q, %q",
				output, got.Grid, got.Output, got.Preprocessing, net.Grid,
				net.Output, net.Preprocessing)
		}
		if !slices.Equal(got.Classes, net.Classes) {
			t.Errorf("%s: classes %q, want %q", output, got.Classes, net.Classes)
		}
		for i, x := range randomInputs(5, net.Inputs()) {
			wantP, wantZ := net.Predict(x)
			gotP, gotZ := got.Predict(x)
			if !slices.Equal(gotP, wantP) || !slices.Equal(gotZ, wantZ) {
				t.Errorf("%s: sample %d: p=%v z=%v after import, want p=%v z=%v",
					output, i, gotP, gotZ, wantP, wantZ)
			}
		}
	}
}

// TestExportNPZReadByNpyio reads the exported arrays with
// github.com/sbinet/npyio, another implementation of the .npz format.
func TestExportNPZReadByNpyio(t *testing.T) {
	net := npzNetwork(t, Softmax)
	data := exportNPZ(t, net)
	archive, err := npyio.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"W1.npy", "b1.npy", "W2.npy", "b2.npy", "W3.npy", "b3.npy"}
	if got := archive.Keys(); !slices.Equal(got, want) {
		t.Errorf("arrays %q, want %q", got, want)
	}
	for k, l := range net.Layers {
		w := &mat.Dense{}
		if err := archive.Read(layerArrayName("W", k)+".npy", w); err != nil {
			t.Fatalf("layer %d: %v", k+1, err)
		}
		if !mat.Equal(w, l.W) {
			t.Errorf("W%d read by npyio:\n%v\nwant\n%v", k+1, mat.Formatted(w),
				mat.Formatted(l.W))
		}
		var b []float64
		if err := archive.Read(layerArrayName("b", k)+".npy", &b); err != nil {
			t.Fatalf("layer %d: %v", k+1, err)
		}
		if !slices.Equal(b, l.B) {
			t.Errorf("b%d read by npyio = %v, want %v", k+1, b, l.B)
		}
	}
}

// npzMember is a named member of an .npz written by a test.
type npzMember struct {
	name string
	data []byte
}

// writeNPZ returns a zip archive of the members, stored without
// compression, as numpy.savez writes it.
func writeNPZ(t *testing.T, members ...npzMember) []byte {
	t.Helper()
	var b bytes.Buffer
	archive := zip.NewWriter(&b)
	for _, m := range members {
		w, err := archive.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := archive.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// float32NPY returns an .npy file of float32 values written by npy.WriteFloat32.
func float32NPY(t *testing.T, shape []int, values []float64) []byte {
	t.Helper()
	single := make([]float32, len(values))
	for i, v := range values {
		single[i] = float32(v)
	}
	var b bytes.Buffer
	if err := npy.WriteFloat32(&b, shape, single); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The weights and biases of a 4-3-1 network in C order. Float16 and
// float32 represent each value exactly.
var (
	kerasW1 = []float64{0.5, -1, 0.25, 2, 0, -0.5, -1.5, 0.75, 1, 0.125, -0.25, 0.5}
	kerasB1 = []float64{0.125, -0.25, 0.5}
	kerasW2 = []float64{1.5, -2, 0.5}
	kerasB2 = []float64{-0.25}
)

// kerasOutput computes the logit of the 4-3-1 sigmoid network of the kerasW
// and kerasB arrays for x, written out by hand.
func kerasOutput(x []float64) float64 {
	z := kerasB2[0]
	for j := range 3 {
		a := kerasB1[j]
		for i := range 4 {
			a += x[i] * kerasW1[i*3+j]
		}
		z += kerasW2[j] / (1 + math.Exp(-a))
	}
	return z
}

func TestImportNPZKerasFloat32(t *testing.T) {
	w1 := float32NPY(t, []int{4, 3}, kerasW1)
	b1 := float32NPY(t, []int{3}, kerasB1)
	tests := []struct {
		name   string
		w1, b1 []byte
	}{
		{"C order", w1, b1},
		{"Fortran order", npytest.Values("<f4", []int{4, 3}, true, kerasW1), b1},
		{"bias row", w1, float32NPY(t, []int{1, 3}, kerasB1)},
		{"float64 and float16", npytest.Values(">f8", []int{4, 3}, false, kerasW1),
			npytest.Values("<f2", []int{3}, false, kerasB1)},
	}
	opt := ImportOptions{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"1"},
		Output: Binary}
	for _, tt := range tests {
		data := writeNPZ(t,
			npzMember{"W1.npy", tt.w1}, npzMember{"b1.npy", tt.b1},
			npzMember{"W2.npy", float32NPY(t, []int{3, 1}, kerasW2)},
			npzMember{"b2.npy", float32NPY(t, []int{1}, kerasB2)},
			npzMember{"history.npy", []byte("not read")})
		net, err := importNPZ(data, opt)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := net.Activations(); !slices.Equal(got, []Activation{Sigmoid}) {
			t.Errorf("%s: activations %v, want the default [sigmoid]", tt.name, got)
		}
		if net.Grid.Order != RowMajor {
			t.Errorf("%s: grid order %q, want the default %q", tt.name,
				net.Grid.Order, RowMajor)
		}
		for _, x := range randomInputs(4, 4) {
			_, z := net.Predict(x)
			want := kerasOutput(x)
			if math.Abs(z[0]-want) > 1e-12 {
				t.Errorf("%s: logit %v for %v, want %v", tt.name, z[0], x, want)
			}
		}
	}
}

// validLayers returns the members of a valid .npz of a 4-3-2 network, for
// a 2×2 grid and two classes, with the member named replace replaced by
// data, or removed if data is nil.
func validLayers(t *testing.T, replace string, data []byte) []npzMember {
	members := []npzMember{
		{"W1.npy", float32NPY(t, []int{4, 3}, kerasW1)},
		{"b1.npy", float32NPY(t, []int{3}, kerasB1)},
		{"W2.npy", float32NPY(t, []int{3, 2}, make([]float64, 6))},
		{"b2.npy", float32NPY(t, []int{2}, []float64{1, 2})},
	}
	for i, m := range members {
		if m.name == replace {
			members[i].data = data
		}
	}
	return slices.DeleteFunc(members, func(m npzMember) bool { return m.data == nil })
}

func TestImportNPZRejectsBadFiles(t *testing.T) {
	opt := ImportOptions{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"0", "1"}}
	nan := slices.Clone(kerasW1)
	nan[7] = math.NaN()
	header := func(descr string, shape ...int) []byte {
		return npytest.File(1, npytest.Dict(descr, false, shape), nil)
	}
	tests := []struct {
		name    string
		members []npzMember
		want    string
	}{
		{"missing b2", validLayers(t, "b2.npy", nil),
			"contains W2 but no array b2"},
		{"missing W1", validLayers(t, "W1.npy", nil), "contains W2 but no array W1"},
		{"gap", append(validLayers(t, "", nil),
			npzMember{"W4.npy", float32NPY(t, []int{1, 1}, []float64{1})}),
			"contains W4 but no array W3"},
		{"no layers", []npzMember{{"X.npy", nil}, {"y.npy", nil}},
			"no array W1: expected the arrays W1, b1, W2, b2, … of a dense network, " +
				"found only X, y"},
		{"duplicate", append(validLayers(t, "", nil), npzMember{"W1", []byte{}}),
			"two arrays named W1"},
		{"rows do not chain", validLayers(t, "W2.npy",
			float32NPY(t, []int{4, 2}, make([]float64, 8))),
			"W2 has shape (4, 2) but the W before it has shape (4, 3): W2 needs 3 rows"},
		{"bias too short", validLayers(t, "b1.npy", float32NPY(t, []int{2}, []float64{1, 2})),
			"b1 has shape (2,) but W1 has shape (4, 3): b1 needs shape (3,)"},
		{"bias column", validLayers(t, "b1.npy", float32NPY(t, []int{3, 1}, kerasB1)),
			"b1 has shape (3, 1) but W1 has shape (4, 3)"},
		{"W of 3 dims", validLayers(t, "W1.npy",
			float32NPY(t, []int{2, 2, 3}, kerasW1)),
			"W1 has shape (2, 2, 3): expected a 2-D array of inputs × units"},
		{"no units", validLayers(t, "W1.npy", float32NPY(t, []int{4, 0}, nil)),
			"W1 has shape (4, 0): expected at least one input and one unit"},
		{"NaN weight", validLayers(t, "W1.npy", float32NPY(t, []int{4, 3}, nan)),
			"W1[2, 1] is NaN: weights and biases must be finite"},
		{"infinite bias", validLayers(t, "b2.npy",
			float32NPY(t, []int{2}, []float64{0, math.Inf(-1)})), "b2[1] is -Inf"},
		{"too many parameters", validLayers(t, "W1.npy", header("<f4", 5, 1<<22)),
			"W1 has shape (5, 4194304), so the network has more than MaxParameters"},
		{"too many in total", validLayers(t, "W2.npy", header("<f8", 3, 6<<20)),
			"W2 has shape (3, 6291456), so the network has more than MaxParameters"},
		{"integers", validLayers(t, "W1.npy", npytest.Values("<i8", []int{4, 3}, false,
			make([]float64, 12))), "W1 has dtype '<i8': expected float32 or float64"},
		{"object array", validLayers(t, "b1.npy", npytest.File(1,
			npytest.Dict("|O", false, []int{3}), []byte("\x80\x04."))),
			".npz array b1: dtype \"|O\" is an object array"},
		{"pickle", validLayers(t, "W2.npy", []byte("\x80\x04\x95\x10\x00\x00\x00")),
			".npz array W2: file is a Python pickle"},
		{"truncated data", validLayers(t, "W2.npy", header("<f4", 3, 2)),
			".npz array W2: truncated: the header declares shape (3, 2)"},
		{"grid mismatch", validLayers(t, "W1.npy",
			float32NPY(t, []int{3, 3}, make([]float64, 9))),
			"W1 has shape (3, 3) but the 2×2 grid has 4 cells"},
		{"outputs mismatch", []npzMember{
			{"W1.npy", float32NPY(t, []int{4, 3}, kerasW1)},
			{"b1.npy", float32NPY(t, []int{3}, kerasB1)},
			{"W2.npy", float32NPY(t, []int{3, 1}, kerasW2)},
			{"b2.npy", float32NPY(t, []int{1}, kerasB2)},
		}, "W2 has shape (3, 1) but a softmax output over 2 classes needs 2 columns"},
	}
	for _, tt := range tests {
		_, err := importNPZ(writeNPZ(t, tt.members...), opt)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
		if !strings.HasPrefix(err.Error(), "model: ") {
			t.Errorf("%s: error %q lacks the prefix \"model: \"", tt.name, err)
		}
	}
}

func TestImportNPZRejectsBadOptions(t *testing.T) {
	valid := writeNPZ(t, validLayers(t, "", nil)...)
	grid := Grid{Width: 2, Height: 2}
	classes := []string{"0", "1"}
	tests := []struct {
		name string
		opt  ImportOptions
		want string
	}{
		{"no grid", ImportOptions{Classes: classes}, "invalid input grid 0×0"},
		{"huge grid", ImportOptions{Grid: Grid{Width: 1 << 40, Height: 1 << 40},
			Classes: classes}, "invalid input grid"},
		{"unknown order", ImportOptions{Grid: Grid{2, 2, "diagonal"}, Classes: classes},
			`unknown grid order "diagonal"`},
		{"no classes", ImportOptions{Grid: grid},
			"a softmax output needs at least 2 classes, got 0"},
		{"binary with 2 columns", ImportOptions{Grid: grid, Classes: []string{"1"},
			Output: Binary},
			`W2 has shape (3, 2) but a binary output needs 1 column, the logit of class "1"`},
		{"unknown output", ImportOptions{Grid: grid, Classes: classes, Output: "argmax"},
			`unknown output kind "argmax"`},
		{"too many activations", ImportOptions{Grid: grid, Classes: classes,
			Activations: []Activation{ReLU, ReLU}}, "2 activations for 1 hidden layers"},
		{"unknown activation", ImportOptions{Grid: grid, Classes: classes,
			Activation: "swish"}, `unknown activation "swish"`},
		{"unknown activation in list", ImportOptions{Grid: grid, Classes: classes,
			Activations: []Activation{"gelu"}}, `unknown activation "gelu"`},
		{"repeated class", ImportOptions{Grid: grid, Classes: []string{"a", "a"}},
			`class name "a" appears twice`},
	}
	for _, tt := range tests {
		_, err := importNPZ(valid, tt.opt)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestImportNPZNotZip(t *testing.T) {
	opt := ImportOptions{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"0", "1"}}
	for _, data := range [][]byte{nil, []byte("\x93NUMPY\x01\x00"), []byte("PK\x03\x04")} {
		_, err := importNPZ(data, opt)
		if err == nil || !strings.Contains(err.Error(), "not a valid .npz (zip) file") {
			t.Errorf("%q: error %v, want one about an invalid .npz", data, err)
		}
	}
}

// FuzzImportNPZ checks that ImportNPZ never panics, and that a network it
// returns fits the options. Its logits may still overflow, because weights
// near the float64 maximum are finite.
func FuzzImportNPZ(f *testing.F) {
	net, err := New(Config{Grid: Grid{Width: 2, Height: 2}, Hidden: []int{3},
		Classes: []string{"0", "1"}, Seed: 1})
	if err != nil {
		f.Fatal(err)
	}
	var b bytes.Buffer
	if err := net.ExportNPZ(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	opt := ImportOptions{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"0", "1"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := importNPZ(data, opt)
		if err != nil {
			return
		}
		if got.Inputs() != 4 || got.Outputs() != 2 {
			t.Fatalf("network of sizes %v for a 2×2 grid and 2 classes", got.Sizes())
		}
		if p, _ := got.Predict([]float64{0, 0.5, 1, 0.25}); len(p) != 2 {
			t.Fatalf("%d probabilities for 2 classes", len(p))
		}
	})
}

// TestImportNPZMemberSizes checks that a member whose zip header declares
// more bytes than the archive holds is read as it arrives, instead of
// making ImportNPZ allocate the declared size.
// deflate returns data compressed with DEFLATE, as a zip member stores it.
func deflate(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestImportNPZMemberSizes(t *testing.T) {
	header := npytest.File(1, npytest.Dict("<f8", false, []int{4096, 4095}), nil)
	const dataBytes = 4096 * 4095 * 8 // within MaxParameters
	declared := uint64(len(header) + dataBytes)
	// The stored member lies about both sizes. The deflated one is honest
	// about its compressed size only, as in a zip bomb, and holds 1 MiB of
	// the data, so that the header arrives before the end of the data.
	deflated := deflate(t, append(slices.Clone(header), make([]byte, 1<<20)...))
	tests := []struct {
		name       string
		method     uint16
		data       []byte
		compressed uint64
	}{
		{"stored", zip.Store, header, declared},
		{"deflated", zip.Deflate, deflated, uint64(len(deflated))},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		archive := zip.NewWriter(&b)
		w, err := archive.CreateRaw(&zip.FileHeader{
			Name: "W1.npy", Method: tt.method,
			CompressedSize64: tt.compressed, UncompressedSize64: declared,
		})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(tt.data)
		if _, err := archive.Create("b1.npy"); err != nil {
			t.Fatal(err)
		}
		archive.Close()

		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err = importNPZ(b.Bytes(), ImportOptions{Grid: Grid{Width: 64, Height: 64},
			Classes: []string{"0", "1"}})
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), ".npz array W1: ") {
			t.Fatalf("%s: error %v, want one about reading W1", tt.name, err)
		}
		if allocated := after.TotalAlloc - before.TotalAlloc; allocated > dataBytes/8 {
			t.Errorf("%s: allocated %d bytes for a %d-byte archive (error %v)", tt.name,
				allocated, b.Len(), err)
		}
	}
}
