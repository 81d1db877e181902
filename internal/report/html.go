package report

import (
	"html/template"
	"io"
	"strings"

	"github.com/storyline-news/storyline/internal/model"
)

// The HTML report is one self-contained file: inline CSS, no scripts, every
// string from an article escaped by html/template.
var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"cite": func(v *view, ev []model.Evidence) string { return v.cite(ev) },
	"num":  fmtNum,
	"people": func(v *view, sl model.Storyline) []model.Entity {
		return v.keyEntities(sl, personTypes, 10)
	},
	"orgs": func(v *view, sl model.Storyline) []model.Entity {
		return v.keyEntities(sl, orgTypes, 10)
	},
	"places": func(v *view, sl model.Storyline) []model.Entity {
		return v.keyEntities(sl, placeTypes, 10)
	},
	"quotes":  func(v *view, sl model.Storyline) []model.Quote { return v.quotesOf(sl, 10) },
	"figures": func(v *view, sl model.Storyline) []model.Quantity { return v.figuresOf(sl, 12) },
	"first": func(s []string) string {
		if len(s) == 0 {
			return ""
		}
		return s[0]
	},
	"anchor": func(doc string, start int) string { return "s-" + strings.NewReplacer(" ", "-", "/", "-").Replace(doc) },
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Storyline report</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{border-bottom:2px solid #ccd;padding-bottom:.2rem;margin-top:2.5rem}
.meta{color:#667}.cite{color:#667;font-size:.85em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #dde;padding:.3rem .5rem;vertical-align:top;text-align:left}
.date{white-space:nowrap;font-variant-numeric:tabular-nums;font-weight:600}
blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid #ccd}
.kind-update{color:#2a6}.kind-conflict{color:#c33}
details{margin:.3rem 0}
</style></head><body>
<h1>Storyline report</h1>
<p class="meta">{{len .a.Documents}} documents · {{len .a.Storylines}} storylines · {{len .a.Entities}} entities · {{len .a.Quotes}} quotes · {{len .a.Quantities}} figures</p>
{{$v := .v}}
{{range .a.Storylines}}{{$sl := .}}
<section>
<h2>{{.Title}}</h2>
<p class="meta">{{len .Documents}} documents in {{len .Stories}} stories</p>
{{if .Summary}}<h3>Summary</h3><ol>{{range .Summary}}<li>{{.Text}} <span class="cite">[<a href="#{{anchor (index .Evidence 0).Doc 0}}">{{cite $v .Evidence}}</a>]</span></li>{{end}}</ol>{{end}}
{{if .Timeline}}<h3>Timeline</h3><table>{{range .Timeline}}<tr><td class="date">{{.Date}}</td><td>{{.Text}} <span class="cite">[<a href="#{{anchor (index .Evidence 0).Doc 0}}">{{cite $v .Evidence}}</a>]</span></td></tr>{{end}}</table>{{end}}
{{with people $v $sl}}<h3>People</h3><ul>{{range .}}<li>{{.Name}}{{with first .Descriptions}} — {{.}}{{end}} ({{len .Mentions}})</li>{{end}}</ul>{{end}}
{{with orgs $v $sl}}<h3>Organisations</h3><ul>{{range .}}<li>{{.Name}} ({{len .Mentions}})</li>{{end}}</ul>{{end}}
{{with places $v $sl}}<h3>Places</h3><ul>{{range .}}<li>{{.Name}} ({{len .Mentions}})</li>{{end}}</ul>{{end}}
{{with quotes $v $sl}}<h3>Quotes</h3>{{range .}}<blockquote>“{{.Text}}”<br><span class="cite">— {{if .SpeakerName}}{{.SpeakerName}}{{else}}unattributed{{end}}, {{.Doc}}</span></blockquote>{{end}}{{end}}
{{with figures $v $sl}}<h3>Figures</h3><table><tr><th>Figure</th><th>What</th><th>Where / since</th><th>Per</th><th>Source</th></tr>
{{range .}}<tr><td>{{if .Approximate}}~{{end}}{{num .Value}}</td><td>{{.What}} {{.Event}}</td><td>{{.PlaceName}}{{if .Since}} since {{.Since}}{{end}}</td><td>{{.AttributedToName}}</td><td class="cite">{{.Doc}}</td></tr>{{end}}</table>{{end}}
{{if .Disagreements}}<h3>Where sources disagree</h3>{{range .Disagreements}}
<p><strong>{{.About}}</strong> <span class="kind-{{.Kind}}">({{.Kind}})</span> — {{.Note}}</p>
<table><tr><th>Value</th><th>Source</th><th>Published</th><th>Wording</th></tr>{{range .Claims}}
<tr><td>{{if .Approximate}}~{{end}}{{num .Value}}</td><td>{{if .Source}}{{.Source}}{{else}}{{.Doc}}{{end}}</td><td>{{.Published}}</td><td>{{.Text}}</td></tr>{{end}}</table>{{end}}{{end}}
</section>{{end}}
<h2>Documents</h2>
{{range .a.Documents}}<details id="{{anchor .ID 0}}"><summary>{{if .Title}}{{.Title}}{{else}}{{.ID}}{{end}} <span class="meta">— {{.Source}} {{.Published}}{{if .PublishedInferred}} (inferred){{end}}</span></summary><p style="white-space:pre-wrap">{{.Text}}</p></details>{{end}}
</body></html>
`))

func writeHTML(w io.Writer, a *model.Analysis) error {
	v := newView(a)
	return page.Execute(w, map[string]any{"a": a, "v": v})
}
