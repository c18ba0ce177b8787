package viz

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// checkSVG fails unless b is well-formed XML with an svg root element.
func checkSVG(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	root := ""
	for {
		tok, err := d.Token()
		if err != nil {
			if root == "" {
				t.Fatalf("%s: no element before %v", name, err)
			}
			break
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("%s: root element %q, want svg", name, root)
	}
}

func TestWriteProbabilityChartSVG(t *testing.T) {
	var b bytes.Buffer
	bars := softmaxBars(5, 1)
	if err := WriteProbabilityChartSVG(&b, bars, ChartOptions{Rule: ">=", Threshold: 0.5, Note: "a note"}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, "chart", b.Bytes())
	if !strings.Contains(b.String(), bars[0].Label) {
		t.Errorf("SVG does not contain the label %q", bars[0].Label)
	}
	if err := WriteProbabilityChartSVG(&b, nil, ChartOptions{}); err == nil {
		t.Error("no error for a chart without bars")
	}
}

func TestWriteTrainingCurvesSVG(t *testing.T) {
	x := []float64{1, 2, 3}
	loss := []Series{{Name: "training", X: x, Y: []float64{1, 0.5, 0.2}}}
	acc := []Series{{Name: "training", X: x, Y: []float64{0.3, 0.6, 0.9}}}
	var b bytes.Buffer
	if err := WriteTrainingCurvesSVG(&b, loss, acc, 640, 480); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, "curves", b.Bytes())
	if err := WriteTrainingCurvesSVG(&b, nil, nil, 640, 480); err == nil {
		t.Error("no error for curves without values")
	}
}
