//! Picking one of Jira's things (a transition, a user) by what a person typed: an exact name
//! first, then a unique start of a name, then a unique part of one; never a guess between
//! several.

/// What a typed name picked.
#[derive(Debug, PartialEq)]
pub enum Pick<'a, T> {
    /// Exactly one.
    One(&'a T),
    /// Several fit equally well: the caller lists them.
    Many(Vec<&'a T>),
    /// None fits.
    None,
}

/// Picks from `items` by `typed`, comparing case-insensitively with each of `names(item)`.
pub fn pick<'a, T>(items: &'a [T], typed: &str, names: impl Fn(&T) -> Vec<String>) -> Pick<'a, T> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return Pick::None;
    }
    let lowered: Vec<Vec<String>> = items
        .iter()
        .map(|item| names(item).iter().map(|n| n.to_lowercase()).collect())
        .collect();
    let tests: [&dyn Fn(&str) -> bool; 3] = [&|n| n == typed, &|n| n.starts_with(&typed), &|n| {
        n.contains(&typed)
    }];
    for test in tests {
        let found: Vec<&T> = items
            .iter()
            .zip(&lowered)
            .filter(|(_, names)| names.iter().any(|n| test(n)))
            .map(|(item, _)| item)
            .collect();
        match found.len() {
            0 => continue,
            1 => return Pick::One(found[0]),
            _ => return Pick::Many(found),
        }
    }
    Pick::None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &&str) -> Vec<String> {
        s.split('/').map(String::from).collect()
    }

    #[test]
    fn exact_then_start_then_part() {
        let items = [
            "Done/Close",
            "Start progress/In Progress",
            "Stop progress/To Do",
        ];
        assert_eq!(pick(&items, "done", names), Pick::One(&items[0]));
        assert_eq!(pick(&items, "IN PROGRESS", names), Pick::One(&items[1]));
        assert_eq!(pick(&items, "sta", names), Pick::One(&items[1]));
        assert_eq!(
            pick(&items, "progress", names),
            Pick::Many(vec![&items[1], &items[2]])
        );
        assert_eq!(pick(&items, "nothing", names), Pick::None);
        assert_eq!(pick(&items, "  ", names), Pick::None);
    }

    #[test]
    fn an_exact_name_wins_over_a_longer_one() {
        let items = ["Done", "Done and dusted"];
        assert_eq!(pick(&items, "done", names), Pick::One(&items[0]));
    }
}
