#![cfg(not(target_arch = "wasm32"))]
//! The reservation list: row arithmetic, owner and end date, sorting on every column,
//! filters and CSV.

use lens_core::aws::ec2::{
    CapacityReservation, CapacityReservationState as St, EndDateType, InstancePlatform,
    ResourceTag, Tenancy,
};
use lens_core::aws::xml::Timestamp;
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

fn tag(k: &str, v: &str) -> ResourceTag {
    ResourceTag {
        key: Some(k.into()),
        value: Some(v.into()),
    }
}

#[test]
fn used_and_utilisation_arithmetic() {
    let r = row(&res("cr-1", "m5.large", Some(40), Some(6), St::Active));
    assert_eq!(
        (r.total, r.available, r.used),
        (Some(40), Some(6), Some(34))
    );
    assert_eq!(r.utilisation.unwrap().percent_text(), "85.0");
    assert!(!r.idle && !r.available_exceeds_total);

    // 0 total: the percentage is unknown, not 0% or a division by zero.
    let zero = row(&res("cr-2", "m5.large", Some(0), Some(0), St::Active));
    assert_eq!(zero.used, Some(0));
    assert_eq!(zero.utilisation, None);
    assert!(zero.idle, "active with nothing running is idle");

    // A missing count makes used unknown, never 0 (and so never "idle").
    for (t, a) in [(None, Some(3)), (Some(3), None), (None, None)] {
        let r = row(&res("cr-3", "m5.large", t, a, St::Active));
        assert_eq!(r.used, None);
        assert_eq!(r.utilisation, None);
        assert!(!r.idle);
    }

    // More available than total (odd data): used floors at 0 and the row says so.
    let odd = row(&res("cr-4", "m5.large", Some(2), Some(5), St::Active));
    assert_eq!(odd.used, Some(0));
    assert!(odd.available_exceeds_total);
    assert_eq!(odd.utilisation.unwrap().percent_text(), "0.0");

    // Only active reservations can be idle.
    assert!(!row(&res("cr-5", "m5.large", Some(4), Some(4), St::Scheduled)).idle);

    // Rounding is half up, exact: 1/3 = 33.3, 2/3 = 66.7, 1/8 = 12.5, 1/1600 = 0.1.
    let pct = |u, t| Share::new(u, t).unwrap().percent_text();
    assert_eq!(
        (pct(1, 3), pct(2, 3), pct(1, 8), pct(1, 1600)),
        ("33.3".into(), "66.7".into(), "12.5".into(), "0.1".into())
    );
    assert_eq!(Share::new(5, 0), None);
    assert_eq!(Share::new(1, 2).unwrap().to_string(), "50.0%");
}

#[test]
fn owner_end_date_tags_and_platform() {
    let mut r = res("cr-1", "m5.large", Some(1), Some(0), St::Active);
    r.tags = vec![
        tag("team", "b"),
        tag("env", "prod"),
        tag("a-b", "x"),
        ResourceTag {
            key: Some("a".into()),
            value: None,
        },
    ];
    r.end_date = Timestamp::parse("2027-03-31T23:59:59.000Z");
    r.end_date_type = Some(EndDateType::Limited);
    let yours = row(&r);
    assert_eq!(yours.owner, Owner::Yours);
    assert_eq!(yours.owner.to_string(), "Yours");
    assert_eq!(
        yours.tags,
        ["a=", "a-b=x", "env=prod", "team=b"],
        "sorted by key, then value"
    );
    assert_eq!(
        yours.end_date.text(),
        "2027-03-31T23:59:59.000Z",
        "AWS's text, unchanged"
    );
    assert_eq!(yours.platform.as_deref(), Some("Linux/UNIX"));
    assert_eq!(yours.tenancy.as_deref(), Some("default"));

    let shared = ReservationRow::new(&r, "eu-west-1", "999988887777");
    assert_eq!(shared.owner.to_string(), "Shared with you by 111122223333");
    assert_eq!(shared.region, "eu-west-1");

    r.owner_id = None;
    r.end_date = None;
    assert_eq!(row(&r).owner, Owner::Unknown);
    assert_eq!(row(&r).end_date, EndDate::Unknown, "limited without a date");
    r.end_date_type = Some(EndDateType::Unlimited);
    assert_eq!(row(&r).end_date.text(), "no end date");
    r.end_date_type = None;
    assert_eq!(row(&r).end_date, EndDate::Unlimited);

    let unknown_state = CapacityReservation {
        state: Some(St::from_wire("hibernating")),
        ..r
    };
    assert_eq!(row(&unknown_state).state_text(), "hibernating");
}

