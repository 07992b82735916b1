package extract

import (
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-tool/kg/graph"
)

// eventSeries describes one conference series: how to find it in text and
// how to name an edition.
type eventSeries struct {
	slug     string // id prefix: "kcd", "kubecon-eu"
	name     string // canonical name without city and year
	short    string // short name: "KCD", "KubeCon EU"
	re       *lazyRegexp
	hint     string // a lower-case substring every match contains, checked first
	cityName bool   // the city is part of the name (KCD Zurich)
	// cityEdition: the series meets in several cities a year, so a city
	// the recap names tells its editions apart (Cloud Native Rejekts
	// Berlin 2019 and Austin 2019), but a recap naming none still names
	// an edition (Rejekts 2019).
	cityEdition bool
	// regions: editions are told apart by a region after the name
	// ("SREcon24 EMEA", "SREcon Americas"); the name may carry a
	// two-digit year ("SREcon24").
	regions bool
	host    bool // a KubeCon, which co-located events attach to
}

var kubeconRe = `kube\s*con(?:\s*(?:\+|&|and|/)?\s*cloud\s*native\s*con)?(?:\s*\+\s*open\s*source\s*summit)?`

var seriesList = []eventSeries{
	{slug: "kubecon-eu", hint: "kube", name: "KubeCon + CloudNativeCon Europe", short: "KubeCon EU", host: true,
		re: lazyRe(`(?i)(?:virtual\s+)?` + kubeconRe + `\s*(?:\+\s*cloudnativecon\s*)?(?:europe|eu)\b`)},
	{slug: "kubecon-na", hint: "kube", name: "KubeCon + CloudNativeCon North America", short: "KubeCon NA", host: true,
		re: lazyRe(`(?i)` + kubeconRe + `\s*(?:north\s*america|na)\b`)},
	{slug: "kubecon-china", hint: "kube", name: "KubeCon + CloudNativeCon China", short: "KubeCon China", host: true,
		re: lazyRe(`(?i)` + kubeconRe + `\s*china\b`)},
	{slug: "kubecon-india", hint: "kube", name: "KubeCon + CloudNativeCon India", short: "KubeCon India", host: true,
		re: lazyRe(`(?i)` + kubeconRe + `\s*india\b`)},
	{slug: "kubecon-japan", hint: "kube", name: "KubeCon + CloudNativeCon Japan", short: "KubeCon Japan", host: true,
		re: lazyRe(`(?i)` + kubeconRe + `\s*japan\b`)},
	{slug: "kcd", hint: "kcd|community day", name: "Kubernetes Community Days", short: "KCD", cityName: true,
		re: lazyRe(`(?i)\b(?:kubernetes\s+community\s+days?|kcd)\b`)},
	{slug: "ebpf-summit", hint: "summit", name: "eBPF Summit", short: "eBPF Summit",
		re: lazyRe(`(?i)\bebpf\s+summit\b`)},
	{slug: "rejekts", hint: "rejekts", name: "Cloud Native Rejekts", short: "Rejekts", cityEdition: true,
		re: lazyRe(`(?i)\b(?:cloud\s+native\s+)?rejekts\b`)},
	{slug: "fosdem", hint: "fosdem", name: "FOSDEM", short: "FOSDEM", re: lazyRe(`(?i)\bFOSDEM\b`)},
	{slug: "devopsdays", hint: "devops", name: "DevOpsDays", short: "DevOpsDays", cityName: true,
		re: lazyRe(`(?i)\bdevops\s*days\b`)},
	{slug: "argocon", hint: "argo", name: "ArgoCon", short: "ArgoCon", re: lazyRe(`(?i)\bargo\s*con\b`)},
	{slug: "gitopscon", hint: "gitops", name: "GitOpsCon", short: "GitOpsCon", re: lazyRe(`(?i)\bgitops\s*con\b`)},
	{slug: "backstagecon", hint: "backstage", name: "BackstageCon", short: "BackstageCon", re: lazyRe(`(?i)\bbackstage\s*con\b`)},
	{slug: "ciliumcon", hint: "cilium", name: "CiliumCon", short: "CiliumCon", re: lazyRe(`(?i)\bcilium\s*con\b`)},
	{slug: "wasmcon", hint: "wasm", name: "WasmCon", short: "WasmCon", re: lazyRe(`(?i)\bwasm\s*con\b`)},
	{slug: "securitycon", hint: "securitycon", name: "Cloud Native SecurityCon", short: "SecurityCon", regions: true,
		re: lazyRe(`(?i)\b(?:cloud\s*native\s*)?securitycon\b`)},
	{slug: "cfgmgmtcamp", hint: "camp", name: "Config Management Camp", short: "CfgMgmtCamp",
		re: lazyRe(`(?i)\b(?:config(?:uration)?\s+management\s+camp|cfg\s*mgmt\s*camp)\b`)},
	{slug: "cloudland", hint: "cloudland", name: "CloudLand", short: "CloudLand", re: lazyRe(`(?i)\bcloud\s*land\b`)},
	{slug: "monitorama", hint: "monitorama", name: "Monitorama", short: "Monitorama", re: lazyRe(`(?i)\bmonitorama\b`)},
	{slug: "stackconf", hint: "stackconf", name: "stackconf", short: "stackconf", re: lazyRe(`(?i)\bstackconf\b`)},
	{slug: "cloud-nord", hint: "nord", name: "Cloud Nord", short: "Cloud Nord", re: lazyRe(`(?i)\bcloud\s*nord\b`)},
	{slug: "platformcon", hint: "platformcon", name: "PlatformCon", short: "PlatformCon", re: lazyRe(`(?i)\bplatformcon\b`)},
	{slug: "promcon", hint: "promcon", name: "PromCon", short: "PromCon", regions: true, re: lazyRe(`(?i)\bpromcon\b`)},
	{slug: "istiocon", hint: "istiocon", name: "IstioCon", short: "IstioCon", re: lazyRe(`(?i)\bistio\s*con\b`)},
	{slug: "observabilitycon", hint: "observabilitycon", name: "ObservabilityCON", short: "ObservabilityCON",
		re: lazyRe(`(?i)\bobservability\s*con\b`)},
	{slug: "gophercon", hint: "gophercon", name: "GopherCon", short: "GopherCon", regions: true, re: lazyRe(`(?i)\bgophercon\b`)},
	{slug: "hashiconf", hint: "hashiconf", name: "HashiConf", short: "HashiConf", re: lazyRe(`(?i)\bhashiconf\b`)},
	{slug: "dockercon", hint: "dockercon", name: "DockerCon", short: "DockerCon", re: lazyRe(`(?i)\bdockercon\b`)},
	{slug: "linux-plumbers", hint: "plumbers", name: "Linux Plumbers Conference", short: "LPC",
		re: lazyRe(`(?i)\blinux\s+plumbers(?:\s+conference)?\b`)},
	{slug: "all-things-open", hint: "all things open", name: "All Things Open", short: "ATO", re: lazyRe(`(?i)\ball\s+things\s+open\b`)},
	{slug: "devconf", hint: "devconf", name: "DevConf", short: "DevConf", cityEdition: true, re: lazyRe(`(?i)\bdevconf\b`)},
	{slug: "osmc", hint: "monitoring conference", name: "Open Source Monitoring Conference", short: "OSMC",
		re: lazyRe(`(?i)\bopen\s+source\s+monitoring\s+conference\b`)},
	{slug: "data-on-kubernetes-day", hint: "data on kubernetes", name: "Data on Kubernetes Day", short: "DoK Day",
		re: lazyRe(`(?i)\bdata\s+on\s+kubernetes\s+day\b`)},
	{slug: "kubeday", hint: "kubeday|kube day", name: "KubeDay", short: "KubeDay", cityName: true, re: lazyRe(`(?i)\bkube\s*day\b`)},
	{slug: "containerdays", hint: "container", name: "ContainerDays", short: "ContainerDays", cityEdition: true, re: lazyRe(`(?i)\bcontainer\s*days\b`)},
	{slug: "openssf-community-day", hint: "openssf", name: "OpenSSF Community Day", short: "OpenSSF Community Day", regions: true, re: lazyRe(`(?i)\bopenssf\s+community\s+days?\b`)},
	{slug: "open-source-summit", hint: "open source", name: "Open Source Summit", short: "OSS", regions: true, re: lazyRe(`(?i)\bopen\s+source\s+summit\b`)},
	{slug: "srecon", hint: "srecon", name: "SREcon", short: "SREcon", regions: true, re: lazyRe(`(?i)\bsrecon(?:\d{2})?\b`)},
	{slug: "cloud-native-days", hint: "native day", name: "Cloud Native Days", short: "CND", cityName: true,
		re: lazyRe(`(?i)\bcloud\s+native\s+days?\b`)},
}

