package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReplaceSection(t *testing.T) {
	block := BeginMarker + "\nNEW\n" + EndMarker
	for _, tc := range []struct {
		name, doc, want string
		fails           bool
	}{
		{"empty file", "", block + "\n", false},
		{"no markers: appended", "# Relevance\n\nprose", "# Relevance\n\nprose\n" + block + "\n", false},
		{"replaced, the rest kept", "before\n" + BeginMarker + "\nOLD\nOLD\n" + EndMarker + "\nafter\n",
			"before\n" + block + "\nafter\n", false},
		{"end before begin", EndMarker + "\n" + BeginMarker, "", true},
		{"begin without end", "x\n" + BeginMarker + "\nOLD", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := replaceSection([]byte(tc.doc), "NEW\n")
			if (err != nil) != tc.fails {
				t.Fatalf("error = %v, want failure %v", err, tc.fails)
			}
			if !tc.fails && string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestRewriteDoc(t *testing.T) {
	path := filepath.Join(t.TempDir(), "relevance.md")
	for _, section := range []string{"first", "second"} {
		if err := RewriteDoc(path, section); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); strings.Contains(s, "first") || strings.Count(s, BeginMarker) != 1 || !strings.Contains(s, "second") {
		t.Errorf("after two rewrites:\n%s", s)
	}
}

func TestTable(t *testing.T) {
	rep := &Report{
		Docs:   2,
		Probes: []Probe{{Text: "人民", Kind: KindInside}},
		Engines: []EngineResult{
			{Name: NameXinwen, Phrase: Counts{Relevant: 4, Retrieved: 4, Correct: 4}},
			{Name: NameCJK, Phrase: Counts{Relevant: 4, Retrieved: 2, Correct: 2}},
		},
		Seg: &Segmentation{Query: Score{0.9, 0.8, 0.847}},
	}
	table := rep.Table()
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if lines[0] != "| measure | xinwen | Bleve cjk |" || lines[1] != "|---|---:|---:|" {
		t.Errorf("header:\n%s", table)
	}
	for _, want := range []string{"| 1.000 | 0.500 |", "0.847 (P 0.900, R 0.800) | – |"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	for _, l := range lines {
		if strings.Count(l, "|") != 4 {
			t.Errorf("row with the wrong number of cells: %s", l)
		}
	}
}
