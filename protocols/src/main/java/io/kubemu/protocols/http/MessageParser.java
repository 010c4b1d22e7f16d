package io.kubemu.protocols.http;

import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The incremental core of {@link HttpRequestParser} and {@link HttpResponseParser}: bytes go in as
 * they arrive, in any chunks; whole messages come out in order. Errors are
 * {@link MalformedPacketException}s whose offset counts from the first byte fed; after one, the
 * parser keeps throwing it.
 */
public abstract sealed class MessageParser<M> permits HttpRequestParser, HttpResponseParser {
  /** What a subclass makes of a header section: the message so far and how its body is framed. */
  record Head<M>(BodyFraming framing, Function<byte[], Optional<M>> complete) {}

  final HttpLimits limits;
  final Failures failures = new Failures();
  private final ByteQueue queue;
  private FieldBlockReader header;
  private BodyReader body;
  private Head<M> head;
  private MalformedPacketException failure;

  MessageParser(HttpLimits limits, long baseOffset) {
    this.limits = limits;
    this.queue = new ByteQueue(baseOffset);
    this.header = FieldBlockReader.header(limits, failures);
  }

  /** Reads a start line and fields; throws through {@link #failures}. */
  abstract Head<M> begin(FieldBlockReader.Block block);

  abstract boolean skipsLeadingEmptyLines();

  public final void feed(byte[] data) {
    feed(data, 0, data.length);
  }

  public final void feed(byte[] data, int offset, int length) {
    queue.append(data, offset, length);
  }

  /** The next complete message, or empty until more bytes arrive. */
  public final Optional<M> next() {
    if (failure != null) {
      throw failure;
    }
    try {
      return advance();
    } catch (MalformedPacketException e) {
      failure = e;
      throw e;
    }
  }

  private Optional<M> advance() {
    while (true) {
      if (head == null) {
        Optional<FieldBlockReader.Block> block = header.read(queue, skipsLeadingEmptyLines());
        if (block.isEmpty()) {
          return Optional.empty();
        }
        head = begin(block.get());
        body = new BodyReader(head.framing(), limits, failures, queue.offset(0));
      }
      if (!body.read(queue)) {
        return Optional.empty();
      }
      Optional<M> message = head.complete().apply(body.body());
      head = null;
      body = null;
      header = FieldBlockReader.header(limits, failures);
      if (message.isPresent()) {
        return message;
      }
    }
  }

  /**
   * The peer closed its side. Returns the message the close completes (a response delimited by the
   * connection's end), or empty when no message was under way; throws when one was cut short.
   */
  public final Optional<M> endOfStream() {
    Optional<M> pending = next();
    if (pending.isPresent()) {
      return pending;
    }
    if (body != null && body.endOfStream()) {
      Optional<M> message = head.complete().apply(body.body());
      head = null;
      body = null;
      return message;
    }
    if (body != null) {
      throw truncated("truncated body: the connection closed (expected: " + body.missing() + ")");
    }
    if (header.begun() || queue.size() > 0) {
      throw truncated("truncated header section: the connection closed after " + queue.size()
          + " bytes of a line (expected: lines up to an empty line)");
    }
    return Optional.empty();
  }

  private MalformedPacketException truncated(String message) {
    failure = failures.fail(queue.offset(queue.size()), message);
    return failure;
  }

  /** True when no byte of an unfinished message is buffered or consumed. */
  public final boolean idle() {
    return head == null && !header.begun() && queue.size() == 0;
  }

  /** Body bytes of the message under way read so far; 0 before its body starts. */
  public final long bodyReceived() {
    return body == null ? 0 : body.received();
  }

  /** The length the message under way announced for its body; -1 while unknown or not framed by a length. */
  public final long bodyExpected() {
    return head == null || head.framing().kind() != BodyFraming.Kind.FIXED ? -1 : head.framing().length();
  }

  /** Bytes consumed by complete messages and by the one under way. */
  public final long consumed() {
    return queue.removed();
  }

  /**
   * The status a server answers the last failure with: 400 in general, 413 for a body over the cap,
   * 431 for a header section over its caps, 501 for an unknown transfer coding, 505 for an HTTP
   * major version other than 1; 0 while nothing failed.
   */
  public final int failureStatus() {
    return failures.status();
  }
}
