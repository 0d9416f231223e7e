//! The core's jobs, driven by a pretend shell: what each asks to send next, given the answers.

#[path = "support/jobs.rs"]
mod support;

use lens_core::aws::ce::Dimension;
use lens_core::aws::ce::{DateInterval, GetDimensionValuesInput, GetReservationCoverageInput};
use lens_core::aws::credentials::Credentials;
use lens_core::aws::ec2::{DescribeCapacityReservationsInput, GetCapacityReservationUsageInput};
use lens_core::aws::endpoint::Service;
use lens_core::aws::error::ErrorKind;
use lens_core::aws::operation::GetCallerIdentity;
use lens_core::jobs::TransportError;
use lens_core::jobs::{CallError, Job, Pages, Run, Single, Target, Window, MAX_OFFSET};
use support::*;
use time::OffsetDateTime;

fn coverage_input(value: &str) -> GetReservationCoverageInput {
    let mut input = GetReservationCoverageInput::new(DateInterval {
        start: "2026-11-01".into(),
        end: "2026-11-02".into(),
    });
    input.metrics = Some(vec![value.to_owned()]);
    input
}

fn coverage_job(value: &str) -> Pages<GetReservationCoverageInput> {
    Pages::for_connection(coverage_input(value), &connection(), None, 50)
}

fn usage_job() -> Pages<GetCapacityReservationUsageInput> {
    let input = GetCapacityReservationUsageInput {
        capacity_reservation_id: "cr-0123456789abcdef0".into(),
        max_results: Some(1000),
        ..Default::default()
    };
    Pages::for_connection(input, &connection(), Some("eu-west-1"), 100)
}

fn list_job(region: &str) -> Pages<DescribeCapacityReservationsInput> {
    let input = DescribeCapacityReservationsInput {
        max_results: Some(1000),
        ..Default::default()
    };
    Pages::for_connection(input, &connection(), Some(region), 100)
}

/// 20 minutes after the test's local clock, as AWS writes it.
const SERVER_20_MIN_AHEAD: &str = "20261123T103010Z";
const LOCAL_STAMP: &str = "20261123T101010Z";

#[test]
fn two_concurrent_skew_refusals_leave_an_offset_equal_to_the_skew() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let values = ["Hour", "Unit", "Cost", "Hour2"];
    let children = values
        .iter()
        .map(|v| (v.to_string(), coverage_job(v)))
        .collect();
    let mut job = Window::new(children, 2, "values");
    shell.start(&mut run, &mut job);
    assert_eq!(shell.sent.len(), 2);
    assert!(shell.sent.iter().all(|(_, r)| amz_date(r) == LOCAL_STAMP));
    let refusal = ce_error(
        "InvalidSignatureException",
        &expired_message(LOCAL_STAMP, SERVER_20_MIN_AHEAD),
    );
    shell.answer(&mut run, &mut job, "ce.", 400, &refusal);
    shell.answer(&mut run, &mut job, "ce.", 400, &refusal);
    assert_eq!(
        shell.env.clock.offset_ms(),
        20 * 60 * 1000,
        "set, not added up"
    );
    // Both were sent again at once, signed with AWS's time.
    assert_eq!(shell.sent.len(), 2);
    assert!(shell
        .sent
        .iter()
        .all(|(_, r)| amz_date(r) == SERVER_20_MIN_AHEAD));
    while !job.is_done() {
        shell.answer(&mut run, &mut job, "ce.", 200, &coverage_page(None));
    }
    let answered = job
        .into_children()
        .into_iter()
        .filter(|(_, j)| j.pages().len() == 1)
        .count();
    assert_eq!(answered, 4, "no split value is lost");
}

#[test]
fn a_skew_refusal_of_a_request_signed_before_the_correction_is_simply_resent() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let children = vec![
        ("a".into(), coverage_job("a")),
        ("b".into(), coverage_job("b")),
    ];
    let mut job = Window::new(children, 2, "values");
    shell.start(&mut run, &mut job);
    // The message's times say 20 minutes, but the first answer already taught the clock:
    // the second refusal names an older server time (a slow answer) and must not move it.
    let first = ce_error(
        "InvalidSignatureException",
        &expired_message(LOCAL_STAMP, SERVER_20_MIN_AHEAD),
    );
    let stale = ce_error(
        "InvalidSignatureException",
        &expired_message(LOCAL_STAMP, "20261123T102910Z"),
    );
    shell.answer(&mut run, &mut job, "ce.", 400, &first);
    shell.answer(&mut run, &mut job, "ce.", 400, &stale);
    assert_eq!(shell.env.clock.offset_ms(), 20 * 60 * 1000);
    assert_eq!(shell.sent.len(), 2);
}

