package publish

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// BenchmarkStageWrite writes a site-like tree: each page index.html in a
// folder of its own under a few sections, from two writers, as the
// renderer does. One op is one file.
func BenchmarkStageWrite(b *testing.B) {
	page := make([]byte, 20<<10)
	st, err := NewStage(filepath.Join(b.TempDir(), "public"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Abort()
	b.ResetTimer()
	var wg sync.WaitGroup
	const writers = 2
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < b.N; i += writers {
				if err := st.Write(fmt.Sprintf("s%d/p%d/index.html", i%8, i), page); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
