use leptos::prelude::*;

use super::{
    CapacityStore, ErrorPanel, ListHistory, ReservationList, RollupTable, Session, UsageView,
};
use crate::aws::endpoint::{find_region, REGIONS};
use crate::reservations::parse_reservation_id;
use crate::route::{query_param, reservation_href, Area};
use crate::shell::JobSlot;

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
        <h1 class="area-title">"Capacity Reservations"</h1>
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
    // Leaving the view cancels its listing.
    let listing = JobSlot::new();

    let loading = StoredValue::new(None::<String>);
    let load = Action::new_local(move |all: &bool| {
        let all = *all;
        async move {
            let Some(connection) = session.connection.get_untracked() else {
                return;
            };
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
            // What the list shows (or is loading) already needs no second listing.
            let who = session.shell.identity().map(|i| i.arn).unwrap_or_default();
            let key = format!("{who}|{}|{all}", connection.region);
            if store.loaded_for.get_untracked().as_deref() == Some(key.as_str())
                || loading.get_value().as_deref() == Some(key.as_str())
            {
                return;
            }
            loading.set_value(Some(key.clone()));
            let Some(handle) = listing.start() else {
                return;
            };
            let report = |s: Option<String>| {
                let _ = status.try_set(s.map(|s| format!("Listing reservations: {s}")));
            };
            if let Ok((rows, failed)) =
                super::capacity_store::list_regions(session, &regions, &handle, &report).await
            {
                store.rows.set(rows);
                store.failed.set(failed);
                store.loaded_for.set(Some(key.clone()));
            }
            if loading.try_get_value().flatten().as_deref() == Some(key.as_str()) {
                loading.try_set_value(None);
            }
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
                <button type="button" on:click=move |_| listing.cancel()>"Cancel"</button>
            </Show>
        </div>
        {move || store.failed.get().into_iter().map(|(region, e)| view! {
            <div class="region-error"><p>{format!("{region}: could not list reservations")}</p><ErrorPanel error=e /></div>
        }).collect_view()}
        <ReservationList />
        <RollupTable />
        <ListHistory />
    }
}
