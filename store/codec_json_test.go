package store

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/s2"

	"github.com/kg-tool/kg/graph"
)

// TestAppendSourceJSONMatchesMarshal: source records are written as
// json.Marshal would write them, byte for byte, whatever their strings and
// attribute values hold.
func TestAppendSourceJSONMatchesMarshal(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pieces := []string{"a", "Zurich", " ", "-", ":", "\"", "\\", "<", ">", "&", "\n", "\t", "\x01", "é", "€", "\u2028", "\xff", "talk:x/y"}
	str := func() string {
		var sb strings.Builder
		for n := rng.Intn(6); n > 0; n-- {
			sb.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return sb.String()
	}
	strs := func() []string {
		switch rng.Intn(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		out := make([]string, 1+rng.Intn(3))
		for i := range out {
			out[i] = str()
		}
		return out
	}
	value := func() any {
		switch rng.Intn(8) {
		case 0:
			return str()
		case 1:
			return rng.Intn(3000) - 10
		case 2:
			return rng.Intn(2) == 0
		case 3:
			return 1.5
		case 4:
			return []any{str(), 2}
		case 5:
			return map[string]any{str(): str(), "z": 1}
		case 6:
			return nil
		}
		return "plain"
	}
	// Records encoded with one writer's scratch buffers stay whole while
	// later records are encoded.
	var scratch sourceScratch
	var encoded, wants [][]byte
	for i := 0; i < 3000; i++ {
		rec := &sourceRec{Info: graph.SourceInfo{ID: str(), Path: str(), Hash: str(), Size: rng.Int63n(1 << 40),
			Format: str(), Title: str(), Ingested: time.Date(2026, 11, 23, 18, 0, 0, rng.Intn(1e9), time.FixedZone("x", 3600*(rng.Intn(5)-2)))},
			Warnings: strs()}
		if rng.Intn(2) == 0 {
			rec.Group = batchGroup(uint64(rng.Intn(100)))
		}
		if rng.Intn(5) > 0 {
			rec.Nodes = []graph.Node{}
			for n := rng.Intn(4); n > 0; n-- {
				nd := graph.Node{ID: str(), Kind: graph.NodeKind(str()), Name: str(), Aliases: strs()}
				if k := rng.Intn(4); k > 0 {
					nd.Attrs = map[string]any{}
					for ; k > 1; k-- {
						nd.Attrs[str()] = value()
					}
				}
				rec.Nodes = append(rec.Nodes, nd)
			}
		}
		if rng.Intn(5) > 0 {
			rec.Edges = []edgeRef{}
			for n := rng.Intn(4); n > 0; n-- {
				rec.Edges = append(rec.Edges, edgeRef{str(), graph.EdgeKind(str()), str()})
			}
		}
		want, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendSourceJSON(nil, rec)
		if err != nil || string(got) != string(want) {
			t.Fatalf("record %d:\n got %s, %v\nwant %s", i, got, err, want)
		}
		enc, err := scratch.encode(rec)
		if err != nil {
			t.Fatal(err)
		}
		encoded, wants = append(encoded, enc), append(wants, want)
	}
	for i, enc := range encoded {
		if enc[0] != sourceRecS2 {
			t.Fatalf("record %d: marker %#x", i, enc[0])
		}
		got, err := s2.Decode(nil, enc[1:])
		if err != nil || string(got) != string(wants[i]) {
			t.Fatalf("record %d after later encodes:\n got %s, %v\nwant %s", i, got, err, wants[i])
		}
	}
}
