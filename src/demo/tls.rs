//! The demo server over TLS (`demo-server --tls-cert PEM --tls-key PEM`), optionally requiring
//! a client certificate signed by `--client-ca PEM`, as a reverse proxy in front of a Jira
//! site that wants mutual TLS does. Handshakes run on their own tasks, so a client that
//! connects and says nothing holds up nobody.

use super::{DemoConfig, DemoError, DemoServer, Site, router};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::server::TlsStream;

/// The demo's TLS settings.
#[derive(Debug, Clone)]
pub struct DemoTls {
    /// The server's certificate chain (PEM).
    pub cert: PathBuf,
    /// The server's private key (PEM, unencrypted).
    pub key: PathBuf,
    /// When set, a client certificate signed by this CA (PEM) is required.
    pub client_ca: Option<PathBuf>,
}

/// How long a TLS handshake may take before the connection is dropped.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

fn tls_error(what: &str, path: &Path, why: impl std::fmt::Display) -> DemoError {
    DemoError::Tls {
        reason: format!("{what} {}: {why}", path.display()),
    }
}

fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, DemoError> {
    let pem = std::fs::read(path).map_err(|e| tls_error("cannot read", path, e))?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<_, _>>()
        .map_err(|e| tls_error("no PEM certificate in", path, e))?;
    if certs.is_empty() {
        return Err(tls_error("no PEM certificate in", path, "it is empty"));
    }
    Ok(certs)
}

impl DemoTls {
    /// The rustls configuration these files describe.
    pub fn server_config(&self) -> Result<rustls::ServerConfig, DemoError> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let chain = certificates(&self.cert)?;
        let key_pem =
            std::fs::read(&self.key).map_err(|e| tls_error("cannot read", &self.key, e))?;
        let key = PrivateKeyDer::from_pem_slice(&key_pem)
            .map_err(|e| tls_error("no unencrypted PEM private key in", &self.key, e))?;
        let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| tls_error("TLS versions for", &self.cert, e))?;
        let builder = match &self.client_ca {
            None => builder.with_no_client_auth(),
            Some(ca) => {
                let mut roots = rustls::RootCertStore::empty();
                for cert in certificates(ca)? {
                    roots
                        .add(cert)
                        .map_err(|e| tls_error("unusable CA certificate in", ca, e))?;
                }
                let verifier =
                    WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                        .build()
                        .map_err(|e| tls_error("cannot verify clients with", ca, e))?;
                builder.with_client_cert_verifier(verifier)
            }
        };
        builder
            .with_single_cert(chain, key)
            .map_err(|e| tls_error("the key does not fit", &self.cert, e))
    }
}

/// Connections whose TLS handshake is done, for axum to serve.
struct TlsListener {
    ready: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    addr: SocketAddr,
    accepting: tokio::task::JoinHandle<()>,
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(ready) => ready,
            // The accepting task ended (it only does when the listener is dropped).
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.addr)
    }
}

fn tls_listener(
    listener: TcpListener,
    config: rustls::ServerConfig,
    addr: SocketAddr,
) -> TlsListener {
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let (tx, ready) = tokio::sync::mpsc::channel(64);
    let accepting = tokio::spawn(async move {
        loop {
            let (tcp, peer) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(e) => {
                    tracing::warn!(error = %e, "demo TLS accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = tcp.set_nodelay(true);
            let acceptor = acceptor.clone();
            let tx = tx.clone();
            tokio::spawn(async move {
                match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
                    Ok(Ok(tls)) => {
                        let _ = tx.send((tls, peer)).await;
                    }
                    // A refused client certificate: rustls has sent the alert already.
                    Ok(Err(e)) => tracing::info!(%peer, error = %e, "demo TLS handshake refused"),
                    Err(_) => tracing::info!(%peer, "demo TLS handshake timed out"),
                }
            });
        }
    });
    TlsListener {
        ready,
        addr,
        accepting,
    }
}

/// Starts a demo server on 127.0.0.1 that speaks only TLS, in the current tokio runtime.
pub async fn start_tls(config: DemoConfig, tls: &DemoTls) -> Result<DemoServer, DemoError> {
    let server_config = tls.server_config()?;
    let listener = TcpListener::bind(("127.0.0.1", config.port))
        .await
        .map_err(|source| DemoError::Bind {
            port: config.port,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| DemoError::Bind {
        port: config.port,
        source,
    })?;
    let site = Arc::new(Site::new(&config));
    let _ = site.base.set(format!("https://{addr}"));
    tracing::info!(%addr, client_ca = tls.client_ca.is_some(), "demo TLS server ready");
    let app = router(site.clone());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let listener = tls_listener(listener, server_config, addr);
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "demo TLS server stopped");
        }
    });
    Ok(DemoServer {
        addr,
        site,
        tls: true,
        shutdown: Some(tx),
        task,
    })
}
