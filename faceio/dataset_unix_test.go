//go:build unix

package faceio

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestLoadDirSpecialFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	root := t.TempDir()
	writeFiles(t, root, map[string][]byte{"ann/1.pgm": randomPGM(rng, 8, 8)})
	ann := filepath.Join(root, "ann")
	links := map[string]string{
		filepath.Join(ann, "2.pgm"):       filepath.Join(ann, "1.pgm"),
		filepath.Join(ann, "3.pgm"):       filepath.Join(ann, "missing.pgm"),
		filepath.Join(root, "ann-again"):  ann,
		filepath.Join(root, "file-link"):  filepath.Join(ann, "1.pgm"),
		filepath.Join(ann, "folder-link"): root,
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(ann, "4.pgm"), 0o644); err != nil {
		t.Fatal(err)
	}

	d, err := LoadDir(os.DirFS(root), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if want := []string{"ann", "ann-again"}; !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	var paths []string
	for _, f := range d.Faces {
		paths = append(paths, f.Path)
	}
	want := []string{"ann/1.pgm", "ann/2.pgm", "ann-again/1.pgm", "ann-again/2.pgm"}
	if !slices.Equal(paths, want) {
		t.Errorf("face paths = %q, want %q", paths, want)
	}

	wantSkipped := []struct{ path, reason string }{
		{"ann/3.pgm", "faceio: stat ann/3.pgm: "},
		{"ann/4.pgm", "faceio: ann/4.pgm is not a regular file"},
		{"ann-again/3.pgm", "faceio: stat ann-again/3.pgm: "},
		{"ann-again/4.pgm", "faceio: ann-again/4.pgm is not a regular file"},
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
}
