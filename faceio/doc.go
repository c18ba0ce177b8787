// Package faceio turns image files into the rows of numbers that Visage's
// networks read, for training data and for a single photo alike.
//
// # Decoding
//
// Importing faceio registers the JPEG, PNG and GIF decoders of the standard
// library and its own Netpbm decoder (PGM and PPM, plain and binary) with
// package image, so image.Decode picks the format by content. DecodeFile and
// DecodeFS read the header first and reject images with more than MaxPixels
// pixels before any pixel buffer is allocated. GIF files yield their first
// frame.
//
// # Preprocessing
//
// A Pipeline maps any image to a Width×Height grid of gray values in [0,1]:
//
//  1. Gray: the luma 0.299R + 0.587G + 0.114B (ITU-R BT.601) of the 16-bit
//     colour values. Colours are alpha-premultiplied, so translucent pixels
//     are composited onto black. JPEG images (*image.YCbCr) use their
//     stored Y channel, which is this luma up to rounding.
//  2. Crop: the largest centred rectangle with the grid's aspect ratio. Its
//     edges may fall inside a pixel. With CropFace it is centred on the
//     largest face that a Detector finds instead (see Pipeline.FaceCrop).
//     Grid has no Detector, so for CropFace call Pipeline.Locate, then
//     GridRect or ApplyRect with its crop.
//  3. Resize: each cell is the exact area-weighted mean of the source pixels
//     it covers, partial pixels included, for both down- and up-scaling.
//  4. Equalise (optional): histogram equalisation of the grid (see
//     Pipeline.Equalize).
//
// Grid returns the cells row-major (index y*Width + x), the layout used for
// display. Apply returns the network's input row, the same cells flattened
// in Pipeline.Order. A Dataset stores one input row per face, so
// Dataset.Inputs is a row-major len(Faces)×Inputs() matrix. Thumbnail
// applies the same gray conversion and area averaging to the whole image,
// for display at most ThumbnailSize pixels wide and high.
//
// # Face detection
//
// A Detector finds faces with a cascade of the pure Go detector pigo
// (github.com/esimov/pigo), such as its "facefinder" cascade, which Visage
// embeds as assets.FaceCascade. Detect searches a gray copy of the image
// reduced to at most DetectSize pixels per side.
//
// # Errors
//
// Bad data returns an error whose text starts with "faceio: " and names the
// file or value: FormatError for malformed Netpbm data, SizeError for
// images over MaxPixels, and errors that wrap the decoder's error for other
// files. Misuse by the caller panics: calling Grid, Apply or GridImage with
// an invalid Pipeline or with CropFace, or any of them or Thumbnail on an
// empty image, and calling Locate for CropFace without a Detector.
//
// The package does not log.
package faceio
