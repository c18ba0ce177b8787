package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"visage/faceio"
	"visage/model"
)

// classifyJSON classifies the image with the model and returns the
// predictions.
func classifyJSON(t *testing.T, modelPath, image string) []prediction {
	t.Helper()
	code, stdout, stderr := runCLI("classify", "--model", modelPath, "--json", image)
	if code != 0 {
		t.Fatalf("classify with %s: exit code %d: %s", modelPath, code, stderr)
	}
	var got []classification
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	return got[0].Predictions
}

func TestExportImportSamePredictions(t *testing.T) {
	original := trainDefault(t)
	dir := t.TempDir()
	weights := filepath.Join(dir, "weights.npz")
	code, stdout, stderr := runCLI("export", "--model", original, "--out", weights)
	if code != 0 {
		t.Fatalf("export: exit code %d: %s", code, stderr)
	}
	for _, want := range []string{"W1 (644, 16), b1 (16,), W2 (16, 3), b2 (3,)",
		"--width 23 --height 28 --order row-major --activation sigmoid " +
			"--output softmax --classes s1,s2,s3"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("export output %q does not contain %q", stdout, want)
		}
	}

	imported := filepath.Join(dir, "imported.visage")
	code, stdout, stderr = runCLI("import", "--npz", weights, "--out", imported,
		"--width", "23", "--height", "28", "--classes", "s1,s2,s3")
	if code != 0 {
		t.Fatalf("import: exit code %d: %s", code, stderr)
	}
	want := "644-16-3 network, sigmoid hidden units, softmax output"
	if !strings.Contains(stdout, want) {
		t.Errorf("import output %q does not contain %q", stdout, want)
	}
	image := filepath.Join("..", "..", "assets", "faces", "s2", "3.pgm")
	wantPredictions := classifyJSON(t, original, image)
	if got := classifyJSON(t, imported, image); !slices.Equal(got, wantPredictions) {
		t.Errorf("imported model predicts %+v, want %+v", got, wantPredictions)
	}
}

