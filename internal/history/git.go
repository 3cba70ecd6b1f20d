package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ErrNoGit is returned (wrapped, with the reason) when the content is not
// in a git repository or there is no git command.
var ErrNoGit = errors.New("no git history")

// git runs the git command in a directory with a clean environment.
type git struct {
	dir string
	env []string
}

func newGit(dir string) (*git, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("%w: git command not found", ErrNoGit)
	}
	return &git{dir: dir, env: gitEnv(os.Environ())}, nil
}

// gitEnv returns env without the variables that redirect or configure git
// (GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_*, …) and with those that keep it
// quiet and independent of the machine's configuration.
func gitEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || k == "PAGER" || k == "LANG" || strings.HasPrefix(k, "LC_") {
			continue
		}
		out = append(out, kv)
	}
	return append(out,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_PAGER=cat",
		"PAGER=cat",
		"GIT_OPTIONAL_LOCKS=0",
		"GIT_NO_REPLACE_OBJECTS=1",
		"LC_ALL=C",
	)
}

// config is passed before every subcommand: settings a user's global
// configuration must not change in our output.
var config = []string{
	"-c", "core.quotepath=off",
	"-c", "log.showSignature=false",
	"-c", "diff.renames=true",
	"-c", "core.fsmonitor=false",
	"-c", "log.follow=false",
	"-c", "diff.noprefix=false",
}

func (g *git) cmd(ctx context.Context, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, "git", append(append([]string{"--no-pager"}, config...), args...)...)
	c.Dir = g.dir
	c.Env = g.env
	c.WaitDelay = time.Second
	return c
}

// output runs git and returns its standard output; a failure says what
// git wrote to stderr (its first line).
func (g *git) output(ctx context.Context, args ...string) ([]byte, error) {
	c := g.cmd(ctx, args...)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, msg)
	}
	return out, nil
}

// change is one file's line of a commit's raw diff.
type change struct {
	status  byte   // 'A', 'M', 'D', 'R', 'C', 'T'
	oldBlob string // full hash ("" for an addition)
	newBlob string // full hash ("" for a deletion)
	oldPath string // content-relative; for R and C the source
	path    string // content-relative; for D the deleted file
}

// commit is one commit of the first-parent history with its changes to
// the systems folder.
type commit struct {
	hash    string
	date    time.Time
	author  string
	changes []change
}

const zeroOID = "0000000000000000000000000000000000000000"

// log runs one git log over the systems folder, oldest commit first.
func (g *git) log(ctx context.Context, authors bool) ([]commit, error) {
	format := "--format=%x1e%H %ct"
	if authors {
		format += " %an"
	}
	c := g.cmd(ctx, "log", "--reverse", "--first-parent", "--diff-merges=first-parent",
		"--raw", "--no-abbrev", "-z", "-M", "--relative", "--no-ext-diff", "--no-textconv",
		"--no-color", "--no-show-signature", format, "--", "systeme")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := c.Start(); err != nil {
		return nil, err
	}
	commits, perr := parseLog(bufio.NewReaderSize(out, 1<<16))
	if perr != nil {
		io.Copy(io.Discard, out)
	}
	werr := c.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if werr != nil {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if strings.Contains(msg, "does not have any commits") || strings.Contains(msg, "bad default revision") {
			return nil, nil // a repository without commits: no history yet
		}
		return nil, fmt.Errorf("git log: %v: %s", werr, msg)
	}
	return commits, perr
}

