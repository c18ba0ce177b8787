// Package faceio turns image files into the rows of numbers that Visage's
// networks read, for training data and for a single photo alike.
//
// # Decoding
//
// Importing faceio registers with package image the JPEG, PNG and GIF
// decoders of the standard library, the BMP, TIFF and WebP decoders of
// golang.org/x/image and its own Netpbm decoder (PGM and PPM, plain and
// binary). So image.Decode picks the format by content. DecodeFile and
// DecodeFS read the header first and reject images with more than
// MaxPixels pixels before any pixel buffer is allocated. DecodeFileLimit
// and DecodeFSLimit take another limit.
//
// The decoded image is the picture as a viewer shows it:
//
//   - Orientation: the EXIF orientation (tag 0x0112 of IFD0, values 1 to
//     8) is applied before anything else, so a phone photo stored sideways
//     comes out upright, as a new image whose bounds start at (0, 0). It is
//     read from the APP1 segment of a JPEG, the eXIf chunk of a PNG, the
//     EXIF chunk of a WebP and the first IFD of a TIFF. A missing,
//     unreadable or invalid orientation counts as 1, upright, and is never
//     an error.
//   - GIF: the first frame only, with the frame's own bounds. A frame
//     placed inside a larger logical screen keeps its offset, so its
//     bounds need not start at (0, 0), and the rest of the screen is not
//     part of the image.
//   - Transparency: translucent pixels are composited onto black. The gray
//     conversion uses alpha-premultiplied colours, so a fully transparent
//     pixel is 0 whatever its colour. This applies to PNG alpha and
//     palettes, the transparent colour of a GIF and WebP alpha.
//   - 16-bit samples, gray or colour, keep their full precision: a sample
//     s counts as s/65535.
//
// Decoding errors say whether the file is truncated, uses a variant the
// decoder lacks (such as an arithmetic-coded JPEG), contains invalid data or
// is not an image of these formats, naming HEIC and AVIF photos, and what
// to do about it.
//
// # Datasets
//
// Load and LoadDir read a root folder with one subfolder per person and
// decode the files of each person folder by content, whatever their
// extension, on GOMAXPROCS goroutines. Only that one level of folders is
// read, and each entry of the root is one of these:
//
//   - Ignored without a warning: hidden entries, whose names start with
//     '.' (.DS_Store, .git, the AppleDouble files "._*" of macOS), and, in
//     any letter case, Thumbs.db, ehthumbs.db, desktop.ini, $RECYCLE.BIN,
//     System Volume Information, __MACOSX, the "Icon\r" file of macOS,
//     the @eaDir folders of Synology NAS systems, and backups and partial
//     downloads whose names end in "~", ".bak", ".part", ".crdownload" or
//     ".tmp". The same names are ignored inside person folders.
//   - A person folder, reached directly or through a symbolic link. A link
//     to the root itself or to a folder that is already a person folder
//     gets a warning and is not read, so links never make a load repeat
//     work or loop. A link that cannot be followed, such as a cycle of
//     links, gets a warning too.
//   - A file with an image extension, which gets a warning because it is
//     in no person folder. Other files, such as a README, are ignored.
//
// Dataset.Warnings also report empty person folders, person folders none
// of whose files loaded, folders inside a person folder, and people with a
// single image, who keep it for training. Dataset.Skipped lists each file
// that was not loaded with a reason: not an image, failed to decode, over
// the pixel limit, not a regular file, or not a face. An image is not a
// face if a side is shorter than MinFaceSide (8) pixels, or its longer side
// is more than MaxAspectRatio (8) times the shorter. Such images are
// skipped rather than cropped, because a centre crop of a few pixels or of
// a long strip would rarely hold a face.
//
// Class names are the folder names in Unicode normalization form C, so a
// name that macOS stored in form D gives the same class as the same name
// typed elsewhere. Folders whose names are equal in form C form one class,
// with a warning. Classes are sorted with sort.Strings and the files of a
// class in natural order, so a dataset loads the same way every time.
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
// images over the pixel limit, and errors that wrap the decoder's error for other
// files. Misuse by the caller panics: calling Grid, Apply or GridImage with
// an invalid Pipeline or with CropFace, or any of them or Thumbnail on an
// empty image, and calling Locate for CropFace without a Detector.
//
// The package does not log.
package faceio
