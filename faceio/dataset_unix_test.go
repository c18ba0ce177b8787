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
	"time"
)

// symlinks creates each link, keyed by its path under root, pointing to
// the target, which is relative to root unless absolute.
func symlinks(t *testing.T, root string, links map[string]string) {
	t.Helper()
	for link, target := range links {
		if !filepath.IsAbs(target) {
			target = filepath.Join(root, target)
		}
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadDirSpecialFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	root := t.TempDir()
	writeFiles(t, root, map[string][]byte{"ann/1.pgm": randomPGM(rng, 8, 8)})
	symlinks(t, root, map[string]string{
		"ann/2.pgm":       "ann/1.pgm",
		"ann/3.pgm":       "ann/missing.pgm",
		"ann-again":       "ann",
		"file-link":       "ann/1.pgm",
		"ann/folder-link": ".",
	})
	if err := syscall.Mkfifo(filepath.Join(root, "ann", "4.pgm"), 0o644); err != nil {
		t.Fatal(err)
	}

	d, err := LoadDir(os.DirFS(root), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if want := []string{"ann"}; !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	var paths []string
	for _, f := range d.Faces {
		paths = append(paths, f.Path)
	}
	if want := []string{"ann/1.pgm", "ann/2.pgm"}; !slices.Equal(paths, want) {
		t.Errorf("face paths = %q, want %q", paths, want)
	}

	wantSkipped := []struct{ path, reason string }{
		{"ann/3.pgm", "faceio: ann/3.pgm: cannot follow the symbolic link (no such file or directory): fix or remove it"},
		{"ann/4.pgm", "faceio: ann/4.pgm is not a regular file, so it cannot be an image: remove it"},
	}
	if len(d.Skipped) != len(wantSkipped) {
		t.Fatalf("Skipped = %v, want %d entries", d.Skipped, len(wantSkipped))
	}
	for i, w := range wantSkipped {
		s := d.Skipped[i]
		if s.Path != w.path {
			t.Errorf("Skipped[%d].Path = %q, want %q", i, s.Path, w.path)
		}
		if s.Err == nil || s.Err.Error() != w.reason {
			t.Errorf("Skipped[%d].Err = %v, want %q", i, s.Err, w.reason)
		}
	}

	wantWarnings := []Warning{
		{"ann-again", "symbolic link to the person folder ann: ignored"},
		{"ann/folder-link", msgSubfolder},
	}
	if !slices.Equal(d.Warnings, wantWarnings) {
		t.Errorf("Warnings = %q, want %q", d.Warnings, wantWarnings)
	}
}

// TestLoadDirSymlinkLoops checks that links back to the root, links
// between person folders and symbolic link cycles are read at most once
// and end in warnings.
func TestLoadDirSymlinkLoops(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	root := t.TempDir()
	outside := t.TempDir()
	writeFiles(t, root, map[string][]byte{
		"bo/1.pgm": randomPGM(rng, 8, 8),
		"bo/2.pgm": randomPGM(rng, 8, 8),
	})
	writeFiles(t, outside, map[string][]byte{"1.pgm": randomPGM(rng, 8, 8)})
	symlinks(t, root, map[string]string{
		"all":        ".",       // the root itself
		"cycle-a":    "cycle-b", // a cycle of two links
		"cycle-b":    "cycle-a",
		"self":       "self", // a link to itself
		"bo/up":      "..",   // a person folder's link to the root
		"bo/here":    ".",    // and to itself
		"zed":        "bo",   // a second name for a person
		"eve":        outside,
		"eve-by-two": "eve", // a link to a link
	})

	start := time.Now()
	d, err := LoadDir(os.DirFS(root), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("LoadDir took %v, want well under 5 s", elapsed)
	}
	if want := []string{"bo", "eve"}; !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	if len(d.Faces) != 3 || len(d.Skipped) != 0 {
		t.Errorf("loaded %d faces, skipped %v; want 3 faces, none skipped", len(d.Faces), d.Skipped)
	}

	want := map[string]string{
		"all":        msgRootLink,
		"bo/here":    msgSubfolder,
		"bo/up":      msgSubfolder,
		"cycle-a":    "symbolic link cannot be followed (too many levels of symbolic links): ignored",
		"cycle-b":    "symbolic link cannot be followed (too many levels of symbolic links): ignored",
		"eve":        msgSingleImage,
		"eve-by-two": "symbolic link to the person folder eve: ignored",
		"self":       "symbolic link cannot be followed (too many levels of symbolic links): ignored",
		"zed":        "symbolic link to the person folder bo: ignored",
	}
	if len(d.Warnings) != len(want) {
		t.Errorf("Warnings = %q, want %d", d.Warnings, len(want))
	}
	for i, w := range d.Warnings {
		if w.Message != want[w.Path] {
			t.Errorf("warning %s = %q, want %q", w.Path, w.Message, want[w.Path])
		}
		if i > 0 && strings.Compare(d.Warnings[i-1].Path, w.Path) > 0 {
			t.Errorf("warnings %s and %s out of order", d.Warnings[i-1].Path, w.Path)
		}
	}
}
