//! Parsing speed. Run with `cargo bench --bench parse`.
//!
//! - A ~10 MB `GetReservationCoverage` answer, generated deterministically: 395 daily periods
//!   (13 months) x 50 groups, every metric present. Goal: at least 200 MB/s.
//! - A `GetCapacityReservationUsage` page with 1,000 accounts (the `MaxResults` ceiling), and
//!   the same page read by the XML reader alone, beside roxmltree 0.21 (the reader it replaced).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use lens_core::aws::ce::parse_get_reservation_coverage;
use lens_core::aws::ec2::parse_get_capacity_reservation_usage;
use lens_core::aws::http::HttpResponse;
use std::fmt::Write;

/// A deterministic pseudo-random figure with up to 10 decimals, like Cost Explorer's.
fn figure(seed: &mut u64) -> String {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let v = (*seed >> 33) as f64 / 1e6;
    format!("{v:.10}")
}

fn coverage(out: &mut String, seed: &mut u64) {
    let mut f = || figure(seed);
    write!(
        out,
        r#"{{"CoverageHours":{{"OnDemandHours":"{}","ReservedHours":"{}","TotalRunningHours":"{}","CoverageHoursPercentage":"{}"}},"CoverageNormalizedUnits":{{"OnDemandNormalizedUnits":"{}","ReservedNormalizedUnits":"{}","TotalRunningNormalizedUnits":"{}","CoverageNormalizedUnitsPercentage":"{}"}},"CoverageCost":{{"OnDemandCost":"{}"}}}}"#,
        f(), f(), f(), f(), f(), f(), f(), f(), f()
    )
    .unwrap();
}

fn coverage_body() -> String {
    let mut seed = 42u64;
    let mut out = String::with_capacity(11 << 20);
    out.push_str(r#"{"CoveragesByTime":["#);
    let start = time::macros::date!(2025 - 10 - 24);
    for day in 0..395 {
        let d = start + time::Duration::days(day);
        let e = d + time::Duration::days(1);
        if day > 0 {
            out.push(',');
        }
        write!(
            out,
            r#"{{"TimePeriod":{{"Start":"{d}","End":"{e}"}},"Groups":["#
        )
        .unwrap();
        for g in 0..50 {
            if g > 0 {
                out.push(',');
            }
            write!(
                out,
                r#"{{"Attributes":{{"instanceType":"m{}.{}large","region":"us-east-{}"}},"Coverage":"#,
                5 + g % 3,
                g % 4 + 1,
                g % 2 + 1
            )
            .unwrap();
            coverage(&mut out, &mut seed);
            out.push('}');
        }
        out.push_str(r#"],"Total":"#);
        coverage(&mut out, &mut seed);
        out.push('}');
    }
    out.push_str(r#"],"Total":"#);
    coverage(&mut out, &mut seed);
    out.push_str(r#","NextPageToken":"bench-token"}"#);
    out
}

fn usage_body() -> String {
    let mut out = String::from(
        r#"<GetCapacityReservationUsageResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>bench</requestId><nextToken>t</nextToken><capacityReservationId>cr-0123456789abcdef0</capacityReservationId><instanceType>m5.large</instanceType><totalInstanceCount>100000</totalInstanceCount><availableInstanceCount>10</availableInstanceCount><state>active</state><instanceUsageSet>"#,
    );
    for i in 0..1000u64 {
        write!(
            out,
            "\n    <item>\n        <accountId>{:012}</accountId>\n        <usedInstanceCount>{}</usedInstanceCount>\n    </item>",
            100_000_000_000 + i * 7,
            i % 97
        )
        .unwrap();
    }
    out.push_str("</instanceUsageSet></GetCapacityReservationUsageResponse>");
    out
}

fn response(body: String, content_type: &str) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![("content-type".into(), content_type.into())],
        body,
    }
}

fn bench(c: &mut Criterion) {
    let cov = response(coverage_body(), "application/x-amz-json-1.1");
    let page = parse_get_reservation_coverage(&cov).expect("the generated body parses");
    assert_eq!(page.coverages_by_time.len(), 395);
    assert_eq!(page.coverages_by_time[394].groups.len(), 50);
    let mut group = c.benchmark_group("parse");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(cov.body.len() as u64));
    group.bench_function("get_reservation_coverage_10MB", |b| {
        b.iter(|| parse_get_reservation_coverage(black_box(&cov)).unwrap())
    });

    let usage = response(usage_body(), "text/xml;charset=UTF-8");
    assert_eq!(
        parse_get_capacity_reservation_usage(&usage)
            .unwrap()
            .instance_usages
            .len(),
        1000
    );
    group.sample_size(100);
    group.throughput(Throughput::Bytes(usage.body.len() as u64));
    group.bench_function("get_capacity_reservation_usage_1000_items", |b| {
        b.iter(|| parse_get_capacity_reservation_usage(black_box(&usage)).unwrap())
    });
    group.bench_function("xml_tree_usage_1000_items", |b| {
        b.iter(|| lens_core::aws::xml::parse(black_box(&usage.body)).unwrap())
    });
    group.bench_function("roxmltree_usage_1000_items", |b| {
        b.iter(|| {
            let options = roxmltree::ParsingOptions {
                nodes_limit: 2_000_000,
                ..roxmltree::ParsingOptions::default()
            };
            roxmltree::Document::parse_with_options(black_box(&usage.body), options).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
