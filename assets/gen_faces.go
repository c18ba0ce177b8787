//go:build ignore

// Gen_faces copies the ORL face images that the Go module gocv.io/x/gocv
// ships under contrib/att_faces into faces/, with the module's licence and
// the database's README. Run it with go generate in this directory; it
// needs the Go module proxy and imports nothing from gocv.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"visage/assets/internal/modcache"
)

const module = "gocv.io/x/gocv@v0.41.0"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen_faces:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := modcache.Dir(module)
	if err != nil {
		return err
	}
	src := filepath.Join(dir, "contrib", "att_faces")
	if err := os.RemoveAll("faces"); err != nil {
		return err
	}
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if !strings.HasSuffix(rel, ".pgm") && rel != "README" {
			return nil
		}
		return copyFile(path, filepath.Join("faces", rel))
	})
	if err != nil {
		return err
	}
	return copyFile(filepath.Join(dir, "LICENSE.txt"), filepath.Join("faces", "LICENSE-gocv.txt"))
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}
