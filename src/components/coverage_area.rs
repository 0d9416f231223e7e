use std::sync::Arc;

use leptos::prelude::*;

use super::coverage_jobs;
use super::coverage_results::{CoverageResults, Outcome};
use super::filter_builder::violations_of;
use super::{
    chart_width, CeCounter, CopyButton, CoverageForm, ErrorPanel, FilterBuilder, Session,
    SummaryStrip, ViewSwitch,
};
use crate::commitments::{
    answer_key, sp_coverage_values_input, strip, view_cli_command, view_input, Table, View, ViewJob,
};
use crate::coverage::{
    cost_text, tag_values, tag_values_input, CoverageQuery, QueryProblem, SplitKey, SplitPlan,
    ValidQuery, CONCURRENCY,
};
use crate::filter::{has_errors, keep_valid, values_context, Dimension, FilterDraft};
use crate::jobs::{CallError, Cost, TransportError, Window};
use crate::route::Area;
use crate::shell::{JobHandle, JobSlot};

/// What the last view switch dropped, and how to go back to what was there before.
#[derive(Clone, Debug, PartialEq)]
struct Switched {
    /// The form before the switch (its view, split and every field).
    before: CoverageQuery,
    /// The filter before the switch.
    draft: FilterDraft,
    /// What was dropped, and why, in words.
    dropped: Vec<String>,
}

/// The latest answer of each view (`View::ALL` order), with the key of the query it answers.
type Answers = [Option<(String, Outcome)>; 4];

fn slot(view: View) -> usize {
    View::ALL.iter().position(|v| *v == view).unwrap_or(0)
}

