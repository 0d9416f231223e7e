//! Differential: answers AWS could send, generated from botocore's service model, parsed by
//! botocore and by lens-core; the two must agree member by member (tests/responses/compare.rs,
//! the same comparison as the committed fixtures get).
//!
//! The fuzz bytes are the generator's choices (fuzz/differential/botocore_oracle.py, a
//! long-lived Python process with botocore): which operation, which optional members, list
//! lengths, every character, number, enum value and timestamp. The oracle sends back the body
//! and botocore's parse of it. A difference, or our refusal of a valid body, is a crash.
//!
//! The oracle runs with the e2e venv's Python (`scripts/setup.sh test` makes it), or the one
//! named by LENS_FUZZ_PYTHON.
#![no_main]

use lens_core::aws::http::HttpResponse;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::io::{Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

#[path = "../../tests/responses/compare.rs"]
mod compare;
#[path = "../../tests/responses/convert.rs"]
mod convert;

struct Oracle {
    _child: Child,
    to: ChildStdin,
    from: ChildStdout,
}

impl Oracle {
    fn start() -> Oracle {
        let dir = env!("CARGO_MANIFEST_DIR");
        let python = std::env::var("LENS_FUZZ_PYTHON")
            .unwrap_or_else(|_| format!("{dir}/../e2e/.venv/bin/python"));
        let mut child = Command::new(&python)
            .arg(format!("{dir}/differential/botocore_oracle.py"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the botocore oracle with {python}: {e} (run scripts/setup.sh test, or set LENS_FUZZ_PYTHON)")
            });
        let to = child.stdin.take().unwrap();
        let from = child.stdout.take().unwrap();
        Oracle {
            _child: child,
            to,
            from,
        }
    }

    /// The oracle's answer for these choices.
    fn ask(&mut self, data: &[u8]) -> Value {
        let len = u32::try_from(data.len()).unwrap();
        self.to.write_all(&len.to_le_bytes()).unwrap();
        self.to.write_all(data).unwrap();
        self.to.flush().unwrap();
        let mut head = [0u8; 4];
        self.from
            .read_exact(&mut head)
            .expect("the botocore oracle died (its traceback is above)");
        let mut reply = vec![0u8; u32::from_le_bytes(head) as usize];
        self.from.read_exact(&mut reply).unwrap();
        serde_json::from_slice(&reply).unwrap()
    }
}

static ORACLE: Mutex<Option<Oracle>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let answer = {
        let mut oracle = ORACLE.lock().unwrap();
        oracle.get_or_insert_with(Oracle::start).ask(data)
    };
    let op = answer["op"].as_str().unwrap();
    let headers = answer["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect();
    let resp = HttpResponse {
        status: 200,
        headers,
        body: answer["body"].as_str().unwrap().to_owned(),
    };
    if let Err(d) = compare::agree(op, &resp, &answer["output"], &answer["numbers"]) {
        panic!("{op}: {d}\nbody:\n{}", resp.body);
    }
});
