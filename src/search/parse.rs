//! The search language: free terms (each must match), `"quoted phrases"`, field scopes
//! (`status:planned`, `area:6g`, `council:eu-jp`, `owner:dg`, `id:eu-jp-dpc-2/ai`), what a
//! status means (`is:blocked`, `is:overdue`) and `-` to exclude (`-status:done`, `-draft`). Mistakes never fail a search: they are reported
//! in `problems` and the rest of the query still applies.

/// The fields a scope can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Status,
    Area,
    Council,
    Owner,
    Id,
    /// A status category (`is:done`), `is:overdue`, or `is:removed` (the removed
    /// deliverables, which every other search leaves out).
    Is,
    /// A chair of the deliverable's council.
    Chair,
    /// The partner of the deliverable's council.
    Partner,
    /// The series of the deliverable's council (`series:trade`).
    Series,
    /// `chain:ID`: the deliverables `ID` follows and that follow it, all the way.
    Chain,
}

pub const FIELDS: [(&str, Field); 10] = [
    ("status", Field::Status),
    ("area", Field::Area),
    ("council", Field::Council),
    ("owner", Field::Owner),
    ("id", Field::Id),
    ("is", Field::Is),
    ("chair", Field::Chair),
    ("partner", Field::Partner),
    ("series", Field::Series),
    ("chain", Field::Chain),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub exclude: bool,
    /// Quoted: matched as a substring only, spaces included.
    pub phrase: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub field: Field,
    pub value: String,
    pub exclude: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub terms: Vec<Term>,
    pub scopes: Vec<Scope>,
    pub problems: Vec<String>,
}

/// Splits at spaces outside double quotes; an unclosed quote runs to the end (the person
/// is still typing it).
fn tokens(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut had_quote = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                had_quote = true;
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push((std::mem::take(&mut current), had_quote));
                }
                had_quote = false;
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push((current, had_quote));
    }
    out
}

pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (token, quoted) in tokens(text) {
        let (exclude, body) = match token.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest.to_string()),
            Some(_) => continue, // a lone "-" is a term still being typed
            None => (false, token),
        };
        if !quoted && let Some((name, value)) = body.split_once(':') {
            // Only letters before the colon make a scope: "10:30" stays text.
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic()) {
                let lower = name.to_ascii_lowercase();
                match FIELDS.iter().find(|(n, _)| *n == lower) {
                    Some(&(_, field)) => {
                        // `status:` with no value yet: nothing to apply while it is typed.
                        if !value.is_empty() {
                            parsed.scopes.push(Scope {
                                field,
                                value: value.to_string(),
                                exclude,
                            });
                        }
                        continue;
                    }
                    None => {
                        // Said and left out: matching it as text would find nothing.
                        parsed.problems.push(format!(
                            "{name}: is not a scope (ignored); use status: area: council: owner: id: is: chair: partner: series: chain:"
                        ));
                        continue;
                    }
                }
            }
        }
        parsed.terms.push(Term {
            text: body,
            exclude,
            phrase: quoted,
        });
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str) -> Term {
        Term {
            text: text.into(),
            exclude: false,
            phrase: false,
        }
    }

    #[test]
    fn terms_scopes_and_exclusions() {
        let p = parse("  subm  status:planned -status:done cab -draft ");
        assert_eq!(p.terms.len(), 3);
        assert_eq!(p.terms[0], term("subm"));
        assert_eq!(p.terms[1], term("cab"));
        assert!(p.terms[2].exclude && p.terms[2].text == "draft");
        assert_eq!(
            p.scopes,
            vec![
                Scope {
                    field: Field::Status,
                    value: "planned".into(),
                    exclude: false
                },
                Scope {
                    field: Field::Status,
                    value: "done".into(),
                    exclude: true
                },
            ]
        );
        assert!(p.problems.is_empty());
    }

    #[test]
    fn quoted_phrases_keep_their_spaces() {
        let p = parse(r#""ai office" quantum "unclosed phr"#);
        assert_eq!(p.terms[0].text, "ai office");
        assert!(p.terms[0].phrase);
        assert_eq!(p.terms[1], term("quantum"));
        assert_eq!(p.terms[2].text, "unclosed phr");
    }

    #[test]
    fn unknown_scope_is_reported_and_left_out() {
        let p = parse("colour:red 10:30 Status:done");
        assert_eq!(p.problems.len(), 1);
        assert!(
            p.problems[0].starts_with("colour: is not a scope"),
            "{:?}",
            p.problems
        );
        assert_eq!(p.terms, vec![term("10:30")]);
        assert_eq!(p.scopes[0].field, Field::Status);
    }

    #[test]
    fn is_is_a_scope_and_takes_a_minus() {
        let p = parse("is:overdue -IS:done is:");
        assert_eq!(
            p.scopes,
            vec![
                Scope {
                    field: Field::Is,
                    value: "overdue".into(),
                    exclude: false
                },
                Scope {
                    field: Field::Is,
                    value: "done".into(),
                    exclude: true
                },
            ]
        );
        assert!(p.terms.is_empty() && p.problems.is_empty());
    }

    #[test]
    fn half_typed_parts_do_nothing() {
        let p = parse("status: -");
        assert!(p.terms.is_empty() && p.scopes.is_empty() && p.problems.is_empty());
    }
}
