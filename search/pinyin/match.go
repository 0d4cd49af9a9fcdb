package pinyin

import "strings"

// Match tells whether a word (its characters and their Readings) is
// what in spells: each run of letters covers whole syllables (the last
// run may end inside one, as while typing), each Hanzi is the word's
// character there, and the word may go on after the input. exact is set
// when the input spells the whole word.
func (in Input) Match(word []rune, syl []string) (ok, exact bool) {
	if len(word) != len(syl) {
		return false, false
	}
	pos, inside := 0, false
	for i, t := range in.Tokens {
		if t.Latin == "" {
			if pos >= len(word) || word[pos] != t.Han {
				return false, false
			}
			pos++
			continue
		}
		if pos, inside = cover(t.Latin, syl, pos, i == len(in.Tokens)-1); pos < 0 {
			return false, false
		}
	}
	return true, pos == len(word) && !inside
}

// cover consumes the syllables from pos that s spells and returns where
// it stopped, -1 when s does not spell them. With last, s may stop inside
// a syllable (inside is then set).
func cover(s string, syl []string, pos int, last bool) (int, bool) {
	for ; pos < len(syl); pos++ {
		y := syl[pos]
		switch {
		case strings.HasPrefix(s, y):
			if s = s[len(y):]; s == "" {
				return pos + 1, false
			}
		case last && strings.HasPrefix(y, s):
			return pos + 1, true
		default:
			return -1, false
		}
	}
	return -1, false
}

// MatchInitials tells whether ini starts the initials of syl, and
// whether it is all of them.
func MatchInitials(ini string, syl []string) (ok, exact bool) {
	all := Initials(syl)
	return strings.HasPrefix(all, ini), all == ini
}
