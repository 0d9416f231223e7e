use leptos::prelude::*;

use super::capacity_store::{check_permission, load_usage};
use super::table_html::{push_row, Cell};
use super::{chart_width, download_text, CapacityStore, ErrorPanel, Session, UsageHistoryView};
use crate::chart::usage_bars_svg;
use crate::jobs::CallError;
use crate::reservations::{
    count_display, share_display, usage_csv, Direction, Sort, UsageColumn, UsageDetail,
};
use crate::route::Area;
use crate::shell::JobSlot;

/// How many accounts get their own bar; the rest are one "others" bar.
const TOP_ACCOUNTS: usize = 10;

/// One reservation's usage: header, per-account table, chart, interruptible section, and a
/// permission check.
#[component]
pub fn UsageView(
    /// `cr-…`, already validated.
    id: String,
    /// The region the reservation is in.
    region: String,
) -> impl IntoView {
    let session = Session::get();
    let store = CapacityStore::get();
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<CallError>);
    let permission = RwSignal::new(None::<Result<bool, CallError>>);
    let key = format!("{region}/{id}");
    // The view's jobs, the usage pages and the permission check: leaving the view, Forget and
    // new credentials cancel them.
    let (usage_job, check_job) = (JobSlot::new(), JobSlot::new());

    let load = {
        let (id, region) = (id.clone(), region.clone());
        Action::new_local(move |_: &()| {
            let (id, region) = (id.clone(), region.clone());
            async move {
                let Some(connection) = session.connection.get_untracked() else {
                    return;
                };
                error.set(None);
                let Some(h) = usage_job.start() else {
                    return;
                };
                let report = |s| {
                    let _ = status.try_set(s);
                };
                match load_usage(session.shell, &connection, &region, &id, &h, &report).await {
                    Ok(Ok(d)) => {
                        let _ = store.usage.try_update(|u| {
                            u.insert(format!("{region}/{id}"), d);
                        });
                    }
                    Ok(Err(e)) => {
                        let _ = error.try_set(Some(e));
                    }
                    Err(_cancelled) => {}
                }
            }
        })
    };
    load.dispatch(());
    let pending = load.pending();

    let check = {
        let (id, region) = (id.clone(), region.clone());
        Action::new_local(move |_: &()| {
            let (id, region) = (id.clone(), region.clone());
            async move {
                let Some(connection) = session.connection.get_untracked() else {
                    return;
                };
                permission.set(None);
                let Some(h) = check_job.start() else {
                    return;
                };
                if let Ok(result) =
                    check_permission(session.shell, &connection, &region, &id, &h).await
                {
                    let _ = permission.try_set(Some(result));
                }
            }
        })
    };

    view! {
        <p><a href=Area::CapacityReservations.href()>"← All reservations"</a></p>
        <h2>{format!("{id} in {region}")}</h2>
        <div class="toolbar">
            <button type="button" on:click=move |_| { check.dispatch(()); }>"Check permissions"</button>
            <Show when=move || pending.get()>
                <span class="progress" role="status">{move || status.get().unwrap_or_else(|| "Loading usage…".into())}</span>
                <button type="button" on:click=move |_| {
                    usage_job.cancel();
                    check_job.cancel();
                }>"Cancel"</button>
            </Show>
        </div>
        {move || permission.get().map(|p| match p {
            Ok(true) => view! { <p class="ok" role="status">"Allowed: these credentials may call GetCapacityReservationUsage on this reservation (DryRunOperation)."</p> }.into_any(),
            Ok(false) => view! { <p class="field-error" role="status">"Denied: these credentials may not call GetCapacityReservationUsage (UnauthorizedOperation). Ask for ec2:GetCapacityReservationUsage."</p> }.into_any(),
            Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
        })}
        {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
        {move || store.usage.with(|u| u.get(&key).cloned()).map(|d| view! { <UsageDetailView detail=d /> })}
        <UsageHistoryView id=id.clone() region=region.clone() />
    }
}

