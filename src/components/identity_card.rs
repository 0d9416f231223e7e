use leptos::prelude::*;

use crate::aws::sts::CallerIdentity;

/// Who the credentials belong to, as STS GetCallerIdentity said.
#[component]
pub fn IdentityCard(
    /// The caller.
    identity: CallerIdentity,
    /// The region the connection works in.
    region: String,
    /// True when the answer came from the built-in sample data.
    demo: bool,
) -> impl IntoView {
    let dash = || "—".to_owned();
    view! {
        <section class="identity" aria-label="Connected identity">
            <h2>{if demo { "Connected to sample data" } else { "Connected" }}</h2>
            <dl>
                <dt>"Account"</dt><dd class="identity-account">{identity.account.unwrap_or_else(dash)}</dd>
                <dt>"ARN"</dt><dd class="identity-arn"><code>{identity.arn.unwrap_or_else(dash)}</code></dd>
                <dt>"UserId"</dt><dd><code>{identity.user_id.unwrap_or_else(dash)}</code></dd>
                <dt>"Region"</dt><dd>{region}</dd>
            </dl>
        </section>
    }
}
