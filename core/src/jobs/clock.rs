//! The signing clock: the local clock plus an offset learned from AWS.
//!
//! The offset is *set* from one measurement (the server's time minus the local clock when the
//! answer arrived), never added up: two requests refused at once for the same skew leave an
//! offset equal to the skew. It is clamped to ±24 h, and a server time further off than that
//! is ignored as implausible, so a broken proxy's date can't push the signing time to where
//! the signer refuses it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};
use time::OffsetDateTime;

/// The largest correction the clock accepts.
pub const MAX_OFFSET: Duration = Duration::from_secs(24 * 60 * 60);

/// What a measurement did to the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Learned {
    /// The offset is now this many seconds (server minus local).
    Set { offset_secs: i64 },
    /// The clocks agree with the current offset (within `threshold`): nothing changed.
    InStep,
    /// The server time is more than [`MAX_OFFSET`] away: ignored.
    Implausible,
}

/// The correction applied to the local clock when signing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SigningClock {
    offset_ms: i64,
}

impl SigningClock {
    /// Milliseconds added to the local clock.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms
    }

    /// The time to sign with: `local` plus the offset.
    pub fn signing_time(&self, local: SystemTime) -> SystemTime {
        let magnitude = Duration::from_millis(self.offset_ms.unsigned_abs());
        if self.offset_ms >= 0 {
            local.checked_add(magnitude).unwrap_or(local)
        } else {
            local.checked_sub(magnitude).unwrap_or(UNIX_EPOCH)
        }
    }

    /// Learns from `server`, AWS's time when it answered, and `local`, the local clock then.
    /// A difference from the current correction smaller than `threshold` changes nothing.
    pub fn learn(
        &mut self,
        server: OffsetDateTime,
        local: SystemTime,
        threshold: Duration,
    ) -> Learned {
        let local = OffsetDateTime::from(local);
        let offset = server - local;
        let max = MAX_OFFSET.as_secs() as i64;
        let secs = offset.whole_seconds();
        if secs.abs() > max {
            return Learned::Implausible;
        }
        let ms = offset.whole_milliseconds() as i64;
        if (ms - self.offset_ms).unsigned_abs() < threshold.as_millis() as u64 {
            return Learned::InStep;
        }
        self.offset_ms = ms;
        Learned::Set { offset_secs: secs }
    }

    /// Back to the local clock (new credentials, or Forget).
    pub fn reset(&mut self) {
        self.offset_ms = 0;
    }
}
