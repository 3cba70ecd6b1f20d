//go:build linux

package guard

import (
	"syscall"
	"unsafe"
)

// fstatat is lstat relative to the folder dfd (package syscall has no
// Fstatat on linux/amd64).
func fstatat(dfd int, name string, st *syscall.Stat_t) error {
	p, err := syscall.BytePtrFromString(name)
	if err != nil {
		return err
	}
	_, _, e := syscall.Syscall6(syscall.SYS_NEWFSTATAT, uintptr(dfd), uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(st)), atSymlinkNofollow, 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

const atSymlinkNofollow = 0x100 // AT_SYMLINK_NOFOLLOW, not exported by package syscall here
