package io.kubemu.protocols.addr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random addresses and text, checked against java.net as an independent implementation. */
class Ipv6AddressRandomTest {
  private static final String ALPHABET = "0123456789abcdefABCDEFg:::...%/ ";

  private static Ipv6Address randomAddress(Random rnd) {
    long high = 0;
    long low = 0;
    for (int g = 0; g < 8; g++) {
      int group = switch (rnd.nextInt(4)) {
        case 0, 1 -> 0;
        case 2 -> rnd.nextInt(16);
        default -> rnd.nextInt(0x10000);
      };
      if (g < 4) {
        high = (high << 16) | group;
      } else {
        low = (low << 16) | group;
      }
    }
    return new Ipv6Address(high, low);
  }

  /** RFC 5952 by string search over java.net's uncompressed text: the longest run of ":0", leftmost first. */
  private static String canonicalByJavaNet(Ipv6Address a) throws UnknownHostException {
    String full = ((Inet6Address) InetAddress.getByAddress(null, a.toBytes())).getHostAddress();
    String padded = ":" + full + ":";
    for (int k = 8; k >= 2; k--) {
      String run = ":" + "0:".repeat(k);
      int at = padded.indexOf(run);
      if (at >= 0) {
        return trimSentinels(padded.substring(0, at) + "::" + padded.substring(at + run.length()));
      }
    }
    return full;
  }

  private static String trimSentinels(String s) {
    if (s.startsWith(":") && !s.startsWith("::")) {
      s = s.substring(1);
    }
    if (s.endsWith(":") && !s.endsWith("::")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  @Test
  void canonicalTextMatchesAnIndependentRfc5952Construction() throws UnknownHostException {
    Random rnd = new Random(5952);
    for (int i = 0; i < 5_000; i++) {
      Ipv6Address a = randomAddress(rnd);
      if (a.isIpv4Mapped()) {
        continue;
      }
      String text = a.toString();
      assertEquals(canonicalByJavaNet(a), text);
      assertEquals(a, Ipv6Address.parse(text));
      assertEquals(a, Ipv6Address.parse(text.toUpperCase()));
      assertArrayEquals(InetAddress.getByName(text).getAddress(), a.toBytes(), text);
    }
  }

  @Test
  void randomTextIsParsedLikeJavaNetOrRejectedNamingIt() throws UnknownHostException {
    Random rnd = new Random(4291);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      String text = i % 2 == 0 ? randomText(rnd) : mutate(rnd, randomAddress(rnd).toString());
      Ipv6Address a;
      try {
        a = Ipv6Address.parse(text);
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().startsWith("bad IPv6 address: '" + text + "'"), e.getMessage());
        continue;
      } catch (RuntimeException e) {
        fail("'" + text + "' threw " + e, e);
        return;
      }
      parsed++;
      assertEquals(a, Ipv6Address.parse(a.toString()), text);
      byte[] javaNet = InetAddress.getByName(text).getAddress();
      if (javaNet.length == 16) {
        assertArrayEquals(javaNet, a.toBytes(), text);
      } else {
        assertTrue(a.isIpv4Mapped(), text);
        assertArrayEquals(javaNet, a.lowIpv4().toBytes(), text);
      }
    }
    assertTrue(parsed > 1_000, "only " + parsed + " random texts parsed: the generator is too weak");
  }

  private static String randomText(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(42);
    for (int k = 0; k < n; k++) {
      sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static String mutate(Random rnd, String s) {
    StringBuilder sb = new StringBuilder(s);
    int edits = rnd.nextInt(3);
    for (int k = 0; k < edits; k++) {
      int at = rnd.nextInt(sb.length() + 1);
      char c = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
      switch (rnd.nextInt(3)) {
        case 0 -> sb.insert(at, c);
        case 1 -> {
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
        }
        default -> {
          if (at < sb.length()) {
            sb.setCharAt(at, c);
          }
        }
      }
    }
    return sb.toString();
  }
}
