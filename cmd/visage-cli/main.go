// Command visage-cli trains, runs and renders Visage face classifiers
// without a display.
//
// Usage:
//
//	visage-cli train --data DIR|FILE|default-faces|default-digits --out m.visage [flags]
//	visage-cli classify --model m.visage [--json] IMAGE...
//	visage-cli render --model m.visage --out DIR [--image FILE] [--data DIR|FILE] [--unit L:U]
//	visage-cli export --model m.visage --out weights.npz
//	visage-cli import --npz weights.npz --out m.visage --width W --height H --classes A,B [flags]
//
// Run a subcommand with -h for its flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"visage/assets"
	"visage/faceio"
)

const usage = `visage-cli trains small neural networks on faces and explains them.

Usage:
  visage-cli train --data DIR|FILE|default-faces|default-digits --out FILE [flags]
  visage-cli classify --model FILE [--json] IMAGE...
  visage-cli render --model FILE --out DIR [--image FILE] [--data DIR|FILE] [--unit L:U]
  visage-cli export --model FILE --out FILE.npz
  visage-cli import --npz FILE.npz --out FILE --width W --height H --classes A,B [flags]

Run "visage-cli COMMAND -h" for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command and returns the process exit code: 0 on
// success, 1 when the command failed, 2 for invalid usage.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	commands := map[string]func([]string, io.Writer, io.Writer) error{
		"train":    train,
		"classify": classify,
		"render":   render,
		"export":   exportWeights,
		"import":   importWeights,
	}
	cmd, ok := commands[args[0]]
	if !ok {
		if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "visage-cli: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(args[1:], stdout, stderr)
	var usageErr usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &usageErr):
		fmt.Fprintf(stderr, "visage-cli %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "visage-cli %s: %v\n", args[0], err)
		return 1
	}
}

// newDetector returns the face detector of the built-in cascade. The
// cascade is part of the binary, so an error is a bug.
func newDetector() *faceio.Detector {
	d, err := faceio.NewDetector(assets.FaceCascade)
	if err != nil {
		panic(err)
	}
	return d
}

// usageError is an invalid command line, as opposed to a failure while
// running a valid one.
type usageError string

func (e usageError) Error() string { return string(e) }

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("visage-cli "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args and turns flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(err.Error())
	}
	return nil
}
