package dli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// HeaderIdpID names the identity provider whose ID token is exchanged.
const HeaderIdpID = "X-Idp-Id"

// FederatedToken exchanges an OIDC ID token for an unscoped federated IAM
// token: POST {iam root}/v3.0/OS-AUTH/id-token/tokens with X-Idp-Id, the
// ID token in the body and no credentials on the request (the official
// provider's config/auth.go, the SDK's updateAuthTokenByIdToken).
func (c *Client) FederatedToken(ctx context.Context, authURL *url.URL, idpID, idToken string) (string, error) {
	c.secrets.add(idToken)
	body, err := json.Marshal(map[string]any{"auth": map[string]any{"id_token": map[string]string{"id": idToken}}})
	if err != nil {
		return "", err
	}
	resp, err := c.send(ctx, call{
		service: serviceIAM, method: http.MethodPost, body: body, anonymous: true,
		url:    c.below(IAMRoot(authURL), "v3.0", "OS-AUTH", "id-token", "tokens"),
		header: http.Header{HeaderIdpID: {idpID}},
	})
	if err != nil {
		return "", c.explain(err, "a federated token from identity provider "+quote(idpID))
	}
	token := resp.header.Get(HeaderSubjectToken)
	if token == "" {
		return "", resp.malformed("the federated token answer has no " + HeaderSubjectToken + " header")
	}
	c.secrets.add(token)
	return token, nil
}

// TemporaryKeysByToken exchanges an IAM token for temporary AK/SK: POST
// {iam root}/v3.0/OS-CREDENTIAL/securitytokens with method "token", the
// token in the body and no credentials on the request.
func (c *Client) TemporaryKeysByToken(ctx context.Context, authURL *url.URL, token string) (TemporaryCredentials, error) {
	c.secrets.add(token)
	body, err := json.Marshal(map[string]any{"auth": map[string]any{"identity": map[string]any{
		"methods": []string{"token"}, "token": map[string]string{"id": token},
	}}})
	if err != nil {
		return TemporaryCredentials{}, err
	}
	resp, err := c.send(ctx, call{
		service: serviceIAM, method: http.MethodPost, body: body, anonymous: true,
		url: c.below(IAMRoot(authURL), "v3.0", "OS-CREDENTIAL", "securitytokens"),
	})
	if err != nil {
		return TemporaryCredentials{}, c.explain(err, "temporary keys for the federated token")
	}
	return c.temporaryCredentialsFrom(resp)
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }
