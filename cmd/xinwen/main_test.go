package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/search/zh"
)

// Every flag each command defines. A flag added to a command must be added
// here and to docs/configuration.md, so the documentation cannot drift.
var (
	dictFlags  = []string{"dict", "script-fold", "user-dict", "zone"}
	serveFlags = []string{"addr", "cors", "cpuprofile", "heap-limit-mb", "index", "json-logs", "reload-interval", "synonyms", "timeout", "token-file",
		"search-timeout", "export-timeout", "expensive-slots", "expensive-queue", "trusted-proxies", "rate-limit"}

	flagsByCommand = map[string][]string{
		"index": append([]string{"batch", "cpuprofile", "delete", "incremental", "index", "keep",
			"keep-duplicates", "progress", "rollback", "shards", "summary", "v"}, dictFlags...),
		"serve": append(slices.Clone(serveFlags), dictFlags...),
		"demo":  append(slices.Clone(serveFlags), dictFlags...),
		"search": append([]string{"category", "from", "index", "json", "page", "recency", "size",
			"sort", "synonyms", "to"}, dictFlags...),
		"analyze": append([]string{"explain", "index", "json", "mode", "synonyms"}, dictFlags...),
		"words":   append([]string{"from", "index", "json", "size", "to"}, dictFlags...),
		"eval": append([]string{"corpus", "docs", "known", "oracle", "out", "seed", "sighan"},
			dictFlags...),
		"bench": append([]string{"attack", "attack-serve", "concurrency", "corpus", "docs", "http", "http-duration",
			"http-requests", "http-warmup", "keep", "lucene", "lucene-jars", "out", "profile", "queries", "rounds",
			"scale10", "scales", "seed", "work"}, dictFlags...),
	}
)

// flagEntry matches the first line of one flag in flag.PrintDefaults'
// output: "  -name [type]" then, for one-letter booleans, "\tusage". The
// type may be several words, taken from `quoted` words in the usage.
var flagEntry = regexp.MustCompile(`^  -([a-z][a-z0-9-]*)(?: [^\t]+)?(?:\t(.*))?$`)

// helpFlags reads flag.PrintDefaults output into flag name -> explanation.
func helpFlags(t *testing.T, out string) map[string]string {
	t.Helper()
	got := map[string]string{}
	lines := strings.Split(out, "\n")
	for i, line := range lines {
		m := flagEntry.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		usage := m[2]
		if usage == "" && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "    \t") {
			usage = strings.TrimSpace(lines[i+1])
		}
		got[m[1]] = usage
	}
	return got
}

// isUsage reports whether err is one of the outcomes main turns into a
// usage exit rather than "xinwen: error".
func isUsage(err error) bool {
	return err == nil || errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp)
}

func runCapture(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestHelpListsEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"help"}, {}, {"-h"}, {"--help"}} {
		out, _, err := runCapture(t, args...)
		if err != nil {
			t.Fatalf("run(%q) = %v, want nil", args, err)
		}
		for _, c := range commands {
			if !strings.Contains(out, "  "+c.name+" ") {
				t.Errorf("run(%q) does not list command %q:\n%s", args, c.name, out)
			}
		}
	}
}

// TestCommandHelpExplainsEveryFlag checks every command's -h and help
// COMMAND: each flag has an explanation, and the flags of the commands in
// flagsByCommand are exactly those documented in docs/configuration.md.
func TestCommandHelpExplainsEveryFlag(t *testing.T) {
	for _, c := range commands {
		if c.run == nil {
			continue
		}
		want, known := flagsByCommand[c.name]
		if !known {
			t.Logf("command %s is not in flagsByCommand: only checking that its flags are explained", c.name)
		}
		for _, args := range [][]string{{c.name, "-h"}, {"help", c.name}} {
			t.Run(strings.Join(args, "_"), func(t *testing.T) {
				_, errOut, err := runCapture(t, args...)
				if !isUsage(err) {
					t.Fatalf("run(%q) = %v, want a usage exit", args, err)
				}
				if !strings.Contains(errOut, "Usage: xinwen "+c.name) {
					t.Errorf("run(%q) prints no usage line:\n%s", args, errOut)
				}
				got := helpFlags(t, errOut)
				for f, usage := range got {
					if len(usage) < 10 {
						t.Errorf("%s -h: -%s is not explained (%q)", c.name, f, usage)
					}
				}
				if !known {
					return
				}
				for _, f := range want {
					if _, ok := got[f]; !ok {
						t.Errorf("%s -h does not mention -%s", c.name, f)
					}
				}
				for f := range got {
					if !slices.Contains(want, f) {
						t.Errorf("%s has a new flag -%s: add it to flagsByCommand and docs/configuration.md", c.name, f)
					}
				}
			})
		}
	}
}

