//! claimscan: who claims what, when, and where news sources disagree.
//!
//! Data flows one way: files ([`source`]) → paragraphs and sentences ([`segment`]) → claims
//! ([`extract`], with values from [`normalize`] and credit from [`attribute`]) → a report
//! ([`pipeline`]) → JSON ([`output`]). Rules come from a [`rules::RuleSet`]. Only the binary
//! prints; the library returns values.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod attribute;
pub mod claim;
pub mod compare;
pub mod diagnostic;
pub mod diff;
pub mod explain;
pub mod extract;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod rules;
pub mod ruletest;
pub mod segment;
pub mod source;
pub mod text;

pub use claim::{Claim, ClaimKind};
pub use extract::{Extraction, analyze, extract};
pub use pipeline::{Report, extract_files};
pub use rules::{PackOptions, RuleSet};
pub use source::Document;
