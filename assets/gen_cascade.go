//go:build ignore

// Gen_cascade copies the face detection cascade "facefinder" and the MIT
// licence from the Go module github.com/esimov/pigo into pigo/. Run it with
// go generate in this directory. It needs the Go module proxy and leaves
// go.mod and go.sum untouched.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

const module = "github.com/esimov/pigo@v1.4.6"

// files maps a path inside the module to its copy in this directory.
var files = map[string]string{
	"cascade/facefinder": "pigo/facefinder",
	"LICENSE":            "pigo/LICENSE",
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen_cascade:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := moduleDir(module)
	if err != nil {
		return err
	}
	if err := os.MkdirAll("pigo", 0o755); err != nil {
		return err
	}
	for src, dst := range files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(src)))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.FromSlash(dst), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// moduleDir downloads mod into the module cache and returns its directory.
// The command runs in the temporary directory, outside any module, so it
// does not add mod to this module's requirements.
func moduleDir(mod string) (string, error) {
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
