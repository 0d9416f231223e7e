//! "Try with sample data": answers every operation from a sample account built into the app,
//! as AWS would word them, so they go through the very same parsers as real answers. Pure: a
//! request in, a response out, no network. Cost Explorer's answers are computed from the
//! request ([`coverage`]); the reservations span three regions and every state, with a
//! reservation shared by hundreds of accounts and an interruptible pair. "Today" is the day the
//! request was signed.

mod coverage;

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

/// How a reservation takes part in interruptible capacity.
#[derive(Clone, Copy, PartialEq)]
enum Lending {
    None,
    /// Lends this many of its instances to the interruptible reservation `to`.
    Source {
        to: &'static str,
        count: u32,
    },
    /// Interruptible capacity lent by `from`.
    Interruptible {
        from: &'static str,
    },
}

/// A reservation of the sample account.
#[derive(Clone, Copy)]
struct Sample {
    region: &'static str,
    id: &'static str,
    instance_type: &'static str,
    platform: &'static str,
    az_letter: &'static str,
    tenancy: &'static str,
    total: u32,
    available: u32,
    state: &'static str,
    end_date: Option<&'static str>,
    /// Accounts its usage is shared with (0: a handful).
    shared_with: u32,
    lending: Lending,
    team: &'static str,
}

const fn r(
    (region, id): (&'static str, &'static str),
    (instance_type, platform): (&'static str, &'static str),
    (az_letter, tenancy): (&'static str, &'static str),
    (total, available): (u32, u32),
    (state, end_date): (&'static str, Option<&'static str>),
    team: &'static str,
) -> Sample {
    Sample {
        region,
        id,
        instance_type,
        platform,
        az_letter,
        tenancy,
        total,
        available,
        state,
        end_date,
        shared_with: 0,
        lending: Lending::None,
        team,
    }
}

const fn shared(mut s: Sample, accounts: u32) -> Sample {
    s.shared_with = accounts;
    s
}

const fn lending(mut s: Sample, lending: Lending) -> Sample {
    s.lending = lending;
    s
}

const LINUX: &str = "Linux/UNIX";
const US: &str = "us-east-1";
const EU: &str = "eu-west-1";
const AP: &str = "ap-southeast-2";

