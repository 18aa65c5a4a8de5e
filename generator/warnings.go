package generator

import (
	"encoding/hex"
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/svgcheck"
)

// svgWarnings checks every published SVG for what would run if it were
// opened on its own (see package svgcheck): one warning per finding, at
// the file and line. The default theme shows SVGs only through <img>, where
// nothing runs, but the file's own address still serves it as a document.
// What a check found is kept in the disk cache by the file's hash, so that
// an unchanged library is not parsed again (encoding/xml reads about
// 10 MB/s).
func svgWarnings(root string, s *site.Site, disk diskcache.Dir) []diag.Problem {
	var out []diag.Problem
	seen := map[string]bool{}
	for _, a := range s.EveryFile() {
		if seen[a.Source] || !strings.EqualFold(path.Ext(a.Name), ".svg") {
			continue
		}
		seen[a.Source] = true
		findings, err := checkSVG(filepath.Join(root, filepath.FromSlash(a.Source)), a.Hash, disk)
		if err != nil {
			out = append(out, diag.Problem{File: a.Source, Msg: fmt.Sprintf("cannot be checked for scripts: %v", err)})
		}
		for _, f := range findings {
			out = append(out, diag.Problem{File: a.Source, Line: f.Line, Msg: f.Msg})
		}
	}
	return out
}

// photoWarnings names the published photos that have no sidecar: they go
// out with an empty alt text and no credit or licence, on their pages and
// in kits. Past maxPhotoWarnings, one more line counts the rest.
func photoWarnings(s *site.Site) []diag.Problem {
	out := photosWithoutSidecar(s)
	more := 0
	if len(out) > maxPhotoWarnings {
		more = len(out) - maxPhotoWarnings
		out = out[:maxPhotoWarnings]
	}
	if more > 0 {
		out = append(out, diag.Problem{File: "content/", Msg: fmt.Sprintf(
			"and %d more %s without a sidecar (an empty alt text, no credit or licence)", more, map[bool]string{true: "photo", false: "photos"}[more == 1])})
	}
	return out
}

// photosWithoutSidecar warns of every published photo of s without a
// sidecar, each once, in the order of s.Files.
func photosWithoutSidecar(s *site.Site) []diag.Problem {
	var out []diag.Problem
	seen := map[string]bool{}
	for _, a := range s.EveryFile() {
		if seen[a.Source] || a.Sidecar != "" || !rasterImage(a.Name) {
			continue
		}
		seen[a.Source] = true
		out = append(out, diag.Problem{File: a.Source, Msg: fmt.Sprintf(
			"no sidecar, so it is published with an empty alt text and no credit or licence: add %s.yaml with alt, credit and license", path.Base(a.Source))})
	}
	return out
}

// maxPhotoWarnings bounds how many photos without a sidecar a build names.
const maxPhotoWarnings = 10

// rasterImage reports whether name is a photo or other bitmap image, the
// files that need a text alternative and a credit.
func rasterImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".tif", ".tiff":
		return true
	}
	return false
}

// checkSVG checks one file, or takes what a check of the same bytes by the
// same program found.
func checkSVG(file string, hash [32]byte, disk diskcache.Dir) ([]svgcheck.Finding, error) {
	name := ""
	if p := fingerprint.Program(); p != 0 && disk != "" && hash != ([32]byte{}) {
		name = fmt.Sprintf("%s-%016x", hex.EncodeToString(hash[:16]), p)
		if data, ok := disk.Get("svgcheck", name); ok {
			if findings, ok := decodeFindings(data); ok {
				return findings, nil
			}
		}
	}
	findings, err := svgcheck.File(file)
	if err == nil && name != "" {
		disk.Put("svgcheck", name, encodeFindings(findings))
	}
	return findings, err
}

// encodeFindings writes findings one a line, as "LINE MESSAGE".
func encodeFindings(fs []svgcheck.Finding) []byte {
	var b strings.Builder
	b.WriteString("svgcheck 1\n")
	for _, f := range fs {
		fmt.Fprintf(&b, "%d %s\n", f.Line, strings.ReplaceAll(f.Msg, "\n", " "))
	}
	return []byte(b.String())
}

func decodeFindings(data []byte) ([]svgcheck.Finding, bool) {
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) == 0 || lines[0] != "svgcheck 1" {
		return nil, false
	}
	var out []svgcheck.Finding
	for _, l := range lines[1:] {
		num, msg, ok := strings.Cut(l, " ")
		n, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, false
		}
		out = append(out, svgcheck.Finding{Line: n, Msg: msg})
	}
	return out, true
}
