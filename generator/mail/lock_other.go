//go:build !unix

package mail

import "os"

// lockFile locks nothing where flock is missing: two sends of one release
// at once are then the user's to avoid.
func lockFile(*os.File) (unlock func(), ok bool) { return func() {}, true }
