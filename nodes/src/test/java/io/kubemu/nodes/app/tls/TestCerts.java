package io.kubemu.nodes.app.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Certificates as a user would make them with openssl for a TLS Secret, and clients that trust exactly them. */
public final class TestCerts {
  private TestCerts() {}

  /** A self-signed certificate for {@code names}. */
  public static CertifiedKey make(String... names) {
    return CertifiedKey.selfSigned(names[0], "kubemu tests", List.of(names));
  }

  public static String certPem(CertifiedKey k) {
    return pem(k.leaf());
  }

  /** The key as openssl 3 writes it: PKCS#8, "BEGIN PRIVATE KEY". */
  public static String pkcs8Pem(CertifiedKey k) {
    try {
      return pem(new JcaPKCS8Generator(k.key(), null).generate());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key as older openssl writes an RSA key: PKCS#1, "BEGIN RSA PRIVATE KEY". */
  public static String pkcs1Pem(CertifiedKey k) {
    return pem(k.key());
  }

  private static String pem(Object o) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** A client engine that trusts only {@code trusted}, checks the host name as HTTPS does, and asks for {@code sni}. */
  public static SSLEngine client(String sni, X509Certificate trusted) {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("trusted", trusted);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      SSLEngine e = ctx.createSSLEngine(sni, 443);
      SSLParameters p = e.getSSLParameters();
      p.setServerNames(List.of(new SNIHostName(sni)));
      p.setEndpointIdentificationAlgorithm("HTTPS");
      e.setSSLParameters(p);
      return e;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
