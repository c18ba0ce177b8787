package model

import (
	"context"
	"fmt"
	"testing"
)

// benchNetworks are the shapes Visage is built around: the course's
// 400-25-15-1 sigmoid network and a face network of 1024-64-32-40.
var benchNetworks = []struct {
	name    string
	grid    Grid
	hidden  []int
	classes int
	output  OutputKind
}{
	{"course_400-25-15-1", Grid{Width: 20, Height: 20}, []int{25, 15}, 1, Binary},
	{"face_1024-64-32-40", Grid{Width: 32, Height: 32}, []int{64, 32}, 40, Softmax},
}

func benchNetwork(b *testing.B, grid Grid, hidden []int, classes int, output OutputKind) *Network {
	names := make([]string, classes)
	for i := range names {
		names[i] = fmt.Sprint(i)
	}
	if output == Softmax && classes < 2 {
		b.Fatal("softmax needs 2 classes")
	}
	net, err := New(Config{Grid: grid, Hidden: hidden, Classes: names, Output: output, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return net
}

// BenchmarkTrainEpoch trains one epoch of 1024 samples in batches of 32 and
// reports samples per second.
func BenchmarkTrainEpoch(b *testing.B) {
	for _, bn := range benchNetworks {
		b.Run(bn.name, func(b *testing.B) {
			net := benchNetwork(b, bn.grid, bn.hidden, bn.classes, bn.output)
			labels := bn.classes
			if bn.output == Binary {
				labels = 2
			}
			x, y := randomData(1024, bn.grid.Cells(), labels, 1)
			data := Data{X: x, Y: y}
			t := newTrainer(net, data, TrainOptions{BatchSize: 32}.withDefaults())
			b.ResetTimer()
			for b.Loop() {
				t.epoch(context.Background(), 1)
			}
			b.ReportMetric(float64(1024*b.N)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}

func BenchmarkPredict(b *testing.B) {
	for _, bn := range benchNetworks {
		b.Run(bn.name, func(b *testing.B) {
			net := benchNetwork(b, bn.grid, bn.hidden, bn.classes, bn.output)
			x, _ := randomData(1, bn.grid.Cells(), 1, 1)
			row := x.RawRowView(0)
			for b.Loop() {
				net.Predict(row)
			}
		})
	}
}
