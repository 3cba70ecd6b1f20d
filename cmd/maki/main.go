// Command maki builds the KI-Transparenzregister from content/ into public/.
//
// Each subcommand lives in a file of its own (build.go, check.go, …) and is
// listed in the commands table in run.go.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// grace is how long a command has to return after SIGINT or SIGTERM
// before main ends the process itself.
const grace = time.Second

// exitInterrupted is the exit status after SIGINT or SIGTERM (128 + SIGINT).
const exitInterrupted = 130

func main() {
	ctx, interrupted := interruptible()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if interrupted() {
		fmt.Fprintln(os.Stderr, "maki: interrupted")
		os.Exit(exitInterrupted)
	}
	if err == nil {
		return
	}
	var ex exitError
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, &ex):
		if ex.msg != "" {
			fmt.Fprintln(os.Stderr, ex.msg)
		}
		os.Exit(ex.code)
	}
	fmt.Fprintln(os.Stderr, "maki:", err)
	os.Exit(1)
}

// interruptible returns a context that SIGINT (Ctrl-C) or SIGTERM cancels,
// and a function that tells whether that happened. Every stage watches the
// context and returns within a second; should one not, the process exits
// with status 130 a second after the signal, and a second signal ends it
// at once (the default action is restored after the first).
func interruptible() (context.Context, func() bool) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	got := make(chan struct{})
	go func() {
		<-sigs
		close(got)
		signal.Reset(os.Interrupt, syscall.SIGTERM)
		cancel()
		time.Sleep(grace)
		fmt.Fprintln(os.Stderr, "maki: interrupted; not stopped after", grace)
		os.Exit(exitInterrupted)
	}()
	return ctx, func() bool {
		select {
		case <-got:
			return true
		default:
			return false
		}
	}
}