// TestConfigurationDocCoversEveryFlag keeps docs/configuration.md in step
// with the flags and the environment variables their help names.
func TestConfigurationDocCoversEveryFlag(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "configuration.md"))
	if err != nil {
		t.Fatal(err)
	}
	envVar := regexp.MustCompile(`XINWEN_[A-Z_]+`)
	for name, flags := range flagsByCommand {
		if !bytes.Contains(doc, []byte("xinwen "+name)) {
			t.Errorf("docs/configuration.md has no section for xinwen %s", name)
		}
		for _, f := range flags {
			if !bytes.Contains(doc, []byte("`--"+f)) && !bytes.Contains(doc, []byte("`-"+f)) {
				t.Errorf("docs/configuration.md does not document --%s (of %s)", f, name)
			}
		}
		_, errOut, _ := runCapture(t, name, "-h")
		for _, v := range envVar.FindAllString(errOut, -1) {
			if !bytes.Contains(doc, []byte(v)) {
				t.Errorf("docs/configuration.md does not document %s (of %s)", v, name)
			}
		}
	}
}

// TestEnvironmentSetsDefaults checks that the container's variables reach
// the flags' defaults, as the Dockerfile relies on.
func TestEnvironmentSetsDefaults(t *testing.T) {
	t.Setenv("XINWEN_INDEX", "/var/lib/xinwen-test")
	t.Setenv("XINWEN_ADDR", "0.0.0.0:9999")
	t.Setenv("XINWEN_DICT", "/usr/share/xinwen-test/dict")
	_, errOut, err := runCapture(t, "serve", "-h")
	if !isUsage(err) {
		t.Fatalf("serve -h = %v", err)
	}
	for _, want := range []string{`"/var/lib/xinwen-test"`, `"0.0.0.0:9999"`, `"/usr/share/xinwen-test/dict"`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("serve -h does not show the default %s taken from the environment:\n%s", want, errOut)
		}
	}
}

func TestBadUse(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		why  string // what the error or the usage text must say
	}{
		{"unknown command", []string{"frobnicate"}, "frobnicate"},
		{"unknown flag", []string{"search", "--no-such-flag", "x"}, "no-such-flag"},
		{"index without source", []string{"index", "--index", "unused"}, "SOURCE"},
		{"delete without incremental", []string{"index", "--index", "unused", "--delete", "id1"}, "--incremental"},
		{"index with a bad --progress", []string{"index", "--index", "unused", "--progress", "bogus", "x.jsonl"}, "--progress"},
		{"index with --keep 0", []string{"index", "--index", "unused", "--keep", "0", "x.jsonl"}, "--keep"},
		{"rollback with --keep -1", []string{"index", "--index", "unused", "--keep", "-1", "--rollback"}, "--keep"},
		{"index with a bad --summary", []string{"index", "--index", "unused", "--summary", "yaml", "x.jsonl"}, "--summary"},
		{"index with --batch 0", []string{"index", "--index", "unused", "--batch", "0", "x.jsonl"}, "--batch"},
		{"index with negative --shards", []string{"index", "--index", "unused", "--shards", "-2", "x.jsonl"}, "--shards"},
		{"rollback with a source", []string{"index", "--index", "unused", "--rollback", "x.jsonl"}, "--rollback takes no SOURCE"},
		{"index with a flag after a source", []string{"index", "--index", "unused", "x.jsonl", "--progress", "none"}, "flags go before"},
		{"bench with a factor below 2", []string{"bench", "--scales", "10,1"}, "--scales"},
		{"analyze without text", []string{"analyze"}, "TEXT"},
		{"analyze with a bad mode", []string{"analyze", "--mode", "nope", "新闻"}, "--mode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, err := runCapture(t, tc.args...)
			if !errors.Is(err, errUsage) {
				t.Fatalf("run(%q) = %v, want errUsage", tc.args, err)
			}
			if !strings.Contains(err.Error()+errOut, tc.why) {
				t.Errorf("run(%q): neither the error %q nor stderr mention %q:\n%s", tc.args, err, tc.why, errOut)
			}
		})
	}
}

func TestUnknownCommandListsCommands(t *testing.T) {
	_, errOut, err := runCapture(t, "frobnicate")
	if err == nil || !strings.Contains(err.Error(), `"frobnicate"`) {
		t.Fatalf("err = %v, want one naming the command", err)
	}
	if !strings.Contains(errOut, "Commands:") {
		t.Errorf("stderr does not list the commands:\n%s", errOut)
	}
}

// TestAnalyzeFindsDictionaries runs analyze with the default dictionary
// search, which ends in gojieba's module directory when tests run from
// source.
func TestAnalyzeFindsDictionaries(t *testing.T) {
	if _, err := zh.FindDictDir(zh.BundledDictDir()); err != nil {
		t.Skipf("gojieba's dictionaries are not beside its source (built with -trimpath?): %v", err)
	}
	out, errOut, err := runCapture(t, "analyze", "--mode", "query", "人工智能大模型")
	if err != nil {
		t.Fatalf("analyze = %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "POS") || !strings.Contains(out, "人工智能") {
		t.Errorf("analyze printed no table with 人工智能:\n%s", out)
	}
}

// `xinwen search --size 0` answers the counts only, as size=0 does on the
// API; it used to print ten hits.
func TestSearchSizeZeroCounts(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, inventArticles("s", "计数", 12, 2))
	out, errOut, err := runCapture(t, "search", "--index", dir, "--dict", zh.BundledDictDir(), "--json", "--size", "0", "计数")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	var res xinwen.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Total != 12 || len(res.Hits) != 0 || len(res.Facets.Months) == 0 {
		t.Errorf("--size 0: total %d, %d hits, months %v; want 12, none, some", res.Total, len(res.Hits), res.Facets.Months)
	}
}
