// Command compare times Visage's training and single-image passes against
// PyTorch, scikit-learn's MLPClassifier and a hand-written float32 numpy
// loop, on the same networks, seeded data and initial weights, and prints
// the speeds and their ratios as Markdown.
//
// Every tool is timed with each setting that may make it faster on the
// machine at hand, and the fastest is kept. For Visage that is GOMAXPROCS.
// For the Python tools it is OpenBLAS's core type and thread count and, for
// PyTorch, torch.set_num_threads and the foreach form of Adam. A Python
// tool that is not installed is reported as skipped, and the run goes on.
//
// Run it from the repository root with
//
//	go run ./bench/compare
//
// The Go side is built with the GOEXPERIMENT and GOAMD64 of the
// environment, and the report prints both.
package main

import (
	"context"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

//go:embed worker.py
var workerScript []byte

type options struct {
	samples, batch, warmup, epochs int
	seed                           uint64
	python                         string
	tools                          []string
	dataDir                        string
}

func main() {
	var o options
	var toolList string
	flag.IntVar(&o.samples, "samples", 4096, "samples per network, which is one epoch")
	flag.IntVar(&o.batch, "batch", 32, "samples per optimisation step")
	flag.IntVar(&o.warmup, "warmup", 1, "untimed epochs before the timed ones")
	flag.IntVar(&o.epochs, "epochs", 5, "timed epochs; the median is reported")
	flag.Uint64Var(&o.seed, "seed", 1,
		"seed of the data, the initial weights and the sample order")
	flag.StringVar(&o.python, "python", "/usr/bin/python3",
		"Python interpreter that has Debian's numpy, torch and sklearn packages")
	flag.StringVar(&toolList, "tools", "visage,torch,numpy,sklearn",
		"comma-separated tools to time")
	flag.StringVar(&o.dataDir, "data", "", "folder to write the .npy files and "+
		"config.json into and keep (default: a temporary folder, removed at the end)")
	flag.Parse()
	o.tools = strings.Split(toolList, ",")
	if err := o.check(); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Stderr, o); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func (o options) check() error {
	switch {
	case o.samples < 1 || o.batch < 1 || o.warmup < 0 || o.epochs < 1:
		return fmt.Errorf("invalid -samples %d, -batch %d, -warmup %d or -epochs %d: "+
			"want positive counts, and zero or more warm-up epochs",
			o.samples, o.batch, o.warmup, o.epochs)
	}
	for _, t := range o.tools {
		if !knownTool(t) {
			return fmt.Errorf("unknown tool %q in -tools: "+
				"use visage, torch, numpy or sklearn", t)
		}
	}
	return nil
}

// run writes the data, times every tool and writes the report to out.
// Progress goes to progress.
func run(ctx context.Context, out, progress io.Writer, o options) error {
	started := time.Now()
	m := describeMachine()
	cfg := config{
		Seed: o.seed, Batch: o.batch, Warmup: o.warmup, Epochs: o.epochs,
		BudgetSeconds: 10,
		LR:            0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8,
		ChunkSeconds: 0.02, Chunks: 7,
	}
	dir, cleanup, err := dataFolder(o.dataDir)
	if err != nil {
		return err
	}
	defer cleanup()
	data, configPath, err := prepare(dir, cfg, o)
	if err != nil {
		return err
	}

	var s session
	threads := threadCounts()
	if slices.Contains(o.tools, "visage") {
		if err := s.timeVisage(progress, cfg, data, threads); err != nil {
			return err
		}
	}
	script := filepath.Join(dir, "worker.py")
	s.timePython(ctx, progress, o, script, configPath, m.AVX512, threads)

	writeReport(out, o, m, started, &s)
	return nil
}

// dataFolder returns the folder to write the data into, and a function
// that removes it if it is temporary.
func dataFolder(dir string) (string, func(), error) {
	if dir != "" {
		return dir, func() {}, os.MkdirAll(dir, 0o755)
	}
	tmp, err := os.MkdirTemp("", "visage-compare-")
	return tmp, func() { os.RemoveAll(tmp) }, err
}

// prepare makes the seeded data of every network and writes it, its
// config.json and worker.py into dir.
func prepare(dir string, cfg config, o options) ([]dataset, string, error) {
	var data []dataset
	for _, n := range networks {
		d, err := makeDataset(n, o.samples, o.seed)
		if err != nil {
			return nil, "", err
		}
		data = append(data, d)
	}
	configPath, err := writeData(dir, cfg, networks, data)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "worker.py"), workerScript, 0o644)
	}
	return data, configPath, err
}

