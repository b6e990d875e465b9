//! Client certificates (mutual TLS): a PEM certificate and its key, the key possibly
//! encrypted (PKCS#8 `ENCRYPTED PRIVATE KEY`), loaded into the identity reqwest presents; and
//! the TLS alerts that say a site wanted a certificate we lack or refused ours.

use super::auth::Secret;
use super::error::JiraError;
use pkcs8::der::pem::LineEnding;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};

/// The client certificate a profile presents to sites that require one.
#[derive(Debug, Clone)]
pub struct ClientCertificate {
    /// The certificate (PEM; intermediates may follow it in the same file).
    pub cert: PathBuf,
    /// The private key (PEM: PKCS#8, PKCS#1 or SEC1; PKCS#8 may be encrypted). May be the
    /// same file as the certificate.
    pub key: PathBuf,
    /// The key's passphrase, when it is encrypted.
    pub passphrase: Option<Secret>,
}

/// Which of the two files a [`ClientCertProblem`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertFile {
    /// The certificate file.
    Certificate,
    /// The private key file.
    Key,
}

impl std::fmt::Display for CertFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CertFile::Certificate => "client certificate",
            CertFile::Key => "client certificate key",
        })
    }
}

/// Why a client certificate or its key cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientCertProblem {
    /// The file is missing or unreadable (the system's reason).
    Unreadable(String),
    /// The file holds no PEM certificate, or one that does not parse.
    NoCertificate,
    /// The file holds no PEM private key.
    NoKey,
    /// The key is not the certificate's.
    Mismatch,
    /// The key is encrypted and no passphrase was found.
    PassphraseNeeded,
    /// The passphrase does not decrypt the key.
    WrongPassphrase,
    /// The key is encrypted in OpenSSL's old `Proc-Type: 4,ENCRYPTED` format.
    LegacyEncrypted,
    /// The key is of a kind the TLS library cannot sign with.
    Unsupported,
}

impl ClientCertProblem {
    /// The reason, as the end of the sentence.
    pub fn reason(&self) -> String {
        match self {
            ClientCertProblem::Unreadable(why) => format!("it cannot be read ({why})"),
            ClientCertProblem::NoCertificate => "it holds no PEM certificate".into(),
            ClientCertProblem::NoKey => "it holds no PEM private key".into(),
            ClientCertProblem::Mismatch => "the key does not belong to the certificate".into(),
            ClientCertProblem::PassphraseNeeded => {
                "the key is encrypted and no passphrase was found".into()
            }
            ClientCertProblem::WrongPassphrase => "the passphrase does not decrypt the key".into(),
            ClientCertProblem::LegacyEncrypted => {
                "the key is encrypted in OpenSSL's old format, which jiratty does not read".into()
            }
            ClientCertProblem::Unsupported => "the key's type is not supported".into(),
        }
    }

    /// What the user can do about it.
    pub fn hint(&self) -> String {
        match self {
            ClientCertProblem::Unreadable(_) => "Check the path in the profile's client_cert and client_key (or pass --client-cert PATH --client-key PATH to `jiratty login`).".into(),
            ClientCertProblem::NoCertificate | ClientCertProblem::NoKey => "client_cert must be a PEM file with a BEGIN CERTIFICATE block and client_key one with a PEM private key; turn a .p12 bundle into both with `openssl pkcs12 -in FILE.p12 -nodes`.".into(),
            ClientCertProblem::Mismatch => "Pass the key that was made together with this certificate (`openssl x509 -noout -pubkey` and `openssl pkey -pubout` print the same key for a matching pair).".into(),
            ClientCertProblem::PassphraseNeeded => "Run `jiratty login` to keep the key's passphrase in the keyring, add client_key_passphrase_command to the profile, or set JIRATTY_CLIENT_KEY_PASSPHRASE for one run.".into(),
            ClientCertProblem::WrongPassphrase => "Run `jiratty login` again and type the key's passphrase (or fix client_key_passphrase_command / JIRATTY_CLIENT_KEY_PASSPHRASE).".into(),
            ClientCertProblem::LegacyEncrypted => "Convert it to encrypted PKCS#8: `openssl pkcs8 -topk8 -in OLD.key -out NEW.key`.".into(),
            ClientCertProblem::Unsupported => "Use an RSA, ECDSA (P-256, P-384) or Ed25519 key.".into(),
        }
    }
}

