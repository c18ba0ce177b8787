package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// tools are the tools compared, in table order, with their display names.
var tools = []struct{ Key, Name string }{
	{"visage", "Visage"}, {"torch", "PyTorch"},
	{"numpy", "numpy"}, {"sklearn", "scikit-learn"},
}

func knownTool(key string) bool {
	for _, t := range tools {
		if t.Key == key {
			return true
		}
	}
	return false
}

// measure is one row of the summary for each network.
type measure struct {
	Name   string
	Higher bool // whether a larger value is faster
	// Value returns the measure of r, or false when r has none.
	Value  func(r result, samples int) (float64, bool)
	Format func(float64) string
}

var measures = []measure{
	{"training, samples/s", true, func(r result, samples int) (float64, bool) {
		return r.samplesPerSecond(samples), true
	}, groupThousands},
	{"forward pass, µs per image", false, func(r result, _ int) (float64, bool) {
		return r.ForwardSeconds, r.ForwardSeconds > 0
	}, microseconds},
	{"saliency map, µs per image", false, func(r result, _ int) (float64, bool) {
		if r.SaliencySeconds == nil {
			return 0, false
		}
		return *r.SaliencySeconds, true
	}, microseconds},
}

// best returns the result of tool on net with the fastest value of m.
func best(results []result, tool, net string, m measure,
	samples int) (result, float64, bool) {
	var top result
	topValue, found := 0.0, false
	for _, r := range results {
		if r.Tool != tool || r.Network != net {
			continue
		}
		v, ok := m.Value(r, samples)
		if !ok {
			continue
		}
		if !found || (m.Higher && v > topValue) || (!m.Higher && v < topValue) {
			top, topValue, found = r, v, true
		}
	}
	return top, topValue, found
}

// speedRatio returns how many times faster a is than b.
func speedRatio(m measure, a, b float64) float64 {
	if m.Higher {
		return a / b
	}
	return b / a
}

// writeSummary writes a Markdown table with the best value of each tool for
// every network and measure, then the ratios of Visage to PyTorch and
// numpy, then the final loss of each tool's fastest training setting.
func writeSummary(w io.Writer, nets []network, results []result, samples int) {
	fmt.Fprint(w, "| network | measure |")
	for _, t := range tools {
		fmt.Fprintf(w, " %s |", t.Name)
	}
	fmt.Fprintln(w, " Visage/PyTorch | Visage/numpy |")
	fmt.Fprintln(w, "|---|---|"+strings.Repeat("---:|", len(tools)+2))
	for _, n := range nets {
		for _, m := range measures {
			writeSummaryRow(w, n, m, results, samples)
		}
		writeLossRow(w, n, results, samples)
	}
}

func writeSummaryRow(w io.Writer, n network, m measure, results []result, samples int) {
	fmt.Fprintf(w, "| %s | %s |", n.Name, m.Name)
	values := map[string]float64{}
	for _, t := range tools {
		_, v, ok := best(results, t.Key, n.Key, m, samples)
		if !ok {
			fmt.Fprint(w, " n/a |")
			continue
		}
		values[t.Key] = v
		fmt.Fprintf(w, " %s |", m.Format(v))
	}
	for _, other := range []string{"torch", "numpy"} {
		v, okV := values["visage"]
		o, okO := values[other]
		if !okV || !okO {
			fmt.Fprint(w, " n/a |")
			continue
		}
		fmt.Fprintf(w, " %.2f |", speedRatio(m, v, o))
	}
	fmt.Fprintln(w)
}

// writeLossRow writes the mean loss of the last timed epoch, a check that
// every tool trained the same network to a similar point.
func writeLossRow(w io.Writer, n network, results []result, samples int) {
	fmt.Fprintf(w, "| %s | loss of the last epoch |", n.Name)
	for _, t := range tools {
		r, _, ok := best(results, t.Key, n.Key, measures[0], samples)
		if !ok {
			fmt.Fprint(w, " n/a |")
			continue
		}
		fmt.Fprintf(w, " %.4f |", r.EpochLosses[len(r.EpochLosses)-1])
	}
	fmt.Fprintln(w, " | |")
}