// threadCounts returns 1 and the number of CPUs, the thread counts tried.
func threadCounts() []int {
	if n := runtime.NumCPU(); n > 1 {
		return []int{1, n}
	}
	return []int{1}
}

// session collects the results and remarks of one run.
type session struct {
	results []result
	notes   []string          // skipped tools and failed settings
	info    map[string]string // facts about the Python side, by name
}

func (s *session) timeVisage(progress io.Writer, cfg config, data []dataset,
	threads []int) error {
	for _, procs := range threads {
		for i, n := range networks {
			fmt.Fprintf(progress, "timing Visage, %s, GOMAXPROCS=%d\n", n.Name, procs)
			r, err := timeVisage(cfg, n, data[i], procs)
			if err != nil {
				return err
			}
			s.results = append(s.results, r)
		}
	}
	return nil
}

// timePython runs the worker for each Python tool in o.tools and each
// OpenBLAS setting. A tool that is missing is skipped with a note, and so
// is a setting whose worker fails.
func (s *session) timePython(ctx context.Context, progress io.Writer, o options,
	script, configPath string, avx512 bool, threads []int) {
	var requested []string
	for _, t := range []string{"torch", "numpy", "sklearn"} {
		if slices.Contains(o.tools, t) {
			requested = append(requested, t)
		}
	}
	if len(requested) == 0 {
		return
	}
	if _, err := exec.LookPath(o.python); err != nil {
		s.notes = append(s.notes, fmt.Sprintf(
			"skipped %s: %v; install Debian's python3 or pass -python",
			strings.Join(requested, ", "), err))
		return
	}
	for _, tool := range requested {
		settings := blasSettings(avx512, threads)
		s.timeTool(ctx, progress, o.python, script, configPath, tool, settings, threads)
	}
}

func (s *session) timeTool(ctx context.Context, progress io.Writer,
	python, script, configPath, tool string, settings []blasSetting, threads []int) {
	// Each torch.set_num_threads value gets its own process, so that no
	// thread pool an earlier value started is still spinning while the
	// next one is timed.
	runs := [][]int{{1}}
	if tool == "torch" {
		runs = nil
		for _, n := range threads {
			runs = append(runs, []int{n})
		}
	}
	for _, setting := range settings {
		for _, torchThreads := range runs {
			if ctx.Err() != nil {
				return
			}
			fmt.Fprintf(progress, "timing %s, %v\n", toolName(tool), setting)
			out, err := runWorker(ctx, python, script, configPath, tool,
				setting, torchThreads)
			if err != nil {
				s.notes = append(s.notes, "failed: "+err.Error())
				continue
			}
			if out.Skip != "" {
				s.notes = append(s.notes, "skipped "+out.Skip)
				return
			}
			s.addResults(setting, out)
		}
	}
}

// addResults keeps a worker's results, labelled with the OpenBLAS core it
// used, and the versions it reported.
func (s *session) addResults(setting blasSetting, out workerOutput) {
	if s.info == nil {
		s.info = map[string]string{}
	}
	versions := []string{"python", "numpy", "torch", "sklearn", "torch_default_threads"}
	for _, key := range versions {
		if v, ok := out.Info[key]; ok {
			s.info[key] = fmt.Sprint(v)
		}
	}
	core := fmt.Sprint(out.Info["blas_core"])
	if setting.Core == "" {
		s.info["blas"] = fmt.Sprint(out.Info["blas"])
		s.info["OpenBLAS automatic core"] = core
	}
	for _, r := range out.Results {
		r.Setting += ", core " + core
		s.results = append(s.results, r)
	}
}
