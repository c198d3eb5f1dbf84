//! onshi-notice turns MHLW 事務連絡 notices on the 「緊急時医療情報・資格確認機能」
//! into normalized, machine-readable activation records.

pub mod diagnostic;
pub mod extract;
