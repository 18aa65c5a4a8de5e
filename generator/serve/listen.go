package serve

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"
)

// listen opens the TCP listener, turning the common failures into advice.
func listen(bind string, port int) (net.Listener, error) {
	if port < 0 || port > 65535 {
		return nil, fmt.Errorf("serve: port %d is not a TCP port (0 to 65535)", port)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	switch {
	case err == nil:
		return ln, nil
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("serve: port %d is in use: try --port %d", port, freePortAfter(bind, port))
	case errors.Is(err, syscall.EACCES):
		return nil, fmt.Errorf("serve: not allowed to listen on port %d: ports below 1024 need privileges, try --port 8080", port)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return nil, fmt.Errorf("serve: --bind %s is not an address of this machine: %w", bind, err)
	}
	return nil, fmt.Errorf("serve: cannot listen on %s port %d: %w", bind, port, err)
}

// freePortAfter suggests the first port above port that is free now, or
// port+1 when none of the next few is.
func freePortAfter(bind string, port int) int {
	for p := port + 1; p <= port+20 && p <= 65535; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			ln.Close()
			return p
		}
	}
	return port + 1
}
