package faceio

import (
	"strings"
	"testing"
)

func TestDefaultPipeline(t *testing.T) {
	got := DefaultPipeline()
	want := Pipeline{Width: 23, Height: 28, Order: RowMajor, Crop: CropCenter}
	if got != want {
		t.Errorf("DefaultPipeline() = %+v, want %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("DefaultPipeline().Validate() = %v", err)
	}
	if n := got.Inputs(); n != 23*28 {
		t.Errorf("DefaultPipeline().Inputs() = %d, want %d", n, 23*28)
	}
}

func TestPipelineValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Pipeline
		want string // piece of the error, "" for valid
	}{
		{"zero value grid", Pipeline{Width: 1, Height: 1}, ""},
		{"largest", Pipeline{Width: 1024, Height: 1024, Order: ColumnMajor}, ""},
		{"zero width", Pipeline{Width: 0, Height: 28}, "invalid grid width 0: must be 1..1024"},
		{"negative height", Pipeline{Width: 23, Height: -1}, "invalid grid height -1"},
		{"wide", Pipeline{Width: 1025, Height: 28}, "invalid grid width 1025"},
		{"order", Pipeline{Width: 2, Height: 2, Order: "diagonal"}, `unknown order "diagonal"`},
		{"order case", Pipeline{Width: 2, Height: 2, Order: "Row-Major"}, `unknown order "Row-Major"`},
		{"crop", Pipeline{Width: 2, Height: 2, Crop: "eyes"},
			`unknown crop "eyes": want "center" or "face"`},
	}
	for _, tt := range tests {
		err := tt.p.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: Validate() = %v, want nil", tt.name, err)
		case tt.want != "" && err == nil:
			t.Errorf("%s: Validate() = nil, want error containing %q", tt.name, tt.want)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("%s: Validate() = %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestPipelineSettings(t *testing.T) {
	tests := []struct {
		p    Pipeline
		want string
	}{
		{DefaultPipeline(), `{"crop":"center","equalize":false}`},
		{Pipeline{Width: 4, Height: 4}, `{"crop":"center","equalize":false}`},
		{Pipeline{Width: 4, Height: 4, Crop: CropCenter, Equalize: true},
			`{"crop":"center","equalize":true}`},
	}
	for _, tt := range tests {
		if got := tt.p.Settings(); got != tt.want {
			t.Errorf("%+v.Settings() = %s, want %s", tt.p, got, tt.want)
		}
	}
}

func TestNewPipelineRoundTrip(t *testing.T) {
	pipelines := []Pipeline{
		DefaultPipeline(),
		{Width: 92, Height: 112, Order: ColumnMajor, Crop: CropCenter, Equalize: true},
		{Width: 1, Height: 1024, Order: RowMajor, Crop: CropCenter},
	}
	for _, want := range pipelines {
		got, err := NewPipeline(want.Width, want.Height, string(want.Order), want.Settings())
		if err != nil {
			t.Errorf("NewPipeline from %+v: %v", want, err)
			continue
		}
		if got != want {
			t.Errorf("NewPipeline from %+v = %+v", want, got)
		}
	}
}

func TestNewPipelineDefaults(t *testing.T) {
	tests := []struct {
		order, settings string
		want            Pipeline
	}{
		{"", "", Pipeline{Width: 3, Height: 2, Order: RowMajor, Crop: CropCenter}},
		{"column-major", "{}", Pipeline{Width: 3, Height: 2, Order: ColumnMajor, Crop: CropCenter}},
		{"", `{"equalize":true}`,
			Pipeline{Width: 3, Height: 2, Order: RowMajor, Crop: CropCenter, Equalize: true}},
		{"", `{"crop":""}`, Pipeline{Width: 3, Height: 2, Order: RowMajor, Crop: CropCenter}},
		{"", ` {"crop":"center"} `, Pipeline{Width: 3, Height: 2, Order: RowMajor, Crop: CropCenter}},
	}
	for _, tt := range tests {
		got, err := NewPipeline(3, 2, tt.order, tt.settings)
		if err != nil {
			t.Errorf("NewPipeline(3, 2, %q, %q): %v", tt.order, tt.settings, err)
			continue
		}
		if got != tt.want {
			t.Errorf("NewPipeline(3, 2, %q, %q) = %+v, want %+v", tt.order, tt.settings, got, tt.want)
		}
	}
}

func TestNewPipelineInvalid(t *testing.T) {
	tests := []struct {
		width, height   int
		order, settings string
		want            string
	}{
		{0, 28, "", "", "invalid grid width 0"},
		{23, 2000, "", "", "invalid grid height 2000"},
		{23, 28, "spiral", "", `unknown order "spiral"`},
		{23, 28, "", `{"crop":"eyes"}`, `unknown crop "eyes"`},
		{23, 28, "", `{"crop":"center","blur":2}`, `invalid pipeline settings`},
		{23, 28, "", `{"crop":"center","blur":2}`, `unknown field "blur"`},
		{23, 28, "", `{"equalize":"yes"}`, "invalid pipeline settings `{\"equalize\":\"yes\"}`: json: "},
		{23, 28, "", `{"crop":"center"} {}`, `data after the JSON object`},
		{23, 28, "", `null`, `want a JSON object`},
		{23, 28, "", ` `, `want a JSON object`},
		{23, 28, "", `crop=center`, `invalid pipeline settings`},
	}
	for _, tt := range tests {
		_, err := NewPipeline(tt.width, tt.height, tt.order, tt.settings)
		if err == nil {
			t.Errorf("NewPipeline(%d, %d, %q, %q) returned no error, want %q",
				tt.width, tt.height, tt.order, tt.settings, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewPipeline(%d, %d, %q, %q) error = %q, want it to contain %q",
				tt.width, tt.height, tt.order, tt.settings, err, tt.want)
		}
	}
}
