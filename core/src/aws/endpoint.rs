//! Regions, partitions and where each service is reached, including user overrides.
//!
//! The hosts follow botocore 1.44.5's `endpoints.json` and endpoint rule sets (the request
//! vectors in `tests/vectors/` were produced by botocore's own endpoint resolution).

use std::fmt;

/// The AWS services Reservation Lens calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    /// Amazon EC2 (query protocol): capacity reservations and their usage.
    Ec2,
    /// AWS Cost Explorer (JSON 1.1): reservation coverage and dimension values.
    CostExplorer,
    /// AWS STS (query protocol): who the pasted credentials belong to.
    Sts,
    /// Amazon CloudWatch (JSON 1.0, awsQueryCompatible): metrics over time.
    CloudWatch,
}

impl Service {
    /// Every service, in the order the settings screen lists them.
    pub const ALL: [Service; 4] = [
        Service::Ec2,
        Service::CostExplorer,
        Service::Sts,
        Service::CloudWatch,
    ];

    /// The SigV4 signing name (the service part of the credential scope).
    pub fn signing_name(self) -> &'static str {
        match self {
            Service::Ec2 => "ec2",
            Service::CostExplorer => "ce",
            Service::Sts => "sts",
            Service::CloudWatch => "monitoring",
        }
    }

    /// The name people know the service by.
    pub fn label(self) -> &'static str {
        match self {
            Service::Ec2 => "Amazon EC2",
            Service::CostExplorer => "AWS Cost Explorer",
            Service::Sts => "AWS STS",
            Service::CloudWatch => "Amazon CloudWatch",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// An AWS partition: a group of regions sharing a DNS suffix and an account space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Partition {
    /// The commercial partition (`aws`).
    Aws,
    /// AWS in China (`aws-cn`), operated by local partners.
    AwsCn,
    /// AWS GovCloud (US) (`aws-us-gov`).
    AwsUsGov,
}

impl Partition {
    /// The partition id as AWS writes it in ARNs.
    pub fn id(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsUsGov => "aws-us-gov",
        }
    }

    /// The DNS suffix of the partition's service endpoints.
    pub fn dns_suffix(self) -> &'static str {
        match self {
            Partition::AwsCn => "amazonaws.com.cn",
            Partition::Aws | Partition::AwsUsGov => "amazonaws.com",
        }
    }

    /// A human name for the partition.
    pub fn label(self) -> &'static str {
        match self {
            Partition::Aws => "AWS",
            Partition::AwsCn => "AWS China",
            Partition::AwsUsGov => "AWS GovCloud (US)",
        }
    }

    /// The partition of a region code, known or not: AWS names China regions `cn-*` and
    /// GovCloud regions `us-gov-*`, so a region newer than our list still resolves.
    pub fn of_region(code: &str) -> Partition {
        if code.starts_with("cn-") {
            Partition::AwsCn
        } else if code.starts_with("us-gov-") {
            Partition::AwsUsGov
        } else {
            Partition::Aws
        }
    }
}

/// A region people can pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Region {
    /// The region code, e.g. `eu-west-1`.
    pub code: &'static str,
    /// AWS's description, e.g. `Europe (Ireland)`.
    pub name: &'static str,
    /// The partition the region belongs to.
    pub partition: Partition,
}

macro_rules! regions {
    ($($partition:ident: $($code:literal => $name:literal),* ;)*) => {
        &[$($(Region { code: $code, name: $name, partition: Partition::$partition }),*),*]
    };
}

