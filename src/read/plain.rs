//! A fast path for a pass that needs only a field or two of each record: a
//! CSV file with no quote and no carriage return other than before a line
//! feed is a list of lines split at commas, which `memchr` finds far faster
//! than a CSV parser. [`is_plain`] says whether a file is one; [`each_line`]
//! then hands out its lines with their numbers, as the CSV reader numbers them,
//! and [`each_record`] its records.

use std::io::{self, Read};

use super::input::MAX_RECORD_BYTES;

const CHUNK: usize = 1 << 20;

/// Whether the text has no `"` and every CR is followed by an LF.
pub fn is_plain(mut r: impl Read) -> io::Result<bool> {
    let mut buf = vec![0u8; CHUNK];
    let mut cr_at_end = false;
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => return Ok(!cr_at_end),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let b = &buf[..n];
        if cr_at_end && b[0] != b'\n' {
            return Ok(false);
        }
        if memchr::memchr(b'"', b).is_some() {
            return Ok(false);
        }
        if memchr::memchr_iter(b'\r', b).any(|i| i + 1 < n && b[i + 1] != b'\n') {
            return Ok(false);
        }
        cr_at_end = b[n - 1] == b'\r';
    }
}

/// Calls `f(line number, line)` for each line of the text (1-based, the line
/// end and a CR before it left out, empty lines included). A line longer
/// than a record may be ([`MAX_RECORD_BYTES`]) is skipped, as the CSV reader
/// skips that record.
pub fn each_line(mut r: impl Read, mut f: impl FnMut(u64, &[u8])) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK * 2);
    let mut line = 0u64;
    // The start of `buf` is the unfinished line of the chunks before; when it
    // grew past the limit, the rest of that line is dropped.
    let mut too_long = false;
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match r.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            if !buf.is_empty() && !too_long {
                line += 1;
                within(line, &buf, &mut f);
            }
            return Ok(());
        }
        let data = &chunk[..n];
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', data) {
            line += 1;
            if too_long {
                too_long = false;
            } else if buf.is_empty() {
                within(line, &data[start..end], &mut f);
            } else {
                buf.extend_from_slice(&data[start..end]);
                within(line, &buf, &mut f);
            }
            buf.clear();
            start = end + 1;
        }
        if !too_long {
            buf.extend_from_slice(&data[start..]);
            if buf.len() > MAX_RECORD_BYTES + 1 {
                buf.clear();
                too_long = true;
            }
        }
    }
}

/// Calls `f(line number, line)` for each record of a plain file: each
/// non-empty line after the first (the header), as the CSV reader skips
/// blank lines.
pub fn each_record(r: impl Read, mut f: impl FnMut(u64, &[u8])) -> io::Result<()> {
    let mut header_seen = false;
    each_line(r, |n, line| {
        if line.is_empty() {
            return;
        }
        if header_seen {
            f(n, line);
        } else {
            header_seen = true;
        }
    })
}

/// Calls `f` with the line unless it is longer than a record may be.
fn within(n: u64, line: &[u8], f: &mut impl FnMut(u64, &[u8])) {
    let line = strip_cr(line);
    if line.len() <= MAX_RECORD_BYTES {
        f(n, line);
    }
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Field `i` of a plain line (empty when it has fewer fields).
pub fn field(line: &[u8], i: usize) -> &[u8] {
    line.split(|&b| b == b',').nth(i).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[u8]) -> Vec<(u64, Vec<u8>)> {
        let mut out = Vec::new();
        each_line(text, |n, l| out.push((n, l.to_vec()))).unwrap();
        out
    }

    #[test]
    fn plain_means_no_quote_and_no_lone_cr() {
        assert!(is_plain(&b"a,b\r\nc,d\n"[..]).unwrap());
        assert!(!is_plain(&b"a,\"b\"\n"[..]).unwrap());
        assert!(!is_plain(&b"a\rb\n"[..]).unwrap());
        assert!(!is_plain(&b"a,b\r"[..]).unwrap());
    }

    #[test]
    fn lines_are_numbered_as_the_csv_reader_numbers_them() {
        let got = lines(b"h1,h2\r\n\r\na,1\nb,2");
        let want: Vec<(u64, Vec<u8>)> = vec![
            (1, b"h1,h2".to_vec()),
            (2, b"".to_vec()),
            (3, b"a,1".to_vec()),
            (4, b"b,2".to_vec()),
        ];
        assert_eq!(got, want);
        assert_eq!(field(b"a,,c", 1), b"");
        assert_eq!(field(b"a,,c", 2), b"c");
        assert_eq!(field(b"a", 3), b"");
    }

    #[test]
    fn a_line_longer_than_a_record_is_skipped() {
        let mut text = b"h\n".to_vec();
        text.extend(vec![b'x'; MAX_RECORD_BYTES + 10]);
        text.extend_from_slice(b"\nlast\n");
        let got = lines(&text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], (3, b"last".to_vec()));
    }

    proptest::proptest! {
        /// Whatever the chunk boundaries, the lines are the text split at LF,
        /// a CR before the LF left out, numbered from 1.
        #[test]
        fn lines_match_a_plain_split(text in "[a-c,\r\n ]{0,300}") {
            let bytes = text.as_bytes();
            let mut want: Vec<(u64, Vec<u8>)> = Vec::new();
            let parts: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            for (i, part) in parts.iter().enumerate() {
                // The text after the last LF is a line only when not empty.
                if i + 1 == parts.len() && part.is_empty() {
                    break;
                }
                want.push((i as u64 + 1, strip_cr(part).to_vec()));
            }
            // Read in tiny pieces, to cross chunk boundaries everywhere.
            struct Drip<'a>(&'a [u8]);
            impl Read for Drip<'_> {
                fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                    let n = self.0.len().min(out.len()).min(3);
                    out[..n].copy_from_slice(&self.0[..n]);
                    self.0 = &self.0[n..];
                    Ok(n)
                }
            }
            let mut got = Vec::new();
            each_line(Drip(bytes), |n, l| got.push((n, l.to_vec()))).unwrap();
            proptest::prop_assert_eq!(got, want);
        }

        /// A field is the line split at commas, whatever its position (empty
        /// past the last).
        #[test]
        fn field_is_the_split_at_commas(line in "[ab,]{0,30}", i in 0usize..12) {
            let want = line.as_bytes().split(|&b| b == b',').nth(i).unwrap_or_default();
            proptest::prop_assert_eq!(field(line.as_bytes(), i), want);
        }
    }
}
