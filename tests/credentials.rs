#![cfg(not(target_arch = "wasm32"))]
//! Pasted credentials: every format we accept, and the specific error for each bad paste.

use lens_core::aws::credentials::{
    parse_credentials, CredentialError, CredentialFormat, Credentials,
};
use time::macros::datetime;

const AKIA: &str = "AKIAIOSFODNN7EXAMPLE";
const ASIA: &str = "ASIAIOSFODNN7EXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLETOKEN/abc+def==FwoGZXIvYXdzEBYaDHk0bmV4YW1wbGVkYXRh";

fn ok(paste: &str) -> (Credentials, CredentialFormat) {
    match parse_credentials(paste) {
        Ok(p) => (p.credentials, p.format),
        Err(e) => panic!("expected credentials from {paste:?}, got {e:?}"),
    }
}

fn err(paste: &str) -> CredentialError {
    match parse_credentials(paste) {
        Ok(p) => panic!("expected an error for {paste:?}, got {:?}", p.credentials),
        Err(e) => {
            let message = e.to_string();
            assert!(
                !message.contains(SECRET),
                "error echoes the secret: {message}"
            );
            assert!(
                !message.contains(TOKEN),
                "error echoes the token: {message}"
            );
            e
        }
    }
}

fn assert_temporary(c: &Credentials) {
    assert_eq!(c.access_key_id(), ASIA);
    assert_eq!(c.secret_access_key(), SECRET);
    assert_eq!(c.session_token(), Some(TOKEN));
}

#[test]
fn identity_center_bash_block() {
    let paste = format!(
        "Option 1: Set AWS environment variables\r\n\
         export AWS_ACCESS_KEY_ID=\"{ASIA}\"\r\n\
         export AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\r\n\
         export AWS_SESSION_TOKEN=\"{TOKEN}\"\r\n\
         Copy\r\n"
    );
    let (c, format) = ok(&paste);
    assert_temporary(&c);
    assert_eq!(format, CredentialFormat::IdentityCenterBash);
    assert_eq!(format.label(), "IAM Identity Center (bash)");
}

#[test]
fn powershell_block() {
    let paste = format!(
        "$Env:AWS_ACCESS_KEY_ID=\"{ASIA}\"\n$Env:AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\n\
         $env:AWS_SESSION_TOKEN = '{TOKEN}';\n"
    );
    let (c, format) = ok(&paste);
    assert_temporary(&c);
    assert_eq!(format, CredentialFormat::IdentityCenterPowerShell);
}

#[test]
fn windows_cmd_block() {
    let paste = format!(
        "set AWS_ACCESS_KEY_ID={ASIA}\nset \"AWS_SECRET_ACCESS_KEY={SECRET}\"\nSET AWS_SESSION_TOKEN={TOKEN}\n"
    );
    let (c, format) = ok(&paste);
    assert_temporary(&c);
    assert_eq!(format, CredentialFormat::IdentityCenterWindowsCmd);
}

#[test]
fn env_file_lines_with_expiration_and_region() {
    let paste = format!(
        "AWS_ACCESS_KEY_ID={ASIA}\nAWS_SECRET_ACCESS_KEY={SECRET}\nAWS_SESSION_TOKEN={TOKEN}\n\
         AWS_SESSION_EXPIRATION=2026-03-14T16:00:00Z\nAWS_REGION=eu-west-1\n"
    );
    let p = parse_credentials(&paste).unwrap();
    assert_temporary(&p.credentials);
    assert_eq!(p.format, CredentialFormat::EnvironmentFile);
    assert_eq!(
        p.credentials.expiration(),
        Some(datetime!(2026-03-14 16:00 UTC))
    );
    assert_eq!(p.region.as_deref(), Some("eu-west-1"));
}