// colocated are the events held on day zero of a KubeCon.
var colocated = map[string]bool{"argocon": true, "gitopscon": true, "backstagecon": true,
	"ciliumcon": true, "wasmcon": true}

var regionRe = lazyRe(`(?i)^\s*(europe|eu|north america|na|china|india|japan)\b`)

// seriesRegionRe reads the region right after a series' name.
var seriesRegionRe = lazyRe(`(?i)^\s*(emea|europe/middle east/africa|americas|apac|asia/pacific|asia pacific|north america|na|latin america|europe|eu|japan|india|china)\b`)

// canonicalRegion spells a region as the series do ("SREcon EMEA", "Open
// Source Summit North America").
func canonicalRegion(r string) string {
	switch strings.ToLower(r) {
	case "emea", "europe/middle east/africa":
		return "EMEA"
	case "americas":
		return "Americas"
	case "apac", "asia/pacific", "asia pacific":
		return "APAC"
	case "north america", "na":
		return "North America"
	case "latin america":
		return "Latin America"
	case "europe", "eu":
		return "Europe"
	}
	return upperFirst(strings.ToLower(r)) // Japan, India, China
}

// hostFor returns the KubeCon series of a region word.
func hostFor(region string) *eventSeries {
	slug := map[string]string{"europe": "kubecon-eu", "eu": "kubecon-eu", "north america": "kubecon-na",
		"na": "kubecon-na", "china": "kubecon-china", "india": "kubecon-india", "japan": "kubecon-japan"}[strings.ToLower(region)]
	for i := range seriesList {
		if seriesList[i].slug == slug {
			return &seriesList[i]
		}
	}
	return nil
}

