package model

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// blobs returns a learnable problem: each class lights up its own block of
// inputs, plus noise.
func blobs(perClass, classes, inputs int, seed uint64) Data {
	x, _ := randomData(perClass*classes, inputs, 1, seed)
	y := make([]int, perClass*classes)
	for i := range y {
		c := i % classes
		y[i] = c
		for j := c * inputs / classes; j < (c+1)*inputs/classes; j++ {
			x.Set(i, j, x.At(i, j)+1)
		}
	}
	return Data{X: x, Y: y}
}

func newBlobNetwork(t *testing.T, output OutputKind, seed uint64) *Network {
	t.Helper()
	classes := []string{"a", "b", "c", "d"}
	if output == Binary {
		classes = classes[:1]
	}
	net, err := New(Config{Grid: Grid{Width: 4, Height: 4}, Hidden: []int{8},
		Classes: classes, Output: output, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func TestTrainLearnsSeparableClasses(t *testing.T) {
	data := blobs(20, 4, 16, 1)
	trainIdx, valIdx := Split(data.Y, 0.25, 1)
	net := newBlobNetwork(t, Softmax, 1)
	var epochs []int
	rec := RecorderFunc(func(p Progress) error {
		epochs = append(epochs, p.Epoch)
		if p.Network != net {
			t.Errorf("epoch %d: recorder got another network", p.Epoch)
		}
		return nil
	})
	got, err := Train(context.Background(), net, data.Subset(trainIdx), data.Subset(valIdx),
		TrainOptions{Epochs: 60, LearningRate: 0.01, Seed: 2}, rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(epochs) != 60 || epochs[59] != 60 {
		t.Errorf("recorder saw epochs %v, want 1..60", epochs)
	}
	if got.TrainAccuracy < 0.99 {
		t.Errorf("training accuracy %.3f, want at least 0.99", got.TrainAccuracy)
	}
	if got.ValidationAccuracy < 0.9 {
		t.Errorf("validation accuracy %.3f, want at least 0.9", got.ValidationAccuracy)
	}
}

func TestTrainBinaryLearnsPositiveClass(t *testing.T) {
	data := blobs(20, 4, 16, 3)
	for i, c := range data.Y {
		data.Y[i] = 0
		if c == 2 {
			data.Y[i] = 1
		}
	}
	net := newBlobNetwork(t, Binary, 1)
	got, err := Train(context.Background(), net, data, Data{},
		TrainOptions{Epochs: 80, LearningRate: 0.01}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.TrainAccuracy < 0.99 {
		t.Errorf("training accuracy %.3f, want at least 0.99", got.TrainAccuracy)
	}
	if !math.IsNaN(got.ValidationAccuracy) {
		t.Errorf("validation accuracy without validation data = %v, want NaN", got.ValidationAccuracy)
	}
}

func TestTrainIsReproducible(t *testing.T) {
	data := blobs(10, 4, 16, 5)
	run := func() *Network {
		net := newBlobNetwork(t, Softmax, 9)
		if _, err := Train(context.Background(), net, data, Data{},
			TrainOptions{Epochs: 5, BatchSize: 7, Seed: 4}, nil); err != nil {
			t.Fatal(err)
		}
		return net
	}
	a, b := run(), run()
	for l := range a.Layers {
		if !reflect.DeepEqual(raw(a.Layers[l].W), raw(b.Layers[l].W)) ||
			!reflect.DeepEqual(a.Layers[l].B, b.Layers[l].B) {
			t.Errorf("layer %d differs between two runs with the same seeds", l)
		}
	}
}

func TestTrainStopsWhenCancelled(t *testing.T) {
	data := blobs(10, 4, 16, 5)
	net := newBlobNetwork(t, Softmax, 1)
	ctx, cancel := context.WithCancel(context.Background())
	rec := RecorderFunc(func(p Progress) error {
		if p.Epoch == 3 {
			cancel()
		}
		return nil
	})
	got, err := Train(ctx, net, data, Data{}, TrainOptions{Epochs: 1000}, rec)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Train error = %v, want context.Canceled", err)
	}
	if got.Epoch != 3 {
		t.Errorf("last completed epoch = %d, want 3", got.Epoch)
	}
}

func TestTrainRestoresWeightsWhenDiverging(t *testing.T) {
	data := blobs(10, 4, 16, 5)
	net := newBlobNetwork(t, Softmax, 1)
	before := slices.Clone(raw(net.Layers[0].W))
	rec := RecorderFunc(func(p Progress) error {
		before = slices.Clone(raw(p.Network.Layers[0].W))
		return nil
	})
	_, err := Train(context.Background(), net, data, Data{},
		TrainOptions{Epochs: 50, LearningRate: 1e308}, rec)
	if !errors.Is(err, ErrDiverged) {
		t.Fatalf("Train error = %v, want ErrDiverged", err)
	}
	for _, l := range net.Layers {
		for _, v := range append(raw(l.W), l.B...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("weight %v left in the network after divergence", v)
			}
		}
	}
	if !slices.Equal(before, raw(net.Layers[0].W)) {
		t.Errorf("weights after divergence differ from those of the last finite epoch")
	}
}

func TestTrainRejectsBadInput(t *testing.T) {
	data := blobs(5, 4, 16, 5)
	wrongWidth := Data{X: mat.NewDense(2, 15, nil), Y: []int{0, 1}}
	tests := []struct {
		name string
		data Data
		opt  TrainOptions
	}{
		{"no samples", Data{}, TrainOptions{}},
		{"label out of range", Data{X: data.X, Y: slices.Repeat([]int{4}, 20)}, TrainOptions{}},
		{"negative label", Data{X: data.X, Y: slices.Repeat([]int{-1}, 20)}, TrainOptions{}},
		{"too few labels", Data{X: data.X, Y: data.Y[:3]}, TrainOptions{}},
		{"wrong width", wrongWidth, TrainOptions{}},
		{"labels without samples", Data{Y: []int{1}}, TrainOptions{}},
		{"NaN input", Data{X: mat.NewDense(1, 16, slices.Repeat([]float64{math.NaN()}, 16)), Y: []int{0}}, TrainOptions{}},
		{"negative rate", data, TrainOptions{LearningRate: -1}},
		{"NaN rate", data, TrainOptions{LearningRate: math.NaN()}},
		{"negative L2", data, TrainOptions{L2: -0.1}},
		{"negative epochs", data, TrainOptions{Epochs: -3}},
	}
	for _, tt := range tests {
		net := newBlobNetwork(t, Softmax, 1)
		if _, err := Train(context.Background(), net, tt.data, Data{}, tt.opt, nil); err == nil {
			t.Errorf("%s: Train succeeded, want error", tt.name)
		}
	}
}

func TestSplitStratified(t *testing.T) {
	// Class 0 has 10 samples, class 1 has 5, class 2 a single one.
	labels := append(append(slices.Repeat([]int{0}, 10), slices.Repeat([]int{1}, 5)...), 2)
	train, val := Split(labels, 0.2, 1)
	count := func(idx []int, class int) int {
		n := 0
		for _, i := range idx {
			if labels[i] == class {
				n++
			}
		}
		return n
	}
	wantVal := map[int]int{0: 2, 1: 1, 2: 0}
	for class, want := range wantVal {
		if got := count(val, class); got != want {
			t.Errorf("class %d: %d validation samples, want %d", class, got, want)
		}
	}
	if len(train)+len(val) != len(labels) {
		t.Errorf("split covers %d of %d samples", len(train)+len(val), len(labels))
	}
	all := slices.Sorted(slices.Values(append(slices.Clone(train), val...)))
	for i, v := range all {
		if v != i {
			t.Fatalf("sample %d missing or repeated in the split", i)
		}
	}
	train2, val2 := Split(labels, 0.2, 1)
	if !slices.Equal(train, train2) || !slices.Equal(val, val2) {
		t.Errorf("same seed gave different splits")
	}
}

func TestRankBinaryTieGoesToPositiveClass(t *testing.T) {
	net := newBlobNetwork(t, Binary, 1)
	last := net.Layers[len(net.Layers)-1]
	last.W.Zero()
	last.B[0] = 0
	scores := net.Rank(make([]float64, 16))
	if len(scores) != 2 {
		t.Fatalf("Rank returned %d scores, want 2", len(scores))
	}
	if scores[0].Label != "a" || scores[0].Probability != 0.5 || scores[0].Logit != 0 {
		t.Errorf("first score = %+v, want the positive class at p=0.5, z=0", scores[0])
	}
	if scores[1].Label != "not a" {
		t.Errorf("second score label = %q, want %q", scores[1].Label, "not a")
	}
}

func TestRankSortedAndNormalised(t *testing.T) {
	net := newBlobNetwork(t, Softmax, 3)
	x, _ := randomData(1, 16, 1, 8)
	scores := net.Rank(x.RawRowView(0))
	var sum float64
	for i, s := range scores {
		sum += s.Probability
		if i > 0 && s.Probability > scores[i-1].Probability {
			t.Errorf("score %d (%v) ranks below a smaller one (%v)", i, s.Probability, scores[i-1].Probability)
		}
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("probabilities sum to %v, want 1", sum)
	}
}

func longNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%0250d", i)
	}
	return names
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"empty grid", Config{Classes: []string{"a", "b"}}},
		{"one softmax class", Config{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"a"}}},
		{"two binary classes", Config{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"a", "b"}, Output: Binary}},
		{"zero hidden units", Config{Grid: Grid{Width: 2, Height: 2}, Hidden: []int{0}, Classes: []string{"a", "b"}}},
		{"unknown activation", Config{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"a", "b"}, Activation: "gelu"}},
		{"unknown output", Config{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"a", "b"}, Output: "ranked"}},
		{"repeated class", Config{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"a", "b", "a"}}},
		{"empty class name", Config{Grid: Grid{Width: 2, Height: 2}, Classes: []string{"a", ""}}},
		{"too many parameters", Config{Grid: Grid{Width: 1024, Height: 1024}, Hidden: []int{64}, Classes: []string{"a", "b"}}},
		{"huge hidden layer", Config{Grid: Grid{Width: 2, Height: 2}, Hidden: []int{1 << 20, 1 << 20}, Classes: []string{"a", "b"}}},
		{"overflowing grid", Config{Grid: Grid{Width: 1 << 62, Height: 4}, Classes: []string{"a", "b"}}},
		{"header too long", Config{Grid: Grid{Width: 2, Height: 2}, Classes: longNames(5000)}},
	}
	for _, tt := range tests {
		if _, err := New(tt.cfg); err == nil {
			t.Errorf("%s: New succeeded, want error", tt.name)
		}
	}
}

