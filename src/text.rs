//! Plain-text helpers with no rules and no claims: stemming, whitespace.

/// A light stemmer: enough to make "licences"/"licence", "voted"/"vote", "validity"/"valid"
/// meet. Synonyms from `[lexicon.synonym]` are compared stem to stem.
pub fn suffix_stem(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut w = lower.trim_matches(|c: char| c == '\'' || c == '’' || c == '-').to_string();
    if let Some(base) = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")) {
        w = base.to_string();
    }
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    for suffix in ["ity", "ing", "ed", "ly"] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// Runs of whitespace as one space, ends trimmed. Built in place: every claim's sentence
/// and most names go through here, and a `Vec` of the words cost as much as the words.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A whitespace-separated token without the punctuation around it ("will," → "will"); an
/// apostrophe stays ("won't").
pub fn bare_word(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'')
}
