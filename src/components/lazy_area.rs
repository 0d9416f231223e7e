use leptos::prelude::*;

use crate::chunks::{self, PartMissing};
use crate::route::Area;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Loading,
    Failed,
    Ready,
}

/// An area whose code is its own file (`crate::chunks`): the area's heading and "Loading…"
/// while the file arrives, then the area; if it does not arrive, says so in words and offers
/// to try again.
#[component]
pub fn LazyArea(
    /// Capacity Reservations or Coverage.
    area: Area,
    /// The fragment's query, for the area.
    query: String,
) -> impl IntoView {
    let phase = RwSignal::new(Phase::Loading);
    let built = StoredValue::new_local(None::<AnyView>);
    // The area is built after the await, under this component's owner (not the owner of
    // whatever view the Try again button was in): it goes when this view goes.
    let owner = Owner::current().unwrap_or_default();
    let load = move || {
        phase.set(Phase::Loading);
        let query = query.clone();
        owner.with(|| {
            leptos::task::spawn_local_scoped(async move {
                let arrived = match area {
                    Area::Coverage => chunks::preload_coverage().await.is_ok(),
                    _ => chunks::preload_capacity().await.is_ok(),
                };
                // The user may have moved on while the part arrived: then nothing is built, or
                // the area would start its work (and write its state into the URL) unseen.
                if phase.try_get_untracked().is_none() {
                    return;
                }
                let built_area: Result<AnyView, PartMissing> = if !arrived {
                    Err(PartMissing)
                } else if area == Area::Coverage {
                    chunks::coverage_area(query).await
                } else {
                    chunks::capacity_area(query).await
                };
                match built_area {
                    Ok(view) => {
                        built.set_value(Some(view));
                        phase.set(Phase::Ready);
                    }
                    Err(PartMissing) => phase.set(Phase::Failed),
                }
            })
        });
    };
    load();
    let load = StoredValue::new_local(load);
    let title = area.title();
    move || match phase.get() {
        Phase::Loading => view! {
            <h1 class="area-title">{title}</h1>
            <p class="progress" role="status">{format!("Loading {title}…")}</p>
        }
        .into_any(),
        Phase::Failed => view! {
            <h1 class="area-title">{title}</h1>
            <div class="error-panel" role="alert">
                <p class="error-title"><strong>"This part of the app did not load"</strong></p>
                <p class="error-message">{format!(
                    "The code of {title} did not arrive from this page's server, so it cannot \
                     be shown. Check the network, then try again. If it keeps failing, the \
                     deployment may have changed since this page was opened: reload the page \
                     (credentials live only in this page: paste them again after)."
                )}</p>
                <div class="toolbar">
                    <button type="button" on:click=move |_| load.with_value(|load| load())>
                        "Try again"
                    </button>
                </div>
            </div>
        }
        .into_any(),
        Phase::Ready => built
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
    }
}
