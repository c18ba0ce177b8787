package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"gonum.org/v1/gonum/mat"

	"visage/model"
)

// network is one of the shapes compared.
type network struct {
	Key     string // short name for files and tables
	Name    string
	Grid    model.Grid
	Hidden  []int
	Outputs int // 1 for a binary network
	Output  model.OutputKind
}

// networks are the course's 400-25-15-1 network with a single sigmoid output
// and a face network of 1024-64-32-40 with a softmax output, both with
// sigmoid hidden layers.
var networks = []network{
	{"course", "course 400-25-15-1", model.Grid{Width: 20, Height: 20},
		[]int{25, 15}, 1, model.Binary},
	{"face", "face 1024-64-32-40", model.Grid{Width: 32, Height: 32},
		[]int{64, 32}, 40, model.Softmax},
}

// dataset is the samples and initial weights of one network, the same for
// every tool.
type dataset struct {
	X    []float32 // samples × inputs, row-major, values in [0, 1)
	Y    []int32   // class index, or 0 and 1 for a binary network
	Init *model.Network
}

// makeDataset draws samples from a PCG source seeded with seed. The labels
// come from a fixed random linear teacher, so that the networks have
// something to learn and their losses fall as they train.
func makeDataset(n network, samples int, seed uint64) (dataset, error) {
	inputs := n.Grid.Cells()
	rng := rand.New(rand.NewPCG(seed, uint64(inputs)))
	d := dataset{X: make([]float32, samples*inputs), Y: make([]int32, samples)}
	for i := range d.X {
		d.X[i] = rng.Float32()
	}
	teacher := make([]float64, inputs*n.Outputs)
	for i := range teacher {
		teacher[i] = rng.NormFloat64()
	}
	for i := range d.Y {
		d.Y[i] = teach(d.X[i*inputs:(i+1)*inputs], teacher, n.Outputs)
	}

	names := make([]string, n.Outputs)
	for i := range names {
		names[i] = fmt.Sprint(i)
	}
	net, err := model.New(model.Config{
		Grid: n.Grid, Hidden: n.Hidden, Classes: names, Output: n.Output, Seed: seed,
	})
	d.Init = net
	return d, err
}

// teach returns the label the teacher gives row x: the sign of one
// projection of the centred row for a single output, otherwise the index of
// the largest of several projections.
func teach(x []float32, teacher []float64, outputs int) int32 {
	best, bestScore := 0, 0.0
	for k := range outputs {
		var score float64
		for i, v := range x {
			score += (float64(v) - 0.5) * teacher[i*outputs+k]
		}
		if outputs == 1 {
			if score > 0 {
				return 1
			}
			return 0
		}
		if k == 0 || score > bestScore {
			best, bestScore = k, score
		}
	}
	return int32(best)
}

// trainingData returns the samples in the float64 layout of package model.
func (d dataset) trainingData(inputs int) model.Data {
	x := make([]float64, len(d.X))
	for i, v := range d.X {
		x[i] = float64(v)
	}
	y := make([]int, len(d.Y))
	for i, v := range d.Y {
		y[i] = int(v)
	}
	return model.Data{X: mat.NewDense(len(d.Y), inputs, x), Y: y}
}

// config is the settings of a run, which the Python worker reads from
// config.json.
type config struct {
	Seed   uint64 `json:"seed"`
	Batch  int    `json:"batch"`
	Warmup int    `json:"warmup"` // untimed epochs before the timed ones
	Epochs int    `json:"epochs"` // timed epochs

	// BudgetSeconds stops a Python worker's training of one network and
	// variant after the first timed epoch that ends past it.
	BudgetSeconds float64 `json:"budget_seconds"`

	LR    float64 `json:"lr"`
	Beta1 float64 `json:"beta1"`
	Beta2 float64 `json:"beta2"`
	Eps   float64 `json:"eps"`

	// Single-image timings run in chunks of at least ChunkSeconds and keep
	// the median of Chunks chunks.
	ChunkSeconds float64 `json:"chunk_seconds"`
	Chunks       int     `json:"chunks"`

	Networks []networkFiles `json:"networks"`
}

// networkFiles names the .npy files of one network, relative to the folder
// of config.json.
type networkFiles struct {
	Key     string   `json:"key"`
	Output  string   `json:"output"` // "binary" or "softmax"
	X       string   `json:"x"`
	Y       string   `json:"y"`
	Weights []string `json:"weights"` // inputs × units, one per layer
	Biases  []string `json:"biases"`
}

// writeData writes each network's samples, labels and initial weights as
// float32 and int32 .npy files into dir, then config.json, which lists them.
func writeData(dir string, cfg config, nets []network, data []dataset) (string, error) {
	cfg.Networks = nil
	for i, n := range nets {
		files, err := writeNetwork(dir, n, data[i])
		if err != nil {
			return "", err
		}
		cfg.Networks = append(cfg.Networks, files)
	}
	text, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "config.json")
	return path, os.WriteFile(path, text, 0o644)
}

func writeNetwork(dir string, n network, d dataset) (networkFiles, error) {
	files := networkFiles{
		Key: n.Key, Output: string(n.Output), X: n.Key + "_x.npy", Y: n.Key + "_y.npy",
	}
	samples := len(d.Y)
	err := writeNPYFile(filepath.Join(dir, files.X), []int{samples, n.Grid.Cells()}, d.X)
	if err == nil {
		err = writeNPYFile(filepath.Join(dir, files.Y), []int{samples}, d.Y)
	}
	for l, layer := range d.Init.Layers {
		if err != nil {
			break
		}
		w := fmt.Sprintf("%s_w%d.npy", n.Key, l)
		b := fmt.Sprintf("%s_b%d.npy", n.Key, l)
		files.Weights = append(files.Weights, w)
		files.Biases = append(files.Biases, b)
		rows, cols := layer.W.Dims()
		weights := float32s(mat.DenseCopyOf(layer.W).RawMatrix().Data)
		err = writeNPYFile(filepath.Join(dir, w), []int{rows, cols}, weights)
		if err == nil {
			err = writeNPYFile(filepath.Join(dir, b), []int{cols}, float32s(layer.B))
		}
	}
	return files, err
}

func float32s(x []float64) []float32 {
	s := make([]float32, len(x))
	for i, v := range x {
		s[i] = float32(v)
	}
	return s
}