/// How a site's TLS handshake went wrong over client certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientCertRefusal {
    /// The site asked for a client certificate and none is configured.
    Required,
    /// The site broke off the handshake and no client certificate is configured.
    HandshakeWithoutCertificate,
    /// The site refused the certificate (`bad_certificate`, `certificate_unknown`...).
    Refused,
    /// The site does not trust the certificate's issuer (`unknown_ca`).
    UnknownCa,
    /// The site says the certificate has expired (or is not yet valid).
    Expired,
    /// The site says the certificate was revoked.
    Revoked,
}

impl ClientCertRefusal {
    /// The sentence about `host`.
    pub fn sentence(&self, host: &str) -> String {
        match self {
            ClientCertRefusal::Required => {
                format!("{host} asks for a client certificate and this profile has none")
            }
            ClientCertRefusal::HandshakeWithoutCertificate => format!(
                "{host} broke off the TLS handshake; it probably requires a client certificate, and this profile has none"
            ),
            ClientCertRefusal::Refused => format!("{host} refused the client certificate"),
            ClientCertRefusal::UnknownCa => format!(
                "{host} refused the client certificate: it was not issued by a CA the site trusts"
            ),
            ClientCertRefusal::Expired => {
                format!("{host} refused the client certificate: it has expired or is not valid yet")
            }
            ClientCertRefusal::Revoked => {
                format!("{host} refused the client certificate: it has been revoked")
            }
        }
    }

    /// What the user can do about it.
    pub fn hint(&self) -> String {
        match self {
            ClientCertRefusal::Required | ClientCertRefusal::HandshakeWithoutCertificate => "Add the certificate the site's administrators issued to you: `jiratty login --client-cert CERT.pem --client-key KEY.pem`.".into(),
            ClientCertRefusal::Refused | ClientCertRefusal::UnknownCa => "Check that client_cert is the certificate issued for this site (ask its administrators which CA they accept).".into(),
            ClientCertRefusal::Expired | ClientCertRefusal::Revoked => "Ask the site's administrators for a new client certificate, then run `jiratty login --client-cert CERT.pem --client-key KEY.pem`.".into(),
        }
    }

    /// The refusal a TLS error chain names, if any (`configured`: whether a client
    /// certificate was presented). rustls reports alerts as `received fatal alert: NAME`.
    pub fn from_error_chain(chain: &str, configured: bool) -> Option<ClientCertRefusal> {
        let alert = chain
            .split("received fatal alert: ")
            .nth(1)?
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()?;
        Some(match alert {
            "CertificateRequired" | "NoCertificate" if !configured => ClientCertRefusal::Required,
            "HandshakeFailure" if !configured => ClientCertRefusal::HandshakeWithoutCertificate,
            "UnknownCA" if configured => ClientCertRefusal::UnknownCa,
            "CertificateExpired" if configured => ClientCertRefusal::Expired,
            "CertificateRevoked" if configured => ClientCertRefusal::Revoked,
            "BadCertificate"
            | "UnsupportedCertificate"
            | "CertificateUnknown"
            | "CertificateRequired"
            | "AccessDenied"
            | "HandshakeFailure"
                if configured =>
            {
                ClientCertRefusal::Refused
            }
            _ => return None,
        })
    }
}

impl ClientCertRefusal {
    /// The refusal an HTTP answer carries: nginx with `ssl_verify_client on` finishes the TLS
    /// handshake either way and answers 400 with an HTML page instead ("No required SSL
    /// certificate was sent", "The SSL certificate error").
    pub fn from_proxy_answer(status: u16, body: &[u8]) -> Option<ClientCertRefusal> {
        if status != 400 || body.len() > 64 * 1024 {
            return None;
        }
        let text = String::from_utf8_lossy(body);
        if text.contains("No required SSL certificate was sent") {
            Some(ClientCertRefusal::Required)
        } else if text.contains("The SSL certificate error") {
            Some(ClientCertRefusal::Refused)
        } else {
            None
        }
    }
}

fn problem(file: CertFile, path: &Path, problem: ClientCertProblem) -> JiraError {
    JiraError::ClientCert {
        file,
        path: path.display().to_string(),
        problem,
    }
}

fn read(file: CertFile, path: &Path) -> Result<Vec<u8>, JiraError> {
    std::fs::read(path)
        .map_err(|e| problem(file, path, ClientCertProblem::Unreadable(e.to_string())))
}

