package content

// Ignored reports whether a file or folder name is an editor or system file
// that is never content: dot files, backups ("x~"), Vim's swap files and its
// write test "4913", Emacs autosaves ("#x#"). The loader skips them, and
// serve's watcher ignores their changes, so both agree on what content is.
func Ignored(name string) bool { return ignored(name) }