#[test]
fn ec2_request_expired_is_measured_through_sts_then_retried_once() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut job = list_job("eu-west-1");
    shell.start(&mut run, &mut job);
    shell.answer(
        &mut run,
        &mut job,
        "ec2.eu-west-1",
        400,
        &ec2_error("RequestExpired", "Request has expired."),
    );
    // The probe: STS in the connection's region, free.
    assert_eq!(shell.sent.len(), 1);
    assert!(
        shell.sent[0].1.url.contains("sts.us-east-1"),
        "{:?}",
        shell.sent
    );
    assert!(shell.sent[0].1.body.contains("Action=GetCallerIdentity"));
    shell.answer(
        &mut run,
        &mut job,
        "sts.",
        403,
        &sts_error(
            "SignatureDoesNotMatch",
            &expired_message(LOCAL_STAMP, SERVER_20_MIN_AHEAD),
        ),
    );
    assert_eq!(shell.env.clock.offset_ms(), 20 * 60 * 1000);
    let retried = &shell.sent[0].1;
    assert!(retried.url.contains("ec2.eu-west-1"));
    assert_eq!(amz_date(retried), SERVER_20_MIN_AHEAD);
    shell.answer(
        &mut run,
        &mut job,
        "ec2.",
        200,
        &reservations_page("cr-0123456789abcdef0", None),
    );
    assert!(job.is_done());
    assert_eq!(job.into_result().unwrap().len(), 1);
}

#[test]
fn four_regions_refused_at_once_each_probe_and_all_are_answered() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let regions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2"];
    let children = regions
        .iter()
        .map(|r| (r.to_string(), list_job(r)))
        .collect();
    let mut job = Window::new(children, 4, "regions");
    shell.start(&mut run, &mut job);
    let expired = ec2_error("RequestExpired", "Request has expired.");
    for _ in 0..4 {
        shell.answer(&mut run, &mut job, "ec2.", 400, &expired);
    }
    // Four probes in flight, all signed before anything was learned.
    assert_eq!(shell.sent.len(), 4);
    let skew = sts_error(
        "SignatureDoesNotMatch",
        &expired_message(LOCAL_STAMP, SERVER_20_MIN_AHEAD),
    );
    for _ in 0..4 {
        shell.answer(&mut run, &mut job, "sts.", 403, &skew);
    }
    // The first probe set the clock; the other three found it set and resend all the same.
    assert_eq!(shell.env.clock.offset_ms(), 20 * 60 * 1000);
    assert_eq!(shell.sent.len(), 4);
    assert!(shell
        .sent
        .iter()
        .all(|(_, r)| r.url.contains("ec2.") && amz_date(r) == SERVER_20_MIN_AHEAD));
    while !job.is_done() {
        shell.answer(
            &mut run,
            &mut job,
            "ec2.",
            200,
            &reservations_page("cr-0123456789abcdef0", None),
        );
    }
    assert!(job
        .into_children()
        .into_iter()
        .all(|(_, j)| j.into_result().is_ok()));
}

#[test]
fn request_expired_with_credentials_still_valid_says_the_clock_is_off() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut connection = connection();
    let expiry = OffsetDateTime::from(shell.now) + time::Duration::hours(1);
    connection.credentials = Credentials::new(
        "ASIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        Some("IQoJb3JpZ2luX2VjEXAMPLEtokenEXAMPLEtokenEXAMPLEtokenEXAMPLE"),
    )
    .unwrap()
    .with_expiration(Some(expiry));
    let input = DescribeCapacityReservationsInput::default();
    let mut job = Pages::for_connection(input, &connection, Some("eu-west-1"), 10);
    shell.start(&mut run, &mut job);
    let expired = ec2_error("RequestExpired", "Request has expired.");
    shell.answer(&mut run, &mut job, "ec2.", 400, &expired);
    // STS can't be reached (no answer): the clock stays unmeasured.
    let (ticket, _) = shell.sent.remove(0);
    let answer = Err(lens_core::jobs::TransportError::NoAnswer {
        endpoint: "https://sts.us-east-1.amazonaws.com".into(),
    });
    shell.deliver(
        &mut run,
        &mut job,
        lens_core::jobs::Event::Answer { ticket, answer },
    );
    match job.into_result() {
        Err(CallError::Aws(e)) => assert_eq!(e.kind(), ErrorKind::ClockSkew),
        other => panic!("{other:?}"),
    }
}