/// The Commitments area: the view switch (RI coverage and utilization, Savings Plans
/// coverage and utilization), the summary strip, one query form and one filter checked
/// against the view's rules, the run button (disabled with the reason), and the view's
/// results. The whole query lives in the URL.
#[component]
pub fn CoverageArea(
    /// The fragment's query string (`view=…&preset=…&filter=…`).
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
    let view = Memo::new(move |_| query.with(|q| q.view));
    let operation = Signal::derive(move || view.get().operation());
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
    let filter_blocks =
        Memo::new(move |_| draft.with(|d| has_errors(&violations_of(d, operation.get()))));

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
    let answers = RwSignal::new(Answers::default());
    let switched = RwSignal::new(None::<Switched>);
    let pending_plan = RwSignal::new(None::<(ValidQuery, SplitPlan)>);
    let running = RwSignal::new(false);
    // Leaving the area cancels its query.
    let query_job = JobSlot::new();
    let width = chart_width();

    // Switching views keeps what the new view accepts and says what it dropped (the form as
    // it was stays one click away).
    let pick = Callback::new(move |to: View| {
        let before = query.get_untracked();
        let old_draft = draft.get_untracked();
        let (moved, split_dropped) = before.switched_to(to);
        let (kept, dropped) = keep_valid(&old_draft, to.operation());
        let mut words: Vec<String> = split_dropped.into_iter().collect();
        words.extend(
            dropped
                .into_iter()
                .map(|d| format!("Filter condition {}: {}", d.condition, d.reason)),
        );
        let any = !words.is_empty();
        switched.set(any.then_some(Switched {
            before,
            draft: old_draft,
            dropped: words,
        }));
        draft.set(kept);
        query.set(moved);
        error.set(None);
        problem.set(None);
        value_errors.set(Vec::new());
        pending_plan.set(None);
    });
    let undo_switch = move |_| {
        if let Some(s) = switched.get_untracked() {
            draft.set(s.draft);
            query.set(s.before);
            switched.set(None);
        }
    };

    // The valid unsplit query of `v` built from the form (its filter narrowed to what `v`
    // accepts), for the summary strip and "Fetch all four".
    let query_for = move |v: View| -> Option<ValidQuery> {
        let (mut q, _) = query.with(|q| q.switched_to(v));
        let (kept, _) = draft.with(|d| keep_valid(d, v.operation()));
        if has_errors(&violations_of(&kept, v.operation())) {
            return None;
        }
        q.filter = kept.to_expression();
        q.split = None;
        q.validate(today.get()).ok()
    };
    let cells = Signal::derive(move || {
        let keys: Vec<Option<String>> = View::ALL
            .iter()
            .map(|v| query_for(*v).map(|q| answer_key(&q)))
            .collect();
        answers.with(|a| {
            let mut tables: [Option<&Table>; 4] = [None; 4];
            for (i, (answer, key)) in a.iter().zip(&keys).enumerate() {
                tables[i] = answer
                    .as_ref()
                    .filter(|(k, _)| Some(k) == key.as_ref())
                    .map(|(_, o)| &*o.table);
            }
            let coverage = query.with(|q| q.target_value()).unwrap_or(80.0);
            let utilization = query
                .with(|q| q.target_for(crate::commitments::Measure::Utilization))
                .unwrap_or(80.0);
            strip(tables, coverage, utilization)
        })
    });
    // The views the strip is missing, with their requests: what "Fetch all four" sends.
    let missing = Memo::new(move |_| {
        let fetched = cells.get();
        View::ALL
            .iter()
            .zip(fetched)
            .filter(|(_, c)| c.text.is_none())
            .filter_map(|(v, _)| query_for(*v))
            .collect::<Vec<ValidQuery>>()
    });
    let fetch_label = Signal::derive(move || {
        let missing = missing.get();
        let billed = missing
            .iter()
            .filter(|q| {
                view_input(q, q.filter.as_ref())
                    .is_ok_and(|i| !coverage_jobs::has_answer(session, &i))
            })
            .count();
        match (missing.len(), billed) {
            (0, _) => "All four fetched for this query".to_owned(),
            (n, 0) => format!("Fetch all four ({n} from this session's answers, free)"),
            (_, b) => format!(
                "Fetch all four ({b} request{}, {} at least; answers with pages take more)",
                if b == 1 { "" } else { "s" },
                cost_text(b as u64)
            ),
        }
    });

    // A view's answer, kept for its results and (when every value answered) for the strip.
    let store = move |valid: &ValidQuery, table: Table, cost: Cost, complete: bool| {
        let mut unsplit = valid.clone();
        unsplit.split = None;
        let outcome = Outcome {
            table: Arc::new(table),
            target: valid.target,
            metric: query.try_with_untracked(|q| q.metric).unwrap_or_default(),
            split: valid.split.clone(),
            sent: cost.ce_requests,
        };
        // Some split values failed: shown, but not a figure for the strip.
        let key = if complete {
            answer_key(&unsplit)
        } else {
            String::new()
        };
        let _ = answers.try_update(|a| a[slot(valid.view)] = Some((key, outcome)));
    };
    // What every run does first (after an `await`: `try_`, as below).
    let begin = move || {
        running.try_set(true);
        error.try_set(None);
        problem.try_set(None);
        value_errors.try_set(Vec::new());
    };

    // Runs outlive the page when the user navigates away mid-query: every signal written after
    // an `await` uses the `try_` form, which does nothing once the page is gone.
    let execute = move |valid: ValidQuery, plan: Option<SplitPlan>| {
        pending_plan.try_set(None);
        leptos::task::spawn_local(async move {
            let Some(token) = query_job.start() else {
                return;
            };
            begin();
            let result = run(session, &valid, plan.as_ref(), status, value_errors, &token).await;
            running.try_set(false);
            status.try_set(None);
            match result {
                Ok((table, cost, complete)) => store(&valid, table, cost, complete),
                Err(e) => report(e, status, error, problem),
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
            begin();
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
                Err(e) => report(e, status, error, problem),
            }
        });
    };
    let fetch_all = Callback::new(move |()| {
        let queries = missing.get_untracked();
        leptos::task::spawn_local(async move {
            let Some(token) = query_job.start() else {
                return;
            };
            begin();
            let total = queries.len();
            for (i, valid) in queries.into_iter().enumerate() {
                let what = format!("{} ({} of {total})", valid.view.label(), i + 1);
                status.try_set(Some(format!("Fetching {what}…")));
                let input = match view_input(&valid, valid.filter.as_ref()) {
                    Ok(input) => input,
                    Err(p) => {
                        let _ = problem.try_set(Some(format!("{}: {p}", valid.view.label())));
                        continue;
                    }
                };
                let progress = |s: Option<String>| {
                    let _ = status.try_set(s.map(|s| format!("{what} — {s}")));
                };
                match coverage_jobs::fetch(session, input, &token, &progress).await {
                    Err(_) => break,
                    Ok((Ok(table), cost)) => store(&valid, table, cost, true),
                    Ok((Err(e), _)) if e.is_cancelled() => break,
                    Ok((Err(e), _)) => {
                        let _ = value_errors.try_update(|v| v.push((valid.view.label().into(), e)));
                    }
                }
            }
            running.try_set(false);
            status.try_set(token.is_cancelled().then(|| "Stopped.".into()));
        });
    });
    let fetch_enabled = Signal::derive(move || {
        blocked_base(session, &running).is_none() && !missing.get().is_empty()
    });
    let blocked = move || -> Option<String> {
        if let Some(why) = blocked_base(session, &running) {
            return Some(why);
        }
        if let Err(p) = checked.get() {
            return Some(format!("Fix the query first: {}", first_message(&p)));
        }
        if filter_blocks.get() {
            return Some("Fix the filter's problems shown above first.".into());
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
            None => match view_input(&valid, valid.filter.as_ref()) {
                Ok(input) if coverage_jobs::has_answer(session, &input) => {
                    "Already answered this session: running it again sends nothing.".into()
                }
                _ if valid.view == View::SpCoverage => "One request (USD 0.01) per page of answer; Savings Plans coverage sends 20 periods a page.".into(),
                _ => "One request (USD 0.01) per page of answer.".into(),
            },
        }
    };
    let cli = Signal::derive(move || {
        checked
            .get()
            .map(|v| view_cli_command(&v))
            .unwrap_or_default()
    });
    let shown = move || answers.with(|a| a[slot(view.get())].as_ref().map(|(_, o)| o.clone()));

    view! {
        <h1 class="area-title">"Commitments"</h1>
        <p class="lead">
            "Reserved Instance coverage and utilization, Savings Plans coverage and utilization: day by day or month by month, each against its target, with Cost Explorer filters built in a form."
        </p>
        <CeCounter />
        {link_problems.into_iter().map(|p| view! { <p class="field-error" role="alert">{p}</p> }).collect_view()}
        {move || draft_problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        <SummaryStrip cells=cells fetch_label=fetch_label fetch_enabled=fetch_enabled on_fetch_all=fetch_all />
        <ViewSwitch current=Signal::derive(move || view.get()) on_pick=pick />
        {move || switched.get().map(|s| view! {
            <div class="switch-note" role="status">
                <p>{format!("Switched to {}. What it can't take was dropped:", view.get().label())}</p>
                <ul>{s.dropped.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                <button type="button" id="undo-switch" on:click=undo_switch>
                    {format!("Back to {} with the form as it was", s.before.view.label())}
                </button>
            </div>
        })}
        <form class="coverage-query" on:submit=move |ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <CoverageForm query=query problems=problems period_text=period_text />
            <FilterBuilder draft=draft operation=operation period=period />
            <div class="toolbar run">
                <button type="button" id="run-coverage" disabled=move || blocked().is_some()
                    aria-describedby="run-reason" on:click=start>{move || format!("Run {} query", view.get().label())}</button>
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
            <div class="region-error"><p>{format!("{value}: could not get an answer")}</p><ErrorPanel error=e /></div>
        }).collect_view()}
        {move || shown().map(|o| view! { <CoverageResults outcome=o width=width /> })}
    }
}

