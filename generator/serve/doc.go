// Package serve is pressroom's live preview: watch, debounce, rebuild, swap,
// SSE reload, error overlay.
//
//	fsnotify ─> filter ─> debounce ─> rebuild (one at a time) ─> swap ─> tell browsers
//	embargo lift timer ─────────────┘        │ on error: keep the last good site,
//	                                         └ send the errors as an overlay
//
// A Server watches the whole site (config.toml, content/, themes/), folds a
// burst of changes into one rebuild after a short quiet spell, and builds the
// complete site into memory (output.Memory) with live-reload pages. Only when
// a build has succeeded is it swapped in, atomically; only then are the
// browsers told to reload, over Server-Sent Events at EventsPath. A failed
// build never stops the server: the last good site stays up and the errors go
// to the browsers as an overlay and to OnBuild, and the next good build
// clears them. While the first build runs, a page asked for is written
// ahead of the rest as soon as the site is planned (render.Demand) and
// served from it, with the id the finished build will carry: the preview
// opens in about the time the site takes to read, not to write. After
// each build the next embargo lift is scheduled, so a release publishes
// itself at its moment with no edit and no restart.
//
// After each good build, once the site has been quiet for a moment, serve
// runs the pre-flight check (generator/check) over the same moment beside
// its builds, reading their parses, and sends what it finds to OnCheck and
// to the pages (check.go); any change cancels it, so it never delays a
// rebuild.
//
// serve never writes into the site (no public/), and every build is made as
// of Config.Now, which tests replace. It does not print: it reports builds and
// warnings through Config.OnBuild and Config.OnWarning, and the command line
// words them.
//
// A rebuild is incremental: the changed paths go to a watched
// generator.Cache, so that an edit of an entry's own text or fields only
// refreshes that entry in the last build, and any other change builds again
// reusing the parse, Markdown and outputs of what did not change. Either
// way the new build starts from the served build's files and must equal a
// build from nothing (the generator's tests check it).
package serve
