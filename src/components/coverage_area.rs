use std::sync::Arc;

use leptos::prelude::*;

use super::coverage_jobs;
use super::coverage_results::{CoverageResults, Outcome};
use super::filter_builder::violations_of;
use super::{
    chart_width, CeCounter, CopyButton, CoverageForm, ErrorPanel, FilterBuilder, Session,
    SummaryStrip, ViewSwitch,
};
use crate::chart::{css_colour, percent_lines_svg, series_colour, LineWords};
use crate::commitments::{
    answer_key, requests_at_least, side_by_side, sp_coverage_values_input, strip, view_cli_command,
    view_input, Table, View, ViewJob,
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

/// A view's latest answer and the query it answers.
#[derive(Clone, Debug, PartialEq)]
struct Answer {
    /// `commitments::answer_key` of the query (split included).
    key: String,
    /// Unsplit, and every request answered: a figure for the summary strip.
    complete: bool,
    /// What the results show.
    outcome: Outcome,
}

/// The latest answer of each view (`View::ALL` order).
type Answers = [Option<Answer>; 4];

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
        // A query of the view left behind is stopped: its answer would land under this one.
        query_job.cancel();
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

    // The unsplit query of `v` built from the form, and what it leaves out: the form's own
    // query for the view shown (nothing while the form has a problem), the filter narrowed to
    // what `v` accepts for the others. For the summary strip and "Fetch all four".
    let query_for = move |v: View| -> Result<(ValidQuery, Vec<String>), String> {
        if v == view.get() {
            if filter_blocks.get() {
                return Err("the filter has problems to fix".into());
            }
            let mut q = checked.get().map_err(|p| first_message(&p))?;
            q.split = None;
            return Ok((q, Vec::new()));
        }
        let (mut q, _) = query.with(|q| q.switched_to(v));
        let (kept, dropped) = draft.with(|d| keep_valid(d, v.operation()));
        if has_errors(&violations_of(&kept, v.operation())) {
            return Err("its filter has problems to fix".into());
        }
        q.filter = kept.to_expression();
        q.split = None;
        let valid = q.validate(today.get()).map_err(|p| first_message(&p))?;
        Ok((valid, dropped.into_iter().map(|d| d.condition).collect()))
    };
    let queries = Memo::new(move |_| View::ALL.map(query_for));
    // The tables that answer the strip's queries (an unsplit answer whose key matches).
    let fetched = Memo::new(move |_| {
        let queries = queries.get();
        answers.with(|a| {
            let mut tables: [Option<Arc<Table>>; 4] = Default::default();
            for (i, (answer, q)) in a.iter().zip(&queries).enumerate() {
                let key = q.as_ref().ok().map(|(q, _)| answer_key(q));
                tables[i] = answer
                    .as_ref()
                    .filter(|x| x.complete && Some(&x.key) == key.as_ref())
                    .map(|x| x.outcome.table.clone());
            }
            tables
        })
    });
    let cells = Signal::derive(move || {
        let tables = fetched.get();
        let coverage = query.with(|q| q.target_value()).unwrap_or(80.0);
        let utilization = query
            .with(|q| q.target_for(crate::commitments::Measure::Utilization))
            .unwrap_or(80.0);
        let mut cells = strip(
            tables.each_ref().map(|t| t.as_deref()),
            coverage,
            utilization,
        );
        for (cell, q) in cells.iter_mut().zip(queries.get()) {
            match q {
                Ok((_, dropped)) if !dropped.is_empty() => cell
                    .note
                    .push_str(&format!("; without the form's {}", dropped.join(", "))),
                Err(why) if cell.text.is_none() => {
                    cell.note = format!("Can't be fetched: {why}");
                }
                _ => {}
            }
        }
        cells
    });
    // The views the strip is missing, with their requests: what "Fetch all four" sends.
    let missing = Memo::new(move |_| {
        let tables = fetched.get();
        queries
            .get()
            .into_iter()
            .zip(tables)
            .filter(|(_, t)| t.is_none())
            .filter_map(|(q, _)| q.ok().map(|(q, _)| q))
            .collect::<Vec<ValidQuery>>()
    });
    let fetch_label = Signal::derive(move || {
        let missing = missing.get();
        let billed: u64 = missing
            .iter()
            .filter(|q| {
                view_input(q, q.filter.as_ref())
                    .is_ok_and(|i| !coverage_jobs::has_answer(session, &i))
            })
            .map(requests_at_least)
            .sum();
        let tables = fetched.get();
        let blocked: Vec<&str> = queries
            .get()
            .iter()
            .zip(&tables)
            .zip(View::ALL)
            .filter(|((q, t), _)| q.is_err() && t.is_none())
            .map(|(_, v)| v.label())
            .collect();
        let what = match missing.len() {
            4 => "Fetch all four".to_owned(),
            n => format!("Fetch the {n} missing"),
        };
        let label = match (missing.len(), billed) {
            (0, _) if blocked.is_empty() => "All four fetched for this query".to_owned(),
            (0, _) => format!("Fix the form to fetch {}", blocked.join(", ")),
            (n, 0) => format!("{what} ({n} from this session's answers, free)"),
            (_, b) => format!(
                "{what} ({b} request{}, {} at least; answers with more pages take more)",
                if b == 1 { "" } else { "s" },
                cost_text(b)
            ),
        };
        if missing.is_empty() || blocked.is_empty() {
            label
        } else {
            format!("{label}; {} need the form fixed first", blocked.join(", "))
        }
    });
    let side_lines = Memo::new(move |_| {
        let tables = fetched.get();
        let n = tables.iter().flatten().count();
        (n >= 2).then(|| side_by_side(tables.each_ref().map(|t| t.as_deref())))
    });

    // A view's answer, kept for its results and (when every value answered and it is not
    // split) for the strip.
    let store = move |valid: &ValidQuery, table: Table, cost: Cost, complete: bool| {
        let outcome = Outcome {
            table: Arc::new(table),
            target: valid.target,
            metric: query.try_with_untracked(|q| q.metric).unwrap_or_default(),
            split: valid.split.clone(),
            sent: cost.ce_requests,
        };
        let answer = Answer {
            key: answer_key(valid),
            complete: complete && valid.split.is_none(),
            outcome,
        };
        let _ = answers.try_update(|a| a[slot(valid.view)] = Some(answer));
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
                    let plan = SplitPlan::new(key, values, valid.filter.as_ref())
                        .with_requests_per_value(requests_at_least(&valid) as usize);
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
                _ if valid.view == View::SpCoverage => {
                    let n = requests_at_least(&valid);
                    format!(
                        "{n} request{} ({}) at least: Savings Plans coverage sends 20 periods a page.",
                        if n == 1 { "" } else { "s" },
                        cost_text(n)
                    )
                }
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
    // The view's latest answer, and whether the form still asks what it answers.
    let shown = Memo::new(move |_| {
        let current = checked.get().ok().map(|q| answer_key(&q));
        answers.with(|a| {
            a[slot(view.get())]
                .as_ref()
                .map(|x| (x.outcome.clone(), Some(&x.key) != current.as_ref()))
        })
    });

    view! {
        <h1 class="area-title">"Commitments"</h1>
        <p class="lead">
            "Reserved Instance coverage and utilization, Savings Plans coverage and utilization: day by day or month by month, each against its target, with Cost Explorer filters built in a form."
        </p>
        <CeCounter />
        {link_problems.into_iter().map(|p| view! { <p class="field-error" role="alert">{p}</p> }).collect_view()}
        {move || draft_problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        <SummaryStrip cells=cells fetch_label=fetch_label fetch_enabled=fetch_enabled on_fetch_all=fetch_all />
        {move || side_lines.get().map(|lines| {
            let legend: Vec<(String, String)> = lines
                .iter()
                .enumerate()
                .map(|(i, s)| (css_colour(series_colour(&lines, i)), s.name.clone()))
                .collect();
            let words = LineWords {
                what: "Coverage and utilization side by side (each of its own base: hours for Reserved Instances, dollars for Savings Plans)",
                empty: "nothing to count",
            };
            view! {
                <figure class="chart side-by-side">
                    <figcaption>"The fetched views over time on one axis (UTC dates): each percentage of its own base, never added up; each view's own chart shows its target."</figcaption>
                    <div inner_html=move || percent_lines_svg(&lines, None, &words, width.get(), 260)></div>
                    <ul class="legend" aria-label="Views">
                        {legend.into_iter().map(|(colour, name)| view! {
                            <li><span class="swatch" style:background=colour></span>{name}</li>
                        }).collect_view()}
                    </ul>
                </figure>
            }
        })}
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
                    <p>{format!("Splitting {} by {} over time takes {text}. Send them?", valid.view.label(), plan.key.describe())}</p>
                    <button type="button" disabled=move || running.get()
                        on:click=move |_| execute(valid.clone(), Some(go.clone()))>
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
        {move || shown.get().map(|(o, stale)| view! {
            {stale.then(|| view! {
                <p class="hint stale-note" role="status">"These results answer an earlier query: the form has changed since. Run the query again to see what it asks now."</p>
            })}
            <CoverageResults outcome=o width=width />
        })}
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
