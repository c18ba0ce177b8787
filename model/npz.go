package model

import (
	"archive/zip"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/gonum/mat"

	"visage/internal/npy"
)

// ExportNPZ writes the weights and biases of n as an .npz archive, the
// format of numpy.savez, holding the float64 arrays W1, b1, W2, b2, … in
// C order. Wk is layer k's weight matrix, inputs × units, the layout of a
// Keras Dense kernel, and bk its biases, so numpy.load reads the file and
// the arrays come in the order of Keras's get_weights. The grid, the
// classes, the activations and the output kind are not written: pass them
// to ImportNPZ.
func (n *Network) ExportNPZ(w io.Writer) error {
	archive := zip.NewWriter(w)
	for k, layer := range n.Layers {
		rows, units := layer.W.Dims()
		weights := mat.DenseCopyOf(layer.W).RawMatrix().Data
		err := addNPZArray(archive, layerArrayName("W", k), []int{rows, units}, weights)
		if err != nil {
			return err
		}
		err = addNPZArray(archive, layerArrayName("b", k), []int{units}, layer.B)
		if err != nil {
			return err
		}
	}
	if err := archive.Close(); err != nil {
		return fmt.Errorf("model: write .npz: %w", err)
	}
	return nil
}

// layerArrayName returns the name of an array of the layer with index k,
// counting from 1 as Keras users do: W1 for prefix "W" and k = 0.
func layerArrayName(prefix string, k int) string {
	return prefix + strconv.Itoa(k+1)
}

// npzTime is the modification time of every member that ExportNPZ writes,
// fixed so that the same network always gives the same bytes. It is the
// earliest time that a zip file's MS-DOS date fields can store.
var npzTime = time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC)

// addNPZArray adds the array name to archive as the uncompressed member
// name.npy, as numpy.savez stores it.
func addNPZArray(archive *zip.Writer, name string, shape []int, data []float64) error {
	member, err := archive.CreateHeader(&zip.FileHeader{
		Name:     name + ".npy",
		Method:   zip.Store,
		Modified: npzTime,
	})
	if err != nil {
		return fmt.Errorf("model: write .npz: %w", err)
	}
	if err := npy.Write(member, shape, data); err != nil {
		return fmt.Errorf("model: write .npz array %s: %w", name, err)
	}
	return nil
}

// ImportOptions describe what an .npz of weights does not contain.
type ImportOptions struct {
	// Grid is the input grid. Its Width×Height must equal the rows of W1.
	// An empty Order means RowMajor.
	Grid Grid

	// Classes names the outputs, one per column of the last W, or the
	// single positive class of a Binary network.
	Classes []string

	// Activations holds the activation of each hidden layer. If it is
	// empty, every hidden layer uses Activation, which defaults to Sigmoid.
	Activations []Activation
	Activation  Activation

	// Output is the output kind. "" means Softmax.
	Output OutputKind

	// Preprocessing is stored in Network.Preprocessing.
	Preprocessing string
}

// ImportNPZ builds a network from an .npz archive of size bytes holding
// the arrays W1, b1, W2, b2, … that ExportNPZ writes. Each Wk is an
// inputs × units matrix, and each bk holds one bias per unit in shape
// (units,) or (1, units). Elements may be float16, float32 or float64, in
// C or Fortran order. Arrays with other names are ignored, so Keras's own
// names such as "dense/kernel" are not read.
//
// ImportNPZ checks that the shapes chain: the rows of Wk must equal the
// columns of W(k-1), and bk must have one value per column of Wk. W1 must
// have one row per grid cell and the last W one column per output. Every
// value must be finite. Errors name the array and the shapes involved.
// Each shape is checked before the array's data is read, so an archive of
// more than MaxParameters weights and biases is rejected before its data
// is allocated.
func ImportNPZ(r io.ReaderAt, size int64, opt ImportOptions) (*Network, error) {
	if opt.Output == "" {
		opt.Output = Softmax
	}
	if opt.Grid.Order == "" {
		opt.Grid.Order = RowMajor
	}
	archive, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("model: not a valid .npz (zip) file: %w", err)
	}
	members, err := npzMembers(archive)
	if err != nil {
		return nil, err
	}
	count, err := layerCount(members)
	if err != nil {
		return nil, err
	}
	z := npzReader{members: members, size: size, budget: MaxParameters}
	layers, err := z.layers(count)
	if err != nil {
		return nil, err
	}
	return importedNetwork(layers, opt)
}

// npzMembers returns the members of an .npz by array name: the member
// name without the ".npy" that numpy.savez appends.
func npzMembers(archive *zip.Reader) (map[string]*zip.File, error) {
	members := make(map[string]*zip.File, len(archive.File))
	for _, f := range archive.File {
		name := strings.TrimSuffix(f.Name, ".npy")
		if _, ok := members[name]; ok {
			return nil, fmt.Errorf("model: the .npz contains two arrays named %s: "+
				"save each array once", name)
		}
		members[name] = f
	}
	return members, nil
}

