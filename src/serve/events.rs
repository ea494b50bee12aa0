//! Live reload over server-sent events: every open tab holds one `GET
//! {base_path}__qiao/events` stream, and each rebuild sends one event to all of them.
//!
//! Events (`data` is one line of JSON):
//! - `reload` `{"all": bool, "css_only": bool, "paths": [...]}`: output files that
//!   changed; the page reloads when its own file or any non-CSS asset is among them,
//!   and swaps its stylesheets in place when only CSS changed.
//! - `errors` `{"count": N, "lines": ["path:line:col: error: ..."], ...}`: the site
//!   has errors; the page shows them in an overlay while the last good site stays.
//! - `ok` `{}`: no errors (sent on connect and when a broken site is fixed).
//!
//! A new stream first gets the current state, so a tab opened while the site is
//! broken shows the overlay at once. A comment line every 15 s finds dead streams.

use std::io::{self, Write};
use std::net::TcpStream;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const PING: Duration = Duration::from_secs(15);

/// The set of open event streams and the site's current error state.
#[derive(Debug, Default)]
pub(crate) struct Hub {
    clients: Mutex<Vec<Sender<Arc<str>>>>,
    errors: Mutex<Option<Arc<str>>>,
}

/// One event in the wire format.
pub(crate) fn event(name: &str, data: &str) -> String {
    debug_assert!(!data.contains('\n'));
    format!("event: {name}\ndata: {data}\n\n")
}

impl Hub {
    /// Sends an event to every open stream; returns how many were reached.
    pub(crate) fn broadcast(&self, name: &str, data: &str) -> usize {
        let message: Arc<str> = Arc::from(event(name, data));
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(message.clone()).is_ok());
        clients.len()
    }

    /// Records the site's errors (`None`: no errors) and tells every stream when
    /// that changes the picture (`ok` is sent only when errors were shown).
    pub(crate) fn set_errors(&self, errors: Option<String>) {
        let message = errors.as_deref().map(|e| Arc::from(event("errors", e)));
        let had =
            std::mem::replace(&mut *self.errors.lock().unwrap_or_else(|e| e.into_inner()), message)
                .is_some();
        match errors {
            Some(e) => {
                self.broadcast("errors", &e);
            }
            None if had => {
                self.broadcast("ok", "{}");
            }
            None => {}
        }
    }

    /// Serves one event stream until the client goes away. The response head has
    /// been written.
    pub(crate) fn stream(&self, mut stream: TcpStream) -> io::Result<()> {
        let (tx, rx) = mpsc::channel::<Arc<str>>();
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
        let current = self.errors.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let first = current.map(|m| m.to_string()).unwrap_or_else(|| event("ok", "{}"));
        stream.write_all(format!("retry: 500\n\n{first}").as_bytes())?;
        stream.flush()?;
        loop {
            match rx.recv_timeout(PING) {
                Ok(message) => stream.write_all(message.as_bytes())?,
                Err(RecvTimeoutError::Timeout) => stream.write_all(b": ping\n\n")?,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
            stream.flush()?;
        }
    }
}
