use leptos::prelude::*;

use super::usage_history::aws_now;
use super::{download_text, CapacityStore, ErrorPanel, HistoryTable, Session};
use crate::aws::ec2::GetCapacityManagerAttributesInput;
use crate::aws::endpoint::{find_region, REGIONS};
use crate::history::{
    account_choices, account_rows, accounts_csv, accounts_input, groups, history_rows,
    history_summary, list_calls, list_window, manager_window, metric_calls, metrics_in,
    metrics_text, organization_rows, permission_note, source, AccountRow, Figures, HistoryColumn,
    ListJob, ManagerJob, Source, Window, ACCOUNT_COLUMNS, ACCOUNT_GROUPS, ACCOUNT_METRICS,
    MAX_PAGES, RESERVATION_GROUPS, RESERVATION_METRICS,
};
use crate::jobs::{CallError, Pages, Single};
use crate::shell::{JobHandle, JobSlot};

/// The list's history is fetched without asking while it requests at most this many metrics
/// (USD 0.001 at CloudWatch's price); above, the button says how many first.
pub const AUTO_METRICS: usize = 100;
/// The windows the list offers, in days.
const DAYS: [u32; 5] = [1, 7, 14, 30, 90];

/// What one history fetch brought.
#[derive(Clone)]
pub struct Answer {
    source: Source,
    figures: Figures,
    /// CloudWatch calls that failed (their reservations have no figures).
    failed: Vec<(String, CallError)>,
    /// Capacity Manager only: every reservation and every account of the organization.
    organization: Option<(Vec<crate::history::Group>, Vec<AccountRow>)>,
    /// Why the organization's accounts could not be listed (no account picker then).
    accounts_error: Option<CallError>,
    /// The listing, range and region it answers, then the account (see `ListHistory`'s key).
    key: String,
}

impl Answer {
    /// Whether it answers `listing` (figures of another caller or listing are never shown).
    fn is_for(&self, listing: &str) -> bool {
        self.key.split('\u{1f}').next() == Some(listing)
    }
}

/// The list's history kept across navigation (made with [`CapacityStore`]): opening a
/// reservation does not cancel a fetch under way, and coming back shows its figures.
#[derive(Clone, Copy)]
pub struct ListHistoryState {
    days: RwSignal<u32>,
    threshold_text: RwSignal<String>,
    /// `None`: the connection's region.
    home: RwSignal<Option<String>>,
    answer: RwSignal<Option<Answer>>,
    error: RwSignal<Option<CallError>>,
    status: RwSignal<Option<String>>,
    pending: RwSignal<bool>,
    job: JobSlot,
    /// Capacity Manager only: the account the figures are narrowed to (`None`: all).
    account: RwSignal<Option<String>>,
    /// The accounts Capacity Manager has data for, (id, name).
    accounts: RwSignal<Vec<(String, String)>>,
    /// The listing, range and region `accounts` was listed for (choosing another account
    /// does not list them again).
    accounts_for: RwSignal<Option<String>>,
}

impl ListHistoryState {
    /// Made once, by the app's root (its job lives as long as the page).
    pub fn new() -> ListHistoryState {
        ListHistoryState {
            days: RwSignal::new(7),
            threshold_text: RwSignal::new("20".into()),
            home: RwSignal::new(None),
            answer: RwSignal::new(None),
            error: RwSignal::new(None),
            status: RwSignal::new(None),
            pending: RwSignal::new(false),
            job: JobSlot::new(),
            account: RwSignal::new(None),
            accounts: RwSignal::new(Vec::new()),
            accounts_for: RwSignal::new(None),
        }
    }

    /// The store's history, made under the app's root owner the first time it is asked for.
    fn of(store: CapacityStore) -> ListHistoryState {
        if let Some(state) = store.history.get_value() {
            return state;
        }
        let state = store
            .root
            .with_value(|root| root.with(ListHistoryState::new));
        store.history.set_value(Some(state));
        state
    }
}