// kubeconCities gives the city of KubeCon editions, which recaps often omit.
var kubeconCities = map[string]string{
	"kubecon-eu-2016": "London", "kubecon-eu-2017": "Berlin", "kubecon-eu-2018": "Copenhagen",
	"kubecon-eu-2019": "Barcelona", "kubecon-eu-2022": "Valencia", "kubecon-eu-2023": "Amsterdam",
	"kubecon-eu-2024": "Paris", "kubecon-eu-2025": "London", "kubecon-eu-2026": "Amsterdam",
	"kubecon-na-2017": "Austin", "kubecon-na-2018": "Seattle", "kubecon-na-2019": "San Diego",
	"kubecon-na-2021": "Los Angeles", "kubecon-na-2022": "Detroit", "kubecon-na-2023": "Chicago",
	"kubecon-na-2024": "Salt Lake City", "kubecon-na-2025": "Atlanta", "fosdem": "Brussels",
}

// cities that host conferences, and countries that name KCDs.
var cityList = []string{"Amsterdam", "Zurich", "Zürich", "Munich", "München", "Berlin", "Hamburg",
	"Cologne", "Frankfurt", "Stuttgart", "Vienna", "Wien", "Paris", "Lyon", "Lille", "Nantes", "Toulouse",
	"Valencia", "Barcelona", "Madrid", "Lisbon", "Porto", "London", "Manchester", "Edinburgh", "Dublin",
	"Brussels", "Antwerp", "Ghent", "Utrecht", "Rotterdam", "Eindhoven", "Copenhagen", "Stockholm",
	"Oslo", "Helsinki", "Tallinn", "Riga", "Vilnius", "Warsaw", "Krakow", "Kraków", "Wroclaw", "Prague",
	"Brno", "Bratislava", "Budapest", "Bucharest", "Sofia", "Athens", "Istanbul", "İstanbul", "Ankara", "Rome",
	"Milan", "Turin", "Bologna", "Geneva", "Lausanne", "Bern", "Basel", "Zagreb", "Belgrade",
	"Ljubljana", "Kyiv", "Tel Aviv", "Dubai", "Cairo", "Lagos", "Nairobi", "Accra", "Kampala",
	"Cape Town", "Johannesburg", "Bengaluru", "Bangalore", "Chennai", "Mumbai", "Pune", "Hyderabad",
	"Delhi", "New Delhi", "Kochi", "Kolkata", "Ahmedabad", "Colombo", "Dhaka", "Karachi", "Lahore",
	"Singapore", "Kuala Lumpur", "Jakarta", "Manila", "Bangkok", "Hanoi", "Ho Chi Minh City", "Taipei",
	"Hong Kong", "Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Seoul", "Tokyo", "Osaka", "Sydney",
	"Melbourne", "Auckland", "Toronto", "Montreal", "Vancouver", "Ottawa", "Chicago", "Detroit",
	"Austin", "Seattle", "Bellevue", "Santa Clara", "San Jose", "Las Vegas", "Portland", "Raleigh", "San Diego", "Los Angeles", "San Francisco", "Boston", "New York", "Atlanta",
	"Salt Lake City", "Denver", "Washington", "Houston", "Dallas", "Miami", "Mexico City",
	"Guadalajara", "Bogota", "Bogotá", "Lima", "Santiago", "Buenos Aires", "Sao Paulo", "São Paulo",
	"Rio de Janeiro", "Porto Alegre", "Montevideo", "Zug", "Luzern", "Lucerne", "Aarhus", "Gothenburg",
	"Leipzig", "Dresden", "Nuremberg", "Nürnberg", "Bilbao", "Brühl", "Düsseldorf", "Karlsruhe", "Bonn", "Hannover", "Salzburg",
	"Graz", "Linz", "Valletta", "Belfast", "Cardiff", "Bristol", "Leeds", "Glasgow", "Ghent",
	"Netherlands", "Switzerland", "Austria", "Germany", "France", "Spain", "Portugal", "Italy",
	"Poland", "Czech & Slovak", "Czechia", "Romania", "Hungary", "Greece", "Turkey", "Türkiye", "Israel",
	"Denmark", "Sweden", "Norway", "Finland", "Estonia", "Ireland", "UK", "Texas", "Colombia", "Peru",
	"Chile", "Guatemala", "Costa Rica", "Brazil", "Argentina", "Uruguay", "Kenya", "Nigeria", "Ghana",
	"Uganda", "Rwanda", "Ethiopia", "Indonesia", "Philippines", "Vietnam", "Taiwan", "Korea", "Japan",
	"New Zealand", "Australia", "Canada", "Mexico", "Sri Lanka", "Bangladesh", "Pakistan", "Nepal",
	"Kerala", "Lagos", "Abuja", "Casablanca", "Tunis", "Algiers", "Riyadh", "Doha", "Baku", "Tbilisi",
	"Yerevan", "Almaty", "Chisinau", "Sarajevo", "Skopje", "Tirana", "Podgorica", "Rejekts",
	// places as their own languages write them
	"Warszawa", "Praha", "Köln", "București", "Lisboa", "København", "Göteborg", "Bruxelles", "Hà Nội", "Genève"}