/// Every region of the `aws`, `aws-cn` and `aws-us-gov` partitions in botocore 1.44.5's
/// `endpoints.json`, with its descriptions.
pub const REGIONS: &[Region] = regions! {
    Aws:
        "af-south-1" => "Africa (Cape Town)",
        "ap-east-1" => "Asia Pacific (Hong Kong)",
        "ap-east-2" => "Asia Pacific (Taipei)",
        "ap-northeast-1" => "Asia Pacific (Tokyo)",
        "ap-northeast-2" => "Asia Pacific (Seoul)",
        "ap-northeast-3" => "Asia Pacific (Osaka)",
        "ap-south-1" => "Asia Pacific (Mumbai)",
        "ap-south-2" => "Asia Pacific (Hyderabad)",
        "ap-southeast-1" => "Asia Pacific (Singapore)",
        "ap-southeast-2" => "Asia Pacific (Sydney)",
        "ap-southeast-3" => "Asia Pacific (Jakarta)",
        "ap-southeast-4" => "Asia Pacific (Melbourne)",
        "ap-southeast-5" => "Asia Pacific (Malaysia)",
        "ap-southeast-6" => "Asia Pacific (New Zealand)",
        "ap-southeast-7" => "Asia Pacific (Thailand)",
        "ca-central-1" => "Canada (Central)",
        "ca-west-1" => "Canada West (Calgary)",
        "eu-central-1" => "Europe (Frankfurt)",
        "eu-central-2" => "Europe (Zurich)",
        "eu-north-1" => "Europe (Stockholm)",
        "eu-south-1" => "Europe (Milan)",
        "eu-south-2" => "Europe (Spain)",
        "eu-west-1" => "Europe (Ireland)",
        "eu-west-2" => "Europe (London)",
        "eu-west-3" => "Europe (Paris)",
        "il-central-1" => "Israel (Tel Aviv)",
        "me-central-1" => "Middle East (UAE)",
        "me-south-1" => "Middle East (Bahrain)",
        "mx-central-1" => "Mexico (Central)",
        "sa-east-1" => "South America (Sao Paulo)",
        "us-east-1" => "US East (N. Virginia)",
        "us-east-2" => "US East (Ohio)",
        "us-west-1" => "US West (N. California)",
        "us-west-2" => "US West (Oregon)";
    AwsCn:
        "cn-north-1" => "China (Beijing)",
        "cn-northwest-1" => "China (Ningxia)";
    AwsUsGov:
        "us-gov-east-1" => "AWS GovCloud (US-East)",
        "us-gov-west-1" => "AWS GovCloud (US-West)";
};

impl Region {
    /// What a region picker shows: `Europe (Ireland) · eu-west-1`.
    pub fn label(&self) -> String {
        format!("{} · {}", self.name, self.code)
    }
}

/// The region with this code, if it is in [`REGIONS`].
pub fn find_region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// How an override URL is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OverrideMode {
    /// Send to the override and sign for the override's own host and path, like the AWS CLI's
    /// `--endpoint-url`: for a local stand-in that checks signatures against its own host.
    AwsCompatible,
    /// Send to the override but sign for AWS's own host and path `/`: for a proxy that
    /// forwards the request unchanged to AWS (with AWS's `Host`), e.g. to add CORS headers.
    PassThroughProxy,
}

/// A validated override URL for one service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointOverride {
    scheme: &'static str,
    /// Lower-cased host, with `[...]` kept for IPv6 literals.
    host: String,
    port: Option<u16>,
    /// Empty, or starting with `/` (kept as written, trailing slash included).
    path: String,
    mode: OverrideMode,
}

impl EndpointOverride {
    /// Checks an override URL: `http` or `https`, a host, an optional port and an optional
    /// path; no user name, query or fragment.
    pub fn parse(url: &str, mode: OverrideMode) -> Result<Self, EndpointError> {
        let url = url.trim();
        if url.is_empty() {
            return Err(EndpointError::OverrideEmpty);
        }
        let (scheme, rest) = if let Some(rest) = strip_prefix_ignore_case(url, "https://") {
            ("https", rest)
        } else if let Some(rest) = strip_prefix_ignore_case(url, "http://") {
            ("http", rest)
        } else {
            return Err(EndpointError::OverrideScheme);
        };
        if rest.contains(['?', '#']) {
            return Err(EndpointError::OverrideQueryOrFragment);
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(EndpointError::OverrideUserInfo);
        }
        let (host, port) = split_host_port(authority)?;
        if scheme == "http" && !is_loopback(&host) {
            return Err(EndpointError::OverrideInsecure { host });
        }
        validate_path(path)?;
        Ok(Self {
            scheme,
            host,
            port,
            path: path.to_string(),
            mode,
        })
    }