// writeBestSettings lists the setting behind each tool's best training speed.
func writeBestSettings(w io.Writer, nets []network, results []result, samples int) {
	for _, n := range nets {
		for _, t := range tools {
			r, _, ok := best(results, t.Key, n.Key, measures[0], samples)
			if ok {
				fmt.Fprintf(w, "- %s, %s: %s; %s\n", n.Name, t.Name, r.Setting, r.Variant)
			}
		}
	}
}

// settingKey identifies one row of the settings table.
type settingKey struct{ Tool, Setting, Variant string }

// writeSettings writes a Markdown table of every setting tried, with the
// training speed and forward pass time on each network. A speed measured
// on fewer than epochs timed epochs is marked with their number.
func writeSettings(w io.Writer, nets []network, results []result, samples, epochs int) {
	fmt.Fprint(w, "| tool | setting | variant |")
	for _, n := range nets {
		fmt.Fprintf(w, " %s samples/s |", n.Key)
	}
	for _, n := range nets {
		fmt.Fprintf(w, " %s forward µs |", n.Key)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "|---|---|---|"+strings.Repeat("---:|", 2*len(nets)))

	var keys []settingKey
	byKey := map[settingKey]map[string]result{}
	for _, r := range results {
		k := settingKey{r.Tool, r.Setting, r.Variant}
		if byKey[k] == nil {
			keys = append(keys, k)
			byKey[k] = map[string]result{}
		}
		byKey[k][r.Network] = r
	}
	for _, k := range keys {
		fmt.Fprintf(w, "| %s | %s | %s |", toolName(k.Tool), k.Setting, k.Variant)
		for _, n := range nets {
			writeCell(w, byKey[k], n.Key, func(r result) string {
				speed := groupThousands(r.samplesPerSecond(samples))
				if timed := len(r.EpochSeconds); timed < epochs {
					speed += fmt.Sprintf(" (%d of %d epochs)", timed, epochs)
				}
				return speed
			})
		}
		for _, n := range nets {
			writeCell(w, byKey[k], n.Key, func(r result) string {
				return microseconds(r.ForwardSeconds)
			})
		}
		fmt.Fprintln(w)
	}
}

func writeCell(w io.Writer, row map[string]result, net string,
	format func(result) string) {
	r, ok := row[net]
	if !ok {
		fmt.Fprint(w, " |")
		return
	}
	fmt.Fprintf(w, " %s |", format(r))
}

func toolName(key string) string {
	for _, t := range tools {
		if t.Key == key {
			return t.Name
		}
	}
	return key
}

// groupThousands formats x rounded to an integer with a space between
// groups of three digits, as in 90 400.
func groupThousands(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Sprint(x)
	}
	digits := fmt.Sprintf("%.0f", math.Abs(x))
	var b strings.Builder
	if x <= -0.5 {
		b.WriteByte('-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func microseconds(seconds float64) string {
	return fmt.Sprintf("%.1f", seconds*1e6)
}

// machine describes the computer and the Go build that ran the comparison.
type machine struct {
	CPU    string // model name, cores and threads
	AVX512 bool
	Go     string // version, platform, GOAMD64 and GOEXPERIMENT
}

// describeMachine reads the CPU from lscpu and the Go build settings from
// the binary's build information.
func describeMachine() machine {
	m := machine{CPU: fmt.Sprintf("%d CPUs (lscpu not available)", runtime.NumCPU())}
	if out, err := exec.Command("lscpu").Output(); err == nil {
		m.CPU, m.AVX512 = parseLscpu(string(out))
	}
	m.Go = fmt.Sprintf("%s %s/%s", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "GOAMD64" || s.Key == "GOEXPERIMENT" {
				m.Go += fmt.Sprintf(", %s=%s", s.Key, s.Value)
			}
		}
	}
	if !strings.Contains(m.Go, "GOEXPERIMENT") {
		m.Go += ", GOEXPERIMENT unset"
	}
	return m
}

// parseLscpu returns the CPU's model, CPU count, cores per socket and
// threads per core from the output of lscpu, and whether it has AVX-512.
func parseLscpu(out string) (string, bool) {
	fields := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if ok {
			fields[strings.TrimSpace(key)] = strings.TrimSpace(value)
		}
	}
	flags := " " + fields["Flags"] + " "
	avx512 := strings.Contains(flags, " avx512f ")
	desc := fmt.Sprintf(
		"%s, %s CPUs (sockets: %s, cores per socket: %s, threads per core: %s)",
		fields["Model name"], fields["CPU(s)"], fields["Socket(s)"],
		fields["Core(s) per socket"], fields["Thread(s) per core"])
	if avx512 {
		desc += ", AVX-512"
	}
	return desc, avx512
}

