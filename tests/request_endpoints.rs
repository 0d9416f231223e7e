#![cfg(not(target_arch = "wasm32"))]
//! Regions and endpoints against botocore 1.44.5 (`tests/vectors/endpoints.json`, written by
//! `scripts/gen_request_vectors.py`), and override validation.

use lens_core::aws::endpoint::{
    find_region, resolve, EndpointError, EndpointOverride, OverrideMode, Overrides, Partition,
    Service, REGIONS,
};
use serde_json::Value;

fn botocore_regions() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/endpoints.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["regions"].as_array().unwrap().clone()
}

#[test]
fn region_list_is_botocores() {
    let theirs = botocore_regions();
    let mut ours: Vec<(&str, &str, &str)> = REGIONS
        .iter()
        .map(|r| (r.code, r.name, r.partition.id()))
        .collect();
    #[allow(clippy::disallowed_methods)] // a test: std's sort as the oracle, no wasm to keep small
    ours.sort();
    let mut expected: Vec<(&str, &str, &str)> = theirs
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap(),
                r["name"].as_str().unwrap(),
                r["partition"].as_str().unwrap(),
            )
        })
        .collect();
    #[allow(clippy::disallowed_methods)] // a test: std's sort as the oracle, no wasm to keep small
    expected.sort();
    assert_eq!(ours, expected);
    for code in [
        "ap-southeast-5",
        "ap-southeast-7",
        "mx-central-1",
        "ca-west-1",
        "il-central-1",
    ] {
        assert!(find_region(code).is_some(), "{code}");
    }
}

#[test]
fn every_region_resolves_like_botocore() {
    for r in botocore_regions() {
        let code = r["code"].as_str().unwrap();
        assert_eq!(
            Partition::of_region(code).dns_suffix(),
            r["dns_suffix"].as_str().unwrap(),
            "{code}"
        );
        for (service, key) in [
            (Service::Ec2, "ec2"),
            (Service::Sts, "sts"),
            (Service::CostExplorer, "ce"),
            (Service::CloudWatch, "cloudwatch"),
        ] {
            let expected = &r["services"][key];
            let resolved = resolve(service, code, None);
            if !expected["offered"].as_bool().unwrap() {
                assert!(
                    matches!(resolved, Err(EndpointError::ServiceNotInPartition { .. })),
                    "{key} in {code}: {resolved:?}"
                );
                continue;
            }
            let e = resolved.unwrap();
            assert_eq!(e.url, expected["url"].as_str().unwrap(), "{key} in {code}");
            assert_eq!(e.signing_url, e.url);
            assert_eq!(
                e.signing_region,
                expected["signing_region"].as_str().unwrap(),
                "{key} in {code}"
            );
            assert_eq!(e.signing_name, expected["signing_name"].as_str().unwrap());
        }
    }
}

#[test]
fn cost_explorer_in_govcloud_is_a_clear_error() {
    let e = resolve(Service::CostExplorer, "us-gov-west-1", None).unwrap_err();
    assert_eq!(
        e,
        EndpointError::ServiceNotInPartition {
            service: Service::CostExplorer,
            partition: "AWS GovCloud (US)"
        }
    );
    assert!(e.to_string().contains("not available in AWS GovCloud (US)"));
}

#[test]
fn unknown_but_well_formed_regions_still_resolve() {
    let e = resolve(Service::Ec2, "ap-future-9", None).unwrap();
    assert_eq!(e.url, "https://ec2.ap-future-9.amazonaws.com/");
    let e = resolve(Service::Ec2, "cn-future-1", None).unwrap();
    assert_eq!(e.url, "https://ec2.cn-future-1.amazonaws.com.cn/");
    for bad in ["", "US-EAST-1", "us-east-1/../x", "useast1", "us--1"] {
        assert_eq!(
            resolve(Service::Ec2, bad, None),
            Err(EndpointError::RegionMalformed(bad.to_string()))
        );
    }
}

#[test]
fn aws_compatible_override_signs_for_its_own_host() {
    let o = EndpointOverride::parse("HTTP://LocalHost:4566", OverrideMode::AwsCompatible).unwrap();
    let e = resolve(Service::CostExplorer, "eu-west-1", Some(&o)).unwrap();
    assert_eq!(e.url, "http://localhost:4566/");
    assert_eq!(e.signing_url, e.url);
    assert_eq!(e.signing_host, "localhost:4566");
    // The override keeps the service's signing region and name.
    assert_eq!(e.signing_region, "us-east-1");
    assert_eq!(e.signing_name, "ce");
    // A default port is not part of the signed host (browsers leave it out of `Host`).
    let o = EndpointOverride::parse("https://stand-in.test:443/x/", OverrideMode::AwsCompatible)
        .unwrap();
    let e = resolve(Service::Ec2, "eu-west-1", Some(&o)).unwrap();
    assert_eq!(e.url, "https://stand-in.test:443/x/");
    assert_eq!(e.signing_host, "stand-in.test");
    let o = EndpointOverride::parse("http://[::1]:8080/aws", OverrideMode::AwsCompatible).unwrap();
    assert_eq!(
        resolve(Service::Sts, "us-east-1", Some(&o))
            .unwrap()
            .signing_host,
        "[::1]:8080"
    );
}

