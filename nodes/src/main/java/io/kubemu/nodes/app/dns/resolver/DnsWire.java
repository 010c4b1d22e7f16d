package io.kubemu.nodes.app.dns.resolver;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * DNS messages as the stub resolvers here send and read them, with dnsjava's codec: a question
 * with RD set and a random ID, and answers read defensively (bytes that are no DNS message are
 * dropped, as a resolver drops a stray datagram).
 */
public final class DnsWire {
  public static final int PORT = 53;

  private DnsWire() {}

  /** A recursive query for {@code name} (absolute or not: it is taken as absolute) and {@code type}; empty for a name DNS cannot carry. */
  public static Optional<Message> query(String name, int type) {
    try {
      Name absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
      Message m = Message.newQuery(Record.newRecord(absolute, type, DClass.IN));
      m.getHeader().setID(ThreadLocalRandom.current().nextInt(0x10000));
      m.getHeader().setFlag(Flags.RD);
      return Optional.of(m);
    } catch (TextParseException | IllegalArgumentException e) {
      return Optional.empty(); // a label over 63 characters, an empty label, a name over 255 bytes
    }
  }

  /** {@code message} as it goes over TCP: behind its length in two bytes (RFC 1035 4.2.2). */
  public static byte[] framed(Message message) {
    byte[] wire = message.toWire();
    byte[] framed = new byte[wire.length + 2];
    framed[0] = (byte) (wire.length >> 8);
    framed[1] = (byte) wire.length;
    System.arraycopy(wire, 0, framed, 2, wire.length);
    return framed;
  }

  /** The message in {@code bytes}; empty when they are none (a truncated answer with TC set is read as far as it goes). */
  public static Optional<Message> parse(byte[] bytes) {
    try {
      return Optional.of(new Message(bytes));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
