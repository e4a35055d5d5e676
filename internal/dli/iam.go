package dli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// IAMRoot is IAM's host root: auth_url without its final /v3.
func IAMRoot(authURL *url.URL) *url.URL {
	root := *authURL
	root.Path = strings.TrimSuffix(strings.TrimRight(authURL.Path, "/"), "/v3")
	root.RawPath = ""
	return &root
}

// ProjectLookupError is an IAM answer without exactly one project of the
// name asked for.
type ProjectLookupError struct {
	Name  string
	Found []string // the IDs IAM listed
}

func (e *ProjectLookupError) Error() string {
	if len(e.Found) == 0 {
		return fmt.Sprintf("IAM has no project named %q", e.Name)
	}
	return fmt.Sprintf("IAM lists %d projects named %q (%s)", len(e.Found), e.Name, strings.Join(e.Found, ", "))
}

// ProjectID looks up the ID of the IAM project called name, authenticated
// with the client's credentials: GET {authURL}/projects?name={name}.
func (c *Client) ProjectID(ctx context.Context, authURL *url.URL, name string) (string, error) {
	k := call{service: serviceIAM, method: http.MethodGet, base: authURL, path: []string{"projects"},
		query: url.Values{"name": {name}}, subject: fmt.Sprintf("IAM project %q", name)}
	return do(ctx, c, k, func(resp *response) (string, error) {
		var answer struct {
			Projects []struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"projects"`
		}
		if err := resp.decodeJSON(&answer); err != nil {
			return "", err
		}
		var ids []string
		for _, p := range answer.Projects {
			if p.ID != "" && (p.Name == "" || p.Name == name) {
				ids = append(ids, p.ID)
			}
		}
		if len(ids) != 1 {
			return "", &ProjectLookupError{Name: name, Found: ids}
		}
		return ids[0], nil
	})
}

// DomainID looks up the ID of the account (domain) that the base
// credentials belong to: GET {authURL}/auth/domains, signed with them and
// without X-Domain-Id, as the official SDK does when it is not told the ID.
func (c *Client) DomainID(ctx context.Context, authURL *url.URL, base CredentialSource) (string, error) {
	k := call{service: serviceIAM, method: http.MethodGet, base: authURL, path: []string{"auth", "domains"},
		credentials: base, subject: "the account (domain) of the credentials"}
	return do(ctx, c, k, func(resp *response) (string, error) {
		var answer struct {
			Domains []struct {
				ID string `json:"id"`
			} `json:"domains"`
		}
		if err := resp.decodeJSON(&answer); err != nil {
			return "", err
		}
		if len(answer.Domains) == 0 || answer.Domains[0].ID == "" {
			return "", noDomainListed{resp.malformed("IAM lists no account (domain) for these credentials: " + resp.snippet())}
		}
		return answer.Domains[0].ID, nil
	})
}

// AssumeRole obtains temporary AK/SK for an agency, authenticated with the
// base credentials: POST {iam root}/v3.0/OS-CREDENTIAL/securitytokens.
// domainID is the base credentials' account, sent as X-Domain-Id when they
// are AK/SK (empty: not sent).
func (c *Client) AssumeRole(ctx context.Context, authURL *url.URL, base CredentialSource, domainID, agency, domain string, duration time.Duration) (TemporaryCredentials, error) {
	var req struct {
		Auth struct {
			Identity struct {
				Methods    []string `json:"methods"`
				AssumeRole struct {
					AgencyName      string `json:"agency_name"`
					DomainName      string `json:"domain_name"`
					DurationSeconds int    `json:"duration_seconds"`
				} `json:"assume_role"`
			} `json:"identity"`
		} `json:"auth"`
	}
	id := &req.Auth.Identity
	id.Methods = []string{"assume_role"}
	id.AssumeRole.AgencyName, id.AssumeRole.DomainName, id.AssumeRole.DurationSeconds = agency, domain, int(duration/time.Second)
	body, err := json.Marshal(req)
	if err != nil {
		return TemporaryCredentials{}, err
	}
	k := call{
		service: serviceIAM, method: http.MethodPost, body: body, credentials: base, domain: domainID,
		base: IAMRoot(authURL), path: []string{"v3.0", "OS-CREDENTIAL", "securitytokens"},
		subject: fmt.Sprintf("agency %q of domain %q", agency, domain),
	}
	return do(ctx, c, k, temporaryCredentialsFrom)
}

// decodeUnquoted decodes an answer that holds secrets the client does not
// know yet (so redaction could not catch them): as decodeJSON, whole and
// within the bound, but its errors never quote the body.
func (r *response) decodeUnquoted(v any, what string) error {
	dec := json.NewDecoder(r.body)
	if err := dec.Decode(v); err != nil || atEnd(dec) != nil {
		if r.body.over {
			return r.tooLarge()
		}
		return r.malformed("the " + what + " answer is not the expected JSON")
	}
	return nil
}

// temporaryCredentialsFrom reads the credential answer of the agency and
// metadata calls. It never quotes the answer: it holds secrets the client
// does not know yet, so redaction could not catch them.
func temporaryCredentialsFrom(resp *response) (TemporaryCredentials, error) {
	var answer struct {
		Credential struct {
			Access        string `json:"access"`
			Secret        string `json:"secret"`
			SecurityToken string `json:"securitytoken"`
			ExpiresAt     string `json:"expires_at"`
		} `json:"credential"`
	}
	if err := resp.decodeUnquoted(&answer, "credential"); err != nil {
		return TemporaryCredentials{}, err
	}
	cred := answer.Credential
	// send adds them to the secrets to redact before their first use.
	return temporaryFrom(resp, "credential", [4]string{"credential.access", "credential.secret", "credential.securitytoken", "expires_at"},
		Credentials{AccessKey: cred.Access, SecretKey: cred.Secret, SecurityToken: cred.SecurityToken}, cred.ExpiresAt)
}

// temporaryFrom checks the temporary credentials an answer (IAM's
// "credential" or STS's "assume" answer) gave: all three parts, and an
// expiry the official SDK reads (expiryTime); fields names them as the
// answer does, the expiry last.
func temporaryFrom(resp *response, answer string, fields [4]string, creds Credentials, expiration string) (TemporaryCredentials, error) {
	if creds.AccessKey == "" || creds.SecretKey == "" || creds.SecurityToken == "" {
		return TemporaryCredentials{}, resp.malformed(fmt.Sprintf("the %s answer lacks %s, %s or %s", answer, fields[0], fields[1], fields[2]))
	}
	expires, err := expiryTime(expiration)
	if err != nil {
		return TemporaryCredentials{}, resp.malformed(fmt.Sprintf("the %s answer's %s is not an RFC 3339 time (%q)", answer, fields[3], expiration))
	}
	return TemporaryCredentials{Credentials: creds, ExpiresAt: expires}, nil
}

// expiryTime reads an expiry as huaweicloud-sdk-go-v3's SdkTime does: RFC
// 3339, or without a zone (UTC), with a T or a space.
func expiryTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if err == nil {
			break
		}
		t, err = time.ParseInLocation(layout, s, time.UTC)
	}
	return t, err
}
