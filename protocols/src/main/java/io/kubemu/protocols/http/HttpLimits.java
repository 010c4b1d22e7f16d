package io.kubemu.protocols.http;

/**
 * The fixed caps a parser holds a peer to: the header section (start line, fields and the empty
 * line) in bytes, the number of header fields, and the body in bytes. The defaults are nginx's
 * order of magnitude: 16 KiB of header (large_client_header_buffers 4 8k would allow 8 KiB a
 * line), 100 fields, and client_max_body_size 1m.
 */
public record HttpLimits(int maxHeaderBytes, int maxHeaders, long maxBodyBytes) {
  public static final HttpLimits DEFAULT = new HttpLimits(16 * 1024, 100, 1 << 20);

  public HttpLimits {
    if (maxHeaderBytes < 16 || maxHeaders < 1 || maxBodyBytes < 0) {
      throw new IllegalArgumentException("bad HTTP limits: " + maxHeaderBytes + " header bytes, " + maxHeaders
          + " headers, " + maxBodyBytes + " body bytes (expected: >= 16, >= 1, >= 0)");
    }
  }

  public HttpLimits withMaxBodyBytes(long bytes) {
    return new HttpLimits(maxHeaderBytes, maxHeaders, bytes);
  }
}
