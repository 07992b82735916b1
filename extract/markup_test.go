package extract_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// TestTextile: a Redmine page's "h3." talks with "by Name, Org",
// "*Speaker:* Name (Org)" and "(A and B, both Org)" lines, @code@ and
// "text":url links; a summary table's "F. Hoffmann-Kerr" is the speaker
// named in full above; the sections that are not talks stay out.
func TestTextile(t *testing.T) {
	const doc = "h1. KCD Munich 2023 – Konferenzbericht\n\n{{toc}}\n\np. We went to \"KCD Munich\":https://community.cncf.io/kcd-munich/ in July.\n\n" +
		"h2. Day 1\n\nh3. From Gatekeeper to Kyverno: A Migration Diary\n\nby Felix Hoffmann-Kerr, Isar Versicherung AG\n\n* 212 OPA Gatekeeper constraints, rewritten as Kyverno policies.\n\n" +
		"h3. Flux and the Art of Not Drifting\n\n*Speaker:* Annika Sørensen (Nordlicht Systems)\n\n* Pin chart versions, never @latest@.\n\n" +
		"h3. Zero-Trust Networking with Cilium and SPIRE\n\n(Dragan Petrović and Noor Al-Khatib, both Alpenglow IT)\n\n* SPIFFE identities.\n\n" +
		"h2. Food\n\nbq. Coffee was good.\n\nh2. Summary table\n\n|_. Talk |_. Speaker |_. Worth it? |\n| From Gatekeeper to Kyverno: A Migration Diary | F. Hoffmann-Kerr | *yes* |\n"
	v := view{extractString(t, "munich.txt", doc)}
	want := map[string][]string{
		"From Gatekeeper to Kyverno: A Migration Diary": {"person:felix-hoffmann-kerr"},
		"Flux and the Art of Not Drifting":              {"person:annika-sorensen"},
		"Zero-Trust Networking with Cilium and SPIRE":   {"person:dragan-petrovic", "person:noor-al-khatib"},
	}
	if got := speakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantWorks(t, v, map[string]string{"person:felix-hoffmann-kerr": "org:isar-versicherung-ag", "person:annika-sorensen": "org:nordlicht-systems", "person:noor-al-khatib": "org:alpenglow-it"})
	if ev := v.names(graph.Event); !slices.Contains(ev, "Kubernetes Community Days Munich 2023") {
		t.Errorf("events %q", ev)
	}
}

