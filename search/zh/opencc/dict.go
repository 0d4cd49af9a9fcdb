package opencc

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxKeyRunes bounds the length of a key, in runes (OpenCC's longest is
// under 20); a longer one is refused at load.
const maxKeyRunes = 48

// Dict is one OpenCC dictionary: each key with its first candidate, which
// is what OpenCC converts to.
type Dict struct {
	values  map[string]string
	longest [0x10000]uint8 // for a BMP rune, the most runes of a key it starts; 0 if none
	astral  map[rune]uint8 // the same for runes beyond the BMP
}

func newDict() *Dict { return &Dict{values: make(map[string]string), astral: make(map[rune]uint8)} }

// Len is the number of keys.
func (d *Dict) Len() int { return len(d.values) }

// add sets key's candidate unless it has one: OpenCC keeps the first line
// of a duplicated key.
func (d *Dict) add(key, value string) error {
	n := utf8.RuneCountInString(key)
	if n == 0 || n > maxKeyRunes {
		return fmt.Errorf("key %q: %d runes", key, n)
	}
	if _, dup := d.values[key]; dup {
		return nil
	}
	d.values[key] = value
	r, _ := utf8.DecodeRuneInString(key)
	if r < 0x10000 {
		d.longest[r] = max(d.longest[r], uint8(n))
	} else {
		d.astral[r] = max(d.astral[r], uint8(n))
	}
	return nil
}

// filter returns the dictionary of the entries whose key keep accepts.
func (d *Dict) filter(keep func(key string) bool) *Dict {
	out := newDict()
	for k, v := range d.values {
		if keep(k) {
			_ = out.add(k, v) // d accepted every key
		}
	}
	return out
}

// starts is the most runes of a key that begins with r, 0 if none does.
func (d *Dict) starts(r rune) int {
	if r < 0x10000 {
		return int(d.longest[r])
	}
	return int(d.astral[r])
}

// match finds the longest key that s begins with.
func (d *Dict) match(s []byte) (n int, value string, ok bool) {
	r, size := utf8.DecodeRune(s)
	most := d.starts(r)
	if most == 0 {
		return 0, "", false
	}
	var ends [maxKeyRunes]int
	k, end := 0, size
	for ends[0] = size; k+1 < most && end < len(s); k++ {
		_, size = utf8.DecodeRune(s[end:])
		end += size
		ends[k+1] = end
	}
	for ; k >= 0; k-- {
		if v, found := d.values[string(s[:ends[k]])]; found {
			return ends[k], v, true
		}
	}
	return 0, "", false
}

// entry is one line of a dictionary file.
type entry struct {
	key    string
	values []string
	tofu   bool // marked "# @tofu-risk:": its other candidates may show as tofu
}

// file is a parsed dictionary file.
type file struct {
	entries []entry
	prefer  map[string]string // "# @reverse-prefer: key [value]" of the reversed table
}

const (
	tofuMark   = "# @tofu-risk:"
	preferMark = "# @reverse-prefer:"
)

// parse reads OpenCC's text format: "key<TAB>value value…" a line, #
// comments, blank lines ignored. norm, if not nil, maps every key and
// value (the caller's own normalization, so that keys match its text).
func parse(src []byte, norm func(string) string) (*file, error) {
	f := &file{prefer: make(map[string]string)}
	sc := bufio.NewScanner(bytes.NewReader(src))
	tofu := false
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.HasPrefix(text, tofuMark):
			tofu = true
			continue
		case strings.HasPrefix(text, preferMark):
			fields := strings.Fields(text[len(preferMark):])
			if len(fields) < 1 || len(fields) > 2 {
				return nil, fmt.Errorf("line %d: bad reverse preference", line)
			}
			f.prefer[apply(norm, fields[0])] = apply(norm, fields[len(fields)-1])
			continue
		case text == "" || text[0] == '#':
			continue
		}
		key, vals, ok := strings.Cut(text, "\t")
		if !ok || key == "" || strings.TrimSpace(vals) == "" {
			return nil, fmt.Errorf("line %d: want key<TAB>values", line)
		}
		e := entry{key: apply(norm, key), tofu: tofu}
		for _, v := range strings.Split(vals, " ") {
			e.values = append(e.values, apply(norm, v))
		}
		f.entries = append(f.entries, e)
		tofu = false
	}
	return f, sc.Err()
}

func apply(norm func(string) string, s string) string {
	if norm == nil {
		return s
	}
	return norm(s)
}

// forward is the dictionary as OpenCC reads it: each key to its first
// candidate.
func (f *file) forward() (*Dict, error) {
	d := newDict()
	for _, e := range f.entries {
		if err := d.add(e.key, e.values[0]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// extension is what OpenCC's build extracts from the entries marked
// @tofu-risk (TSCharactersExt): each key to its first candidate other
// than itself. OpenCC puts it before the table it comes from.
func (f *file) extension() (*Dict, error) {
	d := newDict()
	for _, e := range f.entries {
		if !e.tofu {
			continue
		}
		vals := e.values
		if vals[0] == e.key {
			vals = vals[1:]
		}
		if len(vals) == 0 {
			return nil, fmt.Errorf("tofu-risk key %q has no other candidate", e.key)
		}
		if err := d.add(e.key, vals[0]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// reverse is the table OpenCC's build generates by swapping keys and
// values (TWVariantsRev from TWVariants): each value to the first key, in
// file order, that lists it, unless a reverse preference names another.
func (f *file) reverse() (*Dict, error) {
	rev := make(map[string][]string)
	var order []string
	for _, e := range f.entries {
		for _, v := range e.values {
			if _, seen := rev[v]; !seen {
				order = append(order, v)
			}
			rev[v] = append(rev[v], e.key)
		}
	}
	d := newDict()
	for _, v := range order {
		first := rev[v][0]
		if p, ok := f.prefer[v]; ok {
			first = p
		}
		if err := d.add(v, first); err != nil {
			return nil, err
		}
	}
	for k, p := range f.prefer {
		if !slices.Contains(rev[k], p) {
			return nil, fmt.Errorf("reverse preference %s -> %s has no mapping", k, p)
		}
	}
	return d, nil
}
