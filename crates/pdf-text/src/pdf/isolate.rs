//! Containment of panics raised while extracting.
//!
//! pdf-extract panics on purpose on input it does not support, and any parser
//! may have a bug. [`contain`] runs a closure under `catch_unwind` and turns a
//! panic into its message. A process-wide panic hook, installed once, stays
//! silent for panics inside [`contain`] (a thread-local flag marks them) and
//! hands every other panic to the hook that was installed before, so a
//! program's own panics still print as usual.
//!
//! Aborts cannot be caught this way (stack overflow, allocation failure); see
//! `docs/design-pdf.md` for how they are prevented and for the child-process mode.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

fn install_hook() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CONTAINED.with(Cell::get) {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}", short_path(l.file()), l.line()));
                LOCATION.with(|slot| *slot.borrow_mut() = location);
            } else {
                previous(info);
            }
        }));
    });
}

/// `…/.cargo/registry/src/index…/crate-1.2.3/src/lib.rs` → `crate-1.2.3/src/lib.rs`.
fn short_path(file: &str) -> &str {
    match file.find("/registry/src/") {
        Some(at) => {
            let rest = file.get(at + "/registry/src/".len()..).unwrap_or(file);
            rest.split_once('/').map_or(rest, |(_, path)| path)
        }
        None => file,
    }
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

/// Runs `f`, turning a panic into `Err(message)`; the message names the source
/// location when the hook saw it.
pub(crate) fn contain<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let outer = CONTAINED.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(outer));
    result.map_err(|payload| {
        let text = message(payload.as_ref());
        match LOCATION.with(|slot| slot.borrow_mut().take()) {
            Some(location) => format!("{text} (at {location})"),
            None => text,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_messages_with_a_location() {
        let err = contain(|| -> u8 { panic!("unsupported encoding {}", "90ms-RKSJ-H") }).expect_err("panicked");
        assert!(err.starts_with("unsupported encoding 90ms-RKSJ-H (at "), "{err}");
        assert!(err.contains("isolate.rs"), "{err}");
    }

    #[test]
    fn registry_paths_are_shortened() {
        assert_eq!(
            short_path("/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pdf-extract-0.12.1/src/lib.rs"),
            "pdf-extract-0.12.1/src/lib.rs"
        );
        assert_eq!(short_path("src/extract/pdf/font.rs"), "src/extract/pdf/font.rs");
    }

    #[test]
    fn values_pass_through_and_nesting_restores_the_flag() {
        let inner = contain(|| contain(|| 7).map(|v| v + 1));
        assert_eq!(inner, Ok(Ok(8)));
        assert!(!CONTAINED.with(Cell::get));
    }
}
