package io.kubemu.nodes.app.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Picks the server certificate by the name the client asked for in its ClientHello (SNI), as
 * nginx's {@code ssl_certificate_by_lua} does in ingress-nginx: a certificate configured for that
 * host, else the default one (also for clients that send no name).
 */
public final class SniKeyManager extends X509ExtendedKeyManager {
  private static final String DEFAULT = "default";

  private final Map<String, CertifiedKey> byAlias = new HashMap<>();

  /** {@code byHost}: lower-case host names to their certificates; {@code fallback} for every other name. */
  public SniKeyManager(Map<String, CertifiedKey> byHost, CertifiedKey fallback) {
    byHost.forEach((host, key) -> byAlias.put(host.toLowerCase(Locale.ROOT), key));
    byAlias.put(DEFAULT, fallback);
  }

  /** The alias (host name, or "default") whose certificate a client asking for {@code serverName} gets. */
  public String aliasFor(String serverName) {
    String name = serverName == null ? null : serverName.toLowerCase(Locale.ROOT);
    if (name == null || name.equals(DEFAULT)) {
      return DEFAULT;
    }
    if (byAlias.containsKey(name)) {
      return name;
    }
    int dot = name.indexOf('.');
    String wildcard = dot > 0 ? "*" + name.substring(dot) : null; // ingress-nginx tries the name, then its wildcard
    return wildcard != null && byAlias.containsKey(wildcard) ? wildcard : DEFAULT;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    String alias = aliasFor(requestedName(engine.getHandshakeSession()));
    return byAlias.get(alias).key().getAlgorithm().equals(keyType) ? alias : null;
  }

  private static String requestedName(SSLSession handshake) {
    if (handshake instanceof ExtendedSSLSession ext) {
      for (SNIServerName n : ext.getRequestedServerNames()) {
        if (n instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    CertifiedKey k = byAlias.get(alias);
    return k == null ? null : k.chain().toArray(new X509Certificate[0]);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    CertifiedKey k = byAlias.get(alias);
    return k == null ? null : k.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return byAlias.entrySet().stream().filter(e -> e.getValue().key().getAlgorithm().equals(keyType))
        .map(Map.Entry::getKey).toArray(String[]::new);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null; // kubemu's TLS runs on engines only
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
