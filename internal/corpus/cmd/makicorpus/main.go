// Command makicorpus writes a synthetic content tree for maki: site
// settings, topics, pages, organisations and n AI systems.
//
//	go run ./internal/corpus/cmd/makicorpus -n 10000 -seed 1 -out /tmp/corpus10k
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"maki/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of systems")
	seed := flag.Int64("seed", 1, "random seed; the same n and seed give identical files")
	out := flag.String("out", "", "content directory to create (must not exist or be empty)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	t0 := time.Now()
	if err := corpus.Write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "makicorpus:", err)
		os.Exit(1)
	}
	c := corpus.Counts(*n, *seed)
	fmt.Fprintf(os.Stderr, "makicorpus: %d systems, %d organisations (bund %d, land %d, kommune %d) in %s in %.1fs\n",
		*n, c["bund"]+c["land"]+c["kommune"], c["bund"], c["land"], c["kommune"], *out, time.Since(t0).Seconds())
}