#[test]
fn request_expired_when_sts_accepts_the_clock_stays_an_expiry() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut job = list_job("us-east-1");
    shell.start(&mut run, &mut job);
    shell.answer(
        &mut run,
        &mut job,
        "ec2.",
        400,
        &ec2_error("RequestExpired", "Request has expired."),
    );
    shell.answer(&mut run, &mut job, "sts.", 200, identity_body());
    assert_eq!(shell.env.clock.offset_ms(), 0);
    assert!(shell.sent.is_empty(), "no second EC2 attempt");
    match job.into_result() {
        Err(CallError::Aws(e)) => assert_eq!(e.kind(), ErrorKind::ExpiredCredentials),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_implausible_server_time_is_ignored_and_never_reaches_the_signer() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut job = Single::for_connection(&GetCallerIdentity, &connection(), None);
    shell.start(&mut run, &mut job);
    // Year 9999: far beyond what the signer accepts.
    shell.answer(
        &mut run,
        &mut job,
        "sts.",
        403,
        &sts_error(
            "SignatureDoesNotMatch",
            &expired_message(LOCAL_STAMP, "99991231T235959Z"),
        ),
    );
    assert_eq!(shell.env.clock.offset_ms(), 0);
    assert!(shell.sent.is_empty());
    assert!(
        matches!(job.into_result(), Err(CallError::Aws(e)) if e.kind() == ErrorKind::ClockSkew)
    );
    // And a day and a minute is past the clamp too.
    let mut clock = lens_core::jobs::SigningClock::default();
    let server =
        OffsetDateTime::from(shell.now) + time::Duration::seconds(MAX_OFFSET.as_secs() as i64 + 60);
    assert_eq!(
        clock.learn(server, shell.now, std::time::Duration::from_secs(1)),
        lens_core::jobs::Learned::Implausible
    );
}

#[test]
fn the_window_never_exceeds_n_and_refills_as_soon_as_one_finishes() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let regions = [
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
        "eu-west-1",
    ];
    let children = regions
        .iter()
        .map(|r| (r.to_string(), list_job(r)))
        .collect();
    let mut job = Window::new(children, 2, "regions");
    shell.start(&mut run, &mut job);
    assert_eq!(run.in_flight(), 2);
    // The second region answers first: the third starts at once, while the first still waits.
    shell.answer(
        &mut run,
        &mut job,
        "ec2.us-east-2",
        200,
        &reservations_page("cr-0000000000000000b", None),
    );
    assert_eq!(run.in_flight(), 2);
    assert!(shell.sent.iter().any(|(_, r)| r.url.contains("us-west-1")));
    assert!(shell.sent.iter().any(|(_, r)| r.url.contains("us-east-1")));
    while !job.is_done() {
        let host = shell.sent[0].1.url.clone();
        let host = host.trim_start_matches("https://").to_owned();
        shell.answer(
            &mut run,
            &mut job,
            &host,
            200,
            &reservations_page("cr-0000000000000000a", None),
        );
        assert!(run.in_flight() <= 2);
    }
    assert_eq!(run.peak_in_flight(), 2);
    assert_eq!(shell.log.len(), 5);
    assert_eq!(job.finished(), 5);
}

