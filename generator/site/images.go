package site

import (
	"net/url"
	"path"
	"strings"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/markdown/links"
)

// bodyImage is an image of a body, resolved to the file it shows.
type bodyImage struct {
	dest string
	file *content.Asset
}

// resolveImages finds the file each image of e's body shows: a path into
// the library in any spelling ("/assets/photos/x.jpg", "assets/photos/x.jpg",
// "../../assets/photos/x.jpg"), else a file of the entry's bundle
// ("plant.jpg"), else a library file of that name ("photos/x.jpg"). An
// image that names none of these, where it could only be the site's, is a
// problem at its line; one on another host, or a rooted path outside the
// library (a file of static/), is the author's.
func (r *resolver) resolveImages(e *Entry) {
	it := e.Item
	if len(it.Images) == 0 {
		return
	}
	page := r.cfg.Base.ResolveReference(&url.URL{Path: e.Path})
	missing := 0
	for _, img := range it.Images {
		file, ours := r.imageFile(it, img.Dest, page)
		switch {
		case file != nil:
			r.images[e] = append(r.images[e], bodyImage{img.Dest, file})
		case ours:
			if missing++; missing > maxMissing {
				continue
			}
			r.problems.Add(it.Source, it.BodyLine+img.Line-1, "missing image %q: no file of content/assets/%s has this name; add the file, or correct the path (a library photo is written photos/NAME.jpg or /assets/photos/NAME.jpg)",
				img.Dest, bundleOr(it))
		}
	}
	if missing > maxMissing {
		r.problems.Add(it.Source, it.BodyLine, "%d more missing images (the first %d are listed)", missing-maxMissing, maxMissing)
	}
}

// maxMissing is how many missing images of one file are listed.
const maxMissing = 20

func bundleOr(it *content.Item) string {
	if it.Bundle != "" {
		return " nor of " + it.Bundle + "/"
	}
	return ""
}

// imageFile is the file dest names, and whether dest can only mean a file
// of the site.
func (r *resolver) imageFile(it *content.Item, dest string, page *url.URL) (*content.Asset, bool) {
	if name, ok := links.AssetName(dest, page, r.cfg.Base); ok {
		return r.libraryFile(name), true
	}
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") || u.Path == "" {
		return nil, false
	}
	name := path.Clean(u.Path)
	if strings.HasPrefix(name, "../") {
		return nil, false // another page's: the link checker's
	}
	for _, f := range it.BundleFiles {
		if f.Name == name {
			return f, true
		}
	}
	return r.libraryFile(strings.TrimPrefix(name, links.Library)), true
}

// libraryFile is the library file of that name, else the first whose name
// differs only in case (a case-insensitive host serves it; see
// bodyAssets), else nil.
func (r *resolver) libraryFile(name string) *content.Asset {
	if a, ok := r.library[name]; ok {
		return a
	}
	if folded := r.libraryFolded()[strings.ToLower(name)]; len(folded) > 0 {
		return folded[0]
	}
	return nil
}

// publishImages gives each published entry the published file of each
// image of its body. A library file held longer than the entry (by its
// own embargo) is not given: the image stays as written.
func (r *resolver) publishImages(s *Site) {
	public := map[*content.Asset]*Asset{}
	for _, a := range s.Assets {
		public[a.Asset] = a
	}
	for _, e := range s.All() {
		for _, img := range r.images[e] {
			f := public[img.file]
			if f == nil {
				f = bundleFile(e, img.file)
			}
			if f == nil {
				continue
			}
			if e.BodyImages == nil {
				e.BodyImages = map[string]*Asset{}
			}
			e.BodyImages[img.dest] = f
		}
	}
}
