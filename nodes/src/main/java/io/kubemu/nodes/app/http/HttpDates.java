package io.kubemu.nodes.app.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The timestamps web servers write: the Date header (RFC 9110 IMF-fixdate) and their log lines. */
public final class HttpDates {
  private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter COMMON_LOG = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GO_LOG = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private HttpDates() {}

  /** {@code Tue, 26 Nov 2024 12:00:00 GMT}. */
  public static String imf(Instant t) {
    return IMF.format(t);
  }

  /** {@code 26/Nov/2024:12:00:00 +0000}, as nginx's and Apache's access logs have it. */
  public static String commonLog(Instant t) {
    return COMMON_LOG.format(t);
  }

  /** {@code 2024/11/26 12:00:00}, Go's log package. */
  public static String goLog(Instant t) {
    return GO_LOG.format(t);
  }
}
