//! The Connection area's state: pastes fill the form, errors keep it, expiry arithmetic with
//! the time passed in, endpoint overrides validated per field.
#![cfg(not(target_arch = "wasm32"))]

use lens_core::aws::credentials::{CredentialError, KeyChecks};
use lens_core::aws::endpoint::{OverrideMode, Service};
use lens_core::connection::{human_duration, utc_text, ConnectionError, ConnectionForm, Expiry};
use time::macros::datetime;
use time::Duration;

const KEY: &str = "ASIAQWERTYUIOPASDFGH";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEK1";
const TOKEN: &str =
    "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6example0token0value0AAAA==";

fn bash_paste() -> String {
    format!(
        "export AWS_ACCESS_KEY_ID=\"{KEY}\"\r\nexport AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\r\n\
         export AWS_SESSION_TOKEN=\"{TOKEN}\"\r\n"
    )
}

#[test]
fn a_portal_paste_fills_the_three_fields_and_says_what_it_found() {
    let mut form = ConnectionForm::default();
    let result = form.apply_paste(&bash_paste()).unwrap();
    assert_eq!(result.summary, "Recognised: IAM Identity Center (bash)");
    assert_eq!(form.access_key_id, KEY);
    assert_eq!(form.secret_access_key, SECRET);
    assert_eq!(form.session_token, TOKEN);
    let connection = form.connection().unwrap();
    assert_eq!(connection.credentials.access_key_id(), KEY);
    assert!(!connection.demo);
}

#[test]
fn a_sts_json_paste_carries_its_expiry_and_a_named_region_is_selected() {
    let mut form = ConnectionForm::default();
    let paste = format!(
        r#"{{"Credentials": {{"AccessKeyId": "{KEY}", "SecretAccessKey": "{SECRET}",
            "SessionToken": "{TOKEN}", "Expiration": "2026-11-23T15:04:05+00:00"}}}}"#
    );
    form.apply_paste(&paste).unwrap();
    assert_eq!(form.expiration, Some(datetime!(2026-11-23 15:04:05 UTC)));
    let mut form = ConnectionForm::default();
    let paste = format!("{}export AWS_REGION=\"eu-west-1\"\n", bash_paste());
    let result = form.apply_paste(&paste).unwrap();
    assert_eq!(form.region, "eu-west-1");
    assert!(
        result.summary.contains("region eu-west-1"),
        "{}",
        result.summary
    );
}

#[test]
fn a_bad_paste_changes_nothing_in_the_form() {
    let mut form = ConnectionForm::default();
    form.apply_paste(&bash_paste()).unwrap();
    form.region = "ap-southeast-2".into();
    form.ec2_endpoint = "http://127.0.0.1:4566".into();
    let before = form.clone();
    assert!(form
        .apply_paste("export AWS_SECRET_ACCESS_KEY=nope")
        .is_err());
    assert_eq!(form, before);
}

#[test]
fn forget_wipes_credentials_but_keeps_region_and_endpoints() {
    let mut form = ConnectionForm::default();
    form.apply_paste(&bash_paste()).unwrap();
    form.region = "eu-central-1".into();
    form.sts_endpoint = "http://127.0.0.1:4566".into();
    form.forget_credentials();
    assert!(form.access_key_id.is_empty() && form.secret_access_key.is_empty());
    assert!(form.session_token.is_empty() && form.expiration.is_none());
    assert_eq!(form.region, "eu-central-1");
    assert_eq!(form.sts_endpoint, "http://127.0.0.1:4566");
    assert!(matches!(
        form.connection(),
        Err(ConnectionError::Credentials(_))
    ));
}

#[test]
fn endpoint_fields_are_validated_each_with_its_service() {
    let mut form = ConnectionForm::default();
    form.apply_paste(&bash_paste()).unwrap();
    form.ec2_endpoint = "ftp://example.com".into();
    form.sts_endpoint = "http://127.0.0.1:99999".into();
    let errors = form.endpoint_errors();
    let services: Vec<Service> = errors.iter().map(|(s, _)| *s).collect();
    assert_eq!(services, vec![Service::Ec2, Service::Sts]);
    let err = form.connection().unwrap_err().to_string();
    assert!(err.contains("http://") && err.contains("port"), "{err}");
    // Values typed stay as typed after the error.
    assert_eq!(form.ec2_endpoint, "ftp://example.com");
}

