package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"visage/assets"
	"visage/faceio"
)

// runCLI runs the command line and returns its exit code and output.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// trainDefault trains a small model on the built-in faces and returns its
// path.
func trainDefault(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "faces.visage")
	code, _, stderr := runCLI("train", "--data", "default-faces", "--out", path, "--epochs", "200", "--hidden", "16")
	if code != 0 {
		t.Fatalf("train exited with %d: %s", code, stderr)
	}
	return path
}

func TestTrainJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.visage")
	code, stdout, stderr := runCLI("train", "--data", "default-faces", "--out", path,
		"--epochs", "50", "--hidden", "12,6", "--seed", "3", "--json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	var got struct {
		Classes            []string
		Epochs             int
		TrainAccuracy      *float64 `json:"train_accuracy"`
		ValidationAccuracy *float64 `json:"validation_accuracy"`
		Hidden             []int
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if want := []string{"s1", "s2", "s3"}; !slices.Equal(got.Classes, want) {
		t.Errorf("classes = %q, want %q", got.Classes, want)
	}
	if got.Epochs != 50 {
		t.Errorf("epochs = %d, want 50", got.Epochs)
	}
	if got.TrainAccuracy == nil || got.ValidationAccuracy == nil {
		t.Errorf("train_accuracy or validation_accuracy missing:\n%s", stdout)
	}
	if !slices.Equal(got.Hidden, []int{12, 6}) {
		t.Errorf("hidden = %v, want [12 6]", got.Hidden)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("model file not written: %v", err)
	}
}

func TestClassifyJSONSorted(t *testing.T) {
	modelPath := trainDefault(t)
	image := filepath.Join("..", "..", "assets", "faces", "s2", "3.pgm")
	code, stdout, stderr := runCLI("classify", "--model", modelPath, "--json", image)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	var got []classification
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if len(got) != 1 || got[0].File != image {
		t.Fatalf("got %+v, want one result for %s", got, image)
	}
	preds := got[0].Predictions
	if len(preds) != 3 {
		t.Fatalf("%d predictions, want 3", len(preds))
	}
	for i := 1; i < len(preds); i++ {
		if preds[i].Probability > preds[i-1].Probability {
			t.Errorf("predictions not sorted: %+v", preds)
		}
	}
	if preds[0].Label != "s2" {
		t.Errorf("top prediction for a training face of s2 is %q", preds[0].Label)
	}
}

