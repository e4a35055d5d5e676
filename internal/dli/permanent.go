package dli

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
)

// permanentFailure says whether a transport error cannot heal by trying
// again, and why in words that name the host: a name that does not resolve
// (a typo in the region, cloud or endpoint) or a certificate that does not
// verify, or an https:// URL whose server speaks plain HTTP. A temporary
// DNS failure (no answer from the resolver) is not one.
func permanentFailure(err error) (string, bool) {
	// net/http says ErrSchemeMismatch when the answer starts "HTTP/"; a
	// server may answer a TLS hello in other plain text (an HTML page).
	var notTLS tls.RecordHeaderError
	if errors.Is(err, http.ErrSchemeMismatch) || errors.As(err, &notTLS) {
		host := hostOf(err)
		return fmt.Sprintf("the server at %s speaks plain HTTP, not HTTPS: write the URL as http://%s if that is meant", host, host), true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound && !dnsErr.IsTemporary {
		return fmt.Sprintf("the host %s does not resolve (DNS: no such host)", dnsErr.Name), true
	}
	var (
		verification *tls.CertificateVerificationError
		unknownCA    x509.UnknownAuthorityError
		hostname     x509.HostnameError
		invalid      x509.CertificateInvalidError
	)
	if errors.As(err, &verification) || errors.As(err, &unknownCA) || errors.As(err, &hostname) || errors.As(err, &invalid) {
		return fmt.Sprintf("the TLS certificate of %s does not verify (%v)", hostOf(err), certificateReason(err)), true
	}
	return "", false
}

// certificateReason is the verification error itself, without the
// request's method and URL that url.Error adds.
func certificateReason(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err
	}
	return err
}

// hostOf is the host a failed request was for, from the url.Error that
// net/http wraps its failures in.
func hostOf(err error) string {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		if u, parseErr := url.Parse(urlErr.URL); parseErr == nil && u.Host != "" {
			return u.Host
		}
	}
	return "the endpoint"
}
