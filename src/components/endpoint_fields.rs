use leptos::prelude::*;

use super::Session;
use crate::aws::endpoint::{OverrideMode, Service};
use crate::connection::ConnectionForm;

/// The collapsed "Custom endpoints" section: a URL per service and how they are signed.
#[component]
pub fn EndpointFields() -> impl IntoView {
    let form = Session::get().form;
    let error_for = move |service: Service| {
        move || {
            form.with(ConnectionForm::endpoint_errors)
                .into_iter()
                .find(|(s, _)| *s == service)
                .map(|(_, e)| view! { <p class="field-error" role="alert">{e.to_string()}</p> })
        }
    };
    let url_field = move |id: &'static str,
                          label: &'static str,
                          service: Service,
                          get: fn(&ConnectionForm) -> String,
                          set: fn(&mut ConnectionForm, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="url" autocomplete="off" spellcheck="false"
                    placeholder="empty: AWS's own endpoint"
                    prop:value=move || form.with(get)
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)) } />
                {error_for(service)}
            </div>
        }
    };
    let mode_is = move |m: OverrideMode| move || form.with(|f| f.endpoint_mode == m);
    let open = move || form.with(|f| !f.endpoint_fields().iter().all(|s| s.is_empty()));
    view! {
        <details class="endpoints" open=open>
            <summary>"Custom endpoints"</summary>
            <p class="hint">
                "For a local AWS stand-in, or a proxy when your network or policy blocks direct calls to AWS from the browser."
            </p>
            {url_field("ec2-endpoint", "EC2 endpoint", Service::Ec2, |f| f.ec2_endpoint.clone(), |f, v| f.ec2_endpoint = v)}
            {url_field("ce-endpoint", "Cost Explorer endpoint", Service::CostExplorer, |f| f.ce_endpoint.clone(), |f, v| f.ce_endpoint = v)}
            {url_field("sts-endpoint", "STS endpoint", Service::Sts, |f| f.sts_endpoint.clone(), |f, v| f.sts_endpoint = v)}
            {url_field("cloudwatch-endpoint", "CloudWatch endpoint", Service::CloudWatch, |f| f.cloudwatch_endpoint.clone(), |f, v| f.cloudwatch_endpoint = v)}
            <fieldset class="endpoint-mode">
                <legend>"These endpoints are"</legend>
                <label>
                    <input type="radio" name="endpoint-mode" prop:checked=mode_is(OverrideMode::AwsCompatible)
                        on:change=move |_| form.update(|f| f.endpoint_mode = OverrideMode::AwsCompatible) />
                    " AWS-compatible endpoints (signed for their own host, like the CLI's --endpoint-url)"
                </label>
                <label>
                    <input type="radio" name="endpoint-mode" prop:checked=mode_is(OverrideMode::PassThroughProxy)
                        on:change=move |_| form.update(|f| f.endpoint_mode = OverrideMode::PassThroughProxy) />
                    " Pass-through proxies (signed for AWS's host; the proxy forwards requests unchanged)"
                </label>
            </fieldset>
        </details>
    }
}