var (
	yearRe  = lazyRe(`\b(20[0-3]\d|199\d)\b`)
	cityNrm = map[string]string{"zürich": "Zurich", "münchen": "Munich", "wien": "Vienna", "nürnberg": "Nuremberg",
		"kraków": "Krakow", "bangalore": "Bengaluru", "bogotá": "Bogota", "são paulo": "Sao Paulo",
		"türkiye": "Turkey", "istanbul": "Istanbul", "czechia": "Czech & Slovak", "lucerne": "Luzern",
		"warszawa": "Warsaw", "praha": "Prague", "köln": "Cologne", "bucurești": "Bucharest", "lisboa": "Lisbon",
		"københavn": "Copenhagen", "göteborg": "Gothenburg", "bruxelles": "Brussels", "hà nội": "Hanoi", "genève": "Geneva"}
)

// citiesByFirst holds the city names (Rejekts aside: it is a conference
// that is named like a place) by first byte, in cityList order.
var citiesByFirst = func() map[byte][]string {
	m := map[byte][]string{}
	for _, c := range cityList {
		if c != "Rejekts" {
			m[c[0]] = append(m[c[0]], c)
		}
	}
	return m
}()

// findCity returns the leftmost city name in s that stands as whole words
// (the first in cityList order where several start at the same place), or
// "". It is the regexp \b(city|...)\b without the regexp: this runs on
// every title and first paragraph.
// cityNames holds the cities of cityList by their lower case.
var cityNames = func() map[string]string {
	m := make(map[string]string, len(cityList))
	for _, c := range cityList {
		m[strings.ToLower(c)] = c
	}
	return m
}()

// isCity reports whether s is a city of the list.
func isCity(s string) bool {
	var buf [24]byte
	l, ok := lowerASCII(buf[:], s)
	if !ok {
		return len(s) <= 24 && cityNames[strings.ToLower(s)] != ""
	}
	return cityNames[string(l)] != ""
}

func findCity(s string) string {
	for i := 0; i < len(s); i++ {
		cands := citiesByFirst[s[i]]
		if cands == nil || i > 0 && isWordByte(s[i-1]) || s[i] < 0x80 && !wordBoundary(s, i) {
			continue // ("İstanbul" starts with a byte that is no ASCII letter)
		}
		for _, c := range cands {
			if strings.HasPrefix(s[i:], c) && !wordRuneAt(s, i+len(c)) {
				return c
			}
		}
	}
	return ""
}

