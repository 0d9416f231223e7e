//! The session's answers, so a repeated request costs nothing: keyed by who asked (the
//! account and ARN STS named), where (the endpoint) and exactly what (operation and body).
//! With no identity known nothing is cached, so one caller's answer never reaches another.

use std::collections::HashMap;

use crate::aws::endpoint::ResolvedEndpoint;
use crate::aws::http::HttpResponse;

/// Who the connection belongs to, from STS `GetCallerIdentity`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Identity {
    pub account: String,
    pub arn: String,
}

/// Successful answers by caller, endpoint and exact request.
#[derive(Debug, Default)]
pub struct Cache {
    answers: HashMap<String, HttpResponse>,
}

impl Cache {
    /// The key of a request, or `None` when no identity is known (nothing is cached then).
    pub fn key(
        identity: Option<&Identity>,
        endpoint: &ResolvedEndpoint,
        operation: &str,
        body: &str,
    ) -> Option<String> {
        let who = identity?;
        Some(format!(
            "{}\n{}\n{}\n{}\n{}\n{operation}\n{body}",
            who.account, who.arn, endpoint.url, endpoint.signing_host, endpoint.signing_region
        ))
    }

    /// The answer stored under `key`.
    pub fn get(&self, key: &str) -> Option<&HttpResponse> {
        self.answers.get(key)
    }

    /// Whether `key` has an answer.
    pub fn contains(&self, key: &str) -> bool {
        self.answers.contains_key(key)
    }

    /// Stores a successful answer.
    pub fn insert(&mut self, key: String, answer: HttpResponse) {
        self.answers.insert(key, answer);
    }

    /// Forgets every answer.
    pub fn clear(&mut self) {
        self.answers.clear();
    }

    /// How many answers are stored.
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }
}
