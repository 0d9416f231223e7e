use leptos::prelude::*;

use super::coverage_jobs::{self, MAX_PAGES};
use super::coverage_results::{CoverageResults, Outcome};
use super::filter_builder::violations_of;
use super::{chart_width, CeCounter, CopyButton, CoverageForm, ErrorPanel, FilterBuilder, Session};
use crate::aws::ce;
use crate::coverage::{
    cli_command, coverage_input, rows_from_pages, tag_values, tag_values_input, CoverageQuery,
    QueryProblem, SplitKey, SplitPlan, ValidQuery, CONCURRENCY,
};
use crate::filter::{has_errors, Dimension, FilterDraft, Operation};
use crate::jobs::{CallError, Cost, Pages, TransportError, Window};
use crate::route::Area;
use crate::shell::{JobHandle, JobSlot};

/// The Coverage area: the query form, the filter builder, the run button (disabled with the
/// reason), and the results. The whole query lives in the URL.
#[component]
pub fn CoverageArea(
    /// The fragment's query string (`preset=…&filter=…`).
    query: String,
) -> impl IntoView {
    let session = Session::get();
    let (initial, link_problems) = CoverageQuery::from_query_string(&query);
    let draft_problem = RwSignal::new(None::<String>);
    let draft = RwSignal::new(
        match initial.filter.as_ref().map(FilterDraft::from_expression) {
            None => FilterDraft::default(),
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                draft_problem.set(Some(format!(
                    "{e} The link's filter was: {}",
                    initial
                        .filter
                        .as_ref()
                        .map(|f| f.to_json())
                        .unwrap_or_default()
                )));
                FilterDraft::default()
            }
        },
    );
    let query = RwSignal::new(CoverageQuery {
        filter: None,
        ..initial
    });
    let today = Memo::new(move |_| session.now.with(|n| n.date()));
    let full = move || {
        let mut q = query.get();
        q.filter = draft.with(FilterDraft::to_expression);
        q
    };
    let checked = Memo::new(move |_| full().validate(today.get()));
    let problems = Signal::derive(move || checked.get().err().unwrap_or_default());
    // The period is worked out once per change of the query or the day; both views read it.
    let valid_period = Memo::new(move |_| query.with(|q| q.period(today.get())).ok());
    let period = Signal::derive(move || valid_period.get().map(|p| p.interval()));
    let period_text = Signal::derive(move || valid_period.get().map(|p| p.describe()));
    let filter_blocks = Memo::new(move |_| {
        draft.with(|d| has_errors(&violations_of(d, Operation::GetReservationCoverage)))
    });

    // The URL follows the form (replaceState: no navigation, no history entry per keystroke).
    Effect::new(move |_| {
        let q = full();
        let href = if q == CoverageQuery::default() {
            Area::Coverage.href()
        } else {
            format!("{}?{}", Area::Coverage.href(), q.to_query_string())
        };
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
    });

    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<CallError>);
    let problem = RwSignal::new(None::<String>);
    let value_errors = RwSignal::new(Vec::<(String, CallError)>::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let pending_plan = RwSignal::new(None::<(ValidQuery, SplitPlan)>);
    let running = RwSignal::new(false);
    // Leaving the view cancels its query.
    let query_job = JobSlot::new();
    let width = chart_width();

    // Runs outlive the page when the user navigates away mid-query: every signal written after
    // an `await` uses the `try_` form, which does nothing once the page is gone.
    let execute = move |valid: ValidQuery, plan: Option<SplitPlan>| {
        pending_plan.try_set(None);
        leptos::task::spawn_local(async move {
            let Some(token) = query_job.start() else {
                return;
            };
            running.try_set(true);
            error.try_set(None);
            problem.try_set(None);
            value_errors.try_set(Vec::new());
            let result = run(session, &valid, plan.as_ref(), status, value_errors, &token).await;
            running.try_set(false);
            status.try_set(None);
            match result {
                Ok((rows, total, cost)) => {
                    let _ = outcome.try_set(Some(Outcome {
                        rows: std::sync::Arc::new(rows),
                        total,
                        target: valid.target,
                        metric: query.try_with_untracked(|q| q.metric).unwrap_or_default(),
                        split: valid.split.clone(),
                        sent: cost.ce_requests,
                    }));
                }
                Err(RunError::Cancelled) => {
                    status.try_set(Some("Stopped.".into()));
                }
                Err(RunError::Call(e)) => {
                    let _ = error.try_set(Some(e));
                }
                Err(RunError::Problem(p)) => {
                    let _ = problem.try_set(Some(p));
                }
            }
        });
    };
    let start = move |_| {
        let Ok(valid) = checked.get_untracked() else {
            return;
        };
        let key = match valid.split.clone() {
            None => return execute(valid, None),
            Some(SplitKey::Tag(k)) => SplitKey::Tag(k.trim().to_owned()),
            Some(key) => key,
        };
        leptos::task::spawn_local(async move {
            running.try_set(true);
            error.try_set(None);
            problem.try_set(None);
            status.try_set(Some(format!(
                "Asking Cost Explorer which {} values this period has…",
                key.describe()
            )));
            let Some(token) = query_job.start() else {
                return;
            };
            let values = split_values(session, &valid, &key, &token).await;
            running.try_set(false);
            status.try_set(None);
            match values {
                Ok(values) => {
                    let plan = SplitPlan::new(key, values, valid.filter.as_ref());
                    if plan.needs_confirmation() {
                        pending_plan.try_set(Some((valid, plan)));
                    } else {
                        execute(valid, Some(plan));
                    }
                }
                Err(RunError::Cancelled) => {}
                Err(RunError::Call(e)) => {
                    let _ = error.try_set(Some(e));
                }
                Err(RunError::Problem(p)) => {
                    let _ = problem.try_set(Some(p));
                }
            }
        });
    };
    let blocked = move || -> Option<String> {
        if session.connection.with(Option::is_none) {
            return Some(
                "Connect first (Connection area): paste credentials or try the sample data.".into(),
            );
        }
        if let Err(p) = checked.get() {
            return Some(format!("Fix the query first: {}", first_message(&p)));
        }
        if filter_blocks.get() {
            return Some("Fix the filter's problems shown above first.".into());
        }
        if running.get() {
            return Some("A query is running.".into());
        }
        None
    };
    let cost_hint = move || {
        let Ok(valid) = checked.get() else {
            return String::new();
        };
        match &valid.split {
            Some(key) => format!(
                "Splitting by {} takes one request to list its values, then one request per value (USD 0.01 each); you will see the count before anything else is sent.",
                key.describe()
            ),
            None => match coverage_input(&valid, valid.filter.as_ref()) {
                Ok(input) if coverage_jobs::has_answer(session, &input) => {
                    "Already answered this session: running it again sends nothing.".into()
                }
                _ => "One request (USD 0.01) per page of answer.".into(),
            },
        }
    };
    let cli = Signal::derive(move || checked.get().map(|v| cli_command(&v)).unwrap_or_default());

    view! {
        <h1 class="area-title">"Coverage"</h1>
        <p class="lead">
            "How much of your running instance hours reservations covered, day by day or month by month, against a target, with Cost Explorer filters built in a form."
        </p>
        <CeCounter />
        {link_problems.into_iter().map(|p| view! { <p class="field-error" role="alert">{p}</p> }).collect_view()}
        {move || draft_problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        <form class="coverage-query" on:submit=move |ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <CoverageForm query=query problems=problems period_text=period_text />
            <FilterBuilder draft=draft operation=Operation::GetReservationCoverage period=period />
            <div class="toolbar run">
                <button type="button" id="run-coverage" disabled=move || blocked().is_some()
                    aria-describedby="run-reason" on:click=start>"Run coverage query"</button>
                <CopyButton label="Copy as AWS CLI command" text=cli />
            </div>
            <p id="run-reason" class="hint" role="status">{move || blocked().unwrap_or_else(cost_hint)}</p>
        </form>
        {move || pending_plan.get().map(|(valid, plan)| {
            let text = plan.describe();
            let go = plan.clone();
            view! {
                <div class="confirm" role="alertdialog" aria-label="Confirm the requests">
                    <p>{format!("Splitting by {} over time takes {text}. Send them?", plan.key.describe())}</p>
                    <button type="button" on:click=move |_| execute(valid.clone(), Some(go.clone()))>
                        {format!("Send {} requests", plan.requests())}
                    </button>
                    <button type="button" on:click=move |_| pending_plan.set(None)>"Don't send"</button>
                </div>
            }
        })}
        <Show when=move || running.get()>
            <div class="toolbar">
                <span class="progress" role="status">{move || status.get().unwrap_or_else(|| "Asking Cost Explorer…".into())}</span>
                <button type="button" on:click=move |_| query_job.cancel()>"Cancel"</button>
            </div>
        </Show>
        {move || (!running.get()).then(|| status.get()).flatten().map(|s| view! { <p class="hint" role="status">{s}</p> })}
        {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        {move || error.get().map(|e| {
            // Cost Explorer requests are never re-sent by themselves after no answer: AWS may
            // have answered (and billed) what the page never saw.
            let retry = matches!(
                e,
                CallError::Transport(TransportError::NoAnswer { .. } | TransportError::TimedOut { .. })
            );
            view! {
                <ErrorPanel error=e />
                {retry.then(|| view! {
                    <div class="toolbar">
                        <button type="button" id="retry-coverage" disabled=move || blocked().is_some()
                            on:click=start>"Try again (USD 0.01 a request)"</button>
                        <span class="hint">"Not retried by itself: AWS may have answered, and billed, a request whose answer never reached this page."</span>
                    </div>
                })}
            }
        })}
        {move || value_errors.get().into_iter().map(|(value, e)| view! {
            <div class="region-error"><p>{format!("{value}: could not get coverage")}</p><ErrorPanel error=e /></div>
        }).collect_view()}
        {move || outcome.get().map(|o| view! { <CoverageResults outcome=o width=width /> })}
    }
}

enum RunError {
    Call(CallError),
    Problem(String),
    Cancelled,
}

impl From<CallError> for RunError {
    fn from(e: CallError) -> Self {
        if e.is_cancelled() {
            RunError::Cancelled
        } else {
            RunError::Call(e)
        }
    }
}

impl From<crate::shell::Cancelled> for RunError {
    fn from(_: crate::shell::Cancelled) -> Self {
        RunError::Cancelled
    }
}

type RunOutput = (
    Vec<crate::coverage::CoverageRow>,
    Option<ce::Coverage>,
    Cost,
);

/// Runs the query: one series, or one filtered series per split value, at most
/// [`CONCURRENCY`] in flight (the next starts as soon as one finishes). A value that fails is
/// reported without losing the others.
async fn run(
    session: Session,
    valid: &ValidQuery,
    plan: Option<&SplitPlan>,
    status: RwSignal<Option<String>>,
    value_errors: RwSignal<Vec<(String, CallError)>>,
    handle: &JobHandle,
) -> Result<RunOutput, RunError> {
    let progress = |s: Option<String>| {
        let _ = status.try_set(s);
    };
    let Some(plan) = plan else {
        status.try_set(Some("Asking Cost Explorer…".into()));
        let input = coverage_input(valid, valid.filter.as_ref()).map_err(RunError::Problem)?;
        let (pages, cost) = coverage_jobs::coverage(session, input, handle, &progress).await?;
        let (rows, total) = rows_from_pages(&pages?, None);
        return Ok((rows, total, cost));
    };
    let Some(connection) = session.connection.get_untracked() else {
        return Err(RunError::Cancelled);
    };
    let mut children = Vec::with_capacity(plan.values.len());
    for value in &plan.values {
        let filter = plan.filter_for(valid.filter.as_ref(), value);
        let input = coverage_input(valid, Some(&filter)).map_err(RunError::Problem)?;
        children.push((
            value.clone(),
            Pages::for_connection(input, &connection, None, MAX_PAGES),
        ));
    }
    let mut job = Window::new(children, CONCURRENCY, "values");
    let what = plan.describe();
    let report = |s: Option<String>| {
        let _ = status.try_set(s.map(|s| format!("{what} — {s}")));
    };
    let cost = session.shell.drive(&mut job, handle, &report).await?;
    let mut rows = Vec::new();
    for (value, pages) in job.into_children() {
        match pages.into_result() {
            Ok(pages) => rows.extend(rows_from_pages(&pages, Some(&plan.group_name(&value))).0),
            Err(e) if e.is_cancelled() => return Err(RunError::Cancelled),
            Err(e) => {
                let _ = value_errors.try_update(|v| v.push((value, e)));
            }
        }
    }
    Ok((rows, None, cost))
}

/// The values a split covers: a dimension's from GetDimensionValues (reservation data, the
/// query's period); a tag's from one coverage request grouped by the tag.
async fn split_values(
    session: Session,
    valid: &ValidQuery,
    key: &SplitKey,
    handle: &JobHandle,
) -> Result<Vec<String>, RunError> {
    match key {
        SplitKey::Dimension(Dimension::Unknown(name)) => Err(RunError::Problem(format!(
            "This build can't split by {name}."
        ))),
        SplitKey::Dimension(d) => Ok(coverage_jobs::dimension_values(
            session,
            d.clone(),
            &valid.period.interval(),
            "",
            handle,
        )
        .await??),
        SplitKey::Tag(k) => {
            let input = tag_values_input(valid, k).map_err(RunError::Problem)?;
            let (pages, _) = coverage_jobs::coverage(session, input, handle, &|_| {}).await?;
            let pages = pages?;
            let names = pages
                .iter()
                .flat_map(|p| &p.coverages_by_time)
                .flat_map(|t| &t.groups)
                .flat_map(|g| g.attributes.iter().map(|(_, v)| v));
            Ok(tag_values(k, names))
        }
    }
}

fn first_message(problems: &[QueryProblem]) -> String {
    problems
        .first()
        .map(|p| p.message.clone())
        .unwrap_or_default()
}
