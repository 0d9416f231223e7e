#![cfg(not(target_arch = "wasm32"))]
//! One reservation's usage by account: pages joined in order, totals, search, sort, top
//! accounts + others, the interruptible section, CSV, and the accounts × reservations matrix.

use lens_core::aws::ec2::{
    parse_get_capacity_reservation_usage, CapacityReservationState, CapacityReservationUsage,
    InstanceUsage, InterruptibleAllocationStatus, InterruptionType,
};
use lens_core::aws::http::HttpResponse;
use lens_core::reservations::*;

const NS: &str = "http://ec2.amazonaws.com/doc/2016-11-15/";

/// Account number `i` (12 digits) runs `i % 5 + 1` instances.
fn account(i: usize) -> String {
    format!("{:012}", 100_000_000_000u64 + i as u64 * 7)
}

fn used_by(i: usize) -> u32 {
    (i % 5 + 1) as u32
}

/// A page of `GetCapacityReservationUsage` for accounts `range`, parsed by the real parser.
fn page(
    range: std::ops::Range<usize>,
    next: Option<&str>,
    extra: &str,
) -> CapacityReservationUsage {
    let items: String = range
        .map(|i| {
            format!(
                "<item><accountId>{}</accountId><usedInstanceCount>{}</usedInstanceCount></item>",
                account(i),
                used_by(i)
            )
        })
        .collect();
    let next = next
        .map(|n| format!("<nextToken>{n}</nextToken>"))
        .unwrap_or_default();
    let body = format!(
        "<GetCapacityReservationUsageResponse xmlns=\"{NS}\"><requestId>r</requestId>{next}\
         <capacityReservationId>cr-big</capacityReservationId><instanceType>m6i.large</instanceType>\
         <totalInstanceCount>8000</totalInstanceCount><availableInstanceCount>500</availableInstanceCount>\
         <state>active</state><instanceUsageSet>{items}</instanceUsageSet>{extra}\
         </GetCapacityReservationUsageResponse>"
    );
    let resp = HttpResponse {
        status: 200,
        headers: vec![("content-type".into(), "text/xml".into())],
        body,
    };
    parse_get_capacity_reservation_usage(&resp).unwrap()
}

fn big() -> UsageDetail {
    let pages = [
        page(0..1000, Some("t1"), ""),
        page(1000..2000, Some("t2"), ""),
        page(2000..2500, None, ""),
    ];
    assert_eq!(
        pages
            .iter()
            .map(|p| p.instance_usages.len())
            .collect::<Vec<_>>(),
        [1000, 1000, 500]
    );
    UsageDetail::from_pages(&pages)
}

#[test]
fn twenty_five_hundred_accounts_from_three_pages() {
    let d = big();
    let h = &d.header;
    assert_eq!(h.reservation_id.as_deref(), Some("cr-big"));
    assert_eq!(h.instance_type.as_deref(), Some("m6i.large"));
    assert_eq!(h.state, Some(CapacityReservationState::Active));
    assert_eq!(
        (h.total, h.available, h.used),
        (Some(8000), Some(500), Some(7500))
    );
    assert_eq!(h.utilisation.unwrap().percent_text(), "93.8");
    assert_eq!(d.rows.len(), 2500);
    // Order kept across pages.
    assert!(d
        .rows
        .iter()
        .enumerate()
        .all(|(i, r)| r.account_id == account(i)));
    assert_eq!(d.accounted, 7500, "500 blocks of 1+2+3+4+5");
    assert_eq!(d.accounted, u64::from(h.used.unwrap()));
    assert_eq!(
        d.rows[4].share.unwrap().percent_text(),
        "0.1",
        "5 of 8000 = 0.0625%"
    );
    assert!(d.interruptible.is_none());

    // Sorted by instances, most first; ties by account order (stable over AWS's order).
    let v = d.view("", Sort::new(UsageColumn::InUse, Direction::Descending));
    assert_eq!(v.len(), 2500);
    assert_eq!(v[0].account_id, account(4));
    assert_eq!(v[1].account_id, account(9));
    assert!(v.windows(2).all(|w| w[0].used >= w[1].used));
    let by_share = d.view("", Sort::new(UsageColumn::Share, Direction::Descending));
    assert_eq!(
        by_share.iter().map(|r| &r.account_id).collect::<Vec<_>>(),
        v.iter().map(|r| &r.account_id).collect::<Vec<_>>()
    );
    let by_account = d.view("", Sort::new(UsageColumn::Account, Direction::Descending));
    assert_eq!(by_account[0].account_id, account(2499));

    // Search: substring of the account id.
    let hits = d.view(&account(1234)[6..], Sort::default());
    assert!(hits.iter().any(|r| r.account_id == account(1234)));
    assert!(hits
        .iter()
        .all(|r| r.account_id.contains(&account(1234)[6..])));
    assert!(d.view("no-such", Sort::default()).is_empty());
}

