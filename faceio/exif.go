package faceio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	exif "github.com/dsoprea/go-exif/v3"
	exifcommon "github.com/dsoprea/go-exif/v3/common"
)

// orientationTag is the TIFF and EXIF tag of the orientation.
const orientationTag = 0x0112

// maxExifChunk is the largest PNG eXIf or WebP EXIF chunk that is read.
// A JPEG APP1 segment is at most 65533 bytes.
const maxExifChunk = 1 << 20

// exifPrefix starts the EXIF block in a JPEG APP1 segment, and in some
// WebP files.
var exifPrefix = []byte("Exif\x00\x00")

// exifOrientation returns the EXIF orientation, 1 to 8, of the image of
// the given format in the first size bytes of src. The EXIF block is the
// APP1 segment of a JPEG, the eXIf chunk of a PNG, the EXIF chunk of a
// WebP, and the first IFD of a TIFF file itself. A missing, unreadable or
// out of range orientation returns 1, which leaves the image as it is.
func exifOrientation(src io.ReaderAt, size int64, format string) int {
	tables := loadExifTables()
	var block io.ReadSeeker
	switch format {
	case "jpeg":
		block = asReadSeeker(jpegExif(src, size))
	case "png":
		block = asReadSeeker(pngExif(src, size))
	case "webp":
		block = asReadSeeker(bytes.TrimPrefix(webpExif(src, size), exifPrefix))
	case "tiff":
		block = io.NewSectionReader(src, 0, size)
	}
	if block == nil {
		return 1
	}
	return readOrientation(block, tables)
}

func asReadSeeker(b []byte) io.ReadSeeker {
	if b == nil {
		return nil
	}
	return bytes.NewReader(b)
}

// jpegExif returns the EXIF block of the first APP1 segment that contains
// one, searching the marker segments before the first scan, or nil.
// Bounds of the search for a JPEG's EXIF segment, so a file padded with
// millions of fill bytes cannot keep the loader busy. Encoders put the EXIF
// APP1 segment right after the start of the image, and use few fill bytes.
const (
	maxJPEGExifOffset = 1 << 20 // bytes from the start of the file
	maxJPEGFill       = 64      // consecutive 0xff fill bytes
)

func jpegExif(src io.ReaderAt, size int64) []byte {
	var head [4]byte
	off := int64(2) // after the SOI marker
	fill := 0
	for off+4 <= size && off < maxJPEGExifOffset {
		if _, err := src.ReadAt(head[:], off); err != nil || head[0] != 0xff {
			return nil
		}
		switch marker := head[1]; {
		case marker == 0xff: // a fill byte
			if fill++; fill > maxJPEGFill {
				return nil
			}
			off++
			continue
		case marker == 0x01, marker >= 0xd0 && marker <= 0xd8: // no length
			off += 2
			continue
		case marker == 0xda, marker == 0xd9: // start of scan, end of image
			return nil
		}

		fill = 0
		n := int64(binary.BigEndian.Uint16(head[2:]))
		if n < 2 {
			return nil
		}
		if head[1] == 0xe1 {
			payload := readChunk(src, off+4, n-2)
			if bytes.HasPrefix(payload, exifPrefix) {
				return payload[len(exifPrefix):]
			}
		}
		off += 2 + n
	}
	return nil
}

// pngExif returns the data of the eXIf chunk, or nil.
func pngExif(src io.ReaderAt, size int64) []byte {
	var head [8]byte
	off := int64(8) // after the signature
	for off+8 <= size {
		if _, err := src.ReadAt(head[:], off); err != nil {
			return nil
		}
		n := int64(binary.BigEndian.Uint32(head[:4]))
		switch string(head[4:]) {
		case "eXIf":
			return readChunk(src, off+8, n)
		case "IEND":
			return nil
		}
		off += 12 + n // length, type, data and CRC
	}
	return nil
}

