// Package history reads the history of the systems in content/ from the
// git repository that holds it, at build time, and says per version what
// changed in each field (register.History).
//
// It runs the git command rather than a Go git library: no new dependency,
// git is on every CI runner, and its rename detection (-M) is git's own.
// Two processes do all the work whatever the size of the register: one
// `git log` over the systems folder (first-parent history, so a merge is
// the version that was published, with raw diffs, NUL separated) and one
// `git cat-file --batch` that reads every version's file.
//
// Start runs git and decodes every version in the background (that needs
// only the content folder and site.yaml's settings), so the build can
// check the content meanwhile; Finish makes the public views and the
// changes once the checked register is there. Read is both in one. The
// blobs come from cat-file system by system, and a system is decoded as
// soon as its last blob is there, so only a few systems' blobs are held at
// a time. A build hands the history the systems it loads from the working
// tree (Config.Current): a system whose newest version is the file on disk
// reads its older versions backwards from it, each from the one after
// (incremental.go), so no version is decoded in full a second time.
// FinishEach gives each system's history to the build as soon as it is
// made (the build writes its snapshot files then) and frees the versions
// no page needs.
//
// Guarantees:
//   - Deterministic: the same commits give the same history; dates are
//     committer dates, never the build's.
//   - No personal data: author names are asked from git only when
//     site.yaml opts in; e-mail addresses never are.
//   - File names come from merge requests: they are never passed as
//     options (the only pathspec is the fixed "systeme" after "--") and are
//     read from NUL-separated output, so spaces, newlines and any Unicode
//     are safe. git runs with a context, without the system config, pager,
//     prompts, external diff or textconv drivers, and with every GIT_*
//     variable of the environment removed.
//   - Without git (no binary, no repository: a tarball) Read returns
//     ErrNoGit and the build goes on without history; a shallow clone is
//     reported in History.Shallow.
//   - Renames are followed: git's rename detection, a .yaml file replaced
//     by a .md file of the same id, and the redirects of site.yaml (an id
//     removed in favour of another continues as that one).
package history
