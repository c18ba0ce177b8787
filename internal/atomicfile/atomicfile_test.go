package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.bin")
	for _, want := range []string{"first", "second, longer"} {
		err := Write(path, func(w io.Writer) error {
			_, err := io.WriteString(w, want)
			return err
		})
		if err != nil {
			t.Fatalf("Write(%q): %v", want, err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("content = %q, want %q", got, want)
		}
	}
}

func TestWriteFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.bin")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	failure := errors.New("encoder failed")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return failure
	})
	if !errors.Is(err, failure) {
		t.Fatalf("Write error = %v, want %v", err, failure)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "old" {
		t.Errorf("content after failed write = %q, want %q", got, "old")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries after failed write, want 1 (temporary file left behind)", len(entries))
	}
}

func TestWriteMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "out.bin")
	err := Write(path, func(w io.Writer) error { return nil })
	if err == nil {
		t.Fatal("Write into a missing directory succeeded, want error")
	}
}

func TestWriteKeepsPermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.bin")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode after replace = %v, want 0600", info.Mode().Perm())
	}
}

func TestWriteOntoFolderFails(t *testing.T) {
	dir := t.TempDir()
	err := Write(dir, func(w io.Writer) error { return nil })
	if err == nil {
		t.Fatal("Write onto a folder succeeded, want error")
	}
	if info, statErr := os.Stat(dir); statErr != nil || !info.IsDir() {
		t.Errorf("folder damaged by failed write: %v", statErr)
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.bin")
	link := filepath.Join(dir, "link.bin")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	err := Write(link, func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target content = %q, want %q", got, "new")
	}
	info, err := os.Lstat(link)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced by a regular file")
	}
}

func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	if err := CheckWritable(filepath.Join(dir, "new.bin")); err != nil {
		t.Errorf("CheckWritable of a new file in a writable folder: %v", err)
	}
	if err := CheckWritable(dir); err == nil {
		t.Error("CheckWritable of a folder succeeded, want error")
	}
	if err := CheckWritable(filepath.Join(dir, "missing", "new.bin")); err == nil {
		t.Error("CheckWritable in a missing folder succeeded, want error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("CheckWritable left %d files behind", len(entries))
	}
}
