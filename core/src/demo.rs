//! "Try with sample data": answers every operation from sample responses built into the app,
//! as AWS would word them, so they go through the very same parsers as real answers. Pure:
//! a request in, a response out, no network and no clock (dates are fixed).

use crate::aws::credentials::Credentials;
use crate::aws::http::{HttpRequest, HttpResponse};

/// The account the sample data belongs to.
pub const DEMO_ACCOUNT: &str = "111122223333";

/// AWS's documented example keys: they sign demo requests, which never leave the page.
pub fn demo_credentials() -> Credentials {
    Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        None,
    )
    .unwrap_or_else(|_| unreachable!("AWS's documented example keys are well formed"))
}

/// A reservation of the sample account (shared with the accounts in `usage`).
#[derive(Clone, Copy)]
struct Sample {
    id: &'static str,
    instance_type: &'static str,
    platform: &'static str,
    az_letter: &'static str,
    tenancy: &'static str,
    total: u32,
    available: u32,
    state: &'static str,
    end_date: Option<&'static str>,
}

#[allow(clippy::too_many_arguments)]
const fn sample(
    id: &'static str,
    instance_type: &'static str,
    platform: &'static str,
    az_letter: &'static str,
    tenancy: &'static str,
    (total, available): (u32, u32),
    state: &'static str,
    end_date: Option<&'static str>,
) -> Sample {
    Sample {
        id,
        instance_type,
        platform,
        az_letter,
        tenancy,
        total,
        available,
        state,
        end_date,
    }
}

const RESERVATIONS: &[Sample] = &[
    sample(
        "cr-0a1b2c3d4e5f60001",
        "m6i.xlarge",
        "Linux/UNIX",
        "a",
        "default",
        (40, 6),
        "active",
        None,
    ),
    sample(
        "cr-0a1b2c3d4e5f60002",
        "r6g.2xlarge",
        "Linux/UNIX",
        "b",
        "default",
        (12, 12),
        "active",
        Some("2027-03-31T23:59:59.000Z"),
    ),
    sample(
        "cr-0a1b2c3d4e5f60003",
        "c7i.4xlarge",
        "Windows",
        "a",
        "default",
        (8, 1),
        "active",
        None,
    ),
    sample(
        "cr-0a1b2c3d4e5f60004",
        "p5.48xlarge",
        "Linux/UNIX",
        "c",
        "dedicated",
        (2, 0),
        "active",
        Some("2026-12-15T12:00:00.000Z"),
    ),
    sample(
        "cr-0a1b2c3d4e5f60005",
        "m5.large",
        "Linux/UNIX",
        "b",
        "default",
        (10, 10),
        "expired",
        Some("2026-10-01T00:00:00.000Z"),
    ),
    sample(
        "cr-0a1b2c3d4e5f60006",
        "g6.xlarge",
        "Linux/UNIX",
        "a",
        "default",
        (4, 4),
        "scheduled",
        None,
    ),
];

/// Answers `request` as the sample account would.
pub fn answer(request: &HttpRequest) -> HttpResponse {
    let region = region_of(request);
    let (status, body) = if let Some(target) = request.header("x-amz-target") {
        match target.rsplit('.').next().unwrap_or_default() {
            "GetReservationCoverage" => (200, coverage()),
            "GetDimensionValues" => (200, dimension_values()),
            other => unknown(other),
        }
    } else {
        let params = form_params(&request.body);
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        match get("Action").unwrap_or_default() {
            "GetCallerIdentity" => (200, caller_identity()),
            "DescribeCapacityReservations" => (200, describe(&region)),
            "GetCapacityReservationUsage" if get("DryRun") == Some("true") => dry_run(),
            "GetCapacityReservationUsage" => usage(&region, get("CapacityReservationId")),
            other => unknown(other),
        }
    };
    HttpResponse {
        status,
        headers: Vec::new(),
        body,
    }
}

