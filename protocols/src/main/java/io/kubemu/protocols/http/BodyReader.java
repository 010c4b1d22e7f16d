package io.kubemu.protocols.http;

import io.kubemu.protocols.wire.MalformedPacketException;
import java.io.ByteArrayOutputStream;

/**
 * Reads one body as bytes arrive, by its {@link BodyFraming}, within {@link HttpLimits#maxBodyBytes()}.
 * Chunked bodies (RFC 9112 section 7.1) have their chunk extensions ignored and their trailer
 * section checked and dropped.
 */
final class BodyReader {
  private static final int MAX_CHUNK_LINE = 1024;

  private enum State { DATA, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, DONE }

  private final BodyFraming framing;
  private final HttpLimits limits;
  private final Failures failures;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private State state;
  private long remaining;
  private FieldBlockReader trailer;

  BodyReader(BodyFraming framing, HttpLimits limits, Failures failures, long offset) {
    this.framing = framing;
    this.limits = limits;
    this.failures = failures;
    switch (framing.kind()) {
      case NONE -> state = State.DONE;
      case CHUNKED -> state = State.CHUNK_SIZE;
      case FIXED -> {
        remaining = framing.length();
        state = remaining == 0 ? State.DONE : State.DATA;
        if (remaining > limits.maxBodyBytes()) {
          throw tooLarge(offset, remaining);
        }
      }
      default -> {
        remaining = Long.MAX_VALUE;
        state = State.DATA;
      }
    }
  }

  /** Consumes body bytes; true once the body is complete. */
  boolean read(ByteQueue q) {
    while (state != State.DONE) {
      boolean progressed = switch (state) {
        case DATA, CHUNK_DATA -> data(q);
        case CHUNK_SIZE -> chunkSize(q);
        case CHUNK_END -> chunkEnd(q);
        case TRAILER -> trailerEnd(q);
        default -> false;
      };
      if (!progressed) {
        return false;
      }
    }
    return true;
  }

  /** The connection ended: true when that completes the body (a response delimited by the close). */
  boolean endOfStream() {
    if (framing.kind() == BodyFraming.Kind.UNTIL_CLOSE) {
      state = State.DONE;
    }
    return state == State.DONE;
  }

  /** What is still missing, for a truncation error. */
  String missing() {
    return switch (state) {
      case DATA -> framing.kind() == BodyFraming.Kind.FIXED ? remaining + " more body bytes" : "the end of the body";
      case CHUNK_SIZE -> "a chunk size line";
      case CHUNK_DATA -> remaining + " more chunk bytes";
      case CHUNK_END -> "CRLF after chunk data";
      case TRAILER -> "the end of the trailer section";
      default -> "nothing";
    };
  }

  long received() {
    return body.size();
  }

  byte[] body() {
    return body.toByteArray();
  }

  private boolean data(ByteQueue q) {
    int n = (int) Math.min(remaining, q.size());
    if (n == 0) {
      return false;
    }
    if (framing.kind() == BodyFraming.Kind.UNTIL_CLOSE && body.size() + (long) n > limits.maxBodyBytes()) {
      throw tooLarge(q.offset(0), body.size() + (long) n);
    }
    body.writeBytes(q.take(n));
    remaining -= n;
    if (remaining == 0) {
      state = state == State.CHUNK_DATA ? State.CHUNK_END : State.DONE;
    }
    return true;
  }

  private boolean chunkSize(ByteQueue q) {
    int lf = q.indexOfLf();
    if (lf < 0 || lf >= MAX_CHUNK_LINE) {
      if (q.size() >= MAX_CHUNK_LINE) {
        throw failures.fail(q.offset(0), "chunk size line too long: more than " + MAX_CHUNK_LINE
            + " bytes (expected: at most " + MAX_CHUNK_LINE + ")");
      }
      return false;
    }
    long at = q.offset(0);
    String line = q.text(lf > 0 && q.byteAt(lf - 1) == '\r' ? lf - 1 : lf);
    q.skip(lf + 1);
    int digits = 0;
    while (digits < line.length() && Character.digit(line.charAt(digits), 16) >= 0 && line.charAt(digits) < 128) {
      digits++;
    }
    String rest = HttpSyntax.trimOws(line.substring(digits));
    if (digits == 0 || digits > 15 || !(rest.isEmpty() || rest.startsWith(";")) || !HttpSyntax.isFieldText(rest)) {
      throw failures.fail(at, "bad chunk size line: " + HttpSyntax.quote(line)
          + " (expected: 1 to 15 hex digits, then optional ;extensions)");
    }
    long size = Long.parseLong(line.substring(0, digits), 16);
    if (body.size() + size > limits.maxBodyBytes()) {
      throw tooLarge(at, body.size() + size);
    }
    if (size == 0) {
      trailer = FieldBlockReader.trailer(limits, failures);
      state = State.TRAILER;
    } else {
      remaining = size;
      state = State.CHUNK_DATA;
    }
    return true;
  }

  private boolean trailerEnd(ByteQueue q) {
    if (trailer.read(q, false).isEmpty()) {
      return false;
    }
    state = State.DONE;
    return true;
  }

  private boolean chunkEnd(ByteQueue q) {
    if (q.size() == 0 || (q.byteAt(0) == '\r' && q.size() < 2)) {
      return false;
    }
    int first = q.byteAt(0);
    if (first == '\n') {
      q.skip(1);
    } else if (first == '\r' && q.byteAt(1) == '\n') {
      q.skip(2);
    } else {
      throw failures.fail(q.offset(0), String.format("bad end of chunk data: 0x%02x (expected: CRLF)", first));
    }
    state = State.CHUNK_SIZE;
    return true;
  }

  private MalformedPacketException tooLarge(long offset, long size) {
    return failures.fail(HttpStatus.CONTENT_TOO_LARGE, offset, "body too large: " + size + " bytes (expected: at most "
        + limits.maxBodyBytes() + ")");
  }
}