// writeReport writes the whole comparison as Markdown: how it was run, the
// best of each tool with the ratios, and every setting tried.
func writeReport(w io.Writer, o options, m machine, started time.Time, s *session) {
	fmt.Fprintln(w, "## Visage against PyTorch, numpy and scikit-learn")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Measured on %s. The run took %s.\n\n",
		started.UTC().Format("2006-01-02 15:04 MST"),
		time.Since(started).Round(time.Second))
	fmt.Fprintf(w, "    %s\n\n", command())
	fmt.Fprintf(w, "- Machine: %s.\n", m.CPU)
	fmt.Fprintf(w, "- Go: %s.\n", m.Go)
	if len(s.info) > 0 {
		fmt.Fprintf(w, "- Python: %s %s, with %s.\n",
			o.python, s.info["python"], pythonVersions(s.info))
		fmt.Fprintf(w, "- BLAS: %s. The core OpenBLAS picks by itself is %s.\n",
			s.info["blas"], s.info["OpenBLAS automatic core"])
	}
	fmt.Fprintf(w, "- Data: %d seeded samples per network, which is one epoch, "+
		"in batches of %d. Untimed warm-up epochs: %d. Timed epochs: %d, of which "+
		"the median is kept. Adam with learning rate 0.001, β1 0.9, β2 0.999, "+
		"ε 1e-8, no L2. Visage, PyTorch and numpy start from the same "+
		"Glorot-uniform weights.\n\n",
		o.samples, o.batch, o.warmup, o.epochs)

	fmt.Fprintln(w, "### Best of each tool")
	fmt.Fprintln(w)
	writeSummary(w, networks, s.results, o.samples)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The ratios are Visage's speed divided by the other tool's, "+
		"so above 1 Visage is faster.")
	fmt.Fprintln(w, "Each figure is the tool's best over the settings below, which were:")
	fmt.Fprintln(w)
	writeBestSettings(w, networks, s.results, o.samples)
	fmt.Fprintln(w)
	writeNotes(w, s, o.samples)

	fmt.Fprintln(w, "### Every setting tried")
	fmt.Fprintln(w)
	writeSettings(w, networks, s.results, o.samples, o.epochs)
}

// command returns a shell command that repeats this run.
func command() string {
	var env []string
	for _, name := range []string{"GOEXPERIMENT", "GOAMD64"} {
		if v := os.Getenv(name); v != "" {
			env = append(env, name+"="+v)
		}
	}
	args := append(env, "go", "run", "./bench/compare")
	return strings.Join(append(args, os.Args[1:]...), " ")
}

func pythonVersions(info map[string]string) string {
	var parts []string
	for _, key := range []string{"numpy", "torch", "sklearn"} {
		if v, ok := info[key]; ok {
			parts = append(parts, key+" "+v)
		}
	}
	if v, ok := info["torch_default_threads"]; ok {
		parts = append(parts, "torch.get_num_threads() "+v+" by default")
	}
	return strings.Join(parts, ", ")
}

// writeNotes lists what was not timed and why, and Visage's speed when
// model.Train's evaluation after each epoch is counted.
func writeNotes(w io.Writer, s *session, samples int) {
	var notes []string
	for _, r := range s.results {
		note := fmt.Sprintf("%s: saliency map not timed: %s.",
			toolName(r.Tool), r.SaliencyNote)
		if r.SaliencyNote != "" && !slices.Contains(notes, note) {
			notes = append(notes, note)
		}
	}
	for _, n := range networks {
		r, _, ok := best(s.results, "visage", n.Key, measures[0], samples)
		if ok {
			speed := groupThousands(float64(samples) / median(r.TrainSeconds))
			notes = append(notes, fmt.Sprintf("Visage, %s: model.Train also evaluates "+
				"the whole training set after each epoch. Counting that, it trains "+
				"%s samples/s.", n.Name, speed))
		}
	}
	notes = append(notes, s.notes...)
	for _, note := range notes {
		fmt.Fprintf(w, "- %s\n", note)
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
	}
}
