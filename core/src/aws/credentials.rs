//! AWS credentials pasted by people: the formats they come in, and checks that catch a bad
//! paste before anything is signed.
//!
//! Nothing here ever prints the secret access key or the session token: not `Debug`, not
//! `Display`, not an error message.

mod parse;

pub use parse::{parse_credentials, parse_credentials_for};

use std::fmt;
use std::sync::Arc;
use time::OffsetDateTime;

use super::sign::SigningKeys;

/// AWS credentials. The secret and the session token can only be read through their
/// accessors; `Debug` and `Display` redact them.
#[derive(Clone)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiration: Option<OffsetDateTime>,
    /// The SigV4 signing keys derived from the secret so far (`aws::sign`), shared by every
    /// clone of these credentials and dropped with the last: forgotten with the credentials.
    signing_keys: Arc<SigningKeys>,
}

/// Credentials are equal when their keys, token and expiration are (the signing keys are
/// derived from them).
impl PartialEq for Credentials {
    fn eq(&self, other: &Self) -> bool {
        self.access_key_id == other.access_key_id
            && self.secret_access_key == other.secret_access_key
            && self.session_token == other.session_token
            && self.expiration == other.expiration
    }
}

impl Eq for Credentials {}

/// Which checks a key pair must pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum KeyChecks {
    /// AWS's own shapes: an `AKIA`/`ASIA` key ID, a 40-character secret, a session token with
    /// (and only with) an `ASIA` key.
    #[default]
    Aws,
    /// Every endpoint is a custom AWS-compatible one (LocalStack, moto, the e2e stand-in),
    /// which has keys of its own (`test` / `test`): any non-empty key ID and secret, a session
    /// token optional.
    StandIn,
}

impl Credentials {
    /// Builds credentials from three separate values (the form's three fields), after the same
    /// checks as a paste. Surrounding spaces and quotes are removed; an empty token means none.
    pub fn new(
        access_key_id: &str,
        secret_access_key: &str,
        session_token: Option<&str>,
    ) -> Result<Self, CredentialError> {
        Self::new_for(
            access_key_id,
            secret_access_key,
            session_token,
            KeyChecks::Aws,
        )
    }

    /// The same, with the checks `checks` asks for.
    pub fn new_for(
        access_key_id: &str,
        secret_access_key: &str,
        session_token: Option<&str>,
        checks: KeyChecks,
    ) -> Result<Self, CredentialError> {
        let access_key_id = parse::unquote(access_key_id.trim(), "access key ID")?;
        let secret_access_key = parse::unquote(secret_access_key.trim(), "secret access key")?;
        let session_token = match session_token.map(str::trim) {
            None | Some("") => None,
            Some(t) => Some(parse::unquote(t, "session token")?),
        };
        if access_key_id.is_empty() {
            return Err(CredentialError::NoAccessKeyId);
        }
        if secret_access_key.is_empty() {
            return Err(CredentialError::NoSecretAccessKey);
        }
        let credentials = Self {
            access_key_id,
            secret_access_key,
            session_token,
            expiration: None,
            signing_keys: Arc::default(),
        };
        if checks == KeyChecks::StandIn {
            return Ok(credentials);
        }
        credentials.check_aws_shapes()?;
        Ok(credentials)
    }

    /// Whether the keys have AWS's shapes (with a stand-in they need not: the page says so).
    pub fn looks_like_aws(&self) -> bool {
        self.check_aws_shapes().is_ok()
    }

    fn check_aws_shapes(&self) -> Result<(), CredentialError> {
        let Self {
            access_key_id,
            secret_access_key,
            session_token,
            ..
        } = self;
        check_access_key_id(access_key_id, secret_access_key)?;
        check_secret(secret_access_key)?;
        if let Some(token) = &session_token {
            check_session_token(token)?;
        }
        match (access_key_id.starts_with("ASIA"), session_token.is_some()) {
            (true, false) => Err(CredentialError::MissingSessionToken),
            (false, true) => Err(CredentialError::UnexpectedSessionToken),
            _ => Ok(()),
        }
    }

    /// The same credentials with an expiration time.
    pub fn with_expiration(mut self, expiration: Option<OffsetDateTime>) -> Self {
        self.expiration = expiration;
        self
    }

    /// The access key ID (not a secret: it appears in CloudTrail and error messages).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key. Only the signer should call this.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The signing keys derived from the secret. Only the signer should call this.
    pub(crate) fn signing_keys(&self) -> &SigningKeys {
        &self.signing_keys
    }

    /// The session token of temporary credentials. Only the signer should call this.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When temporary credentials stop working, if the paste said.
    pub fn expiration(&self) -> Option<OffsetDateTime> {
        self.expiration
    }