func TestRenderWritesImages(t *testing.T) {
	modelPath := trainDefault(t)
	out := filepath.Join(t.TempDir(), "views")
	image := filepath.Join("..", "..", "assets", "faces", "s1", "1.pgm")
	code, stdout, stderr := runCLI("render", "--model", modelPath, "--out", out, "--image", image,
		"--data", "default-faces")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	for _, name := range []string{"layer1.png", "layer2.png", "output.png", "saliency.png",
		"confusion.png", "eigenfaces.png"} {
		f, err := os.Open(filepath.Join(out, name))
		if err != nil {
			t.Fatalf("%s not written: %v", name, err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s is not a PNG: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
			t.Errorf("%s is only %v", name, b)
		}
		if !strings.Contains(stdout, name) {
			t.Errorf("output %q does not mention %s", stdout, name)
		}
	}
	for _, name := range []string{"layer1.csv", "output.csv", "output.svg", "confusion.csv", "confusion.svg"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
}

func TestBadInvocations(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.visage")
	os.WriteFile(corrupt, []byte("VISAGEMF but then nothing useful"), 0o644)
	notImage := filepath.Join(dir, "notes.png")
	os.WriteFile(notImage, []byte("hello"), 0o644)
	modelPath := trainDefault(t)

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no command", nil, 2, "Usage"},
		{"unknown command", []string{"fit"}, 2, `unknown command "fit"`},
		{"train without out", []string{"train"}, 2, "missing --out"},
		{"bad hidden", []string{"train", "--out", filepath.Join(dir, "x"), "--hidden", "5,-1"}, 2, `invalid layer size "-1"`},
		{"bad validation", []string{"train", "--out", filepath.Join(dir, "x"), "--validation", "1"}, 2, "invalid --validation"},
		{"missing data", []string{"train", "--out", filepath.Join(dir, "x"), "--data", filepath.Join(dir, "nowhere")}, 1, "nowhere"},
		{"unknown binary class", []string{"train", "--out", filepath.Join(dir, "x"), "--binary", "Bob"}, 2, `class "Bob" not found`},
		{"classify without model", []string{"classify", "a.png"}, 2, "missing --model"},
		{"classify without images", []string{"classify", "--model", modelPath}, 2, "no images"},
		{"missing model", []string{"classify", "--model", filepath.Join(dir, "none.visage"), "a.png"}, 1, "none.visage"},
		{"corrupt model", []string{"classify", "--model", corrupt, "a.png"}, 1, "corrupt.visage"},
		{"unreadable image", []string{"classify", "--model", modelPath, notImage}, 1, "notes.png"},
		{"one unreadable of two", []string{"classify", "--model", modelPath, notImage,
			filepath.Join("..", "..", "assets", "faces", "s1", "1.pgm")}, 1, "1 of 2 images could not be classified"},
		{"render without out", []string{"render", "--model", modelPath}, 2, "missing --out"},
		{"render unit of layer 1", []string{"render", "--model", modelPath, "--out", t.TempDir(), "--unit", "1:0"}, 2, "invalid --unit"},
		{"render unit out of range", []string{"render", "--model", modelPath, "--out", t.TempDir(), "--unit", "2:999"}, 2, "not a unit"},
		{"render scale too small", []string{"render", "--model", modelPath, "--out", t.TempDir(), "--scale", "0.5"}, 2, "invalid --scale 0.5"},
		{"render scale too large", []string{"render", "--model", modelPath, "--out", t.TempDir(), "--scale", "5"}, 2, "invalid --scale 5"},
		{"render scale NaN", []string{"render", "--model", modelPath, "--out", t.TempDir(), "--scale", "NaN"}, 2, "invalid --scale NaN"},
		{"zero rate", []string{"train", "--out", filepath.Join(dir, "x"), "--rate", "0"}, 2, "invalid --rate 0"},
		{"NaN rate", []string{"train", "--out", filepath.Join(dir, "x"), "--rate", "NaN"}, 2, "invalid --rate NaN"},
		{"negative L2", []string{"train", "--out", filepath.Join(dir, "x"), "--l2", "-1"}, 2, "invalid --l2 -1"},
		{"negative width", []string{"train", "--out", filepath.Join(dir, "x"), "--width", "-1"}, 2, "invalid grid -1×0"},
		{"unknown crop", []string{"train", "--out", filepath.Join(dir, "x"), "--crop", "eyes"}, 2, `unknown crop "eyes"`},
		{"unknown order", []string{"train", "--out", filepath.Join(dir, "x"), "--order", "diagonal"}, 2, `invalid --order "diagonal"`},
		{"face crop on digits", []string{"train", "--out", filepath.Join(dir, "x"), "--data", "default-digits", "--crop", "face"}, 1, "already cropped"},
		{"out is a folder", []string{"train", "--out", dir}, 1, "cannot save the model"},
		{"out in missing folder", []string{"train", "--out", filepath.Join(dir, "no", "m.visage")}, 1, "cannot save the model"},
		{"render bad image", []string{"render", "--model", modelPath, "--out", filepath.Join(dir, "views"), "--image", notImage}, 1, "notes.png"},
	}
	defer func() {
		if _, err := os.Stat(filepath.Join(dir, "views")); err == nil {
			t.Error("render wrote its output folder although the image could not be read")
		}
	}()
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
}

func TestBinaryMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s3.visage")
	code, stdout, stderr := runCLI("train", "--out", path, "--binary", "s3", "--epochs", "100", "--json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"output": "binary"`) {
		t.Errorf("train output does not report a binary network:\n%s", stdout)
	}
	image := filepath.Join("..", "..", "assets", "faces", "s3", "1.pgm")
	code, stdout, stderr = runCLI("classify", "--model", path, "--json", image)
	if code != 0 {
		t.Fatalf("classify exit code %d: %s", code, stderr)
	}
	var got []classification
	json.Unmarshal([]byte(stdout), &got)
	if len(got) != 1 || len(got[0].Predictions) != 2 {
		t.Fatalf("want two predictions (s3 and not s3), got %s", stdout)
	}
	p := got[0].Predictions
	if p[0].Probability+p[1].Probability < 0.999999 || p[0].Logit != -p[1].Logit {
		t.Errorf("binary predictions %+v: probabilities should sum to 1 and logits be opposite", p)
	}
}

