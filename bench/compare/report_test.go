package main

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{0.2, 0.1, 100}, 0.2},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMedianKeepsInput(t *testing.T) {
	in := []float64{3, 1, 2}
	median(in)
	if in[0] != 3 || in[1] != 1 || in[2] != 2 {
		t.Errorf("median reordered its input to %v", in)
	}
}

func TestGroupThousands(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{999.4, "999"},
		{1000, "1 000"},
		{90400.6, "90 401"},
		{1234567, "1 234 567"},
		{-20900, "-20 900"},
		{math.Inf(1), "+Inf"},
	}
	for _, tt := range tests {
		if got := groupThousands(tt.in); got != tt.want {
			t.Errorf("groupThousands(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseLscpu(t *testing.T) {
	out := "Architecture:   x86_64\nCPU(s):   2\n" +
		"Model name:   Intel(R) Xeon(R) Processor\n" +
		"Thread(s) per core:   1\nCore(s) per socket:   2\nSocket(s):   1\n" +
		"Flags:   fpu sse avx2 avx512f avx512dq\n"
	desc, avx512 := parseLscpu(out)
	if !avx512 {
		t.Error("avx512 = false for flags with avx512f, want true")
	}
	want := "Intel(R) Xeon(R) Processor, 2 CPUs " +
		"(sockets: 1, cores per socket: 2, threads per core: 1), AVX-512"
	if desc != want {
		t.Errorf("description = %q, want %q", desc, want)
	}
	if _, avx512 := parseLscpu("Flags: sse avx2 avx512_vnni\n"); avx512 {
		t.Error("avx512 = true without the avx512f flag, want false")
	}
}

// sampleResults are a Visage and a PyTorch result on the course network,
// and a slower PyTorch setting.
func sampleResults() []result {
	saliency := 60e-6
	return []result{
		{Tool: "visage", Setting: "GOMAXPROCS=1", Network: "course",
			EpochSeconds: []float64{0.05, 0.04, 0.06}, EpochLosses: []float64{0.5, 0.4, 0.3},
			ForwardSeconds: 7e-6, TrainSeconds: []float64{0.1, 0.1, 0.1}},
		{Tool: "torch", Setting: "fast", Network: "course",
			EpochSeconds: []float64{0.02, 0.02, 0.02}, EpochLosses: []float64{0.5, 0.4, 0.35},
			ForwardSeconds: 21e-6, SaliencySeconds: &saliency},
		{Tool: "torch", Setting: "slow", Network: "course",
			EpochSeconds: []float64{1}, EpochLosses: []float64{0.6},
			ForwardSeconds: 14e-6},
	}
}

func TestBestPicksFastestPerMeasure(t *testing.T) {
	results := sampleResults()
	tests := []struct {
		measure     int
		tool        string
		wantSetting string
		wantValue   float64
	}{
		{0, "torch", "fast", 4096 / 0.02},
		{1, "torch", "slow", 14e-6},
		{2, "torch", "fast", 60e-6},
		{0, "visage", "GOMAXPROCS=1", 4096 / 0.05},
	}
	for _, tt := range tests {
		m := measures[tt.measure]
		r, v, ok := best(results, tt.tool, "course", m, 4096)
		if !ok {
			t.Errorf("%s, %s: no result, want %s", tt.tool, m.Name, tt.wantSetting)
			continue
		}
		if r.Setting != tt.wantSetting {
			t.Errorf("%s, %s: setting %q, want %q",
				tt.tool, m.Name, r.Setting, tt.wantSetting)
		}
		if math.Abs(v-tt.wantValue) > 1e-9*tt.wantValue {
			t.Errorf("%s, %s: value %v, want %v", tt.tool, m.Name, v, tt.wantValue)
		}
	}
	if _, _, ok := best(results, "visage", "course", measures[2], 4096); ok {
		t.Error("Visage has a saliency result, want none")
	}
}

func TestSpeedRatio(t *testing.T) {
	if got := speedRatio(measures[0], 100, 50); got != 2 {
		t.Errorf("ratio of 100 to 50 samples/s = %v, want 2", got)
	}
	if got := speedRatio(measures[1], 10e-6, 20e-6); got != 2 {
		t.Errorf("ratio of 10 µs to 20 µs = %v, want 2", got)
	}
}

func TestWriteSummaryRows(t *testing.T) {
	var buf bytes.Buffer
	writeSummary(&buf, networks[:1], sampleResults(), 4096)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	want := []string{
		"| network | measure | Visage | PyTorch | numpy | scikit-learn | Visage/PyTorch | Visage/numpy |",
		"|---|---|---:|---:|---:|---:|---:|---:|",
		"| course 400-25-15-1 | training, samples/s | 81 920 | 204 800 | n/a | n/a | 0.40 | n/a |",
		"| course 400-25-15-1 | forward pass, µs per image | 7.0 | 14.0 | n/a | n/a | 2.00 | n/a |",
		"| course 400-25-15-1 | saliency map, µs per image | n/a | 60.0 | n/a | n/a | n/a | n/a |",
		"| course 400-25-15-1 | loss of the last epoch | 0.3000 | 0.3500 | n/a | n/a | | |",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
}

func TestWriteSettingsMarksShortRuns(t *testing.T) {
	var buf bytes.Buffer
	writeSettings(&buf, networks[:1], sampleResults(), 4096, 3)
	out := buf.String()
	if !strings.Contains(out, "| PyTorch | slow |  | 4 096 (1 of 3 epochs) | 14.0 |") {
		t.Errorf("no row for the slow setting with its epoch count in:\n%s", out)
	}
	if strings.Count(out, "\n") != 5 {
		t.Errorf("got %d lines, want a header, a rule and 3 rows:\n%s",
			strings.Count(out, "\n"), out)
	}
}
