package register

// ValidID reports whether id satisfies the id rule (file names without
// extension, DESIGN §3): lower-case letters, digits and single hyphens, 3
// to 80 characters, matching ^[a-z0-9]+(-[a-z0-9]+)*$. Every stage that
// turns an id into a path (redirects, history snapshots) checks it again
// with this one function.
func ValidID(id string) bool {
	if len(id) < 3 || len(id) > 80 || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
