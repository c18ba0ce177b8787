package npy

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// pyKind is the type of a Python literal in an .npy header.
type pyKind int

const (
	pyString pyKind = iota
	pyInt
	pyBool
	pyNone
	pySequence // a tuple or a list
)

// pyValue is a Python literal: a string, an integer, True, False, None, or
// a tuple or list of literals.
type pyValue struct {
	kind  pyKind
	str   string
	num   int64
	truth bool
	items []pyValue
}

// String formats v as Python would, with tuples and lists both in
// parentheses.
func (v pyValue) String() string {
	switch v.kind {
	case pyString:
		return "'" + v.str + "'"
	case pyInt:
		return strconv.FormatInt(v.num, 10)
	case pyBool:
		if v.truth {
			return "True"
		}
		return "False"
	case pyNone:
		return "None"
	}
	parts := make([]string, len(v.items))
	for i, item := range v.items {
		parts[i] = item.String()
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// containsObject reports whether a structured dtype has a field of the
// object type 'O', in any byte order.
func (v pyValue) containsObject() bool {
	if v.kind == pyString {
		code := strings.TrimLeft(v.str, "<>|=")
		return code == "O" || code == "O4" || code == "O8"
	}
	return slices.ContainsFunc(v.items, pyValue.containsObject)
}

// maxPyDepth is the deepest nesting of tuples and lists accepted. A
// structured dtype with a sub-array field nests three levels deep.
const maxPyDepth = 8

// pyParser reads the subset of Python literal syntax that NumPy writes in
// .npy headers: a dict with string keys whose values are strings,
// integers (with an optional L suffix, written by Python 2), True, False,
// None, tuples and lists. Trailing commas are allowed.
type pyParser struct {
	text []byte
	pos  int
}

func (p *pyParser) errorf(format string, args ...any) error {
	return fmt.Errorf("at byte %d: "+format, append([]any{p.pos}, args...)...)
}

func (p *pyParser) skipSpace() {
	for p.pos < len(p.text) && strings.IndexByte(" \t\r\n", p.text[p.pos]) >= 0 {
		p.pos++
	}
}

// peek returns the next byte after spaces, or 0 at the end.
func (p *pyParser) peek() byte {
	p.skipSpace()
	if p.pos == len(p.text) {
		return 0
	}
	return p.text[p.pos]
}

func (p *pyParser) expect(c byte) error {
	if got := p.peek(); got != c {
		return p.errorf("expected %q, found %s", c, p.found())
	}
	p.pos++
	return nil
}

// found describes the text at the current position for messages.
func (p *pyParser) found() string {
	if p.pos >= len(p.text) {
		return "the end of the header"
	}
	return strconv.Quote(string(p.text[p.pos:min(p.pos+10, len(p.text))]))
}

// dict parses a dict with string keys. Keys must be unique.
func (p *pyParser) dict() (map[string]pyValue, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	fields := make(map[string]pyValue)
	for p.peek() != '}' {
		key, value, err := p.entry()
		if err != nil {
			return nil, err
		}
		if _, ok := fields[key]; ok {
			return nil, p.errorf("duplicate key %q", key)
		}
		fields[key] = value
		if p.peek() != ',' {
			break
		}
		p.pos++
	}
	return fields, p.expect('}')
}

// entry parses one "key: value" of a dict.
func (p *pyParser) entry() (string, pyValue, error) {
	key, err := p.value(0)
	if err != nil {
		return "", key, err
	}
	if key.kind != pyString {
		return "", key, p.errorf("dict key %s is not a string", key)
	}
	if err := p.expect(':'); err != nil {
		return "", key, err
	}
	value, err := p.value(0)
	return key.str, value, err
}

// value parses one literal inside depth levels of tuples or lists.
func (p *pyParser) value(depth int) (pyValue, error) {
	switch c := p.peek(); {
	case c == '\'' || c == '"':
		return p.string(c)
	case c == '(' || c == '[':
		if depth == maxPyDepth {
			return pyValue{}, p.errorf("tuples nested over %d deep", maxPyDepth)
		}
		return p.sequence(map[byte]byte{'(': ')', '[': ']'}[c], depth+1)
	case c == '-' || c >= '0' && c <= '9':
		return p.integer()
	}
	return p.name()
}

// string parses a quoted string. A backslash keeps the next byte as it
// is, which covers the escapes a dtype or field name can contain.
func (p *pyParser) string(quote byte) (pyValue, error) {
	p.pos++
	var s strings.Builder
	for p.pos < len(p.text) {
		c := p.text[p.pos]
		p.pos++
		switch {
		case c == quote:
			return pyValue{kind: pyString, str: s.String()}, nil
		case c == '\\' && p.pos < len(p.text):
			c = p.text[p.pos]
			p.pos++
		case c == '\n':
			return pyValue{}, p.errorf("line break inside a string")
		}
		s.WriteByte(c)
	}
	return pyValue{}, p.errorf("unterminated string")
}

// sortedKeys returns the keys of a parsed dict for messages.
func sortedKeys(fields map[string]pyValue) []string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sequence parses the items of a tuple or list up to the byte closing.
func (p *pyParser) sequence(closing byte, depth int) (pyValue, error) {
	p.pos++
	v := pyValue{kind: pySequence}
	for p.peek() != closing {
		item, err := p.value(depth)
		if err != nil {
			return v, err
		}
		v.items = append(v.items, item)
		if p.peek() != ',' {
			break
		}
		p.pos++
	}
	return v, p.expect(closing)
}

// integer parses a decimal integer that fits in an int64.
func (p *pyParser) integer() (pyValue, error) {
	start := p.pos
	if p.text[p.pos] == '-' {
		p.pos++
	}
	for p.pos < len(p.text) && p.text[p.pos] >= '0' && p.text[p.pos] <= '9' {
		p.pos++
	}
	digits := string(p.text[start:p.pos])
	if p.pos < len(p.text) && p.text[p.pos] == 'L' {
		p.pos++
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return pyValue{}, fmt.Errorf("at byte %d: invalid integer %q: expected "+
			"a 64-bit integer", start, digits)
	}
	return pyValue{kind: pyInt, num: n}, nil
}

// name parses True, False or None.
func (p *pyParser) name() (pyValue, error) {
	names := []pyValue{{kind: pyBool, truth: true}, {kind: pyBool}, {kind: pyNone}}
	for _, v := range names {
		word := v.String()
		if strings.HasPrefix(string(p.text[p.pos:]), word) {
			p.pos += len(word)
			return v, nil
		}
	}
	return pyValue{}, p.errorf("expected a string, number, tuple, True, False "+
		"or None, found %s", p.found())
}
