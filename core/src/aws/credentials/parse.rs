//! Recognising credentials in whatever people paste: shell exports, PowerShell, `cmd`,
//! `.env` lines, a credentials-file profile, or CLI JSON output. Lines we don't recognise
//! (prompts, comments, the portal's headings) are ignored.

use super::{CredentialError, CredentialFormat, Credentials, KeyChecks, ParsedCredentials};
use crate::aws::loose_json::Loose;
use time::OffsetDateTime;

/// Finds credentials in a paste and checks them as AWS's.
pub fn parse_credentials(text: &str) -> Result<ParsedCredentials, CredentialError> {
    parse_credentials_for(text, KeyChecks::Aws)
}

/// Finds credentials in a paste and checks them with `checks`.
pub fn parse_credentials_for(
    text: &str,
    checks: KeyChecks,
) -> Result<ParsedCredentials, CredentialError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(CredentialError::Empty);
    }
    let found = match json_start(text) {
        Some(start) => from_json(&text[start..])?,
        None => from_lines(text)?,
    };
    let credentials = Credentials::new_for(
        &found.access_key_id,
        &found.secret_access_key,
        found.session_token.as_deref(),
        checks,
    )?
    .with_expiration(found.expiration);
    Ok(ParsedCredentials {
        credentials,
        format: found.format,
        region: found.region,
    })
}

/// What a paste held, before the checks of [`Credentials::new`].
struct Found {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiration: Option<OffsetDateTime>,
    region: Option<String>,
    format: CredentialFormat,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    AccessKeyId,
    SecretAccessKey,
    SessionToken,
    Expiration,
    Region,
}

impl Field {
    /// Known variable names, compared case-insensitively (env vars are upper case, the
    /// credentials file lower case).
    fn from_name(name: &str) -> Option<Field> {
        let name = name.to_ascii_lowercase();
        Some(match name.as_str() {
            "aws_access_key_id" => Field::AccessKeyId,
            "aws_secret_access_key" => Field::SecretAccessKey,
            "aws_session_token" | "aws_security_token" => Field::SessionToken,
            "aws_session_expiration" | "aws_credential_expiration" => Field::Expiration,
            "aws_region" | "aws_default_region" | "region" => Field::Region,
            _ => return None,
        })
    }

    fn label(self) -> &'static str {
        match self {
            Field::AccessKeyId => "access key ID",
            Field::SecretAccessKey => "secret access key",
            Field::SessionToken => "session token",
            Field::Expiration => "expiration time",
            Field::Region => "region",
        }
    }
}

/// The paste is JSON when its first non-blank character on some line is `{`; lines before it
/// are noise (a shell prompt, the command itself).
fn json_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('{') {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

fn from_json(text: &str) -> Result<Found, CredentialError> {
    // Trailing noise (a prompt after the output) is cut at the last closing brace.
    let end = text.rfind('}').map_or(text.len(), |i| i + 1);
    let value: Loose =
        serde_json::from_str(&text[..end]).map_err(|e| CredentialError::JsonInvalid {
            line: e.line(),
            column: e.column(),
        })?;
    if !matches!(value, Loose::Object(_)) {
        return Err(CredentialError::JsonUnrecognised);
    }
    let object = &value;
    let (inner, names, format) = if let Some(c) = object.get("Credentials") {
        (c, JsonNames::PASCAL, CredentialFormat::StsJson)
    } else if let Some(c) = object.get("roleCredentials") {
        (
            c,
            JsonNames::CAMEL,
            CredentialFormat::SsoRoleCredentialsJson,
        )
    } else if let Some(c) = object.get("AccessKey") {
        (c, JsonNames::PASCAL, CredentialFormat::CreateAccessKeyJson)
    } else if object.get("AccessKeyId").is_some() || object.get("Version").is_some() {
        (
            &value,
            JsonNames::PASCAL,
            CredentialFormat::ExportCredentialsJson,
        )
    } else {
        return Err(CredentialError::JsonUnrecognised);
    };
    if !matches!(inner, Loose::Object(_)) {
        return Err(CredentialError::JsonUnrecognised);
    }
    let text_member = |name: &'static str| -> Result<Option<String>, CredentialError> {
        match inner.get(name) {
            None | Some(Loose::Null) => Ok(None),
            Some(Loose::Text(s)) => Ok(Some(s.clone())),
            Some(_) => Err(CredentialError::JsonFieldNotText { field: name }),
        }
    };
    let required = |name: &'static str| -> Result<String, CredentialError> {
        text_member(name)?.ok_or(CredentialError::JsonMissingField { field: name })
    };
    let access_key_id = required(names.access_key_id)?;
    let secret_access_key = required(names.secret_access_key)?;
    // STS and SSO always return a token with temporary keys: its absence is a cut paste.
    let session_token = match format {
        CredentialFormat::StsJson | CredentialFormat::SsoRoleCredentialsJson => {
            Some(required(names.session_token)?)
        }
        _ => text_member(names.session_token)?,
    };
    let expiration = match inner.get(names.expiration) {
        None | Some(Loose::Null) => None,
        Some(Loose::Text(s)) => Some(parse_time(s)?),
        // `sso get-role-credentials` gives milliseconds since the epoch.
        // Read in i64 seconds and milliseconds, not i128 nanoseconds: 128-bit division and
        // multiplication cost the first view 1.6 KB of wasm.
        Some(Loose::Integer(ms)) if format == CredentialFormat::SsoRoleCredentialsJson => Some(
            i64::try_from(*ms)
                .ok()
                .and_then(|ms| {
                    OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
                        .ok()?
                        .checked_add(time::Duration::milliseconds(ms.rem_euclid(1000)))
                })
                .ok_or(CredentialError::ExpirationNotADate)?,
        ),
        Some(_) => return Err(CredentialError::ExpirationNotADate),
    };
    Ok(Found {
        access_key_id,
        secret_access_key,
        session_token,
        expiration,
        region: None,
        format,
    })
}

