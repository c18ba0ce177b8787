package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// DefaultHidden is the hidden layer sizes Visage starts with.
var DefaultHidden = []int{64}

// ParseSizes parses comma-separated hidden layer sizes such as "25,15".
// An empty or blank string means no hidden layer.
func ParseSizes(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var sizes []int
	for _, field := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n <= 0 || n > MaxUnits {
			return nil, fmt.Errorf("model: invalid layer size %q in %q: use positive whole numbers separated by commas, such as 25,15", field, s)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// FormatSizes is the inverse of ParseSizes.
func FormatSizes(sizes []int) string {
	s := make([]string, len(sizes))
	for i, n := range sizes {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// BinaryLabels returns labels recoded for a Binary network that recognises
// the class named positive: 1 for its samples and 0 for all others.
func BinaryLabels(classes []string, labels []int, positive string) ([]int, error) {
	target := -1
	for i, c := range classes {
		if c == positive {
			target = i
		}
	}
	if target < 0 {
		return nil, fmt.Errorf("model: class %q not found: choose one of %s", positive, strings.Join(classes, ", "))
	}
	binary := make([]int, len(labels))
	for i, l := range labels {
		if l == target {
			binary[i] = 1
		}
	}
	return binary, nil
}

// ParseActivations parses the activations of layers hidden layers: one
// name for all of them, such as "relu", or one per layer separated by
// commas, such as "relu,tanh". Names are sigmoid, tanh and relu.
func ParseActivations(s string, layers int) ([]Activation, error) {
	var names []string
	for _, f := range strings.Split(s, ",") {
		names = append(names, strings.ToLower(strings.TrimSpace(f)))
	}
	if len(names) == 1 {
		names = slices.Repeat(names, layers)
	}
	if len(names) != layers {
		return nil, fmt.Errorf("model: %d activations in %q for %d hidden layers: "+
			"give one for all layers or one per layer", len(names), s, layers)
	}
	acts := make([]Activation, len(names))
	for i, name := range names {
		switch a := Activation(name); a {
		case Sigmoid, Tanh, ReLU:
			acts[i] = a
		default:
			return nil, fmt.Errorf("model: unknown activation %q in %q: use sigmoid, tanh or relu", name, s)
		}
	}
	return acts, nil
}