/// The list's utilization history: the last 1–90 days of every listed reservation, from EC2
/// Capacity Manager when it is enabled (every account and region, a handful of calls) or else
/// CloudWatch (one call per region per 500 reservations), underused ones flagged against a
/// threshold and idle ones called out; with Capacity Manager, the organization across accounts.
#[component]
pub fn ListHistory() -> impl IntoView {
    let session = Session::get();
    let store = CapacityStore::get();
    let ListHistoryState {
        days,
        threshold_text,
        home: chosen_home,
        answer,
        error,
        status,
        pending,
        job,
        account,
        accounts,
        accounts_for,
    } = ListHistoryState::of(store);
    let home = Signal::derive(move || {
        chosen_home.get().unwrap_or_else(|| {
            session
                .connection
                .with(|c| c.as_ref().map(|c| c.region.clone()))
                .unwrap_or_else(|| "us-east-1".into())
        })
    });

    let threshold = Memo::new(move |_| {
        let text = threshold_text.get();
        // The app's one float reader (`parse::<f64>` would add its own: BENCHMARKS.md).
        match crate::numbers::read_decimal(text.trim()) {
            Some(t) if (0.0..=100.0).contains(&t) => Ok(t),
            _ => Err(format!(
                "“{}” is not a percentage from 0 to 100: the flags use the last valid threshold.",
                text.trim()
            )),
        }
    });
    let last_threshold = StoredValue::new(20.0);
    let threshold_value = move || match threshold.get() {
        Ok(t) => {
            last_threshold.set_value(t);
            t
        }
        Err(_) => last_threshold.get_value(),
    };
    // What the figures answer: the listing, range and region, then the account.
    let base_key = move || {
        format!(
            "{}\u{1f}{}\u{1f}{}",
            store.loaded_for.get().unwrap_or_default(),
            days.get(),
            home.get()
        )
    };
    let key = move || format!("{}\u{1f}{}", base_key(), account.get().unwrap_or_default());
    let plan = Memo::new(move |_| {
        let window = list_window(days.get(), aws_now(session));
        store.rows.with(|rows| {
            let calls = list_calls(
                rows.iter().map(|r| (r.region.as_str(), r.id.as_str())),
                &window,
            );
            (metrics_in(&calls), calls.len())
        })
    });

    let fetch = Action::new_local(move |_: &()| async move {
        let Some(connection) = session.connection.get_untracked() else {
            return;
        };
        let Some(handle) = job.start() else { return };
        pending.set(true);
        let _done = Done(pending, handle.clone());
        error.set(None);
        let base = base_key();
        let mut key = key();
        let window = list_window(days.get_untracked(), aws_now(session));
        let region = home.get_untracked();
        let report = |s| {
            let _ = status.try_set(s);
        };
        let Ok(found) = ask_source(session, &connection, &region, &handle, &report).await else {
            return;
        };
        let mut source = found;
        if let Source::CapacityManager {
            latest,
            organizations,
            ..
        } = &source
        {
            let w = manager_window(&window, *latest);
            let mut choices = Vec::new();
            let mut accounts_error = None;
            let listed = accounts_for.get_untracked().as_ref() == Some(&base);
            if *organizations && listed {
                choices = accounts.get_untracked();
            } else if *organizations {
                let mut job = Pages::for_connection(
                    accounts_input(&w),
                    &connection,
                    Some(&region),
                    MAX_PAGES,
                );
                if session
                    .shell
                    .drive(&mut job, &handle, &report)
                    .await
                    .is_err()
                {
                    return;
                }
                // Without the list there is no picker (the page says why); the figures still come.
                match job.into_result() {
                    Ok(pages) => choices = account_choices(&pages),
                    Err(e) => accounts_error = Some(e),
                }
            }
            let _ = accounts_for
                .try_set((*organizations && accounts_error.is_none()).then(|| base.clone()));
            // An account the picker no longer offers (another range, no organization view) is
            // not kept as a hidden filter.
            if account.with_untracked(|a| {
                a.as_ref()
                    .is_some_and(|a| !choices.iter().any(|(id, _)| id == a))
            }) {
                let _ = account.try_set(None);
                // The figures are then those of all accounts: the key says so.
                key = format!("{base}\u{1f}");
            }
            let _ = accounts.try_set(choices);
            let only = account.get_untracked();
            match manager(
                session,
                &connection,
                &region,
                &w,
                only.as_deref(),
                &handle,
                &report,
            )
            .await
            {
                Ok(Ok((mine, accounts))) => {
                    let _ = answer.try_set(Some(Answer {
                        source,
                        figures: Figures::Manager {
                            window: w,
                            groups: mine.clone(),
                        },
                        failed: Vec::new(),
                        organization: Some((mine, account_rows(&accounts))),
                        accounts_error,
                        key,
                    }));
                    return;
                }
                Ok(Err(e)) => {
                    source = Source::CloudWatch {
                        why: format!("EC2 Capacity Manager in {region} did not answer: {e}"),
                    };
                }
                Err(_cancelled) => return,
            }
        }
        let calls = store.rows.with_untracked(|rows| {
            list_calls(
                rows.iter().map(|r| (r.region.as_str(), r.id.as_str())),
                &window,
            )
        });
        let mut cw = ListJob::new(calls, &connection);
        if session
            .shell
            .drive(&mut cw, &handle, &report)
            .await
            .is_err()
        {
            return;
        }
        let outcome = cw.into_outcome();
        let _ = answer.try_set(Some(Answer {
            source,
            figures: Figures::CloudWatch {
                window,
                series: outcome.series,
            },
            failed: outcome.failed,
            organization: None,
            accounts_error: None,
            key,
        }));
    });
    // Small lists are fetched as soon as they are listed (and again when the range changes),
    // unless their figures are here already or on their way.
    Effect::new(move |_| {
        let key = key();
        let (metrics, _) = plan.get();
        let have = answer.with_untracked(|a| a.as_ref().is_some_and(|a| a.key == key));
        if metrics > 0 && metrics <= AUTO_METRICS && !have && !pending.get() {
            fetch.dispatch(());
        }
    });

    let partition = move || {
        session.connection.with(|c| {
            c.as_ref()
                .and_then(|c| find_region(&c.region))
                .map(|r| r.partition)
        })
    };
    let stale = move || answer.with(|a| a.as_ref().is_some_and(|a| a.key != key()));
    // The account picker belongs to an organization view of the current caller's listing.
    let shown_org = move || {
        let listing = store.loaded_for.get().unwrap_or_default();
        answer.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.organization.is_some() && a.is_for(&listing))
        })
    };

    view! {
        <section class="list-history" aria-labelledby="list-history-title">
            <h2 id="list-history-title">"Utilization history"</h2>
            <div class="toolbar">
                <div class="field inline">
                    <label for="history-days">"Range"</label>
                    <select id="history-days" on:change=move |ev| {
                        if let Ok(d) = event_target_value(&ev).parse() { days.set(d) }
                    }>
                        {DAYS.into_iter().map(|d| view! {
                            <option value=d.to_string() selected=move || days.get() == d>
                                {if d == 1 { "Last 24 hours".to_string() } else { format!("Last {d} days") }}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field inline">
                    <label for="history-threshold">"Underused below (%)"</label>
                    <input id="history-threshold" type="text" inputmode="decimal" size="5"
                        prop:value=move || threshold_text.get()
                        on:input=move |ev| threshold_text.set(event_target_value(&ev)) />
                </div>
                <div class="field inline">
                    <label for="history-home">"Capacity Manager home region"</label>
                    <select id="history-home" on:change=move |ev| chosen_home.set(Some(event_target_value(&ev)))>
                        {move || REGIONS.iter().filter(|r| Some(r.partition) == partition()).map(|r| {
                            let code = r.code;
                            view! { <option value=code selected=move || home.get() == code>{r.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || !accounts.with(Vec::is_empty) && shown_org()>
                    <div class="field inline">
                        <label for="history-account">"Account (Capacity Manager)"</label>
                        <select id="history-account" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            account.set((!v.is_empty()).then_some(v));
                            // Small lists are fetched by the effect above; Capacity Manager's
                            // answers are not billed per metric, so a large one is fetched too.
                            if plan.get_untracked().0 > AUTO_METRICS { fetch.dispatch(()); }
                        }>
                            <option value="" selected=move || account.with(Option::is_none)>"All accounts"</option>
                            {move || accounts.get().into_iter().map(|(id, name)| {
                                let chosen = id.clone();
                                let text = if name.is_empty() { id.clone() } else { format!("{name} ({id})") };
                                view! { <option value=id selected=move || account.with(|a| a.as_deref() == Some(chosen.as_str()))>{text}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </Show>
                <button type="button" class="fetch-history" disabled=move || pending.get() || plan.get().0 == 0
                    on:click=move |_| { fetch.dispatch(()); }>
                    {move || {
                        let (metrics, calls) = plan.get();
                        format!("Fetch history: up to {}", metrics_text(metrics, calls))
                    }}
                </button>
                <Show when=move || pending.get()>
                    <span class="progress" role="status">{move || status.get().unwrap_or_else(|| "Fetching the history…".into())}</span>
                    <button type="button" on:click=move |_| { job.cancel(); pending.set(false); }>"Cancel"</button>
                </Show>
            </div>
            {move || threshold.get().err().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            {move || stale().then(|| view! { <p class="notice stale">"These figures are for an earlier range, region or listing: fetch again to update them."</p> })}
            // Figures of another caller or listing are never shown (new credentials, Forget).
            {move || answer.get().filter(|a| a.is_for(&store.loaded_for.get().unwrap_or_default())).map(|a| {
                let t = threshold_value();
                let rows = store.rows.with(|r| history_rows(r, &a.figures, t));
                let summary = history_summary(&rows, t);
                let window = *a.figures.window();
                let rows = Signal::derive(move || store.rows.with(|r| history_rows(r, &a.figures, threshold_value())));
                view! {
                    <p class="history-source">{a.source.text()}</p>
                    <p class="history-range">{format!("{}, {}.", window.resolution(), window.text())}</p>
                    {a.failed.into_iter().map(|(region, e)| failure(
                        format!("{region}: CloudWatch did not answer"), e,
                        "cloudwatch:GetMetricData", "the list itself and its usage now do not need it.",
                    )).collect_view()}
                    {a.accounts_error.map(|e| failure(
                        "The organization's accounts could not be listed: no account picker.".into(), e,
                        "ec2:GetCapacityManagerMetricDimensions", "the figures below are those of every account.",
                    ))}
                    <p class="history-summary" role="status">{summary}</p>
                    <HistoryTable rows=rows columns=&HistoryColumn::LIST caption="Listed reservations over the range"
                        file="capacity-reservations-history.csv" window=window rollup=true />
                    {a.organization.map(|(groups, accounts)| view! {
                        <AcrossAccounts groups=groups accounts=accounts window=window threshold=Signal::derive(threshold_value) />
                    })}
                }
            })}
        </section>
    }
}

/// A call that did not answer: what it was for, the permission it may lack, AWS's error.
fn failure(title: String, e: CallError, action: &str, without: &str) -> impl IntoView {
    let note = permission_note(&e, action, without);
    view! {
        <div class="region-error"><p>{title}</p>
            {note.map(|n| view! { <p class="field-error" role="alert">{n}</p> })}
            <ErrorPanel error=e /></div>
    }
}

/// Marks the fetch finished when it ends by itself (done or failed); a fetch cancelled by the
/// next one, by Cancel or by Forget leaves the flag to them.
struct Done(RwSignal<bool>, JobHandle);

impl Drop for Done {
    fn drop(&mut self) {
        if !self.1.is_cancelled() {
            let _ = self.0.try_set(false);
        }
    }
}

/// The organization's reservations and accounts from Capacity Manager.
#[component]
fn AcrossAccounts(
    groups: Vec<crate::history::Group>,
    accounts: Vec<AccountRow>,
    window: Window,
    threshold: Signal<f64>,
) -> impl IntoView {
    let accounts = StoredValue::new(accounts);
    let export = move |_| {
        download_text(
            "capacity-reservations-accounts.csv",
            "text/csv",
            &accounts.with_value(|a| accounts_csv(a)),
        );
    };
    let mut body = String::new();
    accounts.with_value(|rows| {
        for r in rows {
            let texts = r.display();
            let mut cells = vec![super::table_html::Cell::Heading(&texts[0])];
            cells.push(super::table_html::Cell::Text(&texts[1]));
            cells.extend(
                texts[2..]
                    .iter()
                    .map(|text| super::table_html::Cell::Number {
                        text,
                        title: None,
                        class: None,
                    }),
            );
            super::table_html::push_row(&mut body, None, None, &cells);
        }
    });
    let rows = Signal::derive(move || organization_rows(&groups, threshold.get()));
    view! {
        <section class="across-accounts" aria-labelledby="across-title">
            <h2 id="across-title">"Across accounts"</h2>
            <div class="toolbar"><button type="button" on:click=export>"Export CSV"</button></div>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Accounts (scrolls sideways)">
                <table class="data accounts">
                    <caption>"Reservations per account over the range (Capacity Manager's estimates)"</caption>
                    <thead><tr>{ACCOUNT_COLUMNS.iter().enumerate().map(|(i, c)| view! {
                        <th scope="col" class=("num", i >= 2)>{*c}</th>
                    }).collect_view()}</tr></thead>
                    <tbody inner_html=body></tbody>
                </table>
            </div>
            <h3>"Every reservation of the organization"</h3>
            <HistoryTable rows=rows columns=&HistoryColumn::ORGANIZATION caption="Reservations of every account and region"
                file="capacity-reservations-organization.csv" window=window rollup=false />
        </section>
    }
}

/// Asks Capacity Manager in `region` whether it can answer; CloudWatch (with why) if not.
async fn ask_source(
    session: Session,
    connection: &crate::connection::Connection,
    region: &str,
    handle: &JobHandle,
    report: &dyn Fn(Option<String>),
) -> Result<Source, crate::shell::Cancelled> {
    let mut job = Single::for_connection(
        &GetCapacityManagerAttributesInput::default(),
        connection,
        Some(region),
    );
    session.shell.drive(&mut job, handle, report).await?;
    Ok(match job.into_result() {
        Ok(attributes) => source(&attributes, region),
        Err(e) => Source::CloudWatch {
            why: permission_note(
                &e,
                "ec2:GetCapacityManagerAttributes",
                "without it the history comes from CloudWatch, per region and account.",
            )
            .unwrap_or_else(|| {
                format!(
                    "Reservation Lens could not ask EC2 Capacity Manager in {region} ({}). {}",
                    e.aws_code().unwrap_or("no answer"),
                    e
                )
            }),
        },
    })
}

/// The caller's and the organization's reservations and accounts from Capacity Manager.
#[allow(clippy::type_complexity)]
async fn manager(
    session: Session,
    connection: &crate::connection::Connection,
    region: &str,
    window: &Window,
    account: Option<&str>,
    handle: &JobHandle,
    report: &dyn Fn(Option<String>),
) -> Result<
    Result<(Vec<crate::history::Group>, Vec<crate::history::Group>), CallError>,
    crate::shell::Cancelled,
> {
    let mut reservations = ManagerJob::new(
        metric_calls(&RESERVATION_METRICS, &RESERVATION_GROUPS, window, account),
        connection,
        region,
    );
    session
        .shell
        .drive(&mut reservations, handle, report)
        .await?;
    let reservations = match reservations.into_result() {
        Ok(pages) => groups(&pages),
        Err(e) => return Ok(Err(e)),
    };
    let mut accounts = ManagerJob::new(
        metric_calls(&ACCOUNT_METRICS, &ACCOUNT_GROUPS, window, account),
        connection,
        region,
    );
    session.shell.drive(&mut accounts, handle, report).await?;
    Ok(accounts
        .into_result()
        .map(|pages| (reservations, groups(&pages))))
}
