package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"maki/internal/corpus"
)

// makiBinary builds the maki command into a temporary folder: signals and
// exit statuses are about the process, so the tests run the real one.
func makiBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "maki")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestCheckRefusesFilesOutside runs "maki check" on a copy of the example
// content that carries what a hostile merge request could: a link to a
// secret beside the content, a link to /dev/zero, a named pipe, a dangling
// link and a loop. Each is an error at its own path, the check ends at
// once, and the secret appears nowhere.
func TestCheckRefusesFilesOutside(t *testing.T) {
	if _, err := os.Stat("../../content/site.yaml"); err != nil {
		t.Skip("no example content")
	}
	bin := makiBinary(t)
	base := t.TempDir()
	content := filepath.Join(base, "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	const secret = "glpat-SECRET-0123456789"
	if err := os.WriteFile(filepath.Join(base, "token.txt"), []byte("token: "+secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sys := filepath.Join(content, "systeme")
	for name, target := range map[string]string{
		"leak.yaml":     filepath.Join(base, "token.txt"),
		"zero.yaml":     "/dev/zero",
		"dangling.yaml": "nothing.yaml",
		"loop.yaml":     "loop.yaml",
	} {
		if err := os.Symlink(target, filepath.Join(sys, name)); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(filepath.Join(content, "seiten", "impressum.en.md")) // the English page becomes the environment
	if err := os.Symlink("/proc/self/environ", filepath.Join(content, "seiten", "impressum.en.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(sys, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json", "github", "gitlab"} {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		cmd := exec.CommandContext(ctx, bin, "check", "--format", format, "--content", content)
		cmd.Env = append(os.Environ(), "MAKI_TEST_SECRET="+secret)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		hung := ctx.Err() != nil
		cancel()
		if hung {
			t.Fatalf("maki check --format %s hangs", format)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Errorf("maki check --format %s: %v; want exit status 1", format, err)
		}
		out := stdout.String() + stderr.String()
		if strings.Contains(out, secret) {
			t.Errorf("maki check --format %s shows the secret:\n%s", format, out)
		}
		if format != "text" {
			continue
		}
		root := filepath.ToSlash(content)
		for _, want := range []string{
			root + "/systeme/leak.yaml: symbolic link leads outside " + root + "; want a relative link to a file inside it",
			root + "/systeme/zero.yaml: symbolic link leads outside " + root + "; want a relative link to a file inside it",
			root + "/seiten/impressum.en.md: symbolic link leads outside " + root + "; want a relative link to a file inside it",
			root + "/systeme/dangling.yaml: symbolic link to nothing (dangling); want a link to an existing file",
			root + "/systeme/loop.yaml: symbolic link loop; want a link to a file",
			root + "/systeme/pipe.yaml: file is a named pipe; want a regular file or folder",
		} {
			if !strings.Contains(out, want+"\n") {
				t.Errorf("maki check output lacks\n\t%s\ngot:\n%s", want, out)
			}
		}
	}
}

// TestInterrupt sends SIGTERM to "maki check" and "maki build" while they
// work on a generated register and wants them gone within 1.5 s, with exit
// status 130 and no output folder (nor staging folder) left behind.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a register of 2,000 systems")
	}
	if _, err := os.Stat("../../themes/default"); err != nil {
		t.Skip("no theme")
	}
	bin := makiBinary(t)
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := corpus.Write(content, 2000, 1); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "site")
	for _, args := range [][]string{
		{"check", "--content", content},
		{"build", "--content", content, "--theme", "../../themes/default", "--out", out},
	} {
		for _, after := range []time.Duration{100 * time.Millisecond, 600 * time.Millisecond, 2500 * time.Millisecond} {
			cmd := exec.Command(bin, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(after)
			sent := time.Now()
			cmd.Process.Signal(syscall.SIGTERM)
			err := cmd.Wait()
			took := time.Since(sent)
			if took > 1500*time.Millisecond {
				t.Errorf("maki %s: ended %v after SIGTERM; want within 1.5s", args[0], took)
			}
			var ee *exec.ExitError
			if err == nil {
				t.Logf("maki %s finished within %v, before the signal came", args[0], after)
				continue
			}
			if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
				t.Errorf("maki %s after SIGTERM: %v; want exit status %d\n%s", args[0], err, exitInterrupted, stderr.String())
			}
			t.Logf("maki %s: SIGTERM after %v, ended %v later: %s", args[0], after, took, strings.TrimSpace(stderr.String()))
			if args[0] != "build" {
				continue
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("maki build interrupted left %s", out)
			}
			if !strings.Contains(stderr.String(), "not stopped") {
				left, _ := filepath.Glob(filepath.Join(dir, ".site.tmp-*"))
				if len(left) > 0 {
					t.Errorf("maki build interrupted left its staging folder %v", left)
				}
			}
		}
	}
}