struct JsonNames {
    access_key_id: &'static str,
    secret_access_key: &'static str,
    session_token: &'static str,
    expiration: &'static str,
}

impl JsonNames {
    const PASCAL: JsonNames = JsonNames {
        access_key_id: "AccessKeyId",
        secret_access_key: "SecretAccessKey",
        session_token: "SessionToken",
        expiration: "Expiration",
    };
    const CAMEL: JsonNames = JsonNames {
        access_key_id: "accessKeyId",
        secret_access_key: "secretAccessKey",
        session_token: "sessionToken",
        expiration: "expiration",
    };
}

/// One `NAME=value` found on a line.
struct Assignment {
    field: Field,
    value: String,
    format: CredentialFormat,
}

fn from_lines(text: &str) -> Result<Found, CredentialError> {
    let mut assignments = Vec::new();
    for line in text.lines() {
        if let Some(a) = parse_line(line.trim())? {
            assignments.push(a);
        }
    }
    let values = |field: Field| -> Vec<&Assignment> {
        let mut distinct: Vec<&Assignment> = Vec::new();
        for a in assignments.iter().filter(|a| a.field == field) {
            if !distinct.iter().any(|d| d.value == a.value) {
                distinct.push(a);
            }
        }
        distinct
    };
    let single = |field: Field| -> Result<Option<&Assignment>, CredentialError> {
        let found = values(field);
        match found.len() {
            0 => Ok(None),
            1 => Ok(Some(found[0])),
            _ => Err(CredentialError::ConflictingValues {
                field: field.label(),
            }),
        }
    };
    let keys = values(Field::AccessKeyId);
    let key = match keys.len() {
        0 => return Err(CredentialError::NoAccessKeyId),
        1 => keys[0],
        count => return Err(CredentialError::MultipleAccessKeys { count }),
    };
    let secret = single(Field::SecretAccessKey)?.ok_or(CredentialError::NoSecretAccessKey)?;
    let session_token = single(Field::SessionToken)?.map(|a| a.value.clone());
    let expiration = match single(Field::Expiration)? {
        Some(a) => Some(parse_time(&a.value)?),
        None => None,
    };
    let region = single(Field::Region)?.map(|a| a.value.clone());
    Ok(Found {
        access_key_id: key.value.clone(),
        secret_access_key: secret.value.clone(),
        session_token,
        expiration,
        region,
        format: key.format,
    })
}

/// Recognises one line; `Ok(None)` for noise.
fn parse_line(line: &str) -> Result<Option<Assignment>, CredentialError> {
    let (format, assignment) = if let Some(rest) = strip_word(line, "export") {
        (CredentialFormat::IdentityCenterBash, rest)
    } else if let Some(rest) = strip_prefix_ci(line, "$env:") {
        (CredentialFormat::IdentityCenterPowerShell, rest)
    } else if let Some(rest) = strip_word(line, "set") {
        // `set "NAME=value"` quotes the whole assignment.
        let rest = rest.trim();
        let rest = match rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            Some(inner) => inner,
            None => rest,
        };
        (CredentialFormat::IdentityCenterWindowsCmd, rest)
    } else {
        let name = line.split('=').next().unwrap_or("").trim();
        let format = if name.starts_with("AWS_") {
            CredentialFormat::EnvironmentFile
        } else {
            CredentialFormat::CredentialsFile
        };
        (format, line)
    };
    let Some((name, value)) = assignment.split_once('=') else {
        return Ok(None);
    };
    let Some(field) = Field::from_name(name.trim()) else {
        return Ok(None);
    };
    // PowerShell lines may end with `;`.
    let value = value.trim().trim_end_matches(';').trim_end();
    let value = unquote(value, field.label())?;
    if value.is_empty() {
        return Err(CredentialError::EmptyValue {
            field: field.label(),
        });
    }
    Ok(Some(Assignment {
        field,
        value,
        format,
    }))
}

/// Removes one pair of matching single or double quotes.
pub(super) fn unquote(value: &str, field: &'static str) -> Result<String, CredentialError> {
    for quote in ['"', '\''] {
        if let Some(rest) = value.strip_prefix(quote) {
            return match rest.strip_suffix(quote) {
                Some(inner) => Ok(inner.trim().to_string()),
                None => Err(CredentialError::UnbalancedQuotes { field }),
            };
        }
    }
    Ok(value.to_string())
}

/// `word` followed by whitespace, case-insensitively (`export`, `SET`).
fn strip_word<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let rest = strip_prefix_ci(line, word)?;
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// RFC 3339 (`2025-01-31T12:00:00Z`, `...+00:00`, with or without fractions); a space instead
/// of the `T` is accepted too, as some tools print it.
fn parse_time(text: &str) -> Result<OffsetDateTime, CredentialError> {
    let text = text.trim();
    crate::aws::datetime::parse_rfc3339(text)
        .or_else(|| crate::aws::datetime::parse_rfc3339(&text.replacen(' ', "T", 1)))
        .ok_or(CredentialError::ExpirationNotADate)
}
