package article

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// parseFrontMatter reads the front matter with yaml.v3, keeping scalars as
// written; when YAML rejects it, it falls back to a line reader.
func parseFrontMatter(head, relPath string) (frontMatter, []Warning) {
	fm, err := yamlFrontMatter(head)
	if err == nil {
		return fm, nil
	}
	w := Warning{Where: relPath + ": front matter", Reason: "not valid YAML (" + err.Error() + "); read line by line"}
	return lineFrontMatter(head), []Warning{w}
}

func yamlFrontMatter(head string) (frontMatter, error) {
	fm := frontMatter{fields: map[string]string{}}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(head), &doc); err != nil {
		return fm, err
	}
	if len(doc.Content) == 0 {
		return fm, nil // empty front matter
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return fm, errNotMapping
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key := strings.ToLower(m.Content[i].Value)
		val := m.Content[i+1]
		if key == "categories" {
			fm.categories = flattenNode(val)
			continue
		}
		if val.Kind == yaml.ScalarNode {
			fm.fields[key] = val.Value // source text: 12_00 stays "12_00"
		}
	}
	return fm, nil
}

type yamlError string

func (e yamlError) Error() string { return string(e) }

const errNotMapping = yamlError("front matter is not a mapping")

// flattenNode lists the scalars of a (possibly nested) sequence in order;
// a single scalar is a path of one.
func flattenNode(n *yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []string{n.Value}
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			out = append(out, flattenNode(c)...)
		}
		return out
	}
	return nil
}

// lineFrontMatter reads "key: value" lines, indented continuation lines of
// a plain scalar, and "- item" lines of a list, without YAML's rules.
func lineFrontMatter(head string) frontMatter {
	fm := frontMatter{fields: map[string]string{}}
	key := ""
	for line := range strings.SplitSeq(head, "\n") {
		line = strings.TrimRight(line, " \t\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case strings.HasPrefix(trimmed, "- ") || trimmed == "-":
			if key == "categories" {
				item := strings.TrimSpace(strings.TrimPrefix(trimmed, "-"))
				fm.categories = append(fm.categories, unquote(item))
			}
		case line[0] == ' ' || line[0] == '\t':
			if key != "" && key != "categories" {
				fm.fields[key] += " " + trimmed
			}
		default:
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			key = strings.ToLower(strings.TrimSpace(k))
			fm.fields[key] = strings.TrimSpace(v)
		}
	}
	for k, v := range fm.fields {
		fm.fields[k] = unquote(v)
	}
	return fm
}

// unquote strips YAML-style quotes without failing: inside single quotes
// a doubled quote is one quote, a double-quoted value is unescaped when it
// can be, and a run of mixed quotes around a title ("""'…'""") is peeled
// off entirely.
func unquote(v string) string {
	v = strings.TrimSpace(v)
	if len(v) < 2 {
		return v
	}
	first, last := v[0], v[len(v)-1]
	switch {
	case len(v) > 2 && strings.HasPrefix(v, `""`):
		return strings.Trim(v, `"'`)
	case first == '\'' && last == '\'':
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	case first == '"' && last == '"':
		if s, err := strconv.Unquote(v); err == nil {
			return s
		}
		return v[1 : len(v)-1]
	}
	return v
}
