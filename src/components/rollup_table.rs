use leptos::prelude::*;

use super::table_html::{push_row, Cell};
use super::CapacityStore;
use crate::numbers::count;
use crate::reservations::{
    rollup_by_instance_type, share_display, InstanceTypeRollup, UsageMatrix,
};

/// Totals per instance type across the listed reservations, and once the usage of several
/// reservations is loaded, who uses which (account × reservation).
#[component]
pub fn RollupTable() -> impl IntoView {
    let store = CapacityStore::get();
    let rollup = move || {
        store.rows.with(|rows| {
            if rows.is_empty() {
                return None;
            }
            let (groups, all) = rollup_by_instance_type(rows.iter());
            let mut body = String::new();
            for g in &groups {
                rollup_row(&mut body, g, &g.instance_type);
            }
            let mut foot = String::new();
            rollup_row(&mut foot, &all, "All");
            Some(view! {
                <section class="rollup" aria-label="Totals per instance type">
                    <h2>"Totals per instance type"</h2>
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Totals per instance type table (scrolls sideways)">
                    <table class="data">
                        <thead><tr><th scope="col">"Instance type"</th><th scope="col" class="num">"Reservations"</th><th scope="col" class="num">"Total"</th><th scope="col" class="num">"Used"</th><th scope="col" class="num">"Available"</th><th scope="col" class="num">"Utilisation"</th></tr></thead>
                        <tbody inner_html=body></tbody>
                        <tfoot inner_html=foot></tfoot>
                    </table>
                    </div>
                </section>
            })
        })
    };
    let matrix = move || {
        store.usage.with(|usage| {
            (usage.len() >= 2).then(|| {
                let mut details: Vec<_> = usage.values().collect();
                crate::sort::sort_by(&mut details, &|a, b| {
                    a.header.reservation_id.cmp(&b.header.reservation_id)
                });
                let (head, body, foot) = matrix_html(&UsageMatrix::from_details(details));
                view! {
                    <section class="matrix" aria-label="Accounts by reservation">
                        <h2>"Accounts × reservations (usage loaded so far)"</h2>
                        <div class="table-wrap" tabindex="0" role="region" aria-label="Accounts by reservation table (scrolls sideways)">
                            <table class="data">
                                <thead inner_html=head></thead>
                                <tbody inner_html=body></tbody>
                                <tfoot inner_html=foot></tfoot>
                            </table>
                        </div>
                    </section>
                }
            })
        })
    };
    view! { {rollup} {matrix} }
}

fn rollup_row(html: &mut String, g: &InstanceTypeRollup, name: &str) {
    let numbers = [
        count(g.reservations as u64),
        count(g.total),
        count(g.used),
        count(g.available),
        share_display(g.utilisation),
    ];
    let mut cells = vec![Cell::Heading(name)];
    cells.extend(numbers.iter().map(number));
    push_row(html, None, None, &cells);
}

fn matrix_html(m: &UsageMatrix) -> (String, String, String) {
    let mut head = String::from("<tr><th scope=\"col\">Account</th>");
    for r in &m.reservations {
        head.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            super::table_html::escape(r)
        ));
    }
    head.push_str("<th scope=\"col\">Total</th></tr>");
    let mut body = String::new();
    for (i, account) in m.accounts.iter().enumerate() {
        let mut texts: Vec<String> = m.cells[i]
            .iter()
            .map(|c| c.map(count).unwrap_or_default())
            .collect();
        texts.push(count(m.account_totals[i]));
        let mut cells = vec![Cell::Heading(account)];
        cells.extend(texts.iter().map(number));
        push_row(&mut body, None, None, &cells);
    }
    let mut texts: Vec<String> = m.reservation_totals.iter().map(|&t| count(t)).collect();
    texts.push(count(m.grand_total));
    let mut cells = vec![Cell::Heading("Total")];
    cells.extend(texts.iter().map(number));
    let mut foot = String::new();
    push_row(&mut foot, None, None, &cells);
    (head, body, foot)
}

fn number(text: &String) -> Cell<'_> {
    Cell::Number {
        text,
        title: None,
        class: None,
    }
}
