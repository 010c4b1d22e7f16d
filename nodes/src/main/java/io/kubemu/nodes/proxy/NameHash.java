package io.kubemu.nodes.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How kube-proxy turns a name into a short stable one: base32 (RFC 4648, as Go's
 * base32.StdEncoding writes it) of its SHA-256, cut to a prefix. The iptables mode takes 16
 * characters (KUBE-SVC-...), the nftables mode 8.
 */
public final class NameHash {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private NameHash() {}

  /** The first {@code chars} base32 characters of SHA-256({@code text}); at most 51. */
  public static String of(String text, int chars) {
    byte[] sum;
    try {
      sum = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    StringBuilder out = new StringBuilder(chars);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; out.length() < chars; ) {
      if (bits < 5) {
        buffer = (buffer << 8) | (sum[i++] & 0xFF);
        bits += 8;
      }
      out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
      bits -= 5;
    }
    return out.toString();
  }
}