// One line a row: the table reads as a table.
#[rustfmt::skip]
const RESERVATIONS: &[Sample] = &[
    r((US, "cr-0a1b2c3d4e5f60001"), ("m6i.xlarge", LINUX), ("a", "default"), (40, 6), ("active", None), "platform"),
    r((US, "cr-0a1b2c3d4e5f60002"), ("r6g.2xlarge", LINUX), ("b", "default"), (12, 12), ("active", Some("2027-03-31T23:59:59.000Z")), "data"),
    r((US, "cr-0a1b2c3d4e5f60003"), ("c7i.4xlarge", "Windows"), ("a", "default"), (8, 1), ("active", None), "finops"),
    r((US, "cr-0a1b2c3d4e5f60004"), ("p5.48xlarge", LINUX), ("c", "dedicated"), (2, 0), ("active", Some("2026-12-15T12:00:00.000Z")), "data"),
    r((US, "cr-0a1b2c3d4e5f60005"), ("m5.large", LINUX), ("b", "default"), (10, 10), ("expired", Some("2026-10-01T00:00:00.000Z")), "sandbox"),
    r((US, "cr-0a1b2c3d4e5f60006"), ("g6.xlarge", LINUX), ("a", "default"), (4, 4), ("scheduled", None), "data"),
    shared(r((US, "cr-0a1b2c3d4e5f60007"), ("m6i.2xlarge", LINUX), ("b", "default"), (400, 38), ("active", None), "platform"), 320),
    lending(
        r((US, "cr-0a1b2c3d4e5f60008"), ("c6i.large", LINUX), ("a", "default"), (20, 2), ("active", None), "platform"),
        Lending::Source { to: "cr-0a1b2c3d4e5f60009", count: 6 },
    ),
    lending(
        r((US, "cr-0a1b2c3d4e5f60009"), ("c6i.large", LINUX), ("a", "default"), (6, 1), ("active", None), "data"),
        Lending::Interruptible { from: "cr-0a1b2c3d4e5f60008" },
    ),
    r((EU, "cr-0b1c2d3e4f5a60010"), ("m6i.xlarge", LINUX), ("a", "default"), (16, 3), ("active", None), "platform"),
    r((EU, "cr-0b1c2d3e4f5a60011"), ("r6g.xlarge", LINUX), ("b", "default"), (8, 8), ("pending", None), "data"),
    r((EU, "cr-0b1c2d3e4f5a60012"), ("c7i.large", LINUX), ("a", "default"), (6, 6), ("cancelled", Some("2026-09-30T00:00:00.000Z")), "sandbox"),
    r((EU, "cr-0b1c2d3e4f5a60013"), ("m7g.large", LINUX), ("c", "default"), (10, 10), ("payment-pending", None), "platform"),
    r((EU, "cr-0b1c2d3e4f5a60014"), ("t3.large", LINUX), ("b", "default"), (4, 4), ("failed", None), "sandbox"),
    r((EU, "cr-0b1c2d3e4f5a60015"), ("r7i.2xlarge", LINUX), ("a", "default"), (6, 6), ("cancelling", Some("2026-12-31T00:00:00.000Z")), "data"),
    r((AP, "cr-0c1d2e3f4a5b60016"), ("m6i.large", LINUX), ("a", "default"), (12, 4), ("active", None), "platform"),
    r((AP, "cr-0c1d2e3f4a5b60017"), ("p4d.24xlarge", LINUX), ("b", "default"), (1, 1), ("payment-failed", None), "data"),
    r((AP, "cr-0c1d2e3f4a5b60018"), ("g5.xlarge", LINUX), ("a", "default"), (4, 4), ("assessing", None), "data"),
    r((AP, "cr-0c1d2e3f4a5b60019"), ("trn1.32xlarge", LINUX), ("c", "default"), (2, 2), ("delayed", None), "data"),
    r((AP, "cr-0c1d2e3f4a5b60020"), ("inf2.xlarge", LINUX), ("b", "default"), (2, 2), ("unsupported", None), "data"),
    r((AP, "cr-0c1d2e3f4a5b60021"), ("x2idn.16xlarge", LINUX), ("a", "default"), (1, 1), ("unavailable", None), "finops"),
];

