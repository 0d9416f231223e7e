//! Amazon CloudWatch `GetMetricData`, as botocore 1.44.5's `cloudwatch` model defines it.
//!
//! The model lists three protocols (`smithy-rpc-v2-cbor`, `json`, `query`); botocore 1.44.5
//! sends JSON 1.0 (`application/x-amz-json-1.0`, `X-Amz-Target:
//! GraniteServiceVersion20100801.GetMetricData`) and, because the service is
//! `awsQueryCompatible`, signs `x-amzn-query-mode: true`. We send exactly that. Errors come as
//! JSON with the query protocol's code in `x-amzn-query-error: Code;Sender`, which the error
//! envelope reader prefers over `__type` (as botocore does).
//!
//! Requests are built and checked in `request`, answers parsed in `response`. CloudWatch bills
//! `GetMetricData` per metric requested (each `MetricStat`, and each metric an expression
//! reads), not per call.

mod request;
mod response;

pub use request::*;
pub use response::*;