#[test]
fn pass_through_proxy_signs_for_aws() {
    let o = EndpointOverride::parse(
        "https://proxy.corp.test/aws",
        OverrideMode::PassThroughProxy,
    )
    .unwrap();
    let e = resolve(Service::Ec2, "eu-central-1", Some(&o)).unwrap();
    assert_eq!(e.url, "https://proxy.corp.test/aws");
    assert_eq!(e.signing_url, "https://ec2.eu-central-1.amazonaws.com/");
    assert_eq!(e.signing_host, "ec2.eu-central-1.amazonaws.com");
    assert_eq!(e.signing_region, "eu-central-1");
}

#[test]
fn bad_override_urls_are_named() {
    use EndpointError as E;
    let cases = [
        ("", E::OverrideEmpty),
        ("localhost:4566", E::OverrideScheme),
        ("ftp://localhost", E::OverrideScheme),
        ("http://user:pw@localhost", E::OverrideUserInfo),
        ("http://localhost/?a=b", E::OverrideQueryOrFragment),
        ("http://localhost/#x", E::OverrideQueryOrFragment),
        ("http://", E::OverrideHost),
        ("http://local_host", E::OverrideHost),
        ("http://a..b", E::OverrideHost),
        ("http://[zz]:1", E::OverrideHost),
        ("http://localhost:0", E::OverridePort),
        ("http://localhost:65536", E::OverridePort),
        ("http://localhost:+80", E::OverridePort),
        ("http://localhost:", E::OverridePort),
        ("http://localhost//x", E::OverridePath),
        ("http://localhost/a/../b", E::OverridePath),
        ("http://localhost/a%20b", E::OverridePath),
        ("http://localhost/a b", E::OverridePath),
    ];
    for (url, expected) in cases {
        assert_eq!(
            EndpointOverride::parse(url, OverrideMode::AwsCompatible),
            Err(expected),
            "{url}"
        );
    }
}

/// Plain http only to this computer: anything else would carry the session token and
/// replayable signatures in clear.
#[test]
fn plain_http_is_for_loopback_only() {
    for url in [
        "http://localhost:4566",
        "http://LOCALHOST",
        "http://stand-in.localhost:8080/x",
        "http://127.0.0.1:4566",
        "http://127.8.9.10",
        "http://[::1]:4566",
        "http://[0:0:0:0:0:0:0:1]",
        "https://lens-proxy.example.com:8080",
        "https://10.0.0.5",
    ] {
        for mode in [OverrideMode::AwsCompatible, OverrideMode::PassThroughProxy] {
            assert!(EndpointOverride::parse(url, mode).is_ok(), "{url}");
        }
    }
    for (url, host) in [
        (
            "http://lens-proxy.example.com:8080",
            "lens-proxy.example.com",
        ),
        ("http://10.0.0.5:4566", "10.0.0.5"),
        ("http://128.0.0.1", "128.0.0.1"),
        ("http://localhost.example.com", "localhost.example.com"),
        ("http://127.0.0.1.nip.io", "127.0.0.1.nip.io"),
        ("http://[::2]", "[::2]"),
        ("http://0.0.0.0", "0.0.0.0"),
    ] {
        let err = EndpointOverride::parse(url, OverrideMode::PassThroughProxy).unwrap_err();
        assert_eq!(
            err,
            EndpointError::OverrideInsecure { host: host.into() },
            "{url}"
        );
        let text = err.to_string();
        assert!(text.contains(&format!("Use https://{host}.")), "{text}");
        assert!(text.contains("unencrypted"), "{text}");
    }
}

#[test]
fn overrides_apply_per_service() {
    let overrides = Overrides {
        ec2: Some(
            EndpointOverride::parse("http://127.0.0.1:4566", OverrideMode::AwsCompatible).unwrap(),
        ),
        ..Default::default()
    };
    assert_eq!(
        overrides.resolve(Service::Ec2, "eu-west-1").unwrap().url,
        "http://127.0.0.1:4566/"
    );
    assert_eq!(
        overrides.resolve(Service::Sts, "eu-west-1").unwrap().url,
        "https://sts.eu-west-1.amazonaws.com/"
    );
    assert_eq!(
        find_region("eu-west-1").unwrap().label(),
        "Europe (Ireland) · eu-west-1"
    );
}
