package synonym

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, path, text string, mod time.Time) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// An explicit time: two writes within the file system's clock
	// resolution would otherwise look unchanged.
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func TestSourceRefresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "synonyms.txt")
	t0 := time.Now().Add(-time.Hour)
	writeFile(t, path, "新冠, 新型冠状病毒\n", t0)
	src, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	held := src.Rules() // as a query in flight holds it
	if changed, _, err := src.Refresh(); changed || err != nil {
		t.Fatalf("Refresh of an unchanged file = %v, %v", changed, err)
	}

	writeFile(t, path, "新冠, COVID-19\n", t0.Add(time.Second))
	if changed, n, err := src.Refresh(); !changed || n != 1 || err != nil {
		t.Fatalf("Refresh after a change = %v, %d, %v", changed, n, err)
	}
	if got := src.Rules().Lookup("新冠"); !slices.Equal(got, []string{"covid-19"}) {
		t.Errorf("after reload Lookup(新冠) = %q", got)
	}
	if got := held.Lookup("新冠"); !slices.Equal(got, []string{"新型冠状病毒"}) {
		t.Errorf("the rules a query held changed under it: %q", got)
	}

	// A bad line: reported with its number, the previous rules stay.
	writeFile(t, path, "新冠, COVID-19\n美联储\n", t0.Add(2*time.Second))
	changed, _, err := src.Refresh()
	if changed || err == nil || !strings.Contains(err.Error(), path+":2: ") {
		t.Fatalf("Refresh of a bad file = %v, %v; want an error at line 2", changed, err)
	}
	if got := src.Rules().Lookup("新冠"); !slices.Equal(got, []string{"covid-19"}) {
		t.Errorf("a bad file replaced the rules: Lookup(新冠) = %q", got)
	}
	if changed, _, err := src.Refresh(); changed || err != nil {
		t.Errorf("the same bad file again = %v, %v; want it left alone until it changes", changed, err)
	}

	// Reload (SIGHUP) reads the file whatever its time says.
	if err := os.WriteFile(path, []byte("美联储, 联储局\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Reload(); err != nil {
		t.Fatal(err)
	}
	if src.Rules().Lookup("新冠") != nil || src.Rules().Lookup("联储局") == nil {
		t.Error("Reload did not put the new file in force")
	}

	os.Remove(path)
	if _, _, err := src.Refresh(); err == nil || src.Rules().Lookup("联储局") == nil {
		t.Errorf("a removed file: err %v, rules kept %v", err, src.Rules().Lookup("联储局"))
	}
	if _, _, err := src.Refresh(); err != nil {
		t.Errorf("a file still missing is reported again: %v", err)
	}
	writeFile(t, path, "新冠, COVID-19\n", t0.Add(3*time.Second))
	if changed, _, err := src.Refresh(); !changed || err != nil || src.Rules().Lookup("新冠") == nil {
		t.Errorf("the file back: changed %v, err %v", changed, err)
	}
}

func TestOpenBadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "synonyms.txt")
	writeFile(t, path, "a, b\nlonely\n", time.Now())
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), ":2: ") {
		t.Errorf("Open = %v, want the bad line 2", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing.txt")); err == nil {
		t.Error("Open of a missing file succeeded")
	}
}

func TestFixed(t *testing.T) {
	src, err := ParseFixed([]byte("美联储, 联储局"), "builtin")
	if err != nil {
		t.Fatal(err)
	}
	if changed, _, err := src.Refresh(); changed || err != nil {
		t.Errorf("Refresh of fixed rules = %v, %v", changed, err)
	}
	if src.Rules().Lookup("美联储") == nil || src.Path() != "" {
		t.Error("fixed rules lost")
	}
	var none *Source
	if none.Rules().Lookup("美联储") != nil {
		t.Error("a nil Source holds rules")
	}
}