#[test]
fn top_accounts_and_others() {
    let d = big();
    let bars = d.top_accounts(10);
    assert_eq!(bars.len(), 11);
    assert!(bars[..10].iter().all(|b| b.1 == 5));
    assert_eq!(bars[0].0, account(4));
    assert_eq!(bars[10].0, "Others (2490 accounts)");
    assert_eq!(
        bars.iter().map(|b| u64::from(b.1)).sum::<u64>(),
        7500,
        "nothing lost or counted twice"
    );

    // No "others" when everyone fits; 0 and unknown counts are left out.
    let small = CapacityReservationUsage {
        total_instance_count: Some(10),
        instance_usages: vec![
            InstanceUsage {
                account_id: Some("111".into()),
                used_instance_count: Some(3),
            },
            InstanceUsage {
                account_id: Some("222".into()),
                used_instance_count: Some(0),
            },
            InstanceUsage {
                account_id: Some("333".into()),
                used_instance_count: None,
            },
            InstanceUsage {
                account_id: Some("444".into()),
                used_instance_count: Some(3),
            },
            InstanceUsage {
                account_id: Some("555".into()),
                used_instance_count: Some(1),
            },
        ],
        ..Default::default()
    };
    let d = UsageDetail::from_pages([&small]);
    assert_eq!(
        d.top_accounts(5),
        [
            ("111".to_string(), 3),
            ("444".to_string(), 3),
            ("555".to_string(), 1)
        ]
    );
    assert_eq!(
        d.top_accounts(1),
        [
            ("111".to_string(), 3),
            ("Others (2 accounts)".to_string(), 4)
        ]
    );
    assert_eq!(d.top_accounts(2)[2], ("Others (1 account)".to_string(), 1));
    assert_eq!(d.top_accounts(0), [("Others (3 accounts)".to_string(), 7)]);
    assert!(UsageDetail::from_pages([]).top_accounts(10).is_empty());

    // Unknown counts sort last both ways; header unknown without a total.
    for dir in [Direction::Ascending, Direction::Descending] {
        let v = d.view("", Sort::new(UsageColumn::InUse, dir));
        assert_eq!(v[4].account_id, "333");
    }
    assert_eq!(d.header.used, None);
    assert_eq!(d.rows[0].share.unwrap().percent_text(), "30.0");
}

#[test]
fn interruptible_section() {
    let extra = "<interruptible>false</interruptible><interruptibleCapacityAllocation>\
        <instanceCount>3</instanceCount><targetInstanceCount>5</targetInstanceCount>\
        <status>updating</status><interruptibleCapacityReservationId>cr-int</interruptibleCapacityReservationId>\
        <interruptionType>adhoc</interruptionType></interruptibleCapacityAllocation>";
    let d = UsageDetail::from_pages([&page(0..2, None, extra)]);
    let s = d.interruptible.expect("section present");
    assert_eq!(s.status(), Some(&InterruptibleAllocationStatus::Updating));
    assert_eq!(s.progress_text().as_deref(), Some("3 of 5 instances"));
    assert_eq!(s.interruptible_reservation_id(), Some("cr-int"));
    assert_eq!(s.interruption_type(), Some(&InterruptionType::Adhoc));
    assert_eq!(s.source_reservation_id(), None);

    let extra = "<interruptible>true</interruptible><interruptionInfo>\
        <sourceCapacityReservationId>cr-src</sourceCapacityReservationId>\
        <interruptionType>adhoc</interruptionType></interruptionInfo>";
    let s = UsageDetail::from_pages([&page(0..2, None, extra)])
        .interruptible
        .unwrap();
    assert_eq!(s.interruptible, Some(true));
    assert_eq!(s.source_reservation_id(), Some("cr-src"));
    assert_eq!(s.interruption_type(), Some(&InterruptionType::Adhoc));
    assert_eq!(s.progress_text(), None);
}

