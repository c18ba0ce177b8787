package f32

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchShapes are m, k, n of the forward products of the two benchmark
// networks, the course's 400-25-15-1 and the face network 1024-64-32-40,
// at a batch of 32.
var benchShapes = [][3]int{
	{32, 400, 25}, {32, 25, 15}, {32, 1024, 64}, {32, 64, 32}, {32, 32, 40},
}

// BenchmarkKernels reports GFLOP/s of each product at each shape. Mul runs
// as in the forward pass, with a sigmoid. MulTransA runs as for the weight
// gradient (400×32 · 32×25 for the first shape), and MulTransB as for the
// error sent back to the layer's inputs (32×25 · 25×400).
func BenchmarkKernels(b *testing.B) {
	for _, kern := range implementations() {
		for _, s := range benchShapes {
			m, k, n := s[0], s[1], s[2]
			rng := rand.New(rand.NewPCG(1, 2))
			x, w := randomMatrix(rng, m, k, 0), randomMatrix(rng, k, n, 0)
			z, bias := randomMatrix(rng, m, n, 0), NewVector(n)
			gradW, gradX := randomMatrix(rng, k, n, 0), randomMatrix(rng, m, k, 0)
			flops := float64(2 * m * k * n)
			shape := fmt.Sprintf("%dx%dx%d", m, k, n)
			run := func(name string, f func()) {
				b.Run(kern.name+"/"+name+"/"+shape, func(b *testing.B) {
					for b.Loop() {
						f()
					}
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
			run("Mul", func() { kern.mul(z, x, w, bias, Sigmoid) })
			run("MulTransA", func() { kern.mulTransA(gradW, x, z) })
			run("MulTransB", func() { kern.mulTransB(gradX, z, w) })
		}
	}
}

// BenchmarkTrainEpoch trains one epoch of 1024 random samples in batches of
// 32 with Adam, like model.BenchmarkTrainEpoch with the gonum kernels, and
// reports samples per second.
func BenchmarkTrainEpoch(b *testing.B) {
	networks := []struct {
		name   string
		sizes  []int
		output Output
	}{
		{"course_400-25-15-1", []int{400, 25, 15, 1}, Binary},
		{"face_1024-64-32-40", []int{1024, 64, 32, 40}, Softmax},
	}
	for _, kern := range implementations() {
		for _, nw := range networks {
			b.Run(kern.name+"/"+nw.name, func(b *testing.B) {
				rng := rand.New(rand.NewPCG(1, 1))
				layers := randomLayers(rng, nw.sizes, []Activation{Sigmoid, Sigmoid, Identity})
				classes := nw.sizes[len(nw.sizes)-1]
				if nw.output == Binary {
					classes = 2
				}
				x, y := randomBatch(rng, 1024, nw.sizes[0], classes)
				tr := newTestTrainer(kern, layers, nw.output, 32, Options{LearningRate: 0.001})
				order := rng.Perm(len(x))
				batchX, batchY := make([][]float32, 32), make([]int, 32)
				for b.Loop() {
					rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
					for start := 0; start < len(order); start += 32 {
						for i, k := range order[start : start+32] {
							batchX[i], batchY[i] = x[k], y[k]
						}
						tr.Step(batchX, batchY)
					}
				}
				b.ReportMetric(float64(len(x)*b.N)/b.Elapsed().Seconds(), "samples/s")
			})
		}
	}
}
