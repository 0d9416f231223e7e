use leptos::prelude::*;

use crate::one_file;

/// The page's footer, "Download this app as one file": the hosted app links to the file beside
/// index.html, the one file to a copy of itself (src/one_file.rs). Debug builds have no such
/// file and no footer. A plain function rather than a `#[component]`: it has no props and no
/// state, and the first view is 0.4 KB gzip smaller without a component's wrapper (measured,
/// BENCHMARKS.md).
pub fn one_file_footer() -> Option<impl IntoView> {
    let found = one_file::find()?;
    let what = if found.this_page {
        ": a copy of the file you opened, to pass on."
    } else {
        ": one HTML file that runs opened from disk, to attach to a wiki page, a ticket or an email."
    };
    Some(view! {
        <footer class="app-footer">
            <p>
                // Whatever the hosted file is called, a copy is saved under this name.
                <a href=found.href download="reservation-lens.html">"Download this app as one file"</a>
                {found.size.map(|s| format!(" ({s})"))}
                {what}
                " It stores nothing and sends your credentials only in signed requests, like this page."
            </p>
        </footer>
    })
}
