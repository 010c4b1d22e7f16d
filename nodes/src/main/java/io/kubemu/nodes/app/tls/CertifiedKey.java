package io.kubemu.nodes.app.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private key with its certificate chain, as a {@code kubernetes.io/tls} Secret holds them
 * ({@code tls.crt}, {@code tls.key} in PEM). Reads the key forms openssl writes: PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}).
 */
public record CertifiedKey(PrivateKey key, List<X509Certificate> chain) {
  public CertifiedKey {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no certificate");
    }
  }

  /** Reads a Secret's PEM pair; a clear message when either is not what it must be. */
  public static CertifiedKey fromPem(String certPem, String keyPem) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
      certs.forEach(c -> chain.add((X509Certificate) c));
    } catch (CertificateException | RuntimeException e) {
      throw new IllegalArgumentException("tls.crt: not a PEM certificate: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("tls.crt: no certificate in it");
    }
    PrivateKey key = readKey(keyPem);
    if (!key.getAlgorithm().equals(chain.get(0).getPublicKey().getAlgorithm())) {
      throw new IllegalArgumentException("tls.key: a " + key.getAlgorithm() + " key for a "
          + chain.get(0).getPublicKey().getAlgorithm() + " certificate");
    }
    return new CertifiedKey(key, chain);
  }

  private static PrivateKey readKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo()); // a SEC1 key may come without its public half
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IllegalArgumentException("tls.key: no private key in it (expected a PEM PRIVATE KEY,"
          + " RSA PRIVATE KEY or EC PRIVATE KEY block" + (o == null ? "" : ", found " + o.getClass().getSimpleName()) + ")");
    } catch (IllegalArgumentException ours) {
      throw ours;
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle throws unchecked exceptions (DecoderException) for bad base64 inside a PEM block
      throw new IllegalArgumentException("tls.key: not a PEM private key: " + e.getMessage());
    }
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  /**
   * Whether the certificate is valid for {@code host}: a DNS name in its subjectAltName, one
   * wildcard label at the left (RFC 6125), or, with no DNS names at all, its common name.
   */
  public boolean covers(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    List<String> names = dnsNames();
    if (names.isEmpty()) {
      names = commonName().map(List::of).orElse(List.of());
    }
    for (String n : names) {
      String name = n.toLowerCase(Locale.ROOT);
      if (name.equals(h)) {
        return true;
      }
      if (name.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(name.substring(1))) {
        return true;
      }
    }
    return false;
  }

  private List<String> dnsNames() {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = leaf().getSubjectAlternativeNames();
      if (sans != null) {
        sans.stream().filter(san -> Integer.valueOf(2).equals(san.get(0))).forEach(san -> out.add((String) san.get(1)));
      }
    } catch (CertificateParsingException e) {
      // a certificate without readable names covers nothing by name
    }
    return out;
  }

  private java.util.Optional<String> commonName() {
    for (String part : leaf().getSubjectX500Principal().getName(X500Principal.RFC2253).split(",")) {
      if (part.startsWith("CN=")) {
        return java.util.Optional.of(part.substring(3));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * A self-signed certificate for {@code dnsNames}, valid a year from now: ingress-nginx's
   * "Kubernetes Ingress Controller Fake Certificate" is one of these.
   */
  public static CertifiedKey selfSigned(String commonName, String organization, List<String> dnsNames) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      KeyPair pair = gen.generateKeyPair();
      X500Principal subject = new X500Principal("CN=" + commonName + ", O=" + organization);
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))), subject, pair.getPublic());
      GeneralName[] names = dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
      return new CertifiedKey(pair.getPrivate(), List.of(cert));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make a self-signed certificate", e);
    }
  }
}