    /// How the override is used.
    pub fn mode(&self) -> OverrideMode {
        self.mode
    }

    /// The override as a URL, its path kept as written (botocore does the same with
    /// `--endpoint-url`), `/` when it has none.
    pub fn url(&self) -> String {
        let mut url = format!("{}://{}", self.scheme, self.host);
        if let Some(port) = self.port {
            url.push_str(&format!(":{port}"));
        }
        url.push_str(if self.path.is_empty() {
            "/"
        } else {
            &self.path
        });
        url
    }

    /// The `host` header value SigV4 signs: the port is left out when it is the scheme's
    /// default, as browsers (and botocore) write it.
    fn host_header(&self) -> String {
        match (self.scheme, self.port) {
            (_, None) | ("http", Some(80)) | ("https", Some(443)) => self.host.clone(),
            (_, Some(port)) => format!("{}:{port}", self.host),
        }
    }
}

/// The overrides a user set, at most one per service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    /// For Amazon EC2.
    pub ec2: Option<EndpointOverride>,
    /// For AWS Cost Explorer.
    pub cost_explorer: Option<EndpointOverride>,
    /// For AWS STS.
    pub sts: Option<EndpointOverride>,
    /// For Amazon CloudWatch.
    pub cloudwatch: Option<EndpointOverride>,
}

impl Overrides {
    /// The override of `service`, if any.
    pub fn get(&self, service: Service) -> Option<&EndpointOverride> {
        match service {
            Service::Ec2 => self.ec2.as_ref(),
            Service::CostExplorer => self.cost_explorer.as_ref(),
            Service::Sts => self.sts.as_ref(),
            Service::CloudWatch => self.cloudwatch.as_ref(),
        }
    }

    /// Resolves `service` for `region` with its override, if any (see [`resolve`]).
    pub fn resolve(
        &self,
        service: Service,
        region: &str,
    ) -> Result<ResolvedEndpoint, EndpointError> {
        resolve(service, region, self.get(service))
    }
}

/// Where to send a request and what to sign it for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedEndpoint {
    /// The URL the request is sent to.
    pub url: String,
    /// The URL the signature is computed for (its host and path). Differs from `url` only for
    /// a pass-through proxy.
    pub signing_url: String,
    /// The `host` value that is signed (never sent by us: the browser sets `Host`).
    pub signing_host: String,
    /// The region in the credential scope.
    pub signing_region: String,
    /// The service in the credential scope.
    pub signing_name: &'static str,
}

