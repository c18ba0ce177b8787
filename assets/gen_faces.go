//go:build ignore

// Gen_faces copies the ORL face images that the Go module gocv.io/x/gocv
// ships under contrib/att_faces into faces/, with the module's licence and
// the database's README. Run it with go generate in this directory; it
// needs the Go module proxy and imports nothing from gocv.
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const module = "gocv.io/x/gocv@v0.41.0"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen_faces:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := download(module)
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

// download fetches mod into the module cache and returns its directory. It
// runs outside this module so that go.mod and go.sum stay untouched.
func download(mod string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", mod)
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w", mod, err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil {
		return "", fmt.Errorf("go mod download %s: %w", mod, err)
	}
	if info.Error != "" {
		return "", fmt.Errorf("go mod download %s: %s", mod, info.Error)
	}
	return info.Dir, nil
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
