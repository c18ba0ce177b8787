//go:build unix

package faceio

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestIsDatasetRejectsLookalikes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"IMG_0001.HEIC": []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"),
		"clip.mp4":      []byte("\x00\x00\x00\x20ftypisom\x00\x00\x02\x00"),
		"floats.idx":    {0, 0, 0x0d, 3, 0, 0, 0, 1},
	})
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"IMG_0001.HEIC": false, "clip.mp4": false, "floats.idx": true, "pipe": false} {
		done := make(chan bool)
		go func() { done <- IsDataset(filepath.Join(dir, name)) }()
		select {
		case got := <-done:
			if got != want {
				t.Errorf("IsDataset(%s) = %v, want %v", name, got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("IsDataset(%s) blocked", name)
		}
	}
}
