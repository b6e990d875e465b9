//! Helpers of the client-certificate tests: a private CA made with rcgen that signs the demo
//! server's certificate and the client certificates (one of them expired), a second CA the
//! server does not trust, an encrypted copy of the client key, all as PEM files in a
//! temporary directory; and the demo server over TLS requiring a client certificate.
#![allow(dead_code)]

use jiratty::demo::tls::DemoTls;
use jiratty::demo::{DemoConfig, DemoServer};
use pkcs8::der::pem::LineEnding;
use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer};
use rcgen::{KeyPair, date_time_ymd};
use std::path::{Path, PathBuf};

/// The passphrase of the encrypted client key.
pub const PASSPHRASE: &str = "mtls-test-passphrase-7Qx";

/// The files, in a temporary directory that lives as long as this value.
pub struct Pki {
    dir: tempfile::TempDir,
    /// The CA that signed the server's and the client's certificates.
    pub ca: PathBuf,
    /// The server's certificate (127.0.0.1 and localhost) and key.
    pub server_cert: PathBuf,
    /// The server's key.
    pub server_key: PathBuf,
    /// Alice's client certificate.
    pub client_cert: PathBuf,
    /// Its key, unencrypted.
    pub client_key: PathBuf,
    /// Its key, encrypted (PKCS#8, PBKDF2-SHA256 and AES-256-CBC) with [`PASSPHRASE`].
    pub client_key_encrypted: PathBuf,
    /// A client certificate and key from a CA the server does not trust.
    pub stranger_cert: PathBuf,
    /// Its key.
    pub stranger_key: PathBuf,
    /// A client certificate of the right CA that expired in 2001.
    pub expired_cert: PathBuf,
    /// Its key.
    pub expired_key: PathBuf,
}

fn ca(name: &str) -> (rcgen::Certificate, Issuer<'static, KeyPair>) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    let cert = params.self_signed(&key).unwrap();
    (cert, Issuer::new(params, key))
}

fn leaf(
    issuer: &Issuer<'static, KeyPair>,
    names: &[&str],
    purpose: ExtendedKeyUsagePurpose,
    expired: bool,
) -> (rcgen::Certificate, KeyPair) {
    let key = KeyPair::generate().unwrap();
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names).unwrap();
    params.distinguished_name.push(DnType::CommonName, "alice");
    params.extended_key_usages = vec![purpose];
    if expired {
        params.not_before = date_time_ymd(2000, 1, 1);
        params.not_after = date_time_ymd(2001, 1, 1);
    }
    (params.signed_by(&key, issuer).unwrap(), key)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The key encrypted as `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes it.
pub fn encrypted(key: &KeyPair, passphrase: &str) -> String {
    let der = key.serialize_der();
    let info = pkcs8::PrivateKeyInfo::try_from(der.as_slice()).unwrap();
    let params =
        pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(2048, &[7u8; 16], &[9u8; 16])
            .unwrap();
    let document = info.encrypt_with_params(params, passphrase).unwrap();
    document
        .to_pem("ENCRYPTED PRIVATE KEY", LineEnding::LF)
        .unwrap()
        .to_string()
}

/// Makes the CAs, certificates and keys.
pub fn pki() -> Pki {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ca_cert, issuer) = ca("jiratty test CA");
    let (server, server_key) = leaf(
        &issuer,
        &["127.0.0.1", "localhost"],
        ExtendedKeyUsagePurpose::ServerAuth,
        false,
    );
    let (client, client_key) = leaf(&issuer, &[], ExtendedKeyUsagePurpose::ClientAuth, false);
    let (expired, expired_key) = leaf(&issuer, &[], ExtendedKeyUsagePurpose::ClientAuth, true);
    let (_, stranger_issuer) = ca("some other CA");
    let (stranger, stranger_key) = leaf(
        &stranger_issuer,
        &[],
        ExtendedKeyUsagePurpose::ClientAuth,
        false,
    );
    Pki {
        ca: write(d, "ca.pem", &ca_cert.pem()),
        server_cert: write(d, "server.pem", &server.pem()),
        server_key: write(d, "server.key", &server_key.serialize_pem()),
        client_cert: write(d, "alice.pem", &client.pem()),
        client_key: write(d, "alice.key", &client_key.serialize_pem()),
        client_key_encrypted: write(
            d,
            "alice-encrypted.key",
            &encrypted(&client_key, PASSPHRASE),
        ),
        stranger_cert: write(d, "stranger.pem", &stranger.pem()),
        stranger_key: write(d, "stranger.key", &stranger_key.serialize_pem()),
        expired_cert: write(d, "expired.pem", &expired.pem()),
        expired_key: write(d, "expired.key", &expired_key.serialize_pem()),
        dir,
    }
}

impl Pki {
    /// The directory holding the files.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The demo server's TLS settings: its certificate, and client certificates of our CA
    /// required.
    pub fn demo_tls(&self) -> DemoTls {
        DemoTls {
            cert: self.server_cert.clone(),
            key: self.server_key.clone(),
            client_ca: Some(self.ca.clone()),
        }
    }
}

/// A Cloud demo server over TLS that requires a client certificate of `pki`'s CA.
pub async fn mtls_demo(pki: &Pki) -> DemoServer {
    jiratty::demo::tls::start_tls(DemoConfig::default(), &pki.demo_tls())
        .await
        .expect("the TLS demo server starts")
}