/// Why no endpoint could be resolved.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    /// The region code is not a well-formed AWS region code.
    #[error("\"{0}\" is not a region code: pick a region from the list, e.g. us-east-1.")]
    RegionMalformed(String),
    /// The service is not offered in the region's partition.
    #[error(
        "{service} is not available in {partition}. Cost Explorer data for GovCloud accounts \
         is shown in the standard AWS account they are linked to: sign in there instead."
    )]
    ServiceNotInPartition {
        /// The service asked for.
        service: Service,
        /// The partition of the chosen region.
        partition: &'static str,
    },
    /// The override URL is empty.
    #[error("The endpoint override is empty: enter a URL such as http://localhost:4566, or remove the override.")]
    OverrideEmpty,
    /// The override URL does not start with `http://` or `https://`.
    #[error("The endpoint override must start with http:// or https://.")]
    OverrideScheme,
    /// Plain `http://` to a host other than this computer: the session token and signatures
    /// that AWS accepts for minutes would cross the network in clear.
    #[error(
        "Plain http:// is allowed only for this computer (localhost, 127.0.0.1, [::1]): \
         {host} would receive your session token and signed requests unencrypted, readable \
         and replayable by anyone on the way. Use https://{host}."
    )]
    OverrideInsecure {
        /// The host, as written (lower-cased).
        host: String,
    },
    /// The override URL has a user name or password.
    #[error(
        "The endpoint override must not contain a user name or password (user@host): remove it."
    )]
    OverrideUserInfo,
    /// The override URL has a query string or fragment.
    #[error("The endpoint override must not contain '?' or '#': requests are sent to a host, a port and a path only.")]
    OverrideQueryOrFragment,
    /// The override URL has no host or a host with characters a host name can't have.
    #[error("The endpoint override has no valid host name: write it like http://localhost:4566 or https://proxy.example.com/aws.")]
    OverrideHost,
    /// The override URL's port is not a number from 1 to 65535.
    #[error("The endpoint override's port must be a number from 1 to 65535.")]
    OverridePort,
    /// The override URL's path has characters or segments we won't sign.
    #[error("The endpoint override's path may only contain letters, digits and - . _ ~ / and must not contain empty, '.' or '..' segments.")]
    OverridePath,
}

/// Resolves where `service` is reached for a user working in `region`, honouring `over`.
pub fn resolve(
    service: Service,
    region: &str,
    over: Option<&EndpointOverride>,
) -> Result<ResolvedEndpoint, EndpointError> {
    if !is_region_code(region) {
        return Err(EndpointError::RegionMalformed(region.to_string()));
    }
    let partition = Partition::of_region(region);
    let suffix = partition.dns_suffix();
    // Cost Explorer has one endpoint per partition, whatever region the user works in, and
    // none in GovCloud (botocore's endpoints.json lists no `ce` there).
    let (aws_host, signing_region) = match service {
        Service::Ec2 => (format!("ec2.{region}.{suffix}"), region.to_string()),
        Service::Sts => (format!("sts.{region}.{suffix}"), region.to_string()),
        Service::CloudWatch => (format!("monitoring.{region}.{suffix}"), region.to_string()),
        Service::CostExplorer => match partition {
            Partition::Aws => ("ce.us-east-1.amazonaws.com".into(), "us-east-1".into()),
            Partition::AwsCn => (
                "ce.cn-northwest-1.amazonaws.com.cn".into(),
                "cn-northwest-1".into(),
            ),
            Partition::AwsUsGov => {
                return Err(EndpointError::ServiceNotInPartition {
                    service,
                    partition: partition.label(),
                })
            }
        },
    };
    let aws_url = format!("https://{aws_host}/");
    let signing_name = service.signing_name();
    Ok(match over {
        None => ResolvedEndpoint {
            url: aws_url.clone(),
            signing_url: aws_url,
            signing_host: aws_host,
            signing_region,
            signing_name,
        },
        Some(o) if o.mode == OverrideMode::AwsCompatible => ResolvedEndpoint {
            url: o.url(),
            signing_url: o.url(),
            signing_host: o.host_header(),
            signing_region,
            signing_name,
        },
        Some(o) => ResolvedEndpoint {
            url: o.url(),
            signing_url: aws_url,
            signing_host: aws_host,
            signing_region,
            signing_name,
        },
    })
}

fn is_region_code(code: &str) -> bool {
    let ok_chars = code
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok_chars
        && code.len() <= 32
        && code.split('-').count() >= 3
        && code.split('-').all(|part| !part.is_empty())
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `localhost` (and its sub-names, which browsers resolve to this computer), `127.0.0.0/8`
/// and `[::1]`.
fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") {
        return true;
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return ipv6_groups(inner) == Some([0, 0, 0, 0, 0, 0, 0, 1]);
    }
    ipv4_octets(host).is_some_and(|o| o[0] == 127)
}

