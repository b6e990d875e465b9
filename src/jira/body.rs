//! Reading an answer's body with a ceiling. The body is counted as it arrives — after gzip is
//! undone, so a small compressed bomb counts for what it unpacks to — and the read stops as
//! soon as it passes its call's limit: memory stays bounded whatever the server sends.

/// How much one answer may hold once decompressed, by the kind of call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimits {
    /// Searches, lists and everything else (bytes).
    pub list: usize,
    /// One issue, or one page of an issue's comments: bodies can be long (bytes).
    pub issue: usize,
}

/// 16 MiB for lists and searches.
pub const LIST_BODY_LIMIT: usize = 16 << 20;
/// 64 MiB for one issue or one page of its comments.
pub const ISSUE_BODY_LIMIT: usize = 64 << 20;

impl Default for BodyLimits {
    fn default() -> Self {
        BodyLimits {
            list: LIST_BODY_LIMIT,
            issue: ISSUE_BODY_LIMIT,
        }
    }
}

/// Which of the [`BodyLimits`] a call's answer is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum BodyKind {
    /// A search, a list or a small answer.
    #[default]
    List,
    /// An issue or a page of its comments.
    Issue,
}

impl BodyLimits {
    /// The limit for `kind`.
    pub(crate) fn of(&self, kind: BodyKind) -> usize {
        match kind {
            BodyKind::List => self.list,
            BodyKind::Issue => self.issue,
        }
    }
}

/// Why a body could not be read whole.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// It grew past the limit (or announced a length past it); reading stopped there.
    TooLarge,
    /// The transfer failed.
    Transport(reqwest::Error),
}

/// Reads `response`'s body, stopping with [`BodyError::TooLarge`] as soon as it holds more
/// than `limit` bytes.
pub(crate) async fn read_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    // A declared length (of the decoded body; reqwest drops it when it decompresses) past the
    // limit needs no reading at all.
    let declared = response.content_length().unwrap_or(0);
    if declared > limit as u64 {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::with_capacity(declared as usize);
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len().saturating_add(chunk.len()) > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A size as a user reads it: "16 MB", "512 KB".
pub(crate) fn size_text(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{} KB", (bytes >> 10).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_by_kind_and_sizes_read_naturally() {
        let limits = BodyLimits::default();
        assert_eq!(limits.of(BodyKind::List), 16 << 20);
        assert_eq!(limits.of(BodyKind::Issue), 64 << 20);
        assert_eq!(size_text(16 << 20), "16 MB");
        assert_eq!(size_text(4096), "4 KB");
        assert_eq!(size_text(10), "1 KB");
    }
}
