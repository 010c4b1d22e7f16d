package io.kubemu.protocols.http;

import io.kubemu.protocols.wire.MalformedPacketException;

/**
 * Raises a parser's errors and remembers the status a server answers them with: 400 unless a
 * specific one fits (413 body too large, 431 header too large, 501 unknown transfer coding, 505
 * unsupported version).
 */
final class Failures {
  private int status;

  MalformedPacketException fail(int status, long offset, String message) {
    this.status = status;
    return new MalformedPacketException((int) Math.min(offset, Integer.MAX_VALUE), message);
  }

  MalformedPacketException fail(long offset, String message) {
    return fail(HttpStatus.BAD_REQUEST, offset, message);
  }

  /** The status for the last failure; 0 while there was none. */
  int status() {
    return status;
  }
}
