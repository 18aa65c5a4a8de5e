package pages

import (
	"bytes"
	"encoding/json"
	"html/template"
	"time"
)

// The schema.org structured data of a page, as typed values that
// encoding/json writes: a NewsArticle for a release, a BlogPosting for a
// post, an Event for an event, and the Organization on the home page.
// Google's documentation for articles, organizations and events names the
// properties written.

// article is a NewsArticle or a BlogPosting.
type article struct {
	Context          string        `json:"@context"`
	Type             string        `json:"@type"`
	Headline         string        `json:"headline"`
	Description      string        `json:"description,omitempty"`
	URL              string        `json:"url"`
	MainEntityOfPage string        `json:"mainEntityOfPage"`
	DatePublished    string        `json:"datePublished"`
	DateModified     string        `json:"dateModified"`
	Image            []string      `json:"image,omitempty"`
	Author           any           `json:"author"`
	Publisher        *organization `json:"publisher"`
	Keywords         []string      `json:"keywords,omitempty"`
	Dateline         string        `json:"dateline,omitempty"`
	InLanguage       string        `json:"inLanguage,omitempty"`
}

type organization struct {
	Context      string         `json:"@context,omitempty"`
	Type         string         `json:"@type"`
	Name         string         `json:"name"`
	URL          string         `json:"url,omitempty"`
	Logo         *imageObject   `json:"logo,omitempty"`
	Description  string         `json:"description,omitempty"`
	ContactPoint []contactPoint `json:"contactPoint,omitempty"`
}

type imageObject struct {
	Type   string `json:"@type"`
	URL    string `json:"url"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
}

type person struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type contactPoint struct {
	Type        string `json:"@type"`
	ContactType string `json:"contactType"`
	Name        string `json:"name,omitempty"`
	Email       string `json:"email,omitempty"`
	Telephone   string `json:"telephone,omitempty"`
	URL         string `json:"url,omitempty"` // the contact's vCard
}

type event struct {
	Context             string        `json:"@context"`
	Type                string        `json:"@type"`
	Name                string        `json:"name"`
	Description         string        `json:"description,omitempty"`
	URL                 string        `json:"url"`
	StartDate           string        `json:"startDate"`
	EndDate             string        `json:"endDate,omitempty"`
	EventStatus         string        `json:"eventStatus"`
	EventAttendanceMode string        `json:"eventAttendanceMode"`
	Location            []any         `json:"location,omitempty"`
	Image               []string      `json:"image,omitempty"`
	Organizer           *organization `json:"organizer"`
}

type place struct {
	Type    string `json:"@type"`
	Name    string `json:"name,omitempty"`
	Address string `json:"address,omitempty"`
}

type virtualLocation struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

const schema = "https://schema.org"

// jsonLD is the page's structured data, encoded for a script element, or
// "" for a page that has none.
func (v *View) jsonLD(h *Head) template.JS {
	var data any
	switch v.Layout {
	case "home":
		org := v.organization()
		org.Context = schema
		org.Description = h.Description
		for _, c := range v.Site.Contacts() {
			kind := c.Role
			if kind == "" {
				kind = "media relations"
			}
			org.ContactPoint = append(org.ContactPoint, contactPoint{Type: "ContactPoint", ContactType: kind,
				Name: c.Name, Email: c.Email, Telephone: c.Phone, URL: v.Site.URL("contacts/" + c.ID + ".vcf")})
		}
		data = org
	case "release", "post":
		e := v.Entry
		if e.Date.IsZero() {
			return ""
		}
		a := article{Context: schema, Type: "NewsArticle", Headline: e.Title, Description: h.Description,
			URL: h.URL, MainEntityOfPage: h.URL, DatePublished: h.Published, DateModified: e.Updated().Format(time.RFC3339),
			Author: v.organization(), Publisher: v.organization(), Keywords: h.Tags, InLanguage: v.Site.Config.Language}
		if v.Layout == "post" {
			a.Type = "BlogPosting"
			if name := e.Item.Front.Author; name != "" {
				a.Author = person{Type: "Person", Name: name}
			}
		} else {
			a.Dateline = v.Site.Dateline(e)
		}
		if h.Image != nil {
			a.Image = []string{h.Image.URL}
		}
		data = a
	case "event":
		data = v.event(h)
	default:
		return ""
	}
	return encodeJSONLD(data)
}

// organization is the organisation as publisher and author.
func (v *View) organization() *organization {
	cfg := v.Site.Config
	org := &organization{Type: "Organization", Name: cfg.Organization.Name, URL: cfg.Organization.Website}
	if org.URL == "" {
		org.URL = v.Site.URL("")
	}
	if logo := v.Site.LogoRaster; logo != nil {
		info := v.env.Images[logo.Path]
		org.Logo = &imageObject{Type: "ImageObject", URL: v.Site.URL(logo.Path), Width: info.Width, Height: info.Height}
	}
	return org
}

func (v *View) event(h *Head) event {
	e := v.Entry
	f := e.Item.Front
	ev := event{Context: schema, Type: "Event", Name: e.Title, Description: h.Description, URL: h.URL,
		StartDate: eventDatetime(e, e.Start), EndDate: eventDatetime(e, e.LastDay()),
		EventStatus: schema + "/EventScheduled", Organizer: v.organization()}
	if f.Venue != "" || f.Address != "" {
		ev.Location = append(ev.Location, place{Type: "Place", Name: f.Venue, Address: f.Address})
	}
	if f.Online != "" {
		ev.Location = append(ev.Location, virtualLocation{Type: "VirtualLocation", URL: f.Online})
	}
	switch {
	case f.Online != "" && len(ev.Location) > 1:
		ev.EventAttendanceMode = schema + "/MixedEventAttendanceMode"
	case f.Online != "":
		ev.EventAttendanceMode = schema + "/OnlineEventAttendanceMode"
	default:
		ev.EventAttendanceMode = schema + "/OfflineEventAttendanceMode"
	}
	if h.Image != nil {
		ev.Image = []string{h.Image.URL}
	}
	return ev
}

// encodeJSONLD writes data as JSON that cannot end the script element it
// sits in: encoding/json escapes <, > and & (so no "</script>" or "<!--"
// survives) and U+2028 and U+2029.
func encodeJSONLD(data any) template.JS {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(data); err != nil {
		panic("pages: structured data does not encode: " + err.Error()) // typed values of strings and numbers always do
	}
	return template.JS(bytes.TrimRight(buf.Bytes(), "\n"))
}
