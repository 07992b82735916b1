package extract_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kg-tool/kg/graph"
)

// shorthandNotes are notes typed during talks: a time and a quoted title,
// "spkr:" and "mod:" lines, a panel's members as items under its
// moderator, breaks between talks and every name in lower case.
const shorthandNotes = "srecon emea 2025 - dublin\nraw notes, abbrevs: spkr = speaker, w/ = with\n\n" +
	"0915 keynote: \"Error Budgets for Humans\"\n  spkr: Aoife Brennan, Stripe\n  - slo burn alerts -> fewer pages\n\n" +
	"1030 \"Tracing in Prod: 18 Months Without Sampling Regrets\"\n  spkr: Tomasz Wrona, Allegro\n  spkr: Ines Carvalho, Feedzai\n" +
	"  - started w/ falco for syscalls, then tetragon\n  - tail sampling in the otel collector, jaeger as backend\n  - thanos for the metrics side, cortex before\n\n" +
	"1115 coffee + sponsor hall. kyverno socks acquired.\n\n" +
	"1400 panel: \"Who Pages the Pager?\"\n  mod: Chiara Lombardi, Sovereign Tech Fund\n" +
	"  - Hyun-woo Park (Samsung) - containerd maintainer\n  - Felipe Navarro-Ruiz (Red Hat) - cri-o\n" +
	"  - Jordan ?? (org ??) - etcd   <- missed surname, sorry Jordan\n  - themes: burnout, on-call rotas, patching windows\n\n" +
	"eod booth crawl\n  - harbor + trivy demo at some booth\n"

