#![cfg(not(target_arch = "wasm32"))]
//! Totals per instance type, and rows built from the demo data's answer.

use lens_core::aws::ec2::{
    CapacityReservation, CapacityReservationState as St, EndDateType, InstancePlatform, Tenancy,
};
use lens_core::demo::{answer, DEMO_ACCOUNT};
use lens_core::reservations::*;

const ME: &str = "111122223333";

fn res(
    id: &str,
    itype: &str,
    total: Option<u32>,
    available: Option<u32>,
    state: St,
) -> CapacityReservation {
    CapacityReservation {
        capacity_reservation_id: Some(id.into()),
        owner_id: Some(ME.into()),
        instance_type: Some(itype.into()),
        instance_platform: Some(InstancePlatform::LinuxUnix),
        availability_zone: Some("us-east-1a".into()),
        tenancy: Some(Tenancy::Default),
        total_instance_count: total,
        available_instance_count: available,
        state: Some(state),
        end_date_type: Some(EndDateType::Unlimited),
        ..Default::default()
    }
}

fn row(r: &CapacityReservation) -> ReservationRow {
    ReservationRow::new(r, "us-east-1", ME)
}

#[test]
fn rollup_per_instance_type() {
    let rs = [
        res("cr-1", "m5.large", Some(10), Some(4), St::Active),
        res("cr-2", "m5.large", Some(6), Some(6), St::Active),
        res("cr-3", "m5.large", Some(5), None, St::Active),
        res("cr-4", "c7i.2xlarge", Some(0), Some(0), St::Active),
        res("cr-5", "m5.12xlarge", Some(3), Some(0), St::Active),
    ];
    let rows: Vec<ReservationRow> = rs.iter().map(row).collect();
    let (groups, all) = rollup_by_instance_type(&rows);
    let names: Vec<&str> = groups.iter().map(|g| g.instance_type.as_str()).collect();
    assert_eq!(
        names,
        ["c7i.2xlarge", "m5.12xlarge", "m5.large"],
        "natural order"
    );
    let m5 = &groups[2];
    assert_eq!(
        (
            m5.reservations,
            m5.total,
            m5.used,
            m5.available,
            m5.incomplete
        ),
        (3, 21, 6, 10, 1)
    );
    assert_eq!(
        m5.utilisation,
        Share::new(6, 16),
        "over rows where both counts are known"
    );
    assert_eq!(groups[0].utilisation, None, "0 total");
    assert_eq!(
        (
            all.instance_type.as_str(),
            all.reservations,
            all.total,
            all.used,
            all.available
        ),
        ("All", 5, 24, 9, 10)
    );
    assert_eq!(all.utilisation, Share::new(9, 19));
    assert_eq!(groups.iter().map(|g| g.total).sum::<u64>(), all.total);
    let (none, empty) = rollup_by_instance_type(&[]);
    assert!(none.is_empty());
    assert_eq!((empty.total, empty.utilisation), (0, None));
}

#[test]
fn rows_from_the_demo_answer() {
    use lens_core::aws::ec2::parse_describe_capacity_reservations;
    use lens_core::aws::http::HttpRequest;
    let req = HttpRequest {
        method: "POST",
        url: "https://ec2.us-east-1.amazonaws.com/".into(),
        headers: vec![(
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        )],
        body: "Action=DescribeCapacityReservations&Version=2016-11-15".into(),
    };
    let page = parse_describe_capacity_reservations(&answer(&req)).unwrap();
    let rows = ReservationRow::from_page(&page.capacity_reservations, "us-east-1", DEMO_ACCOUNT);
    assert_eq!(rows.len(), 9);
    assert!(rows.iter().all(|r| r.owner == Owner::Yours));
    let idle: Vec<&str> = rows
        .iter()
        .filter(|r| r.idle)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(idle, ["cr-0a1b2c3d4e5f60002"]);
    assert_eq!(rows[0].used, Some(34));
}
