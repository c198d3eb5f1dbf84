//! `onshi-notice schema`

use std::io;

use super::{Status, print};

pub fn run() -> io::Result<Status> {
    print(&onshi_notice::schema::notice_schema_json())?;
    Ok(Status::Success)
}
