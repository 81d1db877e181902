package eval

import "strings"

var ptbReplacer = strings.NewReplacer(
	"-LRB-", "(", "-RRB-", ")", "-LSB-", "[", "-RSB-", "]", "-LCB-", "{", "-RCB-", "}",
	"``", "\"", "''", "\"",
)

// Detokenize turns Penn Treebank-tokenised text ("Obama -LRB- D -RRB- said ,
// “ we will ” .") back into ordinary text, so that the pipeline reads the
// data sets that ship tokenised (Timeline17) as it reads news.
func Detokenize(s string) string {
	s = ptbReplacer.Replace(s)
	ws := strings.Fields(s)
	var b strings.Builder
	b.Grow(len(s))
	quoteOpen := false
	noSpace := true // before the next word
	for _, w := range ws {
		attach := false
		switch {
		case w == "\"":
			if quoteOpen {
				attach = true
			}
		case w == "," || w == "." || w == ";" || w == ":" || w == "?" || w == "!" || w == "%" || w == ")" || w == "]" || w == "}" || w == "...":
			attach = true
		case strings.HasPrefix(w, "'") || w == "n't":
			attach = true // 's 're n't
		}
		if !noSpace && !attach {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		noSpace = w == "(" || w == "[" || w == "{" || w == "$" || w == "\"" && !quoteOpen
		if w == "\"" {
			quoteOpen = !quoteOpen
		}
	}
	return b.String()
}