#[test]
fn cancel_aborts_every_request_in_flight_and_nothing_reaches_the_job() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let children = (0..6)
        .map(|i| (i.to_string(), coverage_job(&i.to_string())))
        .collect();
    let mut job = Window::new(children, 3, "values");
    shell.start(&mut run, &mut job);
    let in_flight: Vec<_> = shell.sent.iter().map(|(t, _)| *t).collect();
    assert_eq!(in_flight.len(), 3);
    shell.cancel(&mut run);
    assert_eq!(shell.aborted, in_flight);
    assert!(run.is_over(&job));
    // An answer that was already on its way is dropped.
    let answer = Ok(lens_core::aws::http::HttpResponse {
        status: 200,
        headers: vec![],
        body: coverage_page(None),
    });
    shell.deliver(
        &mut run,
        &mut job,
        lens_core::jobs::Event::Answer {
            ticket: in_flight[0],
            answer,
        },
    );
    assert_eq!(shell.log.len(), 3, "nothing further is sent");
    assert_eq!(job.finished(), 0, "the answer never reached the job");
}

#[test]
fn forget_in_the_middle_of_a_three_page_usage_load_sends_no_fourth_request() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut job = usage_job();
    shell.start(&mut run, &mut job);
    shell.answer(
        &mut run,
        &mut job,
        "ec2.eu-west-1",
        200,
        &usage_page("210987654321", Some("p2")),
    );
    shell.answer(
        &mut run,
        &mut job,
        "ec2.eu-west-1",
        200,
        &usage_page("210987654322", Some("p3")),
    );
    assert_eq!(shell.log.len(), 3);
    assert!(shell.log[2].body.contains("NextToken=p3"));
    // Forget: the shell cancels every job.
    shell.cancel(&mut run);
    let (ticket, _) = (lens_core::jobs::Ticket(0), ());
    let _ = ticket;
    assert_eq!(shell.aborted.len(), 1);
    shell.deliver(
        &mut run,
        &mut job,
        lens_core::jobs::Event::Answer {
            ticket: shell.aborted[0],
            answer: Ok(lens_core::aws::http::HttpResponse {
                status: 200,
                headers: vec![],
                body: usage_page("210987654323", Some("p4")),
            }),
        },
    );
    assert_eq!(shell.log.len(), 3, "no fourth request");
    assert!(job.into_result().unwrap_err().is_cancelled());
}

#[test]
fn a_cached_answer_is_never_served_to_another_identity() {
    let mut shell = Shell::new();
    let mut job = usage_job();
    let mut run = Run::new();
    shell.start(&mut run, &mut job);
    shell.answer(
        &mut run,
        &mut job,
        "ec2.",
        200,
        &usage_page("210987654321", None),
    );
    assert_eq!(job.into_result().unwrap()[0].instance_usages.len(), 1);
    // Same caller, same request: answered from the cache, nothing sent.
    let mut again = usage_job();
    let mut run = Run::new();
    shell.start(&mut run, &mut again);
    assert!(again.is_done());
    assert!(again.from_cache());
    assert_eq!(shell.log.len(), 1);
    // Another role (switching accounts): asked again.
    shell.env.identity = Some(identity("444455556666"));
    let mut other = usage_job();
    let mut run = Run::new();
    shell.start(&mut run, &mut other);
    assert!(!other.is_done());
    assert_eq!(shell.log.len(), 2);
    // With no identity known nothing is cached or served.
    shell.env.identity = None;
    let mut anonymous = usage_job();
    let mut run = Run::new();
    shell.start(&mut run, &mut anonymous);
    assert_eq!(shell.log.len(), 3);
}

#[test]
fn a_runs_cost_excludes_the_value_pickers_lookups() {
    let mut shell = Shell::new();
    let (mut coverage_run, mut picker_run) = (Run::new(), Run::new());
    let mut coverage = coverage_job("Hour");
    let mut picker: Pages<GetDimensionValuesInput> = Pages::for_connection(
        GetDimensionValuesInput::new(
            DateInterval {
                start: "2026-11-01".into(),
                end: "2026-11-02".into(),
            },
            Dimension::InstanceType,
        ),
        &connection(),
        None,
        10,
    );
    shell.start(&mut coverage_run, &mut coverage);
    shell.start(&mut picker_run, &mut picker);
    shell.answer(
        &mut picker_run,
        &mut picker,
        "GetDimensionValues",
        200,
        dimension_values_body(),
    );
    shell.answer(
        &mut coverage_run,
        &mut coverage,
        "GetReservationCoverage",
        200,
        &coverage_page(Some("t2")),
    );
    shell.answer(
        &mut coverage_run,
        &mut coverage,
        "GetReservationCoverage",
        200,
        &coverage_page(None),
    );
    assert_eq!(coverage_run.cost().ce_requests, 2);
    assert_eq!(picker_run.cost().ce_requests, 1);
    assert_eq!(shell.env.spent.ce_requests, 3);
    assert_eq!(coverage_run.cost().describe(), "2 requests, USD 0.02");
}

