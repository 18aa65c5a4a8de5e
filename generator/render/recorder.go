package render

import (
	"io"

	"github.com/pressroom/pressroom/generator/output"
)

// recorder passes writes through and remembers the names written. One task
// uses it at a time, so it needs no lock.
type recorder struct {
	output.Writer
	names []string
}

func (r *recorder) WriteFile(name string, data []byte) error {
	r.names = append(r.names, name)
	return r.Writer.WriteFile(name, data)
}

func (r *recorder) Create(name string) (io.WriteCloser, error) {
	r.names = append(r.names, name)
	return r.Writer.Create(name)
}

func (r *recorder) CopyFile(name, src string) error {
	r.names = append(r.names, name)
	return r.Writer.CopyFile(name, src)
}
