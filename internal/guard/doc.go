// Package guard is the one door through which maki reads content and
// themes: an fs.FS over a directory that lets out nothing but regular
// files and folders inside that directory, each of a bounded size, and
// that stops when its context is cancelled.
//
// The content folder comes from merge requests nobody has reviewed yet, so
// its file types and sizes are untrusted. The policy:
//
//   - A regular file or a folder inside the root is read.
//   - A symbolic link is followed only when its target, resolved within the
//     root (os.Root: relative, not through the root's parent), is a regular
//     file inside the root. A link that leads outside the root, is absolute,
//     leads to a folder, to nothing (dangling) or to itself (a loop) is an
//     error at the link's own path. Links to folders are refused so that no
//     walk can run in circles.
//   - Named pipes, devices and sockets are errors at their path and are
//     never opened: the type is checked with Lstat before the open, and the
//     open uses O_NONBLOCK followed by an fstat, so a file swapped for a pipe
//     in between is closed unread instead of blocking.
//   - Every file has a size cap: a file whose size is above it is refused
//     before it is read, and reading stops one byte after the cap (for files
//     like those under /proc that report no size), so nothing like /dev/zero
//     can exhaust memory. ContentMax and ThemeMax are the defaults.
//   - Once the context is cancelled, Open, ReadFile, ReadDir and Stat return
//     the context's error, so a load over a large tree ends at once.
//
// Errors are *fs.PathError values naming the file as the caller named it.
// They never contain a byte of the file, nor the target of a link. Refusals
// wrap ErrOutside, ErrDangling, ErrLoop, ErrLinkFolder, ErrType or
// ErrTooLarge; a missing file wraps fs.ErrNotExist (a dangling link does
// not: it is there, and must be reported, not skipped).
//
// Speed (Linux on amd64 and arm64): ReadFile holds each folder it reads
// from open (opened through the os.Root, until Close) and reads a regular
// file relative to it with raw system calls — fstatat, openat with
// O_NOFOLLOW|O_NONBLOCK, fstat, read, close — the same checks in the same
// order. Whatever that short way does not read without doubt (a link, a
// folder, a special file, a file over the cap, any error) goes the general
// way, which decides and words the refusal. A folder renamed while the FS
// is open is still read where it went: the FS lives for one load.
//
// Confinement is done by os.Root (openat without leaving the root), so a
// link swapped in after the checks cannot lead out either. Hard links
// cannot be told from regular files; git does not record them.
package guard
