package export_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kg-tool/kg/export"
	"github.com/kg-tool/kg/graph"
)

// roundTrip is what a JSON reader gets back: the graph sorted, with the
// arrays the contract requires and numbers as float64.
func roundTrip(g *graph.Graph) *graph.Graph {
	c := sortedCopy(g)
	for i := range c.Nodes {
		n := &c.Nodes[i]
		if n.Aliases == nil {
			n.Aliases = []string{}
		}
		if len(n.Attrs) == 0 {
			n.Attrs = nil
			continue
		}
		attrs := map[string]any{}
		for k, v := range n.Attrs {
			if i, ok := v.(int); ok {
				v = float64(i)
			}
			attrs[k] = v
		}
		n.Attrs = attrs
	}
	for i := range c.Edges {
		if c.Edges[i].Evidence == nil {
			c.Edges[i].Evidence = []graph.Evidence{}
		}
	}
	return c
}

func TestJSONRoundTrip(t *testing.T) {
	for name, g := range map[string]*graph.Graph{"fixture": fixture(), "hostile": hostile()} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.JSON(&buf, g); err != nil {
				t.Fatal(err)
			}
			if !json.Valid(buf.Bytes()) || !strings.HasSuffix(buf.String(), "}\n") {
				t.Fatalf("not one JSON value ending in a newline")
			}
			var got graph.Graph
			dec := json.NewDecoder(&buf)
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatal(err)
			}
			if want := roundTrip(g); !reflect.DeepEqual(&got, want) {
				t.Errorf("read back\n%+v\nwant\n%+v", got, *want)
			}
		})
	}
}

func TestJSONContractShape(t *testing.T) {
	var buf bytes.Buffer
	if err := export.JSON(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Nodes []map[string]json.RawMessage `json:"nodes"`
		Edges []map[string]json.RawMessage `json:"edges"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, n := range doc.Nodes {
		if a := string(n["aliases"]); !strings.HasPrefix(a, "[") {
			t.Errorf("node %s: aliases %s, want an array", n["id"], a)
		}
		if a, ok := n["attrs"]; ok && string(a) == "{}" {
			t.Errorf("node %s: empty attrs written", n["id"])
		}
	}
	for _, e := range doc.Edges {
		if ev := string(e["evidence"]); !strings.HasPrefix(ev, "[") {
			t.Errorf("edge %s: evidence %s, want an array", e["source"], ev)
		}
	}
	if !strings.HasPrefix(buf.String(), "{\n  \"nodes\": [\n    {\n      \"id\": ") {
		t.Errorf("not indented by two spaces:\n%.80s", buf.String())
	}
}

func TestJSONLRecords(t *testing.T) {
	for name, g := range map[string]*graph.Graph{"fixture": fixture(), "hostile": hostile()} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.JSONL(&buf, g); err != nil {
				t.Fatal(err)
			}
			want := roundTrip(g)
			var got graph.Graph
			sc := bufio.NewScanner(&buf)
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				var rec struct {
					Type string `json:"type"`
				}
				if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
					t.Fatalf("line %q: %v", sc.Text(), err)
				}
				switch rec.Type {
				case "node":
					if len(got.Edges) > 0 {
						t.Fatalf("node record after an edge record")
					}
					var n graph.Node
					if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
						t.Fatal(err)
					}
					got.Nodes = append(got.Nodes, n)
				case "edge":
					var e graph.Edge
					if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
						t.Fatal(err)
					}
					got.Edges = append(got.Edges, e)
				default:
					t.Fatalf("record type %q", rec.Type)
				}
			}
			if !reflect.DeepEqual(&got, want) {
				t.Errorf("read back\n%+v\nwant\n%+v", got, *want)
			}
		})
	}
}

func ExampleJSON() {
	g := &graph.Graph{
		Nodes: []graph.Node{
			{ID: "project:cilium", Kind: graph.Project, Name: "Cilium", Aliases: []string{"Cilium"},
				Attrs: map[string]any{"url": "https://cilium.io"}},
			{ID: "talk:kcd-zurich-2023/ebpf-for-security", Kind: graph.Talk, Name: "eBPF for Security"},
		},
		Edges: []graph.Edge{
			{Source: "talk:kcd-zurich-2023/ebpf-for-security", Target: "project:cilium", Kind: graph.Mentions,
				Evidence: []graph.Evidence{{Source: "source:kcd-zurich-2023-feedback", Line: 214, Text: "Cilium & Tetragon"}}},
		},
	}
	if err := export.JSON(os.Stdout, g); err != nil {
		panic(err)
	}
	// Output:
	// {
	//   "nodes": [
	//     {
	//       "id": "project:cilium",
	//       "kind": "project",
	//       "name": "Cilium",
	//       "aliases": [
	//         "Cilium"
	//       ],
	//       "attrs": {
	//         "url": "https://cilium.io"
	//       }
	//     },
	//     {
	//       "id": "talk:kcd-zurich-2023/ebpf-for-security",
	//       "kind": "talk",
	//       "name": "eBPF for Security",
	//       "aliases": []
	//     }
	//   ],
	//   "edges": [
	//     {
	//       "source": "talk:kcd-zurich-2023/ebpf-for-security",
	//       "target": "project:cilium",
	//       "kind": "mentions",
	//       "evidence": [
	//         {
	//           "source": "source:kcd-zurich-2023-feedback",
	//           "line": 214,
	//           "text": "Cilium & Tetragon"
	//         }
	//       ]
	//     }
	//   ]
	// }
}

func ExampleJSONL() {
	g := &graph.Graph{
		Nodes: []graph.Node{
			{ID: "project:tetragon", Kind: graph.Project, Name: "Tetragon"},
			{ID: "project:cilium", Kind: graph.Project, Name: "Cilium", Aliases: []string{"Cilium"}},
		},
		Edges: []graph.Edge{{Source: "project:tetragon", Target: "project:cilium", Kind: graph.PartOf}},
	}
	if err := export.JSONL(os.Stdout, g); err != nil {
		panic(err)
	}
	// Output:
	// {"type":"node","id":"project:cilium","kind":"project","name":"Cilium","aliases":["Cilium"]}
	// {"type":"node","id":"project:tetragon","kind":"project","name":"Tetragon","aliases":[]}
	// {"type":"edge","source":"project:tetragon","target":"project:cilium","kind":"part_of","evidence":[]}
}
