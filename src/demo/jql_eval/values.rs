//! Dates, periods, date functions and text-search terms.

use chrono::{DateTime, Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime, Utc};

/// Jira's list of date formats, for "Date value ... is invalid" messages.
pub(super) const DATE_FORMATS: &str = "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

/// A signed amount of calendar months plus minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Period {
    months: i64,
    minutes: i64,
}

/// Parses `-5d`, `4w 2d`, `+1h 30m`, `-1y`, `2M`: an optional sign, then
/// one or more `<number><unit>` parts (units y M w d h m), spaces allowed.
fn parse_period(text: &str) -> Option<(Period, Vec<char>)> {
    let text = text.trim();
    let (sign, body) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    let mut period = Period::default();
    let mut units = Vec::new();
    let mut rest = body.trim_start();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let n: i64 = rest[..digits].parse().ok()?;
        let unit = rest[digits..].chars().next()?;
        let (months, minutes) = match unit {
            'y' => (n.checked_mul(12)?, 0),
            'M' => (n, 0),
            'w' => (0, n.checked_mul(7 * 24 * 60)?),
            'd' => (0, n.checked_mul(24 * 60)?),
            'h' => (0, n.checked_mul(60)?),
            'm' => (0, n),
            _ => return None,
        };
        period.months = period.months.checked_add(sign * months)?;
        period.minutes = period.minutes.checked_add(sign * minutes)?;
        units.push(unit);
        rest = rest[digits + 1..].trim_start();
    }
    Some((period, units))
}

fn add_period(at: DateTime<Utc>, p: Period) -> Option<DateTime<Utc>> {
    let months = Months::new(u32::try_from(p.months.unsigned_abs()).ok()?);
    let at = if p.months >= 0 {
        at.checked_add_months(months)?
    } else {
        at.checked_sub_months(months)?
    };
    at.checked_add_signed(Duration::try_minutes(p.minutes)?)
}

/// Parses a date value: an absolute date (optionally with ` HH:mm`) or a
/// period relative to `now`.
pub(super) fn parse_date(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let text = text.trim();
    for format in ["%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Some(dt.and_utc());
        }
    }
    for format in ["%Y/%m/%d", "%Y-%m-%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, format) {
            return Some(d.and_hms_opt(0, 0, 0)?.and_utc());
        }
    }
    add_period(now, parse_period(text)?.0)
}

/// The calendar unit of a `startOf…`/`endOf…` function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn letter(self) -> char {
        match self {
            Unit::Day => 'd',
            Unit::Week => 'w',
            Unit::Month => 'M',
            Unit::Year => 'y',
        }
    }

    /// The first day of the period `n` units after the one holding `day`.
    fn start(self, day: NaiveDate, n: i64) -> Option<NaiveDate> {
        let shifted_months = |first: NaiveDate, months: i64| {
            let m = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
            if months >= 0 {
                first.checked_add_months(m)
            } else {
                first.checked_sub_months(m)
            }
        };
        match self {
            Unit::Day => shift_days(day, n),
            Unit::Week => {
                let back = i64::from(day.weekday().num_days_from_sunday());
                shift_days(day, n.checked_mul(7)?.checked_sub(back)?)
            }
            Unit::Month => shifted_months(day.with_day(1)?, n),
            Unit::Year => shifted_months(day.with_day(1)?.with_month(1)?, n.checked_mul(12)?),
        }
    }
}

fn shift_days(day: NaiveDate, n: i64) -> Option<NaiveDate> {
    let days = Days::new(n.unsigned_abs());
    if n >= 0 {
        day.checked_add_days(days)
    } else {
        day.checked_sub_days(days)
    }
}