// wordRuneAt reports whether a letter, digit or "_" starts at s[i:]: a
// name that ends in "á" ends before a space as one ending in "a" does.
func wordRuneAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if s[i] < utf8.RuneSelf {
		return isWordByte(s[i])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

func canonicalCity(c string) string {
	if n, ok := cityNrm[strings.ToLower(c)]; ok {
		return n
	}
	return c
}

// eventInfo is the event a recap covers.
type eventInfo struct {
	series *eventSeries
	region string       // "EMEA" for a series with regions
	host   *eventSeries // the KubeCon a co-located event ran at
	city   string
	year   int
	text   string // the spelling found
	line   int
	lineTx string
}

// findEvent looks for the event in the title, the URL, and the first
// blocks, in that order; the first series found wins, and city and year
// are read next to it or, failing that, elsewhere in the same places.
func (x *extractor) findEvent() *eventInfo {
	if ev := x.meetupEvent(); ev != nil {
		// "# Cloud Native Zürich Meetup #42 — recap": a local meetup's
		// edition, not the conference its notes announce
		return ev
	}
	var places []place
	if x.doc.Title != "" {
		places = append(places, place{x.doc.Title, x.metaLine(x.doc.Title)})
	}
	if x.doc.URL != "" {
		places = append(places, place{strings.NewReplacer("-", " ", "/", " ", "_", " ").Replace(x.doc.URL), x.metaLine(x.doc.URL)})
	}
	for i, b := range x.doc.Blocks {
		if i >= 12 {
			break
		}
		t := b.Text
		if len(t) > 2000 {
			cut := 2000
			for cut > 0 && !utf8.RuneStart(t[cut]) {
				cut--
			}
			t = t[:cut] // the event is named early, not deep in a huge block
		}
		places = append(places, place{t, b.Line})
	}
	var ev *eventInfo
	scan, further := places, false
again:
	for _, p := range scan {
		found := hintTable.scan(strings.ToLower(p.text))
		for si := range seriesList {
			s := &seriesList[si]
			if found&hintTable.series[si] == 0 {
				continue
			}
			loc := s.re.FindStringIndex(p.text)
			if loc == nil {
				continue
			}
			if ev != nil && !ev.series.host && s.host && ev.host == nil && !ev.series.cityName {
				// "ArgoCon ... at KubeCon Europe 2024 in Paris" (a KCD, named
				// by its city, is never part of a KubeCon)
				ev.host = s
				near := p.text[loc[1]:min(len(p.text), loc[1]+40)]
				if m := yearRe.FindString(near); m != "" && ev.year == 0 {
					ev.year, _ = strconv.Atoi(m)
				}
				break
			}
			if ev != nil && !(ev.series.host && !s.host) {
				continue
			}
			if ev != nil && ev.series.host && !s.host && p.text != x.doc.Title && !colocatedAt(p.text, loc, ev.series) {
				// a co-located event named in passing, after a KubeCon
				// ("Monday: Rejekts and the Contributor Summit", "I came
				// early for Cloud Native Rejekts")
				continue
			}
			if ev != nil && ev.series.host && !s.host {
				// a co-located event at a KubeCon: "ArgoCon at KubeCon EU 2024"
				ev = &eventInfo{series: s, host: ev.series, year: ev.year, city: ev.city,
					text: p.text[loc[0]:loc[1]], line: p.line, lineTx: p.text}
			} else {
				ev = &eventInfo{series: s, text: p.text[loc[0]:loc[1]], line: p.line, lineTx: p.text}
			}
			near := p.text[loc[1]:min(len(p.text), loc[1]+40)]
			before := p.text[max(0, loc[0]-30):loc[0]]
			if !s.host && ev.host == nil && colocated[s.slug] {
				// "ArgoCon Europe 2024": the region names the host KubeCon
				if m := regionRe.FindStringSubmatch(near); m != nil {
					ev.host = hostFor(m[1])
				}
			}
			if s.regions {
				if m := seriesRegionRe.FindStringSubmatch(near); m != nil {
					ev.region = canonicalRegion(m[1])
				}
				if t := p.text[loc[0]:loc[1]]; ev.year == 0 && len(t) > 2 && t[len(t)-1] >= '0' && t[len(t)-1] <= '9' {
					ev.year, _ = strconv.Atoi("20" + t[len(t)-2:]) // "SREcon24"
				}
			}
			if m := yearRe.FindString(near); m != "" && ev.year == 0 {
				ev.year, _ = strconv.Atoi(m)
			} else if m := yearRe.FindAllString(before, -1); len(m) > 0 && ev.year == 0 {
				ev.year, _ = strconv.Atoi(m[len(m)-1])
			}
			if c := findCity(near); c != "" && ev.city == "" {
				ev.city = canonicalCity(c)
			} else if c := editionPlace(near); c != "" && s.cityName && ev.city == "" {
				ev.city = canonicalCity(c)
			}
			if !s.host {
				break
			}
			// a KubeCon: an event co-located with it may follow in the
			// same text ("ArgoCon at KubeCon Europe 2024")
		}
	}
	if ev == nil && !further && len(x.doc.Blocks) > 12 {
		// a post that names its event only further down (a reply that
		// quotes the first message of a thread)
		further, scan = true, nil
		for i := 12; i < len(x.doc.Blocks) && i < 60; i++ {
			if b := &x.doc.Blocks[i]; len(b.Text) <= 2000 {
				scan = append(scan, place{b.Text, b.Line})
			}
		}
		goto again
	}
	if ev == nil {
		ev = x.namedEvent()
	}
	if ev == nil {
		return nil
	}
	// a region another mention of the series gives ("Cloud Native
	// SecurityCon 2024" in the title, "... North America" in the text)
	for _, p := range places {
		if !ev.series.regions || ev.region != "" || ev.series.re == nil {
			break
		}
		for _, loc := range ev.series.re.FindAllStringIndex(p.text, -1) {
			if m := seriesRegionRe.FindStringSubmatch(p.text[loc[1]:min(len(p.text), loc[1]+40)]); m != nil {
				ev.region = canonicalRegion(m[1])
				break
			}
		}
	}
	// city and year from the rest of the title, URL and first paragraphs
	for _, p := range places {
		if ev.city == "" {
			if c := findCity(p.text); c != "" {
				ev.city = canonicalCity(c)
			}
		}
		if ev.year == 0 && (p.text == x.doc.Title || p.line == ev.line) {
			if m := yearRe.FindString(p.text); m != "" {
				ev.year, _ = strconv.Atoi(m)
			}
		}
	}
	if ev.year == 0 && x.doc.Title != "" {
		if m := yearRe.FindString(x.doc.Date); m != "" {
			ev.year, _ = strconv.Atoi(m)
		}
	}
	if ev.year == 0 {
		ev.year = x.postYear()
	}
	if ev.series.cityName && ev.city == "" {
		// "Kubernetes Community Days" alone names no edition.
		return nil
	}
	return ev
}

// editionPlaceRe is a place the list does not know, between a series
// named by its city and a year: "DevOpsDays Tampere 2025", "KCD Hà Nội
// 2025", "KCD Split 2026".
var editionPlaceRe = lazyRe(`^\s+(\p{Lu}[\p{L}'’.]*(?:[ -]\p{Lu}[\p{L}'’.]*){0,2}),?\s+(?:19|20)\d\d\b`)

// notPlaces are capitalised words that stand between a series and a
// year without naming a place ("KCD Recap 2025", "DevOpsDays Online 2021").
var notPlaces = map[string]bool{"recap": true, "notes": true, "edition": true, "online": true, "virtual": true,
	"highlights": true, "review": true, "report": true, "day": true, "talks": true, "keynote": true,
	"summary": true, "program": true, "programme": true, "schedule": true, "agenda": true, "cfp": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"spring": true, "summer": true, "autumn": true, "fall": true, "winter": true}

// editionPlace returns the place that near (the text right after a
// series' name) opens with before a year, or "".
func editionPlace(near string) string {
	m := editionPlaceRe.FindStringSubmatch(near)
	if m == nil {
		return ""
	}
	for _, w := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ' ' || r == '-' }) {
		if notPlaces[strings.ToLower(w)] {
			return ""
		}
	}
	if c := cityNames[strings.ToLower(m[1])]; c != "" {
		return c // "KCD MANILA 2025"
	}
	if strings.ToUpper(m[1]) == m[1] {
		return titleWords(m[1]) // "DEVOPSDAYS TAMPERE 2025"
	}
	return m[1]
}

