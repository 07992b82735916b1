package extract

import (
	"os"
	"testing"

	"github.com/kg-tool/kg/graph"
)

func TestTmpDebug(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("F"))
	d := Parse(Decoded{Text: string(b)}, os.Getenv("F"))
	x := newExtractor(NewCatalog(Embedded()), d, "s")
	_ = Extract(d, NewCatalog(Embedded()), graph.SourceInfo{})
	_ = x
}
