//! The Connection area's state, as plain data: what the form holds, what a paste turned into,
//! how long the credentials have left, and the validated connection the rest of the app uses.
//! No browser here: the clock is an argument.

use time::{Duration, OffsetDateTime};

use crate::aws::credentials::{parse_credentials_for, CredentialError, Credentials, KeyChecks};
use crate::aws::endpoint::{
    find_region, EndpointError, EndpointOverride, OverrideMode, Overrides, ResolvedEndpoint,
    Service,
};

/// The region selected when nothing else says otherwise.
pub const DEFAULT_REGION: &str = "us-east-1";

/// Below this, the expiry is shown as a warning.
pub const EXPIRY_WARNING: Duration = Duration::minutes(10);

/// Everything typed into the Connection form. Kept as typed, so an error never loses input.
/// `Debug` redacts the secret access key and the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionForm {
    /// The paste box (it may hold secrets: Forget clears it too).
    pub paste: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub expiration: Option<OffsetDateTime>,
    pub region: String,
    pub ec2_endpoint: String,
    pub ce_endpoint: String,
    pub sts_endpoint: String,
    pub cloudwatch_endpoint: String,
    pub endpoint_mode: OverrideMode,
}

impl Default for ConnectionForm {
    fn default() -> Self {
        ConnectionForm {
            paste: String::new(),
            access_key_id: String::new(),
            secret_access_key: String::new(),
            session_token: String::new(),
            expiration: None,
            region: DEFAULT_REGION.to_owned(),
            ec2_endpoint: String::new(),
            ce_endpoint: String::new(),
            sts_endpoint: String::new(),
            cloudwatch_endpoint: String::new(),
            endpoint_mode: OverrideMode::AwsCompatible,
        }
    }
}

impl std::fmt::Debug for ConnectionForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |s: &str| if s.is_empty() { "" } else { "** redacted **" };
        f.debug_struct("ConnectionForm")
            .field("paste", &redacted(&self.paste))
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &redacted(&self.secret_access_key))
            .field("session_token", &redacted(&self.session_token))
            .field("expiration", &self.expiration)
            .field("region", &self.region)
            .field("ec2_endpoint", &self.ec2_endpoint)
            .field("ce_endpoint", &self.ce_endpoint)
            .field("sts_endpoint", &self.sts_endpoint)
            .field("cloudwatch_endpoint", &self.cloudwatch_endpoint)
            .field("endpoint_mode", &self.endpoint_mode)
            .finish()
    }
}

/// What a paste produced: the form filled from it, and a line saying what was recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteResult {
    /// "Recognised: IAM Identity Center (bash)", plus the region if the paste named one.
    pub summary: String,
}

impl ConnectionForm {
    /// Fills the three credential fields (and expiry, and region if named) from pasted text.
    /// On error the form is left exactly as it was.
    pub fn apply_paste(&mut self, text: &str) -> Result<PasteResult, CredentialError> {
        let parsed = parse_credentials_for(text, self.key_checks())?;
        let c = &parsed.credentials;
        self.access_key_id = c.access_key_id().to_owned();
        self.secret_access_key = c.secret_access_key().to_owned();
        self.session_token = c.session_token().unwrap_or_default().to_owned();
        self.expiration = c.expiration();
        let mut summary = format!("Recognised: {}", parsed.format.label());
        if let Some(region) = parsed.region.as_deref().and_then(find_region) {
            self.region = region.code.to_owned();
            summary.push_str(&format!("; region {} selected", region.code));
        }
        Ok(PasteResult { summary })
    }

    /// Forgets the credentials and the paste box (the region and endpoints are not secrets and
    /// stay).
    pub fn forget_credentials(&mut self) {
        self.paste.clear();
        self.access_key_id.clear();
        self.secret_access_key.clear();
        self.session_token.clear();
        self.expiration = None;
    }

