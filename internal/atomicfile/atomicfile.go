// Package atomicfile writes files so that a reader sees either the old
// content or the complete new content, never a partial write.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Write calls write with a buffered writer on a temporary file in the
// directory of path, flushes it, syncs it to disk and renames it over path.
// If any step fails, including the final Close, the temporary file is
// removed, the file already at path is left as it was, and the first error
// is returned. A replaced file keeps its permission bits, and a new one gets
// 0644. If path is a symbolic link, the file it points to is replaced and
// the link is kept.
func Write(path string, write func(w io.Writer) error) (err error) {
	path, err = resolve(path)
	if err != nil {
		return err
	}
	perm, err := permissions(path)
	if err != nil {
		return err
	}
	f, err := createTemp(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()

	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("set permissions of %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// CheckWritable returns the error Write would meet before it calls write:
// path is a folder or not a regular file, or its folder is missing or not
// writable. It lets a caller fail before long work whose result it could
// not save. It creates and removes a temporary file.
func CheckWritable(path string) error {
	path, err := resolve(path)
	if err != nil {
		return err
	}
	if _, err := permissions(path); err != nil {
		return err
	}
	f, err := createTemp(path)
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// resolve returns the file a symbolic link at path points to, or path
// itself if it is not a link or does not exist yet.
func resolve(path string) (string, error) {
	info, err := os.Lstat(path)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fmt.Errorf("%s is a broken symbolic link: %w", path, err)
	}
	return target, nil
}

// createTemp creates the temporary file for path in the same folder, so the
// final rename stays on one file system. Its error names path's folder
// rather than the temporary name.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err
		}
		return nil, fmt.Errorf("cannot write %s in folder %s: %w", base, dir, err)
	}
	return f, nil
}

// permissions returns the permission bits the file at path should get.
func permissions(path string) (fs.FileMode, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0o644, nil
	case err != nil:
		return 0, err
	case info.IsDir():
		return 0, fmt.Errorf("%s is a folder: give a file name", path)
	case !info.Mode().IsRegular():
		return 0, fmt.Errorf("%s exists and is not a regular file", path)
	}
	return info.Mode().Perm(), nil
}

// syncDir flushes the directory entry of a rename to disk. It is best
// effort: the new file is already in place, and some file systems cannot
// sync a directory.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
