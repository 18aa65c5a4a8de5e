// Package defaulttheme embeds the newsroom theme pressroom ships with, so the
// binary builds a good-looking site anywhere. A site overrides any of its
// files by placing one at the same path under themes/default/ (or its own theme).
package defaulttheme

import "embed"

// FS holds layouts/, static/, archetypes/ (the skeletons of new content
// files) and i18n/ (the theme's words in each language).
//
//go:embed layouts static archetypes i18n
var FS embed.FS
