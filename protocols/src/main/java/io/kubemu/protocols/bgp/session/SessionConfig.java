package io.kubemu.protocols.bgp.session;

import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.Objects;

/**
 * What one side of a session is configured with. Hold time 90 s and keepalive 30 s are Calico's and
 * BIRD's defaults (RFC 4271 10 suggests 90 and a third of it); the connect retry of 120 s is the
 * RFC's suggestion. A hold time of 0 offers a session without keepalives.
 */
public record SessionConfig(long localAsn, long peerAsn, Ipv4Address routerId, Duration holdTime,
    Duration keepalive, Duration connectRetry) {
  public static final Duration DEFAULT_HOLD_TIME = Duration.ofSeconds(90);
  public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_RETRY = Duration.ofSeconds(120);

  public SessionConfig {
    checkAsn("local", localAsn);
    checkAsn("peer", peerAsn);
    Objects.requireNonNull(routerId, "routerId");
    if (routerId.bits() == 0) {
      throw new IllegalArgumentException("bad router ID: 0.0.0.0 (expected: non-zero, RFC 6286)");
    }
    long hold = holdTime.toSeconds();
    if (holdTime.toMillis() % 1000 != 0 || hold == 1 || hold == 2 || hold < 0 || hold > 0xFFFF) {
      throw new IllegalArgumentException("bad hold time: " + holdTime + " (expected: whole seconds, 0 or 3..65535)");
    }
    if (keepalive.isNegative() || keepalive.isZero() && hold != 0) {
      throw new IllegalArgumentException("bad keepalive: " + keepalive + " (expected: positive)");
    }
    if (connectRetry.isNegative() || connectRetry.isZero()) {
      throw new IllegalArgumentException("bad connect retry: " + connectRetry + " (expected: positive)");
    }
  }

  public static SessionConfig of(long localAsn, long peerAsn, Ipv4Address routerId) {
    return new SessionConfig(localAsn, peerAsn, routerId, DEFAULT_HOLD_TIME, DEFAULT_KEEPALIVE, DEFAULT_CONNECT_RETRY);
  }

  public SessionConfig withTimers(Duration holdTime, Duration keepalive) {
    return new SessionConfig(localAsn, peerAsn, routerId, holdTime, keepalive, connectRetry);
  }

  private static void checkAsn(String which, long asn) {
    if (asn < 1 || asn > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("bad " + which + " AS: " + asn + " (expected: 1..4294967295)");
    }
  }
}
