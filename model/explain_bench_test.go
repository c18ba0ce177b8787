package model

import "testing"

// BenchmarkInputGradient measures one saliency map: the gradient of the
// first output's probability for one input.
func BenchmarkInputGradient(b *testing.B) {
	for _, bn := range benchNetworks {
		b.Run(bn.name, func(b *testing.B) {
			net := benchNetwork(b, bn.grid, bn.hidden, bn.classes, bn.output)
			x := randomInput(net.Inputs(), 1)
			last := len(net.Layers) - 1
			for b.Loop() {
				net.InputGradient(x, last, 0, false)
			}
		})
	}
}

func BenchmarkTrace(b *testing.B) {
	for _, bn := range benchNetworks {
		b.Run(bn.name, func(b *testing.B) {
			net := benchNetwork(b, bn.grid, bn.hidden, bn.classes, bn.output)
			x := randomInput(net.Inputs(), 1)
			for b.Loop() {
				net.Trace(x)
			}
		})
	}
}

// BenchmarkOcclusion measures an occlusion map of the first output's
// probability with 4×4 squares every 2 cells.
func BenchmarkOcclusion(b *testing.B) {
	for _, bn := range benchNetworks {
		b.Run(bn.name, func(b *testing.B) {
			net := benchNetwork(b, bn.grid, bn.hidden, bn.classes, bn.output)
			x := randomInput(net.Inputs(), 1)
			last := len(net.Layers) - 1
			for b.Loop() {
				net.Occlusion(x, last, 0, false, 4, 2, 0)
			}
		})
	}
}

// BenchmarkIntegratedGradients measures the attributions of the first
// output's probability over 64 intervals from a black baseline.
func BenchmarkIntegratedGradients(b *testing.B) {
	for _, bn := range benchNetworks {
		b.Run(bn.name, func(b *testing.B) {
			net := benchNetwork(b, bn.grid, bn.hidden, bn.classes, bn.output)
			x := randomInput(net.Inputs(), 1)
			baseline := make([]float64, len(x))
			last := len(net.Layers) - 1
			for b.Loop() {
				net.IntegratedGradients(x, baseline, last, 0, false, 64)
			}
		})
	}
}

// BenchmarkSmoothGrad measures 32 noisy gradients of the first output's
// probability.
func BenchmarkSmoothGrad(b *testing.B) {
	for _, bn := range benchNetworks {
		b.Run(bn.name, func(b *testing.B) {
			net := benchNetwork(b, bn.grid, bn.hidden, bn.classes, bn.output)
			x := randomInput(net.Inputs(), 1)
			last := len(net.Layers) - 1
			for b.Loop() {
				net.SmoothGrad(x, last, 0, false, 32, 0.1, 1)
			}
		})
	}
}
