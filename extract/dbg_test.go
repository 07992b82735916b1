package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDbgBlocks(t *testing.T) {
	data, _ := os.ReadFile(os.Getenv("F"))
	dec, _ := DecodeBytes(data, os.Getenv("F"))
	doc := Parse(dec, os.Getenv("F"))
	for i, b := range doc.Blocks {
		if strings.Contains(b.Text, os.Getenv("S")) {
			fmt.Printf("%d %v L%d %q\n", i, b.Kind, b.Level, b.Text)
		}
	}
}