#[test]
fn sts_assume_role_json_with_noise_around() {
    let paste = format!(
        "$ aws sts assume-role --role-arn arn:aws:iam::123456789012:role/x --role-session-name s\n\
         {{\n    \"Credentials\": {{\n        \"AccessKeyId\": \"{ASIA}\",\n        \
         \"SecretAccessKey\": \"{SECRET}\",\n        \"SessionToken\": \"{TOKEN}\",\n        \
         \"Expiration\": \"2026-03-14T16:00:00+00:00\"\n    }},\n    \"AssumedRoleUser\": {{\n        \
         \"AssumedRoleId\": \"AROA3XFRBF535PLBIFPI4:s\",\n        \"Arn\": \"arn:aws:sts::123456789012:assumed-role/x/s\"\n    }}\n}}\n$ "
    );
    let (c, format) = ok(&paste);
    assert_temporary(&c);
    assert_eq!(format, CredentialFormat::StsJson);
    assert_eq!(c.expiration(), Some(datetime!(2026-03-14 16:00 UTC)));
}

#[test]
fn configure_export_credentials_json() {
    let paste = format!(
        "{{\"Version\": 1, \"AccessKeyId\": \"{ASIA}\", \"SecretAccessKey\": \"{SECRET}\", \
         \"SessionToken\": \"{TOKEN}\", \"Expiration\": \"2026-03-14T16:00:00.000Z\"}}"
    );
    let (c, format) = ok(&paste);
    assert_temporary(&c);
    assert_eq!(format, CredentialFormat::ExportCredentialsJson);
    // Long-term keys: no token, no expiration.
    let paste = format!(
        "{{\"Version\": 1, \"AccessKeyId\": \"{AKIA}\", \"SecretAccessKey\": \"{SECRET}\"}}"
    );
    let (c, _) = ok(&paste);
    assert_eq!(c.session_token(), None);
    assert!(!c.is_temporary());
}

#[test]
fn json_members_are_read_as_json_means_them() {
    // Escapes in names and values, other members of any shape skipped, null for absent, and of
    // a member given twice the last (as serde_json's own map keeps it).
    let paste = format!(
        "{{\"ResponseMetadata\": {{\"RequestId\": \"x\", \"List\": [1, [2, {{}}], null, true]}}, \
         \"Credentials\": {{\"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLX\", \"Access\\u004beyId\": \"{ASIA}\", \
         \"SecretAccessKey\": \"{SECRET}\", \"SessionToken\": \"{TOKEN}\", \"Expiration\": null, \
         \"Big\": 1.5e300}}, \"AssumedRoleUser\": {{\"Arn\": \"arn:aws:sts::123456789012:assumed-role/r/s\"}}}}"
    );
    let (c, format) = ok(&paste);
    assert_eq!(format, CredentialFormat::StsJson);
    assert_eq!(c.access_key_id(), ASIA);
    assert_eq!(c.session_token(), Some(TOKEN));
    assert_eq!(c.expiration(), None);
}

#[test]
fn sso_get_role_credentials_json() {
    let paste = format!(
        "{{\"roleCredentials\": {{\"accessKeyId\": \"{ASIA}\", \"secretAccessKey\": \"{SECRET}\", \
         \"sessionToken\": \"{TOKEN}\", \"expiration\": 1773504000000}}}}"
    );
    let (c, format) = ok(&paste);
    assert_temporary(&c);
    assert_eq!(format, CredentialFormat::SsoRoleCredentialsJson);
    assert_eq!(c.expiration(), Some(datetime!(2026-03-14 16:00 UTC)));
}

/// Milliseconds before the epoch, with a fraction of a second, and at the ends of the range
/// `time` can hold: read as the exact instant (nanoseconds), or refused as not a date.
#[test]
fn sso_expiration_milliseconds_are_read_exactly() {
    for ms in [
        0i64,
        1,
        -1,
        999,
        -999,
        -1000,
        1_773_504_000_123,
        253_402_300_799_999,
        253_402_300_800_000,
        -377_705_116_800_000,
        -377_705_116_800_001,
        i64::MAX,
        i64::MIN,
    ] {
        let paste = format!(
            "{{\"roleCredentials\": {{\"accessKeyId\": \"{ASIA}\", \"secretAccessKey\": \"{SECRET}\", \
             \"sessionToken\": \"{TOKEN}\", \"expiration\": {ms}}}}}"
        );
        let exact =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok();
        match parse_credentials(&paste) {
            Ok(p) => assert_eq!(p.credentials.expiration(), exact, "{ms}"),
            Err(e) => {
                assert_eq!(exact, None, "{ms}: {e}");
                assert_eq!(e, CredentialError::ExpirationNotADate, "{ms}");
            }
        }
    }
}

