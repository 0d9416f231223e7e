use std::time::Duration;

use leptos::prelude::*;
use time::OffsetDateTime;

use crate::aws::sts::CallerIdentity;
use crate::connection::{Connection, ConnectionForm};
use crate::shell::Shell;
use crate::transport::local_date_time;

/// What the whole app shares about the connection. Lives in memory only: a reload forgets it.
#[derive(Clone, Copy)]
pub struct Session {
    /// The Connection form as typed.
    pub form: RwSignal<ConnectionForm>,
    /// Set once Connect succeeded (or demo mode started): what every AWS call uses.
    pub connection: RwSignal<Option<Connection>>,
    /// Who the connection belongs to, from STS GetCallerIdentity.
    pub identity: RwSignal<Option<CallerIdentity>>,
    /// The browser's clock, ticking once a second for countdowns.
    pub now: RwSignal<OffsetDateTime>,
    /// Runs the session's jobs (kept here: async work has no context to look it up in).
    pub shell: Shell,
}

impl Session {
    /// Creates the session and starts the one-second tick.
    pub fn provide(shell: Shell) -> Session {
        let session = Session {
            form: RwSignal::new(ConnectionForm::default()),
            connection: RwSignal::new(None),
            identity: RwSignal::new(None),
            now: RwSignal::new(local_date_time()),
            shell,
        };
        if let Ok(handle) = set_interval_with_handle(
            move || session.now.set(local_date_time()),
            Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
        provide_context(session);
        session
    }

    /// The session provided by `App`.
    pub fn get() -> Session {
        expect_context::<Session>()
    }

    /// Forgets the credentials and everything learned with them: every running job is
    /// cancelled and the session's cache emptied.
    pub fn forget(&self) {
        self.shell.forget();
        self.form.update(ConnectionForm::forget_credentials);
        self.connection.set(None);
        self.identity.set(None);
    }
}
