package site

import (
	"path"
	"strings"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
)

// logoRaster names the library file that stands for the organisation's logo
// where an SVG is not shown (social cards, structured data): logoRaster in
// config.toml; else the logo itself when it is a PNG or JPEG; else a PNG or
// JPEG of the SVG logo's name beside it ("logos/x.png" for "logos/x.svg").
// It returns "" when there is none.
func logoRaster(org config.Organization, library map[string]*content.Asset) string {
	if org.LogoRaster != "" {
		return org.LogoRaster
	}
	if org.Logo == "" {
		return ""
	}
	if Raster(org.Logo) {
		return org.Logo
	}
	stem := strings.TrimSuffix(org.Logo, path.Ext(org.Logo))
	for _, ext := range []string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"} {
		if _, ok := library[stem+ext]; ok {
			return stem + ext
		}
	}
	return ""
}

// Raster reports whether a file is a PNG or JPEG: an image every social
// network and mail client shows.
func Raster(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg":
		return true
	}
	return false
}

// checkLogoRaster reports a logoRaster that names no library file.
func (r *resolver) checkLogoRaster() {
	org := r.cfg.Organization
	if org.LogoRaster == "" {
		return
	}
	if _, ok := r.library[org.LogoRaster]; ok {
		return
	}
	if r.src.HasFailed(path.Join("content/assets", org.LogoRaster)) {
		return
	}
	r.problems.Add(config.FileName, org.LogoRasterLine, "organization.logoRaster %q is not a file under content/assets/: add the PNG of the logo there, or correct the path", org.LogoRaster)
}

// Lead is the photo a page of the entry is shared with: a post's image,
// else the first photo of its assets, else the first photo of its body;
// nil when it has none. Photos are PNGs and JPEGs.
func (e *Entry) Lead() *Asset {
	if e.Image != nil && Raster(e.Image.Name) {
		return e.Image
	}
	for _, a := range e.Assets {
		if Raster(a.Name) {
			return a
		}
	}
	for _, img := range e.Item.Images {
		if a := e.BodyImages[img.Dest]; a != nil && Raster(a.Name) {
			return a
		}
	}
	return nil
}