#[test]
fn credentials_file_profile() {
    let paste = format!(
        "[123456789012_ReadOnly]\r\naws_access_key_id = {ASIA}\r\naws_secret_access_key={SECRET}\r\n\
         aws_session_token = {TOKEN}\r\nregion = us-east-2\r\n\
         aws_session_expiration = 2026-03-14T16:00:00+00:00\r\n"
    );
    let p = parse_credentials(&paste).unwrap();
    assert_temporary(&p.credentials);
    assert_eq!(p.format, CredentialFormat::CredentialsFile);
    assert_eq!(p.region.as_deref(), Some("us-east-2"));
    assert_eq!(
        p.credentials.expiration(),
        Some(datetime!(2026-03-14 16:00 UTC))
    );
}

#[test]
fn three_separate_values() {
    let c = Credentials::new(
        &format!(" '{ASIA}' "),
        SECRET,
        Some(&format!("\"{TOKEN}\"\n")),
    )
    .unwrap();
    assert_temporary(&c);
    let c = Credentials::new(AKIA, SECRET, Some("  ")).unwrap();
    assert_eq!(c.session_token(), None);
    assert_eq!(CredentialFormat::SeparateFields.label(), "Separate fields");
}

#[test]
fn debug_and_display_never_show_secrets() {
    let (c, _) = ok(&format!(
        "export AWS_ACCESS_KEY_ID={ASIA}\nexport AWS_SECRET_ACCESS_KEY={SECRET}\nexport AWS_SESSION_TOKEN={TOKEN}\nexport AWS_CREDENTIAL_EXPIRATION=2026-03-14T16:00:00Z"
    ));
    for shown in [
        format!("{c:?}"),
        format!("{c:#?}"),
        c.to_string(),
        format!("{:?}", parse_credentials(&format!("AWS_ACCESS_KEY_ID={ASIA}\nAWS_SECRET_ACCESS_KEY={SECRET}\nAWS_SESSION_TOKEN={TOKEN}")).unwrap()),
    ] {
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(!shown.contains(TOKEN), "{shown}");
        assert!(!shown.contains("wJalr"), "{shown}");
    }
    assert!(format!("{c:?}").contains(ASIA));
    assert_eq!(
        c.to_string(),
        format!("{ASIA} (temporary, expires 2026-03-14T16:00:00Z)")
    );
}

#[test]
fn expiry_is_checked_against_a_given_time() {
    let (c, _) = ok(&format!(
        "AWS_ACCESS_KEY_ID={ASIA}\nAWS_SECRET_ACCESS_KEY={SECRET}\nAWS_SESSION_TOKEN={TOKEN}\nAWS_SESSION_EXPIRATION=2026-03-14T16:00:00Z"
    ));
    assert!(!c.expires_before(datetime!(2026-03-14 15:00 UTC), time::Duration::minutes(5)));
    assert!(c.expires_before(datetime!(2026-03-14 15:56 UTC), time::Duration::minutes(5)));
}

