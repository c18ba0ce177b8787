package faceio

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// smoothGray returns a width×height image of smooth shading with a little
// noise, which compresses about as well as a photo.
func smoothGray(rng *rand.Rand, width, height int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, width, height))
	phase := rng.Float64() * 6
	for y := range height {
		for x := range width {
			v := 128 + 70*math.Sin(float64(x)/9+phase)*math.Cos(float64(y)/11) + rng.NormFloat64()*4
			img.Pix[y*img.Stride+x] = uint8(max(0, min(255, v)))
		}
	}
	return img
}

// manyFaces writes people×perPerson small images under root, a mix of PGM,
// PNG and JPEG, and returns root.
func manyFaces(tb testing.TB, root string, people, perPerson int) string {
	tb.Helper()
	rng := rand.New(rand.NewPCG(71, 72))
	for p := range people {
		dir := filepath.Join(root, fmt.Sprintf("p%03d", p))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		for i := range perPerson {
			var name string
			var data []byte
			switch i % 3 {
			case 0:
				name, data = fmt.Sprintf("%d.pgm", i), randomPGM(rng, 92, 112)
			case 1:
				name, data = fmt.Sprintf("%d.png", i), encodePNG(tb, smoothGray(rng, 92, 112))
			default:
				name, data = fmt.Sprintf("%d.jpg", i), encodeJPEG(tb, smoothGray(rng, 92, 112))
			}
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return root
}

func TestLoadProgress(t *testing.T) {
	fsys := os.DirFS(manyFaces(t, t.TempDir(), 4, 6))
	var calls [][2]int
	opt := LoadOptions{
		Pipeline: DefaultPipeline(),
		Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) },
	}
	d, err := Load(context.Background(), fsys, opt)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(d.Faces) != 24 {
		t.Errorf("loaded %d faces, want 24", len(d.Faces))
	}
	if len(calls) != 25 {
		t.Fatalf("Progress called %d times, want 25 (0, then once per file)", len(calls))
	}
	for i, c := range calls {
		if c != [2]int{i, 24} {
			t.Errorf("Progress call %d = %v, want (%d, 24)", i, c, i)
		}
	}
}

func TestLoadCancel(t *testing.T) {
	fsys := os.DirFS(manyFaces(t, t.TempDir(), 10, 30))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var mu sync.Mutex // Progress is never concurrent; the mutex lets the race detector check it.
	var last, calls int
	var cancelled time.Time
	opt := LoadOptions{Pipeline: DefaultPipeline(), Progress: func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done < last || total != 300 {
			t.Errorf("Progress(%d, %d) after %d, want done increasing, total 300", done, total, last)
		}
		last = done
		calls++
		if done == 50 {
			cancelled = time.Now()
			cancel()
		}
	}}
	d, err := Load(ctx, fsys, opt)
	returned := time.Since(cancelled)

	if !errors.Is(err, context.Canceled) || d != nil {
		t.Fatalf("Load = %v, %v; want nil, context.Canceled", d, err)
	}
	if err != context.Canceled {
		t.Errorf("Load error = %#v, want context.Canceled itself", err)
	}
	if returned > time.Second {
		t.Errorf("Load returned %v after the cancellation, want well under 1 s", returned)
	}
	if last >= 300 {
		t.Errorf("Progress reached %d of 300 files, want the load stopped early", last)
	}
}

func TestLoadCancelledBefore(t *testing.T) {
	fsys := os.DirFS(manyFaces(t, t.TempDir(), 2, 3))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	opt := LoadOptions{Pipeline: DefaultPipeline(), Progress: func(int, int) { called = true }}
	if _, err := Load(ctx, fsys, opt); err != context.Canceled {
		t.Errorf("Load with a cancelled context = %v, want context.Canceled", err)
	}
	if called {
		t.Error("Progress was called after the context was cancelled")
	}
}

func TestLoadMaxPixels(t *testing.T) {
	rng := rand.New(rand.NewPCG(73, 74))
	root := t.TempDir()
	writeFiles(t, root, map[string][]byte{
		"ann/small.pgm": randomPGM(rng, 40, 50),
		"ann/large.png": encodePNG(t, image.NewGray(image.Rect(0, 0, 60, 50))),
	})
	fsys := os.DirFS(root)
	opt := LoadOptions{Pipeline: DefaultPipeline(), MaxPixels: 2000}
	d, err := Load(context.Background(), fsys, opt)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(d.Faces) != 1 || d.Faces[0].Path != "ann/small.pgm" {
		t.Errorf("faces = %v, want ann/small.pgm only", d.Faces)
	}
	var serr *SizeError
	if len(d.Skipped) != 1 || !errors.As(d.Skipped[0].Err, &serr) || serr.Limit != 2000 {
		t.Errorf("Skipped = %v, want ann/large.png with a SizeError of limit 2000", d.Skipped)
	}

	opt.MaxPixels = -1
	_, err = Load(context.Background(), fsys, opt)
	if want := "faceio: invalid MaxPixels -1: must be positive, or 0 for 50000000"; err == nil || err.Error() != want {
		t.Errorf("Load with MaxPixels -1: error %v, want %q", err, want)
	}
}

func TestLoadDirNoPanicOnBadFiles(t *testing.T) {
	files := map[string][]byte{}
	for name, data := range validFiles(t) {
		name = strings.ReplaceAll(name, " ", "-")
		files["ann/"+name] = data
		files["ann/cut-"+name] = data[:len(data)/2]
	}
	for name, data := range bombs() {
		files["ann/bomb-"+strings.ReplaceAll(name, " ", "-")] = data
	}
	root := t.TempDir()
	writeFiles(t, root, files)
	d, err := LoadDir(os.DirFS(root), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	for _, s := range d.Skipped {
		if !strings.Contains(s.Err.Error(), s.Path) {
			t.Errorf("Skipped %s: error %q does not name the file", s.Path, s.Err)
		}
	}
	wantFaces := len(validFiles(t))
	if len(d.Faces) != wantFaces || len(d.Skipped) != len(files)-wantFaces {
		t.Errorf("loaded %d faces and skipped %d files, want %d and %d",
			len(d.Faces), len(d.Skipped), wantFaces, len(files)-wantFaces)
	}
}

// BenchmarkLoad10000 loads 100 people of 100 images of 92×112 pixels, a
// third each PGM (noise), PNG and JPEG (smooth shading), written once to
// a temporary folder.
func BenchmarkLoad10000(b *testing.B) {
	fsys := os.DirFS(manyFaces(b, b.TempDir(), 100, 100))
	p := DefaultPipeline()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d, err := LoadDir(fsys, p)
		if err != nil || len(d.Faces) != 10000 {
			b.Fatalf("LoadDir: %d faces, error %v", len(d.Faces), err)
		}
	}
	b.ReportMetric(float64(b.N)*10000/b.Elapsed().Seconds(), "images/s")
}