fn midnight(day: NaiveDate) -> Option<DateTime<Utc>> {
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// Evaluates a date function. `Ok(None)` when `name` is not one.
pub(super) fn date_function(
    name: &str,
    args: &[String],
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, String> {
    let lower = name.to_ascii_lowercase();
    if lower == "now" {
        if !args.is_empty() {
            return Err(format!(
                "Function '{name}' expected '0' arguments but received '{}'.",
                args.len()
            ));
        }
        return Ok(Some(now));
    }
    let (is_start, unit) = match lower.as_str() {
        "startofday" => (true, Unit::Day),
        "endofday" => (false, Unit::Day),
        "startofweek" => (true, Unit::Week),
        "endofweek" => (false, Unit::Week),
        "startofmonth" => (true, Unit::Month),
        "endofmonth" => (false, Unit::Month),
        "startofyear" => (true, Unit::Year),
        "endofyear" => (false, Unit::Year),
        _ => return Ok(None),
    };
    if args.len() > 1 {
        return Err(format!(
            "Function '{name}' expected between '0' and '1' arguments but received '{}'.",
            args.len()
        ));
    }
    let bad = || {
        format!(
            "Duration for function '{name}' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier."
        )
    };
    let today = now.date_naive();
    let edge = |n: i64| -> Option<DateTime<Utc>> {
        if is_start {
            midnight(unit.start(today, n)?)
        } else {
            midnight(unit.start(today, n.checked_add(1)?)?)?
                .checked_sub_signed(Duration::milliseconds(1))
        }
    };
    let result = match args.first().map(|a| a.trim()) {
        None => edge(0),
        Some(arg) => {
            let bare = arg.strip_prefix('+').unwrap_or(arg);
            if let Ok(n) = bare.parse::<i64>() {
                edge(n)
            } else {
                let (period, units) = parse_period(arg).ok_or_else(bad)?;
                if units == [unit.letter()] {
                    let n = match unit {
                        Unit::Day => period.minutes / (24 * 60),
                        Unit::Week => period.minutes / (7 * 24 * 60),
                        Unit::Month => period.months,
                        Unit::Year => period.months / 12,
                    };
                    edge(n)
                } else {
                    edge(0).and_then(|at| add_period(at, period))
                }
            }
        }
    };
    result.map(Some).ok_or_else(bad)
}

/// One term of a `~` search.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum TextTerm {
    /// A lowercase word; `prefix` when written with a trailing `*`.
    Word {
        /// The word, lowercased.
        lower: String,
        /// Whether it matches any word starting with it.
        prefix: bool,
    },
    /// Lowercase words that must appear consecutively.
    Phrase(Vec<String>),
}

/// Splits text into words: maximal runs of letters and digits.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Splits a `~` value into terms, all of which must match.
pub(super) fn text_terms(value: &str) -> Vec<TextTerm> {
    let mut terms = Vec::new();
    for (i, part) in value.split('"').enumerate() {
        if i % 2 == 1 {
            let phrase: Vec<String> = words(part).map(str::to_lowercase).collect();
            match phrase.len() {
                0 => {}
                1 => terms.extend(phrase.into_iter().map(|lower| TextTerm::Word {
                    lower,
                    prefix: false,
                })),
                _ => terms.push(TextTerm::Phrase(phrase)),
            }
            continue;
        }
        for chunk in part.split_whitespace() {
            let prefix = chunk.ends_with('*');
            let chunk_words: Vec<&str> = words(chunk).collect();
            let last = chunk_words.len().saturating_sub(1);
            for (j, w) in chunk_words.into_iter().enumerate() {
                terms.push(TextTerm::Word {
                    lower: w.to_lowercase(),
                    prefix: prefix && j == last,
                });
            }
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        // A Wednesday.
        Utc.with_ymd_and_hms(2024, 3, 13, 15, 30, 0)
            .single()
            .unwrap_or_default()
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn absolute_and_relative_dates() {
        assert_eq!(parse_date("2024-01-31", now()), Some(at(2024, 1, 31, 0, 0)));
        assert_eq!(
            parse_date("2024/01/31 10:05", now()),
            Some(at(2024, 1, 31, 10, 5))
        );
        assert_eq!(parse_date("-7d", now()), Some(at(2024, 3, 6, 15, 30)));
        assert_eq!(parse_date("4w 2d", now()), Some(at(2024, 4, 12, 15, 30)));
        assert_eq!(parse_date("-1h", now()), Some(at(2024, 3, 13, 14, 30)));
        assert_eq!(parse_date("30m", now()), Some(at(2024, 3, 13, 16, 0)));
        assert_eq!(parse_date("-1M", now()), Some(at(2024, 2, 13, 15, 30)));
        assert_eq!(parse_date("-1y", now()), Some(at(2023, 3, 13, 15, 30)));
        assert_eq!(parse_date("yesterday", now()), None);
        assert_eq!(parse_date("2026-02-30", now()), None);
        assert_eq!(parse_date("-", now()), None);
        assert_eq!(parse_date("5", now()), None);
    }

    #[test]
    fn date_functions() {
        let f = |name: &str, args: &[&str]| {
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            date_function(name, &args, now())
        };
        assert_eq!(f("now", &[]), Ok(Some(now())));
        assert_eq!(f("startOfDay", &[]), Ok(Some(at(2024, 3, 13, 0, 0))));
        assert_eq!(f("startOfDay", &["-1"]), Ok(Some(at(2024, 3, 12, 0, 0))));
        assert_eq!(f("startOfDay", &["+2d"]), Ok(Some(at(2024, 3, 15, 0, 0))));
        assert_eq!(f("startOfDay", &["-1h"]), Ok(Some(at(2024, 3, 12, 23, 0))));
        let end = f("endOfDay", &[]).ok().flatten().map(|t| t.to_rfc3339());
        assert_eq!(end.as_deref(), Some("2024-03-13T23:59:59.999+00:00"));
        assert_eq!(f("startOfWeek", &[]), Ok(Some(at(2024, 3, 10, 0, 0))));
        assert_eq!(f("startOfWeek", &["1"]), Ok(Some(at(2024, 3, 17, 0, 0))));
        assert_eq!(f("startOfMonth", &["-1"]), Ok(Some(at(2024, 2, 1, 0, 0))));
        let end = f("endOfMonth", &["-1M"])
            .ok()
            .flatten()
            .map(|t| t.to_rfc3339());
        assert_eq!(end.as_deref(), Some("2024-02-29T23:59:59.999+00:00"));
        assert_eq!(f("startOfYear", &[]), Ok(Some(at(2024, 1, 1, 0, 0))));
        assert_eq!(f("membersOf", &["x"]), Ok(None));
        assert_eq!(
            f("now", &["1"]),
            Err("Function 'now' expected '0' arguments but received '1'.".into())
        );
        assert_eq!(
            f("startOfDay", &["invalid"]),
            Err("Duration for function 'startOfDay' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.".into())
        );
        assert!(f("startOfDay", &["1", "2"]).is_err());
    }

    #[test]
    fn text_terms_split() {
        let w = |s: &str, prefix| TextTerm::Word {
            lower: s.into(),
            prefix,
        };
        assert_eq!(
            text_terms("Login ERROR"),
            vec![w("login", false), w("error", false)]
        );
        assert_eq!(text_terms("log*"), vec![w("log", true)]);
        assert_eq!(
            text_terms("\"hello dolly\" x"),
            vec![
                TextTerm::Phrase(vec!["hello".into(), "dolly".into()]),
                w("x", false)
            ]
        );
        assert_eq!(text_terms("  "), vec![]);
    }
}
