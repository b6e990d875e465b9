//! Bodies that never end, for the `gzip-bomb` and `endless-body` faults: a gzip stream that
//! keeps inflating into JSON whitespace (about 158 times its size, without end), and a plain
//! chunked body of issue objects without end. Both are made lazily, chunk by chunk, so the
//! server spends next to nothing on them; a client that reads them whole never stops.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use futures_util::StreamExt;

/// What the bomb's inflated text starts with: the opening of a search page.
const BOMB_PREFIX: &[u8] = b"{\"issues\":[ ";

/// Writes bits least significant first, as DEFLATE (RFC 1951) packs them.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    /// Appends the low `count` bits of `value`, lowest first.
    fn bits(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if (value >> i) & 1 == 1
                && let Some(last) = self.bytes.last_mut()
            {
                *last |= 1 << (self.used % 8);
            }
            self.used += 1;
        }
    }

    /// Appends a Huffman code of `count` bits, most significant first (RFC 1951, 3.1.1).
    fn code(&mut self, code: u32, count: u32) {
        for i in (0..count).rev() {
            self.bits((code >> i) & 1, 1);
        }
    }

    /// A literal byte below 144 in the fixed Huffman code: 8 bits, 0x30 + byte.
    fn literal(&mut self, byte: u8) {
        self.code(0x30 + u32::from(byte), 8);
    }

    /// A copy of 258 bytes from distance 1: length code 285 (8 bits, 0xC5) and distance
    /// code 0 (5 bits), 13 bits in all.
    fn repeat_258(&mut self) {
        self.code(0xC5, 8);
        self.code(0, 5);
    }
}

/// The bomb as a start and a period: the gzip stream is `start` followed by `period` repeated
/// for ever. Eight copies of 13 bits are 13 whole bytes, so once the literals are past, the
/// stream repeats every 13 bytes.
pub fn gzip_bomb_parts() -> (Vec<u8>, Vec<u8>) {
    let mut w = BitWriter::default();
    // BFINAL 0 (the block never ends), BTYPE 01: fixed Huffman codes.
    w.bits(0, 1);
    w.bits(1, 2);
    for &b in BOMB_PREFIX {
        w.literal(b);
    }
    let literal_bits = w.used;
    for _ in 0..32 {
        w.repeat_258();
    }
    let start = literal_bits.div_ceil(8) as usize;
    let mut head = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    head.extend_from_slice(&w.bytes[..start]);
    (head, w.bytes[start..start + 13].to_vec())
}

/// A 200 whose gzip body inflates into a search page that never ends.
pub fn gzip_bomb() -> Response {
    let (head, period) = gzip_bomb_parts();
    // About 64 KB a chunk: 5041 periods.
    let chunk = Bytes::from(period.repeat(5041));
    let stream = futures_util::stream::once(async move { Bytes::from(head) })
        .chain(futures_util::stream::repeat(chunk))
        .map(Ok::<Bytes, std::io::Error>);
    let mut r = Response::new(Body::from_stream(stream));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    r.headers_mut()
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    r
}

/// A 200 with a chunked search page whose issues never end.
pub fn endless_body() -> Response {
    let issue = "{\"key\":\"ENDLESS-1\",\"fields\":{\"summary\":\"Again and again\"}},";
    let chunk = Bytes::from(issue.repeat(65536 / issue.len()));
    let stream = futures_util::stream::once(async { Bytes::from_static(b"{\"issues\":[") })
        .chain(futures_util::stream::repeat(chunk))
        .map(Ok::<Bytes, std::io::Error>);
    let mut r = Response::new(Body::from_stream(stream));
    *r.status_mut() = StatusCode::OK;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bomb_is_a_gzip_stream_that_repeats_every_13_bytes() {
        let (head, period) = gzip_bomb_parts();
        assert_eq!(&head[..3], &[0x1f, 0x8b, 8]);
        assert_eq!(period.len(), 13);
        // The stream written on is the same period again: it is truly periodic.
        let mut w = BitWriter::default();
        w.bits(0, 1);
        w.bits(1, 2);
        for &b in BOMB_PREFIX {
            w.literal(b);
        }
        for _ in 0..64 {
            w.repeat_258();
        }
        let deflate = &w.bytes[head.len() - 10..];
        assert_eq!(&deflate[..13], period.as_slice());
        assert_eq!(&deflate[13..26], period.as_slice());
        assert_eq!(&deflate[26..39], period.as_slice());
    }

    #[test]
    fn bits_pack_lowest_first_and_codes_highest_first() {
        let mut w = BitWriter::default();
        w.bits(0b101, 3);
        w.code(0b11, 2);
        assert_eq!(w.bytes, vec![0b0001_1101]);
    }
}
