//! JSON written exactly like Python's `json.dumps(value)` with default arguments, which is
//! what botocore sends: `", "` / `": "` separators and `ensure_ascii=True`.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io;

/// Serializes `value` as botocore would. Struct members come out in declaration order
/// (declare them in the model's order).
pub fn to_botocore_json<T: Serialize>(value: &T) -> String {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PythonFormatter);
    // Our input types only hold strings, integers, lists and structs: serializing them
    // can't fail. (`unreachable!` and not `expect`, here and in the other can't-fail spots:
    // `expect` compiles the error's `Debug` into the wasm, with every variant's name.)
    value
        .serialize(&mut ser)
        .unwrap_or_else(|_| unreachable!("request inputs always serialize"));
    // The formatter only writes ASCII.
    String::from_utf8(out).unwrap_or_else(|_| unreachable!("ASCII output"))
}

/// A `serde_json` formatter mirroring CPython's `json` encoder defaults.
struct PythonFormatter;

impl Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    /// serde_json already escapes `"`, `\` and control characters as Python does (`\n`,
    /// `\u001f`, lower-case hex); Python also escapes DEL and everything beyond ASCII, as
    /// UTF-16 code units.
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Almost every fragment is plain ASCII: written whole, without walking its chars.
        if fragment.bytes().all(|b| b < 0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if (c as u32) < 0x7f {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_python_json_dumps() {
        let value = serde_json::json!(["a\u{7f}é😀\n\u{1f}\"\\/", 1, {}, []]);
        // Expected from Python: json.dumps(["a\x7fé😀\n\x1f\"\\/", 1, {}, []])
        assert_eq!(
            to_botocore_json(&value),
            r#"["a\u007f\u00e9\ud83d\ude00\n\u001f\"\\/", 1, {}, []]"#
        );
    }
}