#[test]
fn usage_table_csv() {
    let d = big();
    let v = d.view("", Sort::new(UsageColumn::InUse, Direction::Descending));
    let csv = usage_csv(v.into_iter().take(2));
    assert_eq!(
        csv,
        format!(
            "Account,Instances in use,Share of reservation %\r\n{},5,0.1\r\n{},5,0.1\r\n",
            account(4),
            account(9)
        )
    );
}

fn u(account: &str, n: Option<u32>) -> InstanceUsage {
    InstanceUsage {
        account_id: Some(account.into()),
        used_instance_count: n,
    }
}

#[test]
fn accounts_by_reservations_matrix() {
    let r1 = vec![u("111", Some(2)), u("222", Some(5))];
    let r2 = vec![
        u("222", Some(1)),
        u("333", Some(4)),
        u("222", Some(2)),
        u("444", None),
    ];
    let r3 = vec![
        u("111", Some(0)),
        InstanceUsage {
            account_id: None,
            used_instance_count: Some(9),
        },
    ];
    let m = UsageMatrix::new([("cr-1", &r1), ("cr-2", &r2), ("cr-3", &r3)]);
    assert_eq!(m.reservations, ["cr-1", "cr-2", "cr-3"]);
    assert_eq!(m.accounts, ["222", "333", "111"], "most instances first");
    assert_eq!(
        m.cells,
        [
            vec![Some(5), Some(3), None],
            vec![None, Some(4), None],
            vec![Some(2), None, Some(0)],
        ]
    );
    assert_eq!(m.account_totals, [8, 4, 2]);
    assert_eq!(m.reservation_totals, [7, 7, 0]);
    assert_eq!(m.grand_total, 14);
    assert_eq!(m.account_totals.iter().sum::<u64>(), m.grand_total);
    assert_eq!(m.skipped_entries, 2);
    assert_eq!(
        m.to_csv(),
        "Account,cr-1,cr-2,cr-3,Total\r\n222,5,3,,8\r\n333,,4,,4\r\n111,2,,0,2\r\nTotal,7,7,0,14\r\n"
    );

    // From usage details (the big one and a small one), via their pages' entries.
    let small = CapacityReservationUsage {
        capacity_reservation_id: Some("cr-1".into()),
        instance_usages: r1.clone(),
        ..Default::default()
    };
    let details = [big(), UsageDetail::from_pages([&small])];
    let m = UsageMatrix::from_details(&details);
    assert_eq!(m.reservations, ["cr-big", "cr-1"]);
    assert_eq!(m.accounts.len(), 2502);
    assert_eq!(m.reservation_totals, [7500, 7]);
    assert_eq!(m.grand_total, 7507);
    assert_eq!(
        m.accounts[0], "222",
        "ties at 5 go by account id, numerically"
    );
    assert!(UsageMatrix::new(Vec::<(&str, Vec<&InstanceUsage>)>::new())
        .accounts
        .is_empty());
}

#[test]
fn scales_to_tens_of_thousands_of_accounts() {
    // Ten times the brief's 2,500: anything quadratic would take minutes here.
    let pages: Vec<CapacityReservationUsage> = (0..25)
        .map(|p| page(p * 1000..(p + 1) * 1000, None, ""))
        .collect();
    let d = UsageDetail::from_pages(&pages);
    assert_eq!(d.rows.len(), 25_000);
    assert_eq!(
        d.view(
            "1000",
            Sort::new(UsageColumn::Account, Direction::Ascending)
        )
        .len(),
        d.rows
            .iter()
            .filter(|r| r.account_id.contains("1000"))
            .count()
    );
    assert_eq!(d.top_accounts(10).len(), 11);
    let all: Vec<&InstanceUsage> = pages.iter().flat_map(|p| &p.instance_usages).collect();
    assert_eq!(UsageMatrix::new([("cr-big", all)]).grand_total, 75_000);
}