// The two address readers below answer exactly as `std::net::Ipv4Addr`'s and `Ipv6Addr`'s
// `FromStr` do (the differential test at the end of this file), read by hand because std's
// parsers cost the first view 3.5 KB of wasm (measured in BENCHMARKS.md) for two yes/no
// questions.

/// A dotted-quad IPv4 address as std reads it: four decimal octets of at most three digits,
/// no leading zero, each at most 255.
fn ipv4_octets(text: &str) -> Option<[u8; 4]> {
    let mut octets = [0u8; 4];
    let mut parts = text.split('.');
    for octet in &mut octets {
        let part = parts.next()?;
        let digits = part.as_bytes();
        if digits.is_empty()
            || digits.len() > 3
            || !digits.iter().all(u8::is_ascii_digit)
            || (digits.len() > 1 && digits[0] == b'0')
        {
            return None;
        }
        let value = digits
            .iter()
            .fold(0u16, |v, d| v * 10 + u16::from(d - b'0'));
        *octet = u8::try_from(value).ok()?;
    }
    parts.next().is_none().then_some(octets)
}

/// An IPv6 address (no brackets) as std reads it: groups of one to four hex digits, one `::`
/// standing for at least one zero group, an IPv4 address in place of the last two groups.
fn ipv6_groups(text: &str) -> Option<[u16; 8]> {
    let (head, tail) = match text.split_once("::") {
        Some((head, tail)) => (head, Some(tail)),
        None => (text, None),
    };
    let mut head_groups = Vec::new();
    read_ipv6_side(head, tail.is_none(), &mut head_groups)?;
    let mut groups = [0u16; 8];
    match tail {
        None => {
            if head_groups.len() != 8 {
                return None;
            }
            groups.copy_from_slice(&head_groups);
        }
        Some(tail) => {
            let mut tail_groups = Vec::new();
            read_ipv6_side(tail, true, &mut tail_groups)?;
            if head_groups.len() + tail_groups.len() > 7 {
                return None;
            }
            groups[..head_groups.len()].copy_from_slice(&head_groups);
            groups[8 - tail_groups.len()..].copy_from_slice(&tail_groups);
        }
    }
    Some(groups)
}

/// One side of an IPv6 address's `::` (or the whole address): `:`-separated groups, the last
/// of which may be an IPv4 address when `ipv4_last`.
fn read_ipv6_side(text: &str, ipv4_last: bool, groups: &mut Vec<u16>) -> Option<()> {
    if text.is_empty() {
        return Some(());
    }
    let mut parts = text.split(':').peekable();
    while let Some(part) = parts.next() {
        if groups.len() >= 8 {
            return None;
        }
        if ipv4_last && parts.peek().is_none() && part.contains('.') {
            let o = ipv4_octets(part)?;
            groups.push(u16::from(o[0]) << 8 | u16::from(o[1]));
            groups.push(u16::from(o[2]) << 8 | u16::from(o[3]));
        } else {
            let digits = part.as_bytes();
            if digits.is_empty() || digits.len() > 4 {
                return None;
            }
            let mut value = 0u16;
            for d in digits {
                value = value << 4 | u16::try_from(char::from(*d).to_digit(16)?).ok()?;
            }
            groups.push(value);
        }
    }
    (groups.len() <= 8).then_some(())
}

fn split_host_port(authority: &str) -> Result<(String, Option<u16>), EndpointError> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        // An IPv6 literal: `[::1]:4566`.
        let end = rest.find(']').ok_or(EndpointError::OverrideHost)?;
        let inner = &rest[..end];
        if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return Err(EndpointError::OverrideHost);
        }
        let after = &rest[end + 1..];
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or(EndpointError::OverrideHost)?),
        };
        (format!("[{}]", inner.to_ascii_lowercase()), port)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        let valid = !host.is_empty()
            && host.len() <= 253
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            && host.split('.').all(|label| !label.is_empty());
        if !valid {
            return Err(EndpointError::OverrideHost);
        }
        (host.to_ascii_lowercase(), port)
    };
    let port = match port {
        None => None,
        Some(p) => {
            let n: u16 = p
                .parse()
                .ok()
                .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
                .ok_or(EndpointError::OverridePort)?;
            if n == 0 {
                return Err(EndpointError::OverridePort);
            }
            Some(n)
        }
    };
    Ok((host, port))
}

