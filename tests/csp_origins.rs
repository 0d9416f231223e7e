#![cfg(not(target_arch = "wasm32"))]
//! The AWS origins the built page's Content-Security-Policy allows (`scripts/post_build.py`
//! reads `scripts/build/aws-origins.txt`) are exactly those of the endpoint table.

#[test]
fn the_policy_lists_every_aws_origin_of_the_endpoint_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/build/aws-origins.txt");
    let want = lens_core::csp::aws_origins().join("\n") + "\n";
    if std::env::var_os("LENS_WRITE_ORIGINS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "scripts/build/aws-origins.txt is not the endpoint table's list: run \
         LENS_WRITE_ORIGINS=1 cargo test --test csp_origins"
    );
}

#[test]
fn cloudwatch_is_allowed_in_every_region_of_every_partition() {
    use lens_core::aws::endpoint::{Partition, REGIONS};
    let origins = lens_core::csp::aws_origins();
    for r in REGIONS {
        let want = format!("https://monitoring.{}.{}", r.code, r.partition.dns_suffix());
        assert!(origins.contains(&want), "{want}");
    }
    for p in [Partition::Aws, Partition::AwsCn, Partition::AwsUsGov] {
        assert!(REGIONS.iter().any(|r| r.partition == p));
    }
}
