package viz

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// WriteCSV writes header, when it is not empty, and then one record per
// row of numbers. Numbers use the shortest form that reads back exactly,
// and NaN is written as "NaN" and ±Inf as "+Inf" and "-Inf". Rows may
// differ in length.
func WriteCSV(w io.Writer, header []string, rows [][]float64) error {
	out := csv.NewWriter(w)
	if len(header) > 0 {
		if err := out.Write(header); err != nil {
			return fmt.Errorf("viz: write CSV header: %w", err)
		}
	}
	for _, row := range rows {
		if err := out.Write(formatRow(nil, row)); err != nil {
			return fmt.Errorf("viz: write CSV: %w", err)
		}
	}
	return flushCSV(out)
}

// WriteMatrixCSV writes m with a header of colNames after an empty corner
// cell, and each row led by its name in rowNames. It panics if rowNames
// does not have one name per row of m or colNames one name per column of
// a row.
func WriteMatrixCSV(w io.Writer, rowNames, colNames []string, m [][]float64) error {
	if len(rowNames) != len(m) {
		panic(fmt.Sprintf("viz: %d row names for %d rows", len(rowNames), len(m)))
	}
	for i, row := range m {
		if len(row) != len(colNames) {
			panic(fmt.Sprintf("viz: row %d has %d values for %d column names",
				i, len(row), len(colNames)))
		}
	}

	out := csv.NewWriter(w)
	if err := out.Write(append([]string{""}, colNames...)); err != nil {
		return fmt.Errorf("viz: write CSV header: %w", err)
	}
	for i, row := range m {
		if err := out.Write(formatRow([]string{rowNames[i]}, row)); err != nil {
			return fmt.Errorf("viz: write CSV: %w", err)
		}
	}
	return flushCSV(out)
}

// formatRow appends the numbers of row to record as text.
func formatRow(record []string, row []float64) []string {
	for _, v := range row {
		record = append(record, strconv.FormatFloat(v, 'g', -1, 64))
	}
	return record
}

func flushCSV(out *csv.Writer) error {
	out.Flush()
	if err := out.Error(); err != nil {
		return fmt.Errorf("viz: write CSV: %w", err)
	}
	return nil
}
