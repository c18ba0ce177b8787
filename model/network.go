package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Activation is the nonlinearity applied by every hidden unit.
type Activation string

const (
	Sigmoid Activation = "sigmoid" // 1/(1+e^-z), as in the classic course networks
	Tanh    Activation = "tanh"
	ReLU    Activation = "relu" // max(0, z)
)

// OutputKind is the rule that turns the last layer's logits into
// probabilities.
type OutputKind string

const (
	// Softmax has one output per class, and its probabilities sum to 1.
	Softmax OutputKind = "softmax"
	// OneVsRest has one sigmoid output per class, each the probability
	// that the input belongs to that class rather than to any other. The
	// probabilities need not sum to 1.
	OneVsRest OutputKind = "one-vs-rest"
	// Binary has a single sigmoid output: the probability that the input
	// belongs to the one class the network was trained to recognise.
	Binary OutputKind = "binary"
)

// Order is the flattening order of a grid of cells into an input row.
type Order string

const (
	RowMajor    Order = "row-major"    // index = y*Width + x
	ColumnMajor Order = "column-major" // index = x*Height + y
)

// Grid is the geometry of the inputs: Width*Height must equal the number of
// inputs of the network.
type Grid struct {
	Width, Height int
	Order         Order
}

// Cells returns Width*Height.
func (g Grid) Cells() int { return g.Width * g.Height }

// Layer is one fully connected layer.
type Layer struct {
	W *mat.Dense // inputs × units
	B []float64  // one bias per unit

	// Activation is the nonlinearity of the units, or "" for the output
	// layer, whose logits go to the loss.
	Activation Activation
}

// Network is a dense feed-forward classifier. Train changes the weights in
// place, so while it runs only its Recorder may read them.
type Network struct {
	Layers []Layer
	Output OutputKind

	// Classes names the outputs: one name per softmax output, or the single
	// positive class of a Binary network.
	Classes []string

	Grid Grid

	// Preprocessing is the caller's description of how inputs were made
	// from raw data. The network stores it and never interprets it.
	Preprocessing string
}

// Config describes a network for New.
type Config struct {
	Grid    Grid       // Grid.Cells() is the number of inputs
	Hidden  []int      // units in each hidden layer, from the input side
	Classes []string   // one per output; exactly one for Binary
	Output  OutputKind // default Softmax
	// Activations holds the activation of each hidden layer. If it is
	// empty, every hidden layer uses Activation, which defaults to Sigmoid.
	Activations []Activation
	Activation  Activation
	// Seed of the weight initialisation. Every value, 0 included, is a
	// distinct seed.
	Seed uint64
	// Preprocessing is stored in Network.Preprocessing.
	Preprocessing string
}

// Limits of the networks New and Decode accept. MaxParameters keeps a
// network, with the four copies of its parameters that training needs, to
// about 700 MB, and stops a corrupt file from making Decode allocate more.
const (
	MaxUnits      = 1 << 20 // units in one layer, inputs included
	MaxParameters = 1 << 24 // weights and biases of all layers
)

// New returns a network with Glorot-uniform weights for sigmoid and tanh
// layers, He-normal weights for ReLU layers, and zero biases.
func New(cfg Config) (*Network, error) {
	if cfg.Output == "" {
		cfg.Output = Softmax
	}
	if cfg.Grid.Order == "" {
		cfg.Grid.Order = RowMajor
	}
	acts, err := hiddenActivations(cfg)
	if err != nil {
		return nil, err
	}
	sizes := append(append([]int{cfg.Grid.Cells()}, cfg.Hidden...),
		outputUnits(cfg.Output, len(cfg.Classes)))
	if err := validate(sizes, cfg.Grid, acts, cfg.Output, cfg.Classes); err != nil {
		return nil, err
	}

	net := &Network{
		Output:  cfg.Output,
		Classes: append([]string(nil), cfg.Classes...),
		Grid:    cfg.Grid,

		Preprocessing: cfg.Preprocessing,
	}
	rng := newRand(cfg.Seed)
	for l := 1; l < len(sizes); l++ {
		in, out := sizes[l-1], sizes[l]
		var act Activation
		if l-1 < len(acts) {
			act = acts[l-1]
		}
		w := mat.NewDense(in, out, nil)
		initWeights(w.RawMatrix().Data, in, out, act, rng)
		net.Layers = append(net.Layers, Layer{W: w, B: make([]float64, out), Activation: act})
	}
	if _, err := net.header(); err != nil {
		return nil, err
	}
	return net, nil
}

// hiddenActivations returns the activation of each hidden layer that cfg
// asks for.
func hiddenActivations(cfg Config) ([]Activation, error) {
	if len(cfg.Activations) > 0 {
		if len(cfg.Activations) != len(cfg.Hidden) {
			return nil, fmt.Errorf("model: %d activations for %d hidden layers: give one per layer",
				len(cfg.Activations), len(cfg.Hidden))
		}
		return slices.Clone(cfg.Activations), nil
	}
	act := cfg.Activation
	switch act {
	case "":
		act = Sigmoid
	case Sigmoid, Tanh, ReLU:
	default:
		return nil, fmt.Errorf("model: unknown activation %q: use %q, %q or %q", act, Sigmoid, Tanh, ReLU)
	}
	acts := make([]Activation, len(cfg.Hidden))
	for i := range acts {
		acts[i] = act
	}
	return acts, nil
}

func outputUnits(kind OutputKind, classes int) int {
	if kind == Binary {
		return 1
	}
	return classes
}

