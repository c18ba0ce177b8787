package main

import (
	"slices"
	"strings"
	"testing"
)

func TestParseWorker(t *testing.T) {
	lines := []string{
		`{"info": {"python": "3.11.2", "blas_core": "SkylakeX"}}`,
		``,
		`{"variant": "v1", "network": "course", "epoch_seconds": [0.1, 0.2], ` +
			`"epoch_losses": [0.5, 0.4], "forward_seconds": 2e-05, ` +
			`"saliency_seconds": null, "saliency_note": "none"}`,
		`{"variant": "v1", "network": "face", "epoch_seconds": [0.3], ` +
			`"epoch_losses": [3.6], "forward_seconds": 3e-05, "saliency_seconds": 5e-05}`,
	}
	got, err := parseWorker(strings.NewReader(strings.Join(lines, "\n") + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Info["blas_core"] != "SkylakeX" {
		t.Errorf("info blas_core = %v, want SkylakeX", got.Info["blas_core"])
	}
	if len(got.Results) != 2 {
		t.Fatalf("got %d results, want 2", len(got.Results))
	}
	course, face := got.Results[0], got.Results[1]
	if course.Network != "course" {
		t.Errorf("first result is for %q, want course", course.Network)
	}
	if want := []float64{0.1, 0.2}; !slices.Equal(course.EpochSeconds, want) {
		t.Errorf("course epoch seconds = %v, want %v", course.EpochSeconds, want)
	}
	if course.SaliencySeconds != nil {
		t.Errorf("course saliency = %v, want nil for null", *course.SaliencySeconds)
	}
	if face.SaliencySeconds == nil || *face.SaliencySeconds != 5e-05 {
		t.Errorf("face saliency = %v, want 5e-05", face.SaliencySeconds)
	}
}

func TestParseWorkerSkip(t *testing.T) {
	line := `{"skip": "torch: No module named 'torch'"}` + "\n"
	got, err := parseWorker(strings.NewReader(line))
	if err != nil {
		t.Fatal(err)
	}
	if got.Skip != "torch: No module named 'torch'" {
		t.Errorf("skip = %q, want the worker's reason", got.Skip)
	}
}

func TestParseWorkerRejects(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not JSON", "Traceback (most recent call last):\n", "invalid worker output"},
		{"no epochs", `{"variant": "v", "network": "course", "epoch_seconds": []}` + "\n",
			"without epoch times"},
	}
	for _, tt := range tests {
		_, err := parseWorker(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestBlasSettingEnviron(t *testing.T) {
	base := []string{
		"PATH=/usr/bin", "OPENBLAS_CORETYPE=Haswell", "OMP_NUM_THREADS=8", "HOME=/root",
	}
	tests := []struct {
		setting blasSetting
		want    []string
	}{
		{blasSetting{}, []string{"PATH=/usr/bin", "HOME=/root"}},
		{blasSetting{Core: "SkylakeX", Threads: 1}, []string{"PATH=/usr/bin", "HOME=/root",
			"OPENBLAS_CORETYPE=SkylakeX", "OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1"}},
		{blasSetting{Threads: 2}, []string{"PATH=/usr/bin", "HOME=/root",
			"OMP_NUM_THREADS=2", "OPENBLAS_NUM_THREADS=2"}},
	}
	for _, tt := range tests {
		if got := tt.setting.environ(base); !slices.Equal(got, tt.want) {
			t.Errorf("%v: environment %v, want %v", tt.setting, got, tt.want)
		}
	}
}

func TestBlasSettings(t *testing.T) {
	tests := []struct {
		avx512  bool
		threads []int
		want    []blasSetting
	}{
		{false, []int{1}, []blasSetting{{}, {Threads: 1}}},
		{true, []int{1, 2}, []blasSetting{
			{}, {Threads: 1}, {Threads: 2},
			{Core: "SkylakeX"}, {Core: "SkylakeX", Threads: 1},
			{Core: "SkylakeX", Threads: 2},
		}},
	}
	for _, tt := range tests {
		if got := blasSettings(tt.avx512, tt.threads); !slices.Equal(got, tt.want) {
			t.Errorf("blasSettings(%v, %v) = %v, want %v",
				tt.avx512, tt.threads, got, tt.want)
		}
	}
}
