//! Capacity Reservation IDs, checked before anything is sent.

/// Why a typed ID was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReservationIdError {
    #[error("Enter a Capacity Reservation ID, e.g. cr-0123456789abcdef0.")]
    Empty,
    #[error(
        "\"{0}\" is not a Capacity Reservation ID: they are cr- followed by 17 (older ones 8) \
         lowercase hexadecimal characters, e.g. cr-0123456789abcdef0."
    )]
    Malformed(String),
}

/// Trims and checks a typed ID (`cr-` + 8 or 17 lowercase hex digits, as EC2 issues them).
pub fn parse_reservation_id(text: &str) -> Result<String, ReservationIdError> {
    let id = text.trim();
    if id.is_empty() {
        return Err(ReservationIdError::Empty);
    }
    let hex = id.strip_prefix("cr-").unwrap_or("");
    let ok = matches!(hex.len(), 8 | 17)
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if ok {
        Ok(id.to_owned())
    } else {
        Err(ReservationIdError::Malformed(id.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_before_sending() {
        assert_eq!(
            parse_reservation_id(" cr-0123456789abcdef0 ").unwrap(),
            "cr-0123456789abcdef0"
        );
        assert_eq!(parse_reservation_id("cr-1234abcd").unwrap(), "cr-1234abcd");
        assert_eq!(parse_reservation_id("  "), Err(ReservationIdError::Empty));
        for bad in [
            "cr-0123456789ABCDEF0",
            "cr-0123456789abcdef",
            "0123456789abcdef0",
            "cr-xyz",
            "i-0123456789abcdef0",
        ] {
            assert!(
                matches!(
                    parse_reservation_id(bad),
                    Err(ReservationIdError::Malformed(_))
                ),
                "{bad}"
            );
        }
    }
}
