//! Who a request comes from, for the rate limits. The peer address, unless
//! the peer is a proxy the operator trusts (`--trusted-proxy`): then the
//! `X-Forwarded-For` header says, read from the right (each proxy appends
//! the address it was reached from), and the client is the first address
//! that is not itself a trusted proxy. Nothing left of that is believed: a
//! client can write anything there, but cannot make a trusted proxy write it.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request};
use ipnet::IpNet;
use tower_governor::GovernorError;
use tower_governor::key_extractor::KeyExtractor;

const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Arc<Vec<IpNet>>);

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>) -> Self {
        TrustedProxies(Arc::new(networks))
    }

    fn trust(&self, address: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(&address))
    }

    /// The client's address, from the peer's and the forwarding headers.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trust(peer) {
            return peer;
        }
        let forwarded: Vec<&str> = headers
            .get_all(X_FORWARDED_FOR)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .collect();
        let mut nearest = peer;
        for entry in forwarded.iter().rev() {
            let Some(address) = parse_forwarded(entry) else { return nearest };
            if !self.trust(address) {
                return address;
            }
            nearest = address;
        }
        nearest
    }
}

/// `203.0.113.7`, `2001:db8::1`, or either with a port (`[2001:db8::1]:4711`).
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry.parse::<IpAddr>().ok().or_else(|| entry.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
}

/// For `--trusted-proxy`: a network (`10.0.0.0/8`) or one address.
pub fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("`{text}` is neither an IP address nor a network like 10.0.0.0/8"))
}

/// The rate limits' key: the client's address.
#[derive(Clone)]
pub struct ClientKey(pub TrustedProxies);

impl KeyExtractor for ClientKey {
    type Key = IpAddr;

    fn extract<T>(&self, request: &Request<T>) -> Result<IpAddr, GovernorError> {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())
            .ok_or(GovernorError::UnableToExtractKey)?;
        Ok(self.0.client(peer, request.headers()))
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderMap;

    use super::{TrustedProxies, parse_network};

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    fn proxies(networks: &[&str]) -> TrustedProxies {
        TrustedProxies::new(networks.iter().map(|network| parse_network(network).unwrap()).collect())
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let peer = "198.51.100.9".parse().unwrap();
        assert_eq!(proxies(&[]).client(peer, &forwarded(&["203.0.113.7"])), peer);
        assert_eq!(proxies(&["10.0.0.0/8"]).client(peer, &forwarded(&["203.0.113.7"])), peer);
    }

    #[test]
    fn behind_trusted_proxies_the_client_is_the_first_untrusted_address_from_the_right() {
        let peer = "10.0.0.2".parse().unwrap();
        let trusted = proxies(&["10.0.0.0/8"]);
        // The client claims 1.1.1.1; the edge proxy saw 203.0.113.7; an inner proxy saw the edge.
        let headers = forwarded(&["1.1.1.1, 203.0.113.7", "10.0.0.1"]);
        assert_eq!(trusted.client(peer, &headers), "203.0.113.7".parse::<std::net::IpAddr>().unwrap());
        assert_eq!(
            trusted.client(peer, &forwarded(&["[2001:db8::1]:4711"])),
            "2001:db8::1".parse::<std::net::IpAddr>().unwrap()
        );
    }

    #[test]
    fn a_trusted_peer_without_a_believable_header_is_the_client() {
        let peer = "127.0.0.1".parse().unwrap();
        let trusted = proxies(&["127.0.0.1"]);
        assert_eq!(trusted.client(peer, &HeaderMap::new()), peer);
        assert_eq!(trusted.client(peer, &forwarded(&["not an address"])), peer);
    }

    #[test]
    fn a_proxy_setting_is_an_address_or_a_network() {
        assert!(parse_network("10.0.0.0/8").is_ok());
        assert!(parse_network("::1").is_ok());
        assert!(parse_network("proxy.example").unwrap_err().contains("neither an IP address"));
    }
}
