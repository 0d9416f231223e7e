//! What the page says when the app panics: the banner's words, with anything that could be a
//! secret taken out of the panic message first.

/// The most of a panic message the banner shows.
const MAX_DETAIL: usize = 300;

/// Runs this long of base64-like characters (letters, digits, `+ / = _ -`) are cut out of panic
/// messages: a secret access key is 40, a session token hundreds; an access key ID (20) goes
/// too, which costs nothing.
const SECRET_RUN: usize = 20;

/// The banner's text for a panic whose message (with its location) is `message`.
pub fn banner_text(message: &str) -> String {
    format!(
        "Reservation Lens stopped working because of an internal error. Reload the page to \
         start again: nothing was stored, so nothing is lost but what is on the screen (your \
         credentials too: paste them again). Details for a bug report: {}",
        redact(message)
    )
}

/// `message` with every long run of base64-like characters replaced by `[removed]`, cut to
/// [`MAX_DETAIL`] characters.
pub fn redact(message: &str) -> String {
    let secretish = |c: char| c.is_ascii_alphanumeric() || "+/=_-".contains(c);
    let mut out = String::with_capacity(message.len().min(MAX_DETAIL));
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().count() >= SECRET_RUN {
            out.push_str("[removed]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in message.chars() {
        if secretish(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    if out.chars().count() > MAX_DETAIL {
        out = out.chars().take(MAX_DETAIL).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_reach_the_banner() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        let token = "IQoJb3JpZ2luX2VjEXAMPLETOKEN/abc+def==FwoGZXIvYXdzEBYaDHk0bmV4YW1wbGVkYXRh";
        let message = format!(
            "panicked at core/src/x.rs:10:5: byte index 3 is not a char boundary of `{secret}` and `{token}`"
        );
        let text = banner_text(&message);
        assert!(!text.contains(secret) && !text.contains(token), "{text}");
        assert!(text.contains("core/src/x.rs:10:5"), "{text}");
        assert!(text.contains("[removed]"), "{text}");
        assert!(text.contains("Reload the page"), "{text}");
        assert!(text.contains("nothing was stored"), "{text}");
    }

    #[test]
    fn ordinary_messages_are_kept_and_long_ones_cut() {
        assert_eq!(
            redact("index out of bounds: the len is 3 but the index is 7"),
            "index out of bounds: the len is 3 but the index is 7"
        );
        let long = "a b ".repeat(200);
        let cut = redact(&long);
        assert_eq!(cut.chars().count(), MAX_DETAIL + 1);
        assert!(cut.ends_with('…'));
    }
}