    /// True for temporary credentials (an `ASIA` key with a session token).
    pub fn is_temporary(&self) -> bool {
        self.session_token.is_some()
    }

    /// True when the credentials expire before `now + margin` (the clock is the caller's).
    pub fn expires_before(&self, now: OffsetDateTime, margin: time::Duration) -> bool {
        self.expiration.is_some_and(|e| e <= now + margin)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiration", &self.expiration)
            .finish()
    }
}

/// Shows the access key ID and whether the credentials are temporary, never the secrets.
impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.access_key_id)?;
        if self.is_temporary() {
            f.write_str(" (temporary")?;
            if let Some(e) = self.expiration {
                let when = crate::aws::datetime::rfc3339_utc(e);
                write!(f, ", expires {when}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// Credentials recognised in a paste, and the format they were found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedCredentials {
    /// The checked credentials.
    pub credentials: Credentials,
    /// What the paste looked like.
    pub format: CredentialFormat,
    /// The region the paste named (`AWS_REGION`, `AWS_DEFAULT_REGION`, `region = ...`), if any.
    pub region: Option<String>,
}

/// The formats people paste credentials in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CredentialFormat {
    /// `export AWS_ACCESS_KEY_ID="..."` lines (IAM Identity Center portal, macOS/Linux tab;
    /// also `aws configure export-credentials --format env`).
    IdentityCenterBash,
    /// `$Env:AWS_ACCESS_KEY_ID="..."` lines (IAM Identity Center portal, PowerShell tab).
    IdentityCenterPowerShell,
    /// `set AWS_ACCESS_KEY_ID=...` lines (IAM Identity Center portal, Windows tab).
    IdentityCenterWindowsCmd,
    /// Plain `AWS_ACCESS_KEY_ID=...` lines, as in a `.env` file.
    EnvironmentFile,
    /// A `[profile]` block of `~/.aws/credentials` (`aws_access_key_id = ...`).
    CredentialsFile,
    /// The JSON answer of `aws sts assume-role` / `get-session-token` (`{"Credentials": {...}}`).
    StsJson,
    /// The JSON of `aws configure export-credentials` (`{"Version": 1, "AccessKeyId": ...}`).
    ExportCredentialsJson,
    /// The JSON of `aws sso get-role-credentials` (`{"roleCredentials": {...}}`).
    SsoRoleCredentialsJson,
    /// The JSON of `aws iam create-access-key` (`{"AccessKey": {...}}`).
    CreateAccessKeyJson,
    /// Three values typed into separate fields.
    SeparateFields,
}

impl CredentialFormat {
    /// A label for the UI ("Recognised: IAM Identity Center (bash)").
    pub fn label(self) -> &'static str {
        match self {
            CredentialFormat::IdentityCenterBash => "IAM Identity Center (bash)",
            CredentialFormat::IdentityCenterPowerShell => "IAM Identity Center (PowerShell)",
            CredentialFormat::IdentityCenterWindowsCmd => "IAM Identity Center (Windows cmd)",
            CredentialFormat::EnvironmentFile => "Environment variables (KEY=value)",
            CredentialFormat::CredentialsFile => "AWS credentials file profile",
            CredentialFormat::StsJson => "AWS CLI sts assume-role / get-session-token (JSON)",
            CredentialFormat::ExportCredentialsJson => {
                "AWS CLI configure export-credentials (JSON)"
            }
            CredentialFormat::SsoRoleCredentialsJson => "AWS CLI sso get-role-credentials (JSON)",
            CredentialFormat::CreateAccessKeyJson => "AWS CLI iam create-access-key (JSON)",
            CredentialFormat::SeparateFields => "Separate fields",
        }
    }
}