/// Each bad paste names its own problem.
#[test]
fn malformed_pastes_give_specific_errors() {
    use CredentialError as E;
    let bash = |key: &str, secret: &str, token: Option<&str>| {
        let mut s = format!(
            "export AWS_ACCESS_KEY_ID=\"{key}\"\nexport AWS_SECRET_ACCESS_KEY=\"{secret}\"\n"
        );
        if let Some(t) = token {
            s.push_str(&format!("export AWS_SESSION_TOKEN=\"{t}\"\n"));
        }
        s
    };
    let cut_json = format!(
        "{{\"Credentials\": {{\"AccessKeyId\": \"{ASIA}\", \"SecretAccessKey\": \"{SECRET}\""
    );
    let cases: Vec<(String, CredentialError)> = vec![
        // 1. nothing at all
        ("  \r\n\t".into(), E::Empty),
        // 2. text without any credentials
        ("Hello, here are my creds: none".into(), E::NoAccessKeyId),
        // 3. only a secret
        (format!("export AWS_SECRET_ACCESS_KEY={SECRET}"), E::NoAccessKeyId),
        // 4. only an access key
        (format!("export AWS_ACCESS_KEY_ID={AKIA}"), E::NoSecretAccessKey),
        // 5. access key cut short
        (bash("AKIAIOSFODNN7", SECRET, None), E::AccessKeyIdMalformed { length: 13 }),
        // 6. access key with lower case
        (bash("akiaiosfodnn7example", SECRET, None), E::AccessKeyIdMalformed { length: 20 }),
        // 7. wrong prefix (a user ID, not a key)
        (bash("AIDAIOSFODNN7EXAMPLE", SECRET, None), E::AccessKeyIdMalformed { length: 20 }),
        // 8. key and secret swapped
        (bash(SECRET, AKIA, None), E::KeysSwapped),
        // 9. secret cut short
        (bash(AKIA, &SECRET[..30], None), E::SecretAccessKeyWrongLength { length: 30 }),
        // 10. secret with a character secrets don't have
        (bash(AKIA, "wJalrXUtnFEMI/K7MDENG-bPxRfiCYEXAMPLEKEY", None), E::SecretAccessKeyBadCharacters),
        // 11. ASIA key without its token
        (bash(ASIA, SECRET, None), E::MissingSessionToken),
        // 12. AKIA key with a token
        (bash(AKIA, SECRET, Some(TOKEN)), E::UnexpectedSessionToken),
        // 13. token with spaces in it
        (bash(ASIA, SECRET, Some("IQoJb3JpZ2luX2Vj EXAMPLE TOKEN with spaces in it, not base64")), E::SessionTokenMalformed),
        // 14. token too short
        (bash(ASIA, SECRET, Some("abc")), E::SessionTokenMalformed),
        // 15. empty value
        (format!("export AWS_ACCESS_KEY_ID=\"\"\nexport AWS_SECRET_ACCESS_KEY={SECRET}"), E::EmptyValue { field: "access key ID" }),
        // 16. quote never closed
        (format!("export AWS_ACCESS_KEY_ID={AKIA}\nexport AWS_SECRET_ACCESS_KEY=\"{SECRET}"), E::UnbalancedQuotes { field: "secret access key" }),
        // 17. expiration is not a date
        (format!("{}export AWS_SESSION_EXPIRATION=tomorrow\n", bash(ASIA, SECRET, Some(TOKEN))), E::ExpirationNotADate),
        // 18. two different access keys
        (format!("{}{}", bash(AKIA, SECRET, None), bash("AKIAI44QH8DHBEXAMPLE", SECRET, None)), E::MultipleAccessKeys { count: 2 }),
        // 19. two profiles of a credentials file
        (format!("[a]\naws_access_key_id={AKIA}\naws_secret_access_key={SECRET}\n[b]\naws_access_key_id=AKIAI44QH8DHBEXAMPLE\naws_secret_access_key={SECRET}\n"), E::MultipleAccessKeys { count: 2 }),
        // 20. one key, two different secrets
        (format!("export AWS_ACCESS_KEY_ID={AKIA}\nexport AWS_SECRET_ACCESS_KEY={SECRET}\nexport AWS_SECRET_ACCESS_KEY=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n"), E::ConflictingValues { field: "secret access key" }),
        // 21. JSON cut short: serde_json reports the end of the text
        (cut_json.clone(), E::JsonInvalid { line: 1, column: cut_json.len() }),
        // 22. JSON without the secret
        (format!("{{\"Credentials\": {{\"AccessKeyId\": \"{ASIA}\", \"SessionToken\": \"{TOKEN}\"}}}}"), E::JsonMissingField { field: "SecretAccessKey" }),
        // 23. STS JSON without the token
        (format!("{{\"Credentials\": {{\"AccessKeyId\": \"{ASIA}\", \"SecretAccessKey\": \"{SECRET}\"}}}}"), E::JsonMissingField { field: "SessionToken" }),
        // 24. export-credentials JSON without the key
        (format!("{{\"Version\": 1, \"SecretAccessKey\": \"{SECRET}\"}}"), E::JsonMissingField { field: "AccessKeyId" }),
        // 25. a number where text belongs
        (format!("{{\"Version\": 1, \"AccessKeyId\": 12345, \"SecretAccessKey\": \"{SECRET}\"}}"), E::JsonFieldNotText { field: "AccessKeyId" }),
        // 26. valid JSON, something else entirely
        ("{\"UserId\": \"AIDAEXAMPLE\", \"Account\": \"123456789012\"}".into(), E::JsonUnrecognised),
        // 27. JSON expiration that is not a date
        (format!("{{\"Credentials\": {{\"AccessKeyId\": \"{ASIA}\", \"SecretAccessKey\": \"{SECRET}\", \"SessionToken\": \"{TOKEN}\", \"Expiration\": \"soon\"}}}}"), E::ExpirationNotADate),
        // 28. PowerShell line with an unclosed quote on the token
        (format!("$Env:AWS_ACCESS_KEY_ID=\"{ASIA}\"\n$Env:AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\n$Env:AWS_SESSION_TOKEN=\"{TOKEN}"), E::UnbalancedQuotes { field: "session token" }),
        // 29. "Credentials" that is not an object
        (format!("{{\"Credentials\": [\"{ASIA}\", \"{SECRET}\"]}}"), E::JsonUnrecognised),
        // 30. SSO milliseconds as a fraction, and an STS expiration given as a number
        (format!("{{\"roleCredentials\": {{\"accessKeyId\": \"{ASIA}\", \"secretAccessKey\": \"{SECRET}\", \"sessionToken\": \"{TOKEN}\", \"expiration\": 1773504000000.5}}}}"), E::ExpirationNotADate),
        (format!("{{\"Credentials\": {{\"AccessKeyId\": \"{ASIA}\", \"SecretAccessKey\": \"{SECRET}\", \"SessionToken\": \"{TOKEN}\", \"Expiration\": 1773504000000}}}}"), E::ExpirationNotADate),
        // 31. true, an object or an array where text belongs
        (format!("{{\"Version\": 1, \"AccessKeyId\": true, \"SecretAccessKey\": \"{SECRET}\"}}"), E::JsonFieldNotText { field: "AccessKeyId" }),
        (format!("{{\"Version\": 1, \"AccessKeyId\": \"{AKIA}\", \"SecretAccessKey\": {{\"a\": 1}}}}"), E::JsonFieldNotText { field: "SecretAccessKey" }),
        (format!("{{\"Version\": 1, \"AccessKeyId\": \"{AKIA}\", \"SecretAccessKey\": \"{SECRET}\", \"SessionToken\": []}}"), E::JsonFieldNotText { field: "SessionToken" }),
    ];
    assert!(cases.len() >= 20);
    for (paste, expected) in cases {
        assert_eq!(err(&paste), expected, "for paste {paste:?}");
    }
}

#[test]
fn separate_values_give_specific_errors() {
    use CredentialError as E;
    assert_eq!(Credentials::new("", SECRET, None), Err(E::NoAccessKeyId));
    assert_eq!(Credentials::new(AKIA, " ", None), Err(E::NoSecretAccessKey));
    assert_eq!(
        Credentials::new(ASIA, SECRET, None),
        Err(E::MissingSessionToken)
    );
    assert_eq!(
        Credentials::new(AKIA, &format!("{SECRET}x"), None),
        Err(E::SecretAccessKeyWrongLength { length: 41 })
    );
}

#[test]
fn error_messages_say_what_to_do() {
    let message = CredentialError::MissingSessionToken.to_string();
    assert!(
        message.contains("ASIA") && message.contains("session token"),
        "{message}"
    );
    let message = CredentialError::JsonMissingField {
        field: "SecretAccessKey",
    }
    .to_string();
    assert!(message.contains("SecretAccessKey"), "{message}");
}
