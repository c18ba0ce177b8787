package faceio

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"
)

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{".DS_Store", true}, {".hidden.jpg", true}, {"._1.jpg", true}, {".git", true},
		{"Thumbs.db", true}, {"thumbs.db", true}, {"ehthumbs.db", true},
		{"desktop.ini", true}, {"Desktop.ini", true}, {"__MACOSX", true},
		{"@eaDir", true}, {"$RECYCLE.BIN", true}, {"System Volume Information", true},
		{"Icon\r", true}, {"1.jpg~", true}, {"1.jpg.bak", true}, {"1.JPG.BAK", true},
		{"1.jpg.part", true}, {"1.jpg.crdownload", true}, {"1.tmp", true},
		{"1.jpg", false}, {"alice", false}, {"Thumbs.db.jpg", false}, {"bak", false},
		{"tmp", false}, {"Icon", false}, {"eaDir", false}, {"partner.jpg", false},
	}
	for _, tt := range tests {
		if got := ignored(tt.name); got != tt.want {
			t.Errorf("ignored(%q) = %t, want %t", tt.name, got, tt.want)
		}
	}
}

// TestLoadDirIgnoresJunk checks that junk of every kind, in the root and
// in person folders, gives neither a skipped file nor a warning.
func TestLoadDirIgnoresJunk(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	junk := []string{
		".DS_Store", "._1.jpg", "Thumbs.db", "desktop.ini", "1.jpg~", "1.jpg.bak",
		"2.jpg.part", "3.jpg.crdownload", "x.tmp", ".hidden.jpg", "Icon\r",
		"__MACOSX/x.jpg", "@eaDir/1.jpg/SYNOFILE_THUMB_M.jpg", ".thumbnails/1.png",
	}
	files := map[string][]byte{
		"ann/1.pgm": randomPGM(rng, 8, 8),
		"ann/2.pgm": randomPGM(rng, 8, 8),
	}
	for _, j := range junk {
		files[j] = []byte("junk")
		files["ann/"+j] = []byte("junk")
	}
	files[".trash/1.pgm"] = randomPGM(rng, 8, 8)
	root := t.TempDir()
	writeFiles(t, root, files)

	d, err := LoadDir(os.DirFS(root), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if want := []string{"ann"}; !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	if len(d.Faces) != 2 {
		t.Errorf("loaded %d faces, want 2", len(d.Faces))
	}
	if len(d.Skipped) != 0 || len(d.Warnings) != 0 {
		t.Errorf("Skipped = %v, Warnings = %q; want none", d.Skipped, d.Warnings)
	}
}

func TestLoadDirNormalizesNames(t *testing.T) {
	rng := rand.New(rand.NewPCG(63, 64))
	nfd := norm.NFD.String("José")
	nfc := norm.NFC.String("José")
	if nfd == nfc {
		t.Fatal("the NFD and NFC forms of José are equal, so the test checks nothing")
	}
	fsys := fstest.MapFS{
		nfd + "/1.pgm":          {Data: randomPGM(rng, 8, 8)},
		nfd + "/10.pgm":         {Data: randomPGM(rng, 8, 8)},
		nfc + "/2.pgm":          {Data: randomPGM(rng, 8, 8)},
		"Zoë/" + nfd + ".pgm":   {Data: randomPGM(rng, 8, 8)},
		"Zoë/b.pgm":             {Data: randomPGM(rng, 8, 8)},
		"Ångström/1.pgm":        {Data: randomPGM(rng, 8, 8)},
		"Ångström/2.pgm":        {Data: randomPGM(rng, 8, 8)},
		"alice/1.pgm":           {Data: randomPGM(rng, 8, 8)},
		"alice/2.pgm":           {Data: randomPGM(rng, 8, 8)},
		norm.NFD.String("Ö/1"):  {Data: randomPGM(rng, 8, 8)},
		norm.NFD.String("Ö/2"):  {Data: randomPGM(rng, 8, 8)},
		norm.NFD.String("Ö/3"):  {Data: randomPGM(rng, 8, 8)},
		norm.NFD.String("Ö/4"):  {Data: randomPGM(rng, 8, 8)},
		norm.NFD.String("Ö/10"): {Data: randomPGM(rng, 8, 8)},
	}
	d, err := LoadDir(fsys, DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}

	want := []string{nfc, "Zoë", "alice", "Ångström", "Ö"}
	if !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	for _, c := range d.Classes {
		if !norm.NFC.IsNormalString(c) {
			t.Errorf("class %q is not in NFC", c)
		}
	}
	if !slices.IsSorted(d.Classes) {
		t.Errorf("Classes %q are not sorted", d.Classes)
	}

	var jose []string
	for _, f := range d.Faces {
		if d.Classes[f.Label] == nfc {
			jose = append(jose, f.Path)
		}
	}
	if want := []string{nfd + "/1.pgm", nfc + "/2.pgm", nfd + "/10.pgm"}; !slices.Equal(jose, want) {
		t.Errorf("faces of José = %q, want %q (both folders, natural order)", jose, want)
	}
	// The NFD name sorts first, so the NFC folder joins its class.
	wantWarning := Warning{Path: nfc, Message: "same name as " + nfd +
		" after Unicode normalization: the images of both folders form one class"}
	if !slices.Contains(d.Warnings, wantWarning) {
		t.Errorf("Warnings = %q, want %q among them", d.Warnings, wantWarning)
	}
}

func TestLoadDirInvalidUTF8Name(t *testing.T) {
	rng := rand.New(rand.NewPCG(69, 70))
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "bad\xff name"), 0o755); err != nil {
		t.Skipf("the file system rejects a name that is not UTF-8: %v", err)
	}
	writeFiles(t, root, map[string][]byte{
		"bad\xff name/1.pgm": randomPGM(rng, 8, 8),
		"ann/1.pgm":          randomPGM(rng, 8, 8),
		"ann/2\xfe.pgm":      randomPGM(rng, 8, 8),
	})
	d, err := LoadDir(os.DirFS(root), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if want := []string{"ann"}; !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	wantWarning := Warning{"bad\xff name", msgNotUTF8}
	if !slices.Contains(d.Warnings, wantWarning) {
		t.Errorf("Warnings = %q, want %q among them", d.Warnings, wantWarning)
	}
	want := "faceio: ann/2\xfe.pgm: " + msgNotUTF8
	if len(d.Skipped) != 1 || d.Skipped[0].Err.Error() != want {
		t.Errorf("Skipped = %q, want one: %q", d.Skipped, want)
	}
}

