//! Text helpers shared by the domain: the kebab-case keys of slugs, tags and
//! register values, transliterated first (deunicode), so "Ynys Môn" becomes
//! `ynys-mon` rather than losing its letters.

/// Lower-case kebab: "Yorkshire and The Humber" → "yorkshire-and-the-humber",
/// "Ynys Môn" → "ynys-mon", "Café culture" → "cafe-culture".
pub fn kebab(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::kebab;

    #[test]
    fn letters_with_accents_are_transliterated_not_dropped() {
        assert_eq!(kebab("Ynys Môn"), "ynys-mon");
        assert_eq!(kebab("Rhondda Cynon Taf"), "rhondda-cynon-taf");
        assert_eq!(kebab("Café  culture!"), "cafe-culture");
        assert_eq!(kebab("  —Öffentlich—  "), "offentlich");
        assert_eq!(kebab("Yorkshire and The Humber"), "yorkshire-and-the-humber");
        assert_eq!(kebab("— · —"), "");
    }
}
