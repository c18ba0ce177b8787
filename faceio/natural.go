package faceio

import "strings"

// compareNatural compares file names in natural order: runs of ASCII digits
// compare by numeric value and other bytes by value, so "2.pgm" sorts
// before "10.pgm". Names that differ only in leading zeros ("01" and "1")
// fall back to a byte comparison to keep the order total.
func compareNatural(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			na, nb := digitRun(a[i:]), digitRun(b[j:])
			if c := compareNumbers(na, nb); c != 0 {
				return c
			}
			i, j = i+len(na), j+len(nb)
			continue
		}
		if a[i] != b[j] {
			return int(a[i]) - int(b[j])
		}
		i, j = i+1, j+1
	}
	switch {
	case i < len(a):
		return 1 // b is a prefix of a.
	case j < len(b):
		return -1
	}
	return strings.Compare(a, b)
}

// digitRun returns the leading run of digits of s.
func digitRun(s string) string {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return s[:n]
}

// compareNumbers compares two digit strings by value, whatever their length.
func compareNumbers(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}
