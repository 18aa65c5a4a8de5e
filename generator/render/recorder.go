package render

import (
	"io"
	"os"
	"sync"

	"github.com/pressroom/pressroom/generator/output"
)

// recorder passes writes through and remembers the names written and their
// sizes. One task uses it at a time; sizes is shared by all.
type recorder struct {
	output.Writer
	names []string
	sizes *sync.Map
}

func (r *recorder) WriteFile(name string, data []byte) error {
	r.names = append(r.names, name)
	r.sizes.Store(name, int64(len(data)))
	return r.Writer.WriteFile(name, data)
}

// KeepParts passes a file the caller hands over on (see output.WriteParts).
func (r *recorder) KeepParts(name string, parts [][]byte) error {
	r.names = append(r.names, name)
	r.sizes.Store(name, output.PartsSize(parts))
	return output.WriteParts(r.Writer, name, parts)
}

func (r *recorder) Create(name string) (io.WriteCloser, error) {
	r.names = append(r.names, name)
	w, err := r.Writer.Create(name)
	if err != nil {
		return nil, err
	}
	return &counter{WriteCloser: w, name: name, sizes: r.sizes}, nil
}

func (r *recorder) Link(name, src string) error {
	r.names = append(r.names, name)
	if info, err := os.Stat(src); err == nil {
		r.sizes.Store(name, info.Size())
	}
	return r.Writer.Link(name, src)
}

func (r *recorder) CopyFile(name, src string) error {
	r.names = append(r.names, name)
	if info, err := os.Stat(src); err == nil {
		r.sizes.Store(name, info.Size())
	}
	return r.Writer.CopyFile(name, src)
}

// counter counts a streamed file's bytes and records them on Close.
type counter struct {
	io.WriteCloser
	name  string
	n     int64
	sizes *sync.Map
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.WriteCloser.Write(p)
	c.n += int64(n)
	return n, err
}

func (c *counter) Close() error {
	c.sizes.Store(c.name, c.n)
	return c.WriteCloser.Close()
}