fn region_of(request: &HttpRequest) -> String {
    // The credential scope names the region: `Credential=AKID/20261123/eu-west-1/ec2/aws4_request`.
    request
        .header("authorization")
        .and_then(|a| a.split("Credential=").nth(1))
        .and_then(|c| c.split('/').nth(2))
        .unwrap_or("us-east-1")
        .to_owned()
}

fn form_params(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            (
                crate::route::percent_decode(k),
                crate::route::percent_decode(v),
            )
        })
        .collect()
}

const EC2_NS: &str = "http://ec2.amazonaws.com/doc/2016-11-15/";

fn request_id(n: u32) -> String {
    format!("d3m0d3m0-0000-4000-8000-{n:012}")
}

fn caller_identity() -> String {
    format!(
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
         <GetCallerIdentityResult>\
         <Arn>arn:aws:sts::{DEMO_ACCOUNT}:assumed-role/FinOpsReadOnly/demo-user</Arn>\
         <UserId>AROAEXAMPLEDEMO0ROLE01:demo-user</UserId>\
         <Account>{DEMO_ACCOUNT}</Account>\
         </GetCallerIdentityResult>\
         <ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata>\
         </GetCallerIdentityResponse>",
        request_id(1)
    )
}

fn describe(region: &str) -> String {
    let mut items = String::new();
    for r in RESERVATIONS {
        let Sample {
            id,
            instance_type: itype,
            platform,
            az_letter: az,
            tenancy,
            total,
            available,
            state,
            end_date: end,
        } = *r;
        let end_xml = match end {
            Some(e) => format!("<endDate>{e}</endDate><endDateType>limited</endDateType>"),
            None => "<endDateType>unlimited</endDateType>".to_owned(),
        };
        items.push_str(&format!(
            "<item><capacityReservationId>{id}</capacityReservationId>\
             <ownerId>{DEMO_ACCOUNT}</ownerId>\
             <capacityReservationArn>arn:aws:ec2:{region}:{DEMO_ACCOUNT}:capacity-reservation/{id}</capacityReservationArn>\
             <availabilityZoneId>use1-az{n}</availabilityZoneId>\
             <instanceType>{itype}</instanceType><instancePlatform>{platform}</instancePlatform>\
             <availabilityZone>{region}{az}</availabilityZone><tenancy>{tenancy}</tenancy>\
             <totalInstanceCount>{total}</totalInstanceCount>\
             <availableInstanceCount>{available}</availableInstanceCount>\
             <ebsOptimized>true</ebsOptimized><ephemeralStorage>false</ephemeralStorage>\
             <state>{state}</state><startDate>2026-01-05T09:00:00.000Z</startDate>{end_xml}\
             <instanceMatchCriteria>open</instanceMatchCriteria>\
             <createDate>2026-01-05T08:58:12.000Z</createDate>\
             <tagSet><item><key>team</key><value>platform</value></item></tagSet>\
             <reservationType>default</reservationType></item>",
            n = az.as_bytes()[0] - b'a' + 1,
        ));
    }
    format!(
        "<DescribeCapacityReservationsResponse xmlns=\"{EC2_NS}\"><requestId>{}</requestId>\
         <capacityReservationSet>{items}</capacityReservationSet>\
         </DescribeCapacityReservationsResponse>",
        request_id(2)
    )
}

fn usage(region: &str, id: Option<&str>) -> (u16, String) {
    let Some(&Sample {
        id,
        instance_type: itype,
        total,
        available,
        state,
        ..
    }) = RESERVATIONS.iter().find(|r| Some(r.id) == id)
    else {
        return ec2_error(
            400,
            "InvalidCapacityReservationId.NotFound",
            &format!(
                "The capacity reservation ID '{}' does not exist in the sample data for {region}.",
                id.unwrap_or_default()
            ),
        );
    };
    // Spread the used instances over a handful of accounts, biggest first.
    let mut left = total - available;
    let mut items = String::new();
    let mut account = 210_987_654_321u64;
    while left > 0 {
        let n = (left / 2).max(1);
        items.push_str(&format!(
            "<item><accountId>{account}</accountId><usedInstanceCount>{n}</usedInstanceCount></item>"
        ));
        left -= n;
        account += 1_111_111;
    }
    let body = format!(
        "<GetCapacityReservationUsageResponse xmlns=\"{EC2_NS}\"><requestId>{}</requestId>\
         <capacityReservationId>{id}</capacityReservationId><instanceType>{itype}</instanceType>\
         <totalInstanceCount>{total}</totalInstanceCount>\
         <availableInstanceCount>{available}</availableInstanceCount><state>{state}</state>\
         <instanceUsageSet>{items}</instanceUsageSet></GetCapacityReservationUsageResponse>",
        request_id(3)
    );
    (200, body)
}