/// Why nothing can be sent now, whatever the form says.
fn blocked_base(session: Session, running: &RwSignal<bool>) -> Option<String> {
    if session.connection.with(Option::is_none) {
        return Some(
            "Connect first (Connection area): paste credentials or try the sample data.".into(),
        );
    }
    running.get().then(|| "A query is running.".to_owned())
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

fn report(
    e: RunError,
    status: RwSignal<Option<String>>,
    error: RwSignal<Option<CallError>>,
    problem: RwSignal<Option<String>>,
) {
    match e {
        RunError::Cancelled => {
            status.try_set(Some("Stopped.".into()));
        }
        RunError::Call(e) => {
            let _ = error.try_set(Some(e));
        }
        RunError::Problem(p) => {
            let _ = problem.try_set(Some(p));
        }
    }
}

/// Runs the query: one series, or one filtered series per split value, at most
/// [`CONCURRENCY`] in flight (the next starts as soon as one finishes). A value that fails is
/// reported without losing the others; the flag says whether every value answered.
async fn run(
    session: Session,
    valid: &ValidQuery,
    plan: Option<&SplitPlan>,
    status: RwSignal<Option<String>>,
    value_errors: RwSignal<Vec<(String, CallError)>>,
    handle: &JobHandle,
) -> Result<(Table, Cost, bool), RunError> {
    let progress = |s: Option<String>| {
        let _ = status.try_set(s);
    };
    let Some(plan) = plan else {
        status.try_set(Some("Asking Cost Explorer…".into()));
        let input = view_input(valid, valid.filter.as_ref()).map_err(RunError::Problem)?;
        let (table, cost) = coverage_jobs::fetch(session, input, handle, &progress).await?;
        return Ok((table?, cost, true));
    };
    let Some(connection) = session.connection.get_untracked() else {
        return Err(RunError::Cancelled);
    };
    let mut children = Vec::with_capacity(plan.values.len());
    for value in &plan.values {
        let filter = plan.filter_for(valid.filter.as_ref(), value);
        let input = view_input(valid, Some(&filter)).map_err(RunError::Problem)?;
        children.push((value.clone(), ViewJob::for_connection(input, &connection)));
    }
    let mut job = Window::new(children, CONCURRENCY, "values");
    let what = plan.describe();
    let report = |s: Option<String>| {
        let _ = status.try_set(s.map(|s| format!("{what} — {s}")));
    };
    let cost = session.shell.drive(&mut job, handle, &report).await?;
    let mut table = Table {
        view: valid.view,
        rows: Vec::new(),
        total: None,
    };
    let mut complete = true;
    for (value, child) in job.into_children() {
        match child.into_table(Some(&plan.group_name(&value))) {
            Ok(t) => table.rows.extend(t.rows),
            Err(e) if e.is_cancelled() => return Err(RunError::Cancelled),
            Err(e) => {
                complete = false;
                let _ = value_errors.try_update(|v| v.push((value, e)));
            }
        }
    }
    Ok((table, cost, complete))
}

/// The values a split covers: a dimension's from GetDimensionValues (the view's data:
/// reservations or Savings Plans, the query's period), except for Savings Plans coverage,
/// whose values are those of the usage (not of the plans): one request grouped by the
/// dimension; a tag's from one RI coverage request grouped by the tag.
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
        SplitKey::Dimension(d) if valid.view == View::SpCoverage => {
            let input = sp_coverage_values_input(valid, d).map_err(RunError::Problem)?;
            let (table, _) = coverage_jobs::fetch(session, input, handle, &|_| {}).await?;
            let mut values: Vec<String> = Vec::new();
            for group in table?.rows.into_iter().filter_map(|r| r.group) {
                if !values.contains(&group) {
                    values.push(group);
                }
            }
            Ok(values)
        }
        SplitKey::Dimension(d) => Ok(coverage_jobs::dimension_values(
            session,
            d.clone(),
            values_context(valid.view.operation()),
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
