package io.kubemu.nodes.bgp;

import io.kubemu.protocols.bgp.session.SessionConfig;
import java.time.Duration;

/**
 * The speaker's timers ({@code kubemu.cluster.bgp}): hold and keepalive as offered in OPEN (BIRD's
 * and Calico's 90 s and 30 s by default), and how often an unanswered connect is retried (Calico's
 * BIRD template: {@code connect retry time 5}).
 */
public record BgpTimers(Duration holdTime, Duration keepalive, Duration connectRetry) {
  /** Calico's default AS number, when no BGPConfiguration says otherwise. */
  public static final long DEFAULT_ASN = 64512;
  public static final BgpTimers DEFAULT = new BgpTimers(SessionConfig.DEFAULT_HOLD_TIME, SessionConfig.DEFAULT_KEEPALIVE,
      Duration.ofSeconds(5));
}