impl fmt::Display for CredentialFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why a paste was not accepted. Messages name what is wrong and what to do; they never
/// contain the secret access key or the session token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    /// Nothing was pasted.
    #[error("Nothing was pasted. Copy the credentials from the AWS access portal or the AWS CLI and paste them here.")]
    Empty,
    /// No access key ID anywhere in the paste.
    #[error("No access key ID found. Paste the whole block, including the AWS_ACCESS_KEY_ID line (or \"AccessKeyId\" in JSON).")]
    NoAccessKeyId,
    /// The access key ID is not 20 characters of AKIA/ASIA + 16 capital letters or digits.
    #[error("The access key ID doesn't look like one ({length} characters): it should be 20 characters, AKIA or ASIA followed by 16 capital letters or digits. Check that it was copied whole.")]
    AccessKeyIdMalformed {
        /// How many characters the value had.
        length: usize,
    },
    /// The access key ID and the secret seem to be the wrong way round.
    #[error("The access key ID and the secret access key look swapped: the key ID starts with AKIA or ASIA, the secret is 40 characters.")]
    KeysSwapped,
    /// No secret access key anywhere in the paste.
    #[error("No secret access key found. Paste the AWS_SECRET_ACCESS_KEY line too (or \"SecretAccessKey\" in JSON).")]
    NoSecretAccessKey,
    /// The secret has the wrong length.
    #[error("The secret access key has {length} characters; AWS secret keys have 40. Check that it was copied whole.")]
    SecretAccessKeyWrongLength {
        /// How many characters the value had.
        length: usize,
    },
    /// The secret contains characters AWS secrets never contain.
    #[error("The secret access key contains characters AWS secret keys never have (only letters, digits, + and /). Copy it again.")]
    SecretAccessKeyBadCharacters,
    /// An `ASIA` key (temporary) came without its session token.
    #[error("The access key ID starts with ASIA, so these are temporary credentials: the session token (AWS_SESSION_TOKEN) is missing. Paste it too.")]
    MissingSessionToken,
    /// An `AKIA` key (long-term) came with a session token.
    #[error("A session token was pasted with a long-term access key (AKIA...). Session tokens belong to temporary keys (ASIA...): paste the matching access key ID.")]
    UnexpectedSessionToken,
    /// The session token has characters a token never has, or is too short to be one.
    #[error("The session token doesn't look like one (it should be a long run of letters, digits, +, / and =). Copy it again, whole.")]
    SessionTokenMalformed,
    /// A value was present but empty.
    #[error("The {field} is empty in the paste. Copy it again from its source.")]
    EmptyValue {
        /// Which value.
        field: &'static str,
    },
    /// A quoted value has no closing quote.
    #[error("The {field} starts with a quote that is never closed. The paste may be cut short: copy it again.")]
    UnbalancedQuotes {
        /// Which value.
        field: &'static str,
    },
    /// The expiration time is not a date.
    #[error("The expiration time is not a date and time like 2025-01-31T12:00:00Z. Remove that line or copy it again.")]
    ExpirationNotADate,
    /// The paste looks like JSON but isn't valid JSON.
    #[error("The paste looks like JSON but isn't valid (line {line}, column {column}). Copy the whole output of the command again.")]
    JsonInvalid {
        /// 1-based line within the JSON.
        line: usize,
        /// 1-based column within the JSON.
        column: usize,
    },
    /// The JSON is valid but a member is missing.
    #[error("The JSON has no \"{field}\". Paste the whole output of the command.")]
    JsonMissingField {
        /// The JSON member name.
        field: &'static str,
    },
    /// A JSON member has the wrong type.
    #[error(
        "The JSON member \"{field}\" should be text. Paste the output of the command unchanged."
    )]
    JsonFieldNotText {
        /// The JSON member name.
        field: &'static str,
    },
    /// The JSON is valid but isn't any credentials output we know.
    #[error("This JSON doesn't contain credentials. Paste the output of aws sts assume-role, aws sts get-session-token or aws configure export-credentials.")]
    JsonUnrecognised,
    /// More than one access key ID in the paste.
    #[error("The paste contains {count} different access key IDs. Paste the credentials of one account and role only.")]
    MultipleAccessKeys {
        /// How many distinct access key IDs.
        count: usize,
    },
    /// The same value appears twice with different contents.
    #[error("The paste contains two different values for the {field}. Paste one set of credentials only.")]
    ConflictingValues {
        /// Which value.
        field: &'static str,
    },
}

/// `AKIA`/`ASIA` + 16 of `[A-Z0-9]`: the shape of IAM user and STS temporary key IDs.
fn check_access_key_id(key: &str, secret: &str) -> Result<(), CredentialError> {
    let well_formed = |k: &str| {
        k.len() == 20
            && (k.starts_with("AKIA") || k.starts_with("ASIA"))
            && k.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    if well_formed(key) {
        return Ok(());
    }
    if well_formed(secret) && key.len() == 40 {
        return Err(CredentialError::KeysSwapped);
    }
    Err(CredentialError::AccessKeyIdMalformed {
        length: key.chars().count(),
    })
}

fn check_secret(secret: &str) -> Result<(), CredentialError> {
    if !secret
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
    {
        return Err(CredentialError::SecretAccessKeyBadCharacters);
    }
    if secret.len() != 40 {
        return Err(CredentialError::SecretAccessKeyWrongLength {
            length: secret.len(),
        });
    }
    Ok(())
}

/// Session tokens are base64 (hundreds of characters); anything shorter than a secret key or
/// with other characters is a copy mistake.
fn check_session_token(token: &str) -> Result<(), CredentialError> {
    let charset_ok = token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    if charset_ok && token.len() >= 40 {
        Ok(())
    } else {
        Err(CredentialError::SessionTokenMalformed)
    }
}
