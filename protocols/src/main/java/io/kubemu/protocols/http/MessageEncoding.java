package io.kubemu.protocols.http;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Writing a message (start line, fields, body) and reading one whole message from a buffer, shared
 * by {@link HttpRequest} and {@link HttpResponse}. A chunked body goes out as one chunk and the
 * last chunk, so that what is written parses back to the same message.
 */
final class MessageEncoding {
  private static final byte[] LAST_CHUNK = HttpSyntax.latin1("0\r\n\r\n");

  private MessageEncoding() {}

  static int length(String startLine, HttpHeaders headers, byte[] body, boolean chunked) {
    int head = startLine.length() + 2 + headers.wireText().length() + 2;
    if (!chunked) {
      return head + body.length;
    }
    int chunk = body.length == 0 ? 0 : Integer.toHexString(body.length).length() + 2 + body.length + 2;
    return head + chunk + LAST_CHUNK.length;
  }

  static void encode(ByteWriter w, String startLine, HttpHeaders headers, byte[] body, boolean chunked) {
    w.bytes(HttpSyntax.latin1(startLine + "\r\n" + headers.wireText() + "\r\n"));
    if (!chunked) {
      w.bytes(body);
      return;
    }
    if (body.length > 0) {
      w.bytes(HttpSyntax.latin1(Integer.toHexString(body.length) + "\r\n")).bytes(body).bytes(HttpSyntax.latin1("\r\n"));
    }
    w.bytes(LAST_CHUNK);
  }

  /**
   * Reads the one message at the reader's position; the reader moves past it (a message delimited
   * by the connection's end takes everything left). Offsets in errors count from the buffer's start.
   */
  static <M> M decode(ByteReader r, LongFunction<MessageParser<M>> parserAt) {
    int start = r.position();
    MessageParser<M> parser = parserAt.apply(start);
    parser.feed(r.array(), start, r.remaining());
    Optional<M> message = parser.next();
    if (message.isEmpty()) {
      message = parser.endOfStream();
    }
    if (message.isEmpty()) {
      throw new MalformedPacketException(start, "no HTTP message: 0 bytes (expected: a start line)");
    }
    r.skip((int) parser.consumed(), "HTTP message");
    return message.get();
  }
}