#[test]
fn an_aws_compatible_override_is_signed_for_its_own_host_a_proxy_for_aws() {
    let mut form = ConnectionForm::default();
    form.apply_paste(&bash_paste()).unwrap();
    form.ce_endpoint = "http://127.0.0.1:4566".into();
    form.endpoint_mode = OverrideMode::AwsCompatible;
    let ce = form
        .connection()
        .unwrap()
        .endpoint(Service::CostExplorer)
        .unwrap();
    assert_eq!(ce.url, "http://127.0.0.1:4566/");
    assert_eq!(ce.signing_host, "127.0.0.1:4566");
    assert_eq!(ce.signing_region, "us-east-1");
    form.endpoint_mode = OverrideMode::PassThroughProxy;
    let ce = form
        .connection()
        .unwrap()
        .endpoint(Service::CostExplorer)
        .unwrap();
    assert_eq!(ce.url, "http://127.0.0.1:4566/");
    assert_eq!(ce.signing_host, "ce.us-east-1.amazonaws.com");
    // No override: AWS's own endpoint for the selected region.
    let ec2 = form.connection().unwrap().endpoint(Service::Ec2).unwrap();
    assert_eq!(ec2.url, "https://ec2.us-east-1.amazonaws.com/");
}

#[test]
fn an_unknown_region_is_refused_before_anything_is_sent() {
    let mut form = ConnectionForm::default();
    form.apply_paste(&bash_paste()).unwrap();
    form.region = "mars-north-1".into();
    assert_eq!(
        form.connection().unwrap_err(),
        ConnectionError::UnknownRegion("mars-north-1".into())
    );
}

#[test]
fn expiry_counts_down_and_warns_under_ten_minutes() {
    let now = datetime!(2026-11-23 12:00:00 UTC);
    assert_eq!(Expiry::at(None, now), Expiry::Unknown);
    assert_eq!(Expiry::at(None, now).describe(), "");
    let later = |m: i64, s: i64| Some(now + Duration::minutes(m) + Duration::seconds(s));
    assert_eq!(
        Expiry::at(later(42, 5), now),
        Expiry::Valid {
            left: Duration::seconds(42 * 60 + 5)
        }
    );
    assert_eq!(
        Expiry::at(later(42, 5), now).describe(),
        "expires in 42 min 05 s"
    );
    assert_eq!(
        Expiry::at(later(10, 0), now),
        Expiry::Valid {
            left: Duration::minutes(10)
        }
    );
    assert_eq!(
        Expiry::at(later(9, 59), now),
        Expiry::Soon {
            left: Duration::seconds(599)
        }
    );
    assert_eq!(
        Expiry::at(later(0, 0), now),
        Expiry::Expired {
            ago: Duration::ZERO
        }
    );
    assert_eq!(
        Expiry::at(later(-3, 0), now).describe(),
        "expired 3 min 00 s ago"
    );
    assert_eq!(
        Expiry::at(later(125, 0), now).describe(),
        "expires in 2 h 05 min"
    );
}

#[test]
fn durations_and_instants_read_well() {
    assert_eq!(human_duration(Duration::seconds(42)), "42 s");
    assert_eq!(human_duration(Duration::seconds(-5)), "0 s");
    assert_eq!(human_duration(Duration::hours(12)), "12 h 00 min");
    assert_eq!(
        utc_text(datetime!(2026-11-23 14:05:09 +01:00)),
        "2026-11-23 13:05:09 UTC"
    );
}

#[test]
fn debug_output_never_shows_the_secret_or_the_token() {
    let mut form = ConnectionForm::default();
    form.apply_paste(&bash_paste()).unwrap();
    let connection = form.connection().unwrap();
    for text in [
        format!("{form:?}"),
        format!("{connection:?}"),
        format!("{form:#?}"),
    ] {
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains(TOKEN), "{text}");
        assert!(
            text.contains(KEY),
            "the access key id is not a secret: {text}"
        );
    }
}

#[test]
fn the_notice_says_who_receives_requests_while_custom_endpoints_are_on() {
    let mut form = ConnectionForm::default();
    assert_eq!(form.custom_endpoints_notice(), None);
    form.ec2_endpoint = " http://127.0.0.1:4566/ ".into();
    form.sts_endpoint = "http://127.0.0.1:4566".into();
    let text = form.custom_endpoints_notice().unwrap();
    assert!(
        text.starts_with("Custom endpoints are on: requests go to http://127.0.0.1:4566 instead of AWS. Whoever runs it receives your access key ID and session token"),
        "{text}"
    );
    form.ce_endpoint = "https://proxy.corp.test/aws/ce/".into();
    form.endpoint_mode = OverrideMode::PassThroughProxy;
    let text = form.custom_endpoints_notice().unwrap();
    assert!(
        text.contains(
            "http://127.0.0.1:4566, https://proxy.corp.test instead of AWS. Whoever runs them"
        ),
        "{text}"
    );
    assert!(text.contains("requests AWS accepts as they are"), "{text}");
}

