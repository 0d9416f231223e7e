//! The page's Content-Security-Policy, as far as the app needs it: the AWS origins the built
//! policy allows (`scripts/post_build.py` writes them into `index.html`), and whether a policy
//! lets the page connect to an endpoint, so a blocked endpoint is named in words before
//! anything is sent instead of failing as "no answer".
//!
//! Matching follows CSP Level 3's "Does url match source list" for what a `connect-src` holds:
//! `'self'`, `'none'`, `*`, scheme sources (`https:`) and host sources
//! (`[scheme://]host[:port][/path]`, `*.` host wildcards, `:*` ports).

use crate::aws::endpoint::{resolve, Service, REGIONS};

/// Every AWS origin the app can call without an override: EC2, STS and CloudWatch
/// (`monitoring`) in every region of every partition, Cost Explorer's one endpoint per
/// partition. Sorted, no duplicates.
pub fn aws_origins() -> Vec<String> {
    let mut origins: Vec<String> = REGIONS
        .iter()
        .flat_map(|r| Service::ALL.map(|s| resolve(s, r.code, None)))
        .filter_map(Result::ok)
        .map(|e| origin_of(&e.url).to_owned())
        .collect();
    crate::sort::sort(&mut origins);
    origins.dedup();
    origins
}

/// `scheme://host[:port]` of a URL.
pub fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// The sources of `connect-src` in `policy` (falling back to `default-src`); `None` when the
/// policy restricts neither, so any connection is allowed.
pub fn connect_sources(policy: &str) -> Option<Vec<&str>> {
    let directive = |name: &str| {
        policy.split(';').find_map(|d| {
            let mut words = d.split_ascii_whitespace();
            words
                .next()
                .filter(|n| n.eq_ignore_ascii_case(name))
                .map(|_| words.collect::<Vec<_>>())
        })
    };
    directive("connect-src").or_else(|| directive("default-src"))
}

/// Whether `policy` lets a page at `page_origin` connect to `url`.
pub fn allows_connect(policy: &str, page_origin: &str, url: &str) -> bool {
    let Some(sources) = connect_sources(policy) else {
        return true;
    };
    let Some(target) = Url::parse(url) else {
        return false;
    };
    let page = Url::parse(page_origin);
    sources
        .iter()
        .any(|source| matches_source(source, &target, page.as_ref()))
}

/// The parts of a URL source matching looks at.
#[derive(Debug, PartialEq, Eq)]
struct Url<'a> {
    scheme: String,
    host: String,
    port: Option<u16>,
    path: &'a str,
}

impl<'a> Url<'a> {
    fn parse(url: &'a str) -> Option<Url<'a>> {
        let (scheme, rest) = url.split_once("://")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
        let (host, port) = split_port(authority)?;
        Some(Url {
            scheme: scheme.to_ascii_lowercase(),
            host: host.to_ascii_lowercase(),
            port: match port {
                Some(p) => Some(p.parse().ok()?),
                None => None,
            },
            path,
        })
    }

    fn port_or_default(&self) -> Option<u16> {
        self.port.or(default_port(&self.scheme))
    }
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        _ => None,
    }
}