    /// Which key checks apply: AWS's, unless every service has a valid AWS-compatible custom
    /// endpoint (a local stand-in with keys of its own, such as LocalStack's `test` / `test`).
    pub fn key_checks(&self) -> KeyChecks {
        let all_set = self.endpoint_fields().iter().all(|s| !s.trim().is_empty());
        if self.endpoint_mode == OverrideMode::AwsCompatible && all_set && self.overrides().is_ok()
        {
            KeyChecks::StandIn
        } else {
            KeyChecks::Aws
        }
    }

    /// A note when the typed keys are accepted only because every endpoint is a stand-in.
    pub fn key_note(&self) -> Option<&'static str> {
        if self.key_checks() != KeyChecks::StandIn {
            return None;
        }
        let token = Some(self.session_token.as_str()).filter(|t| !t.trim().is_empty());
        let aws = Credentials::new(&self.access_key_id, &self.secret_access_key, token);
        let typed =
            !self.access_key_id.trim().is_empty() && !self.secret_access_key.trim().is_empty();
        (typed && aws.is_err()).then_some(
            "These keys don't look like AWS's. They are accepted because every endpoint is a \
             custom AWS-compatible one (a stand-in such as LocalStack or moto); AWS itself \
             would refuse them.",
        )
    }

    /// What the security notice adds while custom endpoints are set: where requests go
    /// instead of AWS, and what whoever runs them receives.
    pub fn custom_endpoints_notice(&self) -> Option<String> {
        // In the fields' order, each origin once (at most four: neither a sort nor a `join` in
        // the first view, 5.3 and 0.8 KB of wasm).
        let mut origins: Vec<&str> = Vec::new();
        let mut listed = String::new();
        for field in self.endpoint_fields() {
            let field = field.trim();
            // Only endpoints that would be used (a refused one has its own error).
            if EndpointOverride::parse(field, self.endpoint_mode).is_ok() {
                let origin = crate::csp::origin_of(field);
                if !origins.contains(&origin) {
                    if !origins.is_empty() {
                        listed.push_str(", ");
                    }
                    listed.push_str(origin);
                    origins.push(origin);
                }
            }
        }
        if origins.is_empty() {
            return None;
        }
        let receives = match self.endpoint_mode {
            OverrideMode::PassThroughProxy => {
                "your access key ID and session token, in requests AWS accepts as they are \
                 (a proxy can send them on, to AWS or elsewhere, for about 5 minutes)"
            }
            OverrideMode::AwsCompatible => {
                "your access key ID and session token, in requests signed for that endpoint"
            }
        };
        Some(format!(
            "Custom endpoints are on: requests go to {} instead of AWS. Whoever runs {} \
             receives {receives}.",
            listed,
            if origins.len() == 1 { "it" } else { "them" }
        ))
    }

    /// The endpoint fields, one per service in [`Service::ALL`]'s order.
    pub fn endpoint_fields(&self) -> [&String; 4] {
        [
            &self.ec2_endpoint,
            &self.ce_endpoint,
            &self.sts_endpoint,
            &self.cloudwatch_endpoint,
        ]
    }

    /// Checks the endpoint fields; an empty field means AWS's own endpoint.
    pub fn endpoint_errors(&self) -> Vec<(Service, EndpointError)> {
        self.overrides().err().unwrap_or_default()
    }

    fn overrides(&self) -> Result<Overrides, Vec<(Service, EndpointError)>> {
        let mut errors = Vec::new();
        let mut parse = |service, text: &str| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            EndpointOverride::parse(text, self.endpoint_mode)
                .map_err(|e| errors.push((service, e)))
                .ok()
        };
        let overrides = Overrides {
            ec2: parse(Service::Ec2, &self.ec2_endpoint),
            cost_explorer: parse(Service::CostExplorer, &self.ce_endpoint),
            sts: parse(Service::Sts, &self.sts_endpoint),
            cloudwatch: parse(Service::CloudWatch, &self.cloudwatch_endpoint),
        };
        if errors.is_empty() {
            Ok(overrides)
        } else {
            Err(errors)
        }
    }

    /// Validates everything and builds the connection the app signs with.
    pub fn connection(&self) -> Result<Connection, ConnectionError> {
        // A paste that was not accepted left the fields empty: its own error (shown under the
        // paste box) is the real one, not "no access key ID".
        let fields_empty =
            self.access_key_id.trim().is_empty() && self.secret_access_key.trim().is_empty();
        if fields_empty
            && !self.paste.trim().is_empty()
            && parse_credentials_for(&self.paste, self.key_checks()).is_err()
        {
            return Err(ConnectionError::PasteNotAccepted);
        }
        let credentials = Credentials::new_for(
            &self.access_key_id,
            &self.secret_access_key,
            Some(self.session_token.as_str()),
            self.key_checks(),
        )?
        .with_expiration(self.expiration);
        if find_region(&self.region).is_none() {
            return Err(ConnectionError::UnknownRegion(self.region.clone()));
        }
        let overrides = self.overrides().map_err(ConnectionError::Endpoints)?;
        Ok(Connection {
            credentials,
            region: self.region.clone(),
            overrides,
            demo: false,
        })
    }
}

