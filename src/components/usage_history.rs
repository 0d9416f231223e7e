use leptos::prelude::*;

use super::table_html::{push_row, Cell};
use super::{chart_width, download_text, CapacityStore, ErrorPanel, Session};
use crate::aws::cloudwatch::GetMetricDataInput;
use crate::chart::history_svg;
use crate::history::{
    collect, detail_input, history_csv, hours_text, time_text, usage_history, window_for, Lifetime,
    Span, UsageHistory, MAX_PAGES,
};
use crate::jobs::{CallError, Pages};
use crate::shell::JobSlot;

/// The corrected time now (the browser's clock plus what AWS taught the signing clock).
pub fn aws_now(session: Session) -> time::OffsetDateTime {
    crate::transport::local_date_time()
        + time::Duration::milliseconds(session.shell.clock_offset_ms.get_untracked())
}

/// `YYYY-MM-DD` from a date field.
pub fn parse_date_field(text: &str) -> Option<time::Date> {
    crate::aws::datetime::parse_day(text.trim())
}

/// One reservation's utilization over time from CloudWatch: a range picker (24 hours to 15
/// months, or dates), the chart of instances used and reserved, unused instance-hours, the
/// reservation's start, end and size changes marked, and the series as a table and CSV.
#[component]
pub fn UsageHistoryView(
    /// `cr-…`, validated.
    id: String,
    /// Its region.
    region: String,
) -> impl IntoView {
    let session = Session::get();
    let store = CapacityStore::get();
    let span = RwSignal::new(Span::Week);
    let first_day = RwSignal::new(String::new());
    let last_day = RwSignal::new(String::new());
    let range_error = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<Result<UsageHistory, CallError>>);
    let status = RwSignal::new(None::<String>);
    let job = JobSlot::new();
    let lifetime = {
        let id = id.clone();
        move || {
            store.rows.with_untracked(|rows| {
                rows.iter()
                    .find(|r| r.id == id)
                    .map(|r| Lifetime {
                        start: r.start_date.as_ref().map(|t| t.value.unix_timestamp()),
                        end: match &r.end_date {
                            crate::reservations::EndDate::At(t) => Some(t.value.unix_timestamp()),
                            _ => None,
                        },
                    })
                    .unwrap_or_default()
            })
        }
    };
    let fetch = {
        let (id, region) = (id.clone(), region.clone());
        Action::new_local(move |_: &()| {
            let (id, region) = (id.clone(), region.clone());
            let lifetime = lifetime.clone();
            async move {
                let Some(connection) = session.connection.get_untracked() else {
                    return;
                };
                let custom = match span.get_untracked() {
                    Span::Custom => {
                        match (
                            parse_date_field(&first_day.get_untracked()),
                            parse_date_field(&last_day.get_untracked()),
                        ) {
                            (Some(a), Some(b)) => Some((a, b)),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                let window = match window_for(span.get_untracked(), custom, aws_now(session)) {
                    Ok(w) => w,
                    Err(e) => {
                        range_error.set(Some(e.to_string()));
                        return;
                    }
                };
                range_error.set(None);
                let Some(handle) = job.start() else { return };
                let input: GetMetricDataInput = detail_input(&id, &window);
                let mut pages = Pages::for_connection(input, &connection, Some(&region), MAX_PAGES);
                let report = |s| {
                    let _ = status.try_set(s);
                };
                if session
                    .shell
                    .drive(&mut pages, &handle, &report)
                    .await
                    .is_err()
                {
                    return;
                }
                let outcome = pages
                    .into_result()
                    .map(|pages| usage_history(window, &collect(&pages), lifetime()));
                let _ = result.try_set(Some(outcome));
            }
        })
    };
    fetch.dispatch(());
    let pending = fetch.pending();
    let width = chart_width();

    let pick = move |s: Span| {
        span.set(s);
        if s != Span::Custom {
            fetch.dispatch(());
        }
    };
    let export = move |_| {
        if let Some(Ok(h)) = result.get_untracked() {
            download_text(
                "capacity-reservation-history.csv",
                "text/csv",
                &history_csv(&h),
            );
        }
    };

    view! {
        <section class="history" aria-labelledby="history-title">
            <h3 id="history-title">"Utilization over time"</h3>
            <div class="toolbar" role="group" aria-label="Range">
                {Span::ALL.into_iter().map(|s| view! {
                    <button type="button" class="span" aria-pressed=move || (span.get() == s).to_string()
                        on:click=move |_| pick(s)>{s.label()}</button>
                }).collect_view()}
            </div>
            <Show when=move || span.get() == Span::Custom>
                <form class="toolbar custom-range" on:submit=move |ev| { ev.prevent_default(); fetch.dispatch(()); }>
                    <div class="field inline">
                        <label for="history-from">"First day (UTC)"</label>
                        <input id="history-from" type="date" prop:value=move || first_day.get()
                            on:input=move |ev| first_day.set(event_target_value(&ev)) />
                    </div>
                    <div class="field inline">
                        <label for="history-to">"Last day (UTC)"</label>
                        <input id="history-to" type="date" prop:value=move || last_day.get()
                            on:input=move |ev| last_day.set(event_target_value(&ev)) />
                    </div>
                    <button type="submit">"Show"</button>
                </form>
            </Show>
            {move || range_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <Show when=move || pending.get()>
                <p class="progress" role="status">{move || status.get().unwrap_or_else(|| "Fetching the history from CloudWatch…".into())}
                    " " <button type="button" on:click=move |_| job.cancel()>"Cancel"</button></p>
            </Show>
            {move || result.get().map(|r| match r {
                Err(e) => {
                    let note = crate::history::permission_note(&e, "cloudwatch:GetMetricData", "the usage now above does not need it.");
                    view! {
                        {note.map(|n| view! { <p class="field-error" role="alert">{n}</p> })}
                        <ErrorPanel error=e />
                    }.into_any()
                }
                Ok(h) => {
                    let summary = format!(
                        "{}, {}.",
                        h.window.resolution(),
                        h.window.text()
                    );
                    let average = h.average_utilization.map(crate::numbers::percent).unwrap_or_else(|| "no data".into());
                    let empty = h.points.is_empty();
                    let svg = {
                        let h = h.clone();
                        move || history_svg(&h, width.get().min(1080), 320)
                    };
                    let mut body = String::new();
                    let cell = |v: Option<f64>| v.map(crate::numbers::quantity).unwrap_or_default();
                    for p in &h.points {
                        let (t, used, total) = (time_text(p.t), cell(p.used), cell(p.total));
                        let util = p.utilization.map(crate::numbers::percent).unwrap_or_default();
                        push_row(&mut body, None, None, &[
                            Cell::Text(&t),
                            Cell::Number { text: &used, title: None, class: None },
                            Cell::Number { text: &total, title: None, class: None },
                            Cell::Number { text: &util, title: None, class: None },
                        ]);
                    }
                    view! {
                        <p class="history-range">{summary}</p>
                        <dl class="usage-header history-figures">
                            <dt>"Average utilization"</dt><dd class="history-average">{average}</dd>
                            <dt>"Unused instance-hours"</dt><dd class="history-unused">{hours_text(h.unused_hours)}</dd>
                            <dt>"Reserved instance-hours"</dt><dd class="history-reserved">{hours_text(h.reserved_hours)}</dd>
                            <dt>"Periods with data"</dt><dd class="history-points">{format!("{} of {}", h.points.len(), h.window.points())}</dd>
                        </dl>
                        {h.problems.iter().map(|p| view! { <p class="field-error" role="alert">{format!("CloudWatch did not answer in full: {p}")}</p> }).collect_view()}
                        {empty.then(|| view! { <p class="notice">"CloudWatch has no data for this reservation in this range: it had not started, had ended, or reserved nothing (EC2 publishes these metrics every 5 minutes while a reservation is active)."</p> })}
                        <figure class="chart" inner_html=svg></figure>
                        <ul class="history-markers">
                            {h.markers.iter().map(|m| view! { <li>{format!("{} UTC: {}", time_text(m.t), m.text)}</li> }).collect_view()}
                        </ul>
                        <details class="history-table">
                            <summary>"The series as a table"</summary>
                            <button type="button" on:click=export>"Export CSV"</button>
                            <div class="table-wrap" tabindex="0" role="region" aria-label="History table (scrolls)">
                                <table class="data">
                                    <thead><tr>
                                        <th scope="col">"Period start (UTC)"</th>
                                        <th scope="col" class="num">"Used (average)"</th>
                                        <th scope="col" class="num">"Total (average)"</th>
                                        <th scope="col" class="num">"Utilization"</th>
                                    </tr></thead>
                                    <tbody inner_html=body></tbody>
                                </table>
                            </div>
                        </details>
                    }.into_any()
                }
            })}
        </section>
    }
}
