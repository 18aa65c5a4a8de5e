package content

// Ignored reports whether a file or folder name is an editor or system file
// that is never content: dot files, backups ("x~"), Vim's swap files and its
// write test "4913", Emacs autosaves ("#x#"). The loader skips them, and
// serve's watcher ignores their changes, so both agree on what content is.
func Ignored(name string) bool { return ignored(name) }

// IgnoredPath reports whether a path of the site, split into its names
// ("content", "press", "x.md"), is one no build reads: an ignored name
// anywhere under content/ or themes/, an editor's file under static/,
// which publishes dot files (.well-known/) as they are.
func IgnoredPath(parts []string) bool {
	for _, p := range parts {
		if EditorFile(p) || (len(parts) > 0 && parts[0] != "static" && ignored(p)) {
			return true
		}
	}
	return false
}
