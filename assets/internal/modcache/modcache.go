// Package modcache fetches Go modules whose data files the generators in
// package assets copy.
package modcache

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
)

// Dir downloads the module mod ("path@version") into the module cache
// and returns its directory. The go command runs in the temporary
// directory, outside any module, so mod is not added to the requirements
// of the calling module.
func Dir(mod string) (string, error) {
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
