// Package mediatype names the media type of a file by its extension, from
// one fixed table: feeds, kits and serve must say the same on every machine,
// whatever its MIME database holds.
package mediatype

import (
	"path"
	"strings"
)

var byExt = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".vcf":   "text/vcard; charset=utf-8",
	".ics":   "text/calendar; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".zip":   "application/zip",
	".docx":  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".pptx":  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".xlsx":  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".mp4":   "video/mp4",
	".mp3":   "audio/mpeg",
	".woff":  "font/woff",
	".woff2": "font/woff2",
}

// Of returns the media type of a file name, or "" when the table does not know it.
func Of(name string) string {
	return byExt[strings.ToLower(path.Ext(name))]
}

// IsImage reports whether a browser shows the file as an image.
func IsImage(name string) bool {
	return strings.HasPrefix(Of(name), "image/")
}
