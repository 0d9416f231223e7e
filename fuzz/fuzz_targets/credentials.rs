//! Pasted credentials: any text reads as credentials or a specific error, never a panic, and
//! what is read never prints its secrets.
#![no_main]

use lens_core::aws::credentials::parse_credentials;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(parsed) = parse_credentials(&text) {
        let c = &parsed.credentials;
        let shown = format!("{c:?} {c}");
        assert!(
            !shown.contains(c.secret_access_key()),
            "the secret is printed"
        );
        if let Some(token) = c.session_token() {
            assert!(!shown.contains(token), "the session token is printed");
        }
    }
});
