package hwauth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// The hcloud CLI's profile modes this provider understands.
const (
	ModeAKSK      = "AKSK"      // accessKeyId, secretAccessKey (and securityToken)
	ModeSSO       = "SSO"       // ssoAuth.stsToken
	ModeECSAgency = "ecsAgency" // the ECS metadata service
)

// Profile is what the provider takes from an hcloud CLI profile.
type Profile struct {
	File, Name string
	Mode       string
	// Credentials are empty in ModeECSAgency.
	Credentials      dli.Credentials
	Region           string
	ProjectID        string
	AgencyName       string
	AgencyDomainName string
	// DomainID is the account the credentials belong to (domainId).
	DomainID string
}

// String names the profile and its file, for messages.
func (p Profile) String() string { return fmt.Sprintf("profile %s in %s", p.Name, p.File) }

// ProfileError is a profile that cannot be used; it names the file and the
// profile, and says why.
type ProfileError struct {
	File, Profile string // Profile is empty when the file could not be read
	Reason        string
}

func (e *ProfileError) Error() string {
	if e.Profile == "" {
		return fmt.Sprintf("hcloud shared config file %s: %s", e.File, e.Reason)
	}
	return fmt.Sprintf("hcloud profile %q in %s: %s", e.Profile, e.File, e.Reason)
}

// DefaultSharedConfigFile is where the hcloud CLI keeps its profiles.
func DefaultSharedConfigFile() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join("~", ".hcloud", "config.json")
	}
	return filepath.Join(home, ".hcloud", "config.json")
}

// sharedConfig is the part of ~/.hcloud/config.json this provider reads.
type sharedConfig struct {
	Current  string `json:"current"`
	Profiles []struct {
		Name             string `json:"name"`
		Mode             string `json:"mode"`
		AccessKeyID      string `json:"accessKeyId"`
		SecretAccessKey  string `json:"secretAccessKey"`
		SecurityToken    string `json:"securityToken"`
		Region           string `json:"region"`
		ProjectID        string `json:"projectId"`
		AgencyName       string `json:"agencyName"`
		AgencyDomainName string `json:"agencyDomainName"`
		DomainID         string `json:"domainId"`
		SSOAuth          struct {
			STSToken struct {
				AccessKeyID     string `json:"accessKeyId"`
				SecretAccessKey string `json:"secretAccessKey"`
				SecurityToken   string `json:"securityToken"`
			} `json:"stsToken"`
		} `json:"ssoAuth"`
	} `json:"profiles"`
}

// LoadProfile reads profile name from the hcloud config file (name empty:
// the file's current profile). It reads a file and sends nothing.
func LoadProfile(file, name string) (Profile, error) {
	file = expandHome(file)
	data, err := os.ReadFile(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Profile{}, &ProfileError{File: file, Profile: name, Reason: "the file does not exist (the hcloud CLI creates it with `hcloud configure init`)"}
	case err != nil:
		return Profile{}, &ProfileError{File: file, Profile: name, Reason: fmt.Sprintf("the file cannot be read: %v", err)}
	}
	var cfg sharedConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return Profile{}, &ProfileError{File: file, Profile: name, Reason: "the file is not the hcloud CLI's JSON configuration: " + jsonErrorAt(data, err)}
	}
	if name == "" {
		name = cfg.Current
	}
	if name == "" {
		return Profile{}, &ProfileError{File: file, Reason: "no profile was named and the file has no current profile"}
	}
	var names []string
	for _, p := range cfg.Profiles {
		names = append(names, p.Name)
		if p.Name != name {
			continue
		}
		profile := Profile{File: file, Name: name, Mode: p.Mode, Region: p.Region, ProjectID: p.ProjectID,
			AgencyName: p.AgencyName, AgencyDomainName: p.AgencyDomainName, DomainID: p.DomainID}
		switch p.Mode {
		case ModeSSO:
			sts := p.SSOAuth.STSToken
			profile.Credentials = dli.Credentials{AccessKey: sts.AccessKeyID, SecretKey: sts.SecretAccessKey, SecurityToken: sts.SecurityToken}
		case ModeAKSK, "":
			profile.Credentials = dli.Credentials{AccessKey: p.AccessKeyID, SecretKey: p.SecretAccessKey, SecurityToken: p.SecurityToken}
		case ModeECSAgency:
			return profile, nil
		default:
			return Profile{}, &ProfileError{File: file, Profile: name, Reason: fmt.Sprintf("its mode %q is not supported here (use %s, %s or %s)", p.Mode, ModeAKSK, ModeSSO, ModeECSAgency)}
		}
		if profile.Credentials.AccessKey == "" || profile.Credentials.SecretKey == "" {
			return Profile{}, &ProfileError{File: file, Profile: name, Reason: noKeysReason(p.Mode)}
		}
		return profile, nil
	}
	return Profile{}, &ProfileError{File: file, Profile: name,
		Reason: fmt.Sprintf("there is no such profile (the file has: %s)", strings.Join(names, ", "))}
}

// noKeysReason: a profile without keys in the file is usually one whose
// keys the CLI encrypted, which only the CLI itself can read.
func noKeysReason(mode string) string {
	if mode == ModeSSO {
		return "it has no usable ssoAuth.stsToken keys: sign in again with `hcloud configure sso`"
	}
	return "it has no usable access keys: the hcloud CLI stores them encrypted unless configured with " +
		"`hcloud configure set --cli-auth-encrypt=false`; set that and configure the profile again, or give the keys another way"
}

func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// jsonErrorAt says where in data a JSON error is, as line and column, which
// encoding/json gives only as a byte offset.
func jsonErrorAt(data []byte, err error) string {
	var (
		syntax    *json.SyntaxError
		wrongType *json.UnmarshalTypeError
		offset    int64
	)
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset
	case errors.As(err, &wrongType):
		offset = wrongType.Offset
	default:
		return err.Error()
	}
	// The offset is just past the byte where the error was found.
	before := data[:min(max(int(offset)-1, 0), len(data))]
	line := bytes.Count(before, []byte("\n")) + 1
	column := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d: %v", line, column, err)
}