/// Only plain segments: SigV4 signs the path after normalising and percent-encoding it, and
/// signers differ on edge cases (`//`, `.`, `%`), so we accept only paths they all agree on.
pub(crate) fn validate_path(path: &str) -> Result<(), EndpointError> {
    if path.is_empty() || path == "/" {
        return Ok(());
    }
    // One trailing slash is fine (`/base/`): it is sent and signed as written.
    let ok = path.strip_prefix('/').is_some_and(|rest| {
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        rest.split('/').all(|seg| {
            !seg.is_empty()
                && seg != "."
                && seg != ".."
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
        })
    });
    if ok {
        Ok(())
    } else {
        Err(EndpointError::OverridePath)
    }
}

#[cfg(test)]
mod tests {
    use super::{ipv4_octets, ipv6_groups};
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn same_as_std(text: &str) {
        assert_eq!(
            ipv4_octets(text),
            text.parse::<Ipv4Addr>().ok().map(|a| a.octets()),
            "IPv4 {text:?}"
        );
        assert_eq!(
            ipv6_groups(text),
            text.parse::<Ipv6Addr>().ok().map(|a| a.segments()),
            "IPv6 {text:?}"
        );
    }

    #[test]
    fn the_address_readers_answer_as_std_does_on_written_cases() {
        for text in [
            "",
            ".",
            "127.0.0.1",
            "127.8.9.10",
            "255.255.255.255",
            "256.0.0.1",
            "127.0.0.01",
            "127.0.0",
            "127.0.0.1.",
            "127.0.0.1.2",
            "0.0.0.0",
            "00.0.0.0",
            "1.2.3.4 ",
            "+1.2.3.4",
            "1234.0.0.1",
            "127.1",
            "::1",
            "::",
            ":::",
            "::::",
            "0:0:0:0:0:0:0:1",
            "0::1",
            "0000:0000:0000:0000:0000:0000:0000:0001",
            "00000::1",
            "::0:1",
            "1::",
            ":1",
            "1:",
            "1::2::3",
            "1:::2",
            "::0.0.0.1",
            "::127.0.0.1",
            "::ffff:127.0.0.1",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::8",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "1.2.3.4::",
            "1.2.3.4::1",
            "::1.2.3.4:1",
            "fe80::1%eth0",
            "FFFF::",
            "g::1",
            "::1.2.3",
            "::1.2.3.4.5",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::1:2:3:4:5:6:7",
            "::1:2:3:4:5:6:1.2.3.4",
        ] {
            same_as_std(text);
        }
    }

    /// Every string of up to five characters over the characters that matter, and a million
    /// longer random ones (a fixed seed: the same inputs each run).
    #[test]
    fn the_address_readers_answer_as_std_does_on_generated_cases() {
        const ALPHABET: &[u8] = b"0127fF:.9a";
        let mut text = Vec::new();
        fn all(text: &mut Vec<u8>, left: usize) {
            same_as_std(std::str::from_utf8(text).unwrap());
            if left == 0 {
                return;
            }
            for c in ALPHABET {
                text.push(*c);
                all(text, left - 1);
                text.pop();
            }
        }
        all(&mut text, 5);
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        const PIECES: &[&str] = &[
            "0", "1", "127", "255", "256", "ffff", "00000", ":", "::", ".", "7f00", "01",
        ];
        for _ in 0..1_000_000 {
            let len = (next() % 12) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            same_as_std(&text);
        }
    }
}
