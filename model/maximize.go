package model

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// DefaultMaximizeSteps is the number of steps Maximize takes when
// MaximizeOptions.Steps is 0.
const DefaultMaximizeSteps = 100

// MaximizeOptions configures Maximize. Zero fields take the defaults given.
type MaximizeOptions struct {
	// Steps is the number of gradient steps from each start. The default
	// is DefaultMaximizeSteps.
	Steps int

	// Rate is the L2 length of each step in input space. The default is
	// 1/50 of the diameter of the allowed inputs: (Max−Min)·√inputs, or
	// 2·Norm if that is smaller.
	Rate float64

	// Norm bounds the L2 norm of the input. 0 means no bound.
	Norm float64

	// Min and Max clip every input value. If both are 0, they are 0 and 1.
	Min, Max float64

	// Seeds contains one seed per start, each drawing a start uniformly from
	// [Min, Max] in every input. The default is the single seed 0.
	Seeds []uint64

	// Pre maximises the unit's pre-activation instead of its activation
	// (for the output layer, its probability).
	Pre bool
}

// withDefaults returns a copy of opt with its zero fields filled in for
// a network with the given number of inputs. It panics for invalid options.
func (opt MaximizeOptions) withDefaults(inputs int) MaximizeOptions {
	if opt.Min == 0 && opt.Max == 0 {
		opt.Max = 1
	}
	if opt.Steps == 0 {
		opt.Steps = DefaultMaximizeSteps
	}
	if len(opt.Seeds) == 0 {
		opt.Seeds = []uint64{0}
	}
	opt.check()
	least := clippedNorm(make([]float64, inputs), 0, opt.Min, opt.Max)
	if opt.Norm > 0 && least > opt.Norm {
		panic(fmt.Sprintf("model: MaximizeOptions norm %v is below %v, the smallest "+
			"norm of an input in [%v, %v]: raise Norm or bring [Min, Max] closer to 0",
			opt.Norm, least, opt.Min, opt.Max))
	}
	if opt.Rate == 0 {
		diameter := (opt.Max - opt.Min) * math.Sqrt(float64(inputs))
		if opt.Norm > 0 {
			diameter = math.Min(diameter, 2*opt.Norm)
		}
		opt.Rate = diameter / 50
	}
	return opt
}

// check panics unless opt, with its defaults filled in, is valid.
func (opt MaximizeOptions) check() {
	finite := !math.IsInf(opt.Min, 0) && !math.IsInf(opt.Max, 0) &&
		!math.IsInf(opt.Norm, 0) && !math.IsInf(opt.Rate, 0)
	valid := opt.Steps >= 0 && opt.Rate >= 0 && opt.Norm >= 0 && opt.Min < opt.Max
	if !finite || !valid {
		panic(fmt.Sprintf("model: invalid MaximizeOptions: steps %d, rate %v, norm %v, "+
			"range [%v, %v]: want steps ≥ 0, finite rate and norm ≥ 0, "+
			"and finite Min < Max",
			opt.Steps, opt.Rate, opt.Norm, opt.Min, opt.Max))
	}
}

// Maximize searches for inputs that make a unit's value as large as
// possible, by projected gradient ascent. The allowed inputs are those with
// every value in [Min, Max] and an L2 norm of at most Norm. From a random
// start per seed, each step moves the input by opt.Rate along the gradient
// of the value, then projects it onto the nearest allowed input. For each
// seed in order, Maximize returns the input with the largest value met on
// the way, the start included, and that value. Ascent from a seed stops
// early where the gradient is 0, as for a ReLU unit that is off.
func (n *Network) Maximize(layer, unit int,
	opt MaximizeOptions) (inputs [][]float64, values []float64) {
	n.checkUnit(layer, unit)
	opt = opt.withDefaults(n.Inputs())
	s := n.getRowPass()
	defer putRowPass(s)

	for _, seed := range opt.Seeds {
		x, v := n.ascend(s, layer, unit, opt, maximizeStart(n.Inputs(), seed, opt))
		inputs = append(inputs, x)
		values = append(values, v)
	}
	return inputs, values
}

// maximizeStart returns the start of Maximize for seed: uniform in
// [Min, Max] in every input, projected onto the allowed inputs.
func maximizeStart(inputs int, seed uint64, opt MaximizeOptions) []float64 {
	rng := newRand(seed)
	x := make([]float64, inputs)
	for i := range x {
		x[i] = opt.Min + (opt.Max-opt.Min)*rng.Float64()
	}
	project(x, opt)
	return x
}

// ascend runs projected gradient ascent from x, which it changes, and
// returns the best input met and its value.
func (n *Network) ascend(s *rowPass, layer, unit int, opt MaximizeOptions,
	x []float64) ([]float64, float64) {
	best := make([]float64, len(x))
	bestValue := math.Inf(-1)
	grad := make([]float64, len(x))
	for step := 0; ; step++ {
		n.forwardOne(s, x, layer)
		if v := value(s, layer, unit, opt.Pre); v > bestValue {
			bestValue = v
			copy(best, x)
		}
		if step == opt.Steps {
			break
		}
		n.gradientOne(s, layer, unit, opt.Pre, grad)
		length := norm(grad)
		if length == 0 || math.IsInf(length, 0) || math.IsNaN(length) {
			break
		}
		floats.AddScaled(x, opt.Rate/length, grad)
		project(x, opt)
	}
	return best, bestValue
}

// project replaces y by the nearest point of the allowed inputs. With a
// norm bound that point is clip(t·y) for the largest t in [0, 1] whose
// norm is at most Norm, because the per-value minimiser of (v−y_i)² + μ·v²
// over [Min, Max] is y_i/(1+μ) clipped. The norm of clip(t·y) does not
// decrease as t grows, so bisection finds t.
func project(y []float64, opt MaximizeOptions) {
	if opt.Norm > 0 && clippedNorm(y, 1, opt.Min, opt.Max) > opt.Norm {
		low, high := 0.0, 1.0 // clippedNorm(y, low) ≤ Norm < clippedNorm(y, high)
		for range 50 {
			mid := (low + high) / 2
			if clippedNorm(y, mid, opt.Min, opt.Max) <= opt.Norm {
				low = mid
			} else {
				high = mid
			}
		}
		floats.Scale(low, y)
	}
	for i, v := range y {
		y[i] = min(max(v, opt.Min), opt.Max)
	}
}

// clippedNorm returns the L2 norm of t·y with every value clipped to
// [low, high].
func clippedNorm(y []float64, t, low, high float64) float64 {
	var sum float64
	for _, v := range y {
		c := min(max(t*v, low), high)
		sum += c * c
	}
	return math.Sqrt(sum)
}

func norm(v []float64) float64 { return floats.Norm(v, 2) }