/// Answers `request` as the sample account would.
pub fn answer(request: &HttpRequest) -> HttpResponse {
    let region = region_of(request);
    let (status, body) = if let Some(target) = request.header("x-amz-target") {
        let body: serde_json::Value =
            serde_json::from_str(&request.body).unwrap_or(serde_json::Value::Null);
        match target.rsplit('.').next().unwrap_or_default() {
            "GetReservationCoverage" => coverage::coverage(&body, today(request)),
            "GetDimensionValues" => coverage::dimension_values(&body, today(request)),
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

/// The day the request was signed (`X-Amz-Date: 20261118T...`), in days since 1970-01-01.
fn today(request: &HttpRequest) -> i64 {
    request
        .header("x-amz-date")
        .and_then(crate::aws::datetime::parse_compact)
        .map_or(20_775, |t| t.unix_timestamp().div_euclid(86_400))
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

/// The interruptible-capacity members of a reservation, as both operations write them.
fn lending_xml(s: &Sample) -> String {
    match s.lending {
        Lending::None => String::new(),
        Lending::Source { to, count } => format!(
            "<interruptible>false</interruptible><interruptibleCapacityAllocation>\
             <instanceCount>{count}</instanceCount><targetInstanceCount>{count}</targetInstanceCount>\
             <status>active</status><interruptibleCapacityReservationId>{to}</interruptibleCapacityReservationId>\
             <interruptionType>adhoc</interruptionType></interruptibleCapacityAllocation>"
        ),
        Lending::Interruptible { from } => format!(
            "<interruptible>true</interruptible><interruptionInfo>\
             <sourceCapacityReservationId>{from}</sourceCapacityReservationId>\
             <interruptionType>adhoc</interruptionType></interruptionInfo>"
        ),
    }
}

fn describe(region: &str) -> String {
    let mut items = String::new();
    for s in RESERVATIONS.iter().filter(|s| s.region == region) {
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
            team,
            ..
        } = *s;
        let end_xml = match end {
            Some(e) => format!("<endDate>{e}</endDate><endDateType>limited</endDateType>"),
            None => "<endDateType>unlimited</endDateType>".to_owned(),
        };
        let zone_id = match region {
            "us-east-1" => "use1-az",
            "eu-west-1" => "euw1-az",
            _ => "apse2-az",
        };
        items.push_str(&format!(
            "<item><capacityReservationId>{id}</capacityReservationId>\
             <ownerId>{DEMO_ACCOUNT}</ownerId>\
             <capacityReservationArn>arn:aws:ec2:{region}:{DEMO_ACCOUNT}:capacity-reservation/{id}</capacityReservationArn>\
             <availabilityZoneId>{zone_id}{n}</availabilityZoneId>\
             <instanceType>{itype}</instanceType><instancePlatform>{platform}</instancePlatform>\
             <availabilityZone>{region}{az}</availabilityZone><tenancy>{tenancy}</tenancy>\
             <totalInstanceCount>{total}</totalInstanceCount>\
             <availableInstanceCount>{available}</availableInstanceCount>\
             <ebsOptimized>true</ebsOptimized><ephemeralStorage>false</ephemeralStorage>\
             <state>{state}</state><startDate>2026-01-05T09:00:00.000Z</startDate>{end_xml}\
             <instanceMatchCriteria>open</instanceMatchCriteria>\
             <createDate>2026-01-05T08:58:12.000Z</createDate>\
             <tagSet><item><key>team</key><value>{team}</value></item></tagSet>\
             <reservationType>default</reservationType>{lending}</item>",
            n = az.as_bytes()[0] - b'a' + 1,
            lending = lending_xml(s),
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
    let Some(s) = RESERVATIONS
        .iter()
        .find(|r| r.region == region && Some(r.id) == id)
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
    let Sample {
        id,
        instance_type: itype,
        total,
        available,
        state,
        shared_with,
        ..
    } = *s;
    let mut left = total - available;
    let mut items = String::new();
    if shared_with > 0 {
        // Shared with many accounts: one or two instances each, the rest on the first.
        for k in 0..shared_with {
            let n = if k == 0 { left - (shared_with - 1) } else { 1 };
            let account = 300_000_000_000u64 + u64::from(k) * 7_919;
            items.push_str(&format!(
                "<item><accountId>{account}</accountId><usedInstanceCount>{n}</usedInstanceCount></item>"
            ));
        }
    } else {
        // Spread the used instances over a handful of accounts, biggest first.
        let mut account = 210_987_654_321u64;
        while left > 0 {
            let n = (left / 2).max(1);
            items.push_str(&format!(
                "<item><accountId>{account}</accountId><usedInstanceCount>{n}</usedInstanceCount></item>"
            ));
            left -= n;
            account += 1_111_111;
        }
    }
    let body = format!(
        "<GetCapacityReservationUsageResponse xmlns=\"{EC2_NS}\"><requestId>{}</requestId>\
         <capacityReservationId>{id}</capacityReservationId><instanceType>{itype}</instanceType>\
         <totalInstanceCount>{total}</totalInstanceCount>\
         <availableInstanceCount>{available}</availableInstanceCount><state>{state}</state>\
         <instanceUsageSet>{items}</instanceUsageSet>{}</GetCapacityReservationUsageResponse>",
        request_id(3),
        lending_xml(s),
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