#[test]
fn the_sample_transport_bills_nothing() {
    let mut shell = Shell::new();
    shell.env.billed = false;
    let mut run = Run::new();
    let mut job = coverage_job("Hour");
    shell.start(&mut run, &mut job);
    shell.answer(&mut run, &mut job, "ce.", 200, &coverage_page(None));
    assert_eq!(run.cost().ce_requests, 0);
    assert_eq!(shell.env.spent.ce_requests, 0);
}

#[test]
fn throttling_waits_with_backoff_then_sends_again() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut job = coverage_job("Hour");
    shell.start(&mut run, &mut job);
    shell.answer(
        &mut run,
        &mut job,
        "ce.",
        400,
        &ce_error("ThrottlingException", "Rate exceeded"),
    );
    assert!(shell.sent.is_empty());
    assert_eq!(shell.timers.len(), 1);
    assert_eq!(
        job.status().as_deref(),
        Some("Throttled by AWS, retrying in 0.5 s (attempt 2 of 3)")
    );
    assert_eq!(
        shell.wake(&mut run, &mut job),
        std::time::Duration::from_millis(500)
    );
    assert_eq!(shell.sent.len(), 1);
    shell.answer(&mut run, &mut job, "ce.", 200, &coverage_page(None));
    assert!(job.into_result().is_ok());
    assert_eq!(run.cost().ce_requests, 2, "both attempts are billed");
}

/// Fails the oldest outstanding request with `error` (no HTTP answer).
fn fail(shell: &mut Shell, run: &mut Run, job: &mut dyn Job, error: TransportError) {
    let (ticket, _) = shell.sent.remove(0);
    let answer = Err(error);
    shell.deliver(run, job, lens_core::jobs::Event::Answer { ticket, answer });
}

#[test]
fn a_cost_explorer_request_without_an_answer_is_not_sent_again_by_itself() {
    // AWS may have answered (and billed) what the page never saw: the user decides.
    for error in [
        TransportError::NoAnswer {
            endpoint: "https://ce.us-east-1.amazonaws.com".into(),
        },
        TransportError::TimedOut {
            endpoint: "https://ce.us-east-1.amazonaws.com".into(),
            secs: 30,
        },
    ] {
        let mut shell = Shell::new();
        let mut run = Run::new();
        let mut job = coverage_job("Hour");
        shell.start(&mut run, &mut job);
        fail(&mut shell, &mut run, &mut job, error.clone());
        assert!(shell.sent.is_empty() && shell.timers.is_empty(), "{error}");
        assert!(run.is_over(&job));
        assert_eq!(run.cost().ce_requests, 1);
        assert_eq!(job.into_result().unwrap_err(), CallError::Transport(error));
    }
}

#[test]
fn an_ec2_request_without_an_answer_is_retried_and_too_large_is_not() {
    let endpoint = "https://ec2.eu-west-1.amazonaws.com".to_string();
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut job = usage_job();
    shell.start(&mut run, &mut job);
    let no_answer = TransportError::NoAnswer {
        endpoint: endpoint.clone(),
    };
    fail(&mut shell, &mut run, &mut job, no_answer);
    assert_eq!(shell.timers.len(), 1, "EC2 is free: standard-mode retry");
    shell.wake(&mut run, &mut job);
    assert_eq!(shell.sent.len(), 1);
    let too_large = TransportError::TooLarge { endpoint };
    fail(&mut shell, &mut run, &mut job, too_large.clone());
    assert!(shell.sent.is_empty() && shell.timers.is_empty());
    assert_eq!(
        job.into_result().unwrap_err(),
        CallError::Transport(too_large)
    );
}