// parseLog reads the output of log: NUL-separated tokens, a commit
// header starting with \x1e, then per file a raw line (":mode mode old new
// status") followed by one path, or two for a rename or copy. Paths are
// taken as they are, by position, so no file name can pass for a header.
func parseLog(r *bufio.Reader) ([]commit, error) {
	var commits []commit
	next := func() (string, bool, error) {
		tok, err := r.ReadString(0)
		if err == io.EOF {
			if tok == "" || tok == "\n" {
				return "", false, nil
			}
			return tok, true, nil
		}
		if err != nil {
			return "", false, err
		}
		return tok[:len(tok)-1], true, nil
	}
	for {
		tok, ok, err := next()
		if err != nil || !ok {
			return commits, err
		}
		tok = strings.TrimLeft(tok, "\n")
		switch {
		case strings.HasPrefix(tok, "\x1e"):
			f := strings.SplitN(tok[1:], " ", 3)
			if len(f) < 2 {
				return nil, fmt.Errorf("git log: malformed commit line %q", tok)
			}
			sec, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("git log: malformed commit date %q", f[1])
			}
			c := commit{hash: f[0], date: time.Unix(sec, 0).UTC()}
			if len(f) == 3 {
				c.author = f[2]
			}
			commits = append(commits, c)
		case strings.HasPrefix(tok, ":"):
			f := strings.Fields(tok[1:])
			if len(f) != 5 || len(commits) == 0 {
				return nil, fmt.Errorf("git log: malformed diff line %q", tok)
			}
			ch := change{status: f[4][0], oldBlob: f[2], newBlob: f[3]}
			if ch.oldBlob == zeroOID {
				ch.oldBlob = ""
			}
			if ch.newBlob == zeroOID {
				ch.newBlob = ""
			}
			p, ok, err := next()
			if err != nil || !ok {
				return nil, fmt.Errorf("git log: path missing after %q", tok)
			}
			ch.path = p
			if ch.status == 'R' || ch.status == 'C' {
				p2, ok, err := next()
				if err != nil || !ok {
					return nil, fmt.Errorf("git log: second path missing after %q", tok)
				}
				ch.oldPath, ch.path = p, p2
			}
			last := &commits[len(commits)-1]
			last.changes = append(last.changes, ch)
		case tok == "":
		default:
			return nil, fmt.Errorf("git log: unexpected output %q", tok)
		}
	}
}

// maxBlob is the largest file version read; larger ones count as
// unreadable (the loader refuses files of that size anyway).
const maxBlob = 4 << 20

// stream reads the blobs with the ids in oids through one git cat-file
// --batch and calls each with every one in the order asked (data nil for
// one too large, missing or not a blob), from one goroutine; data is the
// callee's to keep. An error from each stops the reading and is returned.
func (g *git) stream(ctx context.Context, oids []string, each func(oid string, data []byte) error) error {
	if len(oids) == 0 {
		return nil
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	c := g.cmd(ctx, "cat-file", "--batch")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	in, err := c.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := c.StdoutPipe()
	if err != nil {
		return err
	}
	if err := c.Start(); err != nil {
		return err
	}
	go func() {
		w := bufio.NewWriter(in)
		for _, id := range oids {
			if _, err := w.WriteString(id + "\n"); err != nil {
				break // git stopped: its error is read below
			}
		}
		w.Flush()
		in.Close()
	}()
	r := bufio.NewReaderSize(stdout, 1<<16)
	rerr := func() error {
		for _, want := range oids {
			line, err := r.ReadString('\n')
			if err != nil {
				return fmt.Errorf("git cat-file: %v", err)
			}
			f := strings.Fields(line)
			if len(f) == 0 || f[0] != want {
				return fmt.Errorf("git cat-file: header %q for object %s", line, want)
			}
			if len(f) == 2 && f[1] == "missing" {
				if err := each(want, nil); err != nil {
					return err
				}
				continue
			}
			if len(f) != 3 {
				return fmt.Errorf("git cat-file: malformed header %q", line)
			}
			size, err := strconv.ParseInt(f[2], 10, 64)
			if err != nil || size < 0 {
				return fmt.Errorf("git cat-file: malformed size %q", line)
			}
			var data []byte
			if size > maxBlob || f[1] != "blob" {
				if _, err := r.Discard(int(size) + 1); err != nil {
					return fmt.Errorf("git cat-file: %v", err)
				}
			} else {
				data = make([]byte, size+1)
				if _, err := io.ReadFull(r, data); err != nil {
					return fmt.Errorf("git cat-file: %v", err)
				}
				data = data[:size:size]
			}
			if err := each(want, data); err != nil {
				return err
			}
		}
		return nil
	}()
	if rerr != nil {
		cancel()
	}
	io.Copy(io.Discard, stdout)
	werr := c.Wait()
	if err := parent.Err(); err != nil {
		return err
	}
	if rerr != nil {
		return rerr
	}
	if werr != nil {
		return fmt.Errorf("git cat-file: %v: %s", werr, strings.TrimSpace(stderr.String()))
	}
	return nil
}
