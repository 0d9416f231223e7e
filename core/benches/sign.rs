//! Serialize + sign one request of each protocol (criterion). Run with `cargo bench --bench sign`.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion};
    use lens_core::aws::ce::{
        self, DateInterval, Dimension, Expression, GetReservationCoverageInput, Granularity,
    };
    use lens_core::aws::credentials::Credentials;
    use lens_core::aws::ec2::{self, GetCapacityReservationUsageInput};
    use lens_core::aws::endpoint::{resolve, Service};
    use std::hint::black_box;
    use std::time::{Duration, UNIX_EPOCH};

    fn credentials() -> Credentials {
        Credentials::new(
            "ASIAIOSFODNN7EXAMPLE",
            "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
            Some("IQoJb3JpZ2luX2VjEXAMPLETOKEN/abc+def==FwoGZXIvYXdzEBYaDHk0bmV4YW1wbGVkYXRh"),
        )
        .unwrap()
    }

    fn bench(c: &mut Criterion) {
        let creds = credentials();
        let time = UNIX_EPOCH + Duration::from_secs(1_773_500_966);

        let ce_endpoint = resolve(Service::CostExplorer, "eu-west-1", None).unwrap();
        let mut coverage = GetReservationCoverageInput::new(DateInterval {
            start: "2026-01-01".into(),
            end: "2026-03-01".into(),
        });
        coverage.granularity = Some(Granularity::Monthly);
        coverage.filter = Some(Expression::dimension(
            Dimension::InstanceType,
            ["m5.large", "c6g.xlarge"],
        ));
        c.bench_function("GetReservationCoverage serialize+sign", |b| {
            b.iter(|| {
                ce::get_reservation_coverage(black_box(&coverage), &ce_endpoint, &creds, time)
                    .unwrap()
            })
        });

        let ec2_endpoint = resolve(Service::Ec2, "eu-west-1", None).unwrap();
        let usage = GetCapacityReservationUsageInput {
            capacity_reservation_id: "cr-0123456789abcdef0".into(),
            next_token: Some("tok1".into()),
            max_results: Some(100),
            dry_run: None,
        };
        c.bench_function("GetCapacityReservationUsage serialize+sign", |b| {
            b.iter(|| {
                ec2::get_capacity_reservation_usage(black_box(&usage), &ec2_endpoint, &creds, time)
                    .unwrap()
            })
        });
    }

    criterion_group!(benches, bench);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