#[test]
fn sample_data_whose_code_did_not_load_fails_at_once_and_asks_nothing_again() {
    // The browser's sample transport answers PartMissing when its part of the app did not
    // arrive: nothing was asked, and a retry would meet the same missing file.
    let missing = TransportError::PartMissing {
        part: "the sample data",
    };
    let mut shell = Shell::new();
    shell.env.billed = false;
    let mut run = Run::new();
    let mut job = usage_job();
    shell.start(&mut run, &mut job);
    fail(&mut shell, &mut run, &mut job, missing.clone());
    assert!(shell.sent.is_empty() && shell.timers.is_empty());
    assert!(run.is_over(&job));
    let error = job.into_result().unwrap_err();
    assert!(error.to_string().starts_with(
        "The code of the sample data did not arrive from this page's server, so nothing was asked."
    ));
    assert_eq!(error, CallError::Transport(missing));
}

#[test]
fn an_invalid_next_token_restarts_the_pagination_once() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut job = coverage_job("Hour");
    shell.start(&mut run, &mut job);
    shell.answer(&mut run, &mut job, "ce.", 200, &coverage_page(Some("t1")));
    let refused = ce_error("InvalidNextTokenException", "The token is invalid");
    shell.answer(&mut run, &mut job, "ce.", 400, &refused);
    // Page one again, without a token.
    assert!(
        !shell.sent[0].1.body.contains("NextPageToken"),
        "{:?}",
        shell.sent
    );
    shell.answer(&mut run, &mut job, "ce.", 200, &coverage_page(Some("t1")));
    shell.answer(&mut run, &mut job, "ce.", 400, &refused);
    match job.into_result() {
        Err(e) => assert_eq!(e.aws_code(), Some("InvalidNextTokenException")),
        Ok(_) => panic!("only one restart"),
    }
    assert_eq!(shell.log.len(), 4);
}

#[test]
fn a_repeated_token_or_the_page_cap_stops_the_pages() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut job = coverage_job("Hour");
    shell.start(&mut run, &mut job);
    shell.answer(&mut run, &mut job, "ce.", 200, &coverage_page(Some("same")));
    shell.answer(&mut run, &mut job, "ce.", 200, &coverage_page(Some("same")));
    assert!(matches!(job.into_result(), Err(CallError::Pagination(_))));
    let mut run = Run::new();
    let mut capped = Pages::for_connection(coverage_input("x"), &connection(), None, 2);
    shell.start(&mut run, &mut capped);
    shell.answer(&mut run, &mut capped, "ce.", 200, &coverage_page(Some("a")));
    shell.answer(&mut run, &mut capped, "ce.", 200, &coverage_page(Some("b")));
    assert!(matches!(
        capped.into_result(),
        Err(CallError::Pagination(_))
    ));
}

#[test]
fn an_invalid_input_or_region_sends_nothing() {
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut bad = coverage_input("Hour");
    bad.time_period.start = "01/11/2026".into();
    let mut job = Pages::for_connection(bad, &connection(), None, 10);
    shell.start(&mut run, &mut job);
    assert!(matches!(job.into_result(), Err(CallError::Build(_))));
    let mut run = Run::new();
    let mut job = Single::for_connection(
        &DescribeCapacityReservationsInput::default(),
        &connection(),
        Some("not a region"),
    );
    shell.start(&mut run, &mut job);
    assert!(matches!(job.into_result(), Err(CallError::Endpoint(_))));
    assert!(shell.log.is_empty());
}

#[test]
fn targets_resolve_the_service_and_the_sts_probe() {
    let target = Target::new(&connection(), Service::Ec2, Some("eu-west-1")).unwrap();
    assert_eq!(target.endpoint.url, "https://ec2.eu-west-1.amazonaws.com/");
    assert_eq!(
        target.probe.unwrap().url,
        "https://sts.us-east-1.amazonaws.com/"
    );
    assert!(Target::new(&connection(), Service::Sts, None)
        .unwrap()
        .probe
        .is_none());
}