/// The loaded usage, drawn.
#[component]
fn UsageDetailView(detail: UsageDetail) -> impl IntoView {
    let detail = StoredValue::new(detail);
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::new(UsageColumn::InUse, Direction::Descending));
    let h = detail.with_value(|d| d.header.clone());
    let width = chart_width();
    let bars = detail.with_value(|d| d.top_accounts(TOP_ACCOUNTS));
    // Bars are not worth stretching past 960 px.
    let chart = move || usage_bars_svg(&bars, width.get().min(960), 320);
    let interruptible = detail.with_value(|d| d.interruptible.clone());
    let export = move |_| {
        let csv =
            detail.with_value(|d| usage_csv(d.view(&query.get_untracked(), sort.get_untracked())));
        download_text("capacity-reservation-usage.csv", "text/csv", &csv);
    };
    let header = move |column: UsageColumn| {
        view! {
            <th scope="col" class:num=column.numeric()>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| {
                    *s = if s.column == column { Sort::new(column, s.direction.flipped()) } else { Sort::new(column, Direction::Descending) };
                })>{column.title()}</button>
            </th>
        }
    };
    view! {
        <dl class="usage-header">
            <dt>"Instance type"</dt><dd>{h.instance_type.clone().unwrap_or_default()}</dd>
            <dt>"State"</dt><dd>{h.state.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default()}</dd>
            <dt>"Total"</dt><dd class="usage-total">{count_display(h.total)}</dd>
            <dt>"Available"</dt><dd>{count_display(h.available)}</dd>
            <dt>"Used"</dt><dd class="usage-used">{count_display(h.used)}</dd>
            <dt>"Utilisation"</dt><dd>{share_display(h.utilisation)}</dd>
        </dl>
        {interruptible.map(|i| view! {
            <section class="interruptible" aria-label="Interruptible capacity">
                <h3>"Interruptible capacity"</h3>
                <dl>
                    <dt>"Allocation status"</dt><dd>{i.status().map(|s| s.as_str().to_owned()).unwrap_or_else(|| "—".into())}</dd>
                    <dt>"Instances vs target"</dt><dd>{i.progress_text().unwrap_or_else(|| "—".into())}</dd>
                    <dt>"Interruptible reservation"</dt><dd>{i.interruptible_reservation_id().unwrap_or("—").to_owned()}</dd>
                    <dt>"Interruption type"</dt><dd>{i.interruption_type().map(|t| t.as_str().to_owned()).unwrap_or_else(|| "—".into())}</dd>
                    <dt>"Source reservation"</dt><dd>{i.source_reservation_id().unwrap_or("—").to_owned()}</dd>
                </dl>
            </section>
        })}
        <figure class="chart" inner_html=chart aria-describedby="usage-table-caption"></figure>
        <div class="toolbar">
            <div class="field inline">
                <label for="account-search">"Search accounts"</label>
                <input id="account-search" type="search" prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) />
            </div>
            <button type="button" on:click=export>"Export CSV"</button>
        </div>
        {move || detail.with_value(|d| {
            let rows = d.view(&query.get(), sort.get());
            let count = format!(
                "{} of {} accounts",
                crate::numbers::count(rows.len() as u64),
                crate::numbers::count(d.rows.len() as u64)
            );
            let mut body = String::new();
            for r in rows {
                let (used, share) = (count_display(r.used), share_display(r.share));
                push_row(&mut body, None, None, &[
                    Cell::Text(&r.account_id),
                    Cell::Number { text: &used, title: None, class: None },
                    Cell::Number { text: &share, title: None, class: None },
                ]);
            }
            view! {
                <p class="count" role="status">{count}</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Accounts table (scrolls sideways)">
                    <table class="data usage">
                        <caption id="usage-table-caption">"Instances in use per account (the chart shows the accounts using the most)."</caption>
                        <thead><tr>{UsageColumn::ALL.into_iter().map(header).collect_view()}</tr></thead>
                        <tbody inner_html=body></tbody>
                    </table>
                </div>
            }
        })}
    }
}