fn dry_run() -> (u16, String) {
    ec2_error(
        412,
        "DryRunOperation",
        "Request would have succeeded, but DryRun flag is set.",
    )
}

fn ec2_error(status: u16, code: &str, message: &str) -> (u16, String) {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code>\
         <Message>{message}</Message></Error></Errors><RequestID>{}</RequestID></Response>",
        request_id(9)
    );
    (status, body)
}

fn unknown(operation: &str) -> (u16, String) {
    ec2_error(
        400,
        "InvalidAction",
        &format!("The sample data has no answer for {operation}."),
    )
}

/// Thirty days of daily coverage for November 2026, fixed so the demo looks the same every day.
fn coverage() -> String {
    let mut periods = Vec::new();
    let (mut sum_od, mut sum_res) = (0.0, 0.0);
    for day in 1..=30u32 {
        let total = 960.0 + f64::from(day % 7) * 24.0;
        let reserved = (total * (0.62 + f64::from(day % 5) * 0.05)).round();
        let on_demand = total - reserved;
        sum_od += on_demand;
        sum_res += reserved;
        let end = if day == 30 {
            "2026-12-01".to_owned()
        } else {
            format!("2026-11-{:02}", day + 1)
        };
        periods.push(format!(
            "{{\"TimePeriod\":{{\"Start\":\"2026-11-{day:02}\",\"End\":\"{end}\"}},\"Groups\":[],\
             \"Total\":{}}}",
            coverage_json(on_demand, reserved)
        ));
    }
    format!(
        "{{\"CoveragesByTime\":[{}],\"Total\":{}}}",
        periods.join(","),
        coverage_json(sum_od, sum_res)
    )
}

fn coverage_json(on_demand: f64, reserved: f64) -> String {
    let total = on_demand + reserved;
    let pct = if total > 0.0 {
        reserved / total * 100.0
    } else {
        0.0
    };
    // Cost Explorer writes every number as a string.
    format!(
        "{{\"CoverageHours\":{{\"OnDemandHours\":\"{on_demand}\",\"ReservedHours\":\"{reserved}\",\
         \"TotalRunningHours\":\"{total}\",\"CoverageHoursPercentage\":\"{pct:.13}\"}},\
         \"CoverageNormalizedUnits\":{{\"OnDemandNormalizedUnits\":\"{}\",\
         \"ReservedNormalizedUnits\":\"{}\",\"TotalRunningNormalizedUnits\":\"{}\",\
         \"CoverageNormalizedUnitsPercentage\":\"{pct:.13}\"}},\
         \"CoverageCost\":{{\"OnDemandCost\":\"{:.4}\"}}}}",
        on_demand * 8.0,
        reserved * 8.0,
        total * 8.0,
        on_demand * 0.192
    )
}

fn dimension_values() -> String {
    let values = [
        "m6i.xlarge",
        "r6g.2xlarge",
        "c7i.4xlarge",
        "p5.48xlarge",
        "m5.large",
        "g6.xlarge",
    ];
    let list: Vec<String> = values
        .iter()
        .map(|v| format!("{{\"Value\":\"{v}\",\"Attributes\":{{}}}}"))
        .collect();
    format!(
        "{{\"DimensionValues\":[{}],\"ReturnSize\":{n},\"TotalSize\":{n}}}",
        list.join(","),
        n = values.len()
    )
}