const ENCRYPTED_LABEL: &str = "ENCRYPTED PRIVATE KEY";

/// Whether the key file holds an encrypted key (so a passphrase must be looked up).
pub fn key_is_encrypted(path: &Path) -> Result<bool, JiraError> {
    let bytes = read(CertFile::Key, path)?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text.contains(&format!("-----BEGIN {ENCRYPTED_LABEL}-----"))
        || text.contains("Proc-Type: 4,ENCRYPTED"))
}

/// The `-----BEGIN label-----` … `-----END label-----` block of `text`, if any.
fn pem_block<'t>(text: &'t str, label: &str) -> Option<&'t str> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)?;
    let stop = text[start..].find(&end)? + start + end.len();
    Some(&text[start..stop])
}

/// The key as unencrypted PEM, decrypting an `ENCRYPTED PRIVATE KEY` with the passphrase.
fn plain_key_pem(key: &ClientCertificate, bytes: Vec<u8>) -> Result<Vec<u8>, JiraError> {
    let fail = |p| problem(CertFile::Key, &key.key, p);
    let text = String::from_utf8_lossy(&bytes);
    if text.contains("Proc-Type: 4,ENCRYPTED") {
        return Err(fail(ClientCertProblem::LegacyEncrypted));
    }
    let Some(block) = pem_block(&text, ENCRYPTED_LABEL) else {
        return Ok(bytes);
    };
    let passphrase = key
        .passphrase
        .as_ref()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| fail(ClientCertProblem::PassphraseNeeded))?;
    let (label, der) = pkcs8::der::pem::decode_vec(block.as_bytes())
        .map_err(|_| fail(ClientCertProblem::NoKey))?;
    if label != ENCRYPTED_LABEL {
        return Err(fail(ClientCertProblem::NoKey));
    }
    let info = pkcs8::EncryptedPrivateKeyInfo::try_from(der.as_slice())
        .map_err(|_| fail(ClientCertProblem::NoKey))?;
    // A wrong passphrase shows as bad padding or a plaintext that is no PKCS#8 structure.
    let plain = info
        .decrypt(passphrase.expose())
        .map_err(|_| fail(ClientCertProblem::WrongPassphrase))?;
    pkcs8::PrivateKeyInfo::try_from(plain.as_bytes())
        .map_err(|_| fail(ClientCertProblem::WrongPassphrase))?;
    let pem = plain
        .to_pem("PRIVATE KEY", LineEnding::LF)
        .map_err(|_| fail(ClientCertProblem::NoKey))?;
    Ok(pem.as_bytes().to_vec())
}

/// Reads, decrypts and checks the certificate and key, into the identity reqwest presents.
pub fn load_identity(cert: &ClientCertificate) -> Result<reqwest::Identity, JiraError> {
    let cert_fail = |p| problem(CertFile::Certificate, &cert.cert, p);
    let key_fail = |p| problem(CertFile::Key, &cert.key, p);
    let cert_pem = read(CertFile::Certificate, &cert.cert)?;
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<_, _>>()
        .map_err(|_| cert_fail(ClientCertProblem::NoCertificate))?;
    if chain.is_empty() {
        return Err(cert_fail(ClientCertProblem::NoCertificate));
    }
    let key_pem = plain_key_pem(cert, read(CertFile::Key, &cert.key)?)?;
    let key =
        PrivateKeyDer::from_pem_slice(&key_pem).map_err(|_| key_fail(ClientCertProblem::NoKey))?;
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    rustls::sign::CertifiedKey::from_der(chain, key, &provider).map_err(|e| match e {
        rustls::Error::InconsistentKeys(_) => key_fail(ClientCertProblem::Mismatch),
        rustls::Error::InvalidCertificate(_) | rustls::Error::InvalidMessage(_) => {
            cert_fail(ClientCertProblem::NoCertificate)
        }
        _ => key_fail(ClientCertProblem::Unsupported),
    })?;
    // reqwest takes the certificate chain and the key in one PEM buffer.
    let mut both = cert_pem;
    both.push(b'\n');
    both.extend_from_slice(&key_pem);
    reqwest::Identity::from_pem(&both).map_err(|_| key_fail(ClientCertProblem::Unsupported))
}

#[cfg(test)]
#[path = "tls_tests.rs"]
mod tests;
