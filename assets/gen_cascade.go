//go:build ignore

// Gen_cascade copies the face detection cascade "facefinder" and the MIT
// licence from the Go module github.com/esimov/pigo into pigo/. Run it with
// go generate in this directory. It needs the Go module proxy and leaves
// go.mod and go.sum untouched.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"visage/assets/internal/modcache"
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
	dir, err := modcache.Dir(module)
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
