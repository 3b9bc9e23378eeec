//! Exact money and percentages: fees in a currency, rounded to its minor unit half
//! away from zero; percentages and minutes printed with two decimals, also half
//! away from zero. No floating point anywhere.

use rust_decimal::{Decimal, RoundingStrategy};

/// ISO 4217 codes and their minor units (digits after the decimal point).
const CURRENCIES: &[(&str, u32)] = &[
    ("ARS", 2),
    ("AUD", 2),
    ("BHD", 3),
    ("BOB", 2),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CRC", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("DOP", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("GTQ", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HUF", 2),
    ("INR", 2),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MXN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("SEK", 2),
    ("SGD", 2),
    ("TND", 3),
    ("USD", 2),
    ("UYU", 2),
    ("VES", 2),
    ("ZAR", 2),
];

/// The minor unit of a currency (`EUR` -> 2, `CLP` -> 0), case-insensitive.
pub fn minor_unit(code: &str) -> Option<u32> {
    let code = code.trim().to_ascii_uppercase();
    CURRENCIES.iter().find(|(c, _)| *c == code).map(|&(_, m)| m)
}

/// The codes [`minor_unit`] knows, comma-separated.
pub fn known_currencies() -> String {
    CURRENCIES
        .iter()
        .map(|(c, _)| *c)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The most digits a fee may have before its decimal point: a fee of up to
/// 10^15 times any percentage the contracts can produce stays far inside what
/// exact decimals hold (28 digits), so no computation on it can overflow.
pub const MAX_FEE_DIGITS: usize = 15;

/// A money computation whose result exact decimals cannot hold (every money
/// operation is checked; this is what a failed check reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an amount is too large to compute exactly (more than 28 digits)")]
pub struct Overflow;

/// `a + b`, checked.
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(Overflow)
}

/// A monthly fee in a currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fee {
    pub amount: Decimal,
    /// Upper-case ISO 4217 code.
    pub currency: String,
    /// Digits of the currency's minor unit.
    pub minor: u32,
}