// layerCount returns the number of layers of an .npz, n for the arrays W1,
// b1, … Wn, bn, or an error if an array of a layer up to n is missing.
func layerCount(members map[string]*zip.File) (int, error) {
	count, last := 0, ""
	// Sorted, so that the message names W3 rather than b3 on every run.
	for _, name := range slices.Sorted(maps.Keys(members)) {
		if k, ok := layerIndex(name); ok && k+1 > count {
			count, last = k+1, name
		}
	}
	if count == 0 {
		return 0, fmt.Errorf("model: the .npz contains no array W1: expected "+
			"the arrays W1, b1, W2, b2, … of a dense network, found %s",
			arrayNames(members))
	}
	for k := range count {
		for _, prefix := range []string{"W", "b"} {
			if name := layerArrayName(prefix, k); members[name] == nil {
				return 0, fmt.Errorf("model: the .npz contains %s but no array %s: "+
					"expected W1, b1, W2, b2, … for every layer up to the last",
					last, name)
			}
		}
	}
	return count, nil
}

// layerIndex returns k for the name of an array of the layer with index
// k, such as W3 or b3 for k = 2, and false for any other name.
func layerIndex(name string) (int, bool) {
	if len(name) < 2 || name[0] != 'W' && name[0] != 'b' {
		return 0, false
	}
	k, err := strconv.Atoi(name[1:])
	if err != nil || k < 1 || name[1:] != strconv.Itoa(k) {
		return 0, false
	}
	return k - 1, true
}

// maxListedNames is the largest number of array names a message lists.
const maxListedNames = 10

// arrayNames lists the array names of an .npz for messages.
func arrayNames(members map[string]*zip.File) string {
	if len(members) == 0 {
		return "no arrays"
	}
	names := slices.Sorted(maps.Keys(members))
	if len(names) > maxListedNames {
		names = append(names[:maxListedNames], "…")
	}
	return "only " + strings.Join(names, ", ")
}

// npzReader reads the arrays of the layers of an .npz.
type npzReader struct {
	members map[string]*zip.File // by array name
	size    int64                // of the whole archive, in bytes
	budget  int                  // weights and biases left before MaxParameters
}

// layers reads the arrays of count layers, checking each shape before the
// array's data is read.
func (z *npzReader) layers(count int) ([]Layer, error) {
	layers := make([]Layer, count)
	var previous []int // the shape of the previous W
	for k := range layers {
		wName, bName := layerArrayName("W", k), layerArrayName("b", k)
		weights, wShape, err := z.array(wName,
			func(shape []int) error { return checkKernelShape(wName, shape, previous) })
		if err != nil {
			return nil, err
		}
		biases, _, err := z.array(bName,
			func(shape []int) error { return checkBiasShape(bName, shape, wName, wShape) })
		if err != nil {
			return nil, err
		}
		layers[k] = Layer{W: mat.NewDense(wShape[0], wShape[1], weights), B: biases}
		previous = wShape
	}
	return layers, nil
}

// array reads the array name and returns its values in C order and its
// shape. checkShape checks the shape before the data is read, and the
// budget shrinks by the array's size.
func (z *npzReader) array(name string,
	checkShape func([]int) error) ([]float64, []int, error) {

	f := z.members[name]
	r, err := f.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("model: .npz array %s: %w", name, err)
	}
	defer r.Close()
	h, err := npy.ReadHeader(r)
	if err != nil {
		return nil, nil, fmt.Errorf("model: .npz array %s: %w", name, err)
	}
	if err := checkShape(h.Shape); err != nil {
		return nil, nil, err
	}
	if err := checkArrayHeader(name, h, z.budget); err != nil {
		return nil, nil, err
	}

	a, err := npy.ReadArray(r, h, z.memberSize(f))
	if err != nil {
		return nil, nil, fmt.Errorf("model: .npz array %s: %w", name, err)
	}
	z.budget -= a.Len()
	values := a.Float64s()
	if err := checkFinite(name, h.Shape, values); err != nil {
		return nil, nil, err
	}
	return values, h.Shape, nil
}

// memberSize returns the size of the uncompressed member f, or -1 if the
// archive does not back that size with as many bytes. Given a size,
// ReadArray allocates the data in advance, so a compressed member, or a
// header that declares more bytes than the archive holds, could make it
// allocate far more than the archive's size. archive/zip returns an error
// if a member's data differs from the size its header declares.
func (z *npzReader) memberSize(f *zip.File) int64 {
	offset, err := f.DataOffset()
	if err != nil || f.Method != zip.Store || f.UncompressedSize64 != f.CompressedSize64 {
		return -1
	}
	if offset < 0 || offset > z.size || f.CompressedSize64 > uint64(z.size-offset) {
		return -1
	}
	return int64(f.UncompressedSize64)
}

