package viz

import (
	"bytes"
	"encoding/csv"
	"math"
	"reflect"
	"strconv"
	"testing"
)

func TestWriteCSVRoundTrip(t *testing.T) {
	header := []string{"epoch", "loss, training", `say "hi"`}
	rows := [][]float64{
		{1, 0.1, math.NaN()},
		{2, 1e-300, math.Inf(1)},
		{3, math.Pi, -0.0},
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, header, rows); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(records[0], header) {
		t.Errorf("header = %q, want %q", records[0], header)
	}
	if len(records) != len(rows)+1 {
		t.Fatalf("%d records, want %d", len(records), len(rows)+1)
	}
	for i, row := range rows {
		checkParsedRow(t, i, records[i+1], row)
	}
	if got := records[1][2]; got != "NaN" {
		t.Errorf("NaN written as %q, want NaN", got)
	}
}

func checkParsedRow(t *testing.T, i int, record []string, want []float64) {
	t.Helper()
	if len(record) != len(want) {
		t.Fatalf("row %d has %d fields, want %d", i, len(record), len(want))
	}
	for j, field := range record {
		got, err := strconv.ParseFloat(field, 64)
		if err != nil {
			t.Fatalf("row %d field %d: %v", i, j, err)
		}
		if got != want[j] && !(math.IsNaN(got) && math.IsNaN(want[j])) {
			t.Errorf("row %d field %d = %v, want %v", i, j, got, want[j])
		}
	}
}

func TestWriteCSVNoHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, nil, [][]float64{{0.5}}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "0.5\n"; got != want {
		t.Errorf("output = %q, want %q", got, want)
	}
}

func TestWriteMatrixCSVRoundTrip(t *testing.T) {
	rowNames := []string{"Alice", "O'Brien, Pat"}
	colNames := []string{"Alice", "O'Brien, Pat"}
	m := [][]float64{{0.75, 0.25}, {0.1, 0.9}}
	var buf bytes.Buffer
	if err := WriteMatrixCSV(&buf, rowNames, colNames, m); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := append([]string{""}, colNames...); !reflect.DeepEqual(records[0], want) {
		t.Errorf("header = %q, want %q", records[0], want)
	}
	for i, row := range m {
		if got := records[i+1][0]; got != rowNames[i] {
			t.Errorf("row %d name = %q, want %q", i, got, rowNames[i])
		}
		checkParsedRow(t, i, records[i+1][1:], row)
	}
}

func TestWriteMatrixCSVPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("2 column names for rows of 1 value did not panic")
		}
	}()
	WriteMatrixCSV(&bytes.Buffer{}, []string{"a"}, []string{"a", "b"},
		[][]float64{{1}})
}