// titleWords writes each word of an all-capitals name as a name:
// "CLUJ-NAPOCA" is "Cluj-Napoca".
func titleWords(s string) string {
	rs := []rune(strings.ToLower(s))
	for i := range rs {
		if i == 0 || rs[i-1] == ' ' || rs[i-1] == '-' {
			rs[i] = unicode.ToUpper(rs[i])
		}
	}
	return string(rs)
}

// colocatedAt reports whether the event at loc in text is said to be
// part of a host event named right after it: "ArgoCon at KubeCon Europe
// 2024", "Rejekts, the weekend before KubeCon".
func colocatedAt(text string, loc []int, host *eventSeries) bool {
	rest := text[loc[1]:]
	m := colocatedRe.FindStringIndex(rest)
	if m == nil {
		return false
	}
	h := host.re.FindStringIndex(rest[m[1]:])
	return h != nil && h[0] == 0
}

var colocatedRe = lazyRe(`^(?:\s+(?:19|20)\d\d)?,?\s+(?:at|@|during|before|ahead of|next to|(?:co-?located|held|run)\s+(?:with|at|alongside)|alongside|(?:on\s+)?the\s+(?:day|weekend|week)\s+before)\s+(?:the\s+)?`)

// postYear returns the year of the post's date near its top ("Exported
// 2023-09-09 · 15 posts", "*Posted on 14 March 2025*"), 0 for none.
func (x *extractor) postYear() int {
	for i, b := range x.doc.Blocks {
		if i >= 5 {
			break
		}
		if m := postDateRe.FindStringSubmatch(b.Text[:min(len(b.Text), 300)]); m != nil {
			y, _ := strconv.Atoi(m[1] + m[2] + m[3] + m[4])
			return y
		}
	}
	return 0
}

// postDateRe matches a full date and captures its year in one of three
// groups: "2023-09-09", "Sep 9, 2023", "9 September 2023", "25/03/2024".
var postDateRe = lazyRe(`(?i)\b(20\d\d)-\d\d-\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(20\d\d)\b|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(20\d\d)\b|\b\d{1,2}[/.]\d{1,2}[/.](20\d\d)\b`)

