// Package mail sends releases to media lists: `pressroom send` and the
// alerts `publish` sends at a lift. It owns four things:
//
//   - media lists (media/NAME.csv or .toml, list.go): journalists with their
//     outlet, language, beats and whether they are trusted with embargoed
//     news; read with positioned errors, never published;
//   - the message (message.go, body.go, templates/): one HTML part made for
//     mail clients (inline CSS, one table-based column) and a plain-text
//     part, per recipient, from the release as a build publishes it;
//   - sending (send.go, transport.go): SMTP from PRESSROOM_SMTP_URL, or
//     .eml files for a dry run, at a rate, with retries on temporary
//     failures and none on permanent ones;
//   - the journal (journal.go): per release, what each recipient was sent,
//     so that no re-run, crash or restart sends anyone a release twice.
//
// A held release is built as of its lift moment into memory, never into
// public/: the message says when the embargo lifts, goes only to recipients
// trusted with embargoes, and links nothing that is not public yet. The
// package never prints and never reads the clock: its callers pass now.
package mail
