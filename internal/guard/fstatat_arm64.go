//go:build linux

package guard

import "syscall"

// fstatat is lstat relative to the folder dfd.
func fstatat(dfd int, name string, st *syscall.Stat_t) error {
	return syscall.Fstatat(dfd, name, st, 0x100) // AT_SYMLINK_NOFOLLOW
}