#[test]
fn a_refused_endpoint_is_not_named_as_a_receiver() {
    let form = ConnectionForm {
        ec2_endpoint: "http://lens-proxy.example.com:8080".into(),
        ..Default::default()
    };
    assert_eq!(form.custom_endpoints_notice(), None);
}

/// LocalStack's and moto's conventional keys: refused for AWS, accepted when every endpoint is
/// an AWS-compatible stand-in, whichever is done first (the paste is checked when it is made,
/// the fields again at Connect).
#[test]
fn stand_in_keys_work_when_every_endpoint_is_a_stand_in() {
    let paste = "export AWS_ACCESS_KEY_ID=test\nexport AWS_SECRET_ACCESS_KEY=test\n";
    let mut form = ConnectionForm::default();
    assert_eq!(form.key_checks(), KeyChecks::Aws);
    let before = form.clone();
    assert!(matches!(
        form.apply_paste(paste),
        Err(CredentialError::AccessKeyIdMalformed { .. })
    ));
    assert_eq!(form, before);
    // Three of four endpoints are not enough: CloudWatch would still be AWS's.
    form.ec2_endpoint = "http://127.0.0.1:4566".into();
    form.ce_endpoint = "http://localhost:4566".into();
    assert_eq!(form.key_checks(), KeyChecks::Aws);
    form.sts_endpoint = "http://127.0.0.1:4566".into();
    assert_eq!(form.key_checks(), KeyChecks::Aws);
    form.cloudwatch_endpoint = "http://127.0.0.1:4566".into();
    assert_eq!(form.key_checks(), KeyChecks::StandIn);
    form.apply_paste(paste).unwrap();
    assert_eq!(
        (form.access_key_id.as_str(), form.secret_access_key.as_str()),
        ("test", "test")
    );
    assert!(form.key_note().unwrap().contains("don't look like AWS's"));
    let connection = form.connection().unwrap();
    assert_eq!(connection.credentials.access_key_id(), "test");
    assert!(!connection.credentials.looks_like_aws());
    // Pass-through proxies sign for AWS: AWS's checks again, at Connect too.
    form.endpoint_mode = OverrideMode::PassThroughProxy;
    assert_eq!(form.key_checks(), KeyChecks::Aws);
    assert_eq!(form.key_note(), None);
    assert!(matches!(
        form.connection(),
        Err(ConnectionError::Credentials(
            CredentialError::AccessKeyIdMalformed { .. }
        ))
    ));
    // Real AWS keys with stand-ins: no note.
    let mut aws = ConnectionForm {
        ec2_endpoint: "http://127.0.0.1:4566".into(),
        ce_endpoint: "http://127.0.0.1:4566".into(),
        sts_endpoint: "http://127.0.0.1:4566".into(),
        cloudwatch_endpoint: "http://127.0.0.1:4566".into(),
        ..Default::default()
    };
    aws.apply_paste(&bash_paste()).unwrap();
    assert_eq!(aws.key_note(), None);
    // Empty values are refused whatever the endpoints.
    form.endpoint_mode = OverrideMode::AwsCompatible;
    form.secret_access_key = " ".into();
    assert_eq!(
        form.connection(),
        Err(ConnectionError::Credentials(
            CredentialError::NoSecretAccessKey
        ))
    );
}

#[test]
fn forget_clears_the_paste_box_too() {
    let mut form = ConnectionForm {
        paste: "export AWS_SECRET_ACCESS_KEY=half a paste".into(),
        ..Default::default()
    };
    form.forget_credentials();
    assert_eq!(form.paste, "");
    assert!(!format!("{form:?}").contains("half a paste"));
}

#[test]
fn a_failed_paste_is_the_one_error_not_a_missing_key() {
    let mut form = ConnectionForm {
        paste: "export AWS_SECRET_ACCESS_KEY=only-the-secret-was-copied\n".into(),
        ..Default::default()
    };
    let mut copy = form.clone();
    assert!(copy.apply_paste(&form.paste.clone()).is_err());
    assert_eq!(form.connection(), Err(ConnectionError::PasteNotAccepted));
    // Once the fields hold values, they are what is checked.
    form.access_key_id = "AKIA".into();
    assert_eq!(
        form.connection(),
        Err(ConnectionError::Credentials(
            CredentialError::NoSecretAccessKey
        ))
    );
}
