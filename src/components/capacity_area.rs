use leptos::prelude::*;

use super::{CapacityStore, ErrorPanel, ReservationList, RollupTable, Session, UsageView};
use crate::aws::endpoint::{find_region, REGIONS};
use crate::client::CallError;
use crate::reservations::{parse_reservation_id, FanOutPlan};
use crate::route::{query_param, reservation_href, Area};
use crate::transport::CancelToken;

/// How many regions are listed at once in "All regions".
const REGION_CONCURRENCY: usize = 4;

/// The Capacity Reservations area: the list (one region or all), the roll-up, and one
/// reservation's usage when the URL names it.
#[component]
pub fn CapacityArea(
    /// The fragment's query (`region=…&id=…` opens a reservation's usage).
    query: String,
) -> impl IntoView {
    let session = Session::get();
    let store = CapacityStore::get();
    let opened_id = query_param(&query, "id");
    let opened_region = query_param(&query, "region");
    let typed_id = RwSignal::new(opened_id.clone().unwrap_or_default());
    let id_error = RwSignal::new(None::<String>);

    let show_usage = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_reservation_id(&typed_id.get_untracked()) {
            Ok(id) => {
                id_error.set(None);
                let region = session
                    .connection
                    .with_untracked(|c| c.as_ref().map(|c| c.region.clone()))
                    .unwrap_or_else(|| "us-east-1".into());
                let _ = window()
                    .location()
                    .set_hash(&reservation_href(&region, &id));
            }
            Err(e) => id_error.set(Some(e.to_string())),
        }
    };

    let lookup = view! {
        <form class="usage-lookup" on:submit=show_usage>
            <div class="field">
                <label for="reservation-id">"Capacity Reservation ID"</label>
                <input id="reservation-id" type="text" spellcheck="false" autocomplete="off"
                    placeholder="cr-0123456789abcdef0"
                    prop:value=move || typed_id.get()
                    on:input=move |ev| typed_id.set(event_target_value(&ev)) />
            </div>
            <button type="submit">"Show usage"</button>
            {move || id_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </form>
    };

    let body = move || {
        if session.connection.with(Option::is_none) {
            return view! {
                <p class="notice">
                    "Connect first: paste credentials or try the sample data in "
                    <a href=Area::Connection.href()>"Connection"</a> "."
                </p>
            }
            .into_any();
        }
        match (opened_id.clone(), opened_region.clone()) {
            (Some(id), region) => {
                let region = region
                    .filter(|r| find_region(r).is_some())
                    .or_else(|| {
                        session
                            .connection
                            .with(|c| c.as_ref().map(|c| c.region.clone()))
                    })
                    .unwrap_or_default();
                match parse_reservation_id(&id) {
                    Ok(id) => view! { <UsageView id=id region=region /> }.into_any(),
                    Err(e) => {
                        view! { <p class="field-error" role="alert">{e.to_string()}</p> }.into_any()
                    }
                }
            }
            (None, _) => view! { <ListSection store=store session=session /> }.into_any(),
        }
    };

    view! {
        <h2 class="area-title">"Capacity Reservations"</h2>
        <p class="lead">
            "Every Capacity Reservation in a region or all regions, how full each is, which accounts use it, and what sits idle."
        </p>
        {lookup}
        {body}
    }
}

/// The list with its scope picker and loader.
#[component]
fn ListSection(store: CapacityStore, session: Session) -> impl IntoView {
    let all_regions = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let cancel = StoredValue::new_local(CancelToken::new());

    let load = Action::new_local(move |all: &bool| {
        let all = *all;
        async move {
            let Some(connection) = session.connection.get_untracked() else {
                return;
            };
            let key = format!(
                "{}|{}|{}",
                connection.credentials.access_key_id(),
                connection.region,
                all
            );
            if store.loaded_for.get_untracked().as_deref() == Some(key.as_str()) {
                return;
            }
            let partition = find_region(&connection.region).map(|r| r.partition);
            let regions: Vec<&str> = if all {
                REGIONS
                    .iter()
                    .filter(|r| Some(r.partition) == partition)
                    .map(|r| r.code)
                    .collect()
            } else {
                vec![connection.region.as_str()]
            };
            let plan = FanOutPlan::new(&regions, REGION_CONCURRENCY, Some(&connection.region));
            let token = CancelToken::new();
            cancel.set_value(token.clone());
            let mut results = Vec::new();
            let total = plan.order.len();
            for batch in plan.batches() {
                status.set(Some(format!(
                    "Listing reservations: {} of {total} regions done…",
                    results.len()
                )));
                let futures = batch.iter().map(|region| {
                    let token = token.clone();
                    async move {
                        let r = super::capacity_store::list_region(
                            session,
                            region,
                            &|s| status.set(s),
                            &token,
                        )
                        .await;
                        (region.clone(), r)
                    }
                });
                results.extend(futures::future::join_all(futures).await);
                if token.is_cancelled() {
                    break;
                }
            }
            let merged = plan.merge(results);
            store.rows.set(merged.rows);
            store.failed.set(
                merged
                    .failed
                    .into_iter()
                    .filter(|(_, e): &(String, CallError)| !e.is_cancelled())
                    .collect(),
            );
            store.loaded_for.set(Some(key));
            status.set(None);
        }
    });

    // Load as soon as the area opens (DescribeCapacityReservations is free).
    Effect::new(move |_| {
        let _ = session
            .connection
            .with(|c| c.as_ref().map(|c| c.region.clone()));
        load.dispatch(all_regions.get_untracked());
    });
    let pending = load.pending();

    view! {
        <div class="toolbar">
            <label>
                <input type="checkbox" prop:checked=move || all_regions.get()
                    on:change=move |ev| {
                        let all = event_target_checked(&ev);
                        all_regions.set(all);
                        load.dispatch(all);
                    } />
                " All regions"
            </label>
            <Show when=move || pending.get()>
                <span class="progress" role="status">{move || status.get().unwrap_or_else(|| "Listing reservations…".into())}</span>
                <button type="button" on:click=move |_| cancel.with_value(CancelToken::cancel)>"Cancel"</button>
            </Show>
        </div>
        {move || store.failed.get().into_iter().map(|(region, e)| view! {
            <div class="region-error"><p>{format!("{region}: could not list reservations")}</p><ErrorPanel error=e /></div>
        }).collect_view()}
        <ReservationList />
        <RollupTable />
    }
}
