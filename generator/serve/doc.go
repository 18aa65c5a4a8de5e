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
// clears them. After each build the next embargo lift is scheduled, so a
// release publishes itself at its moment with no edit and no restart.
//
// serve never writes into the site (no public/), and every build is made as
// of Config.Now, which tests replace. It does not print: it reports builds and
// warnings through Config.OnBuild and Config.OnWarning, and the command line
// words them.
//
// Every rebuild is a full build today. The rebuilder interface receives the
// changed source paths and the site being served, so that an incremental
// rebuild (with its dependency graph) can slot in without touching the loop.
package serve
