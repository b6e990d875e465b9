//! An in-memory credential store shared by all its entries, for tests of code that keeps
//! secrets (keyring's own mock keeps each secret inside one entry only, so a secret set through
//! one `Entry` cannot be read back through another).

use keyring::credential::{Credential, CredentialApi, CredentialBuilderApi};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Map = Arc<Mutex<HashMap<(String, String), String>>>;

/// A credential store in memory; clones share their contents.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore(Map);

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// Every (service, account) that holds a secret.
    pub fn accounts(&self) -> Vec<(String, String)> {
        let mut keys: Vec<_> = lock(&self.0).keys().cloned().collect();
        keys.sort();
        keys
    }
}

fn lock(map: &Map) -> std::sync::MutexGuard<'_, HashMap<(String, String), String>> {
    // A panic while holding the lock cannot leave the map half-changed: take it anyway.
    map.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

struct MemoryCredential {
    key: (String, String),
    map: Map,
}

impl CredentialApi for MemoryCredential {
    fn set_secret(&self, secret: &[u8]) -> keyring::Result<()> {
        let text = String::from_utf8(secret.to_vec())
            .map_err(|e| keyring::Error::BadEncoding(e.into_bytes()))?;
        lock(&self.map).insert(self.key.clone(), text);
        Ok(())
    }

    fn get_secret(&self) -> keyring::Result<Vec<u8>> {
        lock(&self.map)
            .get(&self.key)
            .map(|s| s.as_bytes().to_vec())
            .ok_or(keyring::Error::NoEntry)
    }

    fn delete_credential(&self) -> keyring::Result<()> {
        lock(&self.map)
            .remove(&self.key)
            .map(|_| ())
            .ok_or(keyring::Error::NoEntry)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl CredentialBuilderApi for MemoryStore {
    fn build(
        &self,
        _target: Option<&str>,
        service: &str,
        user: &str,
    ) -> keyring::Result<Box<Credential>> {
        Ok(Box::new(MemoryCredential {
            key: (service.to_string(), user.to_string()),
            map: self.0.clone(),
        }))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl super::Keyring {
    /// A keyring over `store` (see [`MemoryStore`]).
    pub fn in_memory(store: &MemoryStore) -> Self {
        super::Keyring::with_builder(Box::new(store.clone()))
    }
}