// validate checks a description of a network, from New or from a file:
// the units of every layer, inputs first, the activation of every hidden
// layer, the output kind and the class names.
func validate(sizes []int, g Grid, acts []Activation, out OutputKind, classes []string) error {
	if g.Width <= 0 || g.Height <= 0 || g.Width > MaxUnits || g.Height > MaxUnits {
		return fmt.Errorf("model: invalid input grid %d×%d: both sides must be 1 to %d", g.Width, g.Height, MaxUnits)
	}
	if g.Order != RowMajor && g.Order != ColumnMajor {
		return fmt.Errorf("model: unknown grid order %q: use %q or %q", g.Order, RowMajor, ColumnMajor)
	}
	if len(acts) != len(sizes)-2 {
		return fmt.Errorf("model: %d activations for %d hidden layers", len(acts), len(sizes)-2)
	}
	for _, act := range acts {
		switch act {
		case Sigmoid, Tanh, ReLU:
		default:
			return fmt.Errorf("model: unknown activation %q: use %q, %q or %q", act, Sigmoid, Tanh, ReLU)
		}
	}
	if err := checkClasses(classes); err != nil {
		return err
	}
	switch {
	case (out == Softmax || out == OneVsRest) && len(classes) < 2:
		return fmt.Errorf("model: a %s output needs at least 2 classes, got %d: "+
			"add another person, or train a binary network for this one", out, len(classes))
	case out == Binary && len(classes) != 1:
		return fmt.Errorf("model: a binary output needs exactly 1 positive class, got %d", len(classes))
	case out != Softmax && out != OneVsRest && out != Binary:
		return fmt.Errorf("model: unknown output kind %q: use %q, %q or %q", out, Softmax, OneVsRest, Binary)
	}
	if err := CheckSizes(sizes); err != nil {
		return err
	}
	if sizes[0] != g.Cells() {
		return fmt.Errorf("model: %d inputs do not fill the %d×%d grid", sizes[0], g.Width, g.Height)
	}
	if last := sizes[len(sizes)-1]; last != outputUnits(out, len(classes)) {
		return fmt.Errorf("model: %d outputs for %d classes", last, len(classes))
	}
	return nil
}

// CheckSizes returns the error New would return for a network whose
// layers, inputs first, have the given numbers of units, because of a size
// that is not positive, too large a layer or too many parameters.
func CheckSizes(sizes []int) error {
	for i, n := range sizes {
		if n <= 0 || n > MaxUnits {
			return fmt.Errorf("model: layer %d has %d units: want 1 to %d", i, n, MaxUnits)
		}
	}
	return checkParameters(sizes)
}

// checkParameters returns an error if layers of the given sizes have more
// than MaxParameters weights and biases. Every size must be at most
// MaxUnits, so no product overflows.
func checkParameters(sizes []int) error {
	total := 0
	for l := 1; l < len(sizes); l++ {
		total += (sizes[l-1] + 1) * sizes[l]
		if total > MaxParameters {
			return fmt.Errorf("model: layers %v have more than %d weights and biases: "+
				"use a smaller input grid or fewer hidden units", sizes, MaxParameters)
		}
	}
	return nil
}

// checkClasses returns an error for an empty or repeated class name.
func checkClasses(classes []string) error {
	seen := make(map[string]bool, len(classes))
	for i, c := range classes {
		if c == "" {
			return fmt.Errorf("model: class %d has an empty name", i)
		}
		if seen[c] {
			return fmt.Errorf("model: class name %q appears twice", c)
		}
		seen[c] = true
	}
	return nil
}

func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// Activations returns the activation of each hidden layer.
func (n *Network) Activations() []Activation {
	acts := make([]Activation, len(n.Layers)-1)
	for i := range acts {
		acts[i] = n.Layers[i].Activation
	}
	return acts
}

func initWeights(w []float64, in, out int, act Activation, rng *rand.Rand) {
	if act == ReLU {
		std := math.Sqrt(2 / float64(in))
		for i := range w {
			w[i] = rng.NormFloat64() * std
		}
		return
	}
	limit := math.Sqrt(6 / float64(in+out))
	for i := range w {
		w[i] = (2*rng.Float64() - 1) * limit
	}
}

// Inputs returns the number of inputs.
func (n *Network) Inputs() int { r, _ := n.Layers[0].W.Dims(); return r }

// Outputs returns the number of output units.
func (n *Network) Outputs() int { _, c := n.Layers[len(n.Layers)-1].W.Dims(); return c }

// Sizes returns the number of units in every layer, inputs first.
func (n *Network) Sizes() []int {
	sizes := []int{n.Inputs()}
	for _, l := range n.Layers {
		sizes = append(sizes, len(l.B))
	}
	return sizes
}

// Clone returns a deep copy of n.
func (n *Network) Clone() *Network {
	c := *n
	c.Classes = append([]string(nil), n.Classes...)
	c.Layers = cloneLayers(n.Layers)
	return &c
}

func cloneLayers(layers []Layer) []Layer {
	c := make([]Layer, len(layers))
	for i, l := range layers {
		c[i] = Layer{W: mat.DenseCopyOf(l.W), B: append([]float64(nil), l.B...), Activation: l.Activation}
	}
	return c
}

func copyLayers(dst, src []Layer) {
	for i := range src {
		dst[i].W.Copy(src[i].W)
		copy(dst[i].B, src[i].B)
	}
}

// Units returns a copy of the first layer's weights, inputs × units, for
// showing each unit's template on the grid.
func (n *Network) Units() *mat.Dense { return mat.DenseCopyOf(n.Layers[0].W) }