// seriesHints finds the hints of all series in one pass over a text
// instead of one search per hint: of ~40 hints most start with a common
// letter, so separate searches stopped at nearly every c, d, o and s.
type seriesHints struct {
	words  []string    // distinct hints, all at least two bytes long
	first  [256]uint64 // by byte, the hints it starts
	second [256]uint64 // by byte, the hints whose second byte it is
	series []uint64    // per series, the bits of its hints
	kube   int         // index of "kube" (which also needs "con" after it)
}

var hintTable = buildSeriesHints(seriesList)

func buildSeriesHints(list []eventSeries) *seriesHints {
	h := &seriesHints{kube: -1}
	index := map[string]int{}
	for _, s := range list {
		var bits uint64
		for _, w := range strings.Split(s.hint, "|") {
			k, ok := index[w]
			if !ok {
				k = len(h.words)
				if k == 64 {
					panic("event: more than 64 series hints")
				}
				index[w] = k
				if len(w) < 2 {
					panic("event: series hint " + w + " is shorter than two bytes")
				}
				h.words = append(h.words, w)
				h.first[w[0]] |= 1 << k
				h.second[w[1]] |= 1 << k
				if w == "kube" {
					h.kube = k
				}
			}
			bits |= 1 << k
		}
		h.series = append(h.series, bits)
	}
	return h
}

// scan returns the bits of the hints that lower (lower-case text) holds.
// Two table lookups per byte rule out nearly every position.
func (h *seriesHints) scan(lower string) uint64 {
	var found uint64
	kubeAt := -1
	for i := 0; i+1 < len(lower); i++ {
		cand := h.first[lower[i]] & h.second[lower[i+1]] &^ found
		for cand != 0 {
			k := bits.TrailingZeros64(cand)
			cand &^= 1 << k
			if strings.HasPrefix(lower[i:], h.words[k]) {
				found |= 1 << k
				if k == h.kube {
					kubeAt = i
				}
			}
		}
	}
	if kubeAt >= 0 && !strings.Contains(lower[kubeAt:], "con") {
		found &^= 1 << h.kube
	}
	return found
}