// webpExif returns the data of the EXIF chunk of a RIFF WebP file, or nil.
func webpExif(src io.ReaderAt, size int64) []byte {
	var head [8]byte
	off := int64(12) // after "RIFF", the file size and "WEBP"
	for off+8 <= size {
		if _, err := src.ReadAt(head[:], off); err != nil {
			return nil
		}
		n := int64(binary.LittleEndian.Uint32(head[4:]))
		if string(head[:4]) == "EXIF" {
			return readChunk(src, off+8, n)
		}
		off += 8 + n + n&1 // chunks are padded to an even length
	}
	return nil
}

// readChunk returns the n bytes at off, or nil if n is over maxExifChunk
// or the bytes cannot be read.
func readChunk(src io.ReaderAt, off, n int64) []byte {
	if n > maxExifChunk {
		return nil
	}
	b := make([]byte, n)
	if _, err := src.ReadAt(b, off); err != nil {
		return nil
	}
	return b
}

// exifTables are the IFD and tag tables of go-exif, built once because
// loading the standard tags parses a large table. The tag index is safe
// for concurrent lookups once loaded.
type exifTables struct {
	ifds *exifcommon.IfdMapping
	tags *exif.TagIndex
}

var loadExifTables = sync.OnceValue(func() exifTables {
	ifds, err := exifcommon.NewIfdMappingWithStandard()
	if err != nil {
		panic(fmt.Sprintf("faceio: load the EXIF IFD table: %v", err))
	}
	tags := exif.NewTagIndex()
	if err := exif.LoadStandardTags(tags); err != nil {
		panic(fmt.Sprintf("faceio: load the EXIF tag table: %v", err))
	}
	return exifTables{ifds: ifds, tags: tags}
})

// errStopScan ends an IFD scan once the orientation is found or cannot
// follow.
var errStopScan = errors.New("stop the EXIF scan")

// readOrientation returns the orientation tag of IFD0 in block, which
// starts with a TIFF header, or 1 if IFD0 has none or cannot be read.
//
// The scan stops at the first tag outside IFD0 and before any sub-IFD, so
// it never reads a thumbnail: go-exif allocates a thumbnail's declared
// length before reading it.
func readOrientation(block io.ReadSeeker, tables exifTables) (o int) {
	defer func() {
		// go-exif recovers its own panics, except those whose value is not
		// an error, and a malformed block must never stop the decoding.
		if recover() != nil {
			o = 1
		}
	}()

	var header [exif.ExifSignatureLength]byte
	if _, err := io.ReadFull(block, header[:]); err != nil {
		return 1
	}
	eh, err := exif.ParseExifHeader(header[:])
	if err != nil {
		return 1
	}

	o = 1
	visit := func(ite *exif.IfdTagEntry) error {
		ifd := ite.IfdIdentity()
		if ifd.UnindexedString() != "IFD" || ifd.Index() != 0 || ite.ChildIfdPath() != "" {
			return errStopScan
		}
		if ite.TagId() != orientationTag {
			return nil
		}
		o = orientationValue(ite)
		return errStopScan
	}
	seeker := exif.NewExifReadSeeker(block)
	ie := exif.NewIfdEnumerate(tables.ifds, tables.tags, seeker, eh.ByteOrder)
	// Scan returns errStopScan or the reason it could not go on, and
	// neither changes an orientation already found.
	ie.Scan(exifcommon.IfdStandardIfdIdentity, eh.FirstIfdOffset, visit, nil)
	return o
}

// orientationValue returns the value of an orientation tag, or 1 unless it
// is a single SHORT from 1 to 8.
func orientationValue(ite *exif.IfdTagEntry) int {
	if ite.TagType() != exifcommon.TypeShort || ite.UnitCount() != 1 {
		return 1
	}
	v, err := ite.Value()
	if err != nil {
		return 1
	}
	if s, ok := v.([]uint16); ok && len(s) == 1 && s[0] >= 1 && s[0] <= 8 {
		return int(s[0])
	}
	return 1
}