#[test]
fn credentials_known_to_have_expired_are_never_sent() {
    let mut shell = Shell::new();
    let mut connection = connection();
    let expired = OffsetDateTime::from_unix_timestamp(support::LOCAL as i64 - 90).unwrap();
    connection.credentials = connection.credentials.with_expiration(Some(expired));
    let mut run = Run::new();
    let mut job = Pages::for_connection(coverage_input("Hour"), &connection, None, 50);
    shell.start(&mut run, &mut job);
    assert!(shell.log.is_empty(), "nothing is sent");
    assert!(run.is_over(&job));
    assert_eq!(run.cost().ce_requests, 0);
    let err = job.into_result().unwrap_err();
    assert!(
        matches!(err, CallError::CredentialsExpired { at, .. } if at == expired),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("expired at") && text.contains("(1 min 30 s ago)"),
        "{text}"
    );
    assert!(text.contains("nothing was sent"), "{text}");
    // Still valid a minute from now: sent.
    let mut shell = Shell::new();
    let mut connection = support::connection();
    let later = OffsetDateTime::from_unix_timestamp(support::LOCAL as i64 + 60).unwrap();
    connection.credentials = connection.credentials.with_expiration(Some(later));
    let mut job = Pages::for_connection(coverage_input("Hour"), &connection, None, 50);
    shell.start(&mut Run::new(), &mut job);
    assert_eq!(shell.log.len(), 1);
}

fn sp_coverage_item(day: u8) -> String {
    format!(
        r#"{{"Attributes": {{}}, "Coverage": {{"SpendCoveredBySavingsPlans": "9", "OnDemandCost": "1", "TotalCost": "10", "CoveragePercentage": "90"}}, "TimePeriod": {{"Start": "2026-11-{day:02}", "End": "2026-11-{:02}"}}}}"#,
        day + 1
    )
}

fn commitments_view(view: lens_core::commitments::View) -> lens_core::commitments::ViewInput {
    let query = lens_core::coverage::CoverageQuery {
        view,
        preset: lens_core::coverage::Preset::MonthToDate,
        ..Default::default()
    }
    .validate(time::macros::date!(2026 - 11 - 23))
    .unwrap();
    lens_core::commitments::view_input(&query, None).unwrap()
}

#[test]
fn savings_plans_coverage_follows_next_token_and_a_repeat_comes_from_the_cache() {
    use lens_core::commitments::{View, ViewJob};
    let mut shell = Shell::new();
    let input = commitments_view(View::SpCoverage);
    let mut run = Run::new();
    let mut job = ViewJob::for_connection(input.clone(), &connection());
    shell.start(&mut run, &mut job);
    let first = shell.answer(
        &mut run,
        &mut job,
        "GetSavingsPlansCoverage",
        200,
        &format!(
            r#"{{"SavingsPlansCoverages": [{}], "NextToken": "page-2"}}"#,
            sp_coverage_item(1)
        ),
    );
    assert!(!first.body.contains("NextToken"));
    let second = shell.answer(
        &mut run,
        &mut job,
        "GetSavingsPlansCoverage",
        200,
        &format!(r#"{{"SavingsPlansCoverages": [{}]}}"#, sp_coverage_item(2)),
    );
    // The token goes back as `NextToken`, the member this operation names it.
    assert!(
        second.body.ends_with(r#""NextToken": "page-2"}"#),
        "{}",
        second.body
    );
    assert!(job.is_done());
    assert_eq!(run.cost().ce_requests, 2);
    let table = job.into_table(None).unwrap();
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.period_percent(), Some(90.0));
    // Asked again this session: nothing is sent, nothing billed.
    let mut again_run = Run::new();
    let mut again = ViewJob::for_connection(input, &connection());
    shell.start(&mut again_run, &mut again);
    assert!(shell.sent.is_empty(), "{:?}", shell.sent);
    assert!(again.is_done());
    assert_eq!(again_run.cost().ce_requests, 0);
    assert_eq!(again.into_table(None).unwrap().rows.len(), 2);
}

#[test]
fn savings_plans_utilization_is_one_request_and_its_error_keeps_aws_words() {
    use lens_core::commitments::{View, ViewJob};
    let mut shell = Shell::new();
    let mut run = Run::new();
    let mut job = ViewJob::for_connection(commitments_view(View::SpUtilization), &connection());
    shell.start(&mut run, &mut job);
    assert_eq!(shell.sent.len(), 1);
    shell.answer(
        &mut run,
        &mut job,
        "GetSavingsPlansUtilization",
        400,
        &ce_error("DataUnavailableException", "Data is not available yet."),
    );
    assert!(job.is_done());
    let e = job.into_table(None).unwrap_err();
    assert_eq!(e.aws_code(), Some("DataUnavailableException"));
}
