//! A pretend shell for the core's jobs: it records what a job asks for and feeds back
//! answers the test writes, with a local clock the test moves.

#![allow(dead_code)]

use lens_core::aws::credentials::Credentials;
use lens_core::aws::endpoint::Overrides;
use lens_core::aws::http::{HttpRequest, HttpResponse};
use lens_core::connection::Connection;
use lens_core::jobs::{Command, Cx, Env, Event, Identity, Job, Run, Ticket};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 2026-11-23 10:10:10 UTC.
pub const LOCAL: u64 = 1_795_428_610;

pub fn connection() -> Connection {
    Connection {
        credentials: Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            None,
        )
        .unwrap(),
        region: "us-east-1".into(),
        overrides: Overrides::default(),
        demo: false,
    }
}

pub fn identity(account: &str) -> Identity {
    Identity {
        account: account.into(),
        arn: format!("arn:aws:sts::{account}:assumed-role/FinOps/alice"),
    }
}

/// Commands a run issued that the test has not answered yet.
pub struct Shell {
    pub env: Env,
    pub now: SystemTime,
    pub sent: Vec<(Ticket, HttpRequest)>,
    pub timers: Vec<(Ticket, Duration)>,
    pub aborted: Vec<Ticket>,
    /// Every request ever sent, in order.
    pub log: Vec<HttpRequest>,
}

impl Shell {
    pub fn new() -> Shell {
        let mut env = Env::new(true);
        env.identity = Some(identity("111122223333"));
        Shell {
            env,
            now: UNIX_EPOCH + Duration::from_secs(LOCAL),
            sent: Vec::new(),
            timers: Vec::new(),
            aborted: Vec::new(),
            log: Vec::new(),
        }
    }

    fn take(&mut self, commands: Vec<Command>) {
        for c in commands {
            match c {
                Command::Send {
                    ticket, request, ..
                } => {
                    self.log.push(request.clone());
                    self.sent.push((ticket, request));
                }
                Command::Sleep { ticket, after } => self.timers.push((ticket, after)),
                Command::Abort { ticket } => {
                    self.sent.retain(|(t, _)| *t != ticket);
                    self.timers.retain(|(t, _)| *t != ticket);
                    self.aborted.push(ticket);
                }
            }
        }
    }

    pub fn start(&mut self, run: &mut Run, job: &mut dyn Job) {
        let mut random = || 0.5;
        let cx = Cx::new(&mut self.env, self.now, &mut random);
        let commands = run.start(job, cx);
        self.take(commands);
    }

    pub fn deliver(&mut self, run: &mut Run, job: &mut dyn Job, event: Event) {
        let mut random = || 0.5;
        let cx = Cx::new(&mut self.env, self.now, &mut random);
        let commands = run.deliver(job, event, cx);
        self.take(commands);
    }

    /// Answers the oldest outstanding request whose URL (or `X-Amz-Target`) contains `host`.
    pub fn answer(
        &mut self,
        run: &mut Run,
        job: &mut dyn Job,
        host: &str,
        status: u16,
        body: &str,
    ) -> HttpRequest {
        let i = self
            .sent
            .iter()
            .position(|(_, r)| {
                r.url.contains(host) || r.header("x-amz-target").is_some_and(|t| t.contains(host))
            })
            .unwrap_or_else(|| panic!("no request to {host} outstanding: {:?}", self.sent));
        let (ticket, request) = self.sent.remove(i);
        let answer = Ok(HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        });
        self.deliver(run, job, Event::Answer { ticket, answer });
        request
    }

    /// Runs out the oldest timer.
    pub fn wake(&mut self, run: &mut Run, job: &mut dyn Job) -> Duration {
        let (ticket, after) = self.timers.remove(0);
        self.deliver(run, job, Event::Woke { ticket });
        after
    }

    pub fn cancel(&mut self, run: &mut Run) {
        let commands = run.cancel();
        self.take(commands);
    }
}

/// `X-Amz-Date` of a request.
pub fn amz_date(request: &HttpRequest) -> String {
    request.header("x-amz-date").unwrap().to_owned()
}

pub fn ec2_error(code: &str, message: &str) -> String {
    format!("<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>")
}

pub fn sts_error(code: &str, message: &str) -> String {
    format!("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-2</RequestId></ErrorResponse>")
}

pub fn ce_error(code: &str, message: &str) -> String {
    format!(r#"{{"__type":"{code}","message":"{message}"}}"#)
}

/// AWS's "Signature expired" message when its clock reads `server` (`YYYYMMDDTHHMMSSZ`) and the
/// request was signed at `signed`.
pub fn expired_message(signed: &str, server: &str) -> String {
    format!("Signature expired: {signed} is now earlier than {server} ({server} - 5 min.)")
}

pub fn identity_body() -> &'static str {
    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:sts::111122223333:assumed-role/FinOps/alice</Arn><UserId>AROAEXAMPLE:alice</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-3</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
}

pub fn coverage_page(token: Option<&str>) -> String {
    let token = token
        .map(|t| format!(r#","NextPageToken":"{t}""#))
        .unwrap_or_default();
    format!(
        r#"{{"CoveragesByTime":[{{"TimePeriod":{{"Start":"2026-11-01","End":"2026-11-02"}},"Groups":[],"Total":{{"CoverageHours":{{"OnDemandHours":"1","ReservedHours":"3","TotalRunningHours":"4","CoverageHoursPercentage":"75"}}}}}}]{token}}}"#
    )
}

pub fn reservations_page(id: &str, token: Option<&str>) -> String {
    let token = token
        .map(|t| format!("<nextToken>{t}</nextToken>"))
        .unwrap_or_default();
    format!("<DescribeCapacityReservationsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-4</requestId><capacityReservationSet><item><capacityReservationId>{id}</capacityReservationId><instanceType>m5.large</instanceType><totalInstanceCount>4</totalInstanceCount><availableInstanceCount>1</availableInstanceCount><state>active</state></item></capacityReservationSet>{token}</DescribeCapacityReservationsResponse>")
}

pub fn usage_page(account: &str, token: Option<&str>) -> String {
    let token = token
        .map(|t| format!("<nextToken>{t}</nextToken>"))
        .unwrap_or_default();
    format!("<GetCapacityReservationUsageResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-5</requestId><capacityReservationId>cr-0123456789abcdef0</capacityReservationId><instanceType>m5.large</instanceType><totalInstanceCount>4</totalInstanceCount><availableInstanceCount>1</availableInstanceCount><state>active</state><instanceUsageSet><item><accountId>{account}</accountId><usedInstanceCount>3</usedInstanceCount></item></instanceUsageSet>{token}</GetCapacityReservationUsageResponse>")
}

pub fn dimension_values_body() -> &'static str {
    r#"{"DimensionValues":[{"Value":"m5.large","Attributes":{}}],"ReturnSize":1,"TotalSize":1}"#
}
