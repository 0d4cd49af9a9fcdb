package synonym

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Source holds the rules in force, read from a file or fixed, and swaps
// in new ones atomically: a query takes the Set once (Rules) and keeps it,
// so a reload never changes the rules under a query in flight.
type Source struct {
	path string // "" for fixed rules
	cur  atomic.Pointer[Set]
	mu   sync.Mutex // serializes reloads; guards stamp
	// stamp is the modification time and size of the file the rules in
	// force were read from: Refresh re-reads the file when they change.
	stamp fileStamp
}

type fileStamp struct {
	mod  time.Time
	size int64
}

// Fixed serves rules that never change (the built-in list, or none).
func Fixed(rules *Set) *Source {
	s := &Source{}
	s.cur.Store(rules)
	return s
}

// ParseFixed parses b, the text of a synonyms file called name, into a
// fixed Source.
func ParseFixed(b []byte, name string) (*Source, error) {
	rules, err := Parse(bytes.NewReader(b), name)
	if err != nil {
		return nil, err
	}
	return Fixed(rules), nil
}

// Open reads the synonyms file at path; Reload and Refresh read it again.
// A file with a bad line is an error here: there are no rules yet to keep.
func Open(path string) (*Source, error) {
	s := &Source{path: path}
	if _, err := s.Reload(); err != nil {
		return nil, err
	}
	return s, nil
}

// Rules returns the rules in force; nil (no rules) for a nil Source.
func (s *Source) Rules() *Set {
	if s == nil {
		return nil
	}
	return s.cur.Load()
}

// Path is the file the rules come from; "" for fixed rules.
func (s *Source) Path() string {
	if s == nil {
		return ""
	}
	return s.path
}

// Reload reads the file again and puts its rules in force. On error (the
// file is gone, or has a bad line) the rules in force stay, and the error
// lists every bad line. It reports the number of rules now in force.
func (s *Source) Reload() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reload()
}

// Refresh reloads the file when its modification time or size changed
// since the rules in force were read; changed says whether it did.
func (s *Source) Refresh() (changed bool, rules int, err error) {
	if s.path == "" {
		return false, s.Rules().Rules(), nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := stat(s.path)
	if err != nil {
		// Said once: a file being replaced may be missing for a moment,
		// and a watcher would repeat it every tick.
		if s.stamp == (fileStamp{}) {
			err = nil
		}
		s.stamp = fileStamp{}
		return false, s.Rules().Rules(), err
	}
	if st == s.stamp {
		return false, s.Rules().Rules(), nil
	}
	n, err := s.reload()
	return err == nil, n, err
}

// reload reads the file; s.mu is held.
func (s *Source) reload() (int, error) {
	if s.path == "" {
		return s.Rules().Rules(), nil
	}
	f, err := os.Open(s.path)
	if err != nil {
		return s.Rules().Rules(), fmt.Errorf("synonym: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return s.Rules().Rules(), fmt.Errorf("synonym: %w", err)
	}
	// The stamp is taken before reading: a write during the read changes
	// it again, and the next Refresh reads the file once more.
	// A bad file is not re-read until it changes again.
	s.stamp = fileStamp{mod: info.ModTime(), size: info.Size()}
	rules, err := Parse(f, s.path)
	if err != nil {
		return s.Rules().Rules(), err
	}
	s.cur.Store(rules)
	return rules.Rules(), nil
}

func stat(path string) (fileStamp, error) {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, fmt.Errorf("synonym: %w", err)
	}
	return fileStamp{mod: info.ModTime(), size: info.Size()}, nil
}