// TestJiraTable: a Confluence page's "||Talk||Speaker(s)||" table whose
// cells hold [text|url] links (a "|" that is no column) and [~user]
// mentions, {quote} blocks and macros; a row whose speaker is "??" is a
// talk without one, a panel's cell labels its moderator and panelists.
func TestJiraTable(t *testing.T) {
	const doc = "h1. Trip Report: KubeCon + CloudNativeCon Europe 2025 (London)\n\n{info:title=About}\nBudget code PLAT-7.\n{info}\n\n*Author:* Rafael Oliveira Santos\n\n" +
		"h2. Talks we saw\n\n||Talk||Speaker(s)||Takeaways||\n" +
		"|[*Argo CD at 4,000 Clusters*|https://sched.example/argo]|Jonas Lindqvist, Marisol de la Cruz (Nordvik Bank)|Controller sharding. [Slides|https://example.com/argo.pdf]|\n" +
		"|*Keyless Signing Everywhere*|Hoàng Minh Châu (Lumenpay)|cosign in every pipeline; [~t.berg] links the recording.|\n" +
		"|*Cilium Cluster Mesh in Anger*|?? (arrived late, missed the intro slide)|Hubble for cross-cluster flows.|\n" +
		"|*Panel: Is Platform Engineering Just Ops With a Portal?*|Moderator: Ngozi Eze (CNCF TAG App Delivery). Panelists: Wei Zhang (Polestack), Ciarán O'Sullivan (Harbourline)|Backstage every 2 minutes.|\n\n" +
		"h2. Logistics\n\n{quote}\nFood was better than Paris.\n{quote}\n"
	v := view{extractString(t, "london.txt", doc)}
	want := map[string][]string{
		"Argo CD at 4,000 Clusters":                       {"person:jonas-lindqvist", "person:marisol-de-la-cruz"},
		"Keyless Signing Everywhere":                      {"person:hoang-minh-chau"},
		"Cilium Cluster Mesh in Anger":                    nil,
		"Is Platform Engineering Just Ops With a Portal?": {"person:ciaran-o-sullivan", "person:ngozi-eze", "person:wei-zhang"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantMentions(t, v, "Keyless Signing Everywhere", "project:cosign") // from the takeaways cell
	if p, _ := v.talk("Is Platform Engineering Just Ops With a Portal?"); p.Attrs["format"] != "panel" {
		t.Errorf("the panel's format is %v: the cell's \"Panel:\" label gives it", p.Attrs["format"])
	}
}

// TestLaTeXBeamer: a report-back deck in beamer: frames are talks (their
// title), "\textbf{Name} --- Org" the speaker, \section and an agenda
// frame no talks, escapes and \href links read as text.
func TestLaTeXBeamer(t *testing.T) {
	const doc = "% report-back deck\n\\documentclass{beamer}\n\\usepackage{hyperref}\n\\title{KubeCon + CloudNativeCon North America 2025}\n\\author{Valentina Rossi}\n\\begin{document}\n\\maketitle\n\n" +
		"\\begin{frame}{Agenda}\n  \\begin{enumerate}\n    \\item Keynotes\n    \\item Talks\n  \\end{enumerate}\n\\end{frame}\n\n\\section{Talks}\n\n" +
		"\\begin{frame}{Ray on Kubernetes: Lessons from 10,000 GPUs}\n  \\textbf{Harini Subramaniam} \\& \\textbf{Carlos Echeverría} (Perihelion)\n  \\begin{itemize}\n    \\item KubeRay operator, Kueue for quota; spot nodes saved 38\\%\n  \\end{itemize}\n  \\href{https://sched.com/ray}{sched link}\n\\end{frame}\n\n" +
		"\\begin{frame}[fragile]{Tetragon Policies for Humans}\n  \\textbf{Ayşe Demirci} (Kestrel Security)\n  \\begin{itemize}\n    \\item TracingPolicy examples for \\texttt{execve}\n  \\end{itemize}\n\\end{frame}\n\\end{document}\n"
	v := view{extractString(t, "deck.tex", doc)}
	want := map[string][]string{
		"Ray on Kubernetes: Lessons from 10,000 GPUs": {"person:carlos-echeverria", "person:harini-subramaniam"},
		"Tetragon Policies for Humans":                {"person:ayse-demirci"},
	}
	if got := speakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantWorks(t, v, map[string]string{"person:ayse-demirci": "org:kestrel-security", "person:harini-subramaniam": "org:perihelion"})
	wantMentions(t, v, "Ray on Kubernetes: Lessons from 10,000 GPUs", "project:kueue")
}

// TestICalendar: an exported schedule: each VEVENT's SUMMARY is a talk,
// "Speakers:" in its DESCRIPTION the speakers, folded lines joined
// (a name split across them), escaped commas read; a lunch is no talk and
// the notes after the calendar are read as text. Evidence keeps its line.
func TestICalendar(t *testing.T) {
	const doc = "My SREcon25 EMEA schedule, Dublin.\n\nBEGIN:VCALENDAR\nVERSION:2.0\n" +
		"BEGIN:VEVENT\nDTSTART:20251028T103000\nSUMMARY:Sampling Without Regret: Tail-Based Sampling with the OpenTeleme\n try Collector\nLOCATION:Room 2\n" +
		"DESCRIPTION:Speakers: Matthijs van der Veen (Kleurwerk)\\, Priya Raghun\n athan (Kleurwerk)\\n\\nHead sampling threw away the traces we needed\\, so we moved off Jae\n ger to Tempo.\nEND:VEVENT\n" +
		"BEGIN:VEVENT\nSUMMARY:Lunch\nDESCRIPTION:Sponsored by Acme\\, in the hall.\nEND:VEVENT\n" +
		"BEGIN:VEVENT\nSUMMARY:grep Is an Observability Tool\nDESCRIPTION:Speakers: Sindre Håland (Fjordpost AS)\\n\\nLoki and grep.\nEND:VEVENT\n" +
		"END:VCALENDAR\n\nMy notes: the sampling talk was the best one.\n"
	f := extractString(t, "schedule.txt", doc)
	v := view{f}
	title := "Sampling Without Regret: Tail-Based Sampling with the OpenTelemetry Collector"
	want := map[string][]string{
		title:                           {"person:matthijs-van-der-veen", "person:priya-raghunathan"},
		"grep Is an Observability Tool": {"person:sindre-haland"},
	}
	if got := speakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantMentions(t, v, title, "project:jaeger", "project:opentelemetry-collector")
	lines := strings.Split(doc, "\n")
	for _, e := range f.Edges {
		var want string
		switch {
		case e.Kind == graph.Presented && e.Source == "person:sindre-haland":
			want = "Sindre"
		case e.Kind == graph.Mentions && e.Target == "project:jaeger":
			want = "Jae" // "moved off Jae" / " ger to Tempo": the line the name starts on
		default:
			continue
		}
		for _, ev := range e.Evidence {
			if ev.Line < 1 || ev.Line > len(lines) || !strings.Contains(lines[ev.Line-1], want) {
				t.Errorf("evidence line %d of %s -> %s", ev.Line, e.Source, e.Target)
			}
		}
	}
}

// TestGopherMenu: a phlog entry as a gopher menu: info lines are the text
// (a quoted title over an indented "Name, Org" line), link lines are not.
func TestGopherMenu(t *testing.T) {
	info := func(s string) string { return "i" + s + "\tfake\t(NULL)\t0\n" }
	doc := info(" ronan's gopherhole :: phlog :: 2024-11-04") + info("") +
		"1<- back to the phlog index\t/phlog\tgopher.example.ie\t70\n" + info("") +
		info("Three days at SREcon24 EMEA in Dublin, 29 to 31 October.") + info("") +
		info("\"Cardinality Budgets: Saying No to Your Developers, Politely\"") +
		info("          Arjun Mehta-Lindgren, Fernway") + info("") +
		info("  Per-team series budgets enforced at scrape time in Prometheus.") + info("") +
		"0  -> my longer notes on the cardinality talk\t/phlog/notes/cardinality.txt\tgopher.example.ie\t70\n" + info("") +
		info("\"Thanos, Mimir, Cortex: A Migration We Only Slightly Regret\"") +
		info("          Katarzyna Wiśniewska & Ole-Johan Eriksen, Nordlys Media") + info("") +
		info("  Cortex in 2020, Thanos in 2022, Grafana Mimir since spring.")
	v := view{extractString(t, "phlog.txt", doc)}
	want := map[string][]string{
		"Cardinality Budgets: Saying No to Your Developers, Politely": {"person:arjun-mehta-lindgren"},
		"Thanos, Mimir, Cortex: A Migration We Only Slightly Regret":  {"person:katarzyna-wisniewska", "person:ole-johan-eriksen"},
	}
	if got := speakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantWorks(t, v, map[string]string{"person:arjun-mehta-lindgren": "org:fernway", "person:ole-johan-eriksen": "org:nordlys-media"})
}

// TestNameLineUnder: a line of names alone under a title is its speakers
// ("Arjun Mehta, Fernway"), but a list of speakers one a line is no title
// over the next one.
func TestNameLineUnder(t *testing.T) {
	const doc = "# SREcon EMEA 2024\n\n### Cardinality Budgets for Developers\n\nArjun Mehta, Fernway\n\nPer-team series budgets.\n\n" +
		"### Fine-Grained Egress with Cilium\n\nSpeakers:\n\n  Aiko Fujimura, SRE Lead, Kanto Trust Bank\n\n  Rahul Venkataraman, Staff Engineer, Isovalent\n\nEgress policies at a bank.\n"
	v := view{extractString(t, "srecon.md", doc)}
	want := map[string][]string{
		"Cardinality Budgets for Developers": {"person:arjun-mehta"},
		"Fine-Grained Egress with Cilium":    {"person:aiko-fujimura", "person:rahul-venkataraman"},
	}
	if got := speakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
}

// TestMermaidMindmap: a mind map in a Mermaid fence is an outline: a
// talk's first children are its speakers ("Kenta Fujimoto - moderator",
// "Park Ji-hoon"), the next its projects; a track or a branch of
// sponsors is no talk. A "Panelists:" item over names is a label.
func TestMermaidMindmap(t *testing.T) {
	const doc = "# KubeCon Japan 2025, as a mind map\n\n```mermaid\nmindmap\n  root((KubeCon Japan 2025))\n    Security\n      Falco Rules That Don't Cry Wolf\n      ::icon(fa fa-star)\n" +
		"        Wei-Lin Chen\n        Sebastián Ortiz\n        Falcosidekick\n    AI and ML\n      id1[Serving LLMs on Kubernetes with KServe and vLLM]\n        Park Ji-hoon\n        KServe\n" +
		"      Panel: Platform Teams in Japanese Enterprises\n        Kenta Fujimoto - moderator\n        Rina Matsuda\n        Backstage\n    Sponsors\n      Mercari\n      CyberAgent\n```\n\n" +
		"## Panel: Platform Teams in the Mittelstand\n\n- Moderated by Katrin Oberhuber.\n- Panelists:\n  - Emre Aksoy\n  - Maximilian von Stetten\n- Backstage yes or no.\n"
	v := view{extractString(t, "mindmap.md", doc)}
	want := map[string][]string{
		"Falco Rules That Don't Cry Wolf":                 {"person:sebastian-ortiz", "person:wei-lin-chen"},
		"Serving LLMs on Kubernetes with KServe and vLLM": {"person:park-ji-hoon"},
		"Platform Teams in Japanese Enterprises":          {"person:kenta-fujimoto", "person:rina-matsuda"},
		"Platform Teams in the Mittelstand":               {"person:emre-aksoy", "person:katrin-oberhuber", "person:maximilian-von-stetten"},
	}
	if got := speakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	n, _ := v.talk("Falco Rules That Don't Cry Wolf")
	if m := v.out(n.ID, graph.Mentions); !slices.Contains(m, "project:falcosidekick") || slices.Contains(m, "project:kserve") {
		t.Errorf("mentions %q: want Falcosidekick, not KServe", m)
	}
}

// TestDetailsSummary: a post whose talks are HTML collapsibles, each
// "<summary>Title — Speaker (Org)</summary>" (an entity for "&"); a panel
// "— moderated by Name (Org)" over a "Panelists:" line; a talk whose
// speaker the writer missed, between two others, is a talk without one;
// a FAQ after the last talk is none.
func TestDetailsSummary(t *testing.T) {
	const doc = "# FOSDEM 2026: what I saw\n\n## Saturday\n\n<details>\n<summary>Rootless Podman and containerd, Side by Side — Anja Novak (Red Hat) &amp; Tiago Ferreira</summary>\n\n- Same workload with Podman and nerdctl.\n\n</details>\n\n" +
		"<details>\n<summary>in-toto attestations in 15 minutes</summary>\n\n- Never got the speaker's name. Layouts and SLSA provenance.\n\n</details>\n\n" +
		"<details>\n<summary>Panel: Who Pays for Open Source Infrastructure? — moderated by Hilde Van den Bossche (Open Source Initiative)</summary>\n\nPanelists: Kateryna Shevchenko (NLnet Foundation) and Amadou Diallo (Sovereign Tech Agency).\n\n- Small grants matter.\n\n</details>\n\n" +
		"<details>\n<summary>FAQ: is FOSDEM worth it if you hate crowds?</summary>\n\nYes, go to the smaller devrooms.\n\n</details>\n"
	v := view{extractString(t, "fosdem.md", doc)}
	want := map[string][]string{
		"Rootless Podman and containerd, Side by Side": {"person:anja-novak", "person:tiago-ferreira"},
		"in-toto attestations in 15 minutes":           nil,
		"Who Pays for Open Source Infrastructure?":     {"person:amadou-diallo", "person:hilde-van-den-bossche", "person:kateryna-shevchenko"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantMentions(t, v, "in-toto attestations in 15 minutes", "project:in-toto")
}

// TestSandwichedBreaks: a section between two talks' headings is no talk
// when it is the coffee break (passed over: the section before it still
// is one) or holds its own talks in bold.
func TestSandwichedBreaks(t *testing.T) {
	const doc = "# KCD Stockholm 2025\n\n## Talk One About Cilium\n\nSpeaker: Ana Silva (Acme)\n\nCilium notes.\n\n## Kyverno Policies Nobody Reads\n\nMissed the speaker. Kyverno.\n\n## Fika ☕\n\nPrinsesstårta, and Kyverno stickers.\n\n" +
		"## Talk Two About Falco\n\nSpeaker: Bo Chen (Acme)\n\nFalco notes.\n\n## Paying for what you measure\n\nTwo talks before lunch.\n\n**Cardinality Budgets: Saying No to Labels** was about Prometheus.\n\n" +
		"## Talk Three About Argo\n\nSpeaker: Cem Kaya (Acme)\n\nArgo CD notes.\n\n## Flux at the Edge of the Network\n\nNo idea who gave it. Flux.\n\n## Talk Four About Helm\n\nSpeaker: Dan Ito (Acme)\n\nHelm notes.\n"
	v := view{extractString(t, "sthlm.md", doc)}
	var titles []string
	for _, n := range v.ofKind(graph.Talk) {
		titles = append(titles, n.Name)
	}
	slices.Sort(titles)
	want := []string{"Flux at the Edge of the Network", "Kyverno Policies Nobody Reads", "Talk Four About Helm", "Talk One About Cilium", "Talk Three About Argo", "Talk Two About Falco"}
	if !slices.Equal(titles, want) {
		t.Errorf("talks %q\nwant %q", titles, want)
	}
}

// TestSessionCodes: a plain-text report that calls sessions by their
// codes ("SEC-104 was the best session") and keys them in a "|" table at
// the end, under a "----+----" rule: the rows are the talks, and each
// paragraph opening with a code (hard-wrapped lines and all) is its notes.
func TestSessionCodes(t *testing.T) {
	const doc = "KUBECON INDIA 2025 (HYDERABAD) -- TRIP NOTES\n\nI refer to sessions by code; the key is at the bottom.\n\n" +
		"SEC-104 was the best session I saw. A bake-off between Falco and\nTetragon on the same workload.\n\n" +
		"OBS-201 was about collector pipelines under load. Main lessons:\nmemory_limiter first, persistent queues when exporting to Kafka.\n\n" +
		"Lunch: biryani.\n\nSESSION KEY\n-----------\n\n" +
		"Code    | Title                                                  | Speaker(s)                                   | Room\n" +
		"--------+--------------------------------------------------------+----------------------------------------------+--------\n" +
		"SEC-104 | Runtime Threat Detection: A Bake-Off                   | Arjun Menon (Sahyadri Cloud), Fatima Benali  | Hall 3\n" +
		"OBS-201 | Collector Pipelines That Don't Fall Over               | Siddharth Rao-Kulkarni (Dhruva Logistics)    | Room 104\n"
	v := view{extractString(t, "codes.txt", doc)}
	want := map[string][]string{
		"Runtime Threat Detection: A Bake-Off":     {"person:arjun-menon", "person:fatima-benali"},
		"Collector Pipelines That Don't Fall Over": {"person:siddharth-rao-kulkarni"},
	}
	if got := speakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantMentions(t, v, "Runtime Threat Detection: A Bake-Off", "project:tetragon")
	wantMentions(t, v, "Collector Pipelines That Don't Fall Over", "project:apache-kafka")
}

// allSpeakersByTalk is speakersByTalk with the talks that have no
// speakers too, under nil.
func allSpeakersByTalk(v view) map[string][]string {
	got := speakersByTalk(v)
	for _, n := range v.ofKind(graph.Talk) {
		if _, ok := got[n.Name]; !ok {
			got[n.Name] = nil
		}
	}
	return got
}

// wantMentions checks that the talk titled title mentions each of ids.
func wantMentions(t *testing.T, v view, title string, ids ...string) {
	t.Helper()
	n, ok := v.talk(title)
	if !ok {
		t.Errorf("no talk %q", title)
		return
	}
	m := v.out(n.ID, graph.Mentions)
	for _, id := range ids {
		if !slices.Contains(m, id) {
			t.Errorf("%s: mentions %q, want %s", title, m, id)
		}
	}
}

// TestWordHTML: a report saved from a word processor: a table whose
// header is a row of <td> cells, names cut by spans at a no-break space,
// and notes under bold paragraphs that shorten the titles.
func TestWordHTML(t *testing.T) {
	const doc = `<html><head><title>Reisebericht KCD Munich 2024</title></head><body>
<p class=MsoNormal><b><span>Reisebericht: KCD Munich 2024</span></b></p>
<table class=MsoTableGrid>
 <tr><td><p class=MsoNormal><b><span>Zeit</span></b></p></td><td><p class=MsoNormal><b><span>Vortrag</span></b></p></td>
  <td><p class=MsoNormal><b><span>Sprecher/in</span></b></p></td><td><p class=MsoNormal><b><span>Besucht</span></b></p></td></tr>
 <tr><td><p class=MsoNormal><span>11:00</span></p></td>
  <td><p class=MsoNormal><span>Policy as Code Without Tears: Kyverno vs. OPA Gatekeeper</span></p></td>
  <td><p class=MsoNormal><span>Ra&uacute;l&nbsp;de&nbsp;la&nbsp;</span><span lang=ES>Fuente</span><span> (SUSE)</span></p></td>
  <td><p class=MsoNormal><span>&#10004;</span></p></td></tr>
 <tr><td><p class=MsoNormal><span>11:45</span></p></td>
  <td><p class=MsoNormal><span>Crossplane Compositions for Humans</span></p></td>
  <td><p class=MsoNormal><span>Ngozi</span><span>&nbsp;Okonkwo-Bauer (Upbound)</span></p></td>
  <td><p class=MsoNormal><span>&#10004;</span></p></td></tr>
</table>
<p class=MsoNormal><b><span>3.3 Policy as Code</span></b></p>
<p class=MsoNormal><span>Ra&uacute;l de la Fuente (SUSE) compared Kyverno and OPA Gatekeeper on the same 35 policies.</span></p>
</body></html>`
	v := view{extractString(t, "report.html", doc)}
	want := map[string][]string{
		"Policy as Code Without Tears: Kyverno vs. OPA Gatekeeper": {"person:raul-de-la-fuente"},
		"Crossplane Compositions for Humans":                       {"person:ngozi-okonkwo-bauer"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantMentions(t, v, "Policy as Code Without Tears: Kyverno vs. OPA Gatekeeper", "project:kyverno")
}

// TestSchemaOrgCards: an organiser's page of session cards in schema.org
// microdata: the employer in itemprop="worksFor", a job title and a
// "Modera" label that are no part of the names, a card's time after its
// kind ("Panel 14:15") that is no title, and the venue.
func TestSchemaOrgCards(t *testing.T) {
	const doc = `<html><head><title>KCD Bogotá 2025: ¡gracias!</title></head><body><main>
<h1>KCD Bogotá 2025: ¡gracias!</h1>
<section><h2>Sesiones</h2>
<article class="session-card" itemprop="subEvent" itemscope itemtype="https://schema.org/Event">
  <span class="badge">Keynote</span> <time itemprop="startDate">09:00</time>
  <h3 itemprop="name">Cloud Native en Latinoamérica: dónde estamos en 2025</h3>
  <div class="speaker" itemprop="performer" itemscope itemtype="https://schema.org/Person">
    <span itemprop="name">Valentina Ríos Castaño</span>
    <span class="role"><span itemprop="jobTitle">Staff Engineer</span> @
      <span itemprop="worksFor" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Andina Cloud Labs</span></span></span>
  </div>
  <p itemprop="description">El empate técnico entre Argo CD y Flux para GitOps.</p>
</article>
<article class="session-card panel" itemprop="subEvent" itemscope itemtype="https://schema.org/Event">
  <span class="badge">Panel</span> <time itemprop="startDate">14:15</time>
  <h3 itemprop="name">Panel: Mujeres construyendo plataformas en LATAM</h3>
  <div class="speaker moderator" itemprop="performer" itemscope itemtype="https://schema.org/Person">
    <span class="role-tag">Modera</span> <span itemprop="name">Daniela Quispe Mamani</span>
    <span class="role"><span itemprop="worksFor" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Inka Systems</span></span></span>
  </div>
  <div class="speaker" itemprop="performer" itemscope itemtype="https://schema.org/Person">
    <span itemprop="name">Fernanda Lobo de Souza</span> &middot; <span class="role">Consultora</span>, <span class="company">Nubia Tech</span>
  </div>
  <div class="speaker" itemprop="performer" itemscope itemtype="https://schema.org/Person">
    <span class="label">Invitada</span> <span itemprop="name">Yamila Benítez</span> &middot; <span class="role">VP of Engineering</span>, <span class="company">Pampa Pagos</span>
  </div>
  <p itemprop="description">Cuándo tiene sentido un portal como Backstage.</p>
</article>
</section>
<section class="venue" itemprop="location" itemscope itemtype="https://schema.org/Place">
  <h2>Sede</h2>
  <p><strong itemprop="name">Ágora Bogotá Centro de Convenciones</strong></p>
</section>
</main></body></html>`
	v := view{extractString(t, "kcd.html", doc)}
	want := map[string][]string{
		"Cloud Native en Latinoamérica: dónde estamos en 2025": {"person:valentina-rios-castano"},
		"Mujeres construyendo plataformas en LATAM":            {"person:daniela-quispe-mamani", "person:fernanda-lobo-de-souza", "person:yamila-benitez"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	// the card reads as a speaker line: "Yamila Benítez (Pampa Pagos)"
	if e, ok := v.edge("person:yamila-benitez", graph.WorksFor, "org:pampa-pagos"); !ok || !strings.Contains(e.Evidence[0].Text, "Yamila Benítez (Pampa Pagos)") {
		t.Errorf("Yamila Benítez works for Pampa Pagos on %+v", e.Evidence)
	}
	for person, org := range map[string]string{"person:valentina-rios-castano": "org:andina-cloud-labs", "person:daniela-quispe-mamani": "org:inka-systems", "person:fernanda-lobo-de-souza": "org:nubia-tech"} {
		if got := v.out(person, graph.WorksFor); !reflect.DeepEqual(got, []string{org}) {
			t.Errorf("%s works for %q, want %s", person, got, org)
		}
	}
}

// TestQuoteCards: each talk's speakers in a quote of fields, one a line,
// "Name — Role at Org", a moderator and panelists on lines of their own;
// a byline with a nickname in quotes.
func TestQuoteCards(t *testing.T) {
	const doc = "# KCD São Paulo 2025: our notes\n\n_By Camila Duarte Nogueira & Rafael \"Rafa\" Okafor · community blog_\n\n---\n\n" +
		"### Zero-Trust Service-to-Service Auth with SPIFFE and Istio\n\n" +
		"> **Speakers:** Thiago Gonçalves — Staff Engineer at iFood; Mei-Ling Cheng — Solutions Architect at Tetrate\n" +
		"> **Level:** Advanced | **Track:** Security\n\nSPIRE issues SPIFFE identities and Istio consumes them.\n\n" +
		"### Running Kubernetes on a Latin American Budget\n\n" +
		"> **Moderator:** Fernanda de la Cruz — Principal Engineer at Mercado Libre\n" +
		"> **Panelists:** Lucas Pereira — SRE Lead at Stone; Valentina Rossi — Platform Engineer at VTEX\n" +
		"> **Level:** All levels | **Track:** Panel\n\nOpenCost came up.\n"
	v := view{extractString(t, "cards.md", doc)}
	want := map[string][]string{
		"Zero-Trust Service-to-Service Auth with SPIFFE and Istio": {"person:mei-ling-cheng", "person:thiago-goncalves"},
		"Running Kubernetes on a Latin American Budget":            {"person:fernanda-de-la-cruz", "person:lucas-pereira", "person:valentina-rossi"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	for person, org := range map[string]string{"person:thiago-goncalves": "org:ifood", "person:mei-ling-cheng": "org:tetrate",
		"person:fernanda-de-la-cruz": "org:mercado-libre", "person:valentina-rossi": "org:vtex"} {
		if got := v.out(person, graph.WorksFor); !reflect.DeepEqual(got, []string{org}) {
			t.Errorf("%s works for %q, want %s", person, got, org)
		}
	}
	if got := v.in("source:cards", graph.Authored); !reflect.DeepEqual(got, []string{"person:camila-duarte-nogueira", "person:rafael-okafor"}) {
		t.Errorf("authors %q", got)
	}
	if got := v.out("person:camila-duarte-nogueira", graph.WorksFor); len(got) != 0 {
		t.Errorf("Camila Duarte Nogueira works for %q: the name after her is her co-author's", got)
	}
}
