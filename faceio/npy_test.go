package faceio

import "visage/internal/npy/npytest"

// Builders of .npy files for the tests of the array loaders.
var (
	npyDict   = npytest.Dict
	npyFile   = npytest.File
	npyValues = npytest.Values
)
