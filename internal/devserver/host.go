package devserver

import (
	"net"
	"net/http"
	"strings"
)

// hostGuard lets through only requests whose Host header names the dev
// server itself, against DNS rebinding: a page on evil.example whose name
// is made to resolve to 127.0.0.1 sends its requests with
// "Host: evil.example", and would otherwise read the preview (unpublished
// drafts) from the reader's browser. Other hosts get 421 Misdirected
// Request.
type hostGuard struct {
	next  http.Handler
	port  string          // the port listened on
	hosts map[string]bool // host names and IP addresses accepted, lower case
	anyIP bool            // listening on every interface: any IP address is accepted
}

// newHostGuard returns next guarded for a server listening on addr (the
// listener's address) as asked for by bind (Config.Addr, whose host may be
// a name such as "localhost" or empty).
func newHostGuard(next http.Handler, addr net.Addr, bind string) *hostGuard {
	g := &hostGuard{next: next, hosts: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	host, port, err := net.SplitHostPort(addr.String())
	if err == nil {
		g.port = port
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			g.anyIP = true
		} else {
			g.hosts[strings.ToLower(host)] = true
		}
	}
	if h, _, err := net.SplitHostPort(bind); err == nil {
		if h == "" {
			g.anyIP = true
		} else {
			g.hosts[strings.ToLower(h)] = true
		}
	}
	return g
}

// allowed reports whether a Host header names this server: an accepted
// host with the port listened on (or without a port when that is 80, as
// browsers send it).
func (g *hostGuard) allowed(hostHeader string) bool {
	host, port, err := net.SplitHostPort(hostHeader)
	if err != nil {
		host, port = hostHeader, "80"
		if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
			host = host[1 : len(host)-1]
		}
	}
	if port != g.port {
		return false
	}
	host = strings.ToLower(host)
	if g.hosts[host] {
		return true
	}
	// An address in the Host header cannot be rebound: the browser talks
	// to the IP address it shows.
	return g.anyIP && net.ParseIP(host) != nil
}

func (g *hostGuard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.allowed(r.Host) {
		http.Error(w, "maki serve: unknown host; open the address maki serve printed", http.StatusMisdirectedRequest)
		return
	}
	g.next.ServeHTTP(w, r)
}
