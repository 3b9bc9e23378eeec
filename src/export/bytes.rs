//! The byte cache behind the streaming formats: fields escaped once per run
//! for CSV and JSON ([`Form`], [`JsonFields`]) and the small writers they are
//! made with. Rows copy these bytes instead of escaping the same text again.

/// Bytes made once and copied into many rows. Kept zero-padded to whole 32-byte
/// chunks: a copy is a few fixed-size moves and a truncation, instead of a call to
/// `memcpy` for every short field of every row.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub(super) chunks: Vec<[u8; FORM_CHUNK]>,
    pub(super) len: usize,
}

const FORM_CHUNK: usize = 32;

impl Form {
    pub fn new(bytes: &[u8]) -> Self {
        let chunks = bytes
            .chunks(FORM_CHUNK)
            .map(|c| {
                let mut a = [0u8; FORM_CHUNK];
                a[..c.len()].copy_from_slice(c);
                a
            })
            .collect();
        Form {
            chunks,
            len: bytes.len(),
        }
    }

    /// Appends the bytes to `out`.
    #[inline]
    pub fn push_to(&self, out: &mut Vec<u8>) {
        let end = out.len() + self.len;
        out.reserve(self.chunks.len() * FORM_CHUNK);
        for c in &self.chunks {
            out.extend_from_slice(c);
        }
        out.truncate(end);
    }
}

/// Appends a CSV field, quoted only when it must be.
pub(super) fn push_field(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    if !b.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r')) && b.first() != Some(&b' ') {
        out.extend_from_slice(b);
        return;
    }
    out.push(b'"');
    let mut rest = b;
    while let Some(i) = rest.iter().position(|&c| c == b'"') {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// The CSV form of a field.
pub(super) fn escaped(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    push_field(&mut out, s);
    out
}

/// Appends a decimal integer without allocating.
pub(super) fn push_int(out: &mut Vec<u8>, v: i64) {
    let mut buf = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends `s` as a JSON string. Text without quotes, backslashes or control
/// characters (nearly all of it) is copied as is; the rest goes through serde_json,
/// so both paths escape the same way.
pub(super) fn push_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // Serialising a str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

/// Every field of a ticket object as bytes, key included, made once per run:
/// what opens it (`{"id":`, `,"plan":`), the field when empty (`,"plan":null`),
/// the opening of a time (`,"created_at":"`) and, for columns that draw from a set
/// of repeated values, the whole field for every entry (`,"plan":"gold"`).
pub(super) struct JsonFields {
    pub(super) open: Vec<Form>,
    pub(super) null: Vec<Form>,
    pub(super) time: Vec<Form>,
    pub(super) value: Vec<Vec<Form>>,
}

impl JsonFields {
    /// `value(column, i)`: the JSON form of entry `i` of the column's set, if any.
    pub(super) fn new<'v>(
        columns: &[&str],
        value: impl Fn(usize, usize) -> Option<&'v [u8]>,
    ) -> Self {
        let open: Vec<Vec<u8>> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut k = vec![if i == 0 { b'{' } else { b',' }];
                push_str(&mut k, c);
                k.push(b':');
                k
            })
            .collect();
        let with = |suffix: &[u8]| {
            open.iter()
                .map(|k| Form::new(&[&k[..], suffix].concat()))
                .collect()
        };
        let null = with(b"null");
        let time = with(b"\"");
        let value = open
            .iter()
            .enumerate()
            .map(|(col, k)| {
                (0..)
                    .map_while(|i| value(col, i))
                    .map(|v| Form::new(&[&k[..], v].concat()))
                    .collect()
            })
            .collect();
        JsonFields {
            open: open.iter().map(|k| Form::new(k)).collect(),
            null,
            time,
            value,
        }
    }
}
