package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// blasSetting is the OpenBLAS environment of a Python worker. OpenBLAS
// reads its core type and thread count from it when it is loaded.
type blasSetting struct {
	Core    string // OPENBLAS_CORETYPE, or "" for OpenBLAS's own choice
	Threads int    // OMP_NUM_THREADS and OPENBLAS_NUM_THREADS, or 0 for unset
}

// blasVariables are the environment variables a blasSetting controls. They
// are removed from the inherited environment, so that only the setting
// applies.
var blasVariables = []string{
	"OPENBLAS_CORETYPE", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
	"GOTO_NUM_THREADS", "MKL_NUM_THREADS",
}

func (s blasSetting) String() string {
	core, threads := "auto", "unset"
	if s.Core != "" {
		core = s.Core
	}
	if s.Threads > 0 {
		threads = fmt.Sprint(s.Threads)
	}
	return fmt.Sprintf("OPENBLAS_CORETYPE=%s, OMP/OPENBLAS_NUM_THREADS=%s", core, threads)
}

// environ returns base without blasVariables, plus the setting's own.
func (s blasSetting) environ(base []string) []string {
	var env []string
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(blasVariables, name) {
			env = append(env, kv)
		}
	}
	if s.Core != "" {
		env = append(env, "OPENBLAS_CORETYPE="+s.Core)
	}
	if s.Threads > 0 {
		n := fmt.Sprint(s.Threads)
		env = append(env, "OMP_NUM_THREADS="+n, "OPENBLAS_NUM_THREADS="+n)
	}
	return env
}

// blasSettings returns the settings to try: OpenBLAS's own core choice and,
// on a CPU with AVX-512, its SkylakeX kernels, each with the thread
// variables unset, set to 1 and set to each count in threads above 1.
// SkylakeX is skipped without AVX-512 because its kernels would not run.
func blasSettings(avx512 bool, threads []int) []blasSetting {
	cores := []string{""}
	if avx512 {
		cores = append(cores, "SkylakeX")
	}
	var settings []blasSetting
	for _, core := range cores {
		settings = append(settings, blasSetting{Core: core})
		for _, n := range threads {
			settings = append(settings, blasSetting{Core: core, Threads: n})
		}
	}
	return settings
}

// workerOutput is the parsed output of one run of worker.py.
type workerOutput struct {
	Info    map[string]any
	Skip    string // reason the tool was not timed, or ""
	Results []result
}

// parseWorker reads the JSON lines of worker.py.
func parseWorker(r io.Reader) (workerOutput, error) {
	var out workerOutput
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var msg struct {
			Info map[string]any `json:"info"`
			Skip string         `json:"skip"`
			result
		}
		if err := json.Unmarshal(line, &msg); err != nil {
			return out, fmt.Errorf("invalid worker output %.80q: %w", line, err)
		}
		switch {
		case msg.Info != nil:
			out.Info = msg.Info
		case msg.Skip != "":
			out.Skip = msg.Skip
		default:
			if len(msg.EpochSeconds) == 0 {
				return out, fmt.Errorf("worker result without epoch times: %.80q", line)
			}
			out.Results = append(out.Results, msg.result)
		}
	}
	return out, sc.Err()
}

// runWorker runs worker.py for one tool with one setting. threads is the
// list of torch.set_num_threads values to try in the process. A worker
// that fails returns an error with the end of its standard error.
func runWorker(ctx context.Context, python, script, configPath, tool string,
	s blasSetting, threads []int) (workerOutput, error) {
	args := []string{script, configPath, tool, joinInts(threads)}
	cmd := exec.CommandContext(ctx, python, args...)
	cmd.Env = s.environ(os.Environ())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return workerOutput{}, fmt.Errorf("%s %s with %v: %w: %s",
			python, tool, s, err, lastLines(stderr.String(), 3))
	}
	out, err := parseWorker(&stdout)
	if err != nil {
		return out, fmt.Errorf("%s with %v: %w", tool, s, err)
	}
	for i := range out.Results {
		out.Results[i].Tool = tool
		out.Results[i].Setting = s.String()
	}
	return out, nil
}

func joinInts(x []int) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ",")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
