package faceio

import (
	"errors"
	"fmt"
	"image"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// writeFiles writes files, keyed by slash-separated path, under root.
func writeFiles(t *testing.T, root string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func randomPGM(rng *rand.Rand, width, height int) []byte {
	return encodeNetpbm("P5", width, height, 255, randomSamples(rng, width*height, 255))
}

// faceFolder returns a dataset with two people, a person whose only file is
// broken, an empty person folder and entries that LoadDir must ignore.
func faceFolder(t *testing.T) string {
	rng := rand.New(rand.NewPCG(17, 18))
	root := t.TempDir()
	writeFiles(t, root, map[string][]byte{
		"alice/1.pgm":        randomPGM(rng, 92, 112),
		"alice/2.png":        encodePNG(t, randomGray(rng, 46, 56)),
		"alice/10.jpg":       encodeJPEG(t, randomGray(rng, 184, 224)),
		"alice/bad.pgm":      []byte("P5 92 112 255\n\x00\x01"),
		"alice/notes.jpg":    []byte("taken on holiday\n"),
		"alice/.hidden.pgm":  []byte("broken, but hidden"),
		"alice/sub/5.pgm":    []byte("broken, but in a subfolder"),
		"bob/20.pgm":         randomPGM(rng, 92, 112),
		"bob/3.pgm":          randomPGM(rng, 92, 112),
		"carol/readme.txt":   []byte("no photos yet\n"),
		".git/objects/x.pgm": []byte("broken, but hidden"),
		"readme.pgm":         []byte("broken, but in the root"),
	})
	if err := os.Mkdir(filepath.Join(root, "dave"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestLoadDir(t *testing.T) {
	root := faceFolder(t)
	d, err := LoadDir(os.DirFS(root), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}

	if want := []string{"alice", "bob"}; !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	var paths []string
	for _, f := range d.Faces {
		paths = append(paths, f.Path)
	}
	wantPaths := []string{"alice/1.pgm", "alice/2.png", "alice/10.jpg", "bob/3.pgm", "bob/20.pgm"}
	if !slices.Equal(paths, wantPaths) {
		t.Errorf("face paths = %q, want %q", paths, wantPaths)
	}
	if got, want := d.Labels(), []int{0, 0, 0, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("Labels() = %v, want %v", got, want)
	}
	if d.Pipeline != DefaultPipeline() {
		t.Errorf("Pipeline = %+v, want %+v", d.Pipeline, DefaultPipeline())
	}

	wantSkipped := []struct{ path, reason string }{
		{"alice/bad.pgm", "faceio: decode alice/bad.pgm: truncated PGM file (netpbm: truncated raster"},
		{"alice/notes.jpg", "faceio: decode alice/notes.jpg: not a JPEG, PNG, GIF, BMP, TIFF, WebP or PGM/PPM image (image: unknown format)"},
		{"carol/readme.txt", "faceio: decode carol/readme.txt: not a JPEG, PNG, GIF, BMP, TIFF, WebP or PGM/PPM image (image: unknown format)"},
	}
	if len(d.Skipped) != len(wantSkipped) {
		t.Fatalf("Skipped = %v, want %d entries", d.Skipped, len(wantSkipped))
	}
	for i, w := range wantSkipped {
		s := d.Skipped[i]
		if s.Path != w.path {
			t.Errorf("Skipped[%d].Path = %q, want %q", i, s.Path, w.path)
		}
		if s.Err == nil || !strings.HasPrefix(s.Err.Error(), w.reason) {
			t.Errorf("Skipped[%d].Err = %v, want prefix %q", i, s.Err, w.reason)
		}
	}

	wantWarnings := []Warning{
		{"alice/sub", msgSubfolder},
		{"carol", msgNoFace},
		{"dave", msgEmptyFolder},
		{"readme.pgm", msgLooseFile},
	}
	if !slices.Equal(d.Warnings, wantWarnings) {
		t.Errorf("Warnings = %q, want %q", d.Warnings, wantWarnings)
	}
}

func TestLoadDirFacesMatchApply(t *testing.T) {
	root := faceFolder(t)
	p := Pipeline{Width: 10, Height: 12, Order: ColumnMajor, Equalize: true}
	d, err := LoadDir(os.DirFS(root), p)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}

	inputs := d.Inputs()
	if len(inputs) != len(d.Faces)*p.Inputs() {
		t.Fatalf("len(Inputs()) = %d, want %d", len(inputs), len(d.Faces)*p.Inputs())
	}
	for i, f := range d.Faces {
		img, err := DecodeFile(filepath.Join(root, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		want := p.Apply(img)
		if !slices.Equal(f.Input, want) {
			t.Errorf("%s: Input differs from Pipeline.Apply of the file", f.Path)
		}
		if !slices.Equal(inputs[i*p.Inputs():(i+1)*p.Inputs()], want) {
			t.Errorf("%s: row %d of Inputs() differs from Pipeline.Apply of the file", f.Path, i)
		}
		if !slices.Equal(f.Thumbnail.Pix, Thumbnail(img).Pix) {
			t.Errorf("%s: Thumbnail differs from Thumbnail of the file", f.Path)
		}
	}
}

func TestLoadDirThumbnails(t *testing.T) {
	d, err := LoadDir(os.DirFS(faceFolder(t)), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	want := map[string]image.Rectangle{
		"alice/1.pgm":  image.Rect(0, 0, 92, 112),
		"alice/2.png":  image.Rect(0, 0, 46, 56),
		"alice/10.jpg": image.Rect(0, 0, 92, 112),
	}
	for _, f := range d.Faces {
		if w, ok := want[f.Path]; ok && f.Thumbnail.Bounds() != w {
			t.Errorf("%s: thumbnail bounds = %v, want %v", f.Path, f.Thumbnail.Bounds(), w)
		}
	}
}

func TestLoadDirOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	root := t.TempDir()
	writeFiles(t, root, map[string][]byte{"p/1.pgm": randomPGM(rng, 30, 20)})

	rowMajor := Pipeline{Width: 3, Height: 2, Order: RowMajor}
	columnMajor := Pipeline{Width: 3, Height: 2, Order: ColumnMajor}
	rows, err := LoadDir(os.DirFS(root), rowMajor)
	if err != nil {
		t.Fatal(err)
	}
	columns, err := LoadDir(os.DirFS(root), columnMajor)
	if err != nil {
		t.Fatal(err)
	}

	r, c := rows.Faces[0].Input, columns.Faces[0].Input
	for y := range 2 {
		for x := range 3 {
			if r[y*3+x] != c[x*2+y] {
				t.Errorf("cell (%d,%d): row-major %v, column-major %v", x, y, r[y*3+x], c[x*2+y])
			}
		}
	}
	if slices.Equal(r, c) {
		t.Error("row-major and column-major inputs are equal, want a different order")
	}
}

// failingFS fails to open the names in fail and passes other opens on.
type failingFS struct {
	fsys fs.FS
	fail map[string]bool
}

var errDenied = errors.New("permission denied")

func (f failingFS) Open(name string) (fs.File, error) {
	if f.fail[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errDenied}
	}
	return f.fsys.Open(name)
}

func TestLoadDirUnreadableFolder(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	fsys := failingFS{
		fsys: fstest.MapFS{
			"a/1.pgm": {Data: randomPGM(rng, 8, 8)},
			"b/1.pgm": {Data: randomPGM(rng, 8, 8)},
			"c/1.pgm": {Data: randomPGM(rng, 8, 8)},
		},
		fail: map[string]bool{"b": true, "c/1.pgm": true},
	}
	d, err := LoadDir(fsys, DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if want := []string{"a"}; !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	if len(d.Skipped) != 2 || d.Skipped[0].Path != "b" || d.Skipped[1].Path != "c/1.pgm" {
		t.Fatalf("Skipped = %v, want b, then c/1.pgm", d.Skipped)
	}
	for _, s := range d.Skipped {
		if !errors.Is(s.Err, errDenied) {
			t.Errorf("Skipped %s: error %v does not wrap the open error", s.Path, s.Err)
		}
	}
}

func TestLoadDirErrors(t *testing.T) {
	layout := "expected one subfolder per person containing JPEG, PNG, GIF, BMP, TIFF, WebP or PGM/PPM files"
	tests := []struct {
		name  string
		files map[string][]byte
		p     Pipeline
		want  string
	}{
		{"empty root", nil, DefaultPipeline(), "faceio: no person folders found: " + layout},
		{"only root files", map[string][]byte{"1.pgm": randomPGM(rand.New(rand.NewPCG(1, 1)), 4, 4)},
			DefaultPipeline(), "faceio: no person folders found: " + layout},
		{"only hidden folders", map[string][]byte{".x/1.pgm": []byte("P5 1 1 255\n\x00")},
			DefaultPipeline(), "faceio: no person folders found"},
		{"no decodable file", map[string][]byte{"ann/a.jpg": []byte("text"), "bo/b.png": nil},
			DefaultPipeline(), "faceio: no faces loaded, 2 files or folders failed " +
				"(first: faceio: decode ann/a.jpg: not a JPEG, PNG, GIF, BMP, TIFF, WebP or PGM/PPM image " +
				"(image: unknown format): convert it to one of these formats): " + layout},
		{"invalid pipeline", nil, Pipeline{Width: 23, Height: 0}, "faceio: invalid grid height 0"},
	}
	for _, tt := range tests {
		root := t.TempDir()
		writeFiles(t, root, tt.files)
		d, err := LoadDir(os.DirFS(root), tt.p)
		if err == nil {
			t.Errorf("%s: LoadDir returned %d faces and no error, want %q", tt.name, len(d.Faces), tt.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: LoadDir error = %q, want prefix %q", tt.name, err, tt.want)
		}
	}

	_, err := LoadDir(os.DirFS(filepath.Join(t.TempDir(), "missing")), DefaultPipeline())
	if err == nil || !strings.HasPrefix(err.Error(), "faceio: read dataset folder: ") {
		t.Errorf("LoadDir of a missing folder: error = %v, want a read dataset folder error", err)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadDir of a missing folder: error = %v, want it to wrap fs.ErrNotExist", err)
	}
}

func TestCompareNatural(t *testing.T) {
	names := []string{
		"10.pgm", "2.pgm", "1.pgm", "img10b", "img10a", "img9", "a", "ab", "02.pgm",
		"img010", "b1", "a10", "a2", "x99999999999999999999", "x100000000000000000000",
	}
	slices.SortFunc(names, compareNatural)
	want := []string{
		"1.pgm", "02.pgm", "2.pgm", "10.pgm", "a", "a2", "a10", "ab", "b1",
		"img9", "img010", "img10a", "img10b", "x99999999999999999999", "x100000000000000000000",
	}
	if !slices.Equal(names, want) {
		t.Errorf("natural order = %q, want %q", names, want)
	}
	for _, pair := range [][2]string{{"a", "a"}, {"01", "01"}} {
		if c := compareNatural(pair[0], pair[1]); c != 0 {
			t.Errorf("compareNatural(%q, %q) = %d, want 0", pair[0], pair[1], c)
		}
	}
}

// orlDir returns the ORL folder named by VISAGE_ORL_DIR or skips the test.
func orlDir(tb testing.TB) string {
	dir := os.Getenv("VISAGE_ORL_DIR")
	if dir == "" {
		tb.Skip("VISAGE_ORL_DIR not set: set it to the ORL faces folder " +
			"(s1..s40 of PGM files) to run this test")
	}
	return dir
}

func TestLoadDirORL(t *testing.T) {
	d, err := LoadDir(os.DirFS(orlDir(t)), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if len(d.Classes) != 40 || len(d.Faces) != 400 || len(d.Skipped) != 0 {
		t.Fatalf("loaded %d classes, %d faces, %d skipped (%v); want 40, 400, 0",
			len(d.Classes), len(d.Faces), len(d.Skipped), d.Skipped)
	}
	if d.Classes[0] != "s1" || d.Classes[1] != "s10" || d.Classes[39] != "s9" {
		t.Errorf("Classes = %q..., want s1, s10, ..., s9 in sort.Strings order", d.Classes[:3])
	}
	for i, f := range d.Faces[:10] {
		if want := fmt.Sprintf("s1/%d.pgm", i+1); f.Path != want {
			t.Errorf("Faces[%d].Path = %q, want %q", i, f.Path, want)
		}
	}
	for _, f := range d.Faces {
		if f.Thumbnail.Bounds() != image.Rect(0, 0, 92, 112) {
			t.Fatalf("%s: thumbnail bounds = %v, want 92×112", f.Path, f.Thumbnail.Bounds())
		}
	}
	if n := len(d.Inputs()); n != 400*23*28 {
		t.Errorf("len(Inputs()) = %d, want %d", n, 400*23*28)
	}
}

func BenchmarkLoadDirORL(b *testing.B) {
	fsys := os.DirFS(orlDir(b))
	p := DefaultPipeline()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadDir(fsys, p); err != nil {
			b.Fatal(err)
		}
	}
}