/// `host` and `port` of an authority (`[::1]:4566` keeps its brackets).
fn split_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with('[') {
        let end = authority.find(']')? + 1;
        let (host, rest) = authority.split_at(end);
        return match rest {
            "" => Some((host, None)),
            _ => Some((host, Some(rest.strip_prefix(':')?))),
        };
    }
    Some(match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

/// `http` may be upgraded to `https` (and `ws` to `wss`), as CSP allows.
fn scheme_allows(source: &str, target: &str) -> bool {
    source == target
        || (source == "http" && target == "https")
        || (source == "ws" && target == "wss")
}

fn matches_source(source: &str, target: &Url<'_>, page: Option<&Url<'_>>) -> bool {
    let lower = source.to_ascii_lowercase();
    match lower.as_str() {
        "'none'" => return false,
        "'self'" => {
            return page.is_some_and(|p| {
                p.host == target.host
                    && scheme_allows(&p.scheme, &target.scheme)
                    && (p.port_or_default() == target.port_or_default()
                        || (p.scheme == "http"
                            && target.scheme == "https"
                            && p.port_or_default() == Some(80)
                            && target.port_or_default() == Some(443)))
            })
        }
        "*" => return matches!(target.scheme.as_str(), "http" | "https" | "ws" | "wss"),
        _ if lower.starts_with('\'') => return false,
        _ => {}
    }
    // A scheme source: `https:`.
    if let Some(scheme) = lower.strip_suffix(':').filter(|s| !s.contains('/')) {
        return scheme_allows(scheme, &target.scheme);
    }
    // A host source.
    let (scheme, rest) = match lower.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, lower.as_str()),
    };
    let scheme_ok = match scheme {
        Some(s) => scheme_allows(s, &target.scheme),
        // No scheme: the page's, or its secure upgrade.
        None => page.is_some_and(|p| scheme_allows(&p.scheme, &target.scheme)),
    };
    if !scheme_ok {
        return false;
    }
    let end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let Some((host, port)) = split_port(authority) else {
        return false;
    };
    let host_ok = match host.strip_prefix("*.") {
        Some(suffix) => target
            .host
            .strip_suffix(suffix)
            .is_some_and(|head| head.ends_with('.') && head.len() > 1),
        None => host == target.host,
    };
    let port_ok = match port {
        Some("*") => true,
        Some(p) => p.parse::<u16>().ok() == target.port_or_default(),
        None => {
            let implied = scheme.map_or(target.scheme.as_str(), |s| s);
            default_port(implied) == target.port_or_default()
                || (implied == "http"
                    && target.scheme == "https"
                    && target.port_or_default() == Some(443))
        }
    };
    let path_ok = match path {
        "" | "/" => true,
        p if p.ends_with('/') => target.path.starts_with(p),
        p => target.path == p,
    };
    host_ok && port_ok && path_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
                          connect-src 'self' https://ec2.eu-west-1.amazonaws.com http://127.0.0.1:4566 https://proxy.corp.test/aws/; \
                          img-src 'self' data:";
    const PAGE: &str = "https://lens.corp.test";

    #[test]
    fn connect_src_allows_exactly_its_origins() {
        let allowed = [
            "https://lens.corp.test/",
            "https://ec2.eu-west-1.amazonaws.com/",
            "https://EC2.eu-west-1.amazonaws.com:443/",
            "http://127.0.0.1:4566/base/",
            "https://proxy.corp.test/aws/sts/",
        ];
        for url in allowed {
            assert!(allows_connect(POLICY, PAGE, url), "{url}");
        }
        let refused = [
            "https://ec2.eu-west-2.amazonaws.com/",
            "https://ec2.eu-west-1.amazonaws.com:8443/",
            "http://ec2.eu-west-1.amazonaws.com/",
            "http://127.0.0.1:4567/",
            "http://lens.corp.test/",
            "https://proxy.corp.test/other/",
            "https://evil.example/",
            "not a url",
        ];
        for url in refused {
            assert!(!allows_connect(POLICY, PAGE, url), "{url}");
        }
    }

    #[test]
    fn fallbacks_wildcards_and_schemes() {
        // No connect-src: default-src decides; neither: anything goes.
        assert!(!allows_connect(
            "default-src 'self'",
            PAGE,
            "https://x.test/"
        ));
        assert!(allows_connect("img-src 'self'", PAGE, "https://x.test/"));
        assert!(allows_connect(
            "connect-src https:",
            PAGE,
            "https://x.test/"
        ));
        assert!(!allows_connect(
            "connect-src https:",
            PAGE,
            "http://x.test/"
        ));
        assert!(allows_connect("connect-src *", PAGE, "https://x.test/"));
        assert!(!allows_connect("connect-src 'none'", PAGE, PAGE));
        let wildcard = "connect-src https://*.amazonaws.com http://localhost:*";
        assert!(allows_connect(
            wildcard,
            PAGE,
            "https://ce.us-east-1.amazonaws.com/"
        ));
        assert!(!allows_connect(wildcard, PAGE, "https://amazonaws.com/"));
        assert!(allows_connect(wildcard, PAGE, "http://localhost:8080/"));
        // A scheme-less source takes the page's scheme.
        assert!(allows_connect(
            "connect-src x.test",
            PAGE,
            "https://x.test/"
        ));
        assert!(!allows_connect(
            "connect-src x.test",
            "https://lens.test",
            "http://x.test/"
        ));
        // IPv6 literals keep their brackets.
        assert!(allows_connect(
            "connect-src http://[::1]:4566",
            PAGE,
            "http://[::1]:4566/"
        ));
    }

    #[test]
    fn every_aws_origin_of_the_endpoint_table_is_listed_once() {
        let origins = aws_origins();
        assert!(origins.contains(&"https://ec2.eu-west-1.amazonaws.com".to_string()));
        assert!(origins.contains(&"https://sts.cn-north-1.amazonaws.com.cn".to_string()));
        assert!(origins.contains(&"https://ce.us-east-1.amazonaws.com".to_string()));
        for monitoring in [
            "https://monitoring.us-east-1.amazonaws.com",
            "https://monitoring.cn-north-1.amazonaws.com.cn",
            "https://monitoring.cn-northwest-1.amazonaws.com.cn",
            "https://monitoring.us-gov-west-1.amazonaws.com",
            "https://monitoring.us-gov-east-1.amazonaws.com",
        ] {
            assert!(origins.contains(&monitoring.to_string()), "{monitoring}");
        }
        assert!(origins.contains(&"https://ce.cn-northwest-1.amazonaws.com.cn".to_string()));
        assert!(origins
            .iter()
            .all(|o| o.starts_with("https://") && !o.contains('*')));
        let mut sorted = origins.clone();
        sorted.dedup();
        assert_eq!(sorted, origins);
        // EC2, STS and CloudWatch per region, Cost Explorer once per partition that has it.
        assert_eq!(origins.len(), REGIONS.len() * 3 + 2);
    }
}