func TestTrainSGDLearns(t *testing.T) {
	data := blobs(20, 4, 16, 1)
	net := newBlobNetwork(t, Softmax, 1)
	got, err := Train(context.Background(), net, data, Data{},
		TrainOptions{Epochs: 80, Optimizer: SGD, Momentum: 0.9}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.TrainAccuracy < 0.99 {
		t.Errorf("SGD training accuracy %.3f, want at least 0.99", got.TrainAccuracy)
	}
}

func TestTrainOneVsRestLearns(t *testing.T) {
	data := blobs(20, 4, 16, 2)
	net, err := New(Config{Grid: Grid{Width: 4, Height: 4}, Hidden: []int{8},
		Classes: []string{"a", "b", "c", "d"}, Output: OneVsRest, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Train(context.Background(), net, data, Data{}, TrainOptions{Epochs: 80, LearningRate: 0.01}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.TrainAccuracy < 0.99 {
		t.Errorf("one-vs-rest training accuracy %.3f, want at least 0.99", got.TrainAccuracy)
	}
	prob, _ := net.Predict(data.X.RawRowView(0))
	var sum float64
	for _, p := range prob {
		sum += p
	}
	if math.Abs(sum-1) < 1e-9 {
		t.Errorf("one-vs-rest probabilities sum to exactly 1 (%v): they should be independent", sum)
	}
}

// batchLog records every batch and epoch it receives.
type batchLog struct {
	batches []Batch
	epochs  []int
}

func (b *batchLog) Record(p Progress) error   { b.epochs = append(b.epochs, p.Epoch); return nil }
func (b *batchLog) RecordBatch(x Batch) error { b.batches = append(b.batches, x); return nil }

func TestTrainReportsBatches(t *testing.T) {
	data := blobs(10, 4, 16, 5) // 40 samples: batches of 16, 16 and 8
	net := newBlobNetwork(t, Softmax, 1)
	var log batchLog
	if _, err := Train(context.Background(), net, data, Data{}, TrainOptions{Epochs: 2, BatchSize: 16}, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.batches) != 6 || len(log.epochs) != 2 {
		t.Fatalf("%d batches and %d epochs reported, want 6 and 2", len(log.batches), len(log.epochs))
	}
	last := log.batches[5]
	if last.Epoch != 2 || last.Batch != 3 || last.Batches != 3 {
		t.Errorf("last batch = %+v, want epoch 2, batch 3 of 3", last)
	}
	for _, b := range log.batches {
		if !(b.Loss > 0) || math.IsInf(b.Loss, 0) {
			t.Errorf("batch %+v has loss %v", b, b.Loss)
		}
	}
}

func TestTimelineThinsEvenly(t *testing.T) {
	data := blobs(5, 4, 16, 5)
	net := newBlobNetwork(t, Softmax, 1)
	size := 8 * ((16+1)*8 + (8+1)*4) // bytes of one snapshot
	tl := &Timeline{MaxBytes: 10 * size}
	if _, err := Train(context.Background(), net, data, Data{}, TrainOptions{Epochs: 100}, tl); err != nil {
		t.Fatal(err)
	}
	n := len(tl.Snapshots)
	if n > 11 || n < 5 {
		t.Errorf("%d snapshots kept, want 5 to 10 and the last epoch", n)
	}
	every := tl.Every()
	for i, s := range tl.Snapshots[:n-1] {
		if s.Epoch != (i+1)*every {
			t.Errorf("snapshot %d is of epoch %d, want %d", i, s.Epoch, (i+1)*every)
		}
	}
	last := tl.Snapshots[n-1]
	if last.Epoch != 100 {
		t.Errorf("last snapshot is of epoch %d, want the last epoch, 100", last.Epoch)
	}
	if !slices.Equal(raw(last.Layers[0].W), raw(net.Layers[0].W)) {
		t.Error("the snapshot of the last epoch differs from the trained weights")
	}
	tl.Snapshots[0].Layers[0].W.Set(0, 0, 1e9)
	if net.Layers[0].W.At(0, 0) == 1e9 {
		t.Error("a snapshot shares memory with the network")
	}
}

func TestTimelineKeepsTwoWhenTiny(t *testing.T) {
	data := blobs(5, 2, 16, 1)
	net := newBlobNetwork(t, Softmax, 1)
	tl := &Timeline{MaxBytes: 1}
	fewest := math.MaxInt
	rec := RecorderFunc(func(p Progress) error {
		err := tl.Record(p)
		if p.Epoch >= 2 {
			fewest = min(fewest, len(tl.Snapshots))
		}
		return err
	})
	if _, err := Train(context.Background(), net, data, Data{}, TrainOptions{Epochs: 40}, rec); err != nil {
		t.Fatal(err)
	}
	if fewest < 2 {
		t.Errorf("a timeline with no room for one snapshot held %d after some epoch, want at least 2", fewest)
	}
}

func TestParseActivations(t *testing.T) {
	tests := []struct {
		in     string
		layers int
		want   []Activation
		ok     bool
	}{
		{"relu", 3, []Activation{ReLU, ReLU, ReLU}, true},
		{"ReLU, tanh", 2, []Activation{ReLU, Tanh}, true},
		{"sigmoid", 0, []Activation{}, true},
		{"relu,tanh", 3, nil, false},
		{"gelu", 1, nil, false},
		{"", 1, nil, false},
	}
	for _, tt := range tests {
		got, err := ParseActivations(tt.in, tt.layers)
		if (err == nil) != tt.ok {
			t.Errorf("ParseActivations(%q, %d) error = %v, want ok %v", tt.in, tt.layers, err, tt.ok)
			continue
		}
		if tt.ok && !slices.Equal(got, tt.want) {
			t.Errorf("ParseActivations(%q, %d) = %v, want %v", tt.in, tt.layers, got, tt.want)
		}
	}
}