// TestORLValidationAccuracy trains with the default settings on the ORL
// faces, holding out 2 of each person's 10 images.
func TestORLValidationAccuracy(t *testing.T) {
	dir := os.Getenv("VISAGE_ORL_DIR")
	if dir == "" {
		t.Skip("VISAGE_ORL_DIR not set: set it to the ORL faces folder (s1 … s40 of PGM files) to run this test")
	}
	path := filepath.Join(t.TempDir(), "orl.visage")
	code, stdout, stderr := runCLI("train", "--data", dir, "--out", path, "--json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	var got struct {
		Classes            []string
		ValidationSamples  int      `json:"validation_samples"`
		ValidationAccuracy *float64 `json:"validation_accuracy"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Classes) != 40 || got.ValidationSamples != 80 {
		t.Errorf("%d classes and %d validation images, want 40 and 80", len(got.Classes), got.ValidationSamples)
	}
	if got.ValidationAccuracy == nil || *got.ValidationAccuracy < 0.85 {
		t.Errorf("validation accuracy %v, want at least 0.85", got.ValidationAccuracy)
	}
}

func TestClassifyKeepsGoingAfterBadFile(t *testing.T) {
	modelPath := trainDefault(t)
	bad := filepath.Join(t.TempDir(), "notes.jpg")
	os.WriteFile(bad, []byte("hello"), 0o644)
	good := filepath.Join("..", "..", "assets", "faces", "s3", "2.pgm")
	code, stdout, stderr := runCLI("classify", "--model", modelPath, "--json", bad, good)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if !strings.Contains(stderr, "notes.jpg") {
		t.Errorf("stderr = %q, want it to name the bad file", stderr)
	}
	var got []classification
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if len(got) != 2 {
		t.Fatalf("%d results, want 2", len(got))
	}
	if got[0].Error == "" || len(got[0].Predictions) != 0 {
		t.Errorf("bad file result = %+v, want an error and no predictions", got[0])
	}
	if got[1].Error != "" || len(got[1].Predictions) != 3 {
		t.Errorf("good file result = %+v, want 3 predictions", got[1])
	}
}

func TestFailedTrainingKeepsOldModel(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.visage")
	if err := os.WriteFile(path, []byte("previous model"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("train", "--out", path, "--rate", "1e308", "--epochs", "5")
	if code != 1 {
		t.Errorf("exit code %d, want 1 (stderr %q)", code, stderr)
	}
	if !strings.Contains(stderr, "diverged") || !strings.Contains(stderr, "was not written") {
		t.Errorf("stderr = %q, want it to report divergence and that the model was not written", stderr)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "previous model" {
		t.Errorf("model file changed to %d bytes after a failed run", len(got))
	}
}

func TestTrainDigits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digits.visage")
	code, stdout, stderr := runCLI("train", "--data", "default-digits", "--out", path,
		"--hidden", "25,15", "--binary", "1", "--epochs", "30", "--json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	var got struct {
		Classes            []string
		TrainSamples       int      `json:"train_samples"`
		ValidationSamples  int      `json:"validation_samples"`
		ValidationAccuracy *float64 `json:"validation_accuracy"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Classes, []string{"1"}) || got.TrainSamples+got.ValidationSamples != 1000 {
		t.Errorf("classes %q on %d+%d images, want [1] on 1000", got.Classes, got.TrainSamples, got.ValidationSamples)
	}
	if got.ValidationAccuracy == nil || *got.ValidationAccuracy < 0.95 {
		t.Errorf("validation accuracy %v on 0 vs 1, want at least 0.95", got.ValidationAccuracy)
	}
	net, p, err := loadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Width != 20 || p.Height != 20 || net.Inputs() != 400 {
		t.Errorf("model grid %d×%d with %d inputs, want the course's 20×20 and 400", p.Width, p.Height, net.Inputs())
	}
}