/// Rows with distinct values in every column, plus one that knows nothing.
fn sample_rows() -> Vec<ReservationRow> {
    let mut a = res("cr-a", "m5.12xlarge", Some(10), Some(5), St::Active);
    a.end_date = Timestamp::parse("2027-01-01T00:00:00Z");
    a.tags = vec![tag("env", "prod")];
    a.availability_zone = Some("us-east-1b".into());
    a.instance_platform = Some(InstancePlatform::Windows);
    a.tenancy = Some(Tenancy::Dedicated);
    let mut b = res("cr-b", "m5.2xlarge", Some(4), Some(4), St::Active);
    b.owner_id = Some("999900001111".into());
    b.end_date = Timestamp::parse("2026-12-01T00:00:00Z");
    b.tags = vec![tag("env", "dev")];
    let c = res("cr-c", "c7i.large", Some(100), Some(1), St::Expired);
    let unknown = CapacityReservation {
        capacity_reservation_id: Some("cr-d".into()),
        end_date_type: Some(EndDateType::Limited),
        ..Default::default()
    };
    [a, b, c, unknown].iter().map(row).collect()
}

fn ids(rows: &[&ReservationRow]) -> Vec<String> {
    rows.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn sorting_on_every_column_puts_unknowns_last() {
    use ReservationColumn as C;
    let rows = sample_rows();
    let all = RowFilter::default();
    // (column, ascending, descending): ties keep input order (stable) in both directions.
    let expected: &[(C, [&str; 4], [&str; 4])] = &[
        (
            C::Region,
            ["cr-a", "cr-b", "cr-c", "cr-d"],
            ["cr-a", "cr-b", "cr-c", "cr-d"],
        ),
        (
            C::Id,
            ["cr-a", "cr-b", "cr-c", "cr-d"],
            ["cr-d", "cr-c", "cr-b", "cr-a"],
        ),
        (
            C::InstanceType,
            ["cr-c", "cr-b", "cr-a", "cr-d"],
            ["cr-a", "cr-b", "cr-c", "cr-d"],
        ),
        (
            C::Platform,
            ["cr-b", "cr-c", "cr-a", "cr-d"],
            ["cr-a", "cr-b", "cr-c", "cr-d"],
        ),
        (
            C::AvailabilityZone,
            ["cr-b", "cr-c", "cr-a", "cr-d"],
            ["cr-a", "cr-b", "cr-c", "cr-d"],
        ),
        (
            C::Tenancy,
            ["cr-a", "cr-b", "cr-c", "cr-d"],
            ["cr-b", "cr-c", "cr-a", "cr-d"],
        ),
        (
            C::State,
            ["cr-a", "cr-b", "cr-c", "cr-d"],
            ["cr-c", "cr-a", "cr-b", "cr-d"],
        ),
        (
            C::Total,
            ["cr-b", "cr-a", "cr-c", "cr-d"],
            ["cr-c", "cr-a", "cr-b", "cr-d"],
        ),
        (
            C::Used,
            ["cr-b", "cr-a", "cr-c", "cr-d"],
            ["cr-c", "cr-a", "cr-b", "cr-d"],
        ),
        (
            C::Available,
            ["cr-c", "cr-b", "cr-a", "cr-d"],
            ["cr-a", "cr-b", "cr-c", "cr-d"],
        ),
        (
            C::Utilisation,
            ["cr-b", "cr-a", "cr-c", "cr-d"],
            ["cr-c", "cr-a", "cr-b", "cr-d"],
        ),
        (
            C::EndDate,
            ["cr-b", "cr-a", "cr-c", "cr-d"],
            ["cr-c", "cr-a", "cr-b", "cr-d"],
        ),
        (
            C::Owner,
            ["cr-a", "cr-c", "cr-b", "cr-d"],
            ["cr-b", "cr-a", "cr-c", "cr-d"],
        ),
        (
            C::Tags,
            ["cr-b", "cr-a", "cr-c", "cr-d"],
            ["cr-a", "cr-b", "cr-c", "cr-d"],
        ),
        (
            C::Idle,
            ["cr-a", "cr-c", "cr-d", "cr-b"],
            ["cr-b", "cr-a", "cr-c", "cr-d"],
        ),
    ];
    assert_eq!(
        expected.len(),
        ReservationColumn::ALL.len(),
        "every column is covered"
    );
    for (column, asc, desc) in expected {
        let up = filter_and_sort(&rows, &all, Sort::new(*column, Direction::Ascending));
        assert_eq!(ids(&up), asc, "{column:?} ascending");
        let down = filter_and_sort(&rows, &all, Sort::new(*column, Direction::Descending));
        assert_eq!(
            ids(&down),
            desc,
            "{column:?} descending (unknown still last)"
        );
    }
    // sort_rows in place gives the same order as the view.
    let mut owned = rows.clone();
    sort_rows(&mut owned, Sort::new(C::Total, Direction::Descending));
    assert_eq!(
        owned.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["cr-c", "cr-a", "cr-b", "cr-d"]
    );
}

#[test]
fn numbers_sort_numerically_and_types_naturally() {
    let rows: Vec<ReservationRow> = [(9, "m5.2xlarge"), (10, "m5.12xlarge"), (100, "m5.xlarge")]
        .iter()
        .enumerate()
        .map(|(i, (t, ty))| row(&res(&format!("cr-{i}"), ty, Some(*t), Some(0), St::Active)))
        .collect();
    let by = |c| {
        ids(&filter_and_sort(
            &rows,
            &RowFilter::default(),
            Sort::new(c, Direction::Ascending),
        ))
    };
    assert_eq!(
        by(ReservationColumn::Total),
        ["cr-0", "cr-1", "cr-2"],
        "9 < 10 < 100, not text order"
    );
    assert_eq!(
        by(ReservationColumn::InstanceType),
        ["cr-0", "cr-1", "cr-2"]
    );
}

#[test]
fn filters_by_state_type_and_text() {
    let rows = sample_rows();
    let sort = Sort::default();
    let mut f = RowFilter::default();
    f.states.insert(St::Active);
    assert_eq!(ids(&filter_and_sort(&rows, &f, sort)), ["cr-a", "cr-b"]);
    f.instance_types.insert("m5.2xlarge".into());
    assert_eq!(ids(&filter_and_sort(&rows, &f, sort)), ["cr-b"]);

    let text = |q: &str| {
        let f = RowFilter {
            text: q.into(),
            ..Default::default()
        };
        ids(&filter_and_sort(&rows, &f, sort))
    };
    assert_eq!(text(""), ["cr-a", "cr-b", "cr-c", "cr-d"]);
    assert_eq!(text("ENV=PROD"), ["cr-a"], "tags, case-insensitive");
    assert_eq!(text("  CR-C "), ["cr-c"], "id, trimmed");
    assert_eq!(text("us-east-1b"), ["cr-a"], "zone");
    assert_eq!(text("c7i"), ["cr-c"], "instance type");
    assert_eq!(
        text("shared 999900001111"),
        ["cr-b"],
        "owner, every word must match"
    );
    assert_eq!(text("yours"), ["cr-a", "cr-c"]);
    assert_eq!(text("prod dev"), Vec::<String>::new());
    assert!(!RowFilter {
        text: "nothing".into(),
        ..Default::default()
    }
    .matches(&rows[0]));
    // A row without a state never matches a state filter.
    let f = RowFilter {
        states: [St::Active, St::Expired].into(),
        ..Default::default()
    };
    assert!(!f.matches(&rows[3]));
}

#[test]
fn list_csv_is_exact() {
    let rows = sample_rows();
    let csv = reservations_csv(&rows[..2]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "Region,Reservation,Instance type,Platform,Availability Zone,Tenancy,State,Total,Used,Available,Utilisation %,End date,Owner,Tags,Idle");
    assert_eq!(lines[1], "us-east-1,cr-a,m5.12xlarge,Windows,us-east-1b,dedicated,active,10,5,5,50.0,2027-01-01T00:00:00Z,Yours,env=prod,no");
    assert_eq!(lines[2], "us-east-1,cr-b,m5.2xlarge,Linux/UNIX,us-east-1a,default,active,4,0,4,0.0,2026-12-01T00:00:00Z,Shared with you by 999900001111,env=dev,yes");
    assert_eq!(lines[3], "");
    let unknown = reservations_csv(&rows[3..]);
    assert!(
        unknown.ends_with("\r\nus-east-1,cr-d,,,,,,,,,,,Owner unknown,,no\r\n"),
        "{unknown}"
    );
}
