package dli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// HeaderSubjectToken is where IAM answers the token it issued.
const HeaderSubjectToken = "X-Subject-Token"

// PasswordLogin is an IAM user logging in with a password: a user name
// with its account (domain) by name or ID, or a user ID alone; scoped to a
// project by ID, else by name.
type PasswordLogin struct {
	UserName, UserID       string
	Password               string
	DomainName, DomainID   string
	ProjectID, ProjectName string
}

// IAMToken is a token IAM issued and what its answer says of it.
type IAMToken struct {
	Token     string
	ExpiresAt time.Time
	ProjectID string // the project the token is scoped to
}

// PasswordToken logs in: POST {authURL}/auth/tokens with the password in
// the body, no credentials on the request (golangsdk's v3 auth). IAM locks
// a user after repeated wrong passwords, so a 401 is never retried (no
// 4xx is); the caller keeps it.
func (c *Client) PasswordToken(ctx context.Context, authURL *url.URL, login PasswordLogin) (IAMToken, error) {
	c.secrets.add(login.Password)
	type named struct {
		ID   string `json:"id,omitempty"`
		Name string `json:"name,omitempty"`
	}
	user := struct {
		named
		Password string `json:"password"`
		Domain   *named `json:"domain,omitempty"`
	}{named: named{ID: login.UserID, Name: login.UserName}, Password: login.Password}
	if login.UserID == "" {
		user.Domain = &named{ID: login.DomainID, Name: login.DomainName}
	}
	project := named{ID: login.ProjectID}
	if project.ID == "" {
		project.Name = login.ProjectName
	}
	body, err := json.Marshal(map[string]any{"auth": map[string]any{
		"identity": map[string]any{"methods": []string{"password"}, "password": map[string]any{"user": user}},
		"scope":    map[string]any{"project": project},
	}})
	if err != nil {
		return IAMToken{}, err
	}
	k := call{service: serviceIAM, method: http.MethodPost, body: body, anonymous: true,
		base: authURL, path: []string{"auth", "tokens"}, subject: "an IAM token"}
	return do(ctx, c, k, c.tokenFrom)
}

// tokenFrom reads a token answer: the token in X-Subject-Token, its expiry
// and project in the body. It never quotes the answer's headers.
func (c *Client) tokenFrom(resp *response) (IAMToken, error) {
	token, err := c.subjectToken(resp)
	if err != nil {
		return IAMToken{}, err
	}
	var answer struct {
		Token struct {
			ExpiresAt string `json:"expires_at"`
			Project   struct {
				ID string `json:"id"`
			} `json:"project"`
		} `json:"token"`
	}
	if err := resp.decodeJSON(&answer); err != nil {
		return IAMToken{}, err
	}
	expires, err := time.Parse(time.RFC3339, answer.Token.ExpiresAt)
	if err != nil {
		return IAMToken{}, resp.malformed(fmt.Sprintf("the token answer's token.expires_at is not an RFC 3339 time (%q)", answer.Token.ExpiresAt))
	}
	return IAMToken{Token: token, ExpiresAt: expires, ProjectID: answer.Token.Project.ID}, nil
}

// subjectToken is the token an answer carries in X-Subject-Token, added to
// the secrets to redact before anything else reads the answer.
func (c *Client) subjectToken(resp *response) (string, error) {
	token := resp.header.Get(HeaderSubjectToken)
	if token == "" {
		return "", resp.malformed("the answer has no " + HeaderSubjectToken + " header")
	}
	c.secrets.add(token)
	return token, nil
}