func TestTrainIDXFiles(t *testing.T) {
	dir := t.TempDir()
	images, labels := assets.Digits()
	for name, r := range map[string]io.Reader{
		"train-images-idx3-ubyte.gz": images,
		"train-labels-idx1-ubyte.gz": labels,
	} {
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "m.visage")
	code, stdout, stderr := runCLI("train", "--data", filepath.Join(dir, "train-images-idx3-ubyte.gz"),
		"--out", out, "--width", "10", "--height", "10", "--epochs", "5", "--json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"0",`) {
		t.Errorf("classes missing from %s", stdout)
	}
	if _, p, err := loadModel(out); err != nil || p.Width != 10 || p.Height != 10 {
		t.Errorf("model grid %d×%d (error %v), want the requested 10×10", p.Width, p.Height, err)
	}
}

func TestClassifyReportsFaceCrop(t *testing.T) {
	modelPath := trainDefault(t)
	image := filepath.Join("..", "..", "assets", "faces", "s3", "5.pgm")
	code, stdout, stderr := runCLI("classify", "--model", modelPath, "--json", image)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	var got []classification
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got[0].Faces != 1 || len(got[0].Crop) != 4 {
		t.Errorf("faces %d, crop %v; want 1 face and a crop rectangle", got[0].Faces, got[0].Crop)
	}
}

func TestTrainFaceCrop(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.visage")
	code, _, stderr := runCLI("train", "--out", path, "--crop", "face", "--epochs", "20", "--json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	_, p, err := loadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Crop != faceio.CropFace || p.Margin != faceio.DefaultMargin {
		t.Errorf("model pipeline crop %q margin %v, want face and %v", p.Crop, p.Margin, faceio.DefaultMargin)
	}
}

func TestTrainNetworkDesign(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		output      string
		activations []string
	}{
		{"relu and tanh", []string{"--hidden", "12,6", "--activation", "relu,tanh"}, "softmax", []string{"relu", "tanh"}},
		{"one-vs-rest", []string{"--hidden", "8", "--output", "one-vs-rest"}, "one-vs-rest", []string{"sigmoid"}},
		{"sgd", []string{"--hidden", "8", "--optimizer", "sgd", "--momentum", "0.5"}, "softmax", []string{"sigmoid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.visage")
			args := append([]string{"train", "--out", path, "--epochs", "30", "--json"}, tt.args...)
			code, stdout, stderr := runCLI(args...)
			if code != 0 {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			var got trainResult
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatal(err)
			}
			if got.Output != tt.output || !slices.Equal(got.Activations, tt.activations) {
				t.Errorf("output %q activations %q, want %q %q", got.Output, got.Activations, tt.output, tt.activations)
			}
			net, _, err := loadModel(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(net.Output) != tt.output {
				t.Errorf("saved model output %q, want %q", net.Output, tt.output)
			}
		})
	}
	for _, bad := range [][]string{
		{"--activation", "relu,tanh"},
		{"--optimizer", "rmsprop"},
		{"--output", "binary"},
		{"--output", "one-vs-rest", "--binary", "s1"},
		{"--momentum", "1"},
	} {
		args := append([]string{"train", "--out", filepath.Join(t.TempDir(), "m.visage")}, bad...)
		if code, _, stderr := runCLI(args...); code != 2 {
			t.Errorf("%v: exit code %d, want 2 (stderr %q)", bad, code, stderr)
		}
	}
}

// TestCourseNetworkOnDigits trains the course's network, 400-25-15-1 with
// sigmoid units and Adam at 0.001, for 20 epochs on Digits 0 vs 1.
func TestCourseNetworkOnDigits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "course.visage")
	code, stdout, stderr := runCLI("train", "--data", "default-digits", "--out", path,
		"--hidden", "25,15", "--activation", "sigmoid", "--binary", "1",
		"--optimizer", "adam", "--rate", "0.001", "--epochs", "20", "--json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	var got struct {
		TrainAccuracy      float64  `json:"train_accuracy"`
		ValidationAccuracy *float64 `json:"validation_accuracy"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.ValidationAccuracy == nil || *got.ValidationAccuracy < 0.99 {
		t.Errorf("validation accuracy %v, want at least 0.99", got.ValidationAccuracy)
	}
	if got.TrainAccuracy < 0.99 {
		t.Errorf("training accuracy %v, want at least 0.99", got.TrainAccuracy)
	}
}