// writeCourseNPZ writes the .npz of a 400-25-15-1 sigmoid network, the
// course's digit network, and returns its path.
func writeCourseNPZ(t *testing.T) string {
	t.Helper()
	net, err := model.New(model.Config{
		Grid: model.Grid{Width: 20, Height: 20}, Hidden: []int{25, 15},
		Classes: []string{"1"}, Output: model.Binary, Seed: 5,
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := net.ExportNPZ(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "course.npz")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportCourseNetwork(t *testing.T) {
	weights := writeCourseNPZ(t)
	tests := []struct {
		name        string
		args        []string
		order       model.Order
		activations []model.Activation
		crop        faceio.Crop
	}{
		{"defaults", nil, model.ColumnMajor,
			[]model.Activation{model.Sigmoid, model.Sigmoid}, faceio.CropCenter},
		{"row-major", []string{"--order", "row-major"}, model.RowMajor,
			[]model.Activation{model.Sigmoid, model.Sigmoid}, faceio.CropCenter},
		{"activation list", []string{"--activation", "relu, tanh"}, model.ColumnMajor,
			[]model.Activation{model.ReLU, model.Tanh}, faceio.CropCenter},
		{"one activation", []string{"--activation", "tanh", "--crop", "face"},
			model.ColumnMajor, []model.Activation{model.Tanh, model.Tanh}, faceio.CropFace},
	}
	for _, tt := range tests {
		out := filepath.Join(t.TempDir(), "digits.visage")
		args := append([]string{"import", "--npz", weights, "--out", out,
			"--width", "20", "--height", "20", "--classes", "0,1", "--binary", "1"},
			tt.args...)
		code, _, stderr := runCLI(args...)
		if code != 0 {
			t.Fatalf("%s: exit code %d: %s", tt.name, code, stderr)
		}
		net, p, err := loadModel(out)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := net.Sizes(); !slices.Equal(got, []int{400, 25, 15, 1}) {
			t.Errorf("%s: sizes %v, want [400 25 15 1]", tt.name, got)
		}
		if net.Output != model.Binary || !slices.Equal(net.Classes, []string{"1"}) {
			t.Errorf("%s: output %q for %q, want binary for [1]", tt.name, net.Output,
				net.Classes)
		}
		if net.Grid.Order != tt.order {
			t.Errorf("%s: grid order %q, want %q", tt.name, net.Grid.Order, tt.order)
		}
		if got := net.Activations(); !slices.Equal(got, tt.activations) {
			t.Errorf("%s: activations %v, want %v", tt.name, got, tt.activations)
		}
		if p.Crop != tt.crop {
			t.Errorf("%s: crop %q, want %q", tt.name, p.Crop, tt.crop)
		}
	}
}

func TestExportImportBadInvocations(t *testing.T) {
	dir := t.TempDir()
	weights := writeCourseNPZ(t)
	notNPZ := filepath.Join(dir, "notes.npz")
	os.WriteFile(notNPZ, []byte("hello"), 0o644)
	out := filepath.Join(dir, "m.visage")
	course := []string{"import", "--npz", weights, "--out", out, "--width", "20",
		"--height", "20"}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"export without model", []string{"export", "--out", "w.npz"}, 2, "missing --model"},
		{"export without out", []string{"export", "--model", "m.visage"}, 2, "missing --out"},
		{"export extra argument", []string{"export", "--model", "m", "--out", "w", "x"}, 2,
			`unexpected argument "x"`},
		{"export missing model", []string{"export", "--model", filepath.Join(dir, "none.visage"),
			"--out", filepath.Join(dir, "w.npz")}, 1, "none.visage"},
		{"import without npz", []string{"import", "--out", out}, 2, "missing --npz"},
		{"import without out", []string{"import", "--npz", weights}, 2, "missing --out"},
		{"import without grid", []string{"import", "--npz", weights, "--out", out,
			"--classes", "0,1"}, 2, "invalid grid 0×0: give --width and --height"},
		{"import without classes", course, 2, "missing --classes"},
		{"unknown activation", append(slices.Clone(course), "--binary", "1",
			"--activation", "swish"), 2, `unknown activation "swish"`},
		{"unknown output", append(slices.Clone(course), "--classes", "0,1",
			"--output", "argmax"), 2, `unknown --output "argmax"`},
		{"binary and softmax", append(slices.Clone(course), "--binary", "1",
			"--output", "softmax"), 2, `--binary gives a binary output, but --output is "softmax"`},
		{"binary not a class", append(slices.Clone(course), "--classes", "0,1",
			"--binary", "7"), 2, `--binary class "7" is not one of --classes 0,1`},
		{"binary output of two", append(slices.Clone(course), "--classes", "0,1",
			"--output", "binary"), 2, "--output binary needs the one class"},
		{"unknown order", append(slices.Clone(course), "--binary", "1",
			"--order", "diagonal"), 2, `unknown order "diagonal"`},
		{"zero margin", append(slices.Clone(course), "--binary", "1",
			"--margin", "0"), 2, "invalid --margin 0"},
		{"softmax of one column", append(slices.Clone(course), "--classes", "0,1"), 1,
			"W3 has shape (15, 1) but a softmax output over 2 classes needs 2 columns"},
		{"wrong grid", []string{"import", "--npz", weights, "--out", out, "--width", "10",
			"--height", "10", "--binary", "1"}, 1,
			"W1 has shape (400, 25) but the 10×10 grid has 100 cells"},
		{"too many activations", append(slices.Clone(course), "--binary", "1",
			"--activation", "relu,relu,relu"), 1, "3 activations for 2 hidden layers"},
		{"missing npz", []string{"import", "--npz", filepath.Join(dir, "none.npz"),
			"--out", out, "--width", "20", "--height", "20", "--binary", "1"}, 1, "none.npz"},
		{"not an npz", []string{"import", "--npz", notNPZ, "--out", out, "--width", "20",
			"--height", "20", "--binary", "1"}, 1, "not a valid .npz (zip) file"},
		{"npz is a folder", []string{"import", "--npz", dir, "--out", out, "--width", "20",
			"--height", "20", "--binary", "1"}, 1, "not a regular file"},
		{"out in missing folder", append(slices.Clone(course), "--binary", "1", "--out",
			filepath.Join(dir, "no", "m.visage")), 1, "save model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.want)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed import wrote the model file")
	}
}
