package viz

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func decodePNGFile(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return img
}

// checkOnlyFiles fails unless dir contains exactly the given names, so no
// temporary file was left behind.
func checkOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("directory holds %q, want %q", got, names)
	}
	for i := range names {
		if got[i] != names[i] {
			t.Fatalf("directory holds %q, want %q", got, names)
		}
	}
}

func TestWritePNGRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "grid.png")
	want := GridImage([]float64{0, 0.25, 0.5, 1, 0.75, 0}, Layout{Width: 3,
		Height: 2}, 2)

	if err := WritePNG(path, want); err != nil {
		t.Fatal(err)
	}
	got := decodePNGFile(t, path)
	if got.Bounds() != want.Bounds() {
		t.Fatalf("bounds = %v, want %v", got.Bounds(), want.Bounds())
	}
	if n := countDifferingPixels(got, want, 0); n != 0 {
		t.Errorf("%d pixels differ after a round trip", n)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o644 {
		t.Errorf("permissions = %v, want 0644", perm)
	}
	checkOnlyFiles(t, dir, "grid.png")
}

func TestWritePNGReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.png")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	img := EmptyImage(20, 10, 1, "")
	if err := WritePNG(path, img); err != nil {
		t.Fatal(err)
	}
	if got := decodePNGFile(t, path).Bounds(); got != img.Bounds() {
		t.Errorf("bounds = %v, want %v", got, img.Bounds())
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("permissions = %v, want the previous 0600", perm)
	}
	checkOnlyFiles(t, dir, "out.png")
}

func TestWritePNGFailureKeepsPrevious(t *testing.T) {
	const previous = "previous contents"
	tests := []struct {
		name string
		img  image.Image
		// setup returns the path to write, given a fresh directory that
		// contains the file "out.png".
		setup func(t *testing.T, dir string) string
	}{
		{"encode fails", image.NewRGBA(image.Rect(0, 0, 0, 0)),
			func(t *testing.T, dir string) string {
				return filepath.Join(dir, "out.png")
			}},
		{"path is a directory", EmptyImage(4, 4, 1, ""),
			func(t *testing.T, dir string) string {
				sub := filepath.Join(dir, "sub")
				if err := os.Mkdir(sub, 0o755); err != nil {
					t.Fatal(err)
				}
				return sub
			}},
		{"directory missing", EmptyImage(4, 4, 1, ""),
			func(t *testing.T, dir string) string {
				return filepath.Join(dir, "missing", "out.png")
			}},
		{"directory not writable", EmptyImage(4, 4, 1, ""),
			func(t *testing.T, dir string) string {
				if err := os.Chmod(dir, 0o555); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Chmod(dir, 0o755) })
				probe := filepath.Join(dir, "probe")
				if f, err := os.Create(probe); err == nil {
					f.Close()
					os.Remove(probe)
					t.Skip("directory permissions are not enforced " +
						"for this user")
				}
				return filepath.Join(dir, "out.png")
			}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			dir := t.TempDir()
			old := filepath.Join(dir, "out.png")
			if err := os.WriteFile(old, []byte(previous), 0o644); err != nil {
				t.Fatal(err)
			}
			path := test.setup(t, dir)

			err := WritePNG(path, test.img)
			if err == nil {
				t.Fatal("err = nil, want an error")
			}
			t.Logf("error: %v", err)
			got, readErr := os.ReadFile(old)
			if readErr != nil {
				t.Fatal(readErr)
			}
			if string(got) != previous {
				t.Errorf("out.png = %q, want %q", got, previous)
			}
			os.Chmod(dir, 0o755)
			if test.name == "path is a directory" {
				checkOnlyFiles(t, dir, "out.png", "sub")
			} else {
				checkOnlyFiles(t, dir, "out.png")
			}
		})
	}
}
