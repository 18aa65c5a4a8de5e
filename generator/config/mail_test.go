package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/pressroom/pressroom/generator/diag"
)

func TestMailAndAlertsDefaultsAndProblems(t *testing.T) {
	cfg, err := Parse([]byte(good + "[alerts]\nlist = \"press\"\nwhen = \"lift\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Mail.Rate != DefaultMailRate || cfg.Mail.Journal != DefaultJournal || cfg.Alerts.List != "press" {
		t.Errorf("mail %+v, alerts %+v", cfg.Mail, cfg.Alerts)
	}
	for name, tc := range map[string]struct{ src, want string }{
		"bad from":          {"[mail]\nfrom = \"press@\"\n", `mail.from "press@" is not an e-mail address`},
		"named unsubscribe": {"[mail]\nunsubscribe = \"P <p@example.com>\"\n", `mail.unsubscribe "P <p@example.com>" is not a bare e-mail address`},
		"http unsubscribe":  {"[mail]\nunsubscribeURL = \"http://x.example/u\"\n", "is not an https:// address"},
		"negative rate":     {"[mail]\nrate = -1\n", "mail.rate = -1"},
		"journal outside":   {"[mail]\njournal = \"content/sent\"\n", `mail.journal "content/sent" must be a folder under media/`},
		"journal up":        {"[mail]\njournal = \"../sent\"\n", "must be a folder under media/"},
		"alerts no list":    {"[alerts]\nwhen = \"lift\"\n", "[alerts] has no list"},
		"alerts when":       {"[alerts]\nlist = \"press\"\nwhen = \"publish\"\n", `alerts.when "publish"`},
		"alerts bad list":   {"[alerts]\nlist = \"../x\"\nwhen = \"lift\"\n", `alerts.list "../x" may only use`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(good + tc.src))
			var list *diag.Errors
			if !errors.As(err, &list) || len(list.Problems) != 1 || !strings.Contains(list.Problems[0].Error(), tc.want) {
				t.Fatalf("error %v, want one problem with %q", err, tc.want)
			}
			if list.Problems[0].Line == 0 {
				t.Errorf("no line: %v", list.Problems[0])
			}
		})
	}
}
