// Package model is a small dense neural network for classifying input rows:
// fully connected layers, sigmoid, tanh or ReLU hidden units, and either a
// softmax output over classes or a single sigmoid output that gives
// the probability of one positive class ("is it XYZ?").
//
// # Shapes
//
// A row is one sample. A batch of n samples is an n×inputs matrix, and the
// network turns it into an n×outputs matrix of logits. Layer l's weight
// matrix W has one row per input of the layer and one column per unit
// (inputs × units, the layout of a Keras Dense kernel), so the pre-activation
// of a batch is Z = A·W + b with the bias b added to every row. Column j of
// the first layer's W is therefore unit j's template over the input grid.
//
// # Grid
//
// The package knows nothing about images. A Network stores the Grid its
// input rows came from (width, height and flattening order) and the
// caller's preprocessing settings as opaque text, so that a caller can turn
// a new image into a row exactly as it turned the training images, and
// reshape a column of W back onto the grid.
//
// # Explanations
//
// Trace, InputGradient, Projection, SmoothGrad, IntegratedGradients,
// Occlusion and Maximize compute the numbers behind the views that explain
// a network's units and decisions. They number layers from 0, the layer
// next to the input, to len(Layers)−1, the output layer. A unit's value is
// its pre-activation z = a·W + b when pre is true, and otherwise its
// activation, which for an output unit is its probability. Gradients come
// from one backward pass per input, and a ReLU unit whose pre-activation
// is exactly 0 passes no gradient. These methods only read the weights, so
// they may run concurrently while nothing trains the network. A layer,
// unit or input length that does not fit the network makes them panic.
//
// # Errors
//
// Functions panic on programmer errors, such as matrices whose shapes do not
// match the network the caller built. They return errors for bad data: label
// values out of range, mismatched sample counts, non-finite losses, and
// malformed model files.
//
// # Determinism
//
// New and Train draw every random number from a PCG source seeded by the
// caller, so the same seed, data and options give bit-identical weights on
// the same machine.
package model