// checkArrayHeader returns an error if the array of header h does not hold
// floats or has more than budget values.
func checkArrayHeader(name string, h npy.Header, budget int) error {
	if h.DType.Kind != 'f' {
		return fmt.Errorf("model: %s has dtype '%s': expected float32 or float64 "+
			"weights, such as W.astype('float32')", name, h.DType.Descr)
	}
	if values := int(h.DataSize) / h.DType.Size; values > budget {
		return fmt.Errorf("model: %s has shape %s, so the network has more than "+
			"MaxParameters (%d) weights and biases: use a smaller network",
			name, npy.FormatShape(h.Shape), MaxParameters)
	}
	return nil
}

// checkKernelShape returns an error unless shape is a valid shape of the
// weight matrix name, whose rows must equal the columns of the previous
// layer's weight matrix, of shape previous, if there is one.
func checkKernelShape(name string, shape, previous []int) error {
	text := npy.FormatShape(shape)
	switch {
	case len(shape) != 2:
		return fmt.Errorf("model: %s has shape %s: expected a 2-D array of inputs × "+
			"units, as a Keras Dense kernel", name, text)
	case shape[0] == 0 || shape[1] == 0:
		return fmt.Errorf("model: %s has shape %s: expected at least one input and "+
			"one unit", name, text)
	case previous != nil && shape[0] != previous[1]:
		return fmt.Errorf("model: %s has shape %s but the W before it has shape %s: "+
			"%s needs %d rows, one per unit of the layer before", name, text,
			npy.FormatShape(previous), name, previous[1])
	}
	return nil
}

// checkBiasShape returns an error unless shape is (units,) or (1, units)
// for the units of the weight matrix wName, of shape wShape.
func checkBiasShape(name string, shape []int, wName string, wShape []int) error {
	units := wShape[1]
	if len(shape) == 1 && shape[0] == units || len(shape) == 2 && shape[0] == 1 &&
		shape[1] == units {
		return nil
	}
	return fmt.Errorf("model: %s has shape %s but %s has shape %s: %s needs shape "+
		"(%d,), one bias per unit", name, npy.FormatShape(shape), wName,
		npy.FormatShape(wShape), name, units)
}

// checkFinite returns an error naming the first value that is NaN or
// infinite, with its index in an array of shape.
func checkFinite(name string, shape []int, values []float64) error {
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("model: %s%s is %v: weights and biases must be finite "+
				"numbers", name, elementIndex(i, shape), v)
		}
	}
	return nil
}

// elementIndex formats the index of the element at C-order position i of
// an array of shape, as in [12, 3].
func elementIndex(i int, shape []int) string {
	parts := make([]string, len(shape))
	for d := len(shape) - 1; d >= 0; d-- {
		parts[d] = strconv.Itoa(i % shape[d])
		i /= shape[d]
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// importedNetwork returns the network of the layers read from an .npz and
// the options, after checking that they fit together.
func importedNetwork(layers []Layer, opt ImportOptions) (*Network, error) {
	acts, err := hiddenActivations(Config{
		Hidden:      make([]int, len(layers)-1),
		Activations: opt.Activations,
		Activation:  opt.Activation,
	})
	if err != nil {
		return nil, err
	}
	for i, act := range acts {
		layers[i].Activation = act
	}
	net := &Network{
		Layers:        layers,
		Output:        opt.Output,
		Classes:       slices.Clone(opt.Classes),
		Grid:          opt.Grid,
		Preprocessing: opt.Preprocessing,
	}
	if err := checkEnds(net); err != nil {
		return nil, err
	}
	if err := validate(net.Sizes(), net.Grid, acts, net.Output, net.Classes); err != nil {
		return nil, err
	}
	if _, err := net.header(); err != nil {
		return nil, err
	}
	return net, nil
}

// checkEnds returns an error naming W1 if it does not fit the grid, or the
// last W if it does not fit the outputs. It leaves an invalid grid, output
// kind or list of classes to validate, whose message names them.
func checkEnds(net *Network) error {
	g := net.Grid
	validGrid := g.Width > 0 && g.Height > 0 && g.Width <= MaxUnits && g.Height <= MaxUnits
	if inputs, units := net.Layers[0].W.Dims(); validGrid && inputs != g.Cells() {
		return fmt.Errorf("model: W1 has shape (%d, %d) but the %d×%d grid has %d "+
			"cells: W1 needs one row per cell", inputs, units, g.Width, g.Height,
			g.Cells())
	}

	switch net.Output {
	case Softmax, OneVsRest, Binary:
	default:
		return nil
	}
	last := len(net.Layers) - 1
	rows, outputs := net.Layers[last].W.Dims()
	want := outputUnits(net.Output, len(net.Classes))
	if len(net.Classes) == 0 || outputs == want {
		return nil
	}
	name := layerArrayName("W", last)
	if net.Output == Binary {
		return fmt.Errorf("model: %s has shape (%d, %d) but a binary output needs "+
			"1 column, the logit of class %q", name, rows, outputs, net.Classes[0])
	}
	return fmt.Errorf("model: %s has shape (%d, %d) but a %s output over %d classes "+
		"needs %d columns, one per class", name, rows, outputs, net.Output,
		len(net.Classes), want)
}
