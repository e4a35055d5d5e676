package dli

import (
	"context"
	"encoding/json"
	"fmt"
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
	k := call{service: serviceIAM, method: http.MethodPost, body: body, anonymous: true,
		base: IAMRoot(authURL), path: []string{"v3.0", "OS-AUTH", "id-token", "tokens"},
		header: http.Header{HeaderIdpID: {idpID}}, subject: fmt.Sprintf("a federated token from identity provider %q", idpID)}
	return do(ctx, c, k, c.subjectToken)
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
	k := call{service: serviceIAM, method: http.MethodPost, body: body, anonymous: true,
		base: IAMRoot(authURL), path: []string{"v3.0", "OS-CREDENTIAL", "securitytokens"}, subject: "temporary keys for the federated token"}
	return do(ctx, c, k, temporaryCredentialsFrom)
}