impl Fee {
    /// Reads `--fee 1000.00 --currency EUR`. The amount must be a plain decimal,
    /// not negative, with no more decimals than the currency's minor unit.
    ///
    /// ```
    /// use slaudit::money::Fee;
    /// let fee = Fee::parse("1000.00", "eur").unwrap();
    /// assert_eq!(fee.currency, "EUR");
    /// assert!(Fee::parse("10.5", "CLP").is_err()); // pesos have no cents
    /// ```
    pub fn parse(amount: &str, currency: &str) -> Result<Fee, String> {
        let minor = minor_unit(currency).ok_or_else(|| {
            format!(
                "unknown currency '{currency}' (expected an ISO 4217 code: {})",
                known_currencies()
            )
        })?;
        let code = currency.trim().to_ascii_uppercase();
        let a = amount.trim();
        let plain = !a.is_empty()
            && a.chars().all(|c| c.is_ascii_digit() || c == '.')
            && a.matches('.').count() <= 1
            && !a.starts_with('.')
            && !a.ends_with('.');
        if a.strip_prefix('-').is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        }) {
            return Err(format!("'{amount}' is negative: a fee cannot be negative"));
        }
        let whole = a.split('.').next().unwrap_or("").trim_start_matches('0');
        if plain && whole.len() > MAX_FEE_DIGITS {
            return Err(format!(
                "'{amount}' is too large (at most {MAX_FEE_DIGITS} digits before the decimal point)"
            ));
        }
        let value = Decimal::from_str_exact(a)
            .ok()
            .filter(|_| plain)
            .ok_or_else(|| {
                format!("'{amount}' is not an amount (expected digits with an optional decimal point, e.g. 1000.00)")
            })?;
        if value.scale() > minor {
            return Err(format!(
                "'{amount}' has more decimals than {code} allows ({minor})"
            ));
        }
        Ok(Fee {
            amount: value,
            currency: code,
            minor,
        })
    }

    /// `percent` % of the fee, rounded to the currency's minor unit, half away
    /// from zero.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use slaudit::money::Fee;
    /// let fee = Fee::parse("1234.50", "EUR").unwrap();
    /// // 1234.50 x 1.46 / 100 = 18.0237 -> 18.02
    /// assert_eq!(fee.share(Decimal::new(146, 2)).unwrap().to_string(), "18.02");
    /// ```
    pub fn share(&self, percent: Decimal) -> Result<Decimal, Overflow> {
        let exact = self
            .amount
            .checked_mul(percent)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .ok_or(Overflow)?;
        let mut r =
            exact.round_dp_with_strategy(self.minor, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(self.minor);
        // rescale keeps fewer decimals rather than overflow: check it did not.
        if r.scale() != self.minor {
            return Err(Overflow);
        }
        Ok(r)
    }

    /// An amount of this currency with exactly its minor-unit decimals.
    pub fn format(&self, amount: Decimal) -> String {
        let mut r =
            amount.round_dp_with_strategy(self.minor, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(self.minor);
        r.to_string()
    }
}

/// Rounds to two decimals, half away from zero, and keeps exactly two.
pub fn two_decimals(d: Decimal) -> Decimal {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r
}

/// A percentage as printed: two decimals, half away from zero (`98.54`).
pub fn fmt_percent(d: Decimal) -> String {
    two_decimals(d).to_string()
}

/// Seconds as minutes with two decimals, half away from zero (`630.00`, `21.60`).
pub fn minutes(secs: i64) -> Decimal {
    two_decimals(Decimal::from(secs) / Decimal::from(60))
}

/// `num / den * 100`, exactly rounded to `dp` decimals, half away from zero.
/// `num` and `den` are non-negative and `den` is positive.
pub fn percent_of(num: i64, den: i64, dp: u32) -> Decimal {
    let scale = 10i128.pow(dp);
    let n = i128::from(num) * 100 * scale;
    let d = i128::from(den.max(1));
    // Half away from zero for a non-negative quotient: floor((2n + d) / 2d).
    let q = (2 * n + d) / (2 * d);
    let mut r = Decimal::from_i128_with_scale(q, dp);
    r.rescale(dp);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_of_rounds_half_away_from_zero() {
        // 709.5 h of 720 h = 98.541666...% -> 98.54
        assert_eq!(percent_of(709 * 60 + 30, 720 * 60, 2).to_string(), "98.54");
        // 1 of 8 = 12.5 % -> 13 at no decimals (the midpoint goes up).
        assert_eq!(percent_of(1, 8, 0).to_string(), "13");
        // 3 of 8 = 37.5 % -> 38 (half away from zero, not to even).
        assert_eq!(percent_of(3, 8, 0).to_string(), "38");
        assert_eq!(percent_of(5, 5, 2).to_string(), "100.00");
    }

    #[test]
    fn minutes_print_two_decimals() {
        assert_eq!(minutes(1296).to_string(), "21.60");
        assert_eq!(minutes(60).to_string(), "1.00");
        // 1 s = 0.01666... min -> 0.02
        assert_eq!(minutes(1).to_string(), "0.02");
    }

    #[test]
    fn fees_round_to_the_minor_unit() {
        let clp = Fee::parse("1000001", "CLP").unwrap();
        // 1 000 001 x 1.46 % = 14 600.0146 -> 14 600
        assert_eq!(
            clp.share(Decimal::new(146, 2)).unwrap().to_string(),
            "14600"
        );
        let eur = Fee::parse("0.50", "EUR").unwrap();
        // 0.50 x 1 % = 0.005 -> 0.01 (half away from zero)
        assert_eq!(eur.share(Decimal::ONE).unwrap().to_string(), "0.01");
        assert!(Fee::parse("-5", "EUR").is_err());
        assert!(Fee::parse("1e3", "EUR").is_err());
        assert!(Fee::parse("10", "XXX").is_err());
        assert!(Fee::parse("1.001", "EUR").is_err());
        assert_eq!(Fee::parse("1.001", "KWD").unwrap().minor, 3);
    }
}
