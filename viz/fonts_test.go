package viz

import (
	"testing"

	"golang.org/x/image/font/sfnt"
)

// scriptNames are person names in the scripts that the embedded fonts
// cover, one per script.
var scriptNames = []struct{ script, name string }{
	{"Latin", "Zoë Ångström"},
	{"Cyrillic", "Юлия Петрова"},
	{"Greek", "Ελένη Παππά"},
	{"Chinese", "王小明"},
	{"Japanese", "さくら ヤマダ 山田"},
	{"Korean", "김민준"},
	{"Arabic", "فاطمة الزهراء"},
	{"Hebrew", "נועה כהן"},
	{"Devanagari", "अनन्या शर्मा"},
	{"Bengali", "রবীন্দ্রনাথ"},
	{"Tamil", "கமலா"},
	{"Thai", "สมชาย ใจดี"},
	{"mixed", "Li Wei 李伟 (Ли)"},
}

func TestSplitRunsHasGlyphs(t *testing.T) {
	for _, bold := range []bool{false, true} {
		list := typefaces(bold)
		for _, test := range scriptNames {
			var buf sfnt.Buffer
			for _, run := range splitRuns(test.name, list) {
				otf := list[run.face].otf
				for _, r := range run.text {
					i, err := otf.GlyphIndex(&buf, r)
					if err != nil || i == 0 {
						t.Errorf("%s %q (bold %v): rune %q in %s has glyph "+
							"%d, err %v", test.script, test.name, bold, r,
							list[run.face].desc.Typeface, i, err)
					}
				}
			}
		}
	}
}

func TestSplitRunsJoinsRuns(t *testing.T) {
	list := typefaces(false)
	tests := []struct {
		name  string
		input string
		want  []string // text of each run
	}{
		{"one script", "Юлия Петрова", []string{"Юлия Петрова"}},
		{"empty", "", nil},
		{"latin and chinese", "Li 李伟", []string{"Li ", "李伟"}},
		{"arabic in latin", "Ali علي", []string{"Ali يلع"}},
		// Noto Sans Devanagari has "(" but no "s": the run switches at
		// "s" and stays in DejaVu Sans to the end.
		{"devanagari then latin", "अनन्या (s2)", []string{"अनन्या (", "s2)"}},
		{"three scripts", "Ли 李 김", []string{"Ли ", "李 ", "김"}},
		// NanumSquareR maps Han ideographs to empty glyphs, so the Han
		// rune after a Hangul run goes to Droid Sans Fallback.
		{"han after hangul", "김 李", []string{"김 ", "李"}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			runs := splitRuns(test.input, list)
			var got []string
			for _, run := range runs {
				got = append(got, run.text)
			}
			if len(got) != len(test.want) {
				t.Fatalf("runs = %q, want %q", got, test.want)
			}
			for i := range got {
				if got[i] != test.want[i] {
					t.Errorf("run %d = %q, want %q", i, got[i], test.want[i])
				}
			}
		})
	}
}

func TestTextFaceWidthScripts(t *testing.T) {
	body := styleFor(1).body
	for _, test := range scriptNames {
		if got := body.width(test.name); got <= 0 {
			t.Errorf("width(%q) = %d, want > 0", test.name, got)
		}
	}
}

func TestVisualOrder(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"latin unchanged", "Zoë Ångström", "Zoë Ångström"},
		{"hebrew reversed", "נועה כהן", "ןהכ העונ"},
		{"arabic after latin", "Ali علي", "Ali يلع"},
		{"mark stays after base", "بَاب", "بابَ"},
		{"digits keep place", "דנה 2", "הנד 2"},
		{"two stretches", "אב x גד", "בא x דג"},
		{"empty", "", ""},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			if got := visualOrder(test.input); got != test.want {
				t.Errorf("visualOrder(%q) = %q, want %q", test.input, got,
					test.want)
			}
		})
	}
}