/// Why the form cannot be used yet.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConnectionError {
    #[error(transparent)]
    Credentials(#[from] CredentialError),
    /// The fields are empty and the paste box holds a paste that was not accepted.
    #[error(
        "Nothing to connect with yet: the paste above was not accepted (its problem is shown \
         under it). Fix it, or type the three values."
    )]
    PasteNotAccepted,
    #[error("\"{0}\" is not a region this app knows: pick one from the list.")]
    UnknownRegion(String),
    #[error("{}", endpoint_summary(.0))]
    Endpoints(Vec<(Service, EndpointError)>),
}

fn endpoint_summary(errors: &[(Service, EndpointError)]) -> String {
    errors
        .iter()
        .map(|(s, e)| format!("{} endpoint: {e}", s.label()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Validated credentials plus where to send requests: what every AWS call needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub credentials: Credentials,
    pub region: String,
    pub overrides: Overrides,
    /// Answers come from sample data built into the app; nothing goes over the network.
    pub demo: bool,
}

impl Connection {
    /// Where `service` is reached for this connection's region, honouring the overrides.
    pub fn endpoint(&self, service: Service) -> Result<ResolvedEndpoint, EndpointError> {
        self.endpoint_in(service, &self.region)
    }

    /// The same, for another region (the all-regions fan-out).
    pub fn endpoint_in(
        &self,
        service: Service,
        region: &str,
    ) -> Result<ResolvedEndpoint, EndpointError> {
        self.overrides.resolve(service, region)
    }
}

/// How long the credentials have left, for the countdown and its warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// The paste did not say (long-term keys, or three separate values).
    Unknown,
    /// More than [`EXPIRY_WARNING`] left.
    Valid { left: Duration },
    /// Less than [`EXPIRY_WARNING`] left.
    Soon { left: Duration },
    /// Already expired.
    Expired { ago: Duration },
}

impl Expiry {
    /// The state at `now`.
    pub fn at(expiration: Option<OffsetDateTime>, now: OffsetDateTime) -> Expiry {
        match expiration {
            None => Expiry::Unknown,
            Some(e) if e <= now => Expiry::Expired { ago: now - e },
            Some(e) if e - now < EXPIRY_WARNING => Expiry::Soon { left: e - now },
            Some(e) => Expiry::Valid { left: e - now },
        }
    }

    /// "expires in 42 min 5 s", "expired 3 min ago", or "" when unknown.
    pub fn describe(self) -> String {
        match self {
            Expiry::Unknown => String::new(),
            Expiry::Valid { left } | Expiry::Soon { left } => {
                format!("expires in {}", human_duration(left))
            }
            Expiry::Expired { ago } => format!("expired {} ago", human_duration(ago)),
        }
    }
}

/// `1 h 02 min`, `9 min 05 s`, `42 s`: precise enough for a countdown, short enough for a badge.
pub fn human_duration(d: Duration) -> String {
    let secs = d.whole_seconds().max(0);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h} h {m:02} min")
    } else if m > 0 {
        format!("{m} min {s:02} s")
    } else {
        format!("{s} s")
    }
}

/// An instant as people read it in this app: `2026-11-23 14:05:09 UTC`.
pub fn utc_text(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}