func TestLoadDirWarnings(t *testing.T) {
	rng := rand.New(rand.NewPCG(65, 66))
	root := t.TempDir()
	writeFiles(t, root, map[string][]byte{
		"ann/1.pgm":         randomPGM(rng, 8, 8),
		"ann/2.pgm":         randomPGM(rng, 8, 8),
		"ann/2019/3.pgm":    randomPGM(rng, 8, 8),
		"bob/only.pgm":      randomPGM(rng, 8, 8),
		"cid/notes.txt":     []byte("no photos yet"),
		"dee/.DS_Store":     []byte("junk"),
		"dee/sub/1.pgm":     randomPGM(rng, 8, 8),
		"loose.JPG":         []byte("not even a JPEG"),
		"README":            []byte("about these faces"),
		"LICENSE.txt":       []byte("free"),
		"group-photo.jpeg":  encodeJPEG(t, randomGray(rng, 8, 8)),
		"eve/tiny.pgm":      randomPGM(rng, 7, 20),
		"eve/stripe.pgm":    randomPGM(rng, 81, 10),
		"eve/just-fits.pgm": randomPGM(rng, 80, 10),
		"eve/square.pgm":    randomPGM(rng, 8, 8),
	})
	if err := os.Mkdir(filepath.Join(root, "fay"), 0o755); err != nil {
		t.Fatal(err)
	}

	d, err := LoadDir(os.DirFS(root), DefaultPipeline())
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if want := []string{"ann", "bob", "eve"}; !slices.Equal(d.Classes, want) {
		t.Errorf("Classes = %q, want %q", d.Classes, want)
	}
	wantWarnings := []Warning{
		{"ann/2019", msgSubfolder},
		{"bob", msgSingleImage},
		{"cid", msgNoFace},
		{"dee", msgEmptyFolder},
		{"dee/sub", msgSubfolder},
		{"fay", msgEmptyFolder},
		{"group-photo.jpeg", msgLooseFile},
		{"loose.JPG", msgLooseFile},
	}
	if !slices.Equal(d.Warnings, wantWarnings) {
		t.Errorf("Warnings:\n got  %q\n want %q", d.Warnings, wantWarnings)
	}

	wantSkipped := map[string]string{
		"cid/notes.txt": "faceio: decode cid/notes.txt: not a JPEG, PNG",
		"eve/stripe.pgm": "faceio: eve/stripe.pgm: not a photo of a face: 81×10 pixels, " +
			"whose longer side is more than 8 times the shorter: crop it around the face",
		"eve/tiny.pgm": "faceio: eve/tiny.pgm: image too small: 7×20 pixels, " +
			"but a face needs at least 8×8: use a larger photo",
	}
	if len(d.Skipped) != len(wantSkipped) {
		t.Errorf("Skipped = %v, want %d entries", d.Skipped, len(wantSkipped))
	}
	for _, s := range d.Skipped {
		if want, ok := wantSkipped[s.Path]; !ok || !strings.HasPrefix(s.Err.Error(), want) {
			t.Errorf("Skipped %s: %v, want prefix %q", s.Path, s.Err, want)
		}
	}
}

func TestLoadDirOnlyLooseImages(t *testing.T) {
	rng := rand.New(rand.NewPCG(67, 68))
	root := t.TempDir()
	writeFiles(t, root, map[string][]byte{
		"a.pgm": randomPGM(rng, 8, 8),
		"b.png": encodePNG(t, randomGray(rng, 8, 8)),
		"notes": []byte("text"),
	})
	_, err := LoadDir(os.DirFS(root), DefaultPipeline())
	want := "; the root contains 2 image files, so move each person's images into a folder named after the person"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("LoadDir error = %v, want suffix %q", err, want)
	}
}