// metaLine finds the source line that holds s (front matter or <title>).
func (x *extractor) metaLine(s string) int {
	for i, l := range x.doc.Lines {
		if i > 400 {
			break
		}
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	return 1
}

// node returns the event's id, canonical name, aliases and attributes.
func (ev *eventInfo) node() graph.Node {
	s := ev.series
	region := ""
	if ev.host != nil {
		region = strings.TrimPrefix(ev.host.short, "KubeCon ")
	}
	if region == "" {
		region = ev.region
	}
	base, short := s.name, s.short
	if region != "" {
		base, short = s.name+" "+region, s.short+" "+region
	}
	slug := s.slug
	if region != "" {
		slug += "-" + graph.Slug(region)
	}
	city := ev.city
	if city == "" {
		key := slug
		if ev.year > 0 {
			key += "-" + strconv.Itoa(ev.year)
		}
		city = kubeconCities[key]
		if city == "" {
			city = kubeconCities[slug]
		}
	}
	withCity := base
	shortCity := short
	// An edition held at a KubeCon is told apart by the KubeCon's region.
	if (s.cityName || s.cityEdition && region == "") && city != "" {
		withCity += " " + city
		shortCity += " " + city
		slug += "-" + graph.Slug(city)
	}
	name := withCity
	aliases := []string{withCity, shortCity}
	if !s.cityName || city == "" || strings.Contains(graph.Key(ev.text), graph.Key(city)) {
		aliases = append(aliases, ev.text)
	}
	if ev.year > 0 {
		y := strconv.Itoa(ev.year)
		name = withCity + " " + y
		aliases = append(aliases, shortCity+" "+y)
		slug += "-" + y
	}
	n := graph.Node{ID: "event:" + slug, Kind: graph.Event, Name: name,
		Attrs: map[string]any{"series": s.slug, "quality": graph.QualityLine}}
	if region != "" {
		n.Attrs["series"] = s.slug + "-" + graph.Slug(region)
	}
	if ev.year > 0 {
		n.Attrs["year"] = ev.year
	} else {
		// A name without the year names the edition less fully: when the
		// store joins it to the edition with a year, that one's name stays.
		n.Attrs["quality"] = graph.QualityProse
	}
	if city != "" {
		n.Attrs["city"] = city
	}
	for _, a := range aliases {
		if a != "" && a != name && !contains(n.Aliases, a) {
			n.Aliases = append(n.Aliases, a)
		}
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isEventName reports whether s names a conference series ("KubeCon
// Europe", "KCD Munich").
func (x *extractor) isEventName(s string) bool {
	found := hintTable.scan(strings.ToLower(s))
	for i := range seriesList {
		if found&hintTable.series[i] != 0 && seriesList[i].re.FindStringIndex(s) != nil {
			return true
		}
	}
	return false
}

// namedEvent reads an event of no known series from the post's title or
// first heading: capitalised words that end in an event word, then the
// year ("Cloud Native Summit Munich 2025", "JSConf EU 2024: my notes").
func (x *extractor) namedEvent() *eventInfo {
	for _, pl := range x.titlePlaces() {
		p := pl.text
		if len(p) > 200 {
			continue
		}
		for _, loc := range yearRe.FindAllStringIndex(p, -1) {
			words := strings.Fields(strings.TrimRight(p[:loc[0]], " ,:–—-"))
			k := len(words)
			for k > 0 && len(words)-k < 7 && eventWordOK(words[k-1]) {
				k--
			}
			phrase := words[k:]
			ew := -1 // the event word: the last or the one before a city
			for j := len(phrase) - 1; j >= 0 && j >= len(phrase)-2; j-- {
				if eventWordRe.MatchString(phrase[j]) {
					ew = j
					break
				}
			}
			if ew < 1 && !(ew == 0 && len(phrase[0]) >= 5) { // "Con 2024" alone names nothing; "PlatformCon 2024" does
				continue
			}
			name := strings.Join(phrase[:ew+1], " ")
			city, region := "", ""
			if ew < len(phrase)-1 {
				last := phrase[len(phrase)-1]
				if m := seriesRegionRe.FindStringSubmatch(last); m != nil && len(m[0]) == len(last) {
					region = canonicalRegion(m[1]) // "JSConf EU 2024"
				} else if city = findCity(last); city == "" {
					continue // "Summit Blue 2024"
				}
			}
			year, _ := strconv.Atoi(p[loc[0]:loc[1]])
			s := &eventSeries{slug: graph.Slug(name), name: name, short: name, cityName: city != ""}
			return &eventInfo{series: s, year: year, city: canonicalCity(city), region: region, text: name,
				line: x.metaLine(name), lineTx: p}
		}
	}
	return nil
}

// meetupEvent reads a meetup's numbered edition from the post's title or
// first heading ("Cloud Native Zürich Meetup #42"), its year from the
// post's date; nil when there is none.
func (x *extractor) meetupEvent() *eventInfo {
	for _, p := range x.titlePlaces() {
		if len(p.text) > 200 || !strings.Contains(p.text, "#") {
			continue
		}
		m := meetupRe.FindStringSubmatch(p.text)
		if m == nil {
			continue
		}
		name := strings.TrimSpace(m[1]) + " #" + m[2]
		if p.line < 0 {
			p.line = x.metaLine(p.text)
		}
		ev := &eventInfo{series: &eventSeries{slug: graph.Slug(name), name: name, short: name}, text: name, line: p.line, lineTx: p.text}
		if c := findCity(m[1]); c != "" {
			ev.city = canonicalCity(c)
		}
		if y := yearRe.FindString(x.doc.Date); y != "" {
			ev.year, _ = strconv.Atoi(y)
		} else {
			ev.year = x.postYear()
		}
		return ev
	}
	return nil
}

type place struct {
	text string
	line int
}

// titlePlaces returns where a post names its event in a title: the title
// of its metadata (line -1: metaLine finds it when needed) and its first
// heading or line.
func (x *extractor) titlePlaces() []place {
	var places []place
	if x.doc.Title != "" {
		places = append(places, place{x.doc.Title, -1})
	}
	for i, b := range x.doc.Blocks {
		if i >= 3 {
			break
		}
		if b.Kind == Heading || i == 0 {
			places = append(places, place{b.Text, b.Line})
		}
	}
	return places
}

// meetupRe matches a meetup's name and the number of its edition.
var meetupRe = lazyRe(`((?:\p{Lu}[\p{L}\d.+-]*\s+){1,6}(?:Meetup|Meet-up|User Group|Usergroup|Meetup Group))\s*#\s*(\d{1,4})\b`)

// eventWordRe matches the word that makes a phrase an event's name.
var eventWordRe = lazyRe(`^(?:\p{Lu}[\p{L}\d.+-]*(?:Con|CON|Conf|Summit|Camp|Fest)|Con|Conf|Summit|Days?|Camp|Conference|Forum|Fest|Festival|Meetup|Symposium|Expo|Week|Hackathon)$`)

// eventWordOK: a word of an event's name read back from its year:
// capitalised, not a word that starts a post's title ("Notes from ...").
func eventWordOK(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	switch strings.ToLower(strings.Trim(w, ":,")) {
	case "my", "our", "notes", "recap", "report", "from", "at", "in", "to", "the", "a", "about", "review",
		"takeaways", "highlights", "thoughts", "impressions", "trip", "lessons", "learned":
		return false
	}
	return !strings.HasSuffix(w, ":") && !strings.HasSuffix(w, ",")
}