func TestShorthandNotes(t *testing.T) {
	v := view{extractString(t, "notes.txt", shorthandNotes)}
	want := map[string][]string{
		"Error Budgets for Humans":                            {"person:aoife-brennan"},
		"Tracing in Prod: 18 Months Without Sampling Regrets": {"person:ines-carvalho", "person:tomasz-wrona"},
		"Who Pages the Pager?":                                {"person:chiara-lombardi", "person:felipe-navarro-ruiz", "person:hyun-woo-park"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	// "falco" and "thanos" are no words: in notes that spell every name
	// in lower case they are names too
	wantMentions(t, v, "Tracing in Prod: 18 Months Without Sampling Regrets", "project:falco", "project:tetragon", "project:thanos", "project:jaeger")
	n, _ := v.talk("Tracing in Prod: 18 Months Without Sampling Regrets")
	if m := v.out(n.ID, graph.Mentions); slices.Contains(m, "project:kyverno") {
		t.Errorf("the talk runs on past the coffee break: mentions %q", m)
	}
	n, _ = v.talk("Who Pages the Pager?")
	m := v.out(n.ID, graph.Mentions)
	if slices.Contains(m, "project:harbor") || slices.Contains(m, "project:trivy") {
		t.Errorf("the panel runs on into the booths: mentions %q", m)
	}
	for _, id := range m {
		if strings.Contains(id, "windows") {
			t.Errorf("mentions %q: \"patching windows\" are words", m)
		}
	}
	// "harbor + trivy": a list of names, though "harbor" is a word
	if !slices.Contains(v.names(graph.Project), "Harbor") {
		t.Errorf("projects %q, want Harbor", v.names(graph.Project))
	}
}

// TestShorthandNeedsLowerCaseNotes: in a text that writes names with
// capitals, a lower-case "falco" is still no name.
func TestShorthandNeedsLowerCaseNotes(t *testing.T) {
	v := view{extractString(t, "notes.md", "# SREcon EMEA 2025\n\n## Tracing Without Sampling Regrets\n\n"+
		"**Speaker:** Ines Carvalho (Feedzai)\n\nShe compared Tetragon, Cilium and Jaeger with Thanos and Cortex, "+
		"and said the falco on the slide was a bird.\n")}
	n, ok := v.talk("Tracing Without Sampling Regrets")
	if !ok {
		t.Fatalf("talks %q", v.names(graph.Talk))
	}
	if m := v.out(n.ID, graph.Mentions); slices.Contains(m, "project:falco") {
		t.Errorf("mentions %q: a lower-case word in a text of capitals", m)
	}
}

// TestBulletJournal: a bullet journal's talks, '• "Title" @ Name (Org)',
// their notes as items under them, and its signature at the end.
func TestBulletJournal(t *testing.T) {
	const doc = "# FOSDEM 2026 — bujo spread\n\nWren Albrecht\nSite Reliability Engineer @ Jane Street\n\nkey: • talk · ○ event · – note · × skipped\n\n## Sat 31 Jan\n\n" +
		"○ arrived 08:50, K building full\n\n" +
		"• **\"Rootless containerd on Your Laptop, Finally\"** @ Kenji Matsumoto (NTT)\n  – containers devroom, UD2.208\n  – nerdctl and BuildKit\n\n" +
		"• **panel: \"Open Source Funding After the Gold Rush\"** @ Hamid Rahimi (OSI), Eszter Szabó (NLnet)\n" +
		"  – main track, K.1.105 (La Fontaine)\n  – maintainer stipends vs. grants\n\n" +
		"○ met Freja Lindholm · Platform Engineer @ Netcompany\n\n" +
		"_spread & notes by Wren Albrecht · scanned from paper_\n"
	v := view{extractString(t, "bujo.md", doc)}
	want := map[string][]string{
		"Rootless containerd on Your Laptop, Finally": {"person:kenji-matsumoto"},
		"Open Source Funding After the Gold Rush":     {"person:eszter-szabo", "person:hamid-rahimi"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	if got := v.in("source:bujo", graph.Authored); !reflect.DeepEqual(got, []string{"person:wren-albrecht"}) {
		t.Errorf("authors %q, want Wren Albrecht", got)
	}
}

// TestTimelinePost: a day told by the clock, "**10:15 —** Caught Name's
// talk on *"Title"*", titles quoted inside prose, one that starts with a
// name in lower case, and a quoted phrase that is no title.
func TestTimelinePost(t *testing.T) {
	const doc = "# DevOpsDays Amsterdam 2025 — day two, minute by minute\n\n" +
		"**08:20 —** Registration. A very strong coffee.\n\n" +
		"**10:15 —** Caught the second half of Kwame Asante-Boateng's talk on *\"Alert Fatigue Is a Design Bug\"*. He's an SRE at Mollie. Prometheus burn-rate alerts.\n\n" +
		"**12:00 —** Ignite block: three five-minute talks. The one I wrote down was Priya Raghunathan's *\"My Cluster Costs Less Than My Coffee Habit\"*, a tour of OpenCost.\n\n" +
		"**12:20 —** Lunch. Everyone agreed the \"eBPF is Linux-only\" argument is weakening.\n\n" +
		"**15:40 —** *\"eBPF for People Who Don't Write C\"* by Léa Fontaine (Isovalent). Cilium first, then Tetragon.\n\n" +
		"*\"eBPF for People Who Write Go\"* by Ana Lima (Isovalent). Cilium again.\n\n" +
		"## eBPF on Windows: A Status Report\n\n**Sanjay Patel** from Microsoft gave an update on eBPF for Windows. " +
		"Good to know the \"eBPF is Linux-only\" argument is weakening.\n"
	v := view{extractString(t, "timeline.md", doc)}
	want := map[string][]string{
		"Alert Fatigue Is a Design Bug":              {"person:kwame-asante-boateng"},
		"My Cluster Costs Less Than My Coffee Habit": {"person:priya-raghunathan"},
		"eBPF for People Who Don't Write C":          {"person:lea-fontaine"},
		"eBPF for People Who Write Go":               {"person:ana-lima"},
		"eBPF on Windows: A Status Report":           {"person:sanjay-patel"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	wantMentions(t, v, "eBPF for People Who Don't Write C", "project:cilium", "project:tetragon")
}

// TestTripReportEmail: an e-mail to a manager, each talk a numbered item
// "N) Label - "Title"" over a line of who gave it, which may end in a
// full stop.
func TestTripReportEmail(t *testing.T) {
	const doc = "From: Henrike Johansson-Reyes\nTo: Sam Adeyinka\nSubject: SREcon24 EMEA (Dublin) - trip report\n\nHi Sam,\n\n" +
		"WHAT I LEARNED, TALK BY TALK\n\n" +
		"1) Opening keynote - \"Reliability Is a Team Sport, Not a Dashboard\"\n   Dr. Aoife Gallagher, Principal Engineer at Stripe.\n" +
		"   She argued that teams matter more than tooling.\n\n" +
		"2) \"Burn Rates in Practice: Two Years of SLO Alerting at Scale\"\n   Mateus Carvalho and Yuki Tanaka-Morris, both SREs at Booking.com.\n" +
		"   Pyrra on top of Prometheus, with Thanos for long-term storage.\n\n" +
		"3) Panel - \"Incident Command Without Heroes\"\n   Moderated by Nadia El-Amrani (PagerDuty), with Conor Fitzgerald-Byrne (Workday) and Ishaan Kulkarni (Zalando).\n" +
		"   Mostly about rotations.\n\nCheers,\nHenrike\n"
	v := view{extractString(t, "email.txt", doc)}
	want := map[string][]string{
		"Reliability Is a Team Sport, Not a Dashboard":               {"person:aoife-gallagher"},
		"Burn Rates in Practice: Two Years of SLO Alerting at Scale": {"person:mateus-carvalho", "person:yuki-tanaka-morris"},
		"Incident Command Without Heroes":                            {"person:conor-fitzgerald-byrne", "person:ishaan-kulkarni", "person:nadia-el-amrani"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	if got := v.out("person:mateus-carvalho", graph.WorksFor); !reflect.DeepEqual(got, []string{"org:booking-com"}) {
		t.Errorf("Mateus Carvalho works for %q, want Booking.com", got)
	}
	wantMentions(t, v, "Burn Rates in Practice: Two Years of SLO Alerting at Scale", "project:thanos")
}

// TestTitleThenSpeakerSentence: notes whose paragraphs open with a bold
// title and a room, the next sentence opening with who gave it.
func TestTitleThenSpeakerSentence(t *testing.T) {
	const doc = "# Weeknotes 2026-W05: FOSDEM\n\n## FOSDEM 2026\n\n" +
		"**eBPF Without the Kernel Headaches: CO-RE in Practice** (eBPF devroom). Kateryna\nBondarenko walked through libbpf and BTF.\n\n" +
		"**The Commons Are Not Free: Funding Open Source Infrastructure** (keynote, Janson).\nAna Luísa Figueiredo from the Open Infrastructure Fund on why donations fail.\n\n" +
		"**Tracing the Unknowable: OpenTelemetry for Batch Jobs** (Monitoring & Observability\ndevroom). Two speakers, Fatou Diallo and Rasmus Kjærgaard, both from Nordlys Energi.\nThey send everything to Jaeger.\n\n" +
		"**Slow Infrastructure** (a book). Maria Schmidt, my colleague, lent it to me.\n\n" +
		"**Chaos Engineering on a Budget** (lightning talk). Priya walked through chaos tests.\n"
	v := view{extractString(t, "weeknotes.md", doc)}
	want := map[string][]string{
		"eBPF Without the Kernel Headaches: CO-RE in Practice":         {"person:kateryna-bondarenko"},
		"The Commons Are Not Free: Funding Open Source Infrastructure": {"person:ana-luisa-figueiredo"},
		"Tracing the Unknowable: OpenTelemetry for Batch Jobs":         {"person:fatou-diallo", "person:rasmus-kjaergaard"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	for person, org := range map[string]string{"person:rasmus-kjaergaard": "org:nordlys-energi", "person:ana-luisa-figueiredo": "org:open-infrastructure-fund"} {
		if got := v.out(person, graph.WorksFor); !reflect.DeepEqual(got, []string{org}) {
			t.Errorf("%s works for %q, want %s", person, got, org)
		}
	}
}

// TestDanishCues: a Danish recap's "holdt af" and "Oplæg af ... fra",
// a lunch heading ("Frokost") between two talks.
func TestDanishCues(t *testing.T) {
	const doc = "# KCD Danmark 2025 i København\n\n## \"Ten Years of Kubernetes, and Why Denmark Still Runs on YAML\"\n\n" +
		"Dagen blev skudt i gang med keynoten, holdt af **Trine Østergaard** fra Netcompany. Hun talte om etcd.\n\n" +
		"## 🥪 Frokost\n\nSmørrebrød! Ved mit bord snakkede vi om Argo CD.\n\n" +
		"## \"eBPF Without Tears: Cilium in a Regulated Bank\"\n\nOplæg af Søren Ærenlund-Høj fra Danske Bank. Cilium og Hubble.\n\n" +
		"## \"Observability on a Budget\"\n\nHoldt af Bjørn Ågesen fra Pleo.\n\nPrometheus og Thanos.\n"
	v := view{extractString(t, "dk.md", doc)}
	want := map[string][]string{
		"Ten Years of Kubernetes, and Why Denmark Still Runs on YAML": {"person:trine-ostergaard"},
		"eBPF Without Tears: Cilium in a Regulated Bank":              {"person:soren-aerenlund-hoj"},
		"Observability on a Budget":                                   {"person:bjorn-agesen"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	if got := v.out("person:bjorn-agesen", graph.WorksFor); !reflect.DeepEqual(got, []string{"org:pleo"}) {
		t.Errorf("Bjørn Ågesen works for %q, want Pleo", got)
	}
}

// TestPanelMembersUnderALead: a panel's members as items under "No
// painel:" (or "On the panel:"), and a speaker's name in bold in the line
// under a title.
func TestPanelMembersUnderALead(t *testing.T) {
	const doc = "# KCD Lisboa 2024\n\n## Painel: \"Plataformas internas: construir ou comprar?\"\n\n" +
		"Moderado por **Chloé Dubois-Martin**, da OutSystems. No painel:\n\n" +
		"- João Pedro Gonçalves — Sky Portugal\n- Rui Figueiredo — Critical Software\n\nDiscussão animada sobre Backstage.\n\n" +
		"## \"Fraud Detection Models on KServe and Ray\"\n\nApresentada por **Inês Costa**, da Feedzai.\n\nRay e KServe.\n"
	v := view{extractString(t, "pt.md", doc)}
	want := map[string][]string{
		"Plataformas internas: construir ou comprar?": {"person:chloe-dubois-martin", "person:joao-pedro-goncalves", "person:rui-figueiredo"},
		"Fraud Detection Models on KServe and Ray":    {"person:ines-costa"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
	if got := v.out("person:rui-figueiredo", graph.WorksFor); !reflect.DeepEqual(got, []string{"org:critical-software"}) {
		t.Errorf("Rui Figueiredo works for %q", got)
	}
}

// TestBlurbAfterSpeakers: a list of '**Title** (Name) — a sentence about
// it', the sentence in any case, and a speaker list after a dash kept.
func TestBlurbAfterSpeakers(t *testing.T) {
	const doc = "# FOSDEM 2025: my favourite talks\n\n## TL;DR\n\n" +
		"- **Tracing the Kernel Without Recompiling Anything** (Jakub Dvořák) — eBPF one-liners you can actually use on Monday.\n" +
		"- **WebAssembly Components on the Server: Beyond Hello World** (Tomás Ortega) — WASI 0.2 finally feels real.\n" +
		"- **Scaling Prometheus Horizontally** (keynote) — Jane Doe and John Smith of Acme.\n"
	v := view{extractString(t, "tldr.md", doc)}
	want := map[string][]string{
		"Tracing the Kernel Without Recompiling Anything":          {"person:jakub-dvorak"},
		"WebAssembly Components on the Server: Beyond Hello World": {"person:tomas-ortega"},
		"Scaling Prometheus Horizontally":                          {"person:jane-doe", "person:john-smith"},
	}
	if got := allSpeakersByTalk(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("talks %q\nwant %q", got, want)
	}
}
